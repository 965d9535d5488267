"""Building a graph: read articles, extract, write each article's graph to the store.

Streams the sources in batches, so memory stays flat however large the corpus; an
article whose content is already in the store is not processed again. Extraction runs
here, in worker processes or on a Dask cluster (see executors); the store is written
from this process only, a batch of whole articles per transaction."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import Quad, RdfFormat, parse, serialize

from .graph.iris import Iris
from .graph.triples import content_hash, document_quads
from .ingest.document import Article, Document
from .ingest.pipeline import Pipeline
from .ingest.readers import Skipped, read_sources

Extract = Callable[[Article], Document]
FLUSH_EVERY = 1000  # articles: a store folder's database buffers every write in memory until flushed


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
    # seconds per stage: read, text, ner, coref, events (or extract), graph, store, resolve;
    # extraction stages are summed over workers, so with several they can exceed `seconds`
    stage_seconds: dict[str, float] = field(default_factory=dict)

    def summary(self) -> str:
        rate = self.read / self.seconds if self.seconds else 0.0
        return (f"read {self.read} article{'s' if self.read != 1 else ''} ({self.added} added, "
                f"{self.unchanged} unchanged), skipped {len(self.skipped)}; "
                f"{self.entities} entity mentions, {self.events} events, {self.quads} quads; "
                f"{self.seconds:.1f} s ({rate:.1f} articles/s)")

    def add_seconds(self, stage: str, seconds: float) -> None:
        self.stage_seconds[stage] = self.stage_seconds.get(stage, 0.0) + seconds


@dataclass
class Extracted:
    """One article's graph, or why it could not be extracted. Pickled (to come back
    from a worker) its quads travel as N-Quads, far cheaper than the Document."""

    article: Article
    article_iri: str
    quads: list[Quad] = field(default_factory=list)
    mentions: int = 0
    events: int = 0
    seconds: dict[str, float] = field(default_factory=dict)
    error: str = ""

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state["quads"] = serialize(self.quads, format=RdfFormat.N_QUADS) if self.quads else b""
        state["article"] = Article(id=self.article.id, body="", origin=self.article.origin)  # no need to send back
        return state

    def __setstate__(self, state: dict) -> None:
        raw = state["quads"]
        state["quads"] = list(parse(raw, format=RdfFormat.N_QUADS)) if raw else []
        self.__dict__.update(state)


class ArticleJob:
    """Article in, Extracted out: the work each worker does. Picklable, so a cluster's
    workers can receive it once and keep it."""

    def __init__(self, extract: Extract, iris: Iris) -> None:
        self.extract = extract
        self.iris = iris

    def __call__(self, article: Article) -> Extracted:
        seconds: dict[str, float] = {}
        iri = self.iris.article(article.id)
        started = time.perf_counter()
        try:
            if isinstance(self.extract, Pipeline):
                doc = self.extract(article, timing=seconds)
            else:
                doc = self.extract(article)
                seconds["extract"] = time.perf_counter() - started
            started = time.perf_counter()
            quads = document_quads(doc, self.iris)
        except Exception as err:  # noqa: BLE001 - one article's failure must not end the build
            return Extracted(article, iri, error=f"extraction failed ({type(err).__name__}: {err})")
        seconds["graph"] = time.perf_counter() - started
        return Extracted(article, iri, quads, len(doc.mentions), len(doc.events), seconds)


def build(paths: Iterable[str | Path], store, extract: Extract, batch_size: int = 100, workers: int = 1,
          progress: bool = True, on_skip: Callable[[Skipped], None] | None = None, executor: str | None = None,
          on_batch: Callable[[BuildReport], None] | None = None) -> BuildReport:
    """Read every article under `paths` into `store` (a GraphStore or RemoteStore);
    returns what happened. `executor` names where extraction runs (see executors);
    `on_batch` is called after each batch is written."""
    from .executors import open_executor

    report = BuildReport()
    started = time.perf_counter()
    seen: set[str] = set()  # ids of this run: a second article with an id already read is named, not merged

    def skip(item: Skipped) -> None:
        report.skipped.append(item)
        if on_skip:
            on_skip(item)

    def fresh() -> Iterator[Article]:
        for item in _timed(read_sources(paths), report, "read"):
            if isinstance(item, Skipped):
                skip(item)
                continue
            report.read += 1
            if item.id in seen:
                skip(Skipped(item.origin, f"a second article with id {item.id!r}"))
                continue
            seen.add(item.id)
            checked = time.perf_counter()
            unchanged = store.article_hash(store.iris.article(item.id)) == content_hash(item)
            report.add_seconds("store", time.perf_counter() - checked)
            if unchanged:
                report.unchanged += 1
                continue
            yield item

    bar = _progress(progress)
    batch: list[tuple[str, list[Quad]]] = []
    flush = getattr(store, "flush", None)  # a remote store sends every write at once

    def write() -> None:
        writing = time.perf_counter()
        store.put_articles(batch)
        if flush and report.added // FLUSH_EVERY != (report.added - len(batch)) // FLUSH_EVERY:
            flush()
        report.add_seconds("store", time.perf_counter() - writing)
        batch.clear()
        if on_batch:
            on_batch(report)

    with open_executor(executor, workers) as run:
        for done in run.map(ArticleJob(extract, store.iris), fresh()):
            if done.error:
                skip(Skipped(done.article.origin or done.article.id, done.error))
                continue
            for stage, seconds in done.seconds.items():
                report.add_seconds(stage, seconds)
            batch.append((done.article_iri, done.quads))
            report.added += 1
            report.entities += done.mentions
            report.events += done.events
            report.quads += len(done.quads)
            if len(batch) >= batch_size:
                write()
            bar(report)
    if batch:
        write()
    if report.added or report.unchanged:  # also when nothing is new: a build killed while resolving is completed
        resolving = time.perf_counter()
        store.resolve()
        store.refresh_labels()
        report.add_seconds("resolve", time.perf_counter() - resolving)
    bar(report, done=True)
    report.seconds = time.perf_counter() - started
    return report


def _timed(items: Iterable, report: BuildReport, stage: str) -> Iterator:
    """The items, adding the time spent producing each to `stage`."""
    iterator = iter(items)
    while True:
        started = time.perf_counter()
        try:
            item = next(iterator)
        except StopIteration:
            report.add_seconds(stage, time.perf_counter() - started)
            return
        report.add_seconds(stage, time.perf_counter() - started)
        yield item


def _progress(enabled: bool) -> Callable[..., None]:
    """A progress line on stderr (tqdm), or nothing when output is not a terminal user."""
    if not enabled:
        return lambda report, done=False: None
    from tqdm import tqdm

    bar = tqdm(unit=" articles", file=sys.stderr, mininterval=0.5)

    def update(report: BuildReport, done: bool = False) -> None:
        bar.set_postfix(added=report.added, skipped=len(report.skipped), refresh=False)
        bar.update(report.read - bar.n)
        if done:
            bar.close()

    return update
