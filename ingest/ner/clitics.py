"""Arabic proclitics on a normalised token: و/ف, then ب/ل/ك, with لل standing for ل + ال."""

from __future__ import annotations

CONJUNCTIONS = ("و", "ف")
PREPOSITIONS = ("ب", "ل", "ك")


def stems(norm: str) -> list[tuple[str, int, bool]]:
    """(form, letters removed from the front, ال restored) for the token and each clitic split.

    "وبالعراق" gives ("وبالعراق", 0), ("بالعراق", 1), ("العراق", 2); "للعراق" gives
    ("العراق", 1): the article's alef is dropped after ل, so one letter of the token is
    the preposition and the name is read with its ال restored."""
    out = [(norm, 0, False)]
    rest, removed = norm, 0
    if rest.startswith(CONJUNCTIONS) and len(rest) > 3:
        rest, removed = rest[1:], 1
        out.append((rest, removed, False))
    if rest.startswith("لل") and len(rest) > 3:
        out.append(("ا" + rest[1:], removed + 1, True))
    elif rest.startswith(PREPOSITIONS) and len(rest) > 3:
        out.append((rest[1:], removed + 1, False))
    return out


def original_offset(text: str, letters: int) -> int:
    """Index in an original token after `letters` letters, skipping diacritics and tatweel."""
    seen = 0
    for i, ch in enumerate(text):
        if seen == letters:
            return i
        if not ("\u064b" <= ch <= "\u065f" or ch in "\u0670\u0640"):
            seen += 1
    return len(text)
