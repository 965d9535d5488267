"""The graph in a standalone SPARQL server: a real `oxigraph serve` on 127.0.0.1.

One test loads an export the documented way (`oxigraph load`, then `oxigraph serve`)
and queries it; the others build into an empty server through RemoteStore and check it
holds exactly what the embedded store holds for the same articles."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from pyoxigraph import QuerySolutions, RdfFormat, parse

from khabar import cli
from khabar.build import build
from khabar.commands import open_source, open_store
from khabar.graph.remote import RemoteError, RemoteStore, endpoints
from khabar.graph.store import GraphStore
from khabar.graph.view import build_data

try:
    from tests.test_view import ARTICLES, IRIS, make_document, sample_store
except ImportError:  # tests/ run as top-level modules
    from test_view import ARTICLES, IRIS, make_document, sample_store

OXIGRAPH = shutil.which("oxigraph") or shutil.which("oxigraph", path=str(Path(sys.executable).parent))
needs_oxigraph = pytest.mark.skipif(OXIGRAPH is None, reason="the oxigraph server is not installed "
                                    "(pip install oxigraph, in the test extra)")
PEOPLE = "SELECT DISTINCT ?p WHERE { ?p a <https://w3id.org/khabar/ontology#Person> } ORDER BY ?p"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def oxigraph_server(location: Path) -> Iterator[str]:
    """`oxigraph serve` on a free loopback port; yields its base URL once it answers."""
    port = _free_port()
    process = subprocess.Popen([OXIGRAPH, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"{base}query?query=ASK%7B%7D", timeout=2).read()
                break
            except (urllib.error.URLError, ConnectionError):
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"oxigraph serve did not start: {process.stderr.read().decode()[-500:]}")
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def write_articles(folder: Path) -> Path:
    """The sample articles as a JSONL file, as a reader finds them."""
    path = folder / "articles.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for spec in ARTICLES:
            doc = make_document(spec)
            a = doc.article
            out.write(json.dumps({"id": a.id, "title": a.title, "content": a.body, "date": a.published.isoformat(),
                                  "url": a.url, "source": a.source}, ensure_ascii=False) + "\n")
    return path


def extract(article):
    """Stands in for the pipeline: the hand-made Document of the article read."""
    spec = next(s for s in ARTICLES if s["id"] == article.id)
    return make_document(spec, article)


def quad_set(store) -> set[str]:
    return {str(q) for q in store.quads()} if isinstance(store, RemoteStore) else {
        str(q) for q in store.store.quads_for_pattern(None, None, None, None)}


@needs_oxigraph
def test_load_an_export_into_oxigraph_serve(tmp_path: Path) -> None:
    local = sample_store()
    export = tmp_path / "kg.nq"
    local.export(export)
    loaded = subprocess.run([OXIGRAPH, "load", "--location", str(tmp_path / "db"), "--file", str(export)],
                            capture_output=True, text=True, timeout=120)
    assert loaded.returncode == 0, loaded.stderr
    with oxigraph_server(tmp_path / "db") as base:
        remote = RemoteStore(base, IRIS)
        people = remote.query(PEOPLE)
        assert isinstance(people, QuerySolutions)
        assert [r["p"].value for r in people] == [r["p"].value for r in local.query(PEOPLE)]
        assert len(remote) == len(local)
        assert quad_set(remote) == quad_set(local)
        # the same query over plain HTTP, as any SPARQL client sends it
        request = urllib.request.Request(f"{base}query?union-default-graph", data=PEOPLE.encode(),
                                         headers={"Content-Type": "application/sparql-query",
                                                  "Accept": "application/sparql-results+json"})
        rows = json.load(urllib.request.urlopen(request, timeout=30))["results"]["bindings"]
        assert len(rows) == 3


@needs_oxigraph
def test_build_into_a_remote_store(tmp_path: Path) -> None:
    source = write_articles(tmp_path)
    local = GraphStore(None, IRIS)
    build([source], local, extract, progress=False)
    with oxigraph_server(tmp_path / "remote-db") as base:
        with RemoteStore(base + "query", IRIS) as remote:
            report = build([source], remote, extract, batch_size=1, progress=False)
            assert report.added == len(ARTICLES) and not report.skipped
            assert quad_set(remote) == quad_set(local), "the server holds what the embedded store holds"
            short = IRIS.entity("PER:قاآني")
            assert not any(short in q for q in quad_set(remote)), "resolution merged the family name"
            assert sorted(remote.articles()) == sorted(IRIS.article(s["id"]) for s in ARTICLES)
            assert remote.article_hash(IRIS.article("demo-1")) == local.article_hash(IRIS.article("demo-1"))

            again = build([source], remote, extract, progress=False)
            assert again.unchanged == len(ARTICLES) and again.added == 0, "nothing is written twice"

            out = tmp_path / "remote.trig"
            remote.export(out)
            assert len(list(parse(path=str(out), format=RdfFormat.TRIG))) == len(local)
            turtle = tmp_path / "remote.ttl"
            remote.export(turtle)
            assert {str(t) for t in parse(path=str(turtle))} == {str(t.triple) for t in parse(path=str(out))}

            data = build_data(remote)
            assert any(n["en"] == "Esmail Qaani" for n in data["nodes"].values()), "the view reads it too"

            assert remote.remove_article(IRIS.article("demo-2")) is True
            assert remote.remove_article(IRIS.article("demo-2")) is False
            assert list(remote.articles()) == [IRIS.article("demo-1")]


@needs_oxigraph
def test_cli_reads_a_remote_endpoint(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    with oxigraph_server(tmp_path / "db") as base:
        with open_store(base, IRIS) as remote:
            assert isinstance(remote, RemoteStore)
            build([write_articles(tmp_path)], remote, extract, progress=False)
        assert isinstance(open_source(base, IRIS), RemoteStore)
        code = cli.main(["--base-iri", IRIS.base, "query", base + "query", PEOPLE, "--format", "csv"])
        assert code == 0
        lines = capsys.readouterr().out.strip().splitlines()
        assert lines[0] == "p" and len(lines) == 4
        assert cli.main(["export", "--store", base, "-o", str(tmp_path / "out.nq")]) == 0
        assert len(list(parse(path=str(tmp_path / "out.nq")))) > 0


def test_endpoint_urls() -> None:
    assert endpoints("http://h:7878/") == ("http://h:7878/query", "http://h:7878/update")
    assert endpoints("http://h:3030/ds/query") == ("http://h:3030/ds/query", "http://h:3030/ds/update")
    assert endpoints("http://h:8890/sparql") == ("http://h:8890/sparql", "http://h:8890/sparql")
    assert isinstance(open_store(None, IRIS), GraphStore)


def test_unreachable_server_is_a_clear_error() -> None:
    remote = RemoteStore(f"http://127.0.0.1:{_free_port()}/query", IRIS, timeout=5)
    with pytest.raises(RemoteError, match="cannot reach"):
        remote.article_hash(IRIS.article("x"))
