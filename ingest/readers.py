"""Readers: files and folders in, Articles out, bad items named and skipped.

`read_sources` streams; nothing holds a whole corpus. Each bad item becomes a
`Skipped` with the place it came from and why, and the caller decides what to print.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .document import Article
from .html import extract_article

ARTICLE_SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".jsonl.gz")
MAX_ARTICLE_CHARS = 2_000_000  # a larger "article" is a dump, not news
MAX_TEXT_BYTES = 4 * MAX_ARTICLE_CHARS  # a larger file or line holds more characters than that: not read
MAX_PAGE_BYTES = 4 * MAX_TEXT_BYTES  # a page's markup comes on top of its text
_ARABIC = re.compile(r"[\u0621-\u064a]")
# Letters Persian and Urdu write and Arabic news almost never does (under 1 % of letters)
_PERSIAN_URDU = re.compile(r"[\u067e\u0686\u0698\u06af\u0679\u0688\u0691\u06ba\u06d2\u06c0]")
_LETTER = re.compile(r"[^\W\d_]")
_DATE_LINE = re.compile(r"^\s*(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})\s*$")
_DATE_IN_NAME = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


@dataclass
class Skipped:
    origin: str
    reason: str


def read_sources(paths: Iterable[str | Path]) -> Iterator[Article | Skipped]:
    """Every article under the given files and folders (folders recursively, sorted)."""
    for path in map(Path, paths):
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")):
                if _suffix(child) in ARTICLE_SUFFIXES:
                    yield from read_file(child)
        elif path.exists():
            yield from read_file(path)
        else:
            yield Skipped(str(path), "no such file or folder")


def read_file(path: Path) -> Iterator[Article | Skipped]:
    suffix = _suffix(path)
    try:
        if suffix in (".jsonl", ".jsonl.gz"):
            yield from _read_jsonl(path)
            return
        if suffix not in (".txt", ".html", ".htm"):
            yield Skipped(str(path), f"not an article file (readers take {', '.join(ARTICLE_SUFFIXES)})")
            return
        html = suffix in (".html", ".htm")
        if (size := path.stat().st_size) > (MAX_PAGE_BYTES if html else MAX_TEXT_BYTES):
            yield Skipped(str(path), f"too large for one article ({size:,} bytes), not read")
            return
        text = decode(path.read_bytes())
        article = _from_html(path, text) if html else _from_txt(path, text)
    except (EOFError, zlib.error, gzip.BadGzipFile) as err:  # a cut or corrupt .gz: the lines before it are kept
        yield Skipped(str(path), f"damaged compressed file ({err})")
        return
    except (OSError, UnicodeDecodeError, ValueError) as err:
        yield Skipped(str(path), str(err))
        return
    yield check(article)


def decode(raw: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1256, the other Arabic encoding in the wild."""
    if b"\x00" in raw[:8192]:
        raise ValueError("binary file, not text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1256")


def check(article: Article) -> Article | Skipped:
    """The article itself, or why it cannot be used."""
    body = article.body.strip()
    if not body:
        return Skipped(article.origin, "empty article")
    if len(body) > MAX_ARTICLE_CHARS:
        return Skipped(article.origin, f"too large for one article ({len(body):,} characters)")
    sample = body[:20000]
    letters = _LETTER.subn("", sample)[1]  # counts without a list of every letter
    arabic = _ARABIC.subn("", sample)[1]
    if not letters or arabic / letters < 0.3:
        return Skipped(article.origin, "not Arabic text")
    if len(_PERSIAN_URDU.findall(sample)) > 0.02 * arabic:
        return Skipped(article.origin, "not Arabic text (Persian or Urdu)")
    return article


def parse_date(value: object) -> dt.date | None:
    """An ISO date or datetime, or day/month/year, or None."""
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip()
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        pass
    m = _DATE_LINE.match(value)
    if not m:
        return None
    a, b, c = (int(x) for x in m.groups())
    year, month, day = (a, b, c) if a > 31 else (c, b, a)
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _suffix(path: Path) -> str:
    name = path.name.lower()
    return ".jsonl.gz" if name.endswith(".jsonl.gz") else path.suffix.lower()


def _from_txt(path: Path, text: str) -> Article:
    """First non-empty line is the title; a date alone on a line just below it is the date."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    filled = [i for i, line in enumerate(lines) if line.strip()]
    if not filled:
        return Article(id=_article_id(path), body="", origin=str(path))
    title = lines[filled[0]].strip()
    published = None
    body_start = filled[0] + 1
    for i in filled[1:4]:  # the header: a repeated headline and a date line
        line = lines[i].strip()
        if line == title:
            body_start = i + 1
        elif published is None and (_DATE_LINE.match(line) or _is_iso(line)) and (date := parse_date(line)):
            published, body_start = date, i + 1
        else:
            break
    if published is None and (m := _DATE_IN_NAME.search(path.name)):
        published = parse_date(m.group())
    return Article(id=_article_id(path), title=title, body="\n".join(lines[body_start:]).strip(),
                   published=published, origin=str(path))


def _is_iso(text: str) -> bool:
    return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", text))


def _from_html(path: Path, text: str) -> Article:
    page = extract_article(text)
    return Article(id=_article_id(path), title=page.title, body=page.body,
                   published=parse_date(page.published), url=page.url, origin=str(path))


def _article_id(path: Path) -> str:
    name = path.name
    for suffix in ARTICLE_SUFFIXES:
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return path.stem


def _read_jsonl(path: Path) -> Iterator[Article | Skipped]:
    opener = gzip.open if _suffix(path) == ".jsonl.gz" else open
    stem = _article_id(path)
    with opener(path, "rb") as stream:
        for number, raw in enumerate(stream, start=1):
            origin = f"{path}:{number}"
            if not raw.strip():
                continue
            if len(raw) > MAX_TEXT_BYTES:
                yield Skipped(origin, f"too large for one article ({len(raw):,} bytes)")
                continue
            try:
                item = json.loads(decode(raw))
            except (ValueError, UnicodeDecodeError, RecursionError) as err:  # RecursionError: [[[[...
                yield Skipped(origin, f"malformed JSON line ({err})")
                continue
            if not isinstance(item, dict):
                yield Skipped(origin, "a JSON line that is not an object")
                continue
            body = next((item[k] for k in ("content", "text", "body") if isinstance(item.get(k), str)), "")
            yield check(Article(
                id=str(item.get("id") or f"{stem}-{number}"),
                title=str(item.get("title") or "").strip(),
                body=body.strip(),
                published=parse_date(item.get("date") or item.get("published")),
                url=str(item.get("url") or ""),
                source=str(item.get("source") or ""),
                origin=origin,
            ))
