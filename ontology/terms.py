"""The ontology's terms as a closed namespace: a misspelt term fails at import time
instead of minting a new IRI. `tests/test_ontology.py` checks it against khabar.ttl."""

from __future__ import annotations

from rdflib import URIRef
from rdflib.namespace import DefinedNamespace, Namespace

ONTOLOGY_IRI = "https://w3id.org/khabar/ontology"


class KB(DefinedNamespace):
    _NS = Namespace(ONTOLOGY_IRI + "#")
    _fail = True

    # classes
    Entity: URIRef
    Person: URIRef
    Organization: URIRef
    Place: URIRef
    ArmedGroup: URIRef
    PoliticalParty: URIRef
    GovernmentBody: URIRef
    Military: URIRef
    InternationalOrganization: URIRef
    NewsOrganization: URIRef
    Company: URIRef
    SportsClub: URIRef
    ReligiousOrganization: URIRef
    Country: URIRef
    AdministrativeArea: URIRef
    City: URIRef
    Facility: URIRef
    Region: URIRef
    Article: URIRef
    Event: URIRef
    Visit: URIRef
    Meeting: URIRef
    Statement: URIRef
    Condemnation: URIRef
    Denial: URIRef
    Accusation: URIRef
    Threat: URIRef
    Attack: URIRef
    Killing: URIRef
    Appointment: URIRef
    Summons: URIRef
    Support: URIRef
    Demand: URIRef
    Withdrawal: URIRef
    Agreement: URIRef
    Arrest: URIRef
    Protest: URIRef
    Negotiation: URIRef
    Election: URIRef
    Sanction: URIRef
    Mobilization: URIRef
    Aid: URIRef
    Investigation: URIRef
    Cooperation: URIRef
    Concession: URIRef
    Rejection: URIRef
    Fighting: URIRef

    # properties
    agent: URIRef
    patient: URIRef
    location: URIRef
    date: URIRef
    evidence: URIRef
    sourceArticle: URIRef
    sentenceIndex: URIRef
    charStart: URIRef
    charEnd: URIRef
    trigger: URIRef
    negated: URIRef
    reportedBy: URIRef
    quote: URIRef
    confidence: URIRef
    extractedBy: URIRef
    ploverCode: URIRef
    cameoCode: URIRef
    mentionedIn: URIRef
    mentionCount: URIRef
    sourceName: URIRef
    contentHash: URIRef
    visited: URIRef
    met: URIRef
    said: URIRef
    condemned: URIRef
    denied: URIRef
    accused: URIRef
    threatened: URIRef
    attacked: URIRef
    killed: URIRef
    appointed: URIRef
    summoned: URIRef
    supported: URIRef
    demanded: URIRef
    withdrewFrom: URIRef
    agreedWith: URIRef
    eventClass: URIRef
    leads: URIRef
    memberOf: URIRef
    holdsPosition: URIRef
    spokespersonFor: URIRef
    locatedIn: URIRef
    partOf: URIRef
    controls: URIRef
    citizenOf: URIRef
