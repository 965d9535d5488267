"""Resolution across articles: a person an article names only by family name ("قاآني")
joins the one person the whole store knows by a full name ending so ("إسماعيل قاآني");
when none or several fit, the name stays a node of that article alone, since a shared
family name is no evidence of one person.

Articles are resolved against the whole store after every build or removal, and the
outcome depends only on what the store holds, never on the order articles came in: an
article keeps the surface forms it saw (skos:altLabel in its own graph), so a merge
that a later article makes ambiguous (a second "... قاآني") is undone."""

from __future__ import annotations

from collections import defaultdict

from pyoxigraph import NamedNode, Quad

from ..ingest.ner.gazetteer import name_key
from .iris import PREFIXES

_QUERY = f"""PREFIX kb: <{PREFIXES['kb']}> PREFIX skos: <{PREFIXES['skos']}> PREFIX owl: <{PREFIXES['owl']}>
PREFIX rdfs: <{PREFIXES['rdfs']}>
SELECT ?g ?e ?alt ?known WHERE {{
  GRAPH ?g {{ ?e a kb:Person ; skos:altLabel ?alt .
             BIND(EXISTS {{ ?e owl:sameAs|rdfs:label ?x }} AS ?known) }}
}}"""

_IDS = f"""SELECT ?g ?id WHERE {{ GRAPH ?g {{ ?g <{PREFIXES['dcterms']}identifier> ?id }} }}"""


def resolve_store(store) -> int:
    """Move family-name-only people onto the one full name that fits, or back to their own
    node when none or several fit. Returns how many article graphs changed."""
    seen: dict[tuple[str, str], set[tuple[str, ...]]] = defaultdict(set)  # (graph, entity) -> names
    known: set[str] = set()
    for row in store.query(_QUERY):
        graph, entity = row["g"].value, row["e"].value
        seen[(graph, entity)].add(name_key(row["alt"].value))
        if row["known"].value == "true":
            known.add(entity)
    ids = {row["g"].value: row["id"].value for row in store.query(_IDS)}
    full_by_last: dict[str, set[str]] = defaultdict(set)
    for (_, entity), names in seen.items():
        for name in names:
            if len(name) >= 2:
                full_by_last[name[-1]].add(entity)
    changed = 0
    for (graph, entity), names in seen.items():
        if entity in known or any(len(n) != 1 for n in names) or len(names) != 1:
            continue
        (surname,) = next(iter(names))
        fits = full_by_last.get(surname, set())
        home = store.iris.entity(f"PER:{surname}#{ids[graph]}")
        target = next(iter(fits)) if len(fits) == 1 else home
        if target != entity:
            _rename(store, graph, entity, target)
            changed += 1
    return changed


_ALT_LABEL = NamedNode(PREFIXES["skos"] + "altLabel")


def _rename(store, graph: str, old: str, new: str) -> None:
    g, before, after = NamedNode(graph), NamedNode(old), NamedNode(new)
    raw = store.store
    quads = list(raw.quads_for_pattern(before, None, None, g)) + list(raw.quads_for_pattern(None, None, before, g))
    raw.extend(Quad(after if q.subject == before else q.subject, q.predicate,
                    after if q.object == before else q.object, g) for q in quads)
    # the surface forms resolution finds the old node by go last: a run killed midway
    # leaves the old node findable, and the next resolution completes the move
    for quad in sorted(quads, key=lambda q: q.predicate == _ALT_LABEL):
        raw.remove(quad)
