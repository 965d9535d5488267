"""The objects that flow through the ingest pipeline.

One `Document` goes forward through small stages (text, ner, coref, events); each stage
adds to it. Every span keeps character offsets into `Document.text`, the article's
original text, so every fact can point at the characters it came from.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

ENTITY_TYPES = ("PER", "ORG", "LOC")


@dataclass
class Article:
    """An article as a reader found it."""

    id: str
    body: str
    title: str = ""
    published: dt.date | None = None
    url: str = ""
    source: str = ""
    origin: str = ""  # file (and line) it was read from, for messages

    @property
    def text(self) -> str:
        """Title and body, the text every offset points into."""
        return f"{self.title}\n\n{self.body}" if self.title else self.body


@dataclass
class Token:
    start: int
    end: int
    text: str
    norm: str  # normalised form used for matching (see ingest.text.normalize)


@dataclass
class Sentence:
    index: int
    start: int
    end: int
    token_start: int  # index into Document.tokens
    token_end: int  # exclusive
    boilerplate: bool = False  # "read also" lines and the like: no facts come from them


@dataclass
class Mention:
    start: int
    end: int
    text: str
    type: str  # PER, ORG or LOC
    score: float
    rule: str  # the list, pattern or model that found it
    sentence: int = -1
    token_start: int = -1  # index into Document.tokens
    token_end: int = -1  # exclusive
    entity: str | None = None  # key of the Entity this mention denotes, set by coref
    kind: str = ""  # finer class a pattern read off its head word (City, Governorate...)


@dataclass
class Entity:
    """One real-world entity as seen in one article."""

    key: str  # stable across articles: "wd:Q123", "gn:99592" or "PER:normalised name"
    type: str
    name: str  # the most complete Arabic name seen
    aliases: set[str] = field(default_factory=set)
    en: str = ""
    wikidata: str = ""
    geonames: int | None = None
    lat: float | None = None
    lon: float | None = None
    country: str = ""  # ISO alpha-2, for nationality and disambiguation
    known: bool = False  # from the curated lists or country/city data: its name is the label
    kind: str = ""  # finer class from the curated lists: ArmedGroup, Governorate, City...
    titles: set[str] = field(default_factory=set)  # role phrases the article gave it
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class Relation:
    """A standing relation between two entities (leads, memberOf, locatedIn...)."""

    subject: str  # entity key
    predicate: str  # local name in the ontology
    object: str  # entity key
    sentence: int
    confidence: float
    rule: str


@dataclass
class Event:
    kind: str  # ontology class local name: Visit, Meeting, Statement...
    trigger_start: int
    trigger_end: int
    sentence: int
    agent: str | None = None  # entity keys
    patient: str | None = None
    location: str | None = None
    date: str | None = None  # ISO 8601 at the precision the text supports
    negated: bool = False
    reported_by: str | None = None  # entity key or source phrase the claim is attributed to
    quote: str = ""  # the content of a statement
    confidence: float = 0.5
    rule: str = ""


@dataclass
class Document:
    article: Article
    text: str
    sentences: list[Sentence] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    entities: dict[str, Entity] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    def sentence_text(self, index: int) -> str:
        s = self.sentences[index]
        return self.text[s.start : s.end]
