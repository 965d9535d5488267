"""Queries: saved queries by name, bound values, and each output format."""

from __future__ import annotations

import csv
import io
import json
from xml.etree import ElementTree

import pytest

from khabar.graph.query import bindings, load_query, render, saved_queries

COUNT_VISITS = """PREFIX kb: <https://w3id.org/khabar/ontology#>
SELECT ?who ?where WHERE { ?e a kb:Visit ; kb:agent ?a ; kb:location ?p .
  ?a <http://www.w3.org/2000/01/rdf-schema#label> ?who . FILTER(lang(?who) = "ar")
  ?p <http://www.w3.org/2000/01/rdf-schema#label> ?where . FILTER(lang(?where) = "ar")
  FILTER NOT EXISTS { ?e kb:negated true } }"""


def test_saved_queries_cover_the_questions_users_ask() -> None:
    names = set(saved_queries())
    assert {"visits", "meetings", "condemnations", "statements", "events-in-place"} <= names
    assert "SELECT" in load_query("visits")


def test_query_from_file_and_literal_text(tmp_path) -> None:
    f = tmp_path / "q.rq"
    f.write_text("ASK { ?s ?p ?o }", encoding="utf-8")
    assert load_query(f"@{f}") == "ASK { ?s ?p ?o }"
    assert load_query("SELECT * WHERE { ?s ?p ?o }") == "SELECT * WHERE { ?s ?p ?o }"


def test_each_result_format(small_store) -> None:
    def run(fmt: str) -> str:
        return render(small_store.query(COUNT_VISITS), fmt).decode("utf-8")

    table = run("table")
    assert "حسن التميمي" in table and "بغداد" in table and "(1 row)" in table
    rows = list(csv.DictReader(io.StringIO(run("csv"))))
    assert rows == [{"who": "حسن التميمي", "where": "بغداد"}]
    tsv = run("tsv").splitlines()
    assert tsv[0] == "?who\t?where" and '"حسن التميمي"@ar' in tsv[1]
    bindings_json = json.loads(run("json"))["results"]["bindings"]
    assert bindings_json[0]["who"]["value"] == "حسن التميمي"
    root = ElementTree.fromstring(run("xml"))
    assert root.tag.endswith("sparql")


def test_saved_visits_query_answers(small_store) -> None:
    rows = list(small_store.query(load_query("visits")))
    assert [(r["visitor"].value, r["place"].value, r["date"].value) for r in rows] == \
        [("حسن التميمي", "بغداد", "2020-11-23")]


def test_bound_values_are_never_pasted_into_the_query(small_store) -> None:
    q = load_query("events-in-place")
    hit = list(small_store.query(q, substitutions=bindings(["place=بغداد", "from=2020-01-01", "to=2020-12-31"])))
    assert [r["type"].value for r in hit] == ["Visit"]
    hostile = bindings(['place=") } DROP ALL #', "from=0", "to=9"])
    assert list(small_store.query(q, substitutions=hostile)) == []
    with pytest.raises(ValueError):
        bindings(["no-equals-sign"])


def test_construct_renders_as_turtle(small_store) -> None:
    out = render(small_store.query("CONSTRUCT { ?s a ?c } WHERE { ?s a ?c } LIMIT 2"), "table").decode()
    assert "@prefix" in out or "<http" in out
