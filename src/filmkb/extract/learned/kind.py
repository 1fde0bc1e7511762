"""What kind of page this is (review, blog, news, press release, listing): a learned model.

Trained by ``scripts/train_kind.py`` on the annotated dev pages (gold kinds). Features: which
of the reader's cues (``extract/kind.py``, hand-weighted before) the page shows, its first
line's words and its layout (short lines, "Label: value" lines, long prose lines, first-person
words). The page's words as a bag were tried and left out: with 140 annotated pages they fit
the pages' topics, not their kind (site-grouped cross-validation, ``--cv``). Without the model
file the cue scores decide alone.
"""

from __future__ import annotations

import re

from filmkb.extract.learned.linear import load_model

MODEL = "kind"
MAX_CHARS = 4000
_WORD = re.compile(r"[^\W\d_]+|\d+")
_LABELLED = re.compile(r"^\s*[A-Z][\w ()/]{1,25}\s?:\s*\S")
_FIRST_PERSON = re.compile(r"\b(?:i|i'm|i’m|i've|i’ve|my|me|we|our)\b")


def _bucket(value: float, edges: tuple[float, ...]) -> int:
    return sum(value >= e for e in edges)


def page_features(text: str, cue_hits: dict[str, list[int]]) -> list[str]:
    """Feature strings of one page; ``cue_hits`` maps a kind to the indices of its cues that
    matched (``extract.kind.cue_hits``)."""
    head = text[:MAX_CHARS]
    low = head.lower()
    words = _WORD.findall(low)
    feats = ["b"]
    lines = [ln for ln in head.split("\n") if ln.strip()]
    first = lines[0] if lines else ""
    feats += ["h=" + w for w in _WORD.findall(first.lower())]
    for kind, hits in cue_hits.items():
        feats += [f"cue={kind}:{i}" for i in hits]
        feats.append(f"cues={kind}:{min(len(hits), 3)}")
    if lines:
        short = sum(len(ln) < 40 for ln in lines) / len(lines)
        labelled = sum(bool(_LABELLED.match(ln)) for ln in lines)
        prose = sum(len(ln) > 250 for ln in lines)
        feats += [
            f"short={_bucket(short, (0.2, 0.4, 0.6, 0.8))}",
            f"labelled={_bucket(labelled, (1, 2, 4, 8))}",
            f"prose={_bucket(prose, (1, 2, 4, 8))}",
            f"lines={_bucket(len(lines), (5, 10, 20, 40))}",
        ]
    first_person = len(_FIRST_PERSON.findall(low)) / max(len(words), 1)
    feats.append(f"fp={_bucket(first_person, (0.002, 0.01, 0.02, 0.04))}")
    return feats


def kind_probabilities(text: str, cue_hits: dict[str, list[int]]) -> dict[str, float] | None:
    """P(kind) for the page, or None when the model is not installed."""
    model = load_model(MODEL)
    if model is None:
        return None
    return model.proba(page_features(text, cue_hits))
