"""What each subcommand does, given its parsed arguments. Returns the exit code."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .graph.iris import Iris
from .graph.store import GraphStore

EXIT_OK, EXIT_SKIPPED = 0, 3


class UsageError(Exception):
    """The arguments do not make sense together."""


def _iris(args: argparse.Namespace) -> Iris:
    return Iris.from_env(getattr(args, "base_iri", None))


def open_store(value: str | None, iris: Iris, wait: bool = False):
    """The store a build writes to: a remote SPARQL endpoint (http:// or https://), a
    store folder, or (None) an in-memory store."""
    from .graph.remote import RemoteStore, is_remote

    if is_remote(value):
        return RemoteStore(value, iris)
    return GraphStore(value, iris, wait=wait)


def open_source(source: str, iris: Iris) -> GraphStore:
    """A remote SPARQL endpoint, a store folder (read-only) or an RDF file loaded in memory."""
    from .graph.remote import RemoteStore, is_remote

    if is_remote(source):
        return RemoteStore(source, iris)
    path = Path(source)
    if path.is_dir():
        return GraphStore(path, iris, read_only=True)
    if path.is_file():
        return GraphStore.from_file(path, iris)
    raise UsageError(f"{source}: no such store folder or RDF file")


def make_recognizer(args: argparse.Namespace):
    """The recognizer the --ner / --ner-model options name."""
    spec = f"crf:{args.ner_model}" if getattr(args, "ner_model", None) else args.ner
    from .ingest.ner import backends

    return backends.load(spec)


def build(args: argparse.Namespace) -> int:
    from .build import build as run_build
    from .ingest.pipeline import Pipeline

    if not args.output and not args.store:
        raise UsageError("say where the graph goes: -o FILE or --store DIR")
    if args.output:
        from .graph.store import rdf_format

        rdf_format(args.output)  # a bad extension fails before any work
    if args.executor:
        from .executors import dask_address

        try:
            dask_address(args.executor)
        except ValueError as err:
            raise UsageError(str(err)) from None
    with open_store(args.store, _iris(args), wait=args.wait) as store:  # a busy store refuses before any work
        pipeline = Pipeline(make_recognizer(args))
        report = run_build(args.paths, store, pipeline, batch_size=args.batch, workers=args.workers,
                           executor=args.executor,
                           progress=not args.quiet and sys.stderr.isatty(),
                           on_skip=lambda s: print(f"skipped {s.origin}: {s.reason}", file=sys.stderr))
        if args.output:
            Path(args.output).parent.mkdir(parents=True, exist_ok=True)
            store.export(args.output, with_ontology=args.with_ontology)
            print(f"wrote {args.output}", file=sys.stderr)
        if args.html:
            from .graph.view import write_view

            write_view(store, Path(args.html))
            print(f"wrote {args.html}", file=sys.stderr)
    print(report.summary(), file=sys.stderr)
    return EXIT_SKIPPED if report.skipped else EXIT_OK


def export(args: argparse.Namespace) -> int:
    with open_source(args.store, _iris(args)) as store:
        Path(args.output).parent.mkdir(parents=True, exist_ok=True)
        store.export(args.output, with_ontology=args.with_ontology)
    print(f"wrote {args.output}", file=sys.stderr)
    return EXIT_OK


def query(args: argparse.Namespace) -> int:
    from .graph.query import bindings, load_query, render, saved_queries

    if args.list:
        for name, text in sorted(saved_queries().items()):
            first = next((ln[1:].strip() for ln in text.splitlines() if ln.startswith("#")), "")
            print(f"{name:18s} {first}")
        return EXIT_OK
    if not args.source or not args.query:
        raise UsageError("give a SOURCE and a QUERY (or --list)")
    text = load_query(args.query)
    with open_source(args.source, _iris(args)) as store:
        result = store.query(text, substitutions=bindings(args.bind))
        sys.stdout.buffer.write(render(result, args.format))
    return EXIT_OK


def viz(args: argparse.Namespace) -> int:
    from .graph.view import write_view

    with open_source(args.source, _iris(args)) as store:
        write_view(store, Path(args.output), focus=args.focus, hops=args.hops, max_nodes=args.max_nodes,
                   lang=args.lang)
    print(f"wrote {args.output}", file=sys.stderr)
    return EXIT_OK


def serve(args: argparse.Namespace) -> int:
    from .graph.serve import serve as run_server

    with open_source(args.source, _iris(args)) as store:
        run_server(store, host=args.host, port=args.port, timeout=args.timeout, limit=args.limit)
    return EXIT_OK


def ner(args: argparse.Namespace) -> int:
    from .ingest.ner import conll

    if args.args[0] == "train":
        if len(args.args) != 2 or not args.output:
            raise UsageError("train takes one corpus and -o MODEL: khabar ner train train.conll -o my.model")
        from .ingest.ner.crf import train

        summary = train(Path(args.args[1]), Path(args.output), unlabelled=args.unlabelled,
                        unlabelled_limit=args.unlabelled_limit)
        print(summary, file=sys.stderr)
        return EXIT_OK
    if len(args.args) != 2:
        raise UsageError("ner takes IN and OUT files (or `train CORPUS -o MODEL`)")
    count = conll.tag_file(Path(args.args[0]), Path(args.args[1]), make_recognizer(args))
    print(f"tagged {count} tokens into {args.args[1]}", file=sys.stderr)
    return EXIT_OK


def stats(args: argparse.Namespace) -> int:
    from .graph.stats import report

    with open_source(args.source, _iris(args)) as store:
        print(report(store, top=args.top))
    return EXIT_OK


def remove(args: argparse.Namespace) -> int:
    iris = _iris(args)
    with GraphStore(args.store, iris) as store:
        missing = [i for i in args.ids if not store.remove_article(iris.article(i))]
        store.resolve()
        store.refresh_labels()
    for article_id in missing:
        print(f"no article {article_id!r} in {args.store}", file=sys.stderr)
    return EXIT_SKIPPED if missing else EXIT_OK
