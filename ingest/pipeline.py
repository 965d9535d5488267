"""Article in, Document with entities, events and relations out: the stages in order."""

from __future__ import annotations

from collections.abc import Callable

from . import coref, events, text
from .document import Article, Document

Recognizer = Callable[[Document], Document]


def default_recognizer() -> Recognizer:
    from .ner.recognizer import RuleRecognizer

    return RuleRecognizer()


class Pipeline:
    """text -> ner -> coref -> events and relations. Build once, call per article."""

    def __init__(self, recognizer: Recognizer | None = None) -> None:
        self.recognizer = recognizer or default_recognizer()

    def __call__(self, article: Article) -> Document:
        doc = text.analyse(article)
        doc = self.recognizer(doc)
        doc = coref.resolve(doc)
        return events.extract(doc)
