"""Recognizers by name: the offline rules, a trained CRF, camel-tools' NER, or a local
transformers model. Each is a callable that fills `Document.mentions`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..document import Document

Recognizer = Callable[[Document], Document]


def load(spec: str) -> Recognizer:
    """`rules`, `crf:MODEL`, `camel` or `hf:PATH`."""
    name, _, arg = spec.partition(":")
    if name == "rules":
        from .recognizer import RuleRecognizer

        return RuleRecognizer()
    if name == "crf":
        from .crf import CrfRecognizer

        return CrfRecognizer(Path(arg))
    if name == "camel":
        from .camel import CamelRecognizer

        return CamelRecognizer()
    if name == "hf":
        from .hf import HfRecognizer

        return HfRecognizer(Path(arg))
    raise ValueError(f"unknown recognizer {spec!r}: use rules, crf:MODEL, camel or hf:PATH")
