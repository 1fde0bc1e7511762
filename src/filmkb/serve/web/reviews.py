"""Reviews for the pages: one item per review claim, and the critics' aggregate.

The aggregate comes from ``filmkb.reviews.aggregate_reviews`` when that package provides it;
otherwise (or when it fails on our input) from the small count below: verdicts, mean of the
normalised 0–100 scores and a majority consensus. Missing fields are simply left out.
"""

from __future__ import annotations

import dataclasses
import inspect
from collections import Counter
from typing import Any

from filmkb.types import VERDICTS

Dict = dict[str, Any]
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


def aggregate(reviews: list[Dict]) -> Dict | None:
    """The critics' aggregate of these reviews, or None when there are none."""
    if not reviews:
        return None
    counted = _count(reviews)
    external = _external(reviews)
    if external:
        counted.update({k: v for k, v in external.items() if v is not None})
        counted["method"] = "filmkb.reviews"
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


def _external(reviews: list[Dict]) -> Dict | None:
    """Ask ``filmkb.reviews.aggregate_reviews`` (whatever its input type), None on failure."""
    try:
        from filmkb.reviews import aggregate_reviews  # type: ignore[attr-defined]
    except ImportError:
        return None
    try:
        from filmkb.reviews import Review  # type: ignore[attr-defined]
    except ImportError:
        Review = None  # noqa: N806
    try:
        inputs: list[Any] = [_as_review(Review, r) for r in reviews] if Review else reviews
        result = aggregate_reviews(inputs)
    except Exception:  # a sibling package in progress must not break the page
        return None
    return _plain(result)


def _as_review(cls: Any, review: Dict) -> Any:
    names = _field_names(cls)
    data = {k: v for k, v in review.items() if k in names}
    return cls(**data)


def _field_names(cls: Any) -> set[str]:
    if dataclasses.is_dataclass(cls):
        return {f.name for f in dataclasses.fields(cls)}
    if hasattr(cls, "model_fields"):
        return set(cls.model_fields)
    return set(inspect.signature(cls).parameters)


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
