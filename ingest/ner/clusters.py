"""Word clusters learnt from unlabelled text, features for the tagger (`khabar ner train
--unlabelled TEXTS`).

Words that stand in the same company share a cluster: each of the most frequent
normalised words becomes a vector of counts of its left and right neighbours (among the
most frequent words), smoothed with log(1 + count), reduced with a truncated SVD and
grouped by k-means at several granularities. A name the labelled corpus never shows then
still carries the cluster of the names it resembles in use.

The map is stored in the model folder as `clusters.tsv`: one word a line, then its
cluster at each granularity, coarsest first."""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path

from ..document import Article
from ..readers import read_sources
from ..text import tokenize

FILE = "clusters.tsv"
SIZES = (100, 300, 1000)  # clusters at each granularity
MAX_WORDS = 50_000  # words that get a cluster: the most frequent
CONTEXT_WORDS = 500  # neighbours counted: the most frequent
MIN_COUNT = 5  # fewer occurrences give too few neighbours to place a word
DIMENSIONS = 100
DEFAULT_LIMIT = 20_000  # articles read
ITERATIONS = 15  # of k-means

Clusters = dict[str, tuple[int, ...]]


def read_texts(paths: Iterable[str | Path], limit: int = DEFAULT_LIMIT) -> tuple[list[list[str]], int]:
    """Normalised tokens of each article (at most `limit`) under `paths`, and how many
    articles were read."""
    texts = []
    articles = (a for a in read_sources(paths) if isinstance(a, Article))
    for article in itertools.islice(articles, limit):
        texts.append([t.norm for t in tokenize(article.text)])
    return texts, len(texts)


def learn(texts: list[list[str]], sizes: tuple[int, ...] = SIZES, max_words: int = MAX_WORDS,
          context_words: int = CONTEXT_WORDS, min_count: int = MIN_COUNT, seed: int = 0) -> Clusters:
    """Each frequent word's cluster at each of `sizes` (fewer when there are fewer words)."""
    import numpy as np
    from scipy import sparse
    from sklearn.decomposition import TruncatedSVD
    from sklearn.preprocessing import normalize

    counts = Counter(w for text in texts for w in text)
    vocab = [w for w, n in counts.most_common(max_words) if n >= min_count]
    if len(vocab) < 2:
        return {}
    index = {w: i for i, w in enumerate(vocab)}
    n_ctx = min(context_words, len(vocab))
    rows: list = []
    cols: list = []
    for text in texts:
        ids = np.fromiter((index.get(w, -1) for w in text), dtype=np.int64, count=len(text))
        if len(ids) < 2:
            continue
        left, right = ids[:-1], ids[1:]
        # right neighbours in columns [0, n_ctx), left neighbours in [n_ctx, 2 n_ctx)
        keep = (left >= 0) & (right >= 0) & (right < n_ctx)
        rows.append(left[keep])
        cols.append(right[keep])
        keep = (left >= 0) & (right >= 0) & (left < n_ctx)
        rows.append(right[keep])
        cols.append(left[keep] + n_ctx)
    r, c = np.concatenate(rows), np.concatenate(cols)
    matrix = sparse.csr_matrix((np.ones(len(r), dtype=np.float32), (r, c)), shape=(len(vocab), 2 * n_ctx))
    matrix.sum_duplicates()
    matrix.data = np.log1p(matrix.data)
    matrix = normalize(matrix)
    dims = max(1, min(DIMENSIONS, 2 * n_ctx - 1, len(vocab) - 1))
    vectors = normalize(TruncatedSVD(dims, random_state=seed).fit_transform(matrix))
    rng = np.random.default_rng(seed)
    labels = [spherical_kmeans(vectors, max(1, min(k, len(vocab) // 2 or 1)), rng) for k in sizes]
    return {w: tuple(int(lab[i]) for lab in labels) for i, w in enumerate(vocab)}


def spherical_kmeans(vectors, k: int, rng, iterations: int = ITERATIONS):
    """Cluster of each unit-length row: Lloyd's k-means on cosine similarity, from k rows
    spread out by k-means++ (a plain loop of matrix products, fast for a thousand
    clusters)."""
    import numpy as np

    vectors = vectors.astype(np.float32)
    centres = _spread_centres(vectors, k, rng)
    assigned = np.zeros(len(vectors), dtype=np.int64)
    for _ in range(iterations):
        assigned = np.concatenate([np.argmax(part @ centres.T, axis=1)
                                   for part in np.array_split(vectors, max(1, len(vectors) // 8192))])
        sums = np.zeros_like(centres)
        np.add.at(sums, assigned, vectors)
        norms = np.linalg.norm(sums, axis=1)
        empty = norms == 0
        sums[empty] = vectors[rng.choice(len(vectors), int(empty.sum()), replace=False)]
        norms[empty] = 1.0
        centres = sums / norms[:, None]
    return assigned


def _spread_centres(vectors, k: int, rng):
    """k rows, each drawn with odds growing with its squared distance to those drawn before."""
    import numpy as np

    chosen = [int(rng.integers(len(vectors)))]
    nearest = np.maximum(0.0, 2.0 - 2.0 * (vectors @ vectors[chosen[0]]))
    for _ in range(1, k):
        total = float(nearest.sum())
        pick = int(rng.choice(len(vectors), p=nearest / total)) if total > 0 else int(rng.integers(len(vectors)))
        chosen.append(pick)
        nearest = np.minimum(nearest, np.maximum(0.0, 2.0 - 2.0 * (vectors @ vectors[pick])))
    return vectors[chosen].copy()


def save(clusters: Mapping[str, tuple[int, ...]], path: Path) -> None:
    path.write_text("".join(f"{w}\t" + "\t".join(map(str, ids)) + "\n" for w, ids in clusters.items()),
                    encoding="utf-8")


def load(path: Path) -> Clusters:
    out: Clusters = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        word, *ids = line.split("\t")
        if word and ids:
            out[word] = tuple(int(i) for i in ids)
    return out
