"""The critics' view of one stored film: its review items and their aggregate.

    film_critics(record, document_text) → FilmCritics(reviews=[{author, …, source}], aggregate)
    add_critics(record, document_text)  → the record with ``reviews`` items and ``critics``

The one place where a film record's ``review`` statements become ``Review``s for
``aggregate_reviews``: ``FilmKB.film_record`` / ``export`` (hence the CLI and the web pages)
and ``ask`` all call it. The text read for verdicts, consensus and pros/cons is a feed row's
own ``text``; for a page, the page's text (a review or blog page is the review; on any other
page the review starts at its byline, the claim's span).
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from filmkb.reviews.aggregate import CriticsAggregate, aggregate_reviews
from filmkb.reviews.review import Review
from filmkb.store.records import best_value
from filmkb.types import VERDICTS

REVIEW_FIELDS = ("author", "outlet", "date", "verdict", "score", "score_normalized")
REVIEW_PAGE_KINDS = ("review", "blog")  # pages that are the review, start to end

Dict = dict[str, Any]


@dataclass
class FilmCritics:
    reviews: list[Dict] = field(default_factory=list)  # REVIEW_FIELDS + source + sources
    aggregate: CriticsAggregate | None = None  # None when the film has no review


def film_critics(record: Dict, document_text: Callable[[str], str]) -> FilmCritics:
    """Review items and aggregate from ``record["reviews"]`` (statements of ``store.records``).

    ``document_text(source)`` is the stored text of a document (read once per document).
    """
    statements = record.get("reviews", [])
    if not statements:
        return FilmCritics()
    texts: dict[str, str] = {}

    def text_of(source: str) -> str:
        if source not in texts:
            texts[source] = document_text(source) or ""
        return texts[source]

    items = [review_item(st) for st in statements]
    title = str(best_value(record.get("title", [])) or "")
    year = best_value(record.get("year", []))
    reviews = [
        Review(
            film_title=title,
            film_year=year if isinstance(year, int) else None,
            **{k: item[k] for k in REVIEW_FIELDS},
            text=_review_text(st, text_of),
            source=item["source"] or "",
        )
        for st, item in zip(statements, items, strict=True)
    ]
    return FilmCritics(items, _cached_aggregate(reviews))


_CACHE: OrderedDict[tuple, CriticsAggregate] = OrderedDict()
_CACHE_SIZE = 2048
_LOCK = threading.Lock()


def _cached_aggregate(reviews: list[Review]) -> CriticsAggregate:
    """``aggregate_reviews`` is a pure function of the reviews; a film page asks for the same
    film again and again, and the verdict model, aspects and consensus are the costly part."""
    key = tuple(
        (r.film_title, r.film_year, r.author, r.outlet, r.date, r.verdict, r.score,
         r.score_normalized, r.source, hashlib.sha1(r.text.encode()).hexdigest())
        for r in reviews
    )  # fmt: skip
    with _LOCK:
        if key in _CACHE:
            _CACHE.move_to_end(key)
            return _CACHE[key]
    aggregate = aggregate_reviews(reviews)
    with _LOCK:
        _CACHE[key] = aggregate
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return aggregate


def add_critics(record: Dict, document_text: Callable[[str], str]) -> Dict:
    """Replace the record's review statements by review items; add ``critics`` (a dict)."""
    critics = film_critics(record, document_text)
    record["reviews"] = critics.reviews
    aggregate = critics.aggregate or aggregate_reviews([])
    record["critics"] = aggregate.to_dict()
    return record


def review_item(statement: Dict) -> Dict:
    """author, outlet, date, verdict, score, score_normalized, source (+ sources with spans)."""
    raw = statement.get("value")
    value = raw if isinstance(raw, dict) else {}
    item: Dict = {k: value.get(k) for k in REVIEW_FIELDS}
    if item["verdict"] not in VERDICTS:
        item["verdict"] = None
    item["score_normalized"] = _score(item["score_normalized"])
    item["sources"] = statement.get("sources", [])
    item["source"] = item["sources"][0]["source"] if item["sources"] else None
    return item


def _review_text(statement: Dict, text_of: Callable[[str], str]) -> str:
    raw = statement.get("value")
    value = raw if isinstance(raw, dict) else {}
    if value.get("text"):
        return str(value["text"])
    sources = statement.get("sources") or [{}]
    first = sources[0]
    if not first.get("source"):
        return ""
    text = text_of(first["source"])
    return text if first.get("kind") in REVIEW_PAGE_KINDS else text[first.get("start") or 0 :]


def _score(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if 0 <= number <= 100 else None
