"""A Khabar graph kept by a SPARQL 1.1 server (Oxigraph server, Fuseki, Virtuoso, ...).

Queries go over the SPARQL 1.1 Protocol and writes over SPARQL 1.1 Update, with the
stdlib's urllib. As in the embedded store, each article is a named graph; a batch of
articles is one update request (DROP SILENT GRAPH then INSERT DATA for each), which the
server applies whole or not at all.

Where queries and updates go: a URL ending in /query sends updates to the same URL
ending in /update (Oxigraph server, Fuseki's /DATASET/query); a server root
(http://host:7878/) means Oxigraph's /query and /update; any other URL takes both
(Virtuoso's /sparql). Queries that read "the graph" ask for the union of all named
graphs with Oxigraph's `union-default-graph` parameter; Virtuoso reads the union by
default, Fuseki when its dataset sets tdb2:unionDefaultGraph.

Moving a store into Oxigraph's server and building on there:

    khabar export --store kg/ -o kg.nq
    oxigraph load --location oxi/ --file kg.nq
    oxigraph serve --location oxi/ --bind 127.0.0.1:7878
    khabar build more-articles/ --store http://127.0.0.1:7878/query
    khabar query http://127.0.0.1:7878/query visits"""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

from pyoxigraph import (
    DefaultGraph,
    NamedNode,
    Quad,
    QueryBoolean,
    QueryResultsFormat,
    QuerySolutions,
    RdfFormat,
    parse,
    parse_query_results,
    serialize,
)

from ..ontology import KB
from .iris import PREFIXES, Iris
from .store import QUAD_FORMATS, GraphStore, rdf_format

RESULTS = {"application/sparql-results+json": QueryResultsFormat.JSON,
           "application/sparql-results+xml": QueryResultsFormat.XML,
           "text/csv": QueryResultsFormat.CSV, "text/tab-separated-values": QueryResultsFormat.TSV}
GRAPHS = {"application/n-triples": RdfFormat.N_TRIPLES, "text/turtle": RdfFormat.TURTLE,
          "application/n-quads": RdfFormat.N_QUADS, "application/trig": RdfFormat.TRIG,
          "application/ld+json": RdfFormat.JSON_LD, "application/rdf+xml": RdfFormat.RDF_XML}
ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9, text/turtle;q=0.8"
UNION_PARAM = "union-default-graph"


class RemoteError(RuntimeError):
    """The SPARQL server could not be reached or refused a request."""


def endpoints(url: str) -> tuple[str, str]:
    """(query URL, update URL) for the URL a user gave."""
    parts = urllib.parse.urlsplit(url)
    path = parts.path
    if path in ("", "/"):
        return (urllib.parse.urlunsplit(parts._replace(path="/query")),
                urllib.parse.urlunsplit(parts._replace(path="/update")))
    if path.rstrip("/").endswith("/query"):
        update = path.rstrip("/")[: -len("query")] + "update"
        return url, urllib.parse.urlunsplit(parts._replace(path=update))
    return url, url


def is_remote(location: str | None) -> bool:
    return bool(location) and str(location).lower().startswith(("http://", "https://"))


class RemoteStore:
    """The GraphStore interface over a remote SPARQL 1.1 endpoint."""

    path = None  # there is no local folder

    def __init__(self, endpoint_url: str, iris: Iris | None = None, update_url: str | None = None,
                 union_default_graph: bool = True, timeout: float = 300.0) -> None:
        if not is_remote(endpoint_url):
            raise ValueError(f"{endpoint_url} is not an http(s) URL of a SPARQL endpoint")
        self.query_url, default_update = endpoints(endpoint_url)
        self.update_url = update_url or default_update
        self.iris = iris or Iris.from_env()
        self.union = union_default_graph
        self.timeout = timeout
        self.store = RemoteQuads(self)

    # HTTP ---------------------------------------------------------------------------
    def _request(self, url: str, body: bytes, content_type: str, accept: str | None = None):
        headers = {"Content-Type": f"{content_type}; charset=utf-8", "User-Agent": "khabar"}
        if accept:
            headers["Accept"] = accept
        request = urllib.request.Request(url, data=body, method="POST", headers=headers)
        try:
            return urllib.request.urlopen(request, timeout=self.timeout)
        except urllib.error.HTTPError as err:
            detail = err.read().decode("utf-8", "replace").strip()[:1000]
            raise RemoteError(f"{url} answered {err.code} {err.reason}: {detail}") from None
        except urllib.error.URLError as err:
            raise RemoteError(f"cannot reach {url}: {err.reason}") from None

    def _query_url(self, union: bool) -> str:
        if not union:
            return self.query_url
        return self.query_url + ("&" if "?" in self.query_url else "?") + UNION_PARAM

    def update(self, sparql: str) -> None:
        """Run a SPARQL 1.1 Update on the server."""
        with self._request(self.update_url, sparql.encode("utf-8"), "application/sparql-update") as response:
            response.read()

    def query(self, sparql: str, **options: object) -> QuerySolutions | QueryBoolean | Iterator:
        """SPARQL over the union of all graphs: solutions, a boolean, or triples."""
        union = bool(options.pop("use_default_graph_as_union", self.union))
        if not options.get("substitutions"):
            options.pop("substitutions", None)
        if options:
            raise ValueError(f"a remote store does not take {', '.join(sorted(options))} "
                             "(put the values in the query text)")
        with self._request(self._query_url(union), sparql.encode("utf-8"), "application/sparql-query",
                           ACCEPT) as response:
            media = (response.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            body = response.read()
        if media in RESULTS:
            return parse_query_results(body, format=RESULTS[media])
        if media in GRAPHS:
            return (q.triple for q in parse(body, format=GRAPHS[media]))
        raise RemoteError(f"{self.query_url} answered with {media or 'no content type'}, not SPARQL results")

    def _select(self, sparql: str, union: bool = False) -> QuerySolutions:
        result = self.query(sparql, use_default_graph_as_union=union)
        if not isinstance(result, QuerySolutions):
            raise RemoteError(f"{self.query_url} did not answer a SELECT query with solutions")
        return result

    # articles -----------------------------------------------------------------------
    def article_hash(self, article_iri: str) -> str | None:
        node = f"<{article_iri}>"
        query = f"SELECT ?h WHERE {{ GRAPH {node} {{ {node} <{KB.contentHash}> ?h }} }} LIMIT 1"
        for row in self._select(query):
            return row["h"].value
        return None

    def put_articles(self, articles: Iterable[tuple[str, list[Quad]]]) -> None:
        """Write articles, each replacing any earlier version of itself, in one request."""
        drops, graphs = [], defaultdict(list)
        for article_iri, quads in articles:
            drops.append(f"DROP SILENT GRAPH <{article_iri}>")
            for quad in quads:
                graphs[quad.graph_name].append(f"{quad.subject} {quad.predicate} {quad.object} .")
        if not drops:
            return
        self.update(" ;\n".join([*drops, _insert_data(graphs)]) if graphs else " ;\n".join(drops))

    def remove_article(self, article_iri: str) -> bool:
        found = self.query(f"ASK {{ GRAPH <{article_iri}> {{ ?s ?p ?o }} }}", use_default_graph_as_union=False)
        if not bool(found):
            return False
        self.update(f"DROP GRAPH <{article_iri}>")
        return True

    def articles(self) -> Iterator[str]:
        rows = self._select(f"SELECT DISTINCT ?a WHERE {{ GRAPH ?g {{ ?a a <{KB.Article}> }} }}")
        yield from (row["a"].value for row in rows)

    def __len__(self) -> int:
        rows = list(self._select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"))
        return int(rows[0]["n"].value) if rows else 0

    def resolve(self) -> int:
        """Merge people across articles, as the embedded store does (see graph.resolve)."""
        from .resolve import resolve_store

        changed = resolve_store(self)
        self.store.flush()
        return changed

    # derived labels ---------------------------------------------------------------
    def refresh_labels(self) -> int:
        """The embedded store's label choice, made over a copy of the server's labels
        (every rdfs:label and skos:altLabel outside the derived graph), written back as
        the derived labels graph in one request."""
        graph = self.iris.labels_graph()
        rows = self._select(f"""
            SELECT ?s ?p ?o ?g WHERE {{
              VALUES ?p {{ <{PREFIXES['rdfs']}label> <{PREFIXES['skos']}altLabel> }}
              GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != <{graph}>) }}""")
        local = GraphStore(None, self.iris)
        local.store.extend(Quad(r["s"], r["p"], r["o"], r["g"]) for r in rows)
        count = local.refresh_labels()
        derived = local.store.quads_for_pattern(None, None, None, NamedNode(graph))
        lines = [f"{q.subject} {q.predicate} {q.object} ." for q in derived]
        steps = [f"DROP SILENT GRAPH <{graph}>"]
        if lines:
            steps.append(f"INSERT DATA {{ GRAPH <{graph}> {{\n" + "\n".join(lines) + "\n} }")
        self.update(" ;\n".join(steps))
        return count

    # reading ------------------------------------------------------------------------
    def quads(self) -> Iterator[Quad]:
        rows = self._select("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        yield from (Quad(r["s"], r["p"], r["o"], r["g"]) for r in rows)

    def triples(self) -> Iterator:
        """Every distinct triple of the merged graph."""
        yield from self.query("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }",
                              use_default_graph_as_union=False)

    def export(self, out: str | Path, with_ontology: bool = False) -> None:
        """Write the graph in the format out's extension names, as GraphStore.export does."""
        fmt = rdf_format(out)
        if fmt in QUAD_FORMATS:
            options = {"prefixes": self.iris.prefixes()} if fmt == RdfFormat.TRIG else {}
            serialize(self.quads(), str(out), format=fmt, **options)
            return
        triples: Iterable = self.triples()
        if with_ontology:
            from ..ontology import ontology_path

            ontology = [q.triple for q in parse(path=str(ontology_path()))]
            triples = [*triples, *ontology]
        serialize(triples, str(out), format=fmt,
                  **({} if fmt == RdfFormat.N_TRIPLES else {"prefixes": self.iris.prefixes()}))

    def close(self) -> None:
        """Nothing to release: every request is its own connection."""

    def __enter__(self) -> RemoteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class RemoteQuads:
    """The few pyoxigraph.Store calls that whole-store passes (graph.resolve) make, over a
    remote store. Writes wait until the next read or flush(), then go as one update, so
    every read sees every earlier write."""

    def __init__(self, remote: RemoteStore) -> None:
        self.remote = remote
        self.removed: list[Quad] = []
        self.added: list[Quad] = []

    def quads_for_pattern(self, subject=None, predicate=None, object=None, graph_name=None) -> list[Quad]:  # noqa: A002
        self.flush()
        terms = {"s": subject, "p": predicate, "o": object, "g": graph_name}
        if isinstance(graph_name, DefaultGraph):
            raise ValueError("a remote store keeps its quads in named graphs")
        pattern = " ".join(str(t) if t is not None else f"?{k}" for k, t in terms.items() if k != "g")
        graph = str(graph_name) if graph_name is not None else "?g"
        rows = self.remote._select(f"SELECT * WHERE {{ GRAPH {graph} {{ {pattern} }} }}")
        return [Quad(*(row[k] if t is None else t for k, t in terms.items())) for row in rows]

    def remove(self, quad: Quad) -> None:
        self.removed.append(quad)

    def extend(self, quads: Iterable[Quad]) -> None:
        self.added.extend(quads)

    def flush(self) -> None:
        steps = []
        for keyword, quads in (("DELETE DATA", self.removed), ("INSERT DATA", self.added)):
            graphs: dict = defaultdict(list)
            for quad in quads:
                graphs[quad.graph_name].append(f"{quad.subject} {quad.predicate} {quad.object} .")
            if graphs:
                steps.append(_insert_data(graphs).replace("INSERT DATA", keyword, 1))
        self.removed, self.added = [], []
        if steps:
            self.remote.update(" ;\n".join(steps))


def _insert_data(graphs: dict) -> str:
    blocks = []
    for graph, lines in graphs.items():
        body = "\n".join(lines)
        blocks.append(body if isinstance(graph, DefaultGraph) else f"GRAPH {graph} {{\n{body}\n}}")
    return "INSERT DATA {\n" + "\n".join(blocks) + "\n}"
