"""Is the page about a specific film? A page-level logistic model over its words.

Trained by ``scripts/train_aboutfilm.py``: positives are the film pages of
``../shared/data/film-pages`` (not the test split's pages), negatives the training half of
``../shared/data/non-film-pages`` (TV series, music, books, games, cinema business, lists …).
A page the model thinks is not about a film gets no main film ("say what you don't know").
"""

from __future__ import annotations

import re

from filmkb.extract.learned.linear import load_model

MODEL = "aboutfilm"
THRESHOLD = 0.5
MAX_CHARS = 4000
_WORD = re.compile(r"[^\W\d_]+|\d+")


def page_features(text: str) -> list[str]:
    words = _WORD.findall(text[:MAX_CHARS].lower())
    feats = ["b"] + ["w=" + w for w in words]
    feats += ["bi=" + a + "_" + b for a, b in zip(words, words[1:], strict=False)]
    first = next((ln for ln in text.split("\n") if ln.strip()), "")
    feats += ["h=" + w for w in _WORD.findall(first.lower())]
    return feats


def film_page_probability(text: str) -> float | None:
    model = load_model(MODEL)
    if model is None:
        return None
    return model.proba(page_features(text))[model.classes[0]]
