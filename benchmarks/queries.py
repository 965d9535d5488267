"""Saved-query times on a built store, next to the same queries on raw pyoxigraph, run by hand:

    python benchmarks/build_corpus.py --store /tmp/kg      # build one first (kept with --store)
    python benchmarks/queries.py /tmp/kg

For each saved query (`khabar query --list`) it prints the median of several runs
through Khabar's store (GraphStore.query, every row read), through Khabar as
`khabar query` prints it (the table), and straight through pyoxigraph's Store.query
over the union of the named graphs. events-in-place is bound to the place with the
most dated events and the span of their dates."""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from pyoxigraph import Literal, QuerySolutions, Variable

from khabar.graph.query import render, saved_queries
from khabar.graph.store import GraphStore

SLOW = 2.0
_BUSIEST_PLACE = """PREFIX kb: <https://w3id.org/khabar/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?name (COUNT(DISTINCT ?event) AS ?n) (MIN(STR(?date)) AS ?from) (MAX(STR(?date)) AS ?to) WHERE {
  ?event kb:location ?p ; kb:date ?date . ?p rdfs:label ?name . FILTER(lang(?name) = "ar")
} GROUP BY ?name ORDER BY DESC(?n) LIMIT 1"""


def bindings_for(name: str, graph: GraphStore) -> dict[Variable, Literal]:
    if name != "events-in-place":
        return {}
    rows = list(graph.query(_BUSIEST_PLACE))
    if not rows:
        return {Variable("place"): Literal("بغداد"), Variable("from"): Literal("2000-01-01"),
                Variable("to"): Literal("2030-12-31")}
    row = rows[0]
    return {Variable("place"): Literal(row["name"].value), Variable("from"): Literal(row["from"].value[:10]),
            Variable("to"): Literal(row["to"].value[:10])}


def consume(result: object) -> int:
    """Read every row (every value), as a program using the results would."""
    if isinstance(result, QuerySolutions):
        variables = result.variables
        return sum(1 for row in result for _ in (tuple(row[v] for v in variables),))
    return sum(1 for _ in result) if hasattr(result, "__iter__") else 1


def median_seconds(run: Callable[[], object], repeat: int) -> tuple[float, object]:
    """The median time of `repeat` runs after one that warms the caches; a query that
    takes over SLOW seconds is timed once."""
    started = time.perf_counter()
    value = run()
    if time.perf_counter() - started > SLOW:
        return time.perf_counter() - started, value
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        value = run()
        times.append(time.perf_counter() - started)
    return statistics.median(times), value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("store", type=Path, help="a store folder built by khabar")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs of each query (default 5)")
    parser.add_argument("--only", help="comma-separated names of the saved queries to run (default: all)")
    args = parser.parse_args(argv)
    if not (args.store / "CURRENT").exists():
        print(f"{args.store} is not a Khabar store: build one first, e.g. "
              "python benchmarks/build_corpus.py --store /tmp/kg", file=sys.stderr)
        return 2

    graph = GraphStore(args.store, read_only=True)
    raw = graph.store
    print(f"saved queries on {args.store} ({len(graph)} quads), median of {args.repeat} runs")
    print(f"{'query':18s} {'rows':>6s} {'khabar':>10s} {'as table':>10s} {'pyoxigraph':>11s} {'ratio':>6s}")
    chosen = set(args.only.split(",")) if args.only else None
    for name, text in sorted(saved_queries().items()):
        if chosen is not None and name not in chosen:
            continue
        bound = bindings_for(name, graph)
        ours, rows = median_seconds(lambda t=text, b=bound: consume(graph.query(t, substitutions=b)), args.repeat)
        table, _ = median_seconds(lambda t=text, b=bound: render(graph.query(t, substitutions=b), "table"),
                                  args.repeat)
        theirs, _ = median_seconds(lambda t=text, b=bound: consume(
            raw.query(t, use_default_graph_as_union=True, substitutions=b)), args.repeat)
        print(f"{name:18s} {rows:6d} {1000 * ours:8.1f}ms {1000 * table:8.1f}ms {1000 * theirs:9.1f}ms "
              f"{ours / theirs if theirs else float('nan'):6.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
