"""Readers: each format, both encodings, and each kind of bad item skipped by name."""

from __future__ import annotations

import datetime as dt
import gzip
import json
from pathlib import Path

from khabar.ingest.readers import Skipped, read_sources

BODY = "قال وزير الخارجية العراقي إن بغداد ترفض أي هجوم على أراضيها، وأكد أن الحكومة ستحاسب المسؤولين."


def _items(*paths: Path) -> list:
    return list(read_sources(paths))


def test_txt_title_date_and_repeated_headline(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text(f"العنوان هنا\n\nالعنوان هنا\n\n24/11/2020\n\n{BODY}\n", encoding="utf-8")
    [article] = _items(f)
    assert article.title == "العنوان هنا"
    assert article.published == dt.date(2020, 11, 24)
    assert article.body == BODY
    assert article.id == "a"


def test_txt_windows_1256(tmp_path: Path) -> None:
    f = tmp_path / "legacy.txt"
    f.write_bytes(f"عنوان\n{BODY}".encode("cp1256"))
    [article] = _items(f)
    assert article.body == BODY


def test_txt_bad_items_are_named(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "english.txt").write_text("Title\nThis article is written in English only.", encoding="utf-8")
    (tmp_path / "good.txt").write_text(f"عنوان\n{BODY}", encoding="utf-8")
    items = _items(tmp_path)
    skipped = {Path(s.origin).name: s.reason for s in items if isinstance(s, Skipped)}
    assert set(skipped) == {"empty.txt", "binary.txt", "english.txt"}
    assert "binary" in skipped["binary.txt"] and "not Arabic" in skipped["english.txt"]
    assert [a.id for a in items if not isinstance(a, Skipped)] == ["good"]


def test_jsonl_fields_and_broken_line(tmp_path: Path) -> None:
    f = tmp_path / "feed.jsonl"
    rows = [json.dumps({"id": "x1", "title": "عنوان", "content": BODY, "date": "2015-07-21", "source": "aawsat",
                        "url": "http://example.org/1"}, ensure_ascii=False),
            "{not json",
            json.dumps({"text": BODY, "published": "2020-01-02T10:00:00"}, ensure_ascii=False),
            json.dumps([1, 2])]
    f.write_text("\n".join(rows) + "\n", encoding="utf-8")
    items = _items(f)
    good = [a for a in items if not isinstance(a, Skipped)]
    bad = [s for s in items if isinstance(s, Skipped)]
    assert [a.id for a in good] == ["x1", "feed-3"]
    assert good[0].source == "aawsat" and good[0].published == dt.date(2015, 7, 21)
    assert good[1].published == dt.date(2020, 1, 2)
    assert [s.origin for s in bad] == [f"{f}:2", f"{f}:4"]


def test_jsonl_gz(tmp_path: Path) -> None:
    f = tmp_path / "feed.jsonl.gz"
    with gzip.open(f, "wt", encoding="utf-8") as out:
        out.write(json.dumps({"id": "g1", "body": BODY}, ensure_ascii=False) + "\n")
    [article] = _items(f)
    assert article.id == "g1" and article.body == BODY


HTML = """<!doctype html><html><head><title>موقع | خبر</title>
<meta property="article:published_time" content="2021-06-14T09:00:00+03:00">
<style>p { color: red }</style><script>var x = "<p>لا</p>";</script></head>
<body><nav><a href="/">الرئيسية</a> <a href="/s">سياسة</a></nav>
<article><h1>زيارة وزير الخارجية</h1>
<p>وصل وزير الخارجية السعودي إلى القاهرة أمس في زيارة رسمية.</p>
<div class="share-buttons">شارك على فيسبوك</div>
<p><a href="/x">اقرأ أيضاً: خبر آخر عن الرياض</a></p>
<p>والتقى الوزير نظيره المصري في قصر التحرير.</p></article>
<footer>جميع الحقوق محفوظة</footer></body></html>"""


def test_html_main_text_only(tmp_path: Path) -> None:
    f = tmp_path / "page.html"
    f.write_text(HTML, encoding="utf-8")
    [article] = _items(f)
    assert article.title == "زيارة وزير الخارجية"
    assert article.published == dt.date(2021, 6, 14)
    assert article.body.splitlines()[0] == "وصل وزير الخارجية السعودي إلى القاهرة أمس في زيارة رسمية."
    for furniture in ("الرئيسية", "شارك", "اقرأ", "الرياض", "جميع الحقوق", "var x", "color"):
        assert furniture not in article.body
    assert "قصر التحرير" in article.body


def test_missing_path_and_unsupported_file(tmp_path: Path) -> None:
    (tmp_path / "notes.docx").write_bytes(b"PK")
    items = _items(tmp_path / "nowhere.txt", tmp_path / "notes.docx")
    assert [type(i) for i in items] == [Skipped, Skipped]
    assert "no such file" in items[0].reason and "not an article file" in items[1].reason


def test_folder_is_read_recursively_and_ignores_other_files(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text(f"عنوان\n{BODY}", encoding="utf-8")
    (tmp_path / "a.txt").write_text(f"عنوان\n{BODY}", encoding="utf-8")
    (tmp_path / "README.md").write_text("# notes", encoding="utf-8")
    assert [a.id for a in _items(tmp_path)] == ["a", "b"]


def test_markup_left_open_at_the_end_of_a_page_is_not_text() -> None:
    from khabar.ingest.html import extract_article

    page = extract_article("<p>زار الوزير بغداد</p><!-- <script>alert(1)")
    assert page.body == "زار الوزير بغداد"
    assert extract_article("<p>نص</p><![CDATA[<script>").body == "نص"
