"""Train the review verdict model and write src/filmkb/reviews/model/verdict.npz.

    .venv/bin/python scripts/train_verdict.py [--train PATH] [--out PATH]

Data: the IMDb train split (Maas et al., ACL 2011), 25,000 reviews, label 1 = positive.
Models (NB-weighted linear models, Wang & Manning 2012, "NBSVM"):
  * word 1–3-grams hashed into 2**22 buckets, binary: a logistic regression and a linear SVM;
  * character 2–5-grams hashed into 2**20 buckets, binary: a logistic regression.
Each row is NB-scaled (log-count ratio r) and L2-normalised, so the runtime needs two vectors
per feature family: the effective weights coef * r and |r| (for the row norm). The three
decision functions are combined and calibrated by a logistic regression fitted on a held-out
5,000 reviews (models fitted on the other 20,000); then all are refitted on all 25,000 and the
two word models, which share their features, are folded into one weight vector. Weights ship
as int8 (|r| as uint8) with a scale. Deterministic (fixed split seed, liblinear); about 6–9
minutes on 2 cores.
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
from sklearn.svm import LinearSVC

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
WORD_BITS = 22
CHAR_BITS = 20
WORD_C = 100.0
WORD_SVM_C = 1.0
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


def row_norms(x: sp.csr_matrix, r_abs: np.ndarray) -> np.ndarray:
    """L2 norm of each NB-scaled binary row: sqrt(sum of r_j**2 over its features)."""
    return np.maximum(np.sqrt(x @ r_abs**2), 1e-6)


def scaled(x: sp.csr_matrix, r: np.ndarray) -> sp.csr_matrix:
    return (sp.diags(1.0 / row_norms(x, np.abs(r))) @ x.multiply(r)).tocsr()


def fit_family(
    x: sp.csr_matrix, y: np.ndarray, estimators: list
) -> tuple[np.ndarray, list[tuple[np.ndarray, float]]]:
    """|r| and, per estimator, the effective weights (coef * r) and intercept of an
    NB-weighted linear model on the L2-normalised NB-scaled rows of ``x``."""
    r = nb_ratio(x, y)
    scaled_x = scaled(x, r)
    models = []
    for estimator in estimators:
        estimator.fit(scaled_x, y)
        models.append((estimator.coef_.ravel() * r, float(estimator.intercept_[0])))
    return np.abs(r), models


def word_estimators() -> list:
    return [
        LogisticRegression(C=WORD_C, solver="liblinear", max_iter=1000, random_state=SEED),
        LinearSVC(C=WORD_SVM_C, max_iter=5000, random_state=SEED),
    ]


def char_estimators() -> list:
    return [LogisticRegression(C=CHAR_C, solver="liblinear", max_iter=1000, random_state=SEED)]


def decision(x: sp.csr_matrix, w: np.ndarray, r_abs: np.ndarray, b: float) -> np.ndarray:
    return (x @ w) / row_norms(x, r_abs) + b


def quantize(w: np.ndarray) -> tuple[np.ndarray, float]:
    """int8 weights and their scale (the largest 0.005 % are clipped)."""
    scale = float(np.quantile(np.abs(w), 0.99995)) / 127.0
    q = np.clip(np.rint(w / scale), -127, 127).astype(np.int8)
    return q, scale


def quantize_unsigned(v: np.ndarray) -> tuple[np.ndarray, float]:
    """uint8 values and their scale for a non-negative vector (|r|)."""
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

    # 1. Fit on 20,000, stack the three decision functions on the held-out 5,000.
    order = np.random.default_rng(SEED).permutation(len(texts))
    held, fit = order[:HELD_OUT], order[HELD_OUT:]
    columns = []
    for name, x, make in (("words", words, word_estimators), ("chars", chars, char_estimators)):
        r_abs, models = fit_family(x[fit], y[fit], make())
        for w, b in models:
            d = decision(x[held], w, r_abs, b)
            print(f"  {name}: held-out accuracy {((d > 0) == y[held]).mean():.4f}", flush=True)
            columns.append(d)
    stack = LogisticRegression(C=1e4).fit(np.column_stack(columns), y[held])
    a_lr, a_svm, a_char = (float(v) for v in stack.coef_.ravel())
    held_acc = float((stack.predict(np.column_stack(columns)) == y[held]).mean())
    print(f"  stacked held-out accuracy {held_acc:.4f} ({a_lr=:.3f}, {a_svm=:.3f}, {a_char=:.3f})")

    # 2. Refit on all 25,000; the two word models share features, so they fold into one vector.
    rabs_word, ((w_lr, b_lr), (w_svm, b_svm)) = fit_family(words, y, word_estimators())
    rabs_char, ((w_char, b_char),) = fit_family(chars, y, char_estimators())
    w_word = a_lr * w_lr + a_svm * w_svm
    b_word = a_lr * b_lr + a_svm * b_svm
    w_char, b_char = a_char * w_char, a_char * b_char
    q_word, s_word = quantize(w_word)
    q_char, s_char = quantize(w_char)
    n_word, ns_word = quantize_unsigned(rabs_word)
    n_char, ns_char = quantize_unsigned(rabs_char)
    bias = b_word + b_char + float(stack.intercept_[0])
    meta = {
        "features": FEATURES_VERSION,
        "trained_on": "IMDb train split (Maas et al. 2011), 25,000 reviews",
        "word": {"bits": WORD_BITS, "ngrams": [1, 3], "C": WORD_C, "svm_C": WORD_SVM_C},
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
    floats = decision(words[sample], w_word, rabs_word, b_word)
    floats += decision(chars[sample], w_char, rabs_char, b_char)
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
