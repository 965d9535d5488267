"""Polarity and attribution: what negates an event, what makes it only possible, what a
speaker denies, and whom a sentence's claim is attributed to ("وبحسب مراقبين"، "وفق
مصادر"، "نقلت وكالة رويترز عن مسؤول")."""

from __future__ import annotations

from dataclasses import dataclass

from .grammar import is_punctuation
from .roles import Arg, View
from .triggers import Trigger

SOURCE_WORDS = 4  # the longest source phrase kept
RELAY_GAP = 6  # tokens between "نقلت" and its "عن"
IRREALIS_WINDOW = 3


@dataclass
class Source:
    start: int  # the cue's first token
    end: int  # the source phrase's end
    text: str
    speaker: Arg | None = None  # for a relay: the one whose words are relayed
    speech: int = -1  # for a relay: where the relayed words start


def _phrase_start(view: View, cls: str, k: int) -> int | None:
    for length in (4, 3, 2, 1):
        start = k - length + 1
        if start >= 0 and view.gram.match(cls, view.norms, start) == k + 1:
            return start
    return None


def negated(view: View, trigger: Trigger) -> bool:
    """A negator right before the trigger (لم يزر، لن ينسحب، عدم تنفيذ، ليس ... )."""
    k = trigger.start - 1
    for _ in range(2):
        if k < 0:
            return False
        if _phrase_start(view, "negator", k) is not None:
            return True
        if view.gram.is_("skip", view.norms[k]) or view.norms[k] == "و":
            k -= 1
            continue
        return False
    return False


def irrealis(view: View, trigger: Trigger) -> bool:
    """An event named as only possible, planned or tried (أي استهداف، محاولة اغتيال)."""
    if trigger.verbal:
        return False
    for k in range(trigger.start - 1, max(-1, trigger.start - 1 - IRREALIS_WINDOW), -1):
        if view.in_arg(k):
            return False
        if _phrase_start(view, "irrealis", k) is not None:
            return True
    return False


def denials(view: View, start: int, end: int) -> list[tuple[int, int]]:
    """Token spans of denial phrases between start and end (غير مسؤولة، لا علاقة له)."""
    out = []
    i = start
    while i < end:
        stop = view.gram.match("denial", view.norms, i)
        if stop and stop <= end:
            out.append((i, stop))
            i = stop
        else:
            i += 1
    return out


def sources(view: View) -> list[Source]:
    """Attribution phrases in the sentence and the source each names."""
    gram, norms = view.gram, view.norms
    out = []
    i = 0
    while i < len(norms):
        end = gram.match("attribution_source", norms, i)
        if end:
            out.append(_source(view, i, end))
            i = end
            continue
        end = gram.match("attribution_verb", norms, i)
        if end:
            out.append(_source(view, i, end + 1))
            i = end
            continue
        end = gram.match("attribution_relay", norms, i)
        if end:
            relay = _relay(view, i, end)
            if relay is not None:
                out.append(relay)
                i = relay.end
                continue
        i += 1
    return [s for s in out if s.text]


def _source(view: View, cue: int, start: int) -> Source:
    norms = view.norms
    arg = view.arg_at(start)
    if arg is not None:
        return Source(cue, arg.np_end, view.text(arg.np_start, arg.np_end))
    j = start
    while j < len(norms) and j - start < SOURCE_WORDS:
        if is_punctuation(norms[j]) or view.gram.is_("complementizer", norms[j]):
            break
        if any(t.start == j for t in view.triggers):
            break
        j += 1
    return Source(cue, j, view.text(start, j))


def _relay(view: View, cue: int, start: int) -> Source | None:
    """"نقلت وكالة الأنباء عن المتحدث قوله إن ...": the agency relays the spokesman."""
    norms = view.norms
    about = next((j for j in range(start, min(len(norms), start + RELAY_GAP)) if norms[j] == "عن"), None)
    if about is None or about == start:
        return None
    speaker = view.arg_at(about + 1)
    if speaker is None:
        return None
    source = view.text(start, about)
    j = speaker.np_end
    return Source(cue, j, source, speaker, j)
