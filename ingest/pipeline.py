"""Article in, Document with entities, events and relations out: the stages in order."""

from __future__ import annotations

import time
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

    def stages(self) -> list[tuple[str, Callable]]:
        return [("text", text.analyse), ("ner", self.recognizer), ("coref", coref.resolve),
                ("events", events.extract)]

    def __call__(self, article: Article, timing: dict[str, float] | None = None) -> Document:
        """The article's Document; with `timing`, the seconds each stage took are added to it."""
        value: Article | Document = article
        for name, stage in self.stages():
            started = time.perf_counter()
            value = stage(value)
            if timing is not None:
                timing[name] = timing.get(name, 0.0) + time.perf_counter() - started
        return value
