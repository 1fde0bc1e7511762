"""Reviews and the critics' verdict: per-review scores and verdicts, aspects, aggregates.

    normalize_score("3.5/5")            → 70.0
    classify_verdict(text, score=None)  → VerdictResult(label, confidence, p_positive, …)
    extract_aspects(text)               → [Aspect(aspect, polarity, sentence, start, end)]
    read_review_feed("feed.csv")        → ([Review, …], [FeedError, …])
    aggregate_reviews(reviews)          → CriticsAggregate(count, percent_positive, …)

Modules: ``scores`` (score notation → 0–100), ``features`` + ``verdict`` (text model, numpy
only) + ``hedges``, ``aspects`` (sentence-level pros/cons), ``review`` (the ``Review`` type),
``feed`` (CSV / JSONL import), ``aggregate`` (per-film aggregate and consensus; its parts
``ConsensusPart`` / ``AspectSummary`` live there). With the store: ``store`` (a feed stored as
one document, ``FilmKB.import_reviews``), ``critics`` (a film record's review items and
aggregate, for ``film_record`` / ``export``, the CLI, the web pages and ``ask``).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from filmkb.reviews.aggregate import CriticsAggregate, aggregate_reviews
    from filmkb.reviews.aspects import Aspect, extract_aspects
    from filmkb.reviews.feed import FeedError, read_review_feed
    from filmkb.reviews.review import Review
    from filmkb.reviews.scores import normalize_score
    from filmkb.reviews.verdict import VerdictResult, classify_verdict

# loaded on first use (PEP 562): ``reviews.aspects`` alone does not load the verdict model
_EXPORTS = {
    "CriticsAggregate": "aggregate", "aggregate_reviews": "aggregate", "Aspect": "aspects",
    "extract_aspects": "aspects", "FeedError": "feed", "read_review_feed": "feed",
    "Review": "review", "normalize_score": "scores", "VerdictResult": "verdict",
    "classify_verdict": "verdict",
}  # fmt: skip


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'filmkb.reviews' has no attribute {name!r}")
    value = getattr(import_module(f"filmkb.reviews.{module}"), name)
    globals()[name] = value
    return value


__all__ = [
    "Aspect",
    "CriticsAggregate",
    "FeedError",
    "Review",
    "VerdictResult",
    "aggregate_reviews",
    "classify_verdict",
    "extract_aspects",
    "normalize_score",
    "read_review_feed",
]
