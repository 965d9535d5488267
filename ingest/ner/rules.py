"""The lexicons the recognizer's patterns read: titles, organisation and place heads,
given names and the words that never make a name."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ..lexicon import data_tsv
from ..text import normalize
from .gazetteer import name_key, nationalities, word_list

# Titles after which a single unknown word is still a name ("الجنرال قاآني").
STRONG_TITLE_KINDS = {"rank", "honorific", "religious"}
NAME_LINKS = {normalize(w) for w in ("بن", "ابن", "بنت", "عبد", "أبو", "أبي", "آل", "ولد")}
ABD = "عبد"  # the first half of compound given names: عبد الكريم، عبد الله


@dataclass(frozen=True)
class Lexicons:
    titles: dict[tuple[str, ...], str]  # normalised title phrase -> kind
    org_heads: frozenset[str]
    org_types: frozenset[str]  # heads that only say what kind of group follows ("حركة حماس")
    place_heads: dict[str, str]  # head word -> kind of place it names (City, Governorate, Facility...)
    town_heads: frozenset[str]  # heads the name of a city or town follows ("مدينة", "بلدة")
    given_names: frozenset[str]
    stopwords: frozenset[str]
    common: frozenset[str]
    nationalities: frozenset[str]
    vocabulary: frozenset[str]  # ordinary words: never part of a name the patterns guess
    longest_title: int

    def is_title_word(self, norm: str) -> bool:
        return (norm,) in self.titles

    def is_name_word(self, norm: str) -> bool:
        """Could be part of a proper name: Arabic letters, and no function word,
        generic noun, nationality adjective or title."""
        return (len(norm) >= 2 and norm.isalpha() and "\u0621" <= norm[0] <= "\u064a"
                and norm not in self.stopwords and norm not in self.common
                and norm not in self.nationalities and not self.is_title_word(norm)
                and norm not in self.org_heads and norm not in self.place_heads)

    def is_surname(self, norm: str) -> bool:
        """The "ال" surname shape of Arab names: الخزعلي، التميمي."""
        return (norm.startswith("ال") and len(norm) >= 5 and self.is_name_word(norm)
                and norm not in self.vocabulary)


@cache
def lexicons() -> Lexicons:
    titles = {name_key(phrase): kind for phrase, kind, *_ in data_tsv("person_titles.tsv")}
    titles = {k: v for k, v in titles.items() if k}
    return Lexicons(
        titles=titles,
        org_heads=frozenset(normalize(row[0]) for row in data_tsv("org_heads.tsv")),
        org_types=word_list("org_type_words.txt"),
        place_heads={normalize(row[0]): row[1] for row in data_tsv("place_heads.tsv")},
        town_heads=frozenset(normalize(row[0]) for row in data_tsv("place_heads.tsv") if row[2:3] == ["town"]),
        # a given name that is also a function word ("آن" Anne, read as أن) is no evidence;
        # علي is kept and told from the preposition على by its spelling
        given_names=word_list("given_names.txt") - (word_list("stopwords.txt") - {"علي"}),
        stopwords=word_list("stopwords.txt"),
        common=word_list("common_nouns.txt"),
        nationalities=frozenset(nationalities()),
        vocabulary=word_list("vocabulary.txt"),
        longest_title=max((len(k) for k in titles), default=1),
    )
