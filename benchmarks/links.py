"""How many entity nodes carry an English label and a Wikidata/GeoNames link, run by hand:

    python benchmarks/links.py                 # the seed article and the example articles
    python benchmarks/links.py --sample 200    # and 200 random SaudiNewsNet articles

Each source set is built into a fresh in-memory graph. Printed per set: the shares over the
whole graph, the average over each article's own entities, and the average over random
five-article graphs (the size of a small user's batch). The seed and the corpus are read
from ../shared beside the checkout (or --shared); the example articles ship with the project."""

from __future__ import annotations

import argparse
import gzip
import random
import sys
import tempfile
from pathlib import Path

from khabar.build import build
from khabar.graph.iris import Iris
from khabar.graph.stats import coverage, entities_by_article, entity_names, linked_entities
from khabar.graph.store import GraphStore
from khabar.ingest.pipeline import Pipeline

ROOT = Path(__file__).resolve().parent.parent
SET_SIZE, SETS = 5, 200


def measure(name: str, sources: list[str], pipeline: Pipeline) -> None:
    store = GraphStore(None, Iris())
    build(sources, store, pipeline, progress=False)
    entities = entity_names(store)
    cover = coverage(store, entities)
    per_article = entities_by_article(store, entities)
    linked = linked_entities(store)
    rng = random.Random(0)
    articles = sorted(per_article)
    sets = []
    if len(articles) > SET_SIZE:
        for _ in range(SETS):
            union = set().union(*(per_article[a] for a in rng.sample(articles, SET_SIZE)))
            sets.append(len(union & linked) / len(union))
    print(f"{name}: {len(per_article)} articles, {len(entities)} entity nodes")
    print(f"  English label {cover['english']:.1%}; linked {cover['linked']:.1%} of all nodes, "
          f"{cover['linked_per_article']:.1%} of an article's entities on average")
    if sets:
        print(f"  {SET_SIZE}-article graphs: linked {sum(sets) / len(sets):.1%} on average, "
              f"{sum(s >= 0.4 for s in sets) / len(sets):.0%} of them at 40% or more")


def sample_corpus(corpus: Path, n: int, folder: Path) -> str:
    """n articles drawn at random (fixed seed) from the corpus, as a JSONL file."""
    with gzip.open(corpus, "rt", encoding="utf-8") as lines:
        rows = lines.readlines()
    path = folder / f"sample-{n}.jsonl"
    path.write_text("".join(random.Random(7).sample(rows, min(n, len(rows)))), encoding="utf-8")
    return str(path)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default=str(ROOT.parent / "shared"), help="the shared data folder")
    parser.add_argument("--sample", type=int, default=0, help="also measure N random SaudiNewsNet articles")
    args = parser.parse_args()
    shared = Path(args.shared)
    seeds = sorted(str(p) for p in (shared / "corpus").glob("seed-*.txt"))
    if not seeds:
        print(f"no seed article under {shared}/corpus: measuring the example articles alone", file=sys.stderr)
    pipeline = Pipeline()
    measure("seed + examples", [*seeds, str(ROOT / "examples" / "articles")], pipeline)
    if args.sample:
        corpus = shared / "corpus" / "saudinewsnet.jsonl.gz"
        if not corpus.exists():
            print(f"{corpus} is absent: no corpus sample", file=sys.stderr)
            return 2
        with tempfile.TemporaryDirectory() as folder:
            measure(f"{args.sample} SaudiNewsNet articles", [sample_corpus(corpus, args.sample, Path(folder))],
                    pipeline)
    return 0


if __name__ == "__main__":
    sys.exit(main())
