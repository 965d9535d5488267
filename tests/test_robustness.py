"""Bad input, faults, nothing lost: every bad item named once with why and every good one
kept; a huge file skipped unread and a huge JSONL streamed; `kill -9` mid-build then the
same build again; two builds into one store at once; the readers fuzzed."""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pyoxigraph import NamedNode, Store

from khabar.build import build
from khabar.cli import main
from khabar.graph.iris import Iris
from khabar.graph.store import LOCK_NAME, GraphStore
from khabar.graph.triples import document_quads
from khabar.ingest.document import Article, Document
from khabar.ingest.html import extract_article
from khabar.ingest.readers import MAX_TEXT_BYTES, Skipped, read_file, read_sources

from .synthetic import article as synthetic_article
from .synthetic import write_jsonl
from .test_resolution import FULL, SHORT

GOOD = ("زار وزير الخارجية العراقي مدينة البصرة يوم الاثنين والتقى محافظها لبحث المشاريع.\n\n"
        "وقال الوزير إن الحكومة تدعم جهود إعادة الإعمار في المحافظات الجنوبية.")
ENGLISH = "The foreign minister visited Basra on Monday and met its governor to discuss new projects."
PERSIAN = ("وزیر امور خارجه ایران روز دوشنبه در سفر به بغداد با نخست وزیر عراق دیدار و گفتگو کرد. "
           "او گفت که دو کشور برای گسترش همکاری های اقتصادی و فرهنگی تلاش می کنند و این سفر پیام مهمی دارد.")
SCRIPT_WORDS = "نص داخل سكربت لا يظهر"
STYLE_WORDS = "نص داخل أنماط لا يظهر"


def _html_full_of_scripts() -> str:
    scripts = "".join(f'<script>var s{i} = "<p>{SCRIPT_WORDS}</p>"; if (a < b) {{ x(); }}</script>\n'
                      for i in range(200))
    styles = "".join(f"<style>.c{i}::after {{ content: '{STYLE_WORDS}'; }}</style>\n" for i in range(200))
    paragraphs = "".join(f"<p>{line}</p>" for line in GOOD.split("\n\n"))
    return (f"<html><head><title>عنوان الصفحة</title>{styles}{scripts}</head><body>"
            "<nav><ul><li><a href='/'>الرئيسية</a><li><a href='/news'>أخبار</a></ul></nav>"
            f"<article><h1>الوزير في البصرة</h1>{scripts}{paragraphs}{styles}</article>"
            f"<footer>{scripts}جميع الحقوق محفوظة</footer></body></html>")


@pytest.fixture()
def bad_and_good(tmp_path: Path) -> tuple[Path, set[str], set[str]]:
    """A folder of inputs; the origins that must be skipped and the ids that must be kept."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 20)
    (folder / "windows-1256.txt").write_bytes(("الوزير في البصرة\n\n" + GOOD).encode("cp1256"))
    lines = [json.dumps(synthetic_article(1), ensure_ascii=False),
             '{"id": "cut", "content": "زار الوزير',
             json.dumps(synthetic_article(2), ensure_ascii=False)]
    (folder / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "scripts.html").write_text(_html_full_of_scripts(), encoding="utf-8")
    (folder / "only-scripts.html").write_text(f"<html><script>{SCRIPT_WORDS}</script><style>{STYLE_WORDS}</style>"
                                              "</html>", encoding="utf-8")
    (folder / "english.txt").write_text("Minister in Basra\n\n" + ENGLISH, encoding="utf-8")
    (folder / "persian.txt").write_text("وزیر در بغداد\n\n" + PERSIAN, encoding="utf-8")
    (folder / "good.txt").write_text("الوزير في البصرة\n\n" + GOOD, encoding="utf-8")
    skipped = {str(folder / name) for name in ("empty.txt", "binary.txt", "only-scripts.html", "english.txt",
                                                "persian.txt")} | {f"{folder / 'feed.jsonl'}:2"}
    kept = {"windows-1256", "gen-00001", "gen-00002", "scripts", "good"}
    return folder, skipped, kept


def test_readers_name_each_bad_item_and_keep_each_good_one(bad_and_good) -> None:
    folder, skipped, kept = bad_and_good
    items = list(read_sources([folder]))
    reasons = {s.origin: s.reason for s in items if isinstance(s, Skipped)}
    assert sorted(s.origin for s in items if isinstance(s, Skipped)) == sorted(skipped), "each named once"
    assert {a.id for a in items if isinstance(a, Article)} == kept
    assert "binary" in reasons[str(folder / "binary.txt")]
    assert "empty" in reasons[str(folder / "only-scripts.html")]
    assert "not Arabic" in reasons[str(folder / "english.txt")]
    assert "Persian" in reasons[str(folder / "persian.txt")]
    assert "malformed JSON" in reasons[f"{folder / 'feed.jsonl'}:2"]
    by_id = {a.id: a for a in items if isinstance(a, Article)}
    assert by_id["windows-1256"].body == GOOD, "Windows-1256 is decoded, not mangled"
    page = by_id["scripts"]
    assert page.title == "الوزير في البصرة" and page.body == GOOD, "scripts, styles, menus and footer left out"


def test_build_names_what_it_skipped_and_exits_3(bad_and_good, tmp_path: Path, capsys) -> None:
    folder, skipped, kept = bad_and_good
    out = tmp_path / "g.nq"
    assert main(["build", str(folder), "-o", str(out), "-q"]) == 3
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.startswith("skipped ")]
    assert sorted(line.split(": ", 1)[0].removeprefix("skipped ") for line in lines) == sorted(skipped)
    assert f"{len(kept)} added" in err and f"skipped {len(skipped)}" in err
    graphs = {line.rsplit(" ", 2)[-2] for line in out.read_text(encoding="utf-8").splitlines() if line}
    assert {g.strip("<>").rsplit("/", 1)[-1] for g in graphs if "/article/" in g} == kept
    assert SCRIPT_WORDS not in out.read_text(encoding="utf-8")


def _traced_peak(run) -> tuple[object, int]:
    tracemalloc.start()
    try:
        value = run()
        return value, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_100_mb_article_is_skipped_unread(tmp_path: Path, capsys) -> None:
    huge = tmp_path / "dump.txt"
    block = ("عنوان\n\n" + GOOD * 200).encode("utf-8")
    with huge.open("wb") as out:
        while out.tell() < 100 * 2**20:
            out.write(block)
    items, peak = _traced_peak(lambda: list(read_file(huge)))
    assert len(items) == 1 and isinstance(items[0], Skipped) and "too large" in items[0].reason
    assert peak < 2**20, "the file was not read into memory"
    good = tmp_path / "good.txt"
    good.write_text("الوزير في البصرة\n\n" + GOOD, encoding="utf-8")
    assert main(["build", str(huge), str(good), "-o", str(tmp_path / "g.nt"), "-q"]) == 3
    err = capsys.readouterr().err
    assert f"skipped {huge}: too large" in err and "1 added" in err


def test_a_100_mb_jsonl_streams_through_the_build(tmp_path: Path) -> None:
    feed = tmp_path / "big.jsonl"
    count = 0
    with feed.open("w", encoding="utf-8") as out:
        while out.tell() < 100 * 2**20:
            item = synthetic_article(count)
            item["content"] = (item["content"] + "\n\n") * 1000  # ~400 kB a line
            out.write(json.dumps(item, ensure_ascii=False) + "\n")
            count += 1
    assert count > 200
    store = GraphStore(None, Iris())

    def shell(article: Article) -> Document:  # the reading, batching and writing alone
        return Document(article=article, text=article.text)

    report, peak = _traced_peak(lambda: build([feed], store, shell, progress=False))
    assert report.added == count and not report.skipped
    assert len(list(store.articles())) == count
    assert peak < 30 * 2**20, f"{peak / 2**20:.0f} MB held at once: the build did not stream"


# --- kill -9 and concurrent builds ------------------------------------------------------


def _khabar(*args: str, **popen: object) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "khabar.cli", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, **popen)


def _written_bytes(store: Path) -> int:
    return sum(p.stat().st_size for p in store.glob("*") if p.is_file()) if store.exists() else 0


def _store_quads(path: Path) -> set[str]:
    with GraphStore(path) as store:
        return {str(q) for q in store.store.quads_for_pattern(None, None, None, None)}


def test_kill_9_mid_build_loses_no_article(tmp_path: Path, pipeline) -> None:
    feed = write_jsonl(tmp_path / "feed.jsonl", 600)
    reference = tmp_path / "reference"
    done = _khabar("build", str(feed), "--store", str(reference), "-q")
    assert done.wait(timeout=600) == 0, done.stderr.read()

    kg = tmp_path / "kg"
    victim = _khabar("build", str(feed), "--store", str(kg), "--batch", "10", "-q")
    deadline = time.monotonic() + 300
    while _written_bytes(kg) < 2 * 2**20 and victim.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)  # until some batches are committed
    assert victim.poll() is None, "the build ended before it could be killed"
    victim.send_signal(signal.SIGKILL)
    victim.wait(timeout=30)

    iris = Iris()
    with GraphStore(kg) as store:  # the store opens
        present = set(store.articles())
        assert 0 < len(present) < 600
        articles = {iris.article(a.id): a for a in read_sources([feed]) if isinstance(a, Article)}
        for iri in sorted(present)[:40]:  # each article there is there whole
            graph = {str(q) for q in store.store.quads_for_pattern(None, None, None, NamedNode(iri))}
            expected = Store()  # stored as the database writes values (0.80 -> 0.8)
            expected.extend(document_quads(pipeline(articles[iri]), iris))
            assert graph == {str(q) for q in expected}, iri

    again = _khabar("build", str(feed), "--store", str(kg), "-q")
    assert again.wait(timeout=600) == 0, again.stderr.read()
    assert f"{600 - len(present)} added, {len(present)} unchanged" in again.stderr.read()
    assert _store_quads(kg) == _store_quads(reference), "no duplicate and no missing quad"


class Killed(Exception):
    """Stands in for the process dying."""


def test_a_build_killed_while_resolving_is_completed_by_the_next(pipeline, tmp_path: Path, monkeypatch) -> None:
    import khabar.graph.resolve as resolve

    paths = [tmp_path / "full.txt", tmp_path / "short.txt"]
    for path, (title, date, body) in zip(paths, (FULL, SHORT)):
        path.write_text(f"{title}\n{date}\n{body}", encoding="utf-8")
    with GraphStore(tmp_path / "reference") as store:
        build(paths, store, pipeline, progress=False)
    rename = resolve._rename

    def dies_midway(store, graph: str, old: str, new: str) -> None:
        raw, removed = store.store, []

        def remove(quad) -> None:
            if len(removed) == 2:
                raise Killed
            removed.append(quad)
            raw.remove(quad)

        view = SimpleNamespace(quads_for_pattern=raw.quads_for_pattern, extend=raw.extend, remove=remove)
        rename(SimpleNamespace(store=view), graph, old, new)

    monkeypatch.setattr(resolve, "_rename", dies_midway)
    with GraphStore(tmp_path / "kg") as store, pytest.raises(Killed):
        build(paths, store, pipeline, progress=False)
    monkeypatch.setattr(resolve, "_rename", rename)
    with GraphStore(tmp_path / "kg") as store:
        assert build(paths, store, pipeline, progress=False).unchanged == 2
    assert _store_quads(tmp_path / "kg") == _store_quads(tmp_path / "reference")


def _holds_lock(process: subprocess.Popen, store: Path) -> bool:
    lock = store / LOCK_NAME
    return lock.exists() and lock.read_text().split()[-1:] == [str(process.pid)]


def test_a_second_build_refuses_or_waits(tmp_path: Path) -> None:
    first, second = write_jsonl(tmp_path / "a.jsonl", 600), write_jsonl(tmp_path / "b.jsonl", 50, first=600)
    kg = tmp_path / "kg"
    running = _khabar("build", str(first), "--store", str(kg), "-q")
    deadline = time.monotonic() + 120
    while not _holds_lock(running, kg) and running.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert running.poll() is None, "the first build ended before the second started"

    refused = _khabar("build", str(second), "--store", str(kg), "-q")
    assert refused.wait(timeout=120) == 1
    assert "another khabar process is writing to" in refused.stderr.read()
    waiting = _khabar("build", str(second), "--store", str(kg), "-q", "--wait")
    assert running.wait(timeout=600) == 0, running.stderr.read()
    assert waiting.wait(timeout=600) == 0, waiting.stderr.read()
    assert "50 added" in waiting.stderr.read()

    reference = tmp_path / "reference"
    for feed in (first, second):
        assert _khabar("build", str(feed), "--store", str(reference), "-q").wait(timeout=600) == 0
    assert _store_quads(kg) == _store_quads(reference)


# --- fuzzing ----------------------------------------------------------------------------

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _read_as(name: str, data: bytes) -> list:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        return list(read_file(path))


@FUZZ
@given(data=st.binary(max_size=4096), name=st.sampled_from(["a.txt", "a.html", "a.htm", "a.jsonl", "a.jsonl.gz"]))
def test_random_bytes_never_crash_a_reader(data: bytes, name: str) -> None:
    items = _read_as(name, data)
    assert all(isinstance(i, (Article, Skipped)) for i in items)
    assert all(i.body.strip() for i in items if isinstance(i, Article))
    if not name.startswith("a.jsonl"):
        assert len(items) == 1, "a file is one article or one skip"


@FUZZ
@given(data=st.binary(max_size=4096), cut=st.integers(min_value=0, max_value=4096))
def test_damaged_gzip_keeps_what_came_before(data: bytes, cut: int) -> None:
    feed = "\n".join(json.dumps(synthetic_article(n), ensure_ascii=False) for n in range(3)).encode() + b"\n"
    packed = gzip.compress(feed)
    items = _read_as("a.jsonl.gz", packed[: min(cut, len(packed))] + data)
    assert all(isinstance(i, (Article, Skipped)) for i in items)
    ids = [i.id for i in items if isinstance(i, Article)]
    assert ids == [f"gen-{n:05d}" for n in range(len(ids))], "good lines before the damage are kept, in order"


_JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
                     lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
                     max_leaves=12)
_LINE = st.one_of(
    _JSON.map(lambda v: json.dumps(v, ensure_ascii=False)),
    st.fixed_dictionaries({"id": st.text(max_size=8), "content": st.text(max_size=200), "date": st.text(max_size=12),
                           "title": _JSON}).map(lambda v: json.dumps(v, ensure_ascii=False)),
    st.integers(0, 50).map(lambda n: json.dumps(synthetic_article(n), ensure_ascii=False)),
    st.text(max_size=80).filter(lambda s: "\n" not in s and "\r" not in s),
)


@FUZZ
@given(lines=st.lists(_LINE, max_size=12))
def test_every_jsonl_line_gives_one_article_or_one_skip(lines: list[str]) -> None:
    text = "\n".join(lines) + "\n"
    items = _read_as("feed.jsonl", text.encode("utf-8"))
    filled = [n for n, line in enumerate(text.encode("utf-8").split(b"\n"), start=1) if line.strip()]
    assert [i.origin.rsplit(":", 1)[1] for i in items] == [str(n) for n in filled], "nothing lost, nothing twice"


_HTML_PIECES = ["<", ">", "/", "=", '"', "'", " ", "!", "-", "&", ";", "#", "a", "p", "li", "div", "class=share",
                "<script>", "</script>", "<style>", "</style>", "<p>", "</p>", "<nav>", "</nav>", "<li>", "<br/>",
                "<article>", "</article>", "</div>", "<div class=related>", "زار", "الوزير", "&amp;", "&#", "<!--",
                "-->", "<![CDATA[", "]]>", "<title>", "<h1>", "\n"]


@FUZZ
@given(pieces=st.lists(st.sampled_from(_HTML_PIECES), max_size=120))
def test_html_extraction_never_crashes(pieces: list[str]) -> None:
    extracted = extract_article("".join(pieces))
    assert "<script>" not in extracted.body


def test_an_oversized_jsonl_line_is_skipped(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    giant = json.dumps({"id": "giant", "content": "ا" * (MAX_TEXT_BYTES // 2 + 10)})
    feed.write_text(json.dumps(synthetic_article(0), ensure_ascii=False) + "\n" + giant + "\n"
                    + "[" * 100000 + "]" * 100000 + "\n" + json.dumps(synthetic_article(1), ensure_ascii=False)
                    + "\n", encoding="utf-8")
    items = list(read_file(feed))
    assert [type(i).__name__ for i in items] == ["Article", "Skipped", "Skipped", "Article"]
    assert "too large" in items[1].reason and "malformed" in items[2].reason


def test_the_lock_names_the_build_holding_it(tmp_path: Path) -> None:
    with GraphStore(tmp_path / "kg"):
        assert (tmp_path / "kg" / LOCK_NAME).read_text().split()[-1] == str(os.getpid())
