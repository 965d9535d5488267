"""The events of one sentence while they are being built, and what carries over from one
sentence to the next: who last spoke and who last acted."""

from __future__ import annotations

from dataclasses import dataclass

from . import roles
from .roles import Arg, Roles, View
from .triggers import Trigger

RULE_CONFIDENCE = {"coordinated": 0.6, "vso": 0.8, "relative": 0.75, "svo": 0.7, "genitive": 0.7, "light": 0.7,
                   "relative-light": 0.75, "vso-group": 0.6, "pronoun": 0.6, "zero": 0.55,
                   "discourse": 0.5, "partitive": 0.5, "vso-member": 0.6, "relay": 0.7, "denial-in-speech": 0.6}


@dataclass
class Discourse:
    """Who last spoke and who last acted in the article's own voice, for the verbs whose
    subject is only a pronoun ("وأضاف"). Events inside someone's quoted words do not count."""

    agent: Arg | None = None
    sentence: int = -1
    speaker: Arg | None = None
    speaker_sentence: int = -1

    def last(self, speech: bool) -> tuple[Arg | None, int]:
        if speech and self.speaker_sentence >= 0:
            return self.speaker, self.speaker_sentence
        return self.agent, self.sentence


@dataclass
class Scope:
    """What a speaker said: a token span of the sentence."""

    start: int
    end: int
    speaker_name: str
    speaker: Arg | None


@dataclass
class Pending:
    """An event being built, before dates are given out."""

    trigger: Trigger
    roles: Roles
    negated: bool = False
    quote: str = ""
    quote_span: tuple[int, int] | None = None
    reported_by: str | None = None
    date: str | None = None


def name(view: View, arg: Arg) -> str:
    """The entity's name, as reported_by keeps it."""
    entity = view.doc.entities.get(arg.key)
    return entity.name if entity is not None else ""


def inside(scopes: list[Scope], item) -> Scope | None:
    """The quotation a trigger (or anything with a start token) stands in, if any."""
    return next((s for s in scopes if s.start <= item.start < s.end), None)


def set_agent(found: Roles, arg: Arg | None, rule: str) -> None:
    """Make the argument the agent, with the confidence of the rule that found it, unless
    an agent is already there or the argument cannot act."""
    if arg is not None and found.agent is None and roles.fits("agent", arg):
        found.agent, found.rule, found.confidence = arg, rule, RULE_CONFIDENCE.get(rule, 0.5)
