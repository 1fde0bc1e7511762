"""The critic's verdict of one review: positive, mixed or negative.

1. An explicit score decides where there is one (≥ 60 positive, 40–59 mixed, < 40 negative).
2. Otherwise the text model gives ``p_positive``: two NB-weighted, L2-normalised logistic
   regressions (word 1–3-grams and character 2–5-grams, hashed, see ``features.py``) trained
   on the IMDb train split by ``scripts/train_verdict.py``; their logits are summed and
   calibrated. The runtime needs numpy and ``model/verdict.npz`` only.
3. The model is binary. The review is *mixed* when the model is unsure and the review hedges
   ("could have been", "fails to", "that said"): the more hedges, the wider the band of
   ``p_positive`` around 0.5 that counts as mixed (``MIXED_BANDS``).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from filmkb.reviews.features import FEATURES_VERSION, hash_char_ngrams, hash_ngrams, tokenize
from filmkb.reviews.hedges import find_hedges
from filmkb.reviews.scores import verdict_from_score

MODEL_PATH = Path(__file__).with_name("model") / "verdict.npz"
VERDICT_VERSION = "verdict.nblr-words-chars.v1"

# (minimum strong hedges, half-width of the p_positive band around 0.5 that is "mixed").
# A review with ≥ 5 strong hedges is mixed for p in 0.5 ± 0.2, with 3 or 4 for 0.5 ± 0.1;
# fewer hedges never make a review mixed, and hedges never override a confident model (a
# glowing review says "that said" too). 95 % of IMDb test reviews have ≤ 2 strong hedges
# (seed 002 has 10), so "mixed" stays rare on IMDb (see bench/bench_verdict.py).
MIXED_BANDS: tuple[tuple[int, float], ...] = ((5, 0.20), (3, 0.10))


@dataclass
class VerdictResult:
    label: str  # positive | mixed | negative
    confidence: float  # 0–1: how sure the label is
    p_positive: float  # the model's (or the score's) probability that the review is positive
    hedges: list[str] = field(default_factory=list)  # strong hedge phrases found in the text
    source: str = "model"  # "score" when an explicit score decided, else "model"


@dataclass(frozen=True)
class HashedLinear:
    """One NB-weighted linear model over hashed binary features, quantised.

    logit part = scale * sum(weights[f]) / (norm_scale * sqrt(sum(norms[f] ** 2))) over the
    features f: ``weights`` are coef * r (int8), ``norms`` are |r| (uint8) for the row's L2 norm.
    """

    weights: np.ndarray  # int8, 2**bits
    scale: float
    norms: np.ndarray  # uint8, 2**bits: |r|
    norm_scale: float
    bits: int

    def score(self, features: np.ndarray) -> float:
        if features.size == 0:
            return 0.0
        dot = float(self.weights[features].sum(dtype=np.int64)) * self.scale
        r = self.norms[features].astype(np.int64)
        norm = self.norm_scale * math.sqrt(float(np.dot(r, r)))
        return dot / max(norm, 1e-6)


@dataclass(frozen=True)
class VerdictModel:
    """Shipped weights: word and character models; their logits are summed with a bias."""

    words: HashedLinear
    chars: HashedLinear
    bias: float
    meta: dict

    def logit(self, text: str) -> float:
        z = self.bias
        z += self.words.score(hash_ngrams(tokenize(text), self.words.bits))
        z += self.chars.score(hash_char_ngrams(text, self.chars.bits))
        return z

    def p_positive(self, text: str) -> float:
        return _sigmoid(self.logit(text))


@lru_cache(maxsize=1)
def load_model(path: Path = MODEL_PATH) -> VerdictModel:
    """Load the shipped weights (cached)."""
    with np.load(path, allow_pickle=False) as data:
        meta = json.loads(str(data["meta"]))
        if meta.get("features") != FEATURES_VERSION:
            raise ValueError(f"{path}: features {meta.get('features')} != {FEATURES_VERSION}")
        parts = [
            HashedLinear(
                weights=data[f"{name}_weights"],
                scale=float(data[f"{name}_scale"]),
                norms=data[f"{name}_norms"],
                norm_scale=float(data[f"{name}_norm_scale"]),
                bits=int(data[f"{name}_bits"]),
            )
            for name in ("word", "char")
        ]
        return VerdictModel(parts[0], parts[1], float(data["bias"]), meta)


def classify_verdict(text: str, score: float | None = None) -> VerdictResult:
    """Positive, mixed or negative for one review text and its normalised score (0–100)."""
    strong, _weak = find_hedges(text)
    if score is not None:
        label = verdict_from_score(score)
        return VerdictResult(label, 1.0, round(score / 100.0, 4), strong, "score")
    p = load_model().p_positive(text)
    return decide_verdict(p, strong)


def decide_verdict(p_positive: float, hedges: list[str]) -> VerdictResult:
    """Combine the model's probability with the review's hedges into a label."""
    margin = abs(p_positive - 0.5)
    band = next((width for minimum, width in MIXED_BANDS if len(hedges) >= minimum), 0.0)
    if margin < band:
        label = "mixed"
        confidence = 1.0 - margin / band * 0.5  # 1.0 at p = 0.5, 0.5 at the band's edge
    else:
        label = "positive" if p_positive >= 0.5 else "negative"
        confidence = max(p_positive, 1.0 - p_positive)
    return VerdictResult(label, round(confidence, 4), round(p_positive, 4), hedges, "model")


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)
