"""Shared fixtures: paths to the project's examples and to ../shared when it is there."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from khabar.ingest.document import Article, Document, Entity, Event, Mention, Relation, Sentence, Token

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "articles"
SHARED = ROOT.parent / "shared"


def shared_file(*parts: str) -> Path:
    """A file under ../shared, or skip the test saying why."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: ../shared (data, gold, scorers) is not beside this checkout")
    return path


@pytest.fixture(scope="session")
def pipeline():
    from khabar.ingest.pipeline import Pipeline

    return Pipeline()


# the date of the articles the tests write: a Tuesday
PUBLISHED = dt.date(2020, 11, 24)


@pytest.fixture(scope="session")
def run(pipeline):
    """A sentence or two written for a test, through the real pipeline as one article."""
    def run(body: str, title: str = "", published: dt.date | None = PUBLISHED) -> Document:
        return pipeline(Article(id="t", body=body, title=title, published=published))

    return run


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return EXAMPLES


def sample_document() -> Document:
    """A hand-made Document: the graph layer is tested without the recognizer."""
    text = "عنوان\n\nزار حسن التميمي بغداد أمس. ودان حزب الله الهجوم."
    article = Article(id="a1", title="عنوان", body=text[7:], published=dt.date(2020, 11, 24), source="test",
                      url="http://example.org/a1")
    doc = Document(article=article, text=text)
    first, second = "زار حسن التميمي بغداد أمس.", "ودان حزب الله الهجوم."
    a, b = text.index(first), text.index(second)
    doc.sentences = [Sentence(0, 0, 5, 0, 0), Sentence(1, a, a + len(first), 0, 0),
                     Sentence(2, b, b + len(second), 0, 0)]
    doc.tokens = [Token(0, 5, "عنوان", "عنوان")]
    person = Entity(key="PER:حسن التميمي", type="PER", name="حسن التميمي", aliases={"حسن التميمي", "التميمي"})
    person.mentions = [Mention(11, 22, "حسن التميمي", "PER", 0.7, "test")]
    city = Entity(key="gn:98182", type="LOC", name="بغداد", aliases={"بغداد"}, en="Baghdad", geonames=98182,
                  lat=33.34, lon=44.40, known=True, kind="City")
    party = Entity(key="wd:Q41053", type="ORG", name="حزب الله", aliases={"حزب الله"}, en="Hezbollah",
                   wikidata="Q41053", known=True, kind="ArmedGroup")
    doc.entities = {e.key: e for e in (person, city, party)}
    doc.relations = [Relation("PER:حسن التميمي", "memberOf", "wd:Q41053", 1, 0.6, "test")]
    doc.events = [
        Event("Visit", 7, 10, 1, agent=person.key, location=city.key, date="2020-11-23", confidence=0.8, rule="t"),
        Event("Condemnation", 36, 39, 2, agent=party.key, confidence=0.7, rule="t"),
        Event("Visit", 7, 10, 1, agent=party.key, location=city.key, negated=True, rule="t"),
    ]
    return doc


@pytest.fixture()
def small_store():
    """An in-memory store holding the sample document."""
    from khabar.graph.iris import Iris
    from khabar.graph.store import GraphStore
    from khabar.graph.triples import document_quads

    graph = GraphStore(None, Iris())
    graph.put_articles([(graph.iris.article("a1"), document_quads(sample_document(), graph.iris))])
    graph.refresh_labels()
    return graph
