"""A report on a graph: what it holds, who is most connected, and pairs of entities
whose names are close enough that a person should check they are not one."""

from __future__ import annotations

import io
from collections import Counter, defaultdict
from itertools import combinations

from ..ingest.text import normalize
from .iris import PREFIXES, SCOPED

KB = PREFIXES["kb"]
OWL_SAME_AS = "http://www.w3.org/2002/07/owl#sameAs"
ENTITY_CLASSES = ("Person", "Organization", "Place")


def _rows(store, sparql: str) -> list:
    return list(store.query(f"PREFIX kb: <{KB}> PREFIX rdfs: <{PREFIXES['rdfs']}> " + sparql))


def entity_names(store) -> dict[str, tuple[str, str, str]]:
    """Entity IRI -> (class local name, Arabic label, English label)."""
    out: dict[str, tuple[str, str, str]] = {}
    for cls in ENTITY_CLASSES:
        for row in _rows(store, f"""SELECT ?e (SAMPLE(?ar) AS ?a) (SAMPLE(?en) AS ?n) WHERE {{
                ?e a kb:{cls} .
                OPTIONAL {{ ?e rdfs:label ?ar FILTER(lang(?ar) = "ar") }}
                OPTIONAL {{ ?e rdfs:label ?en FILTER(lang(?en) = "en") }} }} GROUP BY ?e"""):
            out[row["e"].value] = (cls, row["a"].value if row["a"] else "", row["n"].value if row["n"] else "")
    return out


def degrees(store, entities: dict) -> Counter:
    """Edges an entity takes part in: direct edges between entities and event roles."""
    degree: Counter = Counter()
    for row in _rows(store, "SELECT ?s ?o WHERE { ?s ?p ?o FILTER(isIRI(?o)) }"):
        s, o = row["s"].value, row["o"].value
        if s in entities and o in entities:
            degree[s] += 1
            degree[o] += 1
    for row in _rows(store, "SELECT ?x WHERE { ?e kb:agent|kb:patient|kb:location ?x }"):
        degree[row["x"].value] += 1
    return degree


def close_pairs(entities: dict) -> list[tuple[str, str, str]]:
    """Same-class entities whose normalised names are one edit apart, or where one name
    is the other's last word(s) ("قاآني" beside "إسماعيل قاآني")."""
    by_last: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for iri, (cls, ar, _) in entities.items():
        if SCOPED in iri:
            continue  # a one-word name kept to its article on purpose
        norm = normalize(ar).removeprefix("ال") if ar else ""
        if norm:
            by_last[(cls, norm.split()[-1])].append((iri, normalize(ar)))
    pairs = []
    for (_, _), members in by_last.items():
        for (a, na), (b, nb) in combinations(members, 2):
            if na == nb or na.endswith(" " + nb) or nb.endswith(" " + na) or _one_edit(na, nb):
                pairs.append((a, b, "shared last name" if na != nb else "same name"))
    return pairs


def _one_edit(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 1 or min(len(a), len(b)) < 5 or a == b:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def linked_entities(store) -> set[str]:
    return {r["e"].value for r in _rows(store, f"SELECT DISTINCT ?e WHERE {{ ?e <{OWL_SAME_AS}> ?x }}")}


def entities_by_article(store, entities: dict) -> dict[str, set[str]]:
    """Article graph IRI -> the entities its triples name."""
    out: dict[str, set[str]] = defaultdict(set)
    for row in _rows(store, "SELECT DISTINCT ?g ?e WHERE { GRAPH ?g { ?e a ?c } }"):
        if row["e"].value in entities:
            out[row["g"].value].add(row["e"].value)
    return out


def coverage(store, entities: dict | None = None) -> dict[str, float | None]:
    """Shares of entity nodes with an English label and with a Wikidata/GeoNames link, over
    the whole graph and, on average, over each article's own entities (a corpus's long
    tail of names seen once weighs on the first, not the second); the last is None for a
    graph without article graphs (a Turtle or N-Triples file)."""
    entities = entity_names(store) if entities is None else entities
    if not entities:
        return {"english": 0.0, "linked": 0.0, "linked_per_article": None}
    linked = linked_entities(store)
    per_article = [len(names & linked) / len(names) for names in entities_by_article(store, entities).values()]
    return {"english": sum(1 for _, _, en in entities.values() if en) / len(entities),
            "linked": len(linked & entities.keys()) / len(entities),
            "linked_per_article": sum(per_article) / len(per_article) if per_article else None}


def report(store, top: int = 15) -> str:
    entities = entity_names(store)
    out = io.StringIO()
    articles = _rows(store, "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a kb:Article }")[0]["n"].value
    out.write(f"articles: {articles}\n")
    kinds = Counter(cls for cls, _, _ in entities.values())
    out.write("entities: " + ", ".join(f"{c} {kinds[c]}" for c in ENTITY_CLASSES) + f" (total {len(entities)})\n")
    scoped = sum(1 for iri in entities if SCOPED in iri)
    if scoped:
        out.write(f"  of which {scoped} people named by one word or by first names only, each kept to its article\n")
    events = _rows(store, """SELECT ?c (COUNT(?e) AS ?n) WHERE { ?e a ?c ; kb:evidence ?s }
                             GROUP BY ?c ORDER BY DESC(?n)""")
    out.write("events: " + (", ".join(f"{r['c'].value.rsplit('#', 1)[-1]} {r['n'].value}" for r in events)
                            or "none") + "\n")
    if entities:
        cover = coverage(store, entities)
        per_article = cover["linked_per_article"]
        out.write(f"with an English label: {cover['english']:.0%}; linked to Wikidata/GeoNames: {cover['linked']:.0%}"
                  + (f" (in one article's entities: {per_article:.0%} on average)" if per_article is not None else "")
                  + "\n")
    degree = degrees(store, entities)
    out.write(f"\nmost connected entities (top {top}):\n")
    for iri, n in degree.most_common(top):
        cls, ar, en = entities.get(iri, ("?", iri, ""))
        out.write(f"  {n:5d}  {cls:12s} {ar}{'  (' + en + ')' if en else ''}\n")
    pairs = close_pairs(entities)
    pairs.sort(key=lambda p: -(degree[p[0]] + degree[p[1]]))
    out.write(f"\ncandidate duplicates to review: {len(pairs)}\n")
    for a, b, why in pairs[:50]:
        out.write(f"  {entities[a][1]}  ~  {entities[b][1]}   ({entities[a][0]}, {why})\n")
    return out.getvalue()
