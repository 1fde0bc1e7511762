"""Reviews for the pages: the record's review items and the critics' aggregate.

Both come from ``FilmKB.film_record`` (``filmkb.reviews.critics``); this module only gives
each review its source link and the aggregate the names the page and its JSON twin use:
``verdicts`` (the distribution), ``judged``, ``scored``, ``consensus`` (the majority
verdict) and ``summary`` (the consensus sentences taken from the reviews).
"""

from __future__ import annotations

from typing import Any

from filmkb.reviews.aggregate import majority_verdict

Dict = dict[str, Any]


def review_items(reviews: list[Dict]) -> list[Dict]:
    """The record's review items, each with ``url``: the link to its first source's span."""
    return [{**r, "url": (r.get("sources") or [{}])[0].get("url")} for r in reviews]


def aggregate(critics: Dict | None) -> Dict | None:
    """The page's aggregate from the record's ``critics``; None when there is no review."""
    if not critics or not critics.get("count"):
        return None
    verdicts = critics["distribution"]
    return {
        "count": critics["count"],
        "verdicts": verdicts,
        "judged": sum(verdicts.values()),
        "percent_positive": critics["percent_positive"],
        "scored": critics["scored_count"],
        "mean_score": critics["mean_score"],
        "consensus": majority_verdict(verdicts),
        "summary": critics["consensus"],
        "consensus_parts": critics["consensus_parts"],
        "pros": critics["pros"],
        "cons": critics["cons"],
    }
