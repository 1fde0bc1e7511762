"""Train the review verdict model and write src/filmkb/reviews/model/verdict.npz.

    .venv/bin/python scripts/train_verdict.py [--train PATH] [--out PATH]

Data: the IMDb train split (Maas et al., ACL 2011), 25,000 reviews, label 1 = positive.
Model (NB-weighted logistic regression, Wang & Manning 2012), twice:
  * word 1–3-grams hashed into 2**21 buckets, binary;
  * character 2–5-grams hashed into 2**20 buckets, binary.
Each row is NB-scaled (log-count ratio r) and L2-normalised, so the runtime needs two vectors
per model: the effective weights coef * r and r**2 (for the row norm). The two logits are combined and
calibrated by a 2-input logistic regression fitted on a held-out 5,000 reviews (models fitted
on the other 20,000); then both models are refitted on all 25,000. Weights ship as int8 with
a scale. Deterministic (fixed split seed, liblinear); about 3–6 minutes on 2 cores.
Needs the [train] extra (scikit-learn, scipy); the runtime needs numpy only.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import sys
import time
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from filmkb.reviews.features import (  # noqa: E402
    FEATURES_VERSION,
    hash_char_ngrams,
    hash_ngrams,
    tokenize,
)
from filmkb.reviews.verdict import HashedLinear, VerdictModel  # noqa: E402

SHARED = ROOT.parent / "shared" / "data" / "imdb-reviews"
WORD_BITS = 21
CHAR_BITS = 20
WORD_C = 100.0
CHAR_C = 30.0
SEED = 0
HELD_OUT = 5000


def read_split(path: Path) -> tuple[list[str], np.ndarray]:
    csv.field_size_limit(1 << 30)
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [row["text"] for row in rows], np.array([int(row["label"]) for row in rows])


def hashed_matrix(texts: list[str], featurize, bits: int) -> sp.csr_matrix:
    indptr = [0]
    indices = []
    for text in texts:
        idx = featurize(text)
        indices.append(idx)
        indptr.append(indptr[-1] + idx.size)
    flat = np.concatenate(indices)
    data = np.ones(flat.size, dtype=np.float64)
    return sp.csr_matrix((data, flat, np.array(indptr)), shape=(len(texts), 2**bits))


def nb_ratio(x: sp.csr_matrix, y: np.ndarray, alpha: float = 1.0) -> np.ndarray:
    p = alpha + np.asarray(x[y == 1].sum(axis=0)).ravel()
    q = alpha + np.asarray(x[y == 0].sum(axis=0)).ravel()
    return np.log((p / p.sum()) / (q / q.sum()))


def row_norms(x: sp.csr_matrix, r2: np.ndarray) -> np.ndarray:
    """L2 norm of each NB-scaled binary row: sqrt(sum of r_j**2 over its features)."""
    return np.maximum(np.sqrt(x @ r2), 1e-6)


def scaled(x: sp.csr_matrix, r: np.ndarray) -> sp.csr_matrix:
    return (sp.diags(1.0 / row_norms(x, r**2)) @ x.multiply(r)).tocsr()


def fit_nblr(x: sp.csr_matrix, y: np.ndarray, c: float) -> tuple[np.ndarray, np.ndarray, float]:
    """Effective weights (coef * r), r**2 and intercept of an NB-weighted logistic regression."""
    r = nb_ratio(x, y)
    model = LogisticRegression(C=c, solver="liblinear", max_iter=1000)
    model.fit(scaled(x, r), y)
    return model.coef_.ravel() * r, r**2, float(model.intercept_[0])


def decision(x: sp.csr_matrix, w: np.ndarray, r2: np.ndarray, b: float) -> np.ndarray:
    return (x @ w) / row_norms(x, r2) + b


def quantize(w: np.ndarray) -> tuple[np.ndarray, float]:
    """int8 weights and their scale (the largest 0.005 % are clipped)."""
    scale = float(np.quantile(np.abs(w), 0.99995)) / 127.0
    q = np.clip(np.rint(w / scale), -127, 127).astype(np.int8)
    return q, scale


def quantize_unsigned(v: np.ndarray) -> tuple[np.ndarray, float]:
    """uint8 values and their scale for a non-negative vector (r**2)."""
    scale = float(np.quantile(v, 0.99995)) / 255.0
    q = np.clip(np.rint(v / scale), 0, 255).astype(np.uint8)
    return q, scale


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--train", type=Path, default=SHARED / "train.csv.gz")
    parser.add_argument("--out", type=Path, default=ROOT / "src/filmkb/reviews/model/verdict.npz")
    args = parser.parse_args(argv)
    started = time.perf_counter()

    texts, y = read_split(args.train)
    words = hashed_matrix(texts, lambda t: hash_ngrams(tokenize(t), WORD_BITS), WORD_BITS)
    chars = hashed_matrix(texts, lambda t: hash_char_ngrams(t, CHAR_BITS), CHAR_BITS)
    print(f"featurised {len(texts)} reviews in {time.perf_counter() - started:.0f}s", flush=True)

    order = np.random.default_rng(SEED).permutation(len(texts))
    held, fit = order[:HELD_OUT], order[HELD_OUT:]
    columns = []
    for name, x, c in (("words", words, WORD_C), ("chars", chars, CHAR_C)):
        w, r2, b = fit_nblr(x[fit], y[fit], c)
        d = decision(x[held], w, r2, b)
        print(f"  {name}: held-out accuracy {((d > 0) == y[held]).mean():.4f}", flush=True)
        columns.append(d)
    stack = LogisticRegression(C=1e4).fit(np.column_stack(columns), y[held])
    a_word, a_char = (float(v) for v in stack.coef_.ravel())
    held_acc = float((stack.predict(np.column_stack(columns)) == y[held]).mean())
    print(f"  combined held-out accuracy {held_acc:.4f} (a_word={a_word:.3f}, a_char={a_char:.3f})")

    w_word, r2_word, b_word = fit_nblr(words, y, WORD_C)
    w_char, r2_char, b_char = fit_nblr(chars, y, CHAR_C)
    q_word, s_word = quantize(w_word * a_word)
    q_char, s_char = quantize(w_char * a_char)
    n_word, ns_word = quantize_unsigned(r2_word)
    n_char, ns_char = quantize_unsigned(r2_char)
    bias = a_word * b_word + a_char * b_char + float(stack.intercept_[0])
    meta = {
        "features": FEATURES_VERSION,
        "trained_on": "IMDb train split (Maas et al. 2011), 25,000 reviews",
        "word": {"bits": WORD_BITS, "ngrams": [1, 3], "C": WORD_C},
        "char": {"bits": CHAR_BITS, "ngrams": [2, 5], "C": CHAR_C},
        "held_out_accuracy": round(held_acc, 4),
        "seed": SEED,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        args.out,
        word_weights=q_word,
        word_scale=np.float64(s_word),
        word_bits=np.int64(WORD_BITS),
        word_norms=n_word,
        word_norm_scale=np.float64(ns_word),
        char_weights=q_char,
        char_scale=np.float64(s_char),
        char_bits=np.int64(CHAR_BITS),
        char_norms=n_char,
        char_norm_scale=np.float64(ns_char),
        bias=np.float64(bias),
        meta=np.array(json.dumps(meta)),
    )
    # The shipped (quantised) runtime model must agree with the float model it came from.
    runtime = VerdictModel(
        HashedLinear(q_word, s_word, n_word, ns_word, WORD_BITS),
        HashedLinear(q_char, s_char, n_char, ns_char, CHAR_BITS),
        bias,
        meta,
    )
    sample = order[:500]
    floats = a_word * decision(words[sample], w_word, r2_word, b_word)
    floats += a_char * decision(chars[sample], w_char, r2_char, b_char)
    floats += float(stack.intercept_[0])
    ints = np.array([runtime.logit(texts[i]) for i in sample])
    agree = float(((floats > 0) == (ints > 0)).mean())
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB); runtime/float sign")
    print(
        f"  agreement on 500 train reviews {agree:.4f}; max |Δlogit| {np.abs(floats - ints).max():.3f}"
    )
    print(f"done in {time.perf_counter() - started:.0f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
