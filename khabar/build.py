"""Building a graph: read articles, extract, write each article's graph to the store.

Streams the sources in batches, so memory stays flat however large the corpus; an
article whose content is already in the store is not processed again."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .graph.store import GraphStore
from .graph.triples import content_hash, document_quads
from .ingest.document import Article, Document
from .ingest.readers import Skipped, read_sources


@dataclass
class BuildReport:
    read: int = 0
    added: int = 0
    unchanged: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    entities: int = 0
    events: int = 0
    quads: int = 0
    seconds: float = 0.0
    stage_seconds: dict[str, float] = field(default_factory=dict)

    def summary(self) -> str:
        rate = self.read / self.seconds if self.seconds else 0.0
        return (f"read {self.read} article{'s' if self.read != 1 else ''} ({self.added} added, "
                f"{self.unchanged} unchanged), skipped {len(self.skipped)}; "
                f"{self.entities} entity mentions, {self.events} events, {self.quads} quads; "
                f"{self.seconds:.1f} s ({rate:.1f} articles/s)")


def _extract_all(articles: Iterable[Article], extract: Callable[[Article], Document], workers: int
                 ) -> Iterator[Document]:
    if workers <= 1:
        yield from map(extract, articles)
        return
    from .parallel import parallel_map

    yield from parallel_map(articles, extract, workers)


def build(paths: Iterable[str | Path], store: GraphStore, extract: Callable[[Article], Document],
          batch_size: int = 100, workers: int = 1, progress: bool = True,
          on_skip: Callable[[Skipped], None] | None = None) -> BuildReport:
    """Read every article under `paths` into `store`; returns what happened."""
    report = BuildReport()
    started = time.perf_counter()
    seen: set[str] = set()

    def fresh() -> Iterator[Article]:
        for item in read_sources(paths):
            if isinstance(item, Skipped):
                report.skipped.append(item)
                if on_skip:
                    on_skip(item)
                continue
            report.read += 1
            iri = store.iris.article(item.id)
            if item.id in seen:
                report.skipped.append(Skipped(item.origin, f"a second article with id {item.id!r}"))
                if on_skip:
                    on_skip(report.skipped[-1])
                continue
            seen.add(item.id)
            if store.article_hash(iri) == content_hash(item):
                report.unchanged += 1
                continue
            yield item

    bar = _progress(progress)
    batch: list[tuple[str, list]] = []
    for doc in _extract_all(fresh(), extract, workers):
        quads = document_quads(doc, store.iris)
        batch.append((store.iris.article(doc.article.id), quads))
        report.added += 1
        report.entities += len(doc.mentions)
        report.events += len(doc.events)
        report.quads += len(quads)
        if len(batch) >= batch_size:
            store.put_articles(batch)
            batch = []
        bar(report)
    if batch:
        store.put_articles(batch)
    if report.added:
        store.resolve()
        store.refresh_labels()
    bar(report, done=True)
    report.seconds = time.perf_counter() - started
    return report


def _progress(enabled: bool) -> Callable[..., None]:
    """A progress line on stderr (tqdm), or nothing when output is not a terminal user."""
    if not enabled:
        return lambda report, done=False: None
    from tqdm import tqdm

    bar = tqdm(unit=" articles", file=sys.stderr, dynamic_ncols=True, mininterval=0.5)

    def update(report: BuildReport, done: bool = False) -> None:
        bar.n = report.read
        bar.set_postfix(added=report.added, skipped=len(report.skipped), refresh=False)
        bar.refresh() if done else bar.update(0)
        if done:
            bar.close()

    return update
