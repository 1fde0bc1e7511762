"""A hashed linear classifier (multinomial logistic regression) with numpy-only inference.

Feature strings are hashed with CRC-32 into ``2**bits`` buckets; weights ship as float16 in an
``.npz`` next to this package (``filmkb/extract/model``), written by the training scripts.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np


def bucket(feature: str, bits: int) -> int:
    return zlib.crc32(feature.encode("utf-8")) & ((1 << bits) - 1)


def hash_features(features: Iterable[str], bits: int) -> np.ndarray:
    return np.unique(np.fromiter((bucket(f, bits) for f in features), dtype=np.int64))


class HashedLinear:
    def __init__(self, weights: np.ndarray, bias: np.ndarray, classes: list[str], bits: int):
        self.weights = weights.astype(np.float32)
        self.bias = bias.astype(np.float32)
        self.classes = classes
        self.bits = bits

    def scores(self, features: Iterable[str]) -> np.ndarray:
        idx = hash_features(features, self.bits)
        return self.weights[idx].sum(axis=0) + self.bias

    def proba_each(self, features: Iterable[str]) -> dict[str, float]:
        """One independent probability per class (binary and one-vs-rest models)."""
        z = np.atleast_1d(self.scores(features))
        p = 1.0 / (1.0 + np.exp(-z.astype(np.float64)))
        return {c: float(v) for c, v in zip(self.classes, p, strict=True)}

    def proba(self, features: Iterable[str]) -> dict[str, float]:
        """Class probabilities: softmax for a multinomial model, sigmoid for a binary one."""
        if len(self.classes) == 1:
            return self.proba_each(features)
        z = self.scores(features)
        e = np.exp(z - z.max())
        p = e / e.sum()
        return {c: float(v) for c, v in zip(self.classes, p, strict=True)}

    def save(self, path: str) -> None:
        np.savez_compressed(
            path,
            weights=self.weights.astype(np.float16),
            bias=self.bias.astype(np.float32),
            classes=np.array(self.classes),
            bits=np.array(self.bits),
        )


def model_path(filename: str):  # noqa: ANN201
    """Where a model file is read from: ``$FILMKB_MODEL_DIR`` when set (training scripts and the
    learning curve point it at freshly trained weights), else the package's ``model`` folder."""
    override = os.environ.get("FILMKB_MODEL_DIR")
    if override and (Path(override) / filename).exists():
        return Path(override) / filename
    return resources.files("filmkb.extract") / "model" / filename


@lru_cache(maxsize=8)
def load_model(name: str) -> HashedLinear | None:
    """The shipped model ``filmkb/extract/model/<name>.npz``; None when it is not there."""
    path = model_path(f"{name}.npz")
    try:
        with resources.as_file(path) as real, np.load(real) as data:
            return HashedLinear(
                data["weights"], data["bias"], [str(c) for c in data["classes"]], int(data["bits"])
            )
    except (FileNotFoundError, OSError):
        return None
