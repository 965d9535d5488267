"""Organisations named again by their head noun alone: "وزارة الخارجية الإيرانية ...
وقالت الوزارة في بيان"، "حركة حماس ... وأكدت الحركة". A definite head noun that no name
covers stands for the organisation the article last named with that head, when only one
organisation so far has it."""

from __future__ import annotations

from functools import cache

from .document import Document
from .ner.gazetteer import name_key
from .ner.rules import lexicons
from .roles import Arg, View

PREFIXES = ("و", "ف")  # a conjunction before the head noun
PREPOSITION_ARTICLE = {"لل": "ل", "بال": "ب", "كال": "ك"}


@cache
def _org_heads() -> frozenset[str]:
    return frozenset(h[2:] if h.startswith("ال") else h for h in lexicons().org_heads)


def _head_of(name: str) -> str:
    words = name_key(name)
    first = words[0] if words else ""
    return first[2:] if first.startswith("ال") else first


def add_head_nouns(doc: Document, views: list[View]) -> None:
    """Give each view an argument for every definite head noun standing for an organisation."""
    heads = _org_heads()
    seen: dict[str, set[str]] = {}
    for view in views:
        orgs = {a.start: a for a in view.args if a.type == "ORG"}
        for i, norm in enumerate(view.norms):
            arg = orgs.get(i)
            if arg is not None:  # the head as written here ("حركة حماس") and in the entity's name
                for head in {_head_of(view.text(arg.start, arg.end)), _head_of(doc.entities[arg.key].name)}:
                    if head in heads:
                        seen.setdefault(head, set()).add(arg.key)
                continue
            found = _definite_head(norm)
            if found is None or view.in_arg(i) or any(t.start <= i < t.end for t in view.titles):
                continue
            head, clitic = found
            keys = seen.get(head, set())
            if len(keys) == 1 and not _followed_by_name(view, i):
                view.args.append(Arg(i, i + 1, next(iter(keys)), "ORG", clitic=clitic, from_title=True))
        view.args.sort(key=lambda a: (a.np_start, a.start))


def _definite_head(norm: str) -> tuple[str, str] | None:
    """("وزاره", "و") for "والوزارة": the head noun and the letters written before its ال."""
    clitic = ""
    if norm[:1] in PREFIXES and len(norm) > 4:
        clitic, norm = norm[0], norm[1:]
    for written, letter in PREPOSITION_ARTICLE.items():
        if norm.startswith(written) and len(norm) > len(written) + 2:
            return norm[len(written):], clitic + letter
    if norm.startswith("ال") and len(norm) > 4:
        return norm[2:], clitic
    return None


def _followed_by_name(view: View, i: int) -> bool:
    """"الحركة الإسلامية": an adjective or a name after the noun makes it another organisation."""
    nxt = i + 1
    if nxt >= len(view.norms):
        return False
    return view.in_arg(nxt) or (view.norms[nxt].startswith("ال") and len(view.norms[nxt]) > 3
                                and not view.gram.is_("skip", view.norms[nxt]))
