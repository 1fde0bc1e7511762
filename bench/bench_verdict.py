"""Benchmark the shipped verdict model on the IMDb test split (25,000 reviews).

    .venv/bin/python bench/bench_verdict.py [--sample N] [--json OUT]

Runs the runtime path (``filmkb.reviews.classify_verdict``: numpy featurisation + the int8
weights in model/verdict.npz, no scikit-learn) on every review and prints:
  * binary accuracy (p_positive ≥ 0.5 → positive),
  * accuracy when "mixed" counts as wrong, and how often "mixed" is said, per IMDb rating,
  * a lexicon baseline (the aspects lexicon over the whole review) for comparison,
  * milliseconds per review, the model file size, and the example corpus's three reviews.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from filmkb.reviews import classify_verdict  # noqa: E402
from filmkb.reviews.aspects import clause_polarity  # noqa: E402
from filmkb.reviews.verdict import MODEL_PATH, load_model  # noqa: E402

TEST = ROOT.parent / "shared" / "data" / "imdb-reviews" / "test.csv.gz"
EXAMPLES = {
    "002": ("\nMovieGuys\n", "\n![Trailer", "mixed"),
    "003": ("Movie Review:", "Movie Rating:", "positive"),
    "004": ("Escape, is a 2024", "Post a Comment", "positive"),
}


def read_test(path: Path) -> list[tuple[str, int, int]]:
    csv.field_size_limit(1 << 30)
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        return [(r["text"], int(r["label"]), int(r["rating"])) for r in csv.DictReader(handle)]


def example_reviews() -> dict[str, tuple[str, str]]:
    out = {}
    for prefix, (after, before, expected) in EXAMPLES.items():
        (page,) = (ROOT / "examples" / "escape-2024").glob(f"{prefix}_*.txt")
        text = page.read_text(encoding="utf-8")
        start = text.index(after) + len(after)
        out[prefix] = (text[start : text.index(before, start)].strip(), expected)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sample", type=int, default=0, help="random sample size (0: all)")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    args = parser.parse_args(argv)
    if not TEST.exists():
        print(f"skipped: {TEST} not found")
        return 0
    rows = read_test(TEST)
    if args.sample:
        rows = random.Random(0).sample(rows, args.sample)
    load_model()
    classify_verdict(rows[0][0])  # warm caches before timing

    binary = strict = lexicon = 0
    mixed_by_rating: Counter[int] = Counter()
    count_by_rating: Counter[int] = Counter()
    started = time.perf_counter()
    results = [classify_verdict(text) for text, _, _ in rows]
    elapsed = time.perf_counter() - started
    for result, (text, label, rating) in zip(results, rows, strict=True):
        truth = "positive" if label else "negative"
        binary += (result.p_positive >= 0.5) == bool(label)
        strict += result.label == truth
        lexicon += (clause_polarity(text) > 0) == bool(label)
        count_by_rating[rating] += 1
        mixed_by_rating[rating] += result.label == "mixed"
    n = len(rows)
    figures = {
        "reviews": n,
        "binary_accuracy": round(binary / n, 4),
        "accuracy_mixed_counts_wrong": round(strict / n, 4),
        "mixed_rate": round(sum(mixed_by_rating.values()) / n, 4),
        "mixed_rate_by_rating": {
            str(r): round(mixed_by_rating[r] / count_by_rating[r], 4)
            for r in sorted(count_by_rating)
        },
        "lexicon_baseline_accuracy": round(lexicon / n, 4),
        "ms_per_review": round(1000 * elapsed / n, 3),
        "model_bytes": MODEL_PATH.stat().st_size,
        "examples": {},
    }
    for prefix, (text, expected) in example_reviews().items():
        result = classify_verdict(text)
        figures["examples"][prefix] = {
            "expected": expected,
            "label": result.label,
            "p_positive": result.p_positive,
            "hedges": result.hedges,
        }
    print(json.dumps(figures, indent=2, ensure_ascii=False))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
