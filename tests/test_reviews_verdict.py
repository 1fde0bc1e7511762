"""The verdict model: the example corpus's reviews, hedges, runtime determinism, IMDb sample."""

from __future__ import annotations

import csv
import gzip
import random
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from filmkb.reviews import Review, VerdictResult, aggregate_reviews, classify_verdict
from filmkb.reviews.features import hash_char_ngrams, hash_ngrams, tokenize
from filmkb.reviews.verdict import MODEL_PATH, decide_verdict, load_model

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "escape-2024"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
IMDB_TEST = SHARED / "data" / "imdb-reviews" / "test.csv.gz"

# The review text portion of each example page: (file prefix, text after, text before).
REVIEW_PORTIONS = {
    "002": ("\nMovieGuys\n", "\n![Trailer"),
    "003": ("Movie Review:", "Movie Rating:"),
    "004": ("Escape, is a 2024", "Post a Comment"),
}


def review_text(prefix: str) -> str:
    (page,) = EXAMPLES.glob(f"{prefix}_*.txt")
    text = page.read_text(encoding="utf-8")
    after, before = REVIEW_PORTIONS[prefix]
    start = text.index(after) + len(after)
    return text[start : text.index(before, start)].strip()


@pytest.mark.parametrize(
    ("prefix", "expected"), [("002", "mixed"), ("003", "positive"), ("004", "positive")]
)
def test_example_corpus_verdicts(prefix: str, expected: str) -> None:
    result = classify_verdict(review_text(prefix))
    assert result.label == expected, result
    assert result.source == "model"


def test_mixed_example_names_its_hedges() -> None:
    result = classify_verdict(review_text("002"))
    assert {"could have been", "fails to", "that said"} <= set(result.hedges)


def test_score_decides_when_there_is_one() -> None:
    text = review_text("004")  # a rave, but the printed score says mixed
    result = classify_verdict(text, score=50.0)
    assert (result.label, result.source, result.confidence) == ("mixed", "score", 1.0)
    assert classify_verdict("Dreadful.", score=80.0).label == "positive"
    assert classify_verdict("Wonderful.", score=20.0).label == "negative"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "A superb, moving film with a brilliant lead performance. One of the best this year.",
            "positive",
        ),
        (
            "Dull, boring and badly acted. The worst film I have seen in years; a waste of time.",
            "negative",
        ),
    ],
)
def test_clear_cut_reviews(text: str, expected: str) -> None:
    result = classify_verdict(text)
    assert result.label == expected
    assert result.confidence > 0.7


def test_mixed_needs_both_doubt_and_hedges() -> None:
    hedges = ["could have been", "fails to", "that said"]
    assert decide_verdict(0.55, hedges).label == "mixed"
    assert decide_verdict(0.55, []).label == "positive"  # unsure, but no hedges
    assert decide_verdict(0.97, hedges).label == "positive"  # hedges, but a clear model
    assert decide_verdict(0.03, hedges).label == "negative"


def test_result_fields() -> None:
    result = classify_verdict("Great fun.")
    assert isinstance(result, VerdictResult)
    assert result.label in ("positive", "mixed", "negative")
    assert 0.0 <= result.p_positive <= 1.0 and 0.5 <= result.confidence <= 1.0
    assert classify_verdict("").label in ("positive", "mixed", "negative")


def test_tokenizer_drops_imdb_markup() -> None:
    assert tokenize("Great!<br /><br />I didn't LIKE it?") == [
        "great",
        "!",
        "i",
        "didn't",
        "like",
        "it",
        "?",
    ]


def test_hashing_is_stable_across_processes() -> None:
    """Features must not depend on Python's salted hash(): compare with a fresh interpreter."""
    code = (
        "from filmkb.reviews.features import hash_ngrams, hash_char_ngrams, tokenize;"
        "t='A tense, gripping film.';"
        "print(hash_ngrams(tokenize(t), 21).tolist(), hash_char_ngrams(t, 20).tolist())"
    )
    env = {"PYTHONHASHSEED": "123", "PYTHONPATH": str(ROOT / "src")}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    text = "A tense, gripping film."
    assert (
        out.stdout.strip()
        == f"{hash_ngrams(tokenize(text), 21).tolist()} {hash_char_ngrams(text, 20).tolist()}"
    )


def test_shipped_model_is_small_and_numpy_only() -> None:
    assert MODEL_PATH.stat().st_size < 8_000_000
    model = load_model()
    assert model.words.weights.dtype == np.int8 and model.chars.weights.dtype == np.int8
    code = (
        "import sys; from filmkb.reviews import classify_verdict; classify_verdict('Fine.');"
        "print(sorted(m for m in ('sklearn', 'scipy') if m in sys.modules))"
    )
    env = {"PYTHONPATH": str(ROOT / "src")}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert out.stdout.strip() == "[]", out.stderr


def test_runtime_is_fast() -> None:
    text = review_text("004")
    classify_verdict(text)
    started = time.perf_counter()
    for _ in range(20):
        classify_verdict(text)
    assert (time.perf_counter() - started) / 20 < 0.05  # a 5,000-character review


def _imdb_sample(n: int) -> list[tuple[str, int]]:
    csv.field_size_limit(1 << 30)
    with gzip.open(IMDB_TEST, "rt", encoding="utf-8", newline="") as handle:
        rows = [(row["text"], int(row["label"])) for row in csv.DictReader(handle)]
    return random.Random(0).sample(rows, n)


@pytest.mark.skipif(not IMDB_TEST.exists(), reason="needs /work/shared IMDb test split")
def test_imdb_test_sample_accuracy() -> None:
    """2,000 random IMDb test reviews; the full 25,000 figures come from bench/bench_verdict.py
    (binary accuracy 0.9218; 0.9197 when "mixed" counts as wrong; 0.3 % mixed)."""
    sample = _imdb_sample(2000)
    results = [classify_verdict(text) for text, _ in sample]
    binary = np.mean(
        [(r.p_positive >= 0.5) == bool(y) for r, (_, y) in zip(results, sample, strict=True)]
    )
    strict = np.mean(
        [
            r.label == ("positive" if y else "negative")
            for r, (_, y) in zip(results, sample, strict=True)
        ]
    )
    mixed = np.mean([r.label == "mixed" for r in results])
    # Pinned floors: this sample measured 0.919 binary, 0.918 strict, 0.3 % mixed.
    assert binary >= 0.915, binary
    assert strict >= 0.912, strict
    assert mixed <= 0.01, mixed


def test_example_corpus_aggregate() -> None:
    """The three example reviews of Escape (2024), verdicts left to the model."""
    reviews = [
        Review("Escape", 2024, None, None, None, None, None, None, review_text(p), p)
        for p in ("002", "003", "004")
    ]
    aggregate = aggregate_reviews(reviews)
    assert aggregate.distribution == {"positive": 2, "mixed": 1, "negative": 0}
    assert aggregate.percent_positive is None and aggregate.mean_score is None  # too few
    assert aggregate.consensus and aggregate.consensus[0].isupper()
    assert all(p.source in ("003", "004") for p in aggregate.consensus_parts)
    assert {s.aspect for s in aggregate.pros} >= {"acting", "story"}
