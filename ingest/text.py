"""Arabic text: normalisation, tokens and sentences with offsets into the original text.

Normalisation and dediacritisation come from camel-tools' pure functions; matching is
done on normalised token forms while every token keeps the span it covers in the
original text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache, lru_cache

from camel_tools.tokenizers.word import simple_word_tokenize
from camel_tools.utils.dediac import dediac_ar
from camel_tools.utils.normalize import (
    normalize_alef_ar,
    normalize_alef_maksura_ar,
    normalize_teh_marbuta_ar,
)

from .document import Article, Document, Sentence, Token
from .lexicon import data_lines

_TATWEEL = "\u0640"
_HAMZA_CARRIERS = str.maketrans({"ؤ": "و", "ئ": "ي"})
_ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")
_CHUNK = re.compile(r"\S+")
_SENTENCE_END = re.compile(r"[.!?؟]+[\"'»”)]*(?=\s)|\n+")


@lru_cache(maxsize=1 << 16)  # words recur: most calls are for a word already seen
def normalize(text: str) -> str:
    """The form names are matched on: no diacritics or tatweel, one alef, yeh and heh."""
    text = dediac_ar(text).replace(_TATWEEL, "")
    text = normalize_alef_ar(text)
    text = normalize_alef_maksura_ar(text)
    text = normalize_teh_marbuta_ar(text)
    return text.translate(_HAMZA_CARRIERS).translate(_ARABIC_DIGITS).lower()


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """camel-tools' word tokens, each aligned back to its span in `text`."""
    tokens: list[Token] = []
    for chunk in _CHUNK.finditer(text):
        base = offset + chunk.start()
        tokens.extend(Token(base + start, base + end, piece, norm) for start, end, piece, norm in _split(chunk.group()))
    return tokens


@lru_cache(maxsize=1 << 16)  # the same words come back in every article
def _split(chunk: str) -> tuple[tuple[int, int, str, str], ...]:
    """The tokens of one whitespace-free chunk: (start, end, text, normalised form)."""
    pieces = []
    cursor = 0
    for piece in simple_word_tokenize(chunk):
        at = chunk.find(piece, cursor)
        if at < 0:  # the tokenizer changed the characters: keep the rest of the chunk whole
            piece, at = chunk[cursor:], cursor
        pieces.append((at, at + len(piece), piece, normalize(piece)))
        cursor = at + len(piece)
        if cursor >= len(chunk):
            break
    return tuple(pieces)


@cache
def _boilerplate_rules() -> tuple[tuple[str, ...], tuple[str, ...]]:
    prefixes, contains = [], []
    for kind, phrase in (line.split("\t") for line in data_lines("boilerplate.tsv")):
        (prefixes if kind == "prefix" else contains).append(normalize(phrase))
    return tuple(prefixes), tuple(contains)


def is_boilerplate(line: str) -> bool:
    """A "read also" link line, a share button or a footer line: never a source of facts."""
    norm = normalize(line.strip())
    prefixes, contains = _boilerplate_rules()
    if norm.startswith(prefixes):
        return True
    return len(norm.split()) < 15 and any(c in norm for c in contains)


def split_sentences(text: str, start: int = 0, end: int | None = None) -> Iterable[tuple[int, int]]:
    """Spans of sentences: a line break or sentence-final punctuation ends one."""
    end = len(text) if end is None else end
    cursor = start
    for m in _SENTENCE_END.finditer(text, start, end):
        if text[cursor : m.end()].strip():
            yield _trim(text, cursor, m.end())
        cursor = m.end()
    if text[cursor:end].strip():
        yield _trim(text, cursor, end)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _line_of(text: str, pos: int) -> str:
    begin = text.rfind("\n", 0, pos) + 1
    stop = text.find("\n", pos)
    return text[begin : stop if stop >= 0 else len(text)]


def analyse(article: Article) -> Document:
    """The first stage: an article becomes a Document with sentences and tokens."""
    text = article.text
    doc = Document(article=article, text=text)
    for start, end in split_sentences(text):
        tokens = tokenize(text[start:end], offset=start)
        if not tokens:
            continue
        boiler = is_boilerplate(_line_of(text, start))
        first = len(doc.tokens)
        doc.tokens.extend(tokens)
        doc.sentences.append(Sentence(len(doc.sentences), start, end, first, len(doc.tokens), boiler))
    return doc


def from_tokens(sentences: list[list[str]], article_id: str = "tokens") -> Document:
    """A Document over already tokenised text (CoNLL input), one Token per given token.

    The text is the tokens joined by single spaces, so offsets stay exact."""
    doc = Document(article=Article(id=article_id, body=""), text="")
    pos = 0
    for words in sentences:
        first, s_start = len(doc.tokens), pos
        for word in words:
            doc.tokens.append(Token(pos, pos + len(word), word, normalize(word)))
            pos += len(word) + 1
        doc.sentences.append(Sentence(len(doc.sentences), s_start, max(s_start, pos - 1), first, len(doc.tokens)))
    doc.text = " ".join(t.text for t in doc.tokens)
    doc.article.body = doc.text
    return doc
