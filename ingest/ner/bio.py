"""BIO tags to mentions: the last step of every tagger backend (CRF, camel-tools,
transformers), which label tokens rather than find spans."""

from __future__ import annotations

from collections.abc import Sequence

from ..document import ENTITY_TYPES, Document, Mention, Sentence

# Corpora and models name the same types differently (ANERcorp says PERS, OntoNotes GPE).
TYPE_ALIASES = {"PERS": "PER", "PERSON": "PER", "GPE": "LOC", "LOCATION": "LOC", "ORGANIZATION": "ORG",
                "ORGANISATION": "ORG"}


def canonical(tag: str) -> str:
    """"B-PERS" -> "B-PER", "i-gpe" -> "I-LOC"; "O" and unknown shapes -> "O"."""
    prefix, sep, kind = tag.upper().partition("-")
    if not sep or prefix not in ("B", "I") or not kind:
        return "O"
    return f"{prefix}-{TYPE_ALIASES.get(kind, kind)}"


def spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """(start, end exclusive, type) of each span; an I- that does not continue its type
    starts a new span, as conlleval reads it."""
    out: list[tuple[int, int, str]] = []
    start, kind = 0, None
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, typ = canonical(tag).partition("-")
        begins = prefix == "B" or (prefix == "I" and typ != kind)
        if kind is not None and (prefix == "O" or begins):
            out.append((start, i, kind))
            kind = None
        if begins:
            start, kind = i, typ
    return out


def to_mentions(doc: Document, sentence: Sentence, tags: Sequence[str], scores: Sequence[float],
                rule: str) -> list[Mention]:
    """Mentions of PER/ORG/LOC from one tag (and one confidence) per token of `sentence`."""
    out = []
    for start, end, kind in spans(tags):
        if kind not in ENTITY_TYPES:
            continue
        first, last = doc.tokens[sentence.token_start + start], doc.tokens[sentence.token_start + end - 1]
        score = sum(scores[start:end]) / (end - start)
        out.append(Mention(start=first.start, end=last.end, text=doc.text[first.start : last.end], type=kind,
                           score=round(score, 4), rule=rule, sentence=sentence.index,
                           token_start=sentence.token_start + start, token_end=sentence.token_start + end))
    return out
