#!/usr/bin/env python3
"""Entity scores on the ANERcorp test split, for the default rules and for a CRF.

    python benchmarks/ner_anercorp.py [--model MODEL] [--unlabelled ARTICLES] [--shared DIR]

Tags ANERcorp's test split with the default recognizer and with a CRF tagger (the
MODEL given, or one trained here on ANERcorp's train split into a temporary folder,
with word clusters from ARTICLES when given),
then prints score_ner.py's overall F1 and per-type P/R/F1 for each, and tokens per
second. The test split is only scored. Needs ../shared (the corpus and the scorer)."""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from khabar.ingest.ner import backends, conll, crf

ROOT = Path(__file__).resolve().parent.parent
EXIT_ABSENT = 3


def run(name: str, spec: str, test: Path, scorer: Path, work: Path) -> None:
    began = time.perf_counter()
    recognizer = backends.load(spec)
    loaded = time.perf_counter()
    pred = work / f"{name}.conll"
    tokens = conll.tag_file(test, pred, recognizer)
    tagged = time.perf_counter()
    print(f"== {name} ({spec})")
    print(f"loaded in {loaded - began:.1f}s; tagged {tokens} tokens in {tagged - loaded:.1f}s "
          f"({tokens / max(tagged - loaded, 1e-9):,.0f} tokens/s)")
    scores = subprocess.run([sys.executable, str(scorer), str(test), str(pred)], capture_output=True, text=True,
                            check=False)
    print(scores.stdout.rstrip() or scores.stderr.rstrip())
    print()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", type=Path, help="a model from `khabar ner train` (default: train one here)")
    parser.add_argument("--unlabelled", type=Path, action="append", default=[],
                        help="articles to learn word clusters from when training here (repeatable)")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared", help="the ../shared folder")
    args = parser.parse_args(argv)
    anercorp, scorer = args.shared / "ner" / "anercorp", args.shared / "eval" / "score_ner.py"
    needed = [anercorp / "test.conll", scorer] + ([] if args.model else [anercorp / "train.conll"])
    missing = [p for p in needed if not p.exists()]
    if missing:
        print(f"nothing to benchmark: {', '.join(map(str, missing))} absent "
              f"(ANERcorp and score_ner.py live in {args.shared})", file=sys.stderr)
        return EXIT_ABSENT
    test = anercorp / "test.conll"
    with tempfile.TemporaryDirectory(prefix="khabar-ner-bench-") as tmp:
        work = Path(tmp)
        run("rules", "rules", test, scorer, work)
        model = args.model
        if model is None:
            model = work / "anercorp.crf"
            began = time.perf_counter()
            summary = crf.train(anercorp / "train.conll", model, unlabelled=args.unlabelled)
            print(f"== training a CRF on {anercorp / 'train.conll'}")
            print(f"{summary}\n(wall {time.perf_counter() - began:.0f}s)\n")
        run("crf", f"crf:{model}", test, scorer, work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
