"""A CRF tagger the user trains on any BIO corpus (`khabar ner train`), and the
recognizer that runs it (`--ner crf:MODEL`, `--model MODEL`).

A model is a folder holding two files:

- `model.crfsuite`: the weights, in crfsuite's own format (python-crfsuite reads it);
- `settings.json`: `format` ("khabar-crf", `version` 1), `labels`, the regularisation
  `c1`/`c2` chosen, `rule_features` (whether the default recognizer's hits were
  features: the tagger rebuilds them the same way), and a record of the training run
  (corpus name, sentence and token counts, held-out F1, seconds).
"""

from __future__ import annotations

import json
import multiprocessing
import os
import time
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from ..document import ENTITY_TYPES, Document
from ..text import from_tokens
from . import bio
from .conll import read_conll
from .features import Featurizer

MODEL_FILE, SETTINGS_FILE = "model.crfsuite", "settings.json"
FORMAT, VERSION = "khabar-crf", 1
# (c1, c2) tried on a held-out part of the training corpus; the best is kept.
GRID = ((0.05, 0.01), (0.1, 0.05), (0.2, 0.01), (0.05, 0.1))
DEFAULT_C = (0.05, 0.01)
DEV_FRACTION = 0.1
MIN_SENTENCES_TO_TUNE = 50
MAX_ITERATIONS = 150

Sentence = tuple[list[str], list[str]]  # words, tags


def read_corpus(path: Path, keep_other: bool = False) -> list[Sentence]:
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


def featurize(sentences: Sequence[list[str]], featurizer: Featurizer) -> list[list[list[str]]]:
    doc = from_tokens(list(sentences))
    return [featurizer(doc.tokens[s.token_start : s.token_end]) for s in doc.sentences]


def span_f1(gold: Iterable[Sequence[str]], pred: Iterable[Sequence[str]]) -> float:
    """Exact-span F1 over PER/ORG/LOC, as score_ner.py and conlleval count it."""
    right = n_gold = n_pred = 0
    for g_tags, p_tags in zip(gold, pred):
        g = {s for s in bio.spans(g_tags) if s[2] in ENTITY_TYPES}
        p = {s for s in bio.spans(p_tags) if s[2] in ENTITY_TYPES}
        right, n_gold, n_pred = right + len(g & p), n_gold + len(g), n_pred + len(p)
    return 2 * right / (n_gold + n_pred) if n_gold + n_pred else 0.0


def _fit(x: list, y: list, c1: float, c2: float, filename: str | None = None, max_iterations: int = MAX_ITERATIONS):
    import sklearn_crfsuite

    crf = sklearn_crfsuite.CRF(algorithm="lbfgs", c1=c1, c2=c2, max_iterations=max_iterations,
                               all_possible_transitions=True, model_filename=filename)
    crf.fit(x, y)
    return crf


def _score_setting(args: tuple[int, float, float, int]) -> float:
    """Held-out F1 of one (c1, c2); reads the data `tune` left in `_TUNING` (shared by fork)."""
    cut, c1, c2, max_iterations = args
    x, y = _TUNING
    crf = _fit(x[:cut], y[:cut], c1, c2, max_iterations=max_iterations)
    return span_f1(y[cut:], crf.predict(x[cut:]))


_TUNING: tuple[list, list] = ([], [])


def tune(x: list, y: list, grid: Sequence[tuple[float, float]] = GRID, dev_fraction: float = DEV_FRACTION,
         max_iterations: int = MAX_ITERATIONS, workers: int | None = None
         ) -> tuple[tuple[float, float], float | None, list[float]]:
    """The (c1, c2) of `grid` with the best span F1 on the last `dev_fraction` of the
    corpus, trained on the rest, with each setting's F1. The held-out part is
    contiguous, so an article's sentences do not sit on both sides. Too small a corpus
    keeps the first setting. Settings train in parallel where processes can fork."""
    global _TUNING
    if len(x) < MIN_SENTENCES_TO_TUNE or len(grid) < 2:
        return (grid[0] if grid else DEFAULT_C), None, []
    cut = len(x) - max(1, int(len(x) * dev_fraction))
    jobs = [(cut, c1, c2, max_iterations) for c1, c2 in grid]
    workers = min(len(jobs), workers or os.cpu_count() or 1)
    _TUNING = (x, y)
    try:
        if workers > 1 and "fork" in multiprocessing.get_all_start_methods():
            with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
                f1s = list(pool.map(_score_setting, jobs))
        else:
            f1s = [_score_setting(job) for job in jobs]
    finally:
        _TUNING = ([], [])
    best = max(range(len(grid)), key=lambda i: f1s[i])
    return grid[best], f1s[best], f1s


def train(corpus: Path, out: Path, grid: Sequence[tuple[float, float]] = GRID, rule_features: bool = True,
          keep_other: bool = False, max_iterations: int = MAX_ITERATIONS, workers: int | None = None) -> str:
    """Train a CRF on the BIO corpus `corpus` and save it as the folder `out`.
    Returns a printable summary."""
    began = time.perf_counter()
    sentences = read_corpus(corpus, keep_other=keep_other)
    if not any(t != "O" for _, tags in sentences for t in tags):
        raise ValueError(f"{corpus}: no PER, ORG or LOC tags: is the tag the last column?")
    if out.exists() and not out.is_dir():
        raise ValueError(f"{out} is a file: a model is a folder (model.crfsuite + settings.json)")
    featurizer = Featurizer(_rules() if rule_features else None)
    x = featurize([words for words, _ in sentences], featurizer)
    y = [tags for _, tags in sentences]
    (c1, c2), dev_f1, f1s = tune(x, y, grid, max_iterations=max_iterations, workers=workers)
    out.mkdir(parents=True, exist_ok=True)
    crf = _fit(x, y, c1, c2, filename=str(out / MODEL_FILE), max_iterations=max_iterations)
    seconds = round(time.perf_counter() - began, 1)
    tokens = sum(len(tags) for tags in y)
    settings = {
        "format": FORMAT, "version": VERSION, "labels": sorted(crf.classes_), "c1": c1, "c2": c2,
        "rule_features": rule_features, "max_iterations": max_iterations,
        "trained_on": {"corpus": corpus.name, "sentences": len(y), "tokens": tokens,
                       "seconds": seconds},
        "tuning": {"held_out_fraction": DEV_FRACTION if f1s else 0,
                   "f1": [{"c1": a, "c2": b, "f1": round(f, 4)} for (a, b), f in zip(grid, f1s)]},
    }
    (out / SETTINGS_FILE).write_text(json.dumps(settings, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    tuned = (f"c1={c1} c2={c2} chosen on a held-out {DEV_FRACTION:.0%} of the corpus (F1 {dev_f1:.3f})"
             if dev_f1 is not None else f"c1={c1} c2={c2} (corpus too small to tune)")
    return f"trained on {len(y)} sentences ({tokens} tokens) in {seconds}s; {tuned}; model in {out}"


def _rules():
    from .recognizer import RuleRecognizer

    return RuleRecognizer()


def load_settings(path: Path) -> dict:
    settings_file = path / SETTINGS_FILE
    if not (path / MODEL_FILE).is_file() or not settings_file.is_file():
        raise FileNotFoundError(f"{path}: not a tagger model (a folder with {MODEL_FILE} and {SETTINGS_FILE}, "
                                "written by `khabar ner train`)")
    settings = json.loads(settings_file.read_text(encoding="utf-8"))
    if settings.get("format") != FORMAT or settings.get("version") != VERSION:
        raise ValueError(f"{path}: model format {settings.get('format')}/{settings.get('version')} "
                         f"is not {FORMAT}/{VERSION}: train it again with `khabar ner train`")
    return settings


class CrfRecognizer:
    """Tags each sentence with a trained CRF; a mention's score is the mean marginal
    probability of its tokens' labels."""

    name = "crf"

    def __init__(self, path: Path) -> None:
        import pycrfsuite

        self.settings = load_settings(path)
        self.featurizer = Featurizer(_rules() if self.settings["rule_features"] else None)
        self.tagger = pycrfsuite.Tagger()
        self.tagger.open(str(path / MODEL_FILE))

    def tag(self, tokens_features: list[list[str]]) -> tuple[list[str], list[float]]:
        if not tokens_features:
            return [], []
        self.tagger.set(tokens_features)
        labels = self.tagger.tag()
        return labels, [self.tagger.marginal(label, i) for i, label in enumerate(labels)]

    def __call__(self, doc: Document) -> Document:
        doc.mentions = []
        for sentence in doc.sentences:
            if sentence.boilerplate:
                continue
            labels, scores = self.tag(self.featurizer(doc.tokens[sentence.token_start : sentence.token_end]))
            doc.mentions.extend(bio.to_mentions(doc, sentence, labels, scores, rule=self.name))
        return doc
