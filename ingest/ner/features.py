"""Token features for the statistical tagger: word shape, normalised and clitic-stripped
forms, affixes, neighbours, what the default recognizer's lists and patterns say, and
(when the model has them) word clusters learnt from unlabelled text; for the second
pass, what the first said about the same word elsewhere in the document.

Each token becomes a list of "name=value" strings (crfsuite reads each as a binary
feature). The same function serves training and tagging, so a model only ever sees
features built the way it was trained with."""

from __future__ import annotations

import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from functools import cache
from typing import TYPE_CHECKING

from ..document import Token
from . import name_stats
from .clitics import stems

if TYPE_CHECKING:
    from .recognizer import Candidate, RuleRecognizer
    from .rules import Lexicons

WINDOW = 2  # neighbours on each side whose forms and lexicon hits are features


def shape(text: str) -> str:
    """A coarse class of the characters: digits, punctuation, Latin, Arabic, or mixed."""
    kinds = set()
    for ch in text:
        if ch.isdigit():
            kinds.add("d")
        elif "\u0600" <= ch <= "\u06ff":
            kinds.add("a")
        elif ch.isalpha():
            kinds.add("l")
        elif unicodedata.category(ch).startswith("P") or unicodedata.category(ch).startswith("S"):
            kinds.add("p")
        else:
            kinds.add("o")
    return "".join(sorted(kinds)) or "o"


def length_class(norm: str) -> str:
    n = len(norm)
    return str(n) if n <= 3 else "4-5" if n <= 5 else "6-8" if n <= 8 else "9+"


def stem_of(norm: str) -> str:
    """The token without its proclitics (the most stripped reading)."""
    return stems(norm)[-1][0]


def core_of(stem: str) -> str:
    """The stem without the article ال, the part shared by "العراق" and "عراقي"."""
    return stem[2:] if stem.startswith("ال") and len(stem) > 4 else stem


@cache
def _rule_family(rule: str) -> str:
    """"list:curated" stays whole; "pattern:title-military" becomes "pattern:title"."""
    kind, _, name = rule.partition(":")
    return f"{kind}:{name.split('-')[0]}" if kind == "pattern" else rule


class Featurizer:
    """Builds the feature lists of a sentence's tokens.

    With `rules`, each token also carries the default recognizer's candidate spans
    covering it (B-/I- + type + rule family), the spans it would choose, and the
    lexicon classes (title word, given name, nationality, organisation and place head)
    of its clitic-stripped forms.

    With `clusters` (word -> cluster id at each granularity), each token and its
    neighbours on either side carry their clusters; with `names` (word -> how often it
    stood inside each type of name in unlabelled text, see `name_stats`), those shares."""

    def __init__(self, rules: RuleRecognizer | None = None,
                 clusters: Mapping[str, tuple[int, ...]] | None = None,
                 names: Mapping[str, tuple[int, ...]] | None = None) -> None:
        self.rules = rules
        self.lex: Lexicons | None = rules.lex if rules is not None else None
        self.clusters = clusters or None
        self.names = names or None

    @staticmethod
    def _learnt(table: Mapping[str, tuple[int, ...]], tok: Token) -> tuple[int, ...] | None:
        """What unlabelled text taught about the word, or about its clitic-stripped form
        when the word itself was not among what it saw."""
        found = table.get(tok.norm)
        return found if found is not None else table.get(stem_of(tok.norm))

    def _names(self, tok: Token) -> list[str]:
        if self.names is None:
            return []
        return name_stats.features(self._learnt(self.names, tok))

    def _clusters(self, tok: Token) -> list[str]:
        if self.clusters is None:
            return []
        ids = self._learnt(self.clusters, tok)
        return [f"k{level}={c}" for level, c in enumerate(ids)] if ids is not None else ["k=none"]

    def __call__(self, tokens: Sequence[Token], candidates: list[Candidate] | None = None) -> list[list[str]]:
        """Features of each token; `candidates` are the rule recognizer's for these tokens
        when the caller already has them."""
        local = [self._token(t) for t in tokens]
        lexical = [self._lexicon(t) for t in tokens]
        spans = self._spans(list(tokens), candidates)
        clusters = [self._clusters(t) for t in tokens]
        names = [self._names(t) for t in tokens]
        out = []
        for i, tok in enumerate(tokens):
            feats = ["bias", *local[i], *lexical[i], *spans[i], *clusters[i], *names[i]]
            for d in range(-WINDOW, WINDOW + 1):
                if d == 0:
                    continue
                j = i + d
                if 0 <= j < len(tokens):
                    nb = tokens[j]
                    feats.append(f"{d}:n={nb.norm}")
                    feats.append(f"{d}:st={stem_of(nb.norm)}")
                    feats.append(f"{d}:sh={shape(nb.text)}")
                    feats.extend(f"{d}:{f}" for f in lexical[j])
                    if abs(d) == 1:
                        feats.extend(f"{d}:{f}" for f in spans[j])
                        feats.append(f"{d}:s3={nb.norm[-3:]}")
                        feats.extend(f"{d}:{f}" for f in clusters[j])
                        feats.extend(f"{d}:{f}" for f in names[j])
                else:
                    feats.append(f"{d}:{'BOS' if j < 0 else 'EOS'}")
            if i > 0:
                feats.append(f"bi-1={tokens[i - 1].norm}|{tok.norm}")
            if i + 1 < len(tokens):
                feats.append(f"bi+1={tok.norm}|{tokens[i + 1].norm}")
            out.append(feats)
        return out

    # one token -------------------------------------------------------------------
    @staticmethod
    def _token(tok: Token) -> list[str]:
        norm = tok.norm
        stem = stem_of(norm)
        core = core_of(stem)
        feats = [f"w={tok.text}", f"n={norm}", f"st={stem}", f"core={core}", f"sh={shape(tok.text)}",
                 f"len={length_class(core)}"]
        feats += [f"p{k}={core[:k]}" for k in (1, 2, 3) if len(core) > k]
        feats += [f"s{k}={norm[-k:]}" for k in (1, 2, 3, 4) if len(norm) > k]
        feats += sorted({f"c3={core[k : k + 3]}" for k in range(1, len(core) - 3)})
        if stem != norm:
            feats.append(f"clitic={norm[: len(norm) - len(stem)]}")
        if stem.startswith("ال"):
            feats.append("al")
        if tok.text != norm:
            feats.append("diac" if any("\u064b" <= ch <= "\u065f" for ch in tok.text) else "varied")
        return feats

    def _lexicon(self, tok: Token) -> list[str]:
        """Lexicon classes of any clitic reading of the token."""
        lex = self.lex
        if lex is None:
            return []
        feats = set()
        for form, _, _ in stems(tok.norm):
            bare = core_of(form)
            if lex.is_title_word(form) or lex.is_title_word(bare):
                feats.add("lx=title")
            if form in lex.given_names:
                feats.add("lx=given")
            if form in lex.nationalities:
                feats.add("lx=nationality")
            if form in lex.org_heads or bare in lex.org_heads:
                feats.add("lx=org-head")
            if form in lex.place_heads or bare in lex.place_heads:
                feats.add("lx=place-head")
            if lex.is_surname(form):
                feats.add("lx=al-surname")
        if tok.norm in lex.stopwords:
            feats.add("lx=stop")
        elif tok.norm in lex.common:
            feats.add("lx=common")
        return sorted(feats)

    def _spans(self, tokens: list[Token], candidates: list[Candidate] | None) -> list[list[str]]:
        """The rule recognizer's candidates over each token, and its chosen spans."""
        feats: list[set[str]] = [set() for _ in tokens]
        if self.rules is None or not tokens:
            return [[] for _ in tokens]
        from .recognizer import select

        if candidates is None:
            candidates = self.rules.candidates(tokens)
        for cand in candidates:
            family = _rule_family(cand.rule)
            for i in range(cand.start, cand.end):
                pos = "B" if i == cand.start else "I"
                feats[i].add(f"r={pos}-{cand.type}|{family}")
                feats[i].add(f"r={pos}-{cand.type}")
            if cand.end < len(tokens):
                feats[cand.end].add(f"r=after-{cand.type}")
        for cand in select(candidates):
            for i in range(cand.start, cand.end):
                feats[i].add(f"sel={'B' if i == cand.start else 'I'}-{cand.type}")
        return [sorted(f) for f in feats]


# Second pass: what the first pass said about the same word elsewhere in the document.
DOC_WINDOW = 25  # sentences on each side that count as the same document
ENTITY_LABEL_TYPES = ("PER", "ORG", "LOC")


def doc_keys(tok: Token) -> set[str]:
    """The forms under which a word's other occurrences are gathered: the article-stripped
    stem of each clitic reading ("لكوبل" and "كوبل" share "كوبل"); none for punctuation,
    digits and short words."""
    keys = {core_of(form) for form, _, _ in stems(tok.norm)}
    return {key for key in keys if len(key) >= 3 and key.isalpha()}


def _bucket(p: float) -> str:
    return "0" if p < 0.1 else "1" if p < 0.3 else "2" if p < 0.5 else "3" if p < 0.7 else "4"


def document_features(sentences: Sequence[Sequence[Token]], marginals: Sequence[Sequence[dict[str, float]]],
                      window: int = DOC_WINDOW) -> list[list[list[str]]]:
    """For each token, the first pass's mean and highest probability of each entity type
    over the other occurrences of its word in the sentences around it, and the first
    pass's own best label for it."""
    keys = [[doc_keys(t) for t in sentence] for sentence in sentences]
    probs = [[{k: sum(p for label, p in m.items() if label[2:] == k) for k in ENTITY_LABEL_TYPES} for m in sent]
             for sent in marginals]
    where: dict[str, list[tuple[int, int]]] = {}
    for s, sent_keys in enumerate(keys):
        for i, token_keys in enumerate(sent_keys):
            for key in token_keys:
                where.setdefault(key, []).append((s, i))
    out = []
    for s, sent_keys in enumerate(keys):
        sent_feats = []
        for i, token_keys in enumerate(sent_keys):
            m = marginals[s][i]
            feats = [f"s1={max(m, key=m.get)}"] if m else []
            others: set[tuple[int, int]] = set()
            for key in token_keys:
                found = where[key]
                lo, hi = bisect_left(found, (s - window, -1)), bisect_right(found, (s + window, 1 << 30))
                others.update(found[lo:hi])
            others.discard((s, i))
            if others:
                feats.append("doc=seen")
                for kind in ENTITY_LABEL_TYPES:
                    values = [probs[s2][i2][kind] for s2, i2 in others]
                    feats.append(f"doc{kind}={_bucket(sum(values) / len(values))}")
                    feats.append(f"docmax{kind}={_bucket(max(values))}")
            sent_feats.append(feats)
        out.append(sent_feats)
    return out
