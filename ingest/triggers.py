"""Event triggers: the lexicon (data/triggers.tsv) with each class's argument frame
(data/event_frames.tsv), and finding triggers in a sentence's normalised tokens.

The lexicon lists a verb in its base perfect and imperfect forms, masdars and event nouns;
the regular inflections (تـ/ـت for the feminine, ـوا/ـون for the plural, object and
possessive pronouns) and the clitics (و، ف، س، ب، ل، ك، ال) are added here, so "وقالت",
"فأعلن", "لزيارته" and "بالانسحاب" all find their entry."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache

from camel_tools.utils.dediac import dediac_ar

from .grammar import grammar
from .lexicon import data_tsv
from .text import normalize

VERBAL = ("perf", "impf", "part", "passive")
NOMINAL = ("masdar", "noun")
PRONOUNS = ("ه", "ها", "هم", "هما", "هن", "كم", "نا")
NEAR_WINDOW = 8  # tokens after a trigger its "near" words may stand in
PREFIXES = {
    "perf": ("", "و", "ف"),
    "passive": ("", "و", "ف"),
    "impf": ("", "و", "ف", "س", "وس", "فس", "ل", "ول", "فل"),
    "part": ("", "و"),
    "nominal": ("", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك", "ال", "وال", "فال", "بال", "وبال",
                "فبال", "كال", "وكال", "لل", "ولل", "فلل"),
}


@dataclass(frozen=True)
class Frame:
    """How an event class takes its arguments (see data/event_frames.tsv)."""

    cls: str
    genitive: str  # role of a masdar's genitive, "" for none
    object: tuple[str, ...]
    preps: dict[str, tuple[str, ...]]
    patient_types: tuple[str, ...] = ("PER", "ORG", "LOC")


@dataclass(frozen=True)
class Entry:
    form: str
    cls: str  # event class, or "light" for a light verb
    pos: str
    rest: tuple[frozenset[str], ...]  # the words after the first, for a set phrase
    options: dict[str, str] = field(hash=False, compare=False)

    @property
    def verbal(self) -> bool:
        return self.pos in VERBAL

    def option(self, key: str) -> str:
        return self.options.get(key, "")

    @property
    def near(self) -> frozenset[str]:
        return frozenset(normalize(w) for w in self.option("near").split("|") if w)


@dataclass
class Trigger:
    """One trigger found in a sentence; token indexes are the sentence's own."""

    entry: Entry
    start: int
    end: int
    verbal: bool
    feature: str  # m, f (feminine), p (plural), d (dual)
    definite: bool  # ال or لل on a masdar
    pronoun: str  # an object or possessive pronoun written on the word
    prefix: str  # clitic letters before the stem

    @property
    def cls(self) -> str:
        return self.entry.cls

    @property
    def conjoined(self) -> bool:
        return self.prefix[:1] in ("و", "ف")


@dataclass(frozen=True)
class Lexicon:
    forms: dict[str, tuple[tuple[Entry, str, str, str], ...]]  # surface -> (entry, kind, feature, pronoun)
    frames: dict[str, Frame]

    def frame(self, cls: str) -> Frame:
        return self.frames.get(cls) or Frame(cls, "agent", ("patient",), {})


def _perfect(stem: str) -> list[tuple[str, str, str]]:
    out = [(stem, "m", ""), (stem + "ت", "f", ""), (stem + "وا", "p", ""), (stem + "ا", "d", ""),
           (stem + "تا", "f", "")]
    for p in PRONOUNS:
        out += [(stem + p, "m", p), (stem + "ت" + p, "f", p), (stem + "و" + p, "p", p)]
    if stem.endswith(("ي", "ا")) and len(stem) > 2:  # نفى -> نفت، نفوا، نفاه
        base = stem[:-1]
        out += [(base + "ت", "f", ""), (base + "وا", "p", ""), (base + "تا", "f", "")]
        out += [(base + "ا" + p, "m", p) for p in PRONOUNS] + [(base + "ت" + p, "f", p) for p in PRONOUNS]
    return out


def _imperfect(stem: str) -> list[tuple[str, str, str]]:
    if not stem.startswith("ي"):
        return [(stem, "m", "")]
    fem = "ت" + stem[1:]
    out = [(stem, "m", ""), (fem, "f", ""), (stem + "ون", "p", ""), (stem + "ان", "d", "")]
    if stem.endswith(("ي", "و")):  # ينفي -> ينفون
        out.append((stem[:-1] + "ون", "p", ""))
    for p in PRONOUNS:
        out += [(stem + p, "m", p), (fem + p, "f", p), (stem + "ون" + p, "p", p)]
    return out


def _nominal(stem: str) -> list[tuple[str, str, str]]:
    out = [(stem, "m", "")]
    construct = stem[:-1] + "ت" if stem.endswith("ه") else stem
    out += [(construct + p, "m", p) for p in PRONOUNS]
    if not stem.endswith(("ه", "ا", "ي", "ات")):  # the accusative's tanween alef: هجوماً
        out.append((stem + "ا", "m", ""))
    return out


def _participle(stem: str, feminine: bool = True) -> list[tuple[str, str, str]]:
    out = [(stem, "m", "")]
    if stem.endswith("ا"):
        out.append((stem[:-1] + "ين", "p", ""))
        if feminine:
            out.append((stem[:-1] + "ه", "f", ""))
    return out


INFLECT = {"perf": _perfect, "passive": _perfect, "impf": _imperfect, "masdar": _nominal, "noun": _nominal,
           "part": _participle}


def _options(text: str) -> dict[str, str]:
    out = {}
    for item in text.split(";"):
        if "=" in item:
            key, value = item.split("=", 1)
            out[key.strip()] = value.strip()
    return out


def parse_preps(text: str) -> dict[str, tuple[str, ...]]:
    """"إلى:location ل:location,agent" -> {"الي": ("location",), "ل": ("location", "agent")}."""
    out = {}
    for item in text.split():
        prep, roles = item.split(":", 1)
        out[normalize(prep)] = tuple(r for r in roles.split(",") if r and r != "-")
    return out


def _frames() -> dict[str, Frame]:
    frames = {}
    for row in data_tsv("event_frames.tsv"):
        cls, genitive, obj = row[0], row[1], row[2]
        frames[cls] = Frame(cls, "" if genitive == "-" else genitive,
                            tuple(r for r in obj.split(",") if r and r != "-"),
                            parse_preps(row[3] if len(row) > 3 else ""),
                            tuple(row[4].split(",")) if len(row) > 4 and row[4] else ("PER", "ORG", "LOC"))
    return frames


@cache
def lexicon() -> Lexicon:
    forms: dict[str, list[tuple[Entry, str, str, str]]] = defaultdict(list)
    for row in data_tsv("triggers.tsv"):
        form, cls, pos = row[0], row[1], row[2]
        words = form.split()
        rest = tuple(frozenset(normalize(alt) for alt in word.split("|")) for word in words[1:])
        entry = Entry(form, cls, pos, rest, _options(row[3] if len(row) > 3 else ""))
        kind = "nominal" if pos in NOMINAL else pos
        for first in words[0].split("|"):
            forms_of = INFLECT[pos](normalize(first)) if entry.option("feminine") != "no" else _participle(
                normalize(first), feminine=False)
            for surface, feature, pronoun in forms_of:
                forms[surface].append((entry, kind, feature, pronoun))
    return Lexicon({k: tuple(v) for k, v in forms.items()}, _frames())


def find_triggers(norms: list[str], texts: list[str], blocked: set[int] | None = None
                  ) -> tuple[list[Trigger], list[Trigger]]:
    """Event triggers and light verbs in one sentence's tokens (normalised, and as written).

    Tokens in `blocked` (inside a name) are never triggers."""
    lex = lexicon()
    blocked = blocked or set()
    events: list[Trigger] = []
    lights: list[Trigger] = []
    i = 0
    while i < len(norms):
        if i in blocked:
            i += 1
            continue
        found = [t for t in _analyses(lex, norms, texts, i) if _fits(t, norms, i)]
        light = [t for t in found if t.cls == "light"]
        found = [t for t in found if t.cls != "light"]
        # "إلى عقد اجتماع"، "تم عقد مباحثات": a masdar, not a verb
        if light and not (i and (grammar().is_("prep", norms[i - 1]) or grammar().is_("passive_aux", norms[i - 1]))):
            lights.append(light[0])
        if found:
            nominal = _nominal_context(norms, blocked, events, i)
            best = max(found, key=lambda t: (t.end - t.start, t.verbal != nominal))
            events.append(best)
            i = best.end
            continue
        i += 1
    return events, lights


def _nominal_context(norms: list[str], blocked: set[int], found: list[Trigger], i: int) -> bool:
    """Whether a word that is both a verb and a masdar (قتل، سحب، نفي) is the masdar here:
    after a preposition ("بعد قتل"), or after a masdar and its genitive ("إعلان واشنطن سحب")."""
    if i == 0:
        return False
    if grammar().is_("prep", norms[i - 1]):
        return True
    j = i - 1
    while j >= 0 and j in blocked:
        j -= 1
    return j < i - 1 and any(t.end == j + 1 and not t.verbal for t in found)


# prefix -> the kinds of word it may stand before
PREFIX_KINDS: dict[str, frozenset[str]] = {}
for _kind, _prefixes in PREFIXES.items():
    for _prefix in _prefixes:
        PREFIX_KINDS[_prefix] = PREFIX_KINDS.get(_prefix, frozenset()) | {_kind}
LONGEST_PREFIX = max(len(p) for p in PREFIX_KINDS)


def _analyses(lex: Lexicon, norms: list[str], texts: list[str], i: int) -> list[Trigger]:
    norm = norms[i]
    out = []
    written_ta = None
    for cut in range(min(LONGEST_PREFIX, len(norm) - 2) + 1):
        prefix, stem = norm[:cut], norm[cut:]
        kinds = PREFIX_KINDS.get(prefix)
        if not kinds or stem not in lex.forms:
            continue
        if written_ta is None:  # "إضافة" is not "أضافه": a word written with ة carries no pronoun ه
            written_ta = dediac_ar(texts[i]).rstrip("\u0640").endswith("ة")
        for entry, entry_kind, feature, pronoun in lex.forms[stem]:
            if entry_kind not in kinds or (written_ta and pronoun == "ه"):
                continue
            end = i + 1 + len(entry.rest)
            if end > len(norms) or any(norms[i + 1 + k] not in alts for k, alts in enumerate(entry.rest)):
                continue
            definite = "ال" in prefix or prefix.endswith("لل")
            out.append(Trigger(entry, i, end, entry.verbal, feature, definite, pronoun, prefix))
    return out


def _fits(trigger: Trigger, norms: list[str], i: int) -> bool:
    """The entry's conditions: words near it, a preposition it needs."""
    entry = trigger.entry
    window = norms[trigger.end : trigger.end + NEAR_WINDOW]
    stripped = {w[1:] if w[:1] in ("و", "ف", "ب", "ل") and len(w) > 3 else w for w in window} | set(window)
    near = entry.near
    if near and not (near & stripped):
        return False
    needs = entry.option("needs")
    if needs.startswith("prep:"):
        prep = normalize(needs[5:])
        if prep not in window and not any(w == "و" + prep for w in window):
            return False
    return True

