"""Loading the project's data files (lexicons, gazetteers, rules) from ingest/data."""

from __future__ import annotations

import json
from collections.abc import Iterator
from importlib import resources
from typing import Any


def data_text(name: str) -> str:
    return resources.files("khabar.ingest").joinpath("data", name).read_text(encoding="utf-8")


def data_lines(name: str) -> Iterator[str]:
    """Non-empty lines of a data file, without `#` comment lines."""
    for line in data_text(name).splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.rstrip("\n")


def data_tsv(name: str) -> Iterator[list[str]]:
    for line in data_lines(name):
        yield [cell.strip() for cell in line.split("\t")]


def data_jsonl(name: str) -> Iterator[dict[str, Any]]:
    for line in data_lines(name):
        yield json.loads(line)
