"""The main text of a news page: the article's paragraphs without menus, scripts,
share buttons, "read also" links or footers. Standard library only."""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser

from .text import is_boilerplate

_SKIPPED = {"script", "style", "nav", "header", "footer", "aside", "form", "noscript", "iframe",
            "svg", "button", "select", "template", "figure"}
_BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "div", "blockquote", "section", "article",
           "main", "br", "tr", "td", "pre", "time"}
_VOID = {"br", "img", "hr", "meta", "link", "input", "wbr", "source"}


@dataclass
class Page:
    title: str
    body: str
    published: str
    url: str


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skip_tag = ""  # the element whose content is left out, and how deep in elements of its name:
        self.skip_depth = 0  # only its own name counts, so unclosed <li> or <p> inside it cannot leave it open
        self.in_title = self.in_h1 = False
        self.title = self.h1 = self.published = self.url = ""
        self.article_depth = 0  # inside <article> or <main>
        self.saw_article = False
        self.blocks: list[tuple[bool, list[str], int]] = []  # (in article, pieces, link chars)
        self.link_depth = 0
        self.closing = self.unfinished = False  # at the end of the page; markup left open there
        self._new_block()

    def _new_block(self) -> None:
        self.blocks.append((self.article_depth > 0, [], 0))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "meta":
            prop = values.get("property") or values.get("name") or ""
            if prop in ("article:published_time", "datePublished", "date", "pubdate") and not self.published:
                self.published = values.get("content", "")
            elif prop == "og:url" and not self.url:
                self.url = values.get("content", "")
            return
        if tag == "link" and values.get("rel") == "canonical" and not self.url:
            self.url = values.get("href", "")
        if tag in _VOID:
            if tag == "br":
                self._new_block()
            return
        if self.skip_depth:
            if tag == self.skip_tag:
                self.skip_depth += 1
            return
        classes = (values.get("class", "") + " " + values.get("id", "")).lower()
        if tag in _SKIPPED or any(w in classes for w in ("share", "related", "social")):
            self.skip_tag, self.skip_depth = tag, 1
            return
        if tag == "time" and not self.published:
            self.published = values.get("datetime", "")
        if tag in ("article", "main"):
            self.article_depth += 1
            self.saw_article = True
        self.in_title |= tag == "title"
        self.in_h1 |= tag == "h1"
        if tag == "a":
            self.link_depth += 1
        if tag in _BLOCKS:
            self._new_block()

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        if self.skip_depth:
            if tag == self.skip_tag:
                self.skip_depth -= 1
            return
        if tag in ("article", "main"):
            self.article_depth = max(0, self.article_depth - 1)
        if tag == "title":
            self.in_title = False
        if tag == "h1":
            self.in_h1 = False
        if tag == "a":
            self.link_depth = max(0, self.link_depth - 1)
        if tag in _BLOCKS:
            self._new_block()

    def close(self) -> None:
        self.closing = True
        super().close()

    def handle_data(self, data: str) -> None:
        if self.closing and (self.unfinished or data.startswith("<")):
            # markup left open at the end ("<!--<script>"): a browser shows none of it,
            # the parser would hand it back as text
            self.unfinished = True
            return
        if self.skip_depth:
            return
        if self.in_title:
            self.title += data
            return
        if self.in_h1:
            self.h1 += data
        inside, pieces, link_chars = self.blocks[-1]
        pieces.append(data)
        if self.link_depth:
            self.blocks[-1] = (inside, pieces, link_chars + len(data.strip()))


def extract_article(html: str) -> Page:
    """Title, main text (one paragraph a line), date and URL of a news page."""
    parser = _Collector()
    parser.feed(html)
    parser.close()
    title = " ".join((parser.h1 or parser.title).split())
    paragraphs = []
    for inside, pieces, link_chars in parser.blocks:
        text = " ".join("".join(pieces).split())
        if not text or (parser.saw_article and not inside):
            continue
        if link_chars >= 0.6 * len(text) or is_boilerplate(text) or text == title:
            continue  # link lists ("read also"), share buttons, the headline again
        paragraphs.append(text)
    return Page(title=title, body="\n\n".join(paragraphs), published=parser.published.strip(), url=parser.url)
