"""A read-only SPARQL 1.1 Protocol endpoint over a Khabar graph, with a page to query it.

Stdlib only. `/sparql` answers GET and POST (form or direct body) queries in the result
format the Accept header asks for; updates are refused. Each query runs in a worker
thread under a time limit: Oxigraph cannot be interrupted, so a query past its limit is
answered 503 and left to finish on its own, and a cap on running workers keeps runaway
queries from piling up. `/` is a query page, `/view` the interactive graph view."""

from __future__ import annotations

import json
import os
import socket
import sys
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from pyoxigraph import (
    BlankNode,
    Literal,
    NamedNode,
    QueryBoolean,
    QueryResultsFormat,
    QuerySolutions,
    RdfFormat,
    Store,
    Triple,
    parse_query_results,
    serialize,
)

from .query import saved_queries

RESULT_TYPES = {
    "application/sparql-results+json": QueryResultsFormat.JSON, "application/json": QueryResultsFormat.JSON,
    "application/sparql-results+xml": QueryResultsFormat.XML, "application/xml": QueryResultsFormat.XML,
    "text/xml": QueryResultsFormat.XML, "text/csv": QueryResultsFormat.CSV,
    "text/tab-separated-values": QueryResultsFormat.TSV,
}
GRAPH_TYPES = {
    "text/turtle": RdfFormat.TURTLE, "application/x-turtle": RdfFormat.TURTLE,
    "application/turtle": RdfFormat.TURTLE, "application/ld+json": RdfFormat.JSON_LD,
    "application/n-triples": RdfFormat.N_TRIPLES, "application/rdf+xml": RdfFormat.RDF_XML,
}
FORMAT_PARAM = {  # ?format= for links and clients that cannot set headers
    "json": "application/sparql-results+json", "xml": "application/sparql-results+xml", "csv": "text/csv",
    "tsv": "text/tab-separated-values", "turtle": "text/turtle", "ttl": "text/turtle",
    "jsonld": "application/ld+json", "json-ld": "application/ld+json", "nt": "application/n-triples",
    "rdfxml": "application/rdf+xml",
}
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
MAX_BODY = 1 << 20
TRUNCATED_HEADER = "X-Khabar-Truncated"
LIMIT_HEADER = "X-Khabar-Result-Limit"
CORS = {"Access-Control-Allow-Origin": "*",
        "Access-Control-Expose-Headers": f"Content-Type, {TRUNCATED_HEADER}, {LIMIT_HEADER}"}
READ_ONLY = ("this endpoint is read-only: SPARQL Update is refused "
             "(build or change the graph with `khabar build`, not over HTTP)")


class QueryError(Exception):
    """What the client asked for cannot be answered; carries the HTTP status."""

    def __init__(self, status: HTTPStatus, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclass
class Answer:
    body: bytes
    content_type: str
    truncated: bool = False


# content negotiation -------------------------------------------------------------
def negotiate(accept: str | None, offered: list[str]) -> str | None:
    """The offered media type the Accept header prefers (the first offered when it says nothing)."""
    if not accept or not accept.strip():
        return offered[0]
    best, best_q = None, 0.0
    for part in (p for p in accept.split(",") if p.strip()):
        media, *params = [x.strip() for x in part.split(";")]
        q = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        media = media.lower()
        for candidate in offered:
            if media in ("*/*", candidate) or (media.endswith("/*") and candidate.startswith(media[:-1])):
                # exact types beat wildcards at the same q; ties go to the client's first
                score = q - (0.0001 if "*" in media else 0.0)
                if score > best_q:
                    best, best_q = candidate, score
                break
    return best


# results -------------------------------------------------------------------------
def term_json(term: object) -> dict:
    """A term in the SPARQL 1.1 JSON results format."""
    if isinstance(term, NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value not in (XSD_STRING, RDF_LANG_STRING):
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, Triple):
        return {"type": "triple", "value": {"subject": term_json(term.subject),
                                            "predicate": term_json(term.predicate),
                                            "object": term_json(term.object)}}
    raise TypeError(f"not an RDF term: {term!r}")


def solutions_answer(solutions: QuerySolutions, media: str, limit: int, cancelled: threading.Event) -> Answer:
    """At most `limit` rows in the asked format; pyoxigraph writes every format but JSON
    from the JSON we write, so each stays exactly as its specification says."""
    names = [v.value for v in solutions.variables]
    kept, truncated = _take(solutions, limit, cancelled)
    rows = [{n: term_json(solution[n]) for n in names if solution[n] is not None} for solution in kept]
    body = json.dumps({"head": {"vars": names}, "results": {"bindings": rows}}, ensure_ascii=False).encode()
    fmt = RESULT_TYPES[media]
    if fmt != QueryResultsFormat.JSON:
        body = parse_query_results(body, format=QueryResultsFormat.JSON).serialize(format=fmt)
    return Answer(body, _with_charset(media), truncated)


def graph_answer(triples, media: str, limit: int, cancelled: threading.Event,
                 prefixes: dict[str, str]) -> Answer:
    kept, truncated = _take(triples, limit, cancelled)
    fmt = GRAPH_TYPES[media]
    options = {} if fmt in (RdfFormat.N_TRIPLES, RdfFormat.JSON_LD) else {"prefixes": prefixes}
    return Answer(serialize(kept, format=fmt, **options), _with_charset(media), truncated)


def _take(results, limit: int, cancelled: threading.Event) -> tuple[list, bool]:
    """At most `limit` results, and whether there were more; stops when the query is cancelled."""
    kept: list = []
    for item in results:
        if cancelled.is_set():
            raise QueryError(HTTPStatus.SERVICE_UNAVAILABLE, "cancelled")
        if len(kept) >= limit:
            return kept, True
        kept.append(item)
    return kept, False


def _with_charset(media: str) -> str:
    return f"{media}; charset=utf-8"


def answer(store, text: str, accept: str | None, limit: int, cancelled: threading.Event,
           options: dict | None = None) -> Answer:
    """Run a query and write its result in the format `accept` asks for."""
    try:
        result = _run(store, text, options or {})
    except SyntaxError as err:
        raise QueryError(HTTPStatus.BAD_REQUEST, f"malformed query: {err}") from None
    except ValueError as err:
        raise QueryError(HTTPStatus.BAD_REQUEST, f"bad query: {err}") from None
    if isinstance(result, (QuerySolutions, QueryBoolean)):
        media = negotiate(accept, list(RESULT_TYPES))
        if media is None:
            raise QueryError(HTTPStatus.NOT_ACCEPTABLE, "results can be sent as: " + ", ".join(RESULT_TYPES))
        if isinstance(result, QueryBoolean):
            return Answer(result.serialize(format=RESULT_TYPES[media]), _with_charset(media))
        return solutions_answer(result, media, limit, cancelled)
    media = negotiate(accept, list(GRAPH_TYPES))
    if media is None:
        raise QueryError(HTTPStatus.NOT_ACCEPTABLE, "graphs can be sent as: " + ", ".join(GRAPH_TYPES))
    iris = getattr(store, "iris", None)
    return graph_answer(result, media, limit, cancelled, iris.prefixes() if iris else {})


def _run(store, text: str, options: dict):
    if not options:
        return store.query(text)
    inner = getattr(store, "store", None)
    if not isinstance(inner, Store):
        raise QueryError(HTTPStatus.BAD_REQUEST,
                         "default-graph-uri and named-graph-uri are not supported here")
    return inner.query(text, **options)


# running under a time limit --------------------------------------------------------
class Workers:
    """Runs each query in a thread of its own and waits at most `timeout` seconds.

    A thread past its time is abandoned (Oxigraph releases the GIL while it works, so the
    server stays responsive) and told to stop at its next result row; while `most`
    threads are still busy, new queries are turned away instead of queued. Errors come
    back as fresh exceptions without the worker's frames: Oxigraph's result iterators
    must be released on the thread that made them."""

    def __init__(self, timeout: float, most: int) -> None:
        self.timeout = timeout
        self.most = most
        self.busy = 0
        self.lock = threading.Lock()

    def run(self, job: Callable[[threading.Event], Answer]) -> Answer:
        with self.lock:
            if self.busy >= self.most:
                raise QueryError(HTTPStatus.SERVICE_UNAVAILABLE,
                                 "the server is busy with earlier long queries; try again shortly")
            self.busy += 1
        cancelled = threading.Event()
        outcome: dict[str, object] = {}

        def work() -> None:
            try:
                outcome["answer"] = job(cancelled)
            except QueryError as err:
                outcome["error"] = QueryError(err.status, str(err))
            except Exception as err:  # noqa: BLE001 - reported to the client as a failed query
                outcome["error"] = RuntimeError(f"{type(err).__name__}: {err}")
            finally:
                with self.lock:
                    self.busy -= 1

        thread = threading.Thread(target=work, name="khabar-query", daemon=True)
        thread.start()
        thread.join(self.timeout)
        if thread.is_alive():
            cancelled.set()
            raise QueryError(HTTPStatus.SERVICE_UNAVAILABLE, f"query exceeded {self.timeout:g} s")
        if "error" in outcome:
            raise outcome["error"]  # type: ignore[misc]
        if "answer" not in outcome:
            raise RuntimeError("the query stopped without an answer")
        return outcome["answer"]  # type: ignore[return-value]


# HTTP -----------------------------------------------------------------------------------
class KhabarServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], store, timeout: float, limit: int) -> None:
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, Handler)
        self.store = store
        self.limit = limit
        self.workers = Workers(timeout, most=max(4, 2 * (os.cpu_count() or 1)))
        self._view: bytes | None = None
        self._view_lock = threading.Lock()

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{'[' + host + ']' if ':' in host else host}:{port}/"

    def view(self) -> bytes:
        """The interactive view, written once on first request (the served graph is read-only)."""
        with self._view_lock:
            if self._view is None:
                from .view import write_view

                with tempfile.TemporaryDirectory() as folder:
                    out = Path(folder) / "view.html"
                    write_view(self.store, out)
                    self._view = out.read_bytes()
            return self._view


class Handler(BaseHTTPRequestHandler):
    server: KhabarServer
    server_version = "Khabar"
    protocol_version = "HTTP/1.1"

    def do_OPTIONS(self) -> None:  # noqa: N802 - http.server's naming
        self.send_response(HTTPStatus.NO_CONTENT)
        for key, value in CORS.items():
            self.send_header(key, value)
        self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
        self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
        self.send_header("Access-Control-Max-Age", "86400")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self) -> None:  # noqa: N802
        url = urlsplit(self.path)
        if url.path in ("/", "/index.html"):
            self._send(HTTPStatus.OK, query_page(), "text/html; charset=utf-8")
        elif url.path == "/view":
            try:
                self._send(HTTPStatus.OK, self.server.view(), "text/html; charset=utf-8")
            except (OSError, ValueError, RuntimeError) as err:
                self._text(HTTPStatus.INTERNAL_SERVER_ERROR, f"could not draw the view: {err}")
        elif url.path == "/sparql":
            self._sparql(parse_qs(url.query, keep_blank_values=True))
        else:
            self._text(HTTPStatus.NOT_FOUND,
                       "not found: the endpoint is /sparql, the query page /, the view /view")

    def do_POST(self) -> None:  # noqa: N802
        url = urlsplit(self.path)
        if url.path != "/sparql":
            self._text(HTTPStatus.NOT_FOUND, "not found: POST queries to /sparql")
            return
        params = parse_qs(url.query, keep_blank_values=True)
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            self._text(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"request body over {MAX_BODY} bytes")
            return
        body = self.rfile.read(length) if length else b""
        media = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if media == "application/x-www-form-urlencoded":
            for key, values in parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True).items():
                params.setdefault(key, []).extend(values)
        elif media == "application/sparql-query":
            params["query"] = [body.decode("utf-8", "replace")]
        elif media == "application/sparql-update":
            self._text(HTTPStatus.FORBIDDEN, READ_ONLY)
            return
        else:
            self._text(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, "POST a query as application/x-www-form-urlencoded "
                       "(query=...) or as application/sparql-query")
            return
        self._sparql(params)

    def _sparql(self, params: dict[str, list[str]]) -> None:
        if "update" in params or "using-graph-uri" in params or "using-named-graph-uri" in params:
            self._text(HTTPStatus.FORBIDDEN, READ_ONLY)
            return
        queries = params.get("query", [])
        if len(queries) != 1 or not queries[0].strip():
            self._text(HTTPStatus.BAD_REQUEST, "give exactly one query: /sparql?query=SELECT...")
            return
        accept = self.headers.get("Accept")
        if params.get("format"):
            accept = FORMAT_PARAM.get(params["format"][0].lower(), params["format"][0])
        options = {}
        if params.get("default-graph-uri"):
            options["default_graph"] = [NamedNode(u) for u in params["default-graph-uri"]]
        if params.get("named-graph-uri"):
            options["named_graphs"] = [NamedNode(u) for u in params["named-graph-uri"]]
        store, limit = self.server.store, self.server.limit
        try:
            result = self.server.workers.run(
                lambda cancelled: answer(store, queries[0], accept, limit, cancelled, options))
        except QueryError as err:
            self._text(err.status, str(err))
            return
        except (OSError, RuntimeError) as err:
            self._text(HTTPStatus.INTERNAL_SERVER_ERROR, f"query failed: {err}")
            return
        extra = {LIMIT_HEADER: str(limit)}
        if result.truncated:
            extra[TRUNCATED_HEADER] = f"true; only the first {limit} results were sent"
        self._send(HTTPStatus.OK, result.body, result.content_type, extra)

    def _text(self, status: HTTPStatus, message: str) -> None:
        self._send(status, (message + "\n").encode("utf-8"), "text/plain; charset=utf-8")

    def _send(self, status: HTTPStatus, body: bytes, content_type: str,
              extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept")
        for key, value in {**CORS, **(extra or {})}.items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - http.server's signature
        sys.stderr.write(f"{self.address_string()} {format % args}\n")


def query_page() -> bytes:
    """The page at /: the saved queries are put in as escaped JSON."""
    from .view import script_json

    page = resources.files("khabar.graph").joinpath("static", "query.html").read_text(encoding="utf-8")
    return page.replace("{{QUERIES}}", script_json(dict(sorted(saved_queries().items())))).encode("utf-8")


def make_server(store, host: str = "127.0.0.1", port: int = 0, timeout: float = 30.0,
                limit: int = 10000) -> KhabarServer:
    """A server bound to host:port (0 picks a free port), ready for serve_forever()."""
    if timeout <= 0 or limit <= 0:
        raise ValueError("the time limit and the result limit must be positive")
    return KhabarServer((host, port), store, timeout, limit)


def serve(store, host: str = "127.0.0.1", port: int = 8000, timeout: float = 30.0,
          limit: int = 10000) -> None:
    """Serve until Ctrl-C."""
    server = make_server(store, host, port, timeout, limit)
    print(f"Khabar is serving {server.url} (SPARQL endpoint {server.url}sparql, view {server.url}view); "
          "Ctrl-C stops", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("stopped", file=sys.stderr)
    finally:
        server.server_close()
