"""A CRF tagger the user trains on any BIO corpus (`khabar ner train`), and the
recognizer that runs it (`--ner crf:MODEL`, `--model MODEL`).

Tagging takes two passes. The first CRF reads each token's own features (see
`features.Featurizer`); the second reads them too, plus what the first pass said about
the same word elsewhere in the document (`features.document_features`), so a name
recognised where its context is clear is recognised where it stands alone. The second
CRF is trained on first-pass probabilities that come from models which never saw the
sentence (four folds), as they will be at tagging time.

A model is a folder holding three files, and two more when trained with unlabelled text:

- `first.crfsuite`, `second.crfsuite`: the two passes' weights, in crfsuite's own
  format (python-crfsuite reads them);
- `settings.json`: `format` ("khabar-crf"), `version` (1), `labels`, the `c1`/`c2`
  chosen on a held-out part of the training corpus, `rule_features` (whether the
  default recognizer's hits were features: the tagger rebuilds them the same way),
  `doc_window`, and a record of the training run (corpus name, sizes, held-out F1 of
  each setting tried, seconds), and `clusters` and `names` when the model has them;
- `clusters.tsv` (only when trained with unlabelled text): each word's cluster at each
  granularity (see `clusters`), features of the token and its neighbours;
- `names.tsv` (likewise): how often each word stood inside a PER, ORG or LOC name the
  default recognizer found in that text (see `name_stats`).
"""

from __future__ import annotations

import json
import multiprocessing
import os
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from ..document import ENTITY_TYPES, Document, Mention, Sentence, Token
from ..text import from_tokens
from . import bio, name_stats
from . import clusters as word_clusters
from .conll import read_conll
from .features import DOC_WINDOW, Featurizer, document_features

FIRST_FILE, SECOND_FILE, SETTINGS_FILE = "first.crfsuite", "second.crfsuite", "settings.json"
FORMAT, VERSION = "khabar-crf", 1
# (c1, c2) tried on a held-out part of the training corpus; the best is kept.
GRID = ((0.1, 0.05), (0.05, 0.01))
DEFAULT_C = (0.05, 0.01)
DEV_FRACTION = 0.1
FOLDS = 4
MIN_SENTENCES_TO_TUNE = 50
LEARNT_NAMES = {"clusters": "word clusters", "names": "name shares"}  # what unlabelled text gives the model
MAX_ITERATIONS = 400  # L-BFGS passes: fewer stop short of the optimum on a corpus of ANERcorp's size

Tagged = tuple[list[str], list[str]]  # words, tags
Features = list[list[list[str]]]  # per sentence, per token


def read_corpus(path: Path, keep_other: bool = False) -> list[Tagged]:
    """Sentences of a BIO corpus with tags mapped to PER/ORG/LOC; other types (MISC)
    become O, or stay as their own labels with `keep_other`."""
    out = []
    for rows in read_conll(path):
        words = [row[0] for row in rows]
        tags = [bio.canonical(row[-1]) if len(row) > 1 else "O" for row in rows]
        if not keep_other:
            tags = [t if t == "O" or t[2:] in ENTITY_TYPES else "O" for t in tags]
        out.append((words, tags))
    return out


def span_f1(gold: Iterable[Sequence[str]], pred: Iterable[Sequence[str]]) -> float:
    """Exact-span F1 over PER/ORG/LOC, as score_ner.py and conlleval count it."""
    right = n_gold = n_pred = 0
    for g_tags, p_tags in zip(gold, pred):
        g = {s for s in bio.spans(g_tags) if s[2] in ENTITY_TYPES}
        p = {s for s in bio.spans(p_tags) if s[2] in ENTITY_TYPES}
        right, n_gold, n_pred = right + len(g & p), n_gold + len(g), n_pred + len(p)
    return 2 * right / (n_gold + n_pred) if n_gold + n_pred else 0.0


def with_document(x: Features, sentences: Sequence[Sequence[Token]], marginals: Sequence[Sequence[dict]],
                  window: int = DOC_WINDOW) -> Features:
    """Second-pass features: each token's own, and the first pass's view of its document."""
    doc = document_features(sentences, marginals, window)
    return [[own + extra for own, extra in zip(xs, ds)] for xs, ds in zip(x, doc)]


# training ---------------------------------------------------------------------------
def _fit(x: list, y: list, c1: float, c2: float, filename: str | None = None, max_iterations: int = MAX_ITERATIONS):
    import sklearn_crfsuite

    crf = sklearn_crfsuite.CRF(algorithm="lbfgs", c1=c1, c2=c2, max_iterations=max_iterations,
                               all_possible_transitions=True, model_filename=filename)
    crf.fit(x, y)
    return crf


_SHARED: dict[str, Any] = {}  # what the worker processes read, inherited when they fork


def _parallel(fn: Callable, jobs: list, workers: int, **shared: Any) -> list:
    """fn over jobs, in forked processes that share `shared` without copying it through
    pipes; in this process where forking is not available."""
    _SHARED.clear()
    _SHARED.update(shared)
    try:
        workers = min(workers, len(jobs))
        if workers > 1 and "fork" in multiprocessing.get_all_start_methods():
            with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
                return list(pool.map(fn, jobs))
        return [fn(job) for job in jobs]
    finally:
        _SHARED.clear()


def _out_of_fold(job: tuple[int, int, float, float, int]) -> list:
    """First-pass probabilities for sentences [start, end) from a model trained on the rest."""
    start, end, c1, c2, iterations = job
    x, y = _SHARED["x"], _SHARED["y"]
    crf = _fit(x[:start] + x[end:], y[:start] + y[end:], c1, c2, max_iterations=iterations)
    return crf.predict_marginals(x[start:end])


def _held_out_f1(job: tuple[int, float, float, int]) -> float:
    cut, c1, c2, iterations = job
    x, y = _SHARED["x"], _SHARED["y"]
    crf = _fit(x[:cut], y[:cut], c1, c2, max_iterations=iterations)
    return span_f1(y[cut:], crf.predict(x[cut:]))


def _final(job: tuple[str, float, float, int, str]) -> list[str]:
    which, c1, c2, iterations, filename = job
    return list(_fit(_SHARED[which], _SHARED["y"], c1, c2, filename=filename, max_iterations=iterations).classes_)


def _folds(n: int, k: int) -> list[tuple[int, int]]:
    """k contiguous ranges covering range(n): an article's sentences stay together."""
    bounds = [round(i * n / k) for i in range(k + 1)]
    return [(a, b) for a, b in zip(bounds, bounds[1:]) if b > a]


def train(corpus: Path, out: Path, grid: Sequence[tuple[float, float]] = GRID, rule_features: bool = True,
          keep_other: bool = False, max_iterations: int = MAX_ITERATIONS, workers: int | None = None,
          unlabelled: Sequence[str | Path] = (), unlabelled_limit: int = word_clusters.DEFAULT_LIMIT) -> str:
    """Train the two-pass CRF on the BIO corpus `corpus` and save it as the folder `out`.
    (c1, c2) is chosen from `grid` by F1 on the last tenth of the corpus (contiguous, so
    an article's sentences do not sit on both sides). With `unlabelled` article sources
    (at most `unlabelled_limit` articles read), word clusters learnt from them are
    features too. Returns a printable summary."""
    began = time.perf_counter()
    workers = workers or os.cpu_count() or 1
    sentences = read_corpus(corpus, keep_other=keep_other)
    if not any(t != "O" for _, tags in sentences for t in tags):
        raise ValueError(f"{corpus}: no PER, ORG or LOC tags: is the tag the last column?")
    if len(sentences) < FOLDS:
        raise ValueError(f"{corpus}: {len(sentences)} sentences; training needs at least {FOLDS}")
    if out.exists() and not out.is_dir():
        raise ValueError(f"{out} is a file: a model is a folder ({FIRST_FILE}, {SECOND_FILE}, {SETTINGS_FILE})")
    rules = _rules() if rule_features else None
    clusters, names, learnt = (_learn_from_unlabelled(unlabelled, unlabelled_limit, rules) if unlabelled
                               else ({}, {}, {}))
    featurizer = Featurizer(rules, clusters, names)
    doc = from_tokens([words for words, _ in sentences])
    tokens = [doc.tokens[s.token_start : s.token_end] for s in doc.sentences]
    x = [featurizer(t) for t in tokens]
    y = [tags for _, tags in sentences]

    jobs = [(a, b, *DEFAULT_C, max_iterations) for a, b in _folds(len(x), FOLDS)]
    marginals = [m for part in _parallel(_out_of_fold, jobs, workers, x=x, y=y) for m in part]
    x2 = with_document(x, tokens, marginals)

    f1s: list[float] = []
    (c1, c2) = grid[0] if grid else DEFAULT_C
    if len(x) >= MIN_SENTENCES_TO_TUNE and len(grid) > 1:
        cut = len(x) - max(1, int(len(x) * DEV_FRACTION))
        f1s = _parallel(_held_out_f1, [(cut, a, b, max_iterations) for a, b in grid], workers, x=x2, y=y)
        c1, c2 = grid[max(range(len(grid)), key=f1s.__getitem__)]

    out.mkdir(parents=True, exist_ok=True)
    for table, module in ((clusters, word_clusters), (names, name_stats)):
        if table:
            module.save(table, out / module.FILE)
        else:  # a model trained again without unlabelled text must not pick up old tables
            (out / module.FILE).unlink(missing_ok=True)
    finals = [("first", c1, c2, max_iterations, str(out / FIRST_FILE)),
              ("second", c1, c2, max_iterations, str(out / SECOND_FILE))]
    labels = _parallel(_final, finals, workers, first=x, second=x2, y=y)[1]
    seconds = round(time.perf_counter() - began, 1)
    n_tokens = sum(len(tags) for tags in y)
    settings = {
        "format": FORMAT, "version": VERSION, "labels": sorted(labels), "c1": c1, "c2": c2,
        "rule_features": rule_features, "doc_window": DOC_WINDOW, "max_iterations": max_iterations,
        "trained_on": {"corpus": corpus.name, "sentences": len(y), "tokens": n_tokens, "seconds": seconds},
        "tuning": {"held_out_fraction": DEV_FRACTION if f1s else 0,
                   "f1": [{"c1": a, "c2": b, "f1": round(f, 4)} for (a, b), f in zip(grid, f1s)]},
    }
    settings.update(learnt)
    (out / SETTINGS_FILE).write_text(json.dumps(settings, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    tuned = (f"c1={c1} c2={c2} chosen on a held-out {DEV_FRACTION:.0%} of the corpus (F1 {max(f1s):.3f})"
             if f1s else f"c1={c1} c2={c2} (corpus too small to tune)")
    extra = "".join(f"; {LEARNT_NAMES[key]} from {info['articles']} articles ({info['words']} words)"
                    for key, info in learnt.items())
    return f"trained on {len(y)} sentences ({n_tokens} tokens) in {seconds}s; {tuned}{extra}; model in {out}"


def _learn_from_unlabelled(paths: Sequence[str | Path], limit: int, rules: Any) -> tuple[dict, dict, dict]:
    """Word clusters from up to `limit` articles under `paths` and, when the rules are
    features, how often the rules find each word inside a name (from fewer articles: that
    reading is slower); and what the model's settings record of each."""
    began = time.perf_counter()
    texts, n_articles = word_clusters.read_texts(paths, limit)
    if not n_articles:
        raise ValueError(f"no articles in {', '.join(map(str, paths))} to learn word clusters from")
    clusters = word_clusters.learn(texts)
    del texts
    learnt = {"clusters": {"file": word_clusters.FILE, "articles": n_articles,
                           "words": len(clusters), "sizes": list(word_clusters.SIZES),
                           "seconds": round(time.perf_counter() - began, 1)}}
    names: name_stats.Stats = {}
    if rules is not None:
        names, n_read = name_stats.learn(paths, min(limit, name_stats.DEFAULT_LIMIT), rules)
        if names:
            learnt["names"] = {"file": name_stats.FILE, "articles": n_read,
                               "words": len(names)}
    return clusters, names, learnt


def _rules():
    from .recognizer import RuleRecognizer

    return RuleRecognizer()


# tagging ----------------------------------------------------------------------------
def load_settings(path: Path) -> dict:
    files = (path / FIRST_FILE, path / SECOND_FILE, path / SETTINGS_FILE)
    if not all(f.is_file() for f in files):
        raise FileNotFoundError(f"{path}: not a tagger model (a folder with {FIRST_FILE}, {SECOND_FILE} and "
                                f"{SETTINGS_FILE}, written by `khabar ner train`)")
    settings = json.loads((path / SETTINGS_FILE).read_text(encoding="utf-8"))
    if settings.get("format") != FORMAT or settings.get("version") != VERSION:
        raise ValueError(f"{path}: model format {settings.get('format')}/{settings.get('version')} "
                         f"is not {FORMAT}/{VERSION}: train it again with `khabar ner train`")
    return settings


class CrfRecognizer:
    """Tags a document's sentences with a trained two-pass CRF; a mention's score is the
    mean marginal probability of its tokens' labels."""

    name = "crf"

    def __init__(self, path: Path) -> None:
        import pycrfsuite

        self.settings = load_settings(path)
        clusters = None
        if "clusters" in self.settings:
            clusters = word_clusters.load(path / self.settings["clusters"]["file"])
        names = name_stats.load(path / self.settings["names"]["file"]) if "names" in self.settings else None
        self.featurizer = Featurizer(_rules() if self.settings["rule_features"] else None, clusters, names)
        self.first, self.second = pycrfsuite.Tagger(), pycrfsuite.Tagger()
        self.first.open(str(path / FIRST_FILE))
        self.second.open(str(path / SECOND_FILE))

    @staticmethod
    def _marginals(tagger: Any, x: list[list[str]]) -> list[dict[str, float]]:
        tagger.set(x)
        labels = tagger.labels()
        return [{label: tagger.marginal(label, i) for label in labels} for i in range(len(x))]

    def __call__(self, doc: Document) -> Document:
        doc.mentions = []
        sentences = [s for s in doc.sentences if not s.boilerplate and s.token_end > s.token_start]
        tokens = [doc.tokens[s.token_start : s.token_end] for s in sentences]
        rules = self.featurizer.rules
        candidates = [rules.candidates(t) if rules is not None else [] for t in tokens]
        x = [self.featurizer(t, c) for t, c in zip(tokens, candidates)]
        first = [self._marginals(self.first, xs) for xs in x]
        x2 = with_document(x, tokens, first, self.settings.get("doc_window", DOC_WINDOW))
        for sentence, xs, cands in zip(sentences, x2, candidates):
            self.second.set(xs)
            labels = self.second.tag()
            scores = [self.second.marginal(label, i) for i, label in enumerate(labels)]
            found = bio.to_mentions(doc, sentence, labels, scores, rule=self.name)
            doc.mentions.extend(self._as_rules_read_it(doc, sentence, m, cands) for m in found)
        return doc

    @staticmethod
    def _as_rules_read_it(doc: Document, sentence: Sentence, mention: Mention, candidates: list) -> Mention:
        """A mention whose span and type a list or pattern also found takes that reading's
        clitic-free text and known entity ("لبغداد" -> "بغداد", with its GeoNames id)."""
        from .recognizer import to_mention

        start, end = mention.token_start - sentence.token_start, mention.token_end - sentence.token_start
        same = [c for c in candidates if (c.start, c.end, c.type) == (start, end, mention.type)]
        if not same:
            return mention
        best = max(same, key=lambda c: (c.known is not None, c.score))
        read = to_mention(doc, best, sentence.token_start, sentence.index)
        read.score, read.rule = mention.score, mention.rule
        return read
