"""A readable romanisation of Arabic names for English labels: "غضنفر البطيخ" ->
"Ghadanfar al-Batikh". Short vowels are not written in Arabic, so one is guessed
("a") between consonants; long vowels and glides come from the letters."""

from __future__ import annotations

from functools import cache

from camel_tools.utils.dediac import dediac_ar

from .lexicon import data_tsv

_LINKS = {"بن": "bin", "ابن": "ibn", "بنت": "bint", "أبو": "Abu", "ابو": "Abu", "عبد": "Abd", "آل": "Al"}


@cache
def _letters() -> dict[str, tuple[str, str]]:
    return {ar: (latin, kind) for ar, latin, kind in data_tsv("romanization.tsv")}


def romanize(name: str) -> str:
    """Every word of the name romanised and capitalised; "ال" becomes "al-"."""
    words = []
    for word in dediac_ar(name).replace("\u0640", "").split():
        if word in _LINKS:
            words.append(_LINKS[word])
            continue
        article = word.startswith("ال") and len(word) > 3
        core = _word(word[2:] if article else word)
        if not core:
            continue
        first = next((i for i, c in enumerate(core) if c.isalpha()), 0)
        words.append(("al-" if article else "") + core[:first] + core[first].upper() + core[first + 1 :])
    return " ".join(words)


def _word(word: str) -> str:
    letters = _letters()
    out: list[str] = []
    prev_consonant = False
    for i, ch in enumerate(word):
        latin, kind = letters.get(ch, (ch if ch.isascii() else "", "c"))
        if not latin:
            continue
        if kind == "v" and ch in "وي":
            between = prev_consonant and i + 1 < len(word) and letters.get(word[i + 1], ("", "c"))[1] == "c"
            last = i == len(word) - 1 and prev_consonant
            if between or last:
                latin, kind = ("u" if ch == "و" else "i"), "v"
            else:
                kind = "c"
        if kind == "c" and prev_consonant and out:
            out.append("a")  # the unwritten short vowel between two consonants
        out.append(latin)
        prev_consonant = kind == "c"
    return "".join(out).replace("aa", "a")
