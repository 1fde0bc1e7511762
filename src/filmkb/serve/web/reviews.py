"""Reviews for the pages: one item per review claim, and the critics' aggregate.

The aggregate comes from ``filmkb.reviews.aggregate_reviews`` when that package provides it;
otherwise (or when it fails on our input) from the small count below: verdicts, mean of the
normalised 0–100 scores and a majority consensus. Missing fields are simply left out.
"""

from __future__ import annotations

import copy
import dataclasses
import threading
from collections import Counter
from typing import Any

from filmkb.types import VERDICTS

Dict = dict[str, Any]
CACHE_SIZE = 1024
_CACHE: dict[tuple, Dict | None] = {}
_LOCK = threading.Lock()
REVIEW_FIELDS = ("author", "outlet", "verdict", "score", "score_normalized", "date")


def review_items(statements: list[Dict]) -> list[Dict]:
    """Plain review dicts (author, outlet, verdict, score, score_normalized, date, sources)."""
    items = []
    for st in statements:
        value = st.get("value") if isinstance(st.get("value"), dict) else {}
        item: Dict = {k: value.get(k) for k in REVIEW_FIELDS}
        if item["verdict"] not in VERDICTS:
            item["verdict"] = None
        item["score_normalized"] = _number(item["score_normalized"])
        item["sources"] = st.get("sources", [])
        first = item["sources"][0] if item["sources"] else {}
        item["source"] = first.get("source")
        item["url"] = first.get("url")
        items.append(item)
    return items


def aggregate(
    reviews: list[Dict], texts: list[str] | None = None, film: Dict | None = None
) -> Dict | None:
    """The critics' aggregate of these reviews (``texts``: each review's page text)."""
    if not reviews:
        return None
    counted = _count(reviews)
    external = _external(reviews, texts or [""] * len(reviews), film or {})
    if external:
        counted["method"] = "filmkb.reviews"
        counted["percent_positive"] = external.get("percent_positive")
        counted["mean_score"] = external.get("mean_score")
        counted["scored"] = external.get("scored_count", counted["scored"])
        counted["summary"] = external.get("consensus")
        for key in ("consensus_parts", "pros", "cons"):
            counted[key] = external.get(key) or []
    return counted


def _count(reviews: list[Dict]) -> Dict:
    verdicts = Counter(r["verdict"] for r in reviews if r.get("verdict"))
    scores = [r["score_normalized"] for r in reviews if r.get("score_normalized") is not None]
    judged = sum(verdicts.values())
    consensus = None
    if judged:
        verdict, n = verdicts.most_common(1)[0]
        consensus = verdict if n * 2 > judged else "mixed"
    return {
        "count": len(reviews),
        "verdicts": {v: verdicts.get(v, 0) for v in VERDICTS},
        "judged": judged,
        "percent_positive": round(100 * verdicts["positive"] / judged) if judged else None,
        "scored": len(scores),
        "mean_score": round(sum(scores) / len(scores), 1) if scores else None,
        "consensus": consensus,
        "method": "count",
    }


def _external(reviews: list[Dict], texts: list[str], film: Dict) -> Dict | None:
    """``filmkb.reviews.aggregate_reviews`` on our reviews; None when missing or failing.

    Cached: the server is read-only and the aggregate reads every review's text.
    """
    key = (
        film.get("title"),
        film.get("year"),
        tuple(
            (r.get("source"), r.get("author"), r.get("verdict"), r.get("score_normalized"),
             r.get("score"), r.get("outlet"), r.get("date"), hash(t))
            for r, t in zip(reviews, texts, strict=True)
        ),
    )  # fmt: skip
    with _LOCK:
        if key in _CACHE:
            return copy.deepcopy(_CACHE[key])
    result = _aggregate_reviews(reviews, texts, film)
    with _LOCK:
        if len(_CACHE) >= CACHE_SIZE:
            _CACHE.pop(next(iter(_CACHE)))
        _CACHE[key] = result
    return copy.deepcopy(result)


def _aggregate_reviews(reviews: list[Dict], texts: list[str], film: Dict) -> Dict | None:
    try:
        from filmkb.reviews import Review, aggregate_reviews
    except ImportError:
        return None
    try:
        inputs = [
            Review(
                film_title=film.get("title") or "",
                film_year=film.get("year"),
                author=r.get("author"),
                outlet=r.get("outlet"),
                date=r.get("date"),
                score=r.get("score"),
                score_normalized=r.get("score_normalized"),
                verdict=r.get("verdict"),
                text=text or "",
                source=r.get("source") or "",
            )
            for r, text in zip(reviews, texts, strict=True)
        ]
        return _plain(aggregate_reviews(inputs))
    except Exception:  # a sibling package in progress must not break the page
        return None


def _plain(result: Any) -> Dict | None:
    if result is None:
        return None
    if dataclasses.is_dataclass(result) and not isinstance(result, type):
        data = dataclasses.asdict(result)
    elif hasattr(result, "model_dump"):
        data = result.model_dump()
    elif isinstance(result, dict):
        data = dict(result)
    else:
        return None
    return {k: v for k, v in data.items() if _jsonable(v)}


def _jsonable(value: Any) -> bool:
    if value is None or isinstance(value, str | int | float | bool):
        return True
    if isinstance(value, list | tuple):
        return all(_jsonable(v) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _jsonable(v) for k, v in value.items())
    return False


def _number(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if 0 <= number <= 100 else None
