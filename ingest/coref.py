"""In-article coreference: mentions that denote one entity become one Entity.

"إسماعيل قاآني" then "قاآني"; "ميليشيا عصائب أهل الحق" then "عصائب أهل الحق"; a known
entity's key wins over a name the patterns found. Keys are stable across articles:
a Wikidata or GeoNames id when the lists know the entity, else the type and the
normalised most complete name."""

from __future__ import annotations

import re

from .document import Document, Entity, Mention
from .ner.clitics import stems
from .ner.gazetteer import Gazetteer, gazetteer, name_key
from .ner.rules import ABD, NAME_LINKS, lexicons
from .text import normalize

_QUOTES = re.compile("[\"«»“”']")
_COMPOUND = re.compile(r"\b(عبد|ابو)(?=ال)")


def clean_name(text: str) -> str:
    """A surface form as a name: no quotes, single spaces."""
    return " ".join(_QUOTES.sub(" ", text).split())


def canonical(tokens: tuple[str, ...]) -> str:
    """The normalised name an entity's key is made of: "عبدالله" and "عبد الله" alike."""
    return _COMPOUND.sub(r"\1 ", " ".join(tokens))


def resolve(doc: Document, gaz: Gazetteer | None = None) -> Document:
    gaz = gaz or gazetteer()
    _cluster(doc, gaz)
    if _propagate(doc, gaz):
        _cluster(doc, gaz)
    return doc


def _cluster(doc: Document, gaz: Gazetteer) -> None:
    clusters: list[tuple[tuple[str, ...], Entity]] = []  # (name tokens of the fullest form, entity)
    order = sorted(doc.mentions, key=lambda m: (-(m.token_end - m.token_start), m.start))
    for mention in order:
        name = clean_name(mention.text)
        tokens = name_key(name)
        entity = _attach(mention, tokens, clusters)
        if entity is None:
            known = gaz.by_key.get(mention.entity) if mention.entity else None
            key = mention.entity or f"{mention.type}:{canonical(tokens)}"
            if not mention.entity and mention.type == "PER" and _first_names_only(tokens):
                key += f"#{doc.article.id}"  # "محمد" here is nobody in particular elsewhere
            entity = Entity(key=key, type=known.type if known else mention.type,
                            name=known.name if known and known.source != "geonames" else name, kind=mention.kind)
            if known:
                entity.en, entity.wikidata, entity.geonames = known.en, known.wikidata, known.geonames
                entity.lat, entity.lon, entity.country = known.lat, known.lon, known.country
                # curated and CLDR names are the label; GeoNames' Arabic names mix in Persian
                # and Urdu spellings, so a city's label is chosen from what articles write
                entity.kind, entity.known = known.kind, known.source != "geonames"
            clusters.append((tokens, entity))
        mention.entity = entity.key
        entity.aliases.add(name)
        entity.mentions.append(mention)
    doc.entities = {}
    for _, entity in clusters:
        kept = doc.entities.setdefault(entity.key, entity)
        if kept is not entity:  # two clusters of one name: merge them
            kept.aliases |= entity.aliases
            kept.mentions += entity.mentions


def _short_forms(entity: Entity, gaz: Gazetteer) -> set[tuple[str, ...]]:
    """How the article may name the entity again: a person by the last name, an
    organisation or place by its name without the head word ("عصائب أهل الحق")."""
    forms: set[tuple[str, ...]] = set()
    lex = lexicons()
    for alias in entity.aliases:
        tokens = name_key(alias)
        if entity.type == "PER" and len(tokens) >= 2:
            last = tokens[-1]
            if len(last) >= 3 and last not in lex.given_names and lex.is_name_word(last):
                forms.add((last,))
        elif entity.type in ("ORG", "LOC") and len(tokens) >= 3:
            head = tokens[0].removeprefix("ال")
            if head in lex.org_heads or head in lex.place_heads:
                forms.add(tokens[1:])
    return {f for f in forms if gaz.lookup(f) is None}


def _propagate(doc: Document, gaz: Gazetteer) -> bool:
    """Mentions of short forms the recognizer could not know were names ("قاآني" alone
    after "إسماعيل قاآني" in the same article)."""
    from .ner.recognizer import Candidate, to_mention

    forms: dict[tuple[str, ...], Entity] = {}
    for entity in doc.entities.values():
        for form in _short_forms(entity, gaz):
            forms.setdefault(form, entity)
    if not forms:
        return False
    taken = {i for m in doc.mentions for i in range(m.token_start, m.token_end)}
    longest = max(len(f) for f in forms)
    firsts = {f[0] for f in forms}
    added = []
    for sentence in doc.sentences:
        if sentence.boilerplate:
            continue
        tokens = doc.tokens[sentence.token_start : sentence.token_end]
        for i in range(len(tokens)):
            if sentence.token_start + i in taken:
                continue
            for form, removed, restored in stems(tokens[i].norm):
                if form not in firsts:
                    continue
                hit = next((n for n in range(longest, 0, -1) if (form, *(t.norm for t in tokens[i + 1 : i + n]))
                            in forms and i + n <= len(tokens)), 0)
                if not hit:
                    continue
                key = (form, *(t.norm for t in tokens[i + 1 : i + hit]))
                span = range(sentence.token_start + i, sentence.token_start + i + hit)
                if taken.intersection(span):
                    break
                entity = forms[key]
                cand = Candidate(i, i + hit, entity.type, 0.6, "coref:short-form", None, removed, restored)
                mention = to_mention(doc, cand, sentence.token_start, sentence.index)
                mention.entity = entity.key
                added.append(mention)
                taken.update(span)
                break
    doc.mentions = sorted(doc.mentions + added, key=lambda m: m.start)
    return bool(added)


def _first_names_only(tokens: tuple[str, ...]) -> bool:
    """A person named by one word, or by given names alone: not enough to be the same
    person in another article."""
    lex = lexicons()
    # the word after عبد is half of a compound given name ("عبد الكريم")
    return len(tokens) == 1 or all(t in lex.given_names or t in NAME_LINKS or (i and tokens[i - 1] == ABD)
                                   for i, t in enumerate(tokens))


def _attach(mention: Mention, tokens: tuple[str, ...], clusters: list) -> Entity | None:
    """The entity an earlier, fuller mention already made for this one, if any."""
    if not tokens:
        return None
    for full, entity in clusters:
        if entity.type != mention.type:
            continue
        if mention.entity and mention.rule == "list:surname" and _is_short_form(tokens, full, "PER"):
            return entity  # "الزيدي" after "مهند الزيدي" is him, not another listed الزيدي
        if mention.entity:
            if mention.entity == entity.key:
                return entity
            continue  # a known entity is only ever itself
        if full == tokens or _is_short_form(tokens, full, mention.type):
            return entity
    return None


def _is_short_form(short: tuple[str, ...], full: tuple[str, ...], etype: str) -> bool:
    """"قاآني" for "إسماعيل قاآني"; "عصائب أهل الحق" for "ميليشيا عصائب أهل الحق"."""
    if len(short) >= len(full):
        return False
    if etype == "PER":
        return short == full[-len(short):] or short == full[: len(short)] and len(short) >= 2
    return short == full[-len(short):] and len(normalize(" ".join(short))) >= 3
