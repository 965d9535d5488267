"""SPARQL over a store or an RDF file: saved queries, bound values, and results as a
table for people or as the SPARQL 1.1 result formats for programs."""

from __future__ import annotations

import io
import unicodedata
from importlib import resources
from pathlib import Path

from pyoxigraph import Literal, QueryBoolean, QueryResultsFormat, QuerySolutions, RdfFormat, Variable, serialize

RESULT_FORMATS = {"csv": QueryResultsFormat.CSV, "tsv": QueryResultsFormat.TSV,
                  "json": QueryResultsFormat.JSON, "xml": QueryResultsFormat.XML}


def saved_queries() -> dict[str, str]:
    """The example queries shipped with Khabar, by name."""
    folder = resources.files("khabar.graph").joinpath("queries")
    return {Path(f.name).stem: f.read_text(encoding="utf-8") for f in folder.iterdir() if f.name.endswith(".rq")}


def load_query(query: str) -> str:
    """The query text from `@file.rq`, a saved query's name, or the text itself."""
    if query.startswith("@"):
        return Path(query[1:]).read_text(encoding="utf-8")
    saved = saved_queries()
    if query in saved:
        return saved[query]
    if query.endswith(".rq") and Path(query).is_file():
        return Path(query).read_text(encoding="utf-8")
    return query


def bindings(pairs: list[str]) -> dict[Variable, Literal]:
    """`name=value` pairs as values bound to the query's variables (never pasted into its text)."""
    out = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise ValueError(f"--bind takes name=value, not {pair!r}")
        out[Variable(name.strip().lstrip("?"))] = Literal(value)
    return out


def render(result: object, fmt: str) -> bytes:
    """A query's result as bytes in `fmt` (table, csv, tsv, json, xml; RDF for CONSTRUCT)."""
    if isinstance(result, QuerySolutions):
        if fmt == "table":
            return table(result).encode("utf-8")
        return result.serialize(format=RESULT_FORMATS[fmt])
    if isinstance(result, QueryBoolean):
        if fmt == "table":
            return (("yes" if bool(result) else "no") + "\n").encode()
        return result.serialize(format=RESULT_FORMATS[fmt])
    rdf = RdfFormat.JSON_LD if fmt == "json" else RdfFormat.N_TRIPLES if fmt in ("csv", "tsv") else RdfFormat.TURTLE
    return serialize(result, format=rdf)


def table(solutions: QuerySolutions) -> str:
    """An aligned text table; Arabic cells are padded by their display width."""
    names = [v.value for v in solutions.variables]
    rows = [[_cell(row[name]) for name in names] for row in solutions]
    widths = [max([_width(n)] + [_width(r[i]) for r in rows]) for i, n in enumerate(names)]
    out = io.StringIO()
    line = "  ".join(_pad(n, w) for n, w in zip(names, widths))
    out.write(line.rstrip() + "\n" + "  ".join("-" * w for w in widths) + "\n")
    for r in rows:
        out.write("  ".join(_pad(c, w) for c, w in zip(r, widths)).rstrip() + "\n")
    out.write(f"({len(rows)} row{'s' if len(rows) != 1 else ''})\n")
    return out.getvalue()


def _cell(term: object, limit: int = 80) -> str:
    if term is None:
        return ""
    text = " ".join(term.value.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _width(text: str) -> int:
    return sum(0 if unicodedata.combining(c) else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))
