"""Where extraction runs: in this process, in forked worker processes on this machine,
or on the workers of a Dask cluster (`dask://HOST:PORT`, or `dask://local` for a
cluster of this machine's cores started for the run).

Every executor maps a function over items and gives the results back in input order,
with only a bounded window in flight, so a corpus of any size streams through. On a
Dask cluster the function (the pipeline with its lexicons) is sent to each worker once;
the workers need Khabar installed (`pip install 'khabar[dask]'`)."""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from .parallel import chunks, parallel_map

DASK_SCHEME = "dask://"


class Local:
    """One process: this one."""

    def map(self, function: Callable, items: Iterable) -> Iterator:
        return map(function, items)


class Processes:
    """Forked processes on this machine."""

    def __init__(self, workers: int) -> None:
        self.workers = workers

    def map(self, function: Callable, items: Iterable) -> Iterator:
        return parallel_map(items, function, self.workers)


class Dask:
    """The workers of a Dask distributed cluster, through a connected `Client`."""

    def __init__(self, client, chunk_size: int = 8, window: int = 4) -> None:
        self.client = client
        self.chunk_size = chunk_size
        self.window = window

    def map(self, function: Callable, items: Iterable) -> Iterator:
        workers = max(1, len(self.client.scheduler_info().get("workers", {})))
        [shipped] = self.client.scatter([function], broadcast=True, hash=False)
        pending: deque = deque()
        for chunk in chunks(items, self.chunk_size):
            pending.append(self.client.submit(_run_chunk, shipped, chunk, pure=False))
            while len(pending) >= self.window * workers:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


def _run_chunk(function: Callable, chunk: list) -> list:
    return [function(item) for item in chunk]


def dask_address(spec: str) -> str:
    """The scheduler address in `dask://HOST:PORT` (tcp:// unless another protocol is given),
    or "local"."""
    if not spec.startswith(DASK_SCHEME) or not spec[len(DASK_SCHEME):]:
        raise ValueError(f"--executor takes dask://HOST:PORT or dask://local, not {spec!r}")
    rest = spec[len(DASK_SCHEME):]
    return rest if rest == "local" or "://" in rest else "tcp://" + rest


@contextmanager
def open_executor(spec: str | None, workers: int = 1) -> Iterator[Local | Processes | Dask]:
    """The executor `spec` names: None for this machine (`workers` processes), or a Dask
    scheduler. A `dask://local` cluster gets `workers` processes (default: one per core)."""
    if spec is None:
        yield Processes(workers) if workers > 1 else Local()
        return
    address = dask_address(spec)
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise RuntimeError("the Dask executor needs dask[distributed]: pip install 'khabar[dask]'") from None
    if address == "local":
        count = workers if workers > 1 else (os.cpu_count() or 1)
        with LocalCluster(n_workers=count, threads_per_worker=1, dashboard_address=":0") as cluster, \
                Client(cluster) as client:
            yield Dask(client)
        return
    with Client(address, timeout=30) as client:
        yield Dask(client)
