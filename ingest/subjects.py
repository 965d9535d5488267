"""Subjects that are not written: a verb whose subject is a pronoun ("وقال إن"، "وأضاف:"،
"لكنه شدد"), a possessive pronoun on a masdar ("لزيارته"), a group named only as "among
them" ("ومن بينها"). Each is resolved to someone named before, in the same sentence when
possible, else to the last speaker of the sentences just before."""

from __future__ import annotations

from . import roles
from .grammar import is_punctuation, without_conjunction
from .pending import Discourse, Pending, inside
from .roles import Arg, View
from .triggers import Trigger

DISCOURSE_SENTENCES = 4  # how far back a sentence-initial "وأضاف" looks for its speaker
# Speech acts: a sentence-initial "وأضاف"، "وأكد"، "ونفى" continues the last speaker
SPEECH_ACTS = ("Statement", "Denial", "Condemnation", "Accusation", "Threat", "Demand", "Support")
# Rules that find a clause's subject (a masdar's genitive is not one)
SUBJECT_RULES = ("coordinated", "vso-member", "vso", "svo", "relative", "zero", "discourse", "light", "relative-light",
                 "vso-group", "relay")


def candidates(view: View, trigger: Trigger, pending: list[Pending], feature: str = "") -> list[Arg]:
    """Who, earlier in the sentence, a verb without a subject of its own may have as subject:
    the agents of earlier events, and people or groups not governed by a preposition and
    not already something's patient or place."""
    feature = feature or trigger.feature
    used = {id(x) for p in pending for x in (p.roles.patient, p.roles.location) if x is not None}
    used |= {id(p.roles.agent) for p in pending if p.roles.agent is not None and p.roles.rule == "genitive"}
    genitives = {t.end for t in view.triggers if not t.verbal}
    agents = [p.roles.agent for p in pending if p.roles.agent is not None and p.trigger.start < trigger.start
              and p.roles.rule in SUBJECT_RULES]
    out = [a for a in agents if a.np_start < trigger.start]
    quoted = [(q.start, q.end) for q in view.speech if not q.start <= trigger.start < q.end]
    out = [a for a in out if not any(x <= a.np_start < y for x, y in quoted)]
    for arg in view.free_args():
        if arg.np_end > trigger.start or id(arg) in used or arg.prep != "" or arg.np_start in genitives:
            continue
        if in_relative_clause(view, arg):
            continue  # "الخطاب الذي ألقاه خامنئي": the subject of a relative clause
        if any(x <= arg.np_start < y for x, y in quoted):
            continue  # someone named inside another's quoted words
        if arg.type in roles.AGENT_TYPES:
            out.append(arg)
    return [a for a in out if agrees(a, feature)]


def in_relative_clause(view: View, arg: Arg) -> bool:
    """Whether the argument stands right after a relative pronoun and its verb."""
    for k in range(arg.np_start - 1, max(-1, arg.np_start - 4), -1):
        if view.gram.is_("relative", view.norms[k]):
            return True
        if view.norms[k] in ("،", ",") or view.in_arg(k):
            return False
    return False


def agrees(arg: Arg, feature: str) -> bool:
    if feature == "f":
        return arg.type != "PER"
    if feature in ("p", "d"):
        return arg.type == "ORG"
    return True


def referent(view: View, trigger: Trigger, pending: list[Pending], feature: str) -> Arg | None:
    """Whom a possessive pronoun on a masdar refers to ("لزيارته"): the nearest earlier
    participant who acted, or a person or group named before and not a patient or place."""
    used = {id(x) for p in pending for x in (p.roles.patient, p.roles.location) if x is not None}
    out = [p.roles.agent for p in pending if p.roles.agent is not None and p.trigger.start < trigger.start]
    out += [a for a in view.free_args() if a.np_end <= trigger.start and id(a) not in used and a.prep == ""
            and a.type in roles.AGENT_TYPES]
    out = [a for a in out if a.np_start < trigger.start and agrees(a, feature)]
    quoted = inside(view.speech, trigger)
    if quoted is not None:  # "his visit" in someone's words: someone named in them, not the speaker
        out = [a for a in out if a.np_start >= quoted.start]
    return max(out, key=lambda a: a.np_start) if out else None


def nearest(view: View, trigger: Trigger, pending: list[Pending], feature: str = "") -> Arg | None:
    found = candidates(view, trigger, pending, feature)
    return max(found, key=lambda a: a.np_start) if found else None


def zero_subject(view: View, trigger: Trigger, pending: list[Pending], state: Discourse) -> Arg | None:
    """A verb with no subject of its own ("وقال إن"، "وأضاف:"، "لكنه شدد"): the nearest
    candidate before it in the sentence (within the quotation it stands in, if any); at the
    start of a sentence, the last speaker or agent of the sentences just before."""
    if not (joined(view, trigger) or sentence_initial(view, trigger) or trigger.cls == "Statement"
            or after_pronoun_carrier(view, trigger)):
        return None  # "تنظيم إرهابي ... يستهدف منشآت": a clause describing a noun, not a new act
    arg = nearest(view, trigger, pending)
    quoted = inside(view.speech, trigger)
    if quoted is not None:
        if arg is not None and arg.np_start >= quoted.start:
            return arg
        # "نفى أن يكون قد التقى"، "قال إنه زار": the pronoun is the speaker
        return quoted.speaker if roles.pronoun_subject(view, trigger) or after_pronoun(view, trigger) else None
    if arg is not None:
        return arg
    if trigger.cls not in SPEECH_ACTS:
        return None  # "وقتل مئات": a sentence-initial act with no subject is often passive
    last, sentence = state.last(trigger.cls == "Statement")
    if (sentence_initial(view, trigger) and last is not None
            and view.sentence.index - sentence <= DISCOURSE_SENTENCES and agrees(last, trigger.feature)):
        return last
    return None


def joined(view: View, trigger: Trigger) -> bool:
    """A verb joined to what comes before by و، ف، ثم or حيث."""
    return trigger.conjoined or (trigger.start > 0 and view.norms[trigger.start - 1] in ("و", "ثم", "حيث", "ف"))


def after_pronoun_carrier(view: View, trigger: Trigger) -> bool:
    """"لكنه، من جهة أخرى، شدد": a word carrying the subject pronoun stands before the verb."""
    k = trigger.start - 1
    for _ in range(6):
        if k < 0:
            return False
        if roles.phrase_ending_at(view, ("pronoun_subject", "auxiliary"), k) is not None:
            return True
        start = k if is_punctuation(view.norms[k]) else roles.phrase_ending_at(view, ("skip",), k)
        if start is None:
            return False
        k = start - 1
    return False


def after_pronoun(view: View, trigger: Trigger) -> bool:
    """"إنه سيزور": the complementizer right before the verb carries its subject."""
    k = trigger.start - 1
    if k >= 0 and view.norms[k] in ("قد", "سوف"):
        k -= 1
    return k >= 0 and view.norms[k].endswith("ه") and view.gram.is_("complementizer", view.norms[k])


def sentence_initial(view: View, trigger: Trigger) -> bool:
    gram = view.gram
    i = 0
    while i < trigger.start:
        end = (gram.match("skip", view.norms, i) or gram.match("clause", view.norms, i)
               or gram.match("pronoun_subject", view.norms, i))
        if end:
            i = end
        elif is_punctuation(view.norms[i]) or view.norms[i] == "و":
            i += 1
        else:
            return False
    return True


def partitive_after(view: View, trigger: Trigger) -> Arg | None:
    """"... عمدت إلى إدانة الهجوم، ومن بينها كتائب حزب الله": the group named after
    "among them" acted with the unnamed subject."""
    for arg in view.free_args():
        if arg.prep == "partitive" and trigger.end <= arg.np_start < trigger.end + roles.OBJECT_WINDOW + 5:
            between = view.norms[trigger.end : arg.np_start]
            if any(view.gram.is_("prep", w) and (without_conjunction(w) or w) not in ("من", "بين") for w in between):
                return None  # "لقاءات مع عدد من المسؤولين من بينهم ...": the group met, not acted
            return arg if arg.type in roles.AGENT_TYPES else None
    return None
