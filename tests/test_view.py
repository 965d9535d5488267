"""The interactive view: offline, escaped, and drawing what it is asked to draw.

The store is built from hand-made Documents through the project's own quad writer, so
the view reads exactly the graph shape a build produces, without depending on the NER."""

from __future__ import annotations

import datetime as dt
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from khabar.graph.iris import Iris
from khabar.graph.store import GraphStore
from khabar.graph.triples import document_quads
from khabar.graph.view import build_data, fold, script_json, write_view
from khabar.ingest.document import Article, Document, Entity, Event, Mention, Relation, Sentence

XSS = "<script>alert(1)</script>"
IRIS = Iris("https://example.org/kg/")

# (key, type, Arabic name, English name, wikidata, geonames, kind)
ENTITIES = {
    "qaani": ("wd:Q6700", "PER", "إسماعيل قاآني", "Esmail Qaani", "Q6700", None, ""),
    "quds": ("wd:Q1193", "ORG", "فيلق القدس", "Quds Force", "Q1193", None, "Military"),
    "kadhimi": ("wd:Q5581", "PER", "مصطفى الكاظمي", "Mustafa Al-Kadhimi", "Q5581", None, ""),
    "baghdad": ("gn:98182", "LOC", "بغداد", "Baghdad", "Q1530", 98182, "City"),
    "iraq": ("gn:99237", "LOC", "العراق", "Iraq", "Q796", 99237, "Country"),
    "mofa": ("ORG:وزارة الخارجية العراقية", "ORG", "وزارة الخارجية العراقية", "", "", None, "GovernmentBody"),
    "sadr": ("PER:مقتدى الصدر", "PER", "مقتدى الصدر", "", "", None, ""),
    "tehran": ("gn:112931", "LOC", "طهران", "Tehran", "Q3616", 112931, "City"),
    # named by family name only: the store's resolution joins it to the full name
    "qaani_short": ("PER:قاآني", "PER", "قاآني", "", "", None, ""),
}

ARTICLES = [
    {"id": "demo-1", "date": dt.date(2020, 11, 24), "url": "https://news.example.org/2020/11/qaani",
     "title": "قائد فيلق القدس في بغداد",
     "sentences": [
         ("وصل قائد فيلق القدس إسماعيل قاآني إلى بغداد يوم الثلاثاء في زيارة لم يعلن عنها.",
          [("Visit", "وصل", "qaani", None, "baghdad", "2020-11-24")]),
         ("والتقى قاآني رئيس الوزراء مصطفى الكاظمي في مكتبه ببغداد.",
          [("Meeting", "التقى", "qaani", "kadhimi", "baghdad", "2020-11-24")]),
         (f"ودانت وزارة الخارجية العراقية الهجوم الصاروخي على السفارة {XSS} في بغداد.",
          [("Condemnation", "دانت", "mofa", None, None, None),
           ("Attack", "الهجوم", None, None, "baghdad", None)]),
     ],
     "relations": [("qaani", "leads", "quds"), ("baghdad", "locatedIn", "iraq"),
                   ("kadhimi", "holdsPosition", "iraq")]},
    {"id": "demo-2", "date": dt.date(2020, 12, 3), "url": "javascript:alert(2)",
     "title": "الصدر يدعو إلى التهدئة",
     "sentences": [
         ("قال زعيم التيار الصدري مقتدى الصدر إن العراق لن يكون ساحة لتصفية الحسابات.",
          [("Statement", "قال", "sadr", None, None, "2020-12-03")]),
         ("وزار الكاظمي طهران الشهر الماضي والتقى مسؤولين إيرانيين.",
          [("Visit", "زار", "kadhimi", None, "tehran", "2020-11")]),
         ("وقال قاآني في طهران إن الزيارة كانت ناجحة.",
          [("Statement", "قال", "qaani_short", None, "tehran", None)]),
     ],
     "relations": [],
     "absent": {"qaani"}},
]


def make_document(spec: dict, article: Article | None = None) -> Document:
    """A Document with sentences, mentions, entities, events and relations as spec says
    (over `article` when a reader has read it)."""
    article = article or Article(id=spec["id"], body=" ".join(s for s, _ in spec["sentences"]),
                                 title=spec["title"], published=spec["date"], url=spec["url"],
                                 source="وكالة الأنباء التجريبية")
    text = article.text
    doc = Document(article=article, text=text)
    offset = len(spec["title"]) + 2
    used: set[str] = set()
    for index, (sentence, events) in enumerate(spec["sentences"]):
        start = text.index(sentence, offset)
        doc.sentences.append(Sentence(index, start, start + len(sentence), 0, 0))
        offset = start + len(sentence)
        for name, (key, etype, ar, *_rest) in ENTITIES.items():
            short = ar.split()[-1]
            if short in sentence and name not in spec.get("absent", ()):
                at = text.index(short, start)
                doc.mentions.append(Mention(at, at + len(short), short, etype, 1.0, "test", index,
                                            entity=key))
                used.add(name)
        for kind, trigger, agent, patient, location, date in events:
            at = text.index(trigger, start)
            doc.events.append(Event(kind, at, at + len(trigger), index, agent=_key(agent),
                                    patient=_key(patient), location=_key(location), date=date,
                                    confidence=0.9, rule="test"))
            used.update(x for x in (agent, patient, location) if x)
    for s, p, o in spec["relations"]:
        doc.relations.append(Relation(_key(s), p, _key(o), 0, 0.9, "test"))
        used.update((s, o))
    for name in used:
        key, etype, ar, en, wikidata, geonames, kind = ENTITIES[name]
        entity = Entity(key, etype, ar, aliases={ar, ar.split()[-1]}, en=en, wikidata=wikidata,
                        geonames=geonames, known=bool(en), kind=kind)
        entity.mentions = [m for m in doc.mentions if m.entity == key]
        doc.entities[key] = entity
    return doc


def _key(name: str | None) -> str | None:
    return ENTITIES[name][0] if name else None


def sample_store() -> GraphStore:
    """The sample articles written as a build writes them."""
    store = GraphStore(None, IRIS)
    store.put_articles((IRIS.article(s["id"]), document_quads(make_document(s), IRIS)) for s in ARTICLES)
    store.resolve()
    store.refresh_labels()
    return store


class _Refs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []
        self.scripts: list[dict] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attrs = dict(attrs)
        self.refs.extend(v for k, v in attrs.items() if k in ("src", "href") and v)
        if tag == "script":
            self.scripts.append(attrs)


def page_data(html: str) -> dict:
    found = re.search(r'<script type="application/json" id="kb-data">(.*?)</script>', html, re.S)
    assert found, "the page carries its data as a JSON script"
    return json.loads(found.group(1))


@pytest.fixture(scope="module")
def store() -> GraphStore:
    return sample_store()


@pytest.fixture(scope="module")
def page(store: GraphStore, tmp_path_factory: pytest.TempPathFactory) -> str:
    out = tmp_path_factory.mktemp("view") / "view.html"
    write_view(store, out)
    return out.read_text(encoding="utf-8")


def test_page_has_no_network_references(page: str) -> None:
    parser = _Refs()
    parser.feed(page)
    remote = [r for r in parser.refs if re.match(r"\s*(https?:)?//", r, re.I)]
    assert remote == []
    assert not re.search(r"<(script|link)[^>]+(src|href)\s*=\s*[\"']?(https?:)?//", page, re.I)
    assert all("src" not in attrs for attrs in parser.scripts), "every script is inline"
    assert "bootstrap" not in page.lower()


def test_vis_network_is_inlined(page: str) -> None:
    assert "@version 9.1.2" in page, "vis-network's own banner is in the page"
    assert "vis.Network" in page and "new vis.DataSet" in page
    assert ".vis-network-tooltip" in page or "div.vis-tooltip" in page


def test_article_text_is_escaped(page: str) -> None:
    assert XSS not in page
    assert "<script>alert" not in page
    data = page_data(page)
    evidence = [e["evidence"] for e in data["events"].values()]
    assert any(XSS in text for text in evidence), "the text survives, as data"
    assert "\\u003cscript\\u003e" in page


def test_script_json_escapes_markup() -> None:
    text = script_json({"a": "</script><b>&amp;\u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"a": "</script><b>&amp;\u2028"}


def test_page_shows_the_graph(page: str) -> None:
    data = page_data(page)
    names = {n["ar"] for n in data["nodes"].values() if n["drawn"]}
    assert {"إسماعيل قاآني", "بغداد", "مصطفى الكاظمي"} <= names
    qaani = next(n for n in data["nodes"].values() if n["en"] == "Esmail Qaani")
    assert qaani["kind"] == "Person"
    assert "http://www.wikidata.org/entity/Q6700" in qaani["links"]
    facts = [data["events"][e] for e in qaani["facts"]]
    assert {f["cls"] for f in facts} == {"Visit", "Meeting", "Statement"}, "one node across articles"
    visit = next(f for f in facts if f["cls"] == "Visit")
    assert visit["date"] == "2020-11-24"
    assert "وصل قائد فيلق القدس" in visit["evidence"]
    assert data["articles"][visit["article"]]["id"] == "demo-1"
    assert data["articles"][visit["article"]]["url"].startswith("https://news.example.org/")
    assert any(r["rel"] == "leads" for r in qaani["relations"])
    rels = {e["rel"] for e in data["edges"].values()}
    assert {"visited", "met", "condemned", "agent", "location"} <= rels
    assert data["labels"]["visited"] == {"en": "visited", "ar": "زار"}
    # with no entity condemned, the edge points at the event node, which is drawn
    condemned = next(e for e in data["edges"].values() if e["rel"] == "condemned")
    assert data["events"][condemned["to"]]["cls"] == "Condemnation"
    assert condemned["to"] in data["order"] and condemned["events"] == [condemned["to"]]


def test_shapes_colours_and_sizes(page: str) -> None:
    found = re.search(r"nodes = new vis\.DataSet\((\[.*?\])\);", page, re.S)
    nodes = {n["id"]: n for n in json.loads(found.group(1))}
    data = page_data(page)
    kinds = {i: data["nodes"][i]["kind"] if i in data["nodes"] else "Event" for i in nodes}
    shapes = {kinds[i]: n["shape"] for i, n in nodes.items()}
    assert shapes == {"Person": "dot", "Organization": "square", "Place": "triangle", "Event": "diamond"}
    baghdad = next(i for i, n in data["nodes"].items() if n["en"] == "Baghdad")
    tehran = next(i for i, n in data["nodes"].items() if n["en"] == "Tehran")
    assert nodes[baghdad]["size"] > nodes[tehran]["size"], "more connected, bigger"
    assert "Baghdad" in nodes[baghdad]["title"], "the tooltip has the English label"


def test_edge_tooltip_has_english_label_and_evidence(page: str) -> None:
    found = re.search(r"edges = new vis\.DataSet\((\[.*?\])\);", page, re.S)
    edges = json.loads(found.group(1))
    visited = [e for e in edges if e["title"].startswith("visited")]
    assert visited and any("وصل قائد فيلق القدس" in e["title"] for e in visited)
    assert {e["label"] for e in visited} == {"زار"}, "Arabic labels first by default"


def test_english_first(store: GraphStore, tmp_path: Path) -> None:
    out = tmp_path / "en.html"
    write_view(store, out, lang="en")
    html = out.read_text(encoding="utf-8")
    assert page_data(html)["lang"] == "en"
    found = re.search(r"nodes = new vis\.DataSet\((\[.*?\])\);", html, re.S)
    assert "Esmail Qaani" in {n["label"] for n in json.loads(found.group(1))}


def test_focus_and_hops(store: GraphStore) -> None:
    one = build_data(store, focus="طهران", hops=1)
    drawn = {one["nodes"][i]["en"] or one["nodes"][i]["ar"] for i in one["order"] if i in one["nodes"]}
    assert "Tehran" in drawn and "Mustafa Al-Kadhimi" in drawn
    assert "Esmail Qaani" not in drawn and "Quds Force" not in drawn
    assert one["nodes"][one["stats"]["focus"]]["en"] == "Tehran"
    two = build_data(store, focus="Tehran", hops=3)
    wider = {two["nodes"][i]["en"] for i in two["order"] if i in two["nodes"]}
    assert "Esmail Qaani" in wider and len(two["order"]) > len(one["order"])


def test_focus_ignores_diacritics_and_alef_forms(store: GraphStore) -> None:
    data = build_data(store, focus="اسماعيل قاانِي")
    assert data["nodes"][data["stats"]["focus"]]["en"] == "Esmail Qaani"
    with pytest.raises(ValueError, match="no entity"):
        build_data(store, focus="لا أحد بهذا الاسم")


def test_max_nodes_keeps_the_most_central(store: GraphStore) -> None:
    full = build_data(store)
    small = build_data(store, max_nodes=3)
    assert len(small["order"]) == 3 < len(full["order"])
    assert small["stats"]["nodes"] == full["stats"]["nodes"]
    kept = {small["nodes"][i]["en"] for i in small["order"] if i in small["nodes"]}
    assert "Baghdad" in kept, "the best connected entity stays"
    for edge in small["edges"].values():
        assert edge["from"] in small["order"] and edge["to"] in small["order"]


def test_communities_cover_every_drawn_node(store: GraphStore) -> None:
    data = build_data(store)
    groups = {data["nodes"].get(i, data["events"].get(i))["community"] for i in data["order"]}
    assert len(groups) >= 2


def test_fold_matches_search_forms() -> None:
    assert fold("إسماعيل قاآني") == fold("اسماعيل قااني") == fold("إِسْمَاعِيل  قاآنـي")
    assert fold("Baghdad") == "baghdad"


def test_view_of_an_rdf_file(store: GraphStore, tmp_path: Path) -> None:
    exported = tmp_path / "kg.ttl"
    store.export(exported)
    out = tmp_path / "file.html"
    write_view(GraphStore.from_file(exported, IRIS), out)
    data = page_data(out.read_text(encoding="utf-8"))
    assert any(n["en"] == "Esmail Qaani" for n in data["nodes"].values())
    assert any(e["evidence"] for e in data["events"].values())


def test_empty_store(tmp_path: Path) -> None:
    out = tmp_path / "empty.html"
    write_view(GraphStore(None, IRIS), out)
    assert page_data(out.read_text(encoding="utf-8"))["order"] == []
