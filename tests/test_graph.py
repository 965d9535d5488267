"""The graph's shape (the contract), the store, and every export format."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from rdflib import RDF, RDFS, SKOS, Literal, Namespace

from khabar.graph.iris import Iris
from khabar.graph.store import GraphStore
from khabar.graph.triples import document_quads

from .conftest import sample_document as _doc

KB = Namespace("https://w3id.org/khabar/ontology#")


@pytest.fixture()
def store() -> GraphStore:
    graph = GraphStore(None, Iris())
    graph.put_articles([(graph.iris.article("a1"), document_quads(_doc(), graph.iris))])
    graph.refresh_labels()
    return graph


def _rdflib(store: GraphStore, tmp_path: Path, suffix: str = ".ttl") -> rdflib.Graph:
    out = tmp_path / f"g{suffix}"
    store.export(out)
    g = rdflib.Graph()
    g.parse(out)
    return g


def test_entities_are_typed_and_labelled_as_the_contract_says(store: GraphStore, tmp_path: Path) -> None:
    g = _rdflib(store, tmp_path)
    person = rdflib.URIRef(Iris().entity("PER:حسن التميمي"))
    assert (person, RDF.type, KB.Person) in g
    arabic = [o for o in g.objects(person, RDFS.label) if o.language == "ar"]
    assert arabic == [Literal("حسن التميمي", lang="ar")]
    assert {str(o) for o in g.objects(person, SKOS.altLabel)} == {"حسن التميمي", "التميمي"}
    english = [str(o) for o in g.objects(person, RDFS.label) if o.language == "en"]
    assert english == ["Hasan al-Tamimi"]  # romanised, as no list knows him
    party = rdflib.URIRef(Iris().entity("wd:Q41053"))
    assert (party, RDF.type, KB.Organization) in g and (party, RDF.type, KB.ArmedGroup) in g
    assert (party, rdflib.OWL.sameAs, rdflib.URIRef("http://www.wikidata.org/entity/Q41053")) in g
    city = rdflib.URIRef(Iris().entity("gn:98182"))
    assert (city, rdflib.OWL.sameAs, rdflib.URIRef("https://sws.geonames.org/98182/")) in g
    assert (city, rdflib.URIRef("http://www.w3.org/2003/01/geo/wgs84_pos#lat"), None) in g


def test_events_have_participants_date_evidence_and_direct_edges(store: GraphStore, tmp_path: Path) -> None:
    g = _rdflib(store, tmp_path)
    iris = Iris()
    person, city, party = (rdflib.URIRef(iris.entity(k)) for k in ("PER:حسن التميمي", "gn:98182", "wd:Q41053"))
    article = rdflib.URIRef(iris.article("a1"))
    visit = rdflib.URIRef(iris.event("a1", 0))
    assert (visit, RDF.type, KB.Visit) in g
    assert (visit, KB.agent, person) in g and (visit, KB.location, city) in g
    assert str(g.value(visit, KB.date)) == "2020-11-23"
    assert str(g.value(visit, KB.evidence)) == "زار حسن التميمي بغداد أمس."
    assert (visit, KB.sourceArticle, article) in g
    assert (person, KB.visited, city) in g
    condemnation = rdflib.URIRef(iris.event("a1", 1))
    assert (party, KB.condemned, condemnation) in g  # nothing but the event to point at
    assert (person, KB.memberOf, party) in g
    negated = rdflib.URIRef(iris.event("a1", 2))
    assert g.value(negated, KB.negated).toPython() is True
    assert (party, KB.visited, city) not in g  # a negated event never becomes the positive fact
    assert (article, RDF.type, KB.Article) in g
    assert str(g.value(article, rdflib.URIRef("http://purl.org/dc/terms/title"))) == "عنوان"


@pytest.mark.parametrize("suffix", [".nt", ".nq", ".trig", ".jsonld"])
def test_every_format_round_trips_to_the_same_triples(store: GraphStore, tmp_path: Path, suffix: str) -> None:
    reference = set(_rdflib(store, tmp_path))
    out = tmp_path / f"g{suffix}"
    store.export(out)
    if suffix in (".nq", ".trig"):
        ds = rdflib.Dataset()
        ds.parse(out)
        triples = {(s, p, o) for s, p, o, _ in ds.quads()}
        graphs = {str(c) for _, _, _, c in ds.quads()}
        assert Iris().article("a1") in graphs  # each article in its own named graph
    else:
        g = rdflib.Graph()
        g.parse(out)
        triples = set(g)
    assert triples == reference and len(reference) > 30


def test_store_folder_is_idempotent_and_replaces_changed_articles(tmp_path: Path) -> None:
    iris = Iris()
    with GraphStore(tmp_path / "kg", iris) as store:
        store.put_articles([(iris.article("a1"), document_quads(_doc(), iris))])
        size = len(store)
        store.put_articles([(iris.article("a1"), document_quads(_doc(), iris))])
        assert len(store) == size
        assert store.remove_article(iris.article("a1")) and len(store) == 0
    with GraphStore(tmp_path / "kg", iris, read_only=True) as store:
        assert list(store.articles()) == []


def test_a_second_writer_is_refused_clearly(tmp_path: Path) -> None:
    from khabar.graph.store import StoreBusy

    with GraphStore(tmp_path / "kg"), pytest.raises(StoreBusy, match="another khabar process"):
        GraphStore(tmp_path / "kg")


def test_base_iri_is_configurable() -> None:
    iris = Iris.from_env("http://example.org/kg")
    quads = document_quads(_doc(), iris)
    assert all(q.graph_name.value == "http://example.org/kg/article/a1" for q in quads)
    assert iris.entity("PER:حسن التميمي") == "http://example.org/kg/person/حسن_التميمي"


def test_coverage_counts_english_labels_and_links_over_the_graph_and_per_article(small_store) -> None:
    from khabar.graph.stats import coverage

    cover = coverage(small_store)
    # Baghdad (GeoNames) and Hezbollah (Wikidata) are linked, the unlisted person is not;
    # all three have an English label (his romanised)
    assert cover["linked"] == pytest.approx(2 / 3)
    assert cover["linked_per_article"] == pytest.approx(2 / 3)
    assert cover["english"] == 1.0
