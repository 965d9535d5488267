"""The `khabar` command line: the composition root that wires ingest to graph."""

from __future__ import annotations

import argparse
import sys

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_SKIPPED = 0, 1, 2, 3

DESCRIPTION = """\
Khabar reads Arabic news articles and builds a knowledge graph of the people,
organisations and places they name and of who did what to whom, when and where,
with the sentence and article every fact came from.

examples:
  khabar build examples/articles -o out/graph.ttl --html out/graph.html
  khabar build corpus.jsonl.gz --store kg/
  khabar query kg/ visits
  khabar viz kg/ -o view.html
  khabar serve kg/

exit codes: 0 done; 1 error; 2 bad usage; 3 done, but some inputs were skipped
(each named on stderr)."""


class _Formatter(argparse.RawDescriptionHelpFormatter):
    pass


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="khabar", description=DESCRIPTION, formatter_class=_Formatter)
    parser.add_argument("--base-iri", help="base IRI of the graph's resources "
                        "(default: $KHABAR_BASE_IRI or https://w3id.org/khabar/id/)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    b = sub.add_parser("build", formatter_class=_Formatter, help="read articles and build the graph",
                       description="Read articles (.txt, .html, .jsonl, .jsonl.gz, or folders of them), "
                       "extract entities and events, and write the graph.",
                       epilog="examples:\n  khabar build examples/articles -o graph.ttl --html graph.html\n"
                       "  khabar build news.jsonl.gz --store kg/ --workers 2\n"
                       "  khabar build news.jsonl.gz --store http://127.0.0.1:7878/ --executor dask://scheduler-host:8786\n\n"
                       "-o picks the format from its extension: .ttl .nt .nq .trig .jsonld\n"
                       "--store keeps a persistent graph: building the same articles again changes\n"
                       "nothing, new articles are added, changed ones replaced.")
    b.add_argument("paths", nargs="+", metavar="PATH", help="article files or folders (read recursively)")
    b.add_argument("-o", "--output", help="write the graph to this file")
    b.add_argument("--store", help="build into this persistent store folder")
    b.add_argument("--html", help="also write the interactive view to this HTML file")
    _ner_options(b)
    b.add_argument("--workers", type=int, default=1, help="extraction processes (default 1)")
    b.add_argument("--executor", metavar="dask://SCHEDULER",
                   help="run extraction on a Dask cluster: dask://HOST:PORT, or dask://local for one "
                   "started on this machine (--workers processes); needs the dask extra")
    b.add_argument("--batch", type=int, default=100, help="articles written per transaction (default 100)")
    b.add_argument("--with-ontology", action="store_true", help="include the ontology in -o output")
    b.add_argument("--wait", action="store_true", help="wait for another build into the same store to end")
    b.add_argument("-q", "--quiet", action="store_true", help="no progress bar")

    e = sub.add_parser("export", formatter_class=_Formatter, help="write a stored graph to a file",
                       description="Write the graph of a store in the format named by OUT's extension.",
                       epilog="example:\n  khabar export --store kg/ -o kg.trig")
    e.add_argument("--store", required=True, help="the store folder")
    e.add_argument("-o", "--output", required=True, help=".ttl .nt .nq .trig or .jsonld")
    e.add_argument("--with-ontology", action="store_true", help="include the ontology")

    q = sub.add_parser("query", formatter_class=_Formatter, help="run a SPARQL query",
                       description="Run a SPARQL query over a store folder or an RDF file. QUERY is "
                       "the query text, @file.rq, or the name of a saved query.",
                       epilog="examples:\n  khabar query kg/ visits\n"
                       "  khabar query graph.ttl 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }' --format csv\n"
                       "  khabar query kg/ events-in-place --bind place=بغداد --bind from=2020-01-01 "
                       "--bind to=2020-12-31\n  khabar query --list")
    q.add_argument("source", nargs="?", help="store folder or RDF file")
    q.add_argument("query", nargs="?", help="SPARQL text, @file.rq, or a saved query's name")
    q.add_argument("--format", default="table", choices=["table", "csv", "tsv", "json", "xml"],
                   help="table for people; csv, tsv, json, xml are the SPARQL 1.1 result formats")
    q.add_argument("--bind", action="append", default=[], metavar="NAME=VALUE",
                   help="bind a variable of the SELECT clause to a string value (repeatable)")
    q.add_argument("--list", action="store_true", help="list the saved queries")

    v = sub.add_parser("viz", formatter_class=_Formatter, help="write the interactive HTML view",
                       description="Write a self-contained HTML view of the graph that opens from disk, offline.",
                       epilog="examples:\n  khabar viz kg/ -o view.html\n"
                       "  khabar viz graph.ttl -o qaani.html --focus قاآني --hops 2")
    v.add_argument("source", help="store folder or RDF file")
    v.add_argument("-o", "--output", required=True, help="the HTML file to write")
    v.add_argument("--focus", help="draw only the neighbourhood of the entity with this name (Arabic or English)")
    v.add_argument("--hops", type=int, default=1, help="how far from --focus to draw (default 1)")
    v.add_argument("--max-nodes", type=int, default=400, help="on bigger graphs start from the most central")
    v.add_argument("--lang", choices=["ar", "en"], default="ar", help="language of labels at first")

    s = sub.add_parser("serve", formatter_class=_Formatter, help="serve a SPARQL endpoint and a query page",
                       description="Serve the graph: a SPARQL 1.1 Protocol endpoint at /sparql (read-only) "
                       "and a page at / to write queries and browse results.",
                       epilog="example:\n  khabar serve kg/ --port 8000\n"
                       "  curl 'http://127.0.0.1:8000/sparql?query=SELECT+*+WHERE+{?s+?p+?o}+LIMIT+5'")
    s.add_argument("source", help="store folder or RDF file")
    s.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1, this machine only)")
    s.add_argument("--port", type=int, default=8000)
    s.add_argument("--timeout", type=float, default=30.0, help="seconds a query may run (default 30)")
    s.add_argument("--limit", type=int, default=10000, help="most result rows returned (default 10000)")

    n = sub.add_parser("ner", formatter_class=_Formatter, help="tag a CoNLL file, or train a tagger",
                       description="Tag a token-per-line file (blank line between sentences) with BIO tags "
                       "over PER/ORG/LOC, token for token; or train a statistical tagger on a BIO corpus.",
                       epilog="examples:\n  khabar ner tokens.conll tagged.conll\n"
                       "  khabar ner train train.conll -o my.model\n"
                       "  khabar ner train train.conll -o my.model --unlabelled news.jsonl.gz\n"
                       "  khabar ner --model my.model tokens.conll tagged.conll")
    n.add_argument("args", nargs="+", metavar="IN OUT | train CORPUS",
                   help="input and output files, or `train CORPUS -o MODEL`")
    n.add_argument("-o", "--output", help="with train: where to write the model")
    n.add_argument("--unlabelled", nargs="+", default=[], metavar="TEXTS",
                   help="with train: article files or folders to learn features from: word clusters, and how "
                   "often each word stands inside a name the default recognizer finds there")
    n.add_argument("--unlabelled-limit", type=int, default=20000, metavar="N",
                   help="with train: most articles read from --unlabelled (default 20000)")
    _ner_options(n)

    st = sub.add_parser("stats", formatter_class=_Formatter, help="counts, top entities, likely duplicates",
                        description="Print counts of entities and events by type, articles, the most "
                        "connected entities, and pairs of entities whose names are close.",
                        epilog="example:\n  khabar stats kg/")
    st.add_argument("source", help="store folder or RDF file")
    st.add_argument("--top", type=int, default=15, help="how many top entities (default 15)")

    r = sub.add_parser("remove", formatter_class=_Formatter, help="remove an article from a store",
                       description="Drop an article's named graph and everything only it supported.",
                       epilog="example:\n  khabar remove --store kg/ snn-00042")
    r.add_argument("--store", required=True, help="the store folder")
    r.add_argument("ids", nargs="+", metavar="ARTICLE_ID")
    return parser


def _ner_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--ner", default="rules", metavar="BACKEND",
                   help="recognizer: rules (default, offline), crf:MODEL, camel, hf:PATH")
    p.add_argument("--ner-model", "--model", dest="ner_model", metavar="MODEL",
                   help="a tagger trained with `khabar ner train` (same as --ner crf:MODEL)")


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    from . import commands

    try:
        return getattr(commands, args.command)(args)
    except commands.UsageError as err:
        parser.exit(EXIT_USAGE, f"khabar {args.command}: {err}\n")
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except (OSError, ValueError, RuntimeError) as err:
        print(f"khabar {args.command}: {err}", file=sys.stderr)
        return EXIT_ERROR
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())

