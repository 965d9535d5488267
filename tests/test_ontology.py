"""The ontology file and the closed Python namespace agree, and every term explains itself."""

from __future__ import annotations

import pytest
import rdflib
from rdflib import OWL, RDF, RDFS, SKOS

from khabar.ontology import KB, ontology_path

CONTRACT_CLASSES = {"Person", "Organization", "Place", "Article", "Visit", "Meeting", "Statement", "Condemnation",
                    "Denial", "Accusation", "Threat", "Attack", "Killing", "Appointment", "Summons", "Support",
                    "Demand", "Withdrawal", "Agreement"}
CONTRACT_PROPERTIES = {"visited", "met", "said", "condemned", "denied", "accused", "threatened", "attacked", "killed",
                       "appointed", "summoned", "supported", "demanded", "withdrewFrom", "agreedWith", "leads",
                       "memberOf", "holdsPosition", "spokespersonFor", "locatedIn", "partOf", "controls",
                       "citizenOf", "agent", "patient", "location"}
PLOVER = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "INVESTIGATE", "DEMAND",
          "DISAPPROVE", "REJECT", "THREATEN", "PROTEST", "MOBILIZE", "SANCTION", "COERCE", "ASSAULT", "FIGHT"}


@pytest.fixture(scope="module")
def onto() -> rdflib.Graph:
    g = rdflib.Graph()
    g.parse(ontology_path())
    return g


def _defined(g: rdflib.Graph) -> set[str]:
    ns = str(KB)
    return {str(s)[len(ns):] for s in g.subjects(RDF.type, None) if str(s).startswith(ns)}


def test_namespace_and_turtle_define_the_same_terms(onto: rdflib.Graph) -> None:
    in_python = {name for name in KB.__annotations__}
    assert _defined(onto) == in_python
    assert CONTRACT_CLASSES | CONTRACT_PROPERTIES <= in_python


def test_the_namespace_is_closed() -> None:
    with pytest.raises(AttributeError):
        _ = KB.Vist  # a misspelt term fails instead of minting an IRI


def test_every_term_has_arabic_and_english_labels_and_a_definition(onto: rdflib.Graph) -> None:
    for name in _defined(onto):
        term = KB[name]
        languages = {label.language for label in onto.objects(term, RDFS.label)}
        assert {"ar", "en"} <= languages, name
        assert onto.value(term, SKOS.definition) is not None, name


def test_event_classes_have_examples_and_cover_plover(onto: rdflib.Graph) -> None:
    events = set(onto.subjects(RDFS.subClassOf, KB.Event))
    assert {KB[c] for c in CONTRACT_CLASSES - {"Person", "Organization", "Place", "Article"}} <= events
    for event in events:
        assert onto.value(event, SKOS.example) is not None, event
    codes = {str(o) for o in onto.objects(None, KB.ploverCode)}
    assert codes == PLOVER


def test_entity_subclasses_lead_to_the_contract_classes(onto: rdflib.Graph) -> None:
    for sub, parent in ((KB.ArmedGroup, KB.Organization), (KB.City, KB.Place), (KB.SportsClub, KB.Organization)):
        assert (sub, RDFS.subClassOf, parent) in onto
    assert (KB.Person, RDF.type, OWL.Class) in onto
