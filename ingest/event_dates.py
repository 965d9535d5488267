"""Giving each event of a sentence the date the sentence gives it."""

from __future__ import annotations

from .pending import Pending
from .roles import View


def date_tokens(view: View) -> set[int]:
    """The tokens the sentence's date expressions cover."""
    out = set()
    base = view.sentence.start
    for expr in view.dates:
        for i, token in enumerate(view.tokens):
            if token.start < base + expr.end and token.end > base + expr.start:
                out.add(i)
    return out


def give_dates(view: View, pending: list[Pending]) -> None:
    """Each date goes to the event it belongs to: the nearest trigger before it (Arabic puts
    time after the verb: "زار بغداد أمس"), and the verb governing that trigger when it is a
    masdar ("دان الهجوم أمس"); a date before every trigger goes to the first one after it.
    The most specific date wins when several reach one event."""
    if not view.dates or not pending:
        return
    base = view.sentence.start
    precision = {"day": 3, "month": 2, "year": 1}
    got: dict[int, list] = {}  # trigger start -> the expressions its events get
    ordered = sorted({p.trigger.start: p for p in pending}.values(), key=lambda p: p.trigger.start)
    for expr in view.dates:
        first = next((i for i, t in enumerate(view.tokens) if t.end > base + expr.start), len(view.tokens))
        before = [p for p in ordered if p.trigger.end <= first and not crosses_clause(view, p.trigger.end, first)]
        targets = []
        if before:
            nearest = before[-1]
            targets.append(nearest)
            if not nearest.trigger.verbal:
                # the verb governing a masdar ("دان الهجوم أمس"), or the event a "بـ" masdar
                # is the means of ("اغتيال سليماني بضربة جوية ... مطلع العام")
                instrument = nearest.trigger.prefix[-1:] in ("ب", "ل")
                governing = [p for p in before[:-1] if (p.trigger.verbal or instrument)
                             and not crosses_clause(view, p.trigger.end, nearest.trigger.start)]
                targets += governing[-1:]
        else:
            after = [p for p in ordered if p.trigger.start >= first]
            targets += after[:1]
        for item in targets:
            got.setdefault(item.trigger.start, []).append(expr)
    for item in pending:  # every event of one trigger ("زار تشاد والنيجر أمس") shares its date
        exprs = got.get(item.trigger.start)
        if exprs:
            best = max(exprs, key=lambda e: precision.get(e.precision, 0))
            item.date = best.value


def crosses_clause(view: View, start: int, end: int) -> bool:
    """Whether a complementizer stands between two tokens: what follows "أن" is another event's time."""
    return any(view.gram.is_("complementizer", view.norms[i]) for i in range(start, end))
