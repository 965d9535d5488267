"""CoNLL files: token-per-line input (blank line between sentences, extra columns
ignored) tagged token for token with BIO tags over PER/ORG/LOC."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path

from ..document import Document, Mention
from ..text import from_tokens
from .clitics import stems
from .gazetteer import word_list
from .rules import lexicons


def read_conll(path: Path) -> Iterator[list[list[str]]]:
    """Sentences of a CoNLL file, each a list of rows (token first, tag last when present)."""
    sentence: list[list[str]] = []
    with open(path, encoding="utf-8") as stream:
        for line in stream:
            parts = line.split()
            if not parts:
                if sentence:
                    yield sentence
                sentence = []
            else:
                sentence.append(parts)
    if sentence:
        yield sentence


def bio_tags(doc: Document) -> list[str]:
    """One tag per token of `doc`: a token any part of which a mention covers takes its type.

    Tags mark names proper, as NER corpora do: a description ("الجيش الإسرائيلي") is not
    tagged, and a head or compass word before a name stays outside it ("مدينة [مشهد]",
    "حركة [حماس]", "جنوب [لبنان]")."""
    tags = ["O"] * len(doc.tokens)
    for mention in sorted(doc.mentions, key=lambda m: m.start):
        start = mention.token_start
        if mention.rule.endswith("-description") or _describes(doc, mention):
            continue
        if mention.token_end - start > 1 and (mention.rule.endswith("-head") or _outer_word(doc, mention)):
            start += 1
        first = True
        for i in range(start, mention.token_end):
            if tags[i] != "O":
                continue
            tags[i] = ("B-" if first else "I-") + mention.type
            first = False
    return tags


def _outer_word(doc: Document, mention: Mention) -> bool:
    """A place whose first word is a head or a compass word: "قطاع غزة", "جنوب لبنان"."""
    if mention.type != "LOC":
        return False
    lex = lexicons()
    first = doc.tokens[mention.token_start].norm
    return any(form in lex.place_heads or form in _compass() for form, _, _ in stems(first))


def _describes(doc: Document, mention: Mention) -> bool:
    """An organisation named by a definite head and a nationality: "الجيش الإسرائيلي"."""
    if mention.type != "ORG" or mention.token_end - mention.token_start != 2:
        return False
    lex = lexicons()
    head, adjective = (t.norm for t in doc.tokens[mention.token_start : mention.token_end])
    return head.startswith("ال") and head[2:] in lex.org_heads and adjective in lex.nationalities


@cache
def _compass() -> frozenset[str]:
    return word_list("compass.txt")


def tag_file(source: Path, target: Path, recognizer: Callable[[Document], Document], chunk: int = 200) -> int:
    """Tag every token of `source` into `target`; returns the number of tokens."""
    count = 0
    with open(target, "w", encoding="utf-8") as out:
        batch: list[list[str]] = []

        def flush() -> None:
            doc = recognizer(from_tokens(batch))
            tags = bio_tags(doc)
            i = 0
            for words in batch:
                for word in words:
                    out.write(f"{word} {tags[i]}\n")
                    i += 1
                out.write("\n")

        for rows in read_conll(source):
            batch.append([row[0] for row in rows])
            count += len(rows)
            if len(batch) >= chunk:
                flush()
                batch = []
        if batch:
            flush()
    return count
