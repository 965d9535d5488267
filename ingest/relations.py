"""Standing relations from appositions, titles and place phrases, and the title phrases
that make a person's noun phrase.

"قيس الخزعلي، قائد ميليشيا عصائب أهل الحق" gives leads; "القيادي في تحالف الفتح" memberOf;
"وزير الخارجية القطري" holdsPosition with Qatar; "المتحدث باسم الجيش" spokespersonFor;
"الباحث العراقي" citizenOf; "منفذ عرعر، الواقع في محافظة الأنبار" and "وسط بغداد" locatedIn;
"المناطق التي يسيطر عليها التنظيم" controls; "الكتائب التابعة للحرس الثوري" partOf.

A title phrase whose person the article named once ("قائد فيلق القدس، الجنرال إسماعيل
قاآني") stands for that person when it comes back alone ("تأتي زيارة قائد فيلق القدس")."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from .document import Document, Entity, Relation
from .grammar import QUOTE_MARKS, PhraseSet, grammar, is_punctuation, norm_phrase, preposition_clitic
from .lexicon import data_tsv
from .ner.clitics import stems
from .ner.gazetteer import gazetteer, name_key, nationalities
from .ner.rules import NAME_LINKS, lexicons
from .roles import Arg, View

TITLE_WINDOW = 8  # tokens a title's body may run over
BODY_WORDS = 2  # plain words a title's body may hold ("وزير الدفاع"، "رئيس هيئة الأركان")
# How large an administrative unit is: one lies in a larger one, never in a smaller one.
ADMIN_RANK = {"City": 1, "Governorate": 2, "Country": 3}

CONFIDENCE = {"title-before": 0.85, "title-after": 0.8, "title-after-nocomma": 0.65, "located": 0.8,
              "hosts": 0.75, "controls": 0.75, "direction": 0.7, "nested-place": 0.6, "part-of": 0.75,
              "head-cue": 0.75}


@dataclass(frozen=True)
class TitleSpec:
    with_org: str
    with_place: str
    with_nationality: str


@dataclass
class TitlePhrase:
    """A title in a sentence: its head, and the organisation, place or nationality of its body."""

    start: int
    end: int
    head: tuple[str, ...]
    spec: TitleSpec
    prefix: str = ""  # clitic letters on the head's first word (لقائد)
    org: Arg | None = None
    place: Arg | None = None
    country: tuple[str, str] | None = None  # (Arabic name, ISO) from a nationality adjective
    inner: list[Arg] = field(default_factory=list)
    person: Arg | None = None
    comma: bool = False  # a comma stands between the title and its person
    former: bool = False  # "القائد السابق لفيلق القدس"


@cache
def title_specs() -> tuple[PhraseSet, dict[tuple[str, ...], TitleSpec]]:
    specs = {}
    for title, org, place_, nat in data_tsv("relation_titles.tsv"):
        specs[norm_phrase(title)] = TitleSpec(*(v if v != "-" else "" for v in (org, place_, nat)))
    return PhraseSet.of(list(specs)), specs


def nationality(norm: str) -> tuple[str, str] | None:
    """"الإيرانية" -> ("إيران", "IR"): the country of a nationality adjective in any form."""
    table = nationalities()
    forms = [norm]
    if norm.endswith("ه"):
        forms.append(norm[:-1])
    if norm.endswith(("ين", "ون")):
        forms.append(norm[:-2])
    for form in list(forms):
        forms.append(form[2:] if form.startswith("ال") else "ال" + form)
    return next((table[f] for f in forms if f in table), None)


# --- title phrases ---------------------------------------------------------------------------


def find_titles(view: View) -> list[TitlePhrase]:
    """Every relation-bearing title phrase in the sentence."""
    phrases, specs = title_specs()
    out: list[TitlePhrase] = []
    i = 0
    while i < len(view.norms):
        found = None
        if not any(a.start <= i < a.end and a.type == "PER" for a in view.args):
            for form, removed, _ in stems(view.norms[i]):
                end = phrases.match([form, *view.norms[i + 1 : i + 6]], 0, conj=False)
                if end and (found is None or end > found[0]):
                    found = (end, form, removed)
        if found is None:
            i += 1
            continue
        length, form, removed = found
        head = (form, *view.norms[i + 1 : i + length])
        phrase = TitlePhrase(i, i + length, head, specs[head], prefix=view.tokens[i].text[:removed])
        _body(view, phrase)
        out.append(phrase)
        i = phrase.end
    return out


def _arg_starting(view: View, i: int) -> Arg | None:
    return next((a for a in view.args if a.start == i), None)


def _body(view: View, phrase: TitlePhrase) -> None:
    """Read the title's body: words of its office, qualifiers, a nationality, and at most
    one organisation or place it is the title of."""
    gram, norms = view.gram, view.norms
    j, words = phrase.end, 0
    triggers = {t.start for t in view.triggers}
    while j < len(norms) and j - phrase.start < TITLE_WINDOW:
        arg = _arg_starting(view, j)
        if arg is not None and arg.type == "LOC" and (phrase.org or phrase.place) and _envoy_to(view, j):
            phrase.inner.append(arg)  # "مبعوث الأمم المتحدة الخاص إلى سوريا": where the envoy is sent
            j = arg.end
            continue
        if arg is not None:
            if arg.type == "PER" or phrase.org or phrase.place or phrase.country:
                break
            if arg.type == "ORG":
                phrase.org = arg
            else:
                phrase.place = arg
            phrase.inner.append(arg)
            j = arg.end
            continue
        norm = norms[j]
        if norm in QUOTE_MARKS:
            j += 1
            continue
        qualifier = gram.match("qualifier", norms, j, conj=False)
        if qualifier:
            phrase.former = phrase.former or bool(gram.match("former", norms, j, conj=False))
            j = qualifier
            continue
        country = nationality(norm)
        if country is not None and j + 1 < len(norms) and norms[j + 1] in NAME_LINKS:
            break  # "الأمير تركي بن عبد الله": a given name, not "Turkish"
        if country is not None:
            phrase.country = phrase.country or country
            j += 1
            continue
        if norm in ("في", "عن", "باسم", "ل", "لدي", "الي") and _arg_starting(view, j + 1) is not None:
            j += 1
            continue
        if (phrase.org or phrase.place or phrase.country or words >= BODY_WORDS or j in triggers
                or is_punctuation(norm) or not _body_word(norm)):
            break
        words += 1
        j += 1
    phrase.end = j


def _envoy_to(view: View, j: int) -> bool:
    """Whether the place at token j follows "إلى" or "لدى" inside a title."""
    return j > 0 and view.norms[j - 1] in ("الي", "لدي")


def _body_word(norm: str) -> bool:
    gram = grammar()
    if len(norm) < 3 or not norm.isalpha():
        return False
    if any(gram.is_(cls, norm) for cls in ("prep", "complementizer", "relative", "negator", "skip", "clause")):
        return False
    return norm not in lexicons().stopwords


def attach_titles(view: View, phrases: list[TitlePhrase]) -> None:
    """Tie each title phrase to the person it names: the person right after it ("قائد فيلق
    القدس، الجنرال إسماعيل قاآني"), else the person right before it ("قيس الخزعلي، قائد
    ..."). The person's noun phrase then covers the title, and what the title names inside
    it is no argument of its own."""
    titles = lexicons().titles
    for phrase in phrases:
        k = phrase.end
        comma = False
        for _ in range(4):  # "نائب خادم الحرمين الشريفين الأمير محمد": the rest of the title, then the name
            if k < len(view.norms) and view.norms[k] in ("،", ","):
                k, comma = k + 1, True
            elif k < len(view.norms) and ((view.norms[k],) in titles or (
                    not comma and view.norms[k].startswith("ال") and _arg_starting(view, k) is None
                    and _body_word(view.norms[k]) and _arg_starting(view, k + 1) is not None)):
                k += 1
            else:
                break
        after = _arg_starting(view, k) or next(  # a name whose own titles overlap this one
            (a for a in view.args if a.type == "PER" and phrase.start < a.np_start <= phrase.end < a.start), None)
        if after is not None and after.type == "PER" and not after.embedded and not preposition_clitic(after.clitic):
            phrase.person, phrase.comma = after, comma
            after.np_start = min(after.np_start, phrase.start)
            after.clitic = phrase.prefix if after.np_start == phrase.start else after.clitic
        elif not phrase.prefix.startswith("و"):  # "بان كي مون ورئيس المنظمة": a second person
            k = phrase.start - 1
            comma = k >= 0 and view.norms[k] in ("،", ",")
            if comma:
                k -= 1
            before = next((a for a in view.args if a.end == k + 1 and not a.embedded), None)
            if before is not None and not comma and _opens_verb_clause(view, before):
                before = None  # "استقبل رئيس الإقليم مسعود بارزاني وزير الخارجية القطري": an object
            if before is not None and before.type == "PER":
                phrase.person, phrase.comma = before, comma
                before.np_end = max(before.np_end, phrase.end)
        if phrase.person is not None:
            for arg in phrase.inner:
                arg.embedded = True


def _opens_verb_clause(view: View, arg: Arg) -> bool:
    """Whether the argument's noun phrase comes right after a verb (its subject), so that
    a noun phrase after it is more likely the verb's object than an apposition."""
    start = arg.np_start
    for phrase in view.titles:
        if phrase.end == start or (phrase.end + 1 == start and view.norms[phrase.end] in ("،", ",")):
            start = phrase.start
    return any(t.verbal and t.end == start for t in view.triggers)


def extend_over_titles(view: View) -> None:
    """A person's noun phrase starts at the plain titles right before the name (الجنرال قاآني)."""
    titles, longest = lexicons().titles, lexicons().longest_title
    for arg in view.args:
        if arg.type != "PER" or arg.from_title:
            continue
        moved = True
        while moved:
            moved = False
            for length in range(longest, 0, -1):
                start = arg.np_start - length
                if start >= 0 and tuple(view.norms[start : arg.np_start]) in titles:
                    arg.np_start, moved = start, True
                    break


def title_relations(doc: Document, view: View, phrases: list[TitlePhrase]) -> list[Relation]:
    out = []
    for phrase in phrases:
        person = phrase.person
        if person is None or person.from_title:
            continue
        rule = "title-before" if person.np_start == phrase.start else (
            "title-after" if phrase.comma else "title-after-nocomma")
        entity = doc.entities.get(person.key)
        if entity is not None:
            entity.titles.add(view.text(phrase.start, phrase.end))
        target, predicate = _title_target(doc, phrase)
        if target and predicate and target != person.key:
            out.append(Relation(person.key, predicate, target, view.sentence.index, CONFIDENCE[rule], rule))
    return out


def _title_target(doc: Document, phrase: TitlePhrase) -> tuple[str, str]:
    """(entity key, predicate) the title ties its person to."""
    spec = phrase.spec
    if phrase.org is not None:
        return phrase.org.key, spec.with_org
    if phrase.place is not None:
        return phrase.place.key, spec.with_place
    if phrase.country is not None and spec.with_nationality:
        key = country_entity(doc, *phrase.country)
        return (key or "", spec.with_nationality)
    return "", ""


def country_entity(doc: Document, name: str, iso: str) -> str | None:
    """The key of the country a nationality names, added to the document's entities when
    the article did not name the country itself."""
    for key, entity in doc.entities.items():
        if entity.type == "LOC" and entity.kind == "Country" and entity.country == iso:
            return key
    known = gazetteer().lookup(name_key(name))
    if known is None or known.type != "LOC":
        return None
    if known.key not in doc.entities:
        doc.entities[known.key] = Entity(
            key=known.key, type="LOC", name=known.name, aliases={known.name}, en=known.en,
            wikidata=known.wikidata, geonames=known.geonames, lat=known.lat, lon=known.lon,
            country=known.country, known=True, kind=known.kind or "Country")
    return known.key


def _head(phrase: TitlePhrase) -> tuple[str, ...]:
    head = tuple(w[2:] if w.startswith("ال") and len(w) > 4 else w for w in phrase.head)
    return (*head, "former") if phrase.former else head


def signature(doc: Document, phrase: TitlePhrase) -> tuple[str, ...] | None:
    """What identifies a title across the article: its head without the article, and the
    organisation, place or country it is the title of. A definite title with no body
    ("الوزير"، "رئيس الوزراء") is identified by its head alone."""
    head = _head(phrase)
    if phrase.org is not None:
        return (*head, phrase.org.key)
    if phrase.place is not None:
        return (*head, phrase.place.key)
    if phrase.country is not None:
        return (*head, phrase.country[1])
    if any(w.startswith("ال") for w in phrase.head) and phrase.end == phrase.start + len(phrase.head):
        return head
    return None


def title_people(doc: Document, all_phrases: list[list[TitlePhrase]]) -> dict[tuple[str, ...], str]:
    """Titles the article gave exactly one person: the person each stands for. A person
    introduced as "وزير الخارجية القطري" is also the one "الوزير" refers to, unless the
    article introduced another with that head."""
    seen: dict[tuple[str, ...], set[str]] = {}
    for phrases in all_phrases:
        for phrase in phrases:
            if phrase.person is None or phrase.person.from_title:
                continue
            for sig in {signature(doc, phrase), _head(phrase)}:
                if sig:
                    seen.setdefault(sig, set()).add(phrase.person.key)
    return {sig: next(iter(keys)) for sig, keys in seen.items() if len(keys) == 1}


def resolve_titles(doc: Document, view: View, phrases: list[TitlePhrase], people: dict) -> None:
    """A title phrase standing alone for a person the article named with it becomes an
    argument for that person."""
    for phrase in phrases:
        if phrase.person is not None:
            continue
        # what a title names is part of it, not an argument of its own ("أعلن قائد الجيش")
        for inner in phrase.inner:
            inner.embedded = True
        key = people.get(signature(doc, phrase) or ())
        if key is None or key not in doc.entities:
            continue
        arg = Arg(phrase.start, phrase.end, key, "PER", clitic=phrase.prefix, from_title=True)
        for inner in phrase.inner:
            inner.embedded = True
        phrase.person = arg
        view.args.append(arg)
    view.args.sort(key=lambda a: (a.np_start, a.start))


# --- places and groups -------------------------------------------------------------------------


def place_relations(view: View) -> list[Relation]:
    """locatedIn, controls and partOf from the phrases around places and organisations."""
    out: list[Relation] = []
    gram, norms = view.gram, view.norms
    args = view.free_args()
    index = view.sentence.index

    def add(subject: Arg, predicate: str, obj: Arg, rule: str) -> None:
        if subject.key != obj.key:
            out.append(Relation(subject.key, predicate, obj.key, index, CONFIDENCE[rule], rule))

    for n, arg in enumerate(args):
        j = arg.np_end
        if j < len(norms) and norms[j] in ("،", ","):
            j += 1
        nxt = args[n + 1] if n + 1 < len(args) else None
        # "منفذ عرعر، الواقع في محافظة الأنبار"
        end = gram.match("located", norms, j)
        if end and arg.type in ("LOC", "ORG") and nxt is not None and nxt.np_start == end + 1 \
                and nxt.prep in ("في", "ب") and nxt.type == "LOC":
            add(arg, "locatedIn", nxt, "located")
        rel = j
        if rel < len(norms) and gram.is_("relative", norms[rel]):
            rel += 1
        # "المنطقة الخضراء، التي تتواجد فيها السفارة"
        end = gram.match("hosts", norms, rel, conj=False)
        if end and arg.type == "LOC" and nxt is not None and nxt.np_start == end and nxt.type in ("LOC", "ORG"):
            add(nxt, "locatedIn", arg, "hosts")
        # "المناطق التي يسيطر عليها تنظيم داعش"، "الخاضعة لسيطرة الحوثيين"
        end = gram.match("controls", norms, rel, conj=False)
        if end and arg.type == "LOC" and nxt is not None and end <= nxt.np_start <= end + 1 \
                and nxt.type in ("ORG", "PER", "LOC"):
            add(nxt, "controls", arg, "controls")
        # "كتائب ... التابعة للحرس الثوري" (the adjective may have been read into the name)
        end = gram.match("part_of", norms, j, conj=False) or (
            arg.end if gram.match("part_of", norms, arg.end - 1, conj=False) == arg.end else 0)
        if end and arg.type == "ORG" and nxt is not None and nxt.np_start == end and nxt.type == "ORG" \
                and nxt.prep == "ل":
            add(arg, "partOf", nxt, "part-of")
        # "تحالف الفتح بزعامة هادي العامري"
        end = gram.match("head_cue", norms, arg.np_end, conj=False)
        if end and arg.type == "ORG" and nxt is not None and nxt.type == "PER" and nxt.np_start <= end + 1 \
                and nxt.start <= end + 3:
            add(nxt, "leads", arg, "head-cue")
        # "في حلب في سوريا" (not "في تعز وعدن ولحج": a list of places)
        if (arg.type == "LOC" and nxt is not None and nxt.type == "LOC" and nxt.np_start == arg.np_end
                and nxt.prep in ("في", "ب") and not nxt.clitic.startswith("و") and _smaller(arg, nxt, strict=True)):
            add(arg, "locatedIn", nxt, "nested-place")
    out.extend(_direction_relations(view, args))
    return out


def _direction_relations(view: View, args: list[Arg]) -> list[Relation]:
    """"في مدينة الموصل شمال العراق"، "المنطقة الخضراء، التي ...، وسط بغداد"."""
    out = []
    gram, norms = view.gram, view.norms
    for i in range(len(norms)):
        within = gram.match("within", norms, i, conj=False)
        end = within or gram.match("direction", norms, i, conj=False)
        if not end:
            continue
        outer = next((a for a in args if a.np_start == end and a.type == "LOC"), None)
        if outer is None:
            continue
        inner = _place_before(view, args, i)
        if inner is not None and _smaller(inner, outer, strict=not within):
            out.append(Relation(inner.key, "locatedIn", outer.key, view.sentence.index,
                                CONFIDENCE["direction"], "direction"))
    return out


def _place_before(view: View, args: list[Arg], i: int) -> Arg | None:
    """The place a direction phrase at token i describes: the one right before it, across a
    comma and a relative clause between commas."""
    norms = view.norms
    k = i - 1
    if k >= 0 and norms[k] in ("،", ","):
        k -= 1
        clause_start = k
        while clause_start >= 0 and norms[clause_start] not in ("،", ","):
            clause_start -= 1
        if clause_start >= 0 and view.gram.is_("relative", norms[clause_start + 1]):
            k = clause_start - 1
    before = next((a for a in args if a.np_end == k + 1), None)
    return before if before is not None and before.type == "LOC" else None


def _smaller(inner: Arg, outer: Arg, strict: bool = False) -> bool:
    """Whether the first place can lie in the second: never a country in anything, never
    anything in a facility, never a larger administrative unit in a smaller one. Strictly
    (after a bearing such as "شرق"), only when the second is known to be the larger unit."""
    if inner.kind == "Country" or inner.key == outer.key or outer.kind in ("Facility", "Landmark"):
        return False
    a, b = ADMIN_RANK.get(inner.kind), ADMIN_RANK.get(outer.kind)
    if strict:  # an unknown place only in a country; a known one in a larger known unit
        return b is not None and (a < b if a is not None else outer.kind == "Country")
    return a is None or b is None or a < b
