"""The public API of filmkb.reviews is pinned: the store, CLI and web import these names."""

from __future__ import annotations

import dataclasses
import inspect

import filmkb.reviews as reviews


def test_public_names() -> None:
    assert sorted(reviews.__all__) == [
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


def test_signatures() -> None:
    assert list(inspect.signature(reviews.normalize_score).parameters) == ["raw"]
    assert list(inspect.signature(reviews.classify_verdict).parameters) == ["text", "score"]
    assert list(inspect.signature(reviews.extract_aspects).parameters) == ["text"]
    assert list(inspect.signature(reviews.aggregate_reviews).parameters) == ["reviews"]
    assert list(inspect.signature(reviews.read_review_feed).parameters) == ["path"]


def fields(cls: type) -> list[str]:
    return [f.name for f in dataclasses.fields(cls)]


def test_plain_dataclasses() -> None:
    assert fields(reviews.Review) == [
        "film_title",
        "film_year",
        "author",
        "outlet",
        "date",
        "score",
        "score_normalized",
        "verdict",
        "text",
        "source",
        "url",
        "id",
    ]
    assert fields(reviews.VerdictResult) == [
        "label",
        "confidence",
        "p_positive",
        "hedges",
        "source",
    ]
    assert fields(reviews.Aspect) == ["aspect", "polarity", "sentence", "start", "end"]
    assert fields(reviews.FeedError) == ["line", "reason"]
    assert fields(reviews.CriticsAggregate)[:6] == [
        "count",
        "percent_positive",
        "mean_score",
        "scored_count",
        "distribution",
        "consensus",
    ]
    assert {"consensus_parts", "pros", "cons"} <= set(fields(reviews.CriticsAggregate))
