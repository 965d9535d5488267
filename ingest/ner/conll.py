"""CoNLL files: token-per-line input (blank line between sentences, extra columns
ignored) tagged token for token with BIO tags over PER/ORG/LOC."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from ..document import Document
from ..text import from_tokens


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
    """One tag per token of `doc`: a token any part of which a mention covers takes its type."""
    tags = ["O"] * len(doc.tokens)
    for mention in sorted(doc.mentions, key=lambda m: m.start):
        start = mention.token_start
        if mention.rule.endswith("-description"):
            continue  # "الخارجية الأميركية" describes a body; it is not a name
        if mention.rule.endswith("-head") and mention.token_end - start > 1:
            start += 1  # the name proper, without its head word: "مدينة [مشهد]", "حركة [حماس]"
        first = True
        for i in range(start, mention.token_end):
            if tags[i] != "O":
                continue
            tags[i] = ("B-" if first else "I-") + mention.type
            first = False
    return tags


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
