"""The grammatical words the event and relation rules read (data/event_grammar.tsv), matched
on normalised tokens: prepositions, complementizers, relative pronouns, light verbs...

A class holds single words and phrases; a phrase matches at a token when its words follow
one another, the first one possibly carrying the conjunction و or ف."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from .lexicon import data_tsv
from .text import normalize

CONJUNCTIONS = ("و", "ف")
ONE_LETTER_PREPOSITIONS = ("ب", "ل", "ك")
PUNCTUATION = frozenset("،,;؛:.!?؟()[]{}\"'«»“”-–—/")
QUOTE_MARKS = frozenset("\"'«»“”")
QUOTE_MARKS_OPEN = frozenset("\"«“")


def norm_phrase(phrase: str) -> tuple[str, ...]:
    return tuple(normalize(word) for word in phrase.split())


def without_conjunction(norm: str) -> str | None:
    """"وقال" -> "قال"; None when the word does not start with a conjunction."""
    if len(norm) > 2 and norm.startswith(CONJUNCTIONS):
        return norm[1:]
    return None


@dataclass(frozen=True)
class PhraseSet:
    """Phrases indexed by their first word, longest first."""

    by_first: dict[str, tuple[tuple[str, ...], ...]]

    @classmethod
    def of(cls, phrases: list[tuple[str, ...]]) -> PhraseSet:
        index: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        for phrase in phrases:
            if phrase:
                index[phrase[0]].append(phrase)
        return cls({k: tuple(sorted(set(v), key=len, reverse=True)) for k, v in index.items()})

    def match(self, norms: list[str], i: int, conj: bool = True) -> int:
        """End (exclusive) of the longest phrase starting at token i, or 0."""
        if i >= len(norms):
            return 0
        firsts = [norms[i]]
        bare = without_conjunction(norms[i]) if conj else None
        if bare:
            firsts.append(bare)
        for first in firsts:
            for phrase in self.by_first.get(first, ()):
                end = i + len(phrase)
                if end <= len(norms) and tuple(norms[i + 1 : end]) == phrase[1:]:
                    return end
        return 0

    def __contains__(self, norm: str) -> bool:
        bare = without_conjunction(norm)
        return any((w,) in self.by_first.get(w, ()) for w in (norm, bare) if w)


@dataclass(frozen=True)
class Grammar:
    classes: dict[str, PhraseSet]

    def match(self, cls: str, norms: list[str], i: int, conj: bool = True) -> int:
        phrases = self.classes.get(cls)
        return phrases.match(norms, i, conj) if phrases else 0

    def is_(self, cls: str, norm: str) -> bool:
        phrases = self.classes.get(cls)
        return bool(phrases) and norm in phrases


@cache
def grammar() -> Grammar:
    phrases: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for word, cls in data_tsv("event_grammar.tsv"):
        phrases[cls].append(norm_phrase(word))
    for phrase, cls in data_tsv("polarity.tsv"):
        phrases[cls].append(norm_phrase(phrase))
    for phrase, cls in data_tsv("attribution.tsv"):
        phrases["attribution_" + cls].append(norm_phrase(phrase))
    return Grammar({cls: PhraseSet.of(items) for cls, items in phrases.items()})


def is_punctuation(norm: str) -> bool:
    return bool(norm) and all(ch in PUNCTUATION for ch in norm)


def preposition_clitic(prefix: str) -> str:
    """The one-letter preposition among the letters written before a name ("وب" -> "ب")."""
    letters = normalize(prefix).replace("ـ", "")
    for ch in reversed(letters):
        if ch in ONE_LETTER_PREPOSITIONS:
            return ch
    return ""
