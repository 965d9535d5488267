"""IRIs of the graph's resources. The base is configurable (`--base-iri` or the
KHABAR_BASE_IRI environment variable); the vocabulary's namespace is fixed."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from urllib.parse import quote

DEFAULT_BASE = "https://w3id.org/khabar/id/"
WIKIDATA = "http://www.wikidata.org/entity/"
GEONAMES = "https://sws.geonames.org/"
PREFIXES = {
    "kb": "https://w3id.org/khabar/ontology#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "dcterms": "http://purl.org/dc/terms/",
    "schema": "https://schema.org/",
    "geo": "http://www.w3.org/2003/01/geo/wgs84_pos#",
    "wd": WIKIDATA,
}
_TYPE_PATH = {"PER": "person", "ORG": "organization", "LOC": "place"}
_SPACES = re.compile(r"\s+")


def _segment(text: str) -> str:
    """A readable IRI path segment: letters (Arabic included) and digits stay as they are,
    spaces become underscores, anything else is percent-encoded."""
    text = _SPACES.sub("_", text.strip())
    return "".join(c if c.isalnum() or c in "_-.~" else quote(c, safe="") for c in text)


SCOPED = "--"  # between a name and the article it alone is meant in: "person/محمد--a1"


@dataclass(frozen=True)
class Iris:
    base: str = DEFAULT_BASE

    @classmethod
    def from_env(cls, base: str | None = None) -> Iris:
        base = base or os.environ.get("KHABAR_BASE_IRI") or DEFAULT_BASE
        return cls(base if base.endswith(("/", "#")) else base + "/")

    def prefixes(self) -> dict[str, str]:
        """Prefixes that make exports readable: person:حسن_التميمي, event:a1_3."""
        paths = ("article", "entity", "person", "organization", "place", "event", "graph")
        return {**PREFIXES, "kbr": self.base, **{p: f"{self.base}{p}/" for p in paths}}

    def article(self, article_id: str) -> str:
        return f"{self.base}article/{_segment(article_id)}"

    def labels_graph(self) -> str:
        return f"{self.base}graph/labels"

    def entity(self, key: str) -> str:
        """"wd:Q123" -> .../entity/Q123; "gn:99" -> .../entity/gn99; "PER:name" -> .../person/name;
        "PER:name#article" -> .../person/name--article, a name that means someone only in one article."""
        scheme, _, value = key.partition(":")
        if scheme == "wd":
            return f"{self.base}entity/{value}"
        if scheme == "gn":
            return f"{self.base}entity/gn{value}"
        name, _, article = value.partition("#")
        scope = f"{SCOPED}{_segment(article)}" if article else ""
        return f"{self.base}{_TYPE_PATH.get(scheme, 'entity')}/{_segment(name)}{scope}"

    def event(self, article_id: str, number: int) -> str:
        return f"{self.base}event/{_segment(article_id)}_{number}"
