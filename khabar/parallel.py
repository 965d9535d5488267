"""Work in forked worker processes, results in input order, only a window of items in flight."""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

_FUNCTION: Callable | None = None


def _run(chunk: list) -> list:
    assert _FUNCTION is not None
    return [_FUNCTION(item) for item in chunk]


def chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def parallel_map(items: Iterable[T], function: Callable[[T], R], workers: int, chunk_size: int = 8,
                 window: int = 4) -> Iterator[R]:
    """`function` over `items`, in order, by `workers` forked processes that inherit
    `function` (so its lexicons load once, before the fork). At most `window` chunks per
    worker are read ahead, so memory does not grow with the input."""
    global _FUNCTION
    _FUNCTION = function
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        pending: deque = deque()
        for chunk in chunks(items, chunk_size):
            pending.append(pool.apply_async(_run, (chunk,)))
            while len(pending) >= window * workers:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()
