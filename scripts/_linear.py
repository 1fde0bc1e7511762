"""Fit a hashed logistic regression deterministically and return a ``HashedLinear``."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression

from filmkb.extract.learned.linear import HashedLinear, hash_features


def matrix(rows: list[list[str]], bits: int) -> sp.csr_matrix:
    indptr = [0]
    indices: list[np.ndarray] = []
    for feats in rows:
        idx = hash_features(feats, bits)
        indices.append(idx)
        indptr.append(indptr[-1] + idx.size)
    flat = np.concatenate(indices) if indices else np.zeros(0, dtype=np.int64)
    data = np.ones(flat.size)
    return sp.csr_matrix((data, flat, np.array(indptr)), shape=(len(rows), 2**bits))


def fit_binary(rows: list[list[str]], y: list[int], bits: int, c: float, name: str) -> HashedLinear:
    x = matrix(rows, bits)
    lr = LogisticRegression(C=c, solver="liblinear", max_iter=1000, random_state=0)
    lr.fit(x, np.array(y))
    weights = lr.coef_.T.astype(np.float32)  # (2**bits, 1)
    return HashedLinear(weights, lr.intercept_.astype(np.float32), [name], bits)


def fit_multilabel(rows: list[list[str]], labels: list[set[str]], classes: list[str], bits: int,
                   c: float) -> HashedLinear:  # fmt: skip
    """One binary logistic regression per class, stacked (read with ``proba_each``)."""
    x = matrix(rows, bits)
    cols, biases = [], []
    for cls in classes:
        y = np.array([int(cls in lab) for lab in labels])
        lr = LogisticRegression(C=c, solver="liblinear", max_iter=1000, random_state=0)
        lr.fit(x, y)
        cols.append(lr.coef_.ravel())
        biases.append(lr.intercept_[0])
    weights = np.stack(cols, axis=1).astype(np.float32)
    return HashedLinear(weights, np.array(biases, dtype=np.float32), classes, bits)
