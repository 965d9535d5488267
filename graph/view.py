"""The interactive view: one self-contained HTML file that opens from disk with no network.

The graph is read with SPARQL, laid out by vis-network (through pyvis, with the library
inlined), and the page's own script adds the side panel, search, filters, legend, the
language toggle and community colouring. Everything taken from articles reaches the page
as escaped JSON and is put on screen as text, never as markup."""

from __future__ import annotations

import json
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import networkx as nx
from pyoxigraph import NamedNode, RdfFormat, Store

from ..ontology import KB, ontology_path
from .iris import PREFIXES

KBNS = PREFIXES["kb"]
BASE_CLASSES = ("Person", "Organization", "Place")
ROLES = ("agent", "patient", "location")
EVENT_FIELDS = ("date", "evidence", "trigger", "quote", "negated", "reportedBy", "sourceArticle")
ARTICLE_FIELDS = {PREFIXES["dcterms"] + "identifier": "id", PREFIXES["dcterms"] + "title": "title",
                  PREFIXES["dcterms"] + "date": "date", PREFIXES["schema"] + "url": "url",
                  KBNS + "sourceName": "source"}
STYLE = {  # class -> (vis shape, colour)
    "Person": ("dot", "#4e79a7"), "Organization": ("square", "#59a14f"),
    "Place": ("triangle", "#f28e2b"), "Event": ("diamond", "#b07aa1"),
}
FONT = '"Noto Sans", "Noto Sans Arabic", "Noto Naskh Arabic", "DejaVu Sans", sans-serif'
FACTS_PER_NODE = 60  # events listed in one entity's panel, latest first; the rest are counted
CHUNK = 400  # IRIs per VALUES block
_REMOTE_TAG = re.compile(
    r"<(script|link)\b[^>]*\b(?:src|href)\s*=\s*[\"']?(?:https?:)?//[^>]*>(?:\s*</script>)?", re.I | re.S)
_HEADING = re.compile(r"<center>\s*<h1>.*?</h1>\s*</center>", re.I | re.S)
_DIACRITICS = re.compile("[\u0610-\u061a\u0640\u064b-\u065f\u0670\u06d6-\u06ed]")
_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي"})


def fold(text: str) -> str:
    """A name as search compares it: no diacritics or tatweel, one alef, lower case."""
    return " ".join(_DIACRITICS.sub("", text).translate(_FOLD).lower().split())


# ontology ----------------------------------------------------------------------
@dataclass(frozen=True)
class Vocabulary:
    labels: dict[str, dict[str, str]]  # local name -> {"ar": .., "en": ..}
    entity_class: dict[str, str]  # class local name -> base class (Person/Organization/Place)
    event_classes: frozenset[str]
    direct: tuple[str, ...]  # direct-edge properties, local names
    event_class_of: dict[str, str]  # action property -> its event class


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """Labels and class/property structure, read from the shipped ontology."""
    onto = Store()
    onto.bulk_load(path=str(ontology_path()), format=RdfFormat.TURTLE)

    def local(term) -> str:
        return term.value[len(KBNS):] if term.value.startswith(KBNS) else term.value

    labels: dict[str, dict[str, str]] = defaultdict(dict)
    for row in onto.query(f"SELECT ?t ?l WHERE {{ ?t <{PREFIXES['rdfs']}label> ?l "
                          f"FILTER(STRSTARTS(STR(?t), \"{KBNS}\")) }}"):
        labels[local(row["t"])][row["l"].language or "en"] = row["l"].value
    sub = f"<{PREFIXES['rdfs']}subClassOf>"
    entity_class = {b: b for b in BASE_CLASSES}
    for base in BASE_CLASSES:
        for row in onto.query(f"SELECT ?c WHERE {{ ?c {sub}+ <{KBNS}{base}> }}"):
            entity_class.setdefault(local(row["c"]), base)
    events = frozenset(local(r["c"]) for r in onto.query(f"SELECT ?c WHERE {{ ?c {sub}+ <{KBNS}Event> }}"))
    direct = tuple(sorted(local(r["p"]) for r in onto.query(f"""
        SELECT ?p WHERE {{ ?p a <{PREFIXES['owl']}ObjectProperty> ; <{PREFIXES['rdfs']}domain> <{KBNS}Entity>
          FILTER NOT EXISTS {{ ?p <{PREFIXES['rdfs']}range> <{KBNS}Article> }} }}""")))
    event_class_of = {local(r["p"]): local(r["c"])
                      for r in onto.query(f"SELECT ?p ?c WHERE {{ ?p <{KB.eventClass}> ?c }}")}
    return Vocabulary(dict(labels), entity_class, events, direct, event_class_of)


# reading the graph ------------------------------------------------------------------
@dataclass
class Structure:
    """The graph's shape: typed nodes and every edge, without names or text."""
    classes: dict[str, str] = field(default_factory=dict)  # iri -> most specific class
    kinds: dict[str, str] = field(default_factory=dict)  # iri -> Person/Organization/Place/Event
    direct: list[tuple[str, str, str]] = field(default_factory=list)  # (s, property, o)
    roles: list[tuple[str, str, str]] = field(default_factory=list)  # (event, role, entity)


def _values(var: str, iris: Iterable[str]) -> str:
    return f"VALUES ?{var} {{ {' '.join(str(NamedNode(i)) for i in iris)} }}"


def _among(var: str, iris: Iterable[str]) -> str:
    """FILTER(?var IN (...)): with the subject bound by VALUES, far faster than a second VALUES."""
    return f"FILTER(?{var} IN ({', '.join(str(NamedNode(i)) for i in iris)}))"


def _chunks(items: Iterable[str], size: int = CHUNK) -> Iterator[list[str]]:
    items = sorted(set(items))
    for start in range(0, len(items), size):
        yield items[start:start + size]


def read_structure(store, vocab: Vocabulary) -> Structure:
    s = Structure()
    classes = [KBNS + c for c in (*vocab.entity_class, *vocab.event_classes)]
    for row in store.query(f"SELECT ?x ?c WHERE {{ {_values('c', classes)} ?x a ?c }}"):
        iri, cls = row["x"].value, row["c"].value[len(KBNS):]
        kind = "Event" if cls in vocab.event_classes else vocab.entity_class[cls]
        if iri in s.kinds and s.kinds[iri] != kind:
            continue  # typed both ways: keep the first reading
        s.kinds[iri] = kind
        if iri not in s.classes or s.classes[iri] in BASE_CLASSES:
            s.classes[iri] = cls
    roles = [KBNS + r for r in ROLES]
    seen = set()
    for row in store.query(f"SELECT ?e ?r ?x WHERE {{ {_values('r', roles)} ?e ?r ?x }}"):
        edge = (row["e"].value, row["r"].value[len(KBNS):], row["x"].value)
        if edge[0] in s.kinds and edge[2] in s.kinds and edge not in seen:
            seen.add(edge)
            s.roles.append(edge)
    props = [KBNS + p for p in vocab.direct]
    for row in store.query(f"SELECT DISTINCT ?s ?p ?o WHERE {{ {_values('p', props)} ?s ?p ?o }}"):
        edge = (row["s"].value, row["p"].value[len(KBNS):], row["o"].value)
        if edge[0] in s.kinds and edge[2] in s.kinds and edge[0] != edge[2] and edge not in seen:
            seen.add(edge)
            s.direct.append(edge)
    return s


def read_names(store, iris: Iterable[str]) -> dict[str, dict]:
    """Arabic label, English label and other surface forms of entities."""
    names: dict[str, dict] = {}
    label, alt = PREFIXES["rdfs"] + "label", PREFIXES["skos"] + "altLabel"
    for chunk in _chunks(iris):
        rows = store.query(f"SELECT ?x ?p ?l WHERE {{ {_values('x', chunk)} "
                           f"?x ?p ?l {_among('p', (label, alt))} }}")
        for row in rows:
            entry = names.setdefault(row["x"].value, {"ar": "", "en": "", "alt": set()})
            text, lang = row["l"].value, getattr(row["l"], "language", None)
            if row["p"].value == label and lang == "en":
                entry["en"] = entry["en"] or text
            elif row["p"].value == label and lang in ("ar", None) and not entry["ar"]:
                entry["ar"] = text
            else:
                entry["alt"].add(text)
    for entry in names.values():
        entry["alt"] = sorted(entry["alt"] - {entry["ar"]})
        if not entry["ar"] and entry["alt"]:
            entry["ar"] = max(entry["alt"], key=lambda a: (len(a.split()), -len(a)))
    return names


def read_links(store, iris: Iterable[str]) -> dict[str, list[str]]:
    links: dict[str, list[str]] = defaultdict(list)
    for chunk in _chunks(iris):
        rows = store.query(f"SELECT ?x ?y WHERE {{ {_values('x', chunk)} ?x <{PREFIXES['owl']}sameAs> ?y }}")
        for row in rows:
            links[row["x"].value].append(row["y"].value)
    return links


def read_events(store, iris: Iterable[str], fields: Iterable[str] = EVENT_FIELDS) -> dict[str, dict]:
    events: dict[str, dict] = {}
    props = [KBNS + f for f in fields]
    for chunk in _chunks(iris):
        rows = store.query(f"SELECT ?e ?p ?v WHERE {{ {_values('e', chunk)} ?e ?p ?v {_among('p', props)} }}")
        for row in rows:
            name = row["p"].value[len(KBNS):]
            events.setdefault(row["e"].value, {}).setdefault(name, row["v"].value)
    return events


def read_articles(store, iris: Iterable[str]) -> dict[str, dict]:
    articles: dict[str, dict] = {}
    for chunk in _chunks(iris):
        for row in store.query(f"SELECT ?a ?p ?v WHERE {{ {_values('a', chunk)} "
                               f"?a ?p ?v {_among('p', ARTICLE_FIELDS)} }}"):
            articles.setdefault(row["a"].value, {}).setdefault(ARTICLE_FIELDS[row["p"].value], row["v"].value)
    return articles


def read_edge_graphs(store, edges: list[tuple[str, str, str]]) -> dict[tuple[str, str, str], list[str]]:
    """The articles (named graphs) each direct edge was stated in, where the source keeps them."""
    found: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    wanted = set(edges)
    subjects = {s for s, _, _ in edges}
    for chunk in _chunks(subjects):
        rows = store.query(f"SELECT ?s ?p ?o ?g WHERE {{ {_values('s', chunk)} GRAPH ?g {{ ?s ?p ?o }} "
                           f"FILTER(STRSTARTS(STR(?p), \"{KBNS}\")) }}")
        for row in rows:
            key = (row["s"].value, row["p"].value[len(KBNS):], row["o"].value)
            if key in wanted and row["g"].value not in found[key]:
                found[key].append(row["g"].value)
    return found


# choosing what to draw ------------------------------------------------------------
def undirected(structure: Structure) -> nx.Graph:
    graph = nx.Graph()
    graph.add_nodes_from(structure.kinds)
    graph.add_edges_from((s, o) for s, _, o in structure.direct)
    graph.add_edges_from((e, x) for e, _, x in structure.roles)
    return graph


def find_entity(store, structure: Structure, centrality: dict[str, float], name: str) -> str:
    """The most central entity called `name` (exactly, then as part of a name)."""
    wanted = fold(name)
    entities = [i for i, k in structure.kinds.items() if k != "Event"]
    names = read_names(store, entities)
    exact, partial = [], []
    for iri, entry in names.items():
        forms = {fold(f) for f in (entry["ar"], entry["en"], *entry["alt"]) if f}
        if wanted in forms:
            exact.append(iri)
        elif any(wanted in f for f in forms):
            partial.append(iri)
    for group in (exact, partial):
        if group:
            return max(group, key=lambda i: (centrality.get(i, 0.0), i))
    raise ValueError(f"no entity named {name!r} in the graph")


def choose(structure: Structure, graph: nx.Graph, centrality: dict[str, float], max_nodes: int,
           focus: str | None, hops: int) -> list[str]:
    """The nodes to draw: a focus's neighbourhood or the most central, at most max_nodes."""
    if focus is not None:
        distance = nx.single_source_shortest_path_length(graph, focus, cutoff=max(hops, 0))
        ranked = sorted(distance, key=lambda n: (distance[n], -centrality.get(n, 0.0), n))
    else:
        ranked = sorted(graph.nodes, key=lambda n: (-centrality.get(n, 0.0), n))
    return ranked[:max(max_nodes, 1)]


# the page's data --------------------------------------------------------------------
def _date_span(value: str | None) -> str | None:
    return value[:10] if value else None


def build_data(store, max_nodes: int = 400, focus: str | None = None, hops: int = 1,
               lang: str = "ar") -> dict:
    """Everything the page shows, as plain data (ids are short and local to the page)."""
    vocab = vocabulary()
    structure = read_structure(store, vocab)
    graph = undirected(structure)
    centrality = nx.degree_centrality(graph) if graph.number_of_nodes() > 1 else dict.fromkeys(graph, 0.0)
    focus_iri = find_entity(store, structure, centrality, focus) if focus else None
    drawn = choose(structure, graph, centrality, max_nodes, focus_iri, hops)
    drawn_set = set(drawn)
    entities_drawn = [i for i in drawn if structure.kinds[i] != "Event"]

    # events worth reading: drawn ones and those a drawn entity took part in
    by_entity: dict[str, list[str]] = defaultdict(list)
    participants: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for event, role, entity in structure.roles:
        participants[event].append((role, entity))
        by_entity[entity].append(event)
    wanted_events = {i for i in drawn if structure.kinds[i] == "Event"}
    for iri in entities_drawn:
        wanted_events.update(by_entity[iri])
    dates = read_events(store, wanted_events, ("date",))
    for iri in entities_drawn:  # keep each panel bounded: its most recent events
        mine = sorted(set(by_entity[iri]), key=lambda e: (dates.get(e, {}).get("date", ""), e), reverse=True)
        by_entity[iri] = mine
    kept_events = {i for i in drawn if structure.kinds[i] == "Event"}
    for iri in entities_drawn:
        kept_events.update(by_entity[iri][:FACTS_PER_NODE])
    events = read_events(store, kept_events)

    direct_touching = [e for e in structure.direct if e[0] in drawn_set or e[2] in drawn_set]
    standing = [e for e in direct_touching if e[1] not in vocab.event_class_of]
    edge_graphs = read_edge_graphs(store, standing)
    referenced = set(entities_drawn)
    for event in kept_events:
        referenced.update(x for _, x in participants[event])
    for s, _, o in direct_touching:
        referenced.update(x for x in (s, o) if structure.kinds[x] != "Event")
    names = read_names(store, referenced)
    links = read_links(store, entities_drawn)
    article_iris = {events[e]["sourceArticle"] for e in kept_events if "sourceArticle" in events.get(e, {})}
    article_iris.update(g for graphs in edge_graphs.values() for g in graphs)
    articles = read_articles(store, article_iris)

    ids: dict[str, str] = {}

    def ref(iri: str) -> str:
        if iri not in ids:
            ids[iri] = ("e" if structure.kinds.get(iri) == "Event" else "n") + str(len(ids))
        return ids[iri]

    article_ids: dict[str, str] = {iri: f"a{n}" for n, iri in enumerate(sorted(articles))}
    data_articles = {article_ids[iri]: {**a, "iri": iri} for iri, a in articles.items()}
    communities = _communities(graph.subgraph(drawn))

    out_events: dict[str, dict] = {}
    for iri in sorted(kept_events):
        info = events.get(iri, {})
        article = info.get("sourceArticle")
        date = info.get("date") or articles.get(article, {}).get("date")
        out_events[ref(iri)] = {
            "cls": structure.classes[iri], "date": _date_span(date), "dated": "date" in info,
            "evidence": info.get("evidence", ""), "trigger": info.get("trigger", ""),
            "quote": info.get("quote", ""), "reportedBy": info.get("reportedBy", ""),
            "negated": info.get("negated") == "true", "article": article_ids.get(article),
            "participants": [[role, ref(x)] for role, x in sorted(participants[iri],
                                                                  key=lambda p: ROLES.index(p[0]))],
            "drawn": iri in drawn_set, "iri": iri,
        }
    max_c = max((centrality.get(i, 0.0) for i in drawn), default=0.0) or 1.0
    out_nodes: dict[str, dict] = {}
    for iri in sorted(referenced | drawn_set, key=lambda i: (i not in drawn_set, i)):
        kind = structure.kinds[iri]
        if kind == "Event":
            continue
        entry = names.get(iri, {"ar": "", "en": "", "alt": []})
        node = {"kind": kind, "cls": structure.classes[iri], "ar": entry["ar"] or entry["en"] or _tail(iri),
                "en": entry["en"], "alt": entry["alt"], "iri": iri, "drawn": iri in drawn_set}
        if iri in drawn_set:
            mine = by_entity[iri]
            node.update(links=[u for u in links.get(iri, []) if u.startswith(("http://", "https://"))],
                        facts=[ref(e) for e in mine[:FACTS_PER_NODE]],
                        more=max(len(mine) - FACTS_PER_NODE, 0),
                        relations=[], centrality=round(centrality.get(iri, 0.0) / max_c, 4),
                        community=communities.get(iri, 0))
        out_nodes[ref(iri)] = node
    for iri in drawn:
        if structure.kinds[iri] == "Event":
            out_events[ref(iri)].update(community=communities.get(iri, 0),
                                        centrality=round(centrality.get(iri, 0.0) / max_c, 4))

    def stated_in(edge: tuple[str, str, str]) -> list[str]:
        return [article_ids[g] for g in edge_graphs.get(edge, []) if g in article_ids]

    for s, p, o in standing:
        for end, other, direction in ((s, o, "out"), (o, s, "in")):
            if end in drawn_set and ref(end) in out_nodes:
                out_nodes[ref(end)]["relations"].append(
                    {"rel": p, "dir": direction, "other": ref(other), "articles": stated_in((s, p, o))})

    out_edges: dict[str, dict] = {}
    agent_events: dict[str, list[str]] = defaultdict(list)
    for event in kept_events:
        for role, x in participants[event]:
            if role == "agent":
                agent_events[x].append(event)
    for n, (s, p, o) in enumerate(e for e in structure.direct if e[0] in drawn_set and e[2] in drawn_set):
        support = [e for e in agent_events.get(s, [])
                   if structure.classes[e] == vocab.event_class_of.get(p)
                   and (o == e or any(x == o for r, x in participants[e] if r in ("patient", "location")))]
        sources = stated_in((s, p, o))
        dates = sorted(d for d in (out_events[ref(e)]["date"] for e in support) if d) or sorted(
            _date_span(d) for d in (data_articles.get(a, {}).get("date") for a in sources) if d)
        out_edges[f"d{n}"] = {"from": ref(s), "to": ref(o), "rel": p, "layer": "direct",
                              "events": [ref(e) for e in support], "date": dates[0] if dates else None,
                              "articles": sources}
    for n, (e, role, x) in enumerate(r for r in structure.roles if r[0] in drawn_set and r[2] in drawn_set):
        out_edges[f"r{n}"] = {"from": ref(e), "to": ref(x), "rel": role, "layer": "role",
                              "events": [ref(e)], "date": out_events[ref(e)]["date"], "articles": []}

    return {
        "lang": lang if lang in ("ar", "en") else "ar",
        "labels": vocab.labels,
        "nodes": out_nodes, "events": out_events, "edges": out_edges,
        "articles": data_articles,
        "order": [ref(i) for i in drawn],
        "style": {k: {"shape": v[0], "color": v[1]} for k, v in STYLE.items()},
        "stats": {"nodes": len(structure.kinds), "drawn": len(drawn), "edges": len(structure.direct)
                  + len(structure.roles), "focus": ref(focus_iri) if focus_iri else None, "hops": hops,
                  "maxNodes": max_nodes},
    }


def _tail(iri: str) -> str:
    from urllib.parse import unquote

    return unquote(iri.rstrip("/").rsplit("/", 1)[-1]).replace("_", " ")


def _communities(graph: nx.Graph) -> dict[str, int]:
    """Louvain communities, numbered from the largest; a fixed seed keeps colours stable."""
    if graph.number_of_edges() == 0:
        return dict.fromkeys(graph.nodes, 0)
    groups = nx.community.louvain_communities(graph, seed=7)
    groups = sorted(groups, key=lambda g: (-len(g), min(g)))
    return {node: n for n, group in enumerate(groups) for node in group}


# the page -----------------------------------------------------------------------
def _label(data: dict, key: str, lang: str) -> str:
    entry = data["labels"].get(key, {})
    return entry.get(lang) or entry.get("en") or key


def vis_elements(data: dict) -> tuple[list[dict], list[dict]]:
    """vis-network nodes and edges (the page restyles them; these are the first drawing)."""
    lang = data["lang"]
    nodes = []
    for nid in data["order"]:
        if nid in data["nodes"]:
            node = data["nodes"][nid]
            kind = node["kind"]
            label = node["ar"] if lang == "ar" else node["en"] or node["ar"]
            title = "\n".join(t for t in (node["en"] or node["ar"], node["ar"] if node["en"] else "",
                                          _label(data, node["cls"], "en")) if t)
            size = 12 + 30 * math.sqrt(node["centrality"])
        else:
            node = data["events"][nid]
            kind = "Event"
            label = _label(data, node["cls"], lang)
            when = f" ({node['date']})" if node["date"] else ""
            title = "\n".join(t for t in (_label(data, node["cls"], "en") + when, node["evidence"]) if t)
            size = 9 + 12 * math.sqrt(node["centrality"])
        shape, color = STYLE[kind]
        nodes.append({"id": nid, "label": label, "title": title, "shape": shape, "color": color,
                      "size": round(size, 1), "font": {"face": FONT, "size": 14}})
    edges = []
    for eid, edge in data["edges"].items():
        evidence = [data["events"][e]["evidence"] for e in edge["events"] if e in data["events"]]
        more = f"(+{len(evidence) - 1} more)" if len(evidence) > 1 else ""
        title = "\n".join(t for t in (_label(data, edge["rel"], "en"), *evidence[:1], more) if t)
        role = edge["layer"] == "role"
        edges.append({"id": eid, "from": edge["from"], "to": edge["to"],
                      "label": _label(data, edge["rel"], lang), "title": title, "arrows": "to",
                      "dashes": role, "width": 1 if role else 2, "hidden": role,
                      "font": {"face": FONT, "size": 11, "align": "middle"}})
    return nodes, edges


def vis_options(count: int) -> dict:
    """Physics that settles fast on big graphs; the page switches it off once settled."""
    return {
        "physics": {"enabled": True, "solver": "forceAtlas2Based",
                    "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 120,
                                         "springConstant": 0.06, "avoidOverlap": 0.4},
                    "stabilization": {"enabled": True, "iterations": 400 if count < 300 else 200,
                                      "updateInterval": 25, "fit": True},
                    "minVelocity": 1.0},
        "interaction": {"hover": True, "tooltipDelay": 150, "navigationButtons": False, "multiselect": False},
        "edges": {"smooth": count < 300, "color": {"color": "#9aa5b1", "highlight": "#333333"},
                  "arrows": {"to": {"scaleFactor": 0.5}}},
        "nodes": {"borderWidth": 1},
    }


def _asset(name: str) -> str:
    return resources.files("khabar.graph").joinpath("static", name).read_text(encoding="utf-8")


def _vis_library() -> tuple[str, str]:
    """vis-network's script and stylesheet: pyvis' bundled copy."""
    import pyvis

    lib = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
    if not (lib / "vis-network.min.js").is_file():
        raise RuntimeError(f"pyvis {pyvis.__version__} does not ship vis-network 9.1.2 in {lib}; install pyvis 0.3.2")
    return ((lib / "vis-network.min.js").read_text(encoding="utf-8"),
            (lib / "vis-network.css").read_text(encoding="utf-8"))


def script_json(value: object) -> str:
    """JSON safe inside <script>: no <, >, & or line separators appear literally."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text


def render_html(data: dict) -> str:
    from pyvis.network import Network

    net = Network(height="100%", width="100%", directed=True, cdn_resources="remote")
    nodes, edges = vis_elements(data)
    for node in nodes:
        net.add_node(node.pop("id"), **node)
    for edge in edges:
        net.add_edge(edge.pop("from"), edge.pop("to"), **edge)
    net.options = vis_options(len(nodes))
    # Jinja's tojson still escapes < > & and quotes; UTF-8 keeps Arabic at a third of the size
    net.templateEnv.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
    html = net.generate_html()
    html = _HEADING.sub("", _REMOTE_TAG.sub("", html))
    js, css = _vis_library()
    head = (f"<title>Khabar graph</title>\n<style>{css}</style>\n<script>{js}</script>\n"
            f"<style>{_asset('view.css')}</style>\n")
    html = html.replace("<head>", "<head>\n" + head, 1)
    lang = data["lang"]
    html = html.replace("<html>", f'<!DOCTYPE html>\n<html lang="{lang}">', 1)
    body = _asset("view.html")
    tail = (f'<script type="application/json" id="kb-data">{script_json(data)}</script>\n'
            f"<script>{_asset('view.js')}</script>\n")
    html = html.replace("<body>", "<body>\n" + body, 1)
    index = html.rfind("</body>")
    return html[:index] + tail + html[index:]


def write_view(store, out: Path, focus: str | None = None, hops: int = 1, max_nodes: int = 400,
               lang: str = "ar") -> None:
    """Write the interactive view of `store` to `out` (UTF-8, self-contained, offline)."""
    data = build_data(store, max_nodes=max_nodes, focus=focus, hops=hops, lang=lang)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_html(data), encoding="utf-8")
