"""Reported speech: what a speaker said (after إن/أن، a colon or a quotation mark), the
denials inside it ("غير مسؤولة"), speech relayed by an agency ("نقلت الوكالة عن ...
قوله"), and who each event is reported by."""

from __future__ import annotations

from dataclasses import replace

from . import attribution, roles
from .grammar import QUOTE_MARKS_OPEN
from .pending import RULE_CONFIDENCE, Pending, Scope, inside
from .roles import Roles, View
from .triggers import Entry, Trigger

SPEECH_WINDOW = 30  # tokens between a speech verb and the start of what was said
QUOTE_STRIP = " \t\n،,:؛;.\"'«»“”"


def find_speech(view: View, trigger: Trigger, found: Roles) -> tuple[int, int] | None:
    """Token span of what a speech verb reports: after إن/أن، a colon, a quotation mark or
    (for an announcement) عن, up to the next speech verb; else a quotation ending right
    before the verb."""
    gram, norms = view.gram, view.norms
    start = max(trigger.end, found.subject_end)
    others = {t.start for t in view.triggers if t is not trigger}
    stop = min(len(norms), start + SPEECH_WINDOW)
    j = start
    while j < stop:
        if j in others:
            break
        quoted_name = norms[j] in QUOTE_MARKS_OPEN
        named = view.arg_at(j + 1) if quoted_name else view.arg_at(j)
        if named is not None and named.prep and named.prep not in ("partitive", "agent_marker"):
            j = named.np_end  # "لـ"حفريات"": a quoted name, not a quotation
            if quoted_name and j < len(norms) and gram.is_("quote_close", norms[j]):
                j += 1
            continue
        end = gram.match("complementizer", norms, j)
        if end:
            return end, speech_end(view, trigger, end, len(norms))
        if norms[j] in QUOTE_MARKS_OPEN:
            close = next((k for k in range(j + 1, len(norms)) if gram.is_("quote_close", norms[k])), len(norms))
            return j + 1, close if close > j + 1 else speech_end(view, trigger, j + 1, len(norms))
        if norms[j] == ":" or (norms[j] == "عن" and trigger.cls == "Statement"):
            return j + 1, speech_end(view, trigger, j + 1, len(norms))
        if norms[j] in ("؛", ".", "؟"):
            break
        j += 1
    k = trigger.start - 1
    while k >= 0 and norms[k] in ("،", ","):
        k -= 1
    if k >= 1 and gram.is_("quote_close", norms[k]):
        open_at = next((i for i in range(k - 1, -1, -1) if norms[i] in QUOTE_MARKS_OPEN), None)
        if open_at is not None and open_at + 1 < k:
            return open_at + 1, k
    return None


def speech_end(view: View, trigger: Trigger, start: int, end: int) -> int:
    """What was said ends where the clause of another speech verb of the sentence starts
    ("..., لكن إيران نفت هذا وقالت ...")."""
    later = [t for t in view.triggers if t.start >= start and t.verbal and t.cls in ("Statement", "Denial")]
    if not later:
        return end
    k = later[0].start
    subject = view.arg_ending(k)
    if subject is not None and subject.np_start > start:
        k = subject.np_start
    while k > start and (view.gram.is_("clause", view.norms[k - 1]) or view.norms[k - 1] in ("،", ",", "و")):
        k -= 1
    return min(end, k)


def clean_quote(text: str) -> str:
    return text.strip(QUOTE_STRIP)


def denials_in_speech(view: View, item: Pending) -> list[Pending]:
    """A speaker saying his men are "غير مسؤولة" about the attack denies it."""
    out = []
    start, end = item.quote_span
    for a, b in attribution.denials(view, start, end):
        trigger = Trigger(item.trigger.entry, a, b, True, "m", False, "", "")
        denial = Roles(agent=item.roles.agent, rule="denial-in-speech",
                       confidence=RULE_CONFIDENCE["denial-in-speech"])
        pending = Pending(as_class(trigger, "Denial"), denial, quote=item.quote, quote_span=(a, end))
        out.append(pending)
        break
    return out


def as_class(trigger: Trigger, cls: str) -> Trigger:
    return replace(trigger, entry=replace(trigger.entry, cls=cls, pos="cue"))


def relays(view: View, pending: list[Pending], sources: list[attribution.Source]) -> list[Pending]:
    """"نقلت الوكالة عن المتحدث قوله إن ...": a statement by the one relayed."""
    out = []
    taken = {p.roles.agent.key for p in pending if p.roles.agent is not None and p.trigger.cls == "Statement"}
    for source in sources:
        if source.speaker is None or source.speaker.key in taken or not roles.fits("agent", source.speaker):
            continue
        entry = next((t.entry for t in view.triggers if t.cls == "Statement"), None)
        trigger = Trigger(entry or statement_entry(), source.start, source.start + 1, True, "m", False, "", "")
        trigger = as_class(trigger, "Statement")
        start = source.speech
        for j in range(start, min(len(view.norms), start + 3)):  # "عن المتحدث قوله إن ..."
            end = view.gram.match("complementizer", view.norms, j)
            if end:
                start = end
                break
        span = (start, len(view.norms))
        item = Pending(trigger, Roles(agent=source.speaker, rule="relay", confidence=RULE_CONFIDENCE["relay"]),
                       quote=clean_quote(view.text(*span)), quote_span=span, reported_by=source.text)
        out.append(item)
    return out


def statement_entry() -> Entry:
    return Entry("نقل", "Statement", "cue", (), {})


def attribute(view: View, pending: list[Pending], speech_scopes: list[Scope],
               found: list[attribution.Source]) -> None:
    """Each event keeps who reported it: the sentence's source phrase, or the speaker whose
    words it stands in."""
    sources = [s for s in found if s.speaker is None]
    for item in pending:
        if item.reported_by:
            continue
        own = item.roles.agent
        scope = inside(speech_scopes, item.trigger)
        # a source cited inside someone's quoted words holds for what the quotation reports
        here = [s for s in sources if inside(speech_scopes, s) == scope]
        if scope is not None and scope.speaker is not None and (own is None or own.key != scope.speaker.key):
            item.reported_by = scope.speaker_name
        if item.reported_by is None and here:
            item.reported_by = here[0].text
