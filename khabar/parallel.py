"""Extraction in worker processes, in input order, holding only a window of articles."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from itertools import islice

from .ingest.document import Article, Document

_EXTRACT: Callable[[Article], Document] | None = None


def _run(article: Article) -> Document:
    assert _EXTRACT is not None
    return _EXTRACT(article)


def parallel_map(articles: Iterable[Article], extract: Callable[[Article], Document], workers: int,
                 window: int = 256) -> Iterator[Document]:
    """Documents for `articles`, in order, extracted by `workers` forked processes that
    inherit `extract` (so its lexicons load once, before the fork)."""
    global _EXTRACT
    _EXTRACT = extract
    iterator = iter(articles)
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        while chunk := list(islice(iterator, window)):
            yield from pool.imap(_run, chunk, chunksize=8)
