"""Events and standing relations from sentences."""

from __future__ import annotations

from .document import Document


def extract(doc: Document) -> Document:
    return doc
