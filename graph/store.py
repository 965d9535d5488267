"""The graph store: embedded Oxigraph, in memory for one-shot builds or in a folder.

Each article lives in its own named graph (named by the article's IRI), written in
one transaction, so an interrupted build leaves whole articles or none. A derived
graph holds the Arabic label chosen for entities the curated lists do not name."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterable, Iterator
from itertools import chain
from pathlib import Path

from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad, QuerySolutions, RdfFormat, Store

from ..ontology import KB
from .iris import PREFIXES, Iris

FORMATS = {
    ".ttl": RdfFormat.TURTLE, ".nt": RdfFormat.N_TRIPLES, ".nq": RdfFormat.N_QUADS,
    ".trig": RdfFormat.TRIG, ".jsonld": RdfFormat.JSON_LD, ".json": RdfFormat.JSON_LD,
    ".rdf": RdfFormat.RDF_XML, ".owl": RdfFormat.RDF_XML,
}
QUAD_FORMATS = {RdfFormat.N_QUADS, RdfFormat.TRIG}
LOCK_NAME = "khabar.lock"


class StoreBusy(RuntimeError):
    """Another khabar process is writing to the store."""


def rdf_format(path: str | Path) -> RdfFormat:
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise ValueError(f"unknown RDF format for {path}: use one of {', '.join(sorted(FORMATS))}")
    return FORMATS[suffix]


class GraphStore:
    """A Khabar graph: articles' named graphs plus the derived labels graph."""

    def __init__(self, path: str | Path | None = None, iris: Iris | None = None, read_only: bool = False,
                 wait: bool = False) -> None:
        self.iris = iris or Iris.from_env()
        self.path = Path(path) if path else None
        self._lock = None
        if self.path is None:
            self.store = Store()
        elif read_only:
            if not (self.path / "CURRENT").exists():
                raise FileNotFoundError(f"{self.path} is not a Khabar store (build one with `khabar build --store`)")
            self.store = Store.read_only(str(self.path))
        else:
            self.path.mkdir(parents=True, exist_ok=True)
            self._lock = _lock(self.path / LOCK_NAME, wait)
            self.store = Store(str(self.path))

    @classmethod
    def from_file(cls, path: str | Path, iris: Iris | None = None) -> GraphStore:
        """An in-memory store holding an RDF file (triples in the default graph)."""
        graph = cls(None, iris)
        graph.store.bulk_load(path=str(path), format=rdf_format(path))
        return graph

    def close(self) -> None:
        if self.path is not None and self._lock is None:
            return
        if self.path is not None:
            self.store.flush()
        if self._lock is not None:
            del self.store  # closes the database, releasing its own lock file before ours lets a waiting build in
            fcntl.flock(self._lock, fcntl.LOCK_UN)
            self._lock.close()
            self._lock = None

    def flush(self) -> None:
        """Move what the database buffers in memory to disk, which frees that memory."""
        if self.path is not None:
            self.store.flush()

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # articles -------------------------------------------------------------------
    def article_hash(self, article_iri: str) -> str | None:
        node = NamedNode(article_iri)
        for quad in self.store.quads_for_pattern(node, NamedNode(str(KB.contentHash)), None, node):
            return quad.object.value
        return None

    def put_articles(self, articles: Iterable[tuple[str, list[Quad]]]) -> None:
        """Write articles, each replacing any earlier version of itself, in one transaction."""
        batch: list[Quad] = []
        for article_iri, quads in articles:
            node = NamedNode(article_iri)
            if self.store.contains_named_graph(node):
                self.store.remove_graph(node)
            batch.extend(quads)
        self.store.extend(batch)

    def remove_article(self, article_iri: str) -> bool:
        node = NamedNode(article_iri)
        if not self.store.contains_named_graph(node):
            return False
        self.store.remove_graph(node)
        return True

    def articles(self) -> Iterator[str]:
        for quad in self.store.quads_for_pattern(None, NamedNode(PREFIXES["rdf"] + "type"),
                                                 NamedNode(str(KB.Article)), None):
            yield quad.subject.value

    def __len__(self) -> int:
        return len(self.store)

    def resolve(self) -> int:
        """Merge people across articles (see graph.resolve)."""
        from .resolve import resolve_store

        return resolve_store(self)

    # derived labels -------------------------------------------------------------
    def refresh_labels(self) -> int:
        """Label every entity the lists do not name: in Arabic its fullest surface form
        (most words, then most frequent, then first in order), in English a romanisation.
        Returns how many labels were written."""
        from ..ingest.romanize import romanize

        labels = NamedNode(self.iris.labels_graph())
        if self.store.contains_named_graph(labels):
            self.store.remove_graph(labels)
        prefix = f"PREFIX skos: <{PREFIXES['skos']}> PREFIX rdfs: <{PREFIXES['rdfs']}> "
        best: dict[str, tuple[tuple, str]] = {}
        for row in self.query(prefix + "SELECT ?e ?alt (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?e skos:altLabel ?alt } }"
                              " GROUP BY ?e ?alt"):
            entity, alt, count = row["e"].value, row["alt"].value, int(row["n"].value)
            rank = (len(alt.split()), count, -len(alt), alt)
            if entity not in best or rank > best[entity][0]:
                best[entity] = (rank, alt)
        named = {lang: {row["e"].value: row["l"].value for row in self.query(
            prefix + f'SELECT ?e ?l WHERE {{ GRAPH ?g {{ ?e rdfs:label ?l FILTER(lang(?l) = "{lang}") }} }}')}
            for lang in ("ar", "en")}
        rdfs_label = NamedNode(PREFIXES["rdfs"] + "label")
        quads = []
        for entity, (_, alt) in best.items():
            arabic = named["ar"].get(entity)
            if arabic is None:
                arabic = alt
                quads.append(Quad(NamedNode(entity), rdfs_label, Literal(alt, language="ar"), labels))
            if entity not in named["en"] and (english := romanize(arabic)):
                quads.append(Quad(NamedNode(entity), rdfs_label, Literal(english, language="en"), labels))
        self.store.extend(quads)
        return len(quads)

    # reading ------------------------------------------------------------------
    def query(self, sparql: str, **options: object) -> QuerySolutions | object:
        """SPARQL over the union of all graphs (the default graph of a file source)."""
        return self.store.query(sparql, use_default_graph_as_union=self.path is not None or self._has_named(),
                                **options)

    def _has_named(self) -> bool:
        return next(iter(self.store.named_graphs()), None) is not None

    def triples(self) -> Iterator:
        """Every distinct triple of the merged graph."""
        if not self._has_named():
            yield from (q.triple for q in self.store.quads_for_pattern(None, None, None, DefaultGraph()))
            return
        yield from self.store.query("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")

    def export(self, out: str | Path, with_ontology: bool = False) -> None:
        """Write the graph in the format out's extension names: quad formats keep one
        named graph per article, triple formats hold the merged graph."""
        fmt = rdf_format(out)
        prefixes = self.iris.prefixes()
        if fmt in QUAD_FORMATS:
            options = {"prefixes": prefixes} if fmt == RdfFormat.TRIG else {}  # N-Quads has no prefixes
            self.store.dump(str(out), format=fmt, **options)
        else:
            from pyoxigraph import serialize

            triples = self.triples()
            if with_ontology:
                from pyoxigraph import parse

                from ..ontology import ontology_path

                triples = chain(triples, (q.triple for q in parse(path=str(ontology_path()))))
            serialize(triples, str(out), format=fmt, **({} if fmt == RdfFormat.N_TRIPLES else {"prefixes": prefixes}))


def _lock(path: Path, wait: bool):
    handle = open(path, "a+")  # noqa: SIM115 - held open for the store's lifetime
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
    except BlockingIOError:
        handle.close()
        raise StoreBusy(f"another khabar process is writing to {path.parent}; "
                        "wait for it to finish or pass --wait") from None
    handle.write(f"{os.getpid()}\n")
    handle.flush()
    return handle
