"""The command line as a user runs it: build in every format, store, export, query,
stats, remove, and clear errors with nothing lost."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import rdflib

from khabar.cli import main

from .conftest import EXAMPLES


@pytest.fixture(scope="module")
def two_articles(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("articles")
    for name in sorted(p.name for p in EXAMPLES.glob("*.txt"))[:2]:
        shutil.copy(EXAMPLES / name, folder / name)
    return folder


def test_help_explains_every_command_with_an_example(capsys) -> None:
    for command in ("build", "export", "query", "viz", "serve", "ner", "stats", "remove"):
        with pytest.raises(SystemExit) as done:
            main([command, "--help"])
        assert done.value.code == 0
        text = capsys.readouterr().out
        assert "khabar " + command in text and "example" in text


def test_build_writes_each_format(two_articles: Path, tmp_path: Path) -> None:
    out = tmp_path / "g.ttl"
    assert main(["build", str(two_articles), "-o", str(out), "-q"]) == 0
    g = rdflib.Graph()
    g.parse(out)
    people = set(g.subjects(rdflib.RDF.type, rdflib.URIRef("https://w3id.org/khabar/ontology#Person")))
    assert people and len(list(g.subjects(rdflib.RDF.type, rdflib.URIRef(
        "https://w3id.org/khabar/ontology#Article")))) == 2


def test_store_is_idempotent_then_exports_queries_and_removes(two_articles: Path, tmp_path: Path, capsys) -> None:
    kg = tmp_path / "kg"
    assert main(["build", str(two_articles), "--store", str(kg), "-q"]) == 0
    first = capsys.readouterr().err
    assert "2 added" in first
    assert main(["build", str(two_articles), "--store", str(kg), "-q"]) == 0
    assert "0 added, 2 unchanged" in capsys.readouterr().err
    out = tmp_path / "kg.nq"
    assert main(["export", "--store", str(kg), "-o", str(out)]) == 0
    graphs = {line.rsplit(" ", 2)[-2] for line in out.read_text(encoding="utf-8").splitlines() if line}
    assert len([g for g in graphs if "/article/" in g]) == 2
    assert main(["query", str(kg), "SELECT (COUNT(*) AS ?n) WHERE { ?a a "
                 "<https://w3id.org/khabar/ontology#Article> }", "--format", "json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["results"]["bindings"][0]["n"]["value"] == "2"
    assert main(["stats", str(kg)]) == 0
    assert "articles: 2" in capsys.readouterr().out
    first_id = sorted(p.stem for p in two_articles.glob("*.txt"))[0]
    assert main(["remove", "--store", str(kg), first_id]) == 0
    assert main(["query", str(kg), "SELECT (COUNT(*) AS ?n) WHERE { ?a a "
                 "<https://w3id.org/khabar/ontology#Article> }", "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines()[1] == "1"


def test_skipped_inputs_are_named_and_change_the_exit_code(tmp_path: Path, capsys) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_text("", encoding="utf-8")
    shutil.copy(sorted(EXAMPLES.glob("*.txt"))[0], tmp_path / "in" / "good.txt")
    assert main(["build", str(tmp_path / "in"), "-o", str(tmp_path / "g.nt"), "-q"]) == 3
    err = capsys.readouterr().err
    assert "empty.txt: empty article" in err and "1 added" in err and "skipped 1" in err


def test_usage_errors_are_clear(tmp_path: Path, capsys) -> None:
    with pytest.raises(SystemExit) as done:
        main(["build", str(EXAMPLES)])
    assert done.value.code == 2 and "-o FILE or --store DIR" in capsys.readouterr().err
    assert main(["build", str(EXAMPLES), "-o", str(tmp_path / "g.xyz")]) == 1
    assert "unknown RDF format" in capsys.readouterr().err
    with pytest.raises(SystemExit) as done:
        main(["query", str(tmp_path / "missing"), "visits"])
    assert done.value.code == 2 and "no such store" in capsys.readouterr().err


def test_stats_of_a_file_reports_coverage_without_per_article_shares(two_articles: Path, tmp_path: Path,
                                                                     capsys) -> None:
    out = tmp_path / "g.ttl"
    assert main(["build", str(two_articles), "-o", str(out), "-q"]) == 0
    capsys.readouterr()
    assert main(["stats", str(out)]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if x.startswith("with an English label"))
    assert "linked to Wikidata/GeoNames" in line and "in one article" not in line  # Turtle has no article graphs
