"""Build speed and memory on the SaudiNewsNet corpus (30,100 articles), run by hand:

    python benchmarks/build_corpus.py              # the first 2,000 articles
    python benchmarks/build_corpus.py --all        # all of them
    python benchmarks/build_corpus.py --workers 2
    python benchmarks/build_corpus.py --executor dask://local

Builds into a fresh store folder and prints articles/s, triples/s, the time per stage,
peak memory, and the memory in use as the corpus goes by (flat when building streams).
The corpus is read from ../shared/corpus beside the checkout (or --corpus)."""

from __future__ import annotations

import argparse
import gzip
import os
import resource
import shutil
import sys
import tempfile
import time
import tracemalloc
from itertools import islice
from pathlib import Path

from khabar.build import BuildReport, build
from khabar.graph.store import GraphStore
from khabar.ingest.pipeline import Pipeline

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "saudinewsnet.jsonl.gz"
STAGES = ("read", "text", "ner", "coref", "events", "extract", "graph", "store", "resolve")


def rss_mb() -> float:
    """Memory this process holds now (resident set)."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize() / 2**20


def peak_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # kilobytes on Linux


def first_articles(corpus: Path, count: int, folder: Path) -> Path:
    """The first `count` lines of the corpus as a file of their own."""
    out = folder / f"saudinewsnet-first-{count}.jsonl"
    with gzip.open(corpus, "rb") as lines, out.open("wb") as sink:
        sink.writelines(islice(lines, count))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", "--articles", type=int, default=2000, help="how many articles (default 2000)")
    parser.add_argument("--all", action="store_true", help="the whole corpus (30,100 articles)")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--executor", help="dask://HOST:PORT or dask://local")
    parser.add_argument("--batch", type=int, default=100, help="articles per transaction")
    parser.add_argument("--store", type=Path, help="build here (default: a temporary folder, removed after)")
    parser.add_argument("--tracemalloc", action="store_true",
                        help="also trace Python allocations (slower; the peak of Python objects alone)")
    args = parser.parse_args(argv)
    if not args.corpus.exists():
        print(f"{args.corpus} is absent: the benchmark needs the SaudiNewsNet corpus in ../shared/corpus "
              "(or pass --corpus FILE)", file=sys.stderr)
        return 2

    work = Path(tempfile.mkdtemp(prefix="khabar-bench-"))
    try:
        source = args.corpus if args.all else first_articles(args.corpus, args.articles, work)
        store_path = args.store or work / "kg"
        if args.tracemalloc:
            tracemalloc.start()
        started = time.perf_counter()
        pipeline = Pipeline()
        load = time.perf_counter() - started
        checkpoints: list[tuple[int, float, float]] = []

        def sample(report: BuildReport) -> None:
            checkpoints.append((report.read, time.perf_counter() - started - load, rss_mb()))

        load_before = os.getloadavg()[0]
        cpu_before = os.times()
        with GraphStore(store_path) as store:
            report = build([source], store, pipeline, batch_size=args.batch, workers=args.workers,
                           executor=args.executor, progress=False, on_batch=sample)
            triples = len(store)
        cpu = os.times()
        cpu_seconds = (cpu.user + cpu.system - cpu_before.user - cpu_before.system,
                       cpu.children_user + cpu.children_system - cpu_before.children_user - cpu_before.children_system)
        print_report(args, report, load, triples, checkpoints, cpu_seconds, (load_before, os.getloadavg()[0]))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def print_report(args: argparse.Namespace, report: BuildReport, load: float, triples: int,
                 checkpoints: list[tuple[int, float, float]], cpu: tuple[float, float],
                 load_average: tuple[float, float]) -> None:
    where = args.executor or f"{args.workers} worker{'s' if args.workers != 1 else ''}"
    seconds = report.seconds
    print(f"khabar build benchmark: {report.read + len(report.skipped)} items of {args.corpus.name}, {where}, "
          f"batch {args.batch}, run {time.strftime('%Y-%m-%d %H:%M')}")
    print(f"  pipeline load     {load:8.1f} s (once, not counted below)")
    print(f"  build             {seconds:8.1f} s  ({report.added} added, {len(report.skipped)} skipped)")
    print(f"  articles/s        {report.read / seconds:8.1f}  ({report.read} articles read)")
    print(f"  CPU               {cpu[0]:8.1f} s this process, {cpu[1]:.1f} s worker processes "
          f"({report.read / sum(cpu):.1f} articles per CPU-second)")
    print(f"  machine load      {load_average[0]:8.1f} at start, {load_average[1]:.1f} at end "
          f"({os.cpu_count()} cores; other work slows the wall-clock figures)")
    print(f"  quads/s           {report.quads / seconds:8.0f}  ({report.quads} quads written, "
          f"{triples} in the store after resolution)")
    print(f"  peak memory       {peak_mb():8.0f} MB (this process, resident)")
    if args.workers > 1 and not args.executor:
        print(f"  peak memory       {peak_mb(resource.RUSAGE_CHILDREN):8.0f} MB (largest worker process)")
    if tracemalloc.is_tracing():
        print(f"  peak Python heap  {tracemalloc.get_traced_memory()[1] / 2**20:8.0f} MB (tracemalloc)")
    total = sum(v for k, v in report.stage_seconds.items())
    summed = " (summed over workers)" if args.workers > 1 or args.executor else ""
    print(f"time per stage{summed}:")
    for stage in STAGES:
        if stage in report.stage_seconds:
            spent = report.stage_seconds[stage]
            print(f"  {stage:10s} {spent:8.1f} s  {100 * spent / total:5.1f} %  "
                  f"{1000 * spent / max(report.read, 1):7.1f} ms/article")
    print("memory as the corpus goes by:")
    shown = _spread(checkpoints, 8)
    for read, at, rss in shown:
        print(f"  {read:6d} articles  {at:7.1f} s  {rss:7.0f} MB resident")


def _spread(points: list, count: int) -> list:
    if len(points) <= count:
        return points
    step = (len(points) - 1) / (count - 1)
    return [points[round(i * step)] for i in range(count)]


if __name__ == "__main__":
    sys.exit(main())
