"""Scores the graph of every gold article in ../shared/gold with ../shared/eval/score_graph.py.

    python benchmarks/graph_scores.py [--shared ../shared]

Each gold file names its article; the article is built alone, then all of them
together (to count entities split over two nodes). Prints the scorer's lines."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default=str(ROOT.parent / "shared"), help="the shared data folder")
    args = parser.parse_args()
    shared = Path(args.shared)
    gold_files = sorted((shared / "gold").glob("*.json"))
    scorer = shared / "eval" / "score_graph.py"
    if not gold_files or not scorer.exists():
        print(f"no gold files or scorer under {shared}: nothing to score", file=sys.stderr)
        return 2
    khabar = [sys.executable, "-m", "khabar.cli"]
    articles = []
    with tempfile.TemporaryDirectory() as tmp:
        for gold in gold_files:
            article = shared / "corpus" / json.loads(gold.read_text(encoding="utf-8"))["article"]
            if not article.exists():
                print(f"{gold.name}: its article {article.name} is not in {shared / 'corpus'}; skipped")
                continue
            articles.append(article)
            out = Path(tmp) / f"{gold.stem}.ttl"
            subprocess.run([*khabar, "build", str(article), "-o", str(out), "-q"], check=True,
                           stderr=subprocess.DEVNULL)
            print(f"== {gold.stem}")
            subprocess.run([sys.executable, str(scorer), "--graph", str(out), "--gold", str(gold)], check=True)
        if len(articles) > 1:
            out = Path(tmp) / "all.ttl"
            subprocess.run([*khabar, "build", *map(str, articles), "-o", str(out), "-q"], check=True,
                           stderr=subprocess.DEVNULL)
            print("== all gold articles in one graph")
            subprocess.run([sys.executable, str(scorer), "--graph", str(out),
                            *[a for g in gold_files for a in ("--gold", str(g))]], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
