"""The SPARQL endpoint over real HTTP on 127.0.0.1: formats, methods, limits, refusals."""

from __future__ import annotations

import csv
import io
import json
import re
import signal
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, Quad, QueryResultsFormat, RdfFormat, parse, parse_query_results

from khabar.graph.iris import Iris
from khabar.graph.serve import make_server, negotiate
from khabar.graph.store import GraphStore

EX = "https://example.org/kg/"
LABEL = NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
PEOPLE = ["إسماعيل قاآني", "مصطفى الكاظمي", "مقتدى الصدر", "<script>alert(1)</script>"]
COUNT_PEOPLE = f"SELECT (COUNT(*) AS ?n) WHERE {{ ?p <{LABEL.value}> ?name }}"
NAMES = f"SELECT ?p ?name WHERE {{ ?p <{LABEL.value}> ?name }} ORDER BY ?name"


def small_store() -> GraphStore:
    store = GraphStore(None, Iris(EX))
    quads = []
    for n, name in enumerate(PEOPLE):
        graph = NamedNode(f"{EX}article/a{n}")
        quads.append(Quad(NamedNode(f"{EX}person/{n}"), LABEL, Literal(name, language="ar"), graph))
        quads.append(Quad(NamedNode(f"{EX}person/{n}"), NamedNode(f"{EX}rank"), Literal(n), graph))
    store.store.extend(quads)
    return store


@contextmanager
def running(store: GraphStore, **options: object) -> Iterator[str]:
    server = make_server(store, port=0, **options)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.url
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def url() -> Iterator[str]:
    with running(small_store(), timeout=30.0, limit=1000) as base:
        yield base


def fetch(request: urllib.request.Request | str) -> tuple[int, dict, bytes]:
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read()


def get(base: str, query: str, accept: str | None = None, **params: str) -> tuple[int, dict, bytes]:
    headers = {"Accept": accept} if accept else {}
    qs = urllib.parse.urlencode({"query": query, **params})
    return fetch(urllib.request.Request(f"{base}sparql?{qs}", headers=headers))


def json_names(body: bytes) -> list[str]:
    return [row["name"]["value"] for row in json.loads(body)["results"]["bindings"]]


def test_get_json_is_the_default(url: str) -> None:
    status, headers, body = get(url, NAMES)
    assert status == 200
    assert headers["Content-Type"].startswith("application/sparql-results+json")
    data = json.loads(body)
    assert data["head"]["vars"] == ["p", "name"]
    assert sorted(json_names(body)) == sorted(PEOPLE)
    row = data["results"]["bindings"][0]
    assert row["p"]["type"] == "uri" and row["name"]["xml:lang"] == "ar"
    assert headers["Access-Control-Allow-Origin"] == "*"


def test_xml_results(url: str) -> None:
    status, headers, body = get(url, NAMES, "application/sparql-results+xml")
    assert status == 200 and headers["Content-Type"].startswith("application/sparql-results+xml")
    ns = {"s": "http://www.w3.org/2005/sparql-results#"}
    literals = [e.text for e in ET.fromstring(body).iterfind(".//s:literal", ns)]
    assert sorted(literals) == sorted(PEOPLE)


def test_csv_results(url: str) -> None:
    status, headers, body = get(url, NAMES, "text/csv")
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8"))))
    assert rows[0] == ["p", "name"]
    assert sorted(r[1] for r in rows[1:]) == sorted(PEOPLE)


def test_tsv_results(url: str) -> None:
    status, headers, body = get(url, NAMES, "text/tab-separated-values")
    assert status == 200 and headers["Content-Type"].startswith("text/tab-separated-values")
    lines = body.decode("utf-8").strip().split("\n")
    assert lines[0] == "?p\t?name"
    assert '"مقتدى الصدر"@ar' in body.decode("utf-8")
    solutions = parse_query_results(body, format=QueryResultsFormat.TSV)
    assert sorted(s["name"].value for s in solutions) == sorted(PEOPLE)


def test_accept_with_weights_and_format_parameter(url: str) -> None:
    status, headers, _ = get(url, NAMES, "text/csv;q=0.5, application/sparql-results+xml;q=0.9, */*;q=0.1")
    assert headers["Content-Type"].startswith("application/sparql-results+xml")
    status, headers, _ = get(url, NAMES, None, format="tsv")
    assert status == 200 and headers["Content-Type"].startswith("text/tab-separated-values")
    status, _, body = get(url, NAMES, "image/png")
    assert status == 406 and b"application/sparql-results+json" in body


def test_ask(url: str) -> None:
    status, _, body = get(url, f"ASK {{ ?p <{LABEL.value}> \"مقتدى الصدر\"@ar }}")
    assert status == 200 and json.loads(body)["boolean"] is True


def test_post_form(url: str) -> None:
    data = urllib.parse.urlencode({"query": NAMES}).encode()
    request = urllib.request.Request(f"{url}sparql", data=data, method="POST", headers={
        "Content-Type": "application/x-www-form-urlencoded; charset=UTF-8", "Accept": "text/csv"})
    status, _, body = fetch(request)
    assert status == 200
    assert sorted(r[1] for r in list(csv.reader(io.StringIO(body.decode())))[1:]) == sorted(PEOPLE)


def test_post_direct(url: str) -> None:
    request = urllib.request.Request(f"{url}sparql", data=COUNT_PEOPLE.encode(), method="POST", headers={
        "Content-Type": "application/sparql-query"})
    status, _, body = fetch(request)
    assert status == 200
    assert json.loads(body)["results"]["bindings"][0]["n"]["value"] == str(len(PEOPLE))


def test_construct_as_turtle(url: str) -> None:
    query = f"CONSTRUCT {{ ?p <{LABEL.value}> ?name }} WHERE {{ ?p <{LABEL.value}> ?name }}"
    status, headers, body = get(url, query)
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    triples = list(parse(body, format=RdfFormat.TURTLE))
    assert sorted(t.object.value for t in triples) == sorted(PEOPLE)


def test_construct_as_json_ld(url: str) -> None:
    query = f"CONSTRUCT {{ ?p <{LABEL.value}> ?name }} WHERE {{ ?p <{LABEL.value}> ?name }}"
    status, headers, body = get(url, query, "application/ld+json")
    assert status == 200 and headers["Content-Type"].startswith("application/ld+json")
    json.loads(body)
    triples = list(parse(body, format=RdfFormat.JSON_LD))
    assert sorted(t.object.value for t in triples) == sorted(PEOPLE)


def test_describe(url: str) -> None:
    status, _, body = get(url, f"DESCRIBE <{EX}person/2>", "application/n-triples")
    assert status == 200
    assert "مقتدى الصدر" in body.decode("utf-8")


def test_update_is_refused(url: str) -> None:
    update = f"INSERT DATA {{ <{EX}x> <{LABEL.value}> \"x\" }}"
    form = urllib.request.Request(f"{url}sparql", data=urllib.parse.urlencode({"update": update}).encode(),
                                  method="POST",
                                  headers={"Content-Type": "application/x-www-form-urlencoded"})
    direct = urllib.request.Request(f"{url}sparql", data=update.encode(), method="POST",
                                    headers={"Content-Type": "application/sparql-update"})
    for request in (form, direct, f"{url}sparql?update={urllib.parse.quote(update)}"):
        status, _, body = fetch(request)
        assert status == 403 and b"read-only" in body
    status, _, body = get(url, COUNT_PEOPLE)
    assert json.loads(body)["results"]["bindings"][0]["n"]["value"] == str(len(PEOPLE)), "nothing changed"


def test_malformed_query(url: str) -> None:
    status, headers, body = get(url, "SELECT ?x WHERE { ?x ")
    assert status == 400 and headers["Content-Type"].startswith("text/plain")
    assert body.startswith(b"malformed query:") and b"error at" in body, "the parser's own message"
    status, _, _ = fetch(f"{url}sparql")
    assert status == 400


def test_cors_preflight(url: str) -> None:
    request = urllib.request.Request(f"{url}sparql", method="OPTIONS", headers={
        "Origin": "https://yasgui.example", "Access-Control-Request-Method": "POST"})
    status, headers, _ = fetch(request)
    assert status == 204
    assert headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" in headers["Access-Control-Allow-Methods"]


def test_result_limit_truncates_and_says_so() -> None:
    with running(small_store(), limit=2) as base:
        status, headers, body = get(base, NAMES)
        assert status == 200
        assert len(json.loads(body)["results"]["bindings"]) == 2
        assert headers["X-Khabar-Truncated"].startswith("true")
        assert headers["X-Khabar-Result-Limit"] == "2"
        status, headers, body = get(base, COUNT_PEOPLE)
        assert "X-Khabar-Truncated" not in headers


def test_a_long_query_times_out_and_the_server_goes_on() -> None:
    store = GraphStore(None, Iris(EX))
    store.store.extend(Quad(NamedNode(f"{EX}n{i}"), LABEL, Literal(str(i))) for i in range(250))
    cross = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # 250³ rows to count
    with running(store, timeout=0.05) as base:
        status, _, body = get(base, cross)
        assert status == 503 and body.strip() == b"query exceeded 0.05 s"
        status, _, body = fetch(f"{base}")
        assert status == 200, "the server still answers"


def test_query_page_and_view(url: str) -> None:
    status, headers, body = fetch(url)
    page = body.decode("utf-8")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert "<textarea" in page and 'href="view"' in page
    assert "visits" in page, "saved queries are one click away"
    assert not re.search(r"(src|href)\s*=\s*[\"']?(https?:)?//", page), "no network references"
    status, headers, body = fetch(f"{url}view")
    assert status == 200 and b"vis.Network" in body


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # SPARQLWrapper's own use of rdflib
def test_sparqlwrapper_client(url: str) -> None:
    sparqlwrapper = pytest.importorskip("SPARQLWrapper")
    client = sparqlwrapper.SPARQLWrapper(f"{url}sparql")
    client.setQuery(NAMES)
    client.setReturnFormat(sparqlwrapper.JSON)
    result = client.query().convert()
    assert sorted(b["name"]["value"] for b in result["results"]["bindings"]) == sorted(PEOPLE)
    client.setMethod(sparqlwrapper.POST)
    client.setReturnFormat(sparqlwrapper.CSV)
    assert "مقتدى الصدر" in client.query().convert().decode("utf-8")
    client.setMethod(sparqlwrapper.GET)
    client.setQuery(f"CONSTRUCT {{ ?p <{LABEL.value}> ?name }} WHERE {{ ?p <{LABEL.value}> ?name }}")
    client.setReturnFormat(sparqlwrapper.TURTLE)
    graph = client.query().convert()
    assert "مقتدى الصدر".encode() in graph
    client.setReturnFormat(sparqlwrapper.JSONLD)
    assert len(client.query().convert()) == len(PEOPLE), "an rdflib graph parsed from JSON-LD"


def test_negotiate() -> None:
    offered = ["application/sparql-results+json", "text/csv"]
    assert negotiate(None, offered) == "application/sparql-results+json"
    assert negotiate("text/*", offered) == "text/csv"
    assert negotiate("text/csv;q=0.2, */*;q=0.3", offered) == "application/sparql-results+json"
    assert negotiate("text/csv, application/sparql-results+json;q=0", offered) == "text/csv"
    assert negotiate("image/png", offered) is None


def test_binds_loopback_by_default() -> None:
    server = make_server(small_store())
    try:
        assert server.server_address[0] == "127.0.0.1"
    finally:
        server.server_close()


def test_khabar_serve_command(tmp_path: Path) -> None:
    source = tmp_path / "kg.trig"
    small_store().export(source)
    process = subprocess.Popen([sys.executable, "-m", "khabar.cli", "serve", str(source), "--port", "0"],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        line = process.stdout.readline()
        found = re.search(r"(http://127\.0\.0\.1:\d+/)", line)
        assert found, f"the command prints its URL: {line!r}"
        status, _, body = get(found.group(1), COUNT_PEOPLE)
        assert status == 200
        assert json.loads(body)["results"]["bindings"][0]["n"]["value"] == str(len(PEOPLE))
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=30) == 0, "Ctrl-C stops it cleanly"
    finally:
        if process.poll() is None:
            process.kill()
        process.stdout.close()
