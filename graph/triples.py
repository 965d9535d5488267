"""One article's Document as quads in the article's own named graph.

Entities get their type, every surface form as skos:altLabel, English label, links
and coordinates; events get a node with participants, date and evidence, and the
direct ("truthy") edge from agent to what it acted on."""

from __future__ import annotations

import hashlib

from pyoxigraph import Literal, NamedNode, Quad

from ..ingest.document import Article, Document, Entity, Event
from ..ontology import ENTITY_CLASS, KB, SUBCLASS
from .iris import GEONAMES, PREFIXES, WIKIDATA, Iris

RDF_TYPE = NamedNode(PREFIXES["rdf"] + "type")
RDFS_LABEL = NamedNode(PREFIXES["rdfs"] + "label")
SKOS_ALT = NamedNode(PREFIXES["skos"] + "altLabel")
OWL_SAME = NamedNode(PREFIXES["owl"] + "sameAs")
DC = PREFIXES["dcterms"]
XSD = PREFIXES["xsd"]
GEO = PREFIXES["geo"]
SCHEMA_URL = NamedNode(PREFIXES["schema"] + "url")

# The direct edge each event class gives its agent, and what the edge points at first.
ACTION_EDGE = {
    "Visit": ("visited", ("location", "patient")), "Meeting": ("met", ("patient",)),
    "Statement": ("said", ()), "Condemnation": ("condemned", ("patient",)),
    "Denial": ("denied", ("patient",)), "Accusation": ("accused", ("patient",)),
    "Threat": ("threatened", ("patient",)), "Attack": ("attacked", ("patient", "location")),
    "Killing": ("killed", ("patient",)), "Appointment": ("appointed", ("patient",)),
    "Summons": ("summoned", ("patient",)), "Support": ("supported", ("patient",)),
    "Demand": ("demanded", ("patient",)), "Withdrawal": ("withdrewFrom", ("location", "patient")),
    "Agreement": ("agreedWith", ("patient",)),
}

# What was said, condemned or denied is often an act, not an entity: the edge then points at
# the event node. A visit, meeting, killing or withdrawal only has an edge to a participant.
TO_EVENT_NODE = {"Statement", "Condemnation", "Denial", "Accusation", "Threat", "Support", "Demand"}


def kb(name: str) -> NamedNode:
    return NamedNode(str(getattr(KB, name)))


def content_hash(a: Article) -> str:
    """A digest of what the reader read: an unchanged article is not processed again."""
    return hashlib.sha256("\x1f".join([a.title, a.body, str(a.published or ""), a.url, a.source]).encode()).hexdigest()


def date_literal(value: str) -> Literal:
    """"2020" -> xsd:gYear, "2020-06" -> xsd:gYearMonth, "2020-06-01" -> xsd:date."""
    kind = {4: "gYear", 7: "gYearMonth"}.get(len(value), "date")
    return Literal(value, datatype=NamedNode(XSD + kind))


def document_quads(doc: Document, iris: Iris) -> list[Quad]:
    """Every quad of one article, all in the graph named by the article's IRI."""
    article = doc.article
    graph = NamedNode(iris.article(article.id))
    quads: list[Quad] = []

    def add(s: NamedNode, p: NamedNode, o: NamedNode | Literal) -> None:
        quads.append(Quad(s, p, o, graph))

    add(graph, RDF_TYPE, kb("Article"))
    add(graph, NamedNode(DC + "identifier"), Literal(article.id))
    if article.title:
        add(graph, NamedNode(DC + "title"), Literal(article.title, language="ar"))
    if article.published:
        add(graph, NamedNode(DC + "date"), date_literal(article.published.isoformat()))
    if article.source:
        add(graph, kb("sourceName"), Literal(article.source))
    if article.url:
        add(graph, SCHEMA_URL, Literal(article.url, datatype=NamedNode(XSD + "anyURI")))
    add(graph, kb("contentHash"), Literal(content_hash(article)))

    nodes = {key: NamedNode(iris.entity(key)) for key in doc.entities}
    for key, entity in doc.entities.items():
        _entity(add, nodes[key], entity, graph)
    for relation in doc.relations:
        if relation.subject in nodes and relation.object in nodes and relation.subject != relation.object:
            add(nodes[relation.subject], kb(relation.predicate), nodes[relation.object])
    for number, event in enumerate(doc.events):
        _event(add, doc, event, NamedNode(iris.event(article.id, number)), nodes, graph)
    return quads


def _entity(add, node: NamedNode, entity: Entity, article: NamedNode) -> None:
    add(node, RDF_TYPE, NamedNode(str(ENTITY_CLASS[entity.type])))
    subclass = SUBCLASS.get(entity.kind)
    if subclass is not None:
        add(node, RDF_TYPE, NamedNode(str(subclass)))
    if entity.known:
        add(node, RDFS_LABEL, Literal(entity.name, language="ar"))
    for alias in sorted(entity.aliases):
        add(node, SKOS_ALT, Literal(alias, language="ar"))
    if entity.en:
        add(node, RDFS_LABEL, Literal(entity.en, language="en"))
    if entity.wikidata:
        add(node, OWL_SAME, NamedNode(WIKIDATA + entity.wikidata))
    if entity.geonames:
        add(node, OWL_SAME, NamedNode(f"{GEONAMES}{entity.geonames}/"))
    if entity.lat is not None and entity.lon is not None:
        add(node, NamedNode(GEO + "lat"), Literal(f"{entity.lat:.4f}", datatype=NamedNode(XSD + "decimal")))
        add(node, NamedNode(GEO + "long"), Literal(f"{entity.lon:.4f}", datatype=NamedNode(XSD + "decimal")))
    add(node, kb("mentionedIn"), article)
    add(node, kb("mentionCount"), Literal(str(len(entity.mentions)), datatype=NamedNode(XSD + "integer")))


def _event(add, doc: Document, event: Event, node: NamedNode, nodes: dict, article: NamedNode) -> None:
    sentence = doc.sentences[event.sentence]
    integer = NamedNode(XSD + "integer")
    add(node, RDF_TYPE, kb(event.kind))
    for role in ("agent", "patient", "location"):
        key = getattr(event, role)
        if key in nodes:
            add(node, kb(role), nodes[key])
    if event.date:
        add(node, kb("date"), date_literal(event.date))
    add(node, kb("evidence"), Literal(doc.text[sentence.start : sentence.end], language="ar"))
    add(node, kb("sourceArticle"), article)
    add(node, kb("sentenceIndex"), Literal(str(sentence.index), datatype=integer))
    add(node, kb("charStart"), Literal(str(sentence.start), datatype=integer))
    add(node, kb("charEnd"), Literal(str(sentence.end), datatype=integer))
    add(node, kb("trigger"), Literal(doc.text[event.trigger_start : event.trigger_end], language="ar"))
    add(node, kb("confidence"), Literal(f"{event.confidence:.2f}", datatype=NamedNode(XSD + "decimal")))
    if event.rule:
        add(node, kb("extractedBy"), Literal(event.rule))
    if event.negated:
        add(node, kb("negated"), Literal("true", datatype=NamedNode(XSD + "boolean")))
    if event.quote:
        add(node, kb("quote"), Literal(event.quote, language="ar"))
    if event.reported_by:
        add(node, kb("reportedBy"), Literal(event.reported_by, language="ar"))
    edge = ACTION_EDGE.get(event.kind)
    if edge is None or event.negated or event.agent not in nodes:
        return  # a negated event never becomes the positive fact
    predicate, targets = edge
    fallback = node if event.kind in TO_EVENT_NODE else None
    target = next((nodes[k] for k in (getattr(event, t) for t in targets) if k in nodes and k != event.agent), fallback)
    if target is not None:  # a visit with no place, a meeting with no one: no direct edge
        add(nodes[event.agent], kb(predicate), target)
