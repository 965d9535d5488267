"""How often each word stands inside a name the default recognizer finds in unlabelled
articles: features for the tagger (`khabar ner train --unlabelled TEXTS`).

The lists and patterns recognise a name where its context is clear ("الحارس كاسياس",
"وزارة الصحة العراقية"); counted over thousands of articles, the share of a word's
occurrences that fall inside a person, organisation or place tells the tagger what the
word usually is where it stands without such context.

The counts are stored in the model folder as `names.tsv`: one word a line, then how
often it was seen and how often inside a PER, ORG and LOC name."""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from ..document import ENTITY_TYPES, Article
from ..readers import read_sources
from ..text import analyse

if TYPE_CHECKING:
    from .recognizer import RuleRecognizer

FILE = "names.tsv"
DEFAULT_LIMIT = 5_000  # articles read: enough for the frequent words, a minute of work
MIN_COUNT = 3  # fewer sightings say too little about a word

Stats = dict[str, tuple[int, ...]]  # word -> (seen, in PER, in ORG, in LOC)


def learn(paths: Iterable[str | Path], limit: int = DEFAULT_LIMIT, recognizer: RuleRecognizer | None = None,
          min_count: int = MIN_COUNT) -> tuple[Stats, int]:
    """Counts for each word seen at least `min_count` times in the first `limit` articles
    under `paths` (names found by `recognizer`, the default one unless given), and how
    many articles were read."""
    from .recognizer import RuleRecognizer

    recognizer = recognizer or RuleRecognizer()
    seen: Counter = Counter()
    inside = {kind: Counter() for kind in ENTITY_TYPES}
    articles = (a for a in read_sources(paths) if isinstance(a, Article))
    n_articles = 0
    for article in itertools.islice(articles, limit):
        doc = recognizer(analyse(article))
        seen.update(t.norm for t in doc.tokens)
        for mention in doc.mentions:
            inside[mention.type].update(t.norm for t in doc.tokens[mention.token_start : mention.token_end])
        n_articles += 1
    stats = {w: (n, *(inside[kind][w] for kind in ENTITY_TYPES)) for w, n in seen.items() if n >= min_count}
    return stats, n_articles


def features(counts: tuple[int, ...] | None) -> list[str]:
    """The share of a word's sightings (its counts, None when unseen) inside each type of
    name, in coarse steps."""
    if counts is None:
        return ["nm=unseen"]
    seen, *by_type = counts
    out = []
    for kind, n in zip(ENTITY_TYPES, by_type):
        share = n / seen
        if share >= 0.05:
            out.append(f"nm{kind}={'hi' if share >= 0.5 else 'mid' if share >= 0.2 else 'lo'}")
    return out or ["nm=none"]


def save(stats: Mapping[str, tuple[int, ...]], path: Path) -> None:
    path.write_text("".join(f"{w}\t" + "\t".join(map(str, c)) + "\n" for w, c in stats.items()), encoding="utf-8")


def load(path: Path) -> Stats:
    out: Stats = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        word, *counts = line.split("\t")
        if word and len(counts) == len(ENTITY_TYPES) + 1:
            out[word] = tuple(int(c) for c in counts)
    return out
