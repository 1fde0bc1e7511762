"""Review feed import (CSV / JSONL) and the per-film critics' aggregate."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest

from filmkb.errors import ReadError
from filmkb.reviews import (
    CriticsAggregate,
    FeedError,
    Review,
    aggregate_reviews,
    read_review_feed,
)
from filmkb.reviews.aggregate import majority_verdict

FEED = Path(__file__).parent / "data" / "review_feed.csv"

# film → (count, positive, mixed, negative, scored reviews, percent positive, mean score)
EXPECTED = {
    ("Escape", 2024): (24, 18, 4, 2, 18, 75.0, 76.9),
    ("The Long Field", 2023): (20, 5, 11, 4, 15, 25.0, 59.9),
    ("Harbour Lights", 2022): (22, 3, 4, 15, 17, 13.6, 35.4),
    ("Paper Moonrise", 2024): (20, 12, 4, 4, 15, 60.0, 58.8),
    ("Nightjar", 2021): (18, 11, 5, 2, 14, 61.1, 71.4),
    ("Small Hours", 2020): (3, 2, 1, 0, 2, None, None),  # too few for % and mean
}


@pytest.fixture(scope="module")
def feed() -> tuple[list[Review], list[FeedError]]:
    return read_review_feed(FEED)


@pytest.fixture(scope="module")
def by_film(feed) -> dict[tuple[str, int], list[Review]]:
    films: dict[tuple[str, int], list[Review]] = defaultdict(list)
    for review in feed[0]:
        films[(review.film_title, review.film_year)].append(review)
    return films


def test_feed_imports_every_good_row(feed) -> None:
    reviews, errors = feed
    assert len(reviews) == 107
    assert len({(r.film_title, r.film_year) for r in reviews}) == 6
    assert all(r.source.startswith("review_feed.csv:") for r in reviews)
    assert all(r.verdict in ("positive", "mixed", "negative") for r in reviews)


def test_bad_rows_become_errors_with_lines(feed) -> None:
    _, errors = feed
    assert [(e.line, e.reason) for e in errors] == [
        (12, "text is missing"),
        (37, "film_title is missing"),
        (62, "film_year '20x1' is not a year"),
        (87, "verdict 'brilliant' is not one of positive, mixed, negative"),
    ]


def test_scores_are_normalised_and_decide_missing_verdicts(feed) -> None:
    reviews, _ = feed
    for review in reviews:
        assert (review.score is None) == (review.score_normalized is None)
        if review.score_normalized is not None:
            expected = (
                "positive"
                if review.score_normalized >= 60
                else "mixed"
                if review.score_normalized >= 40
                else "negative"
            )
            assert review.verdict == expected, review


@pytest.mark.parametrize("film", sorted(EXPECTED))
def test_aggregate_per_film(by_film, film) -> None:
    count, pos, mixed, neg, scored, percent, mean = EXPECTED[film]
    aggregate = aggregate_reviews(by_film[film])
    assert isinstance(aggregate, CriticsAggregate)
    assert aggregate.count == count
    assert aggregate.distribution == {"positive": pos, "mixed": mixed, "negative": neg}
    assert aggregate.scored_count == scored
    assert aggregate.percent_positive == percent
    assert aggregate.mean_score == mean


@pytest.mark.parametrize("film", sorted(EXPECTED))
def test_consensus_is_extractive_and_agrees_with_majority(by_film, film) -> None:
    reviews = by_film[film]
    aggregate = aggregate_reviews(reviews)
    majority = majority_verdict(aggregate.distribution)
    assert aggregate.consensus
    assert 1 <= len(aggregate.consensus_parts) <= 2
    assert len(aggregate.consensus) <= 240
    for part in aggregate.consensus_parts:
        review = reviews[part.review_index]
        assert part.text in review.text  # copied, not written
        assert part.source == review.source
        assert review.verdict == majority
    indexes = [part.review_index for part in aggregate.consensus_parts]
    assert len(set(indexes)) == len(indexes)  # two parts come from two reviews
    assert aggregate.consensus == " ".join(part.text for part in aggregate.consensus_parts)


def test_consensus_sums_up_the_film(by_film) -> None:
    escape = aggregate_reviews(by_film[("Escape", 2024)])
    assert escape.consensus_parts[0].text.startswith(("Overall", "In short", "All in all"))
    harbour = aggregate_reviews(by_film[("Harbour Lights", 2022)])
    assert any(w in harbour.consensus.lower() for w in ("dull", "tedious", "worst"))


def test_pros_and_cons_follow_the_reviews(by_film) -> None:
    escape = aggregate_reviews(by_film[("Escape", 2024)])
    harbour = aggregate_reviews(by_film[("Harbour Lights", 2022)])
    assert escape.pros and harbour.cons
    assert escape.pros[0].count > (escape.cons[0].count if escape.cons else 0)
    assert harbour.cons[0].count > (harbour.pros[0].count if harbour.pros else 0)
    for summary in escape.pros + harbour.cons:
        assert summary.examples and summary.count >= len(summary.examples)


def test_thresholds() -> None:
    def review(verdict: str, score: str | None = None, value: float | None = None) -> Review:
        text = "Overall, a fine film with a strong cast and a gripping story."
        return Review("X", 2020, None, None, None, score, value, verdict, text, "t")

    four = [review("positive", "4/5", 80.0)] * 4
    assert aggregate_reviews(four).percent_positive is None  # needs ≥ 5 reviews
    assert aggregate_reviews(four).mean_score == 80.0  # needs ≥ 4 scores
    assert aggregate_reviews(four[:3]).mean_score is None
    assert aggregate_reviews(four + [review("negative")]).percent_positive == 80.0
    empty = aggregate_reviews([])
    assert empty.count == 0 and empty.consensus is None and empty.consensus_parts == []


def test_majority_tie_is_mixed() -> None:
    assert majority_verdict({"positive": 3, "mixed": 1, "negative": 3}) == "mixed"
    assert majority_verdict({"positive": 0, "mixed": 0, "negative": 0}) is None


def test_jsonl_feed(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"film_title": "Escape", "film_year": 2024, "score": "B+", "text": "Taut."}),
        "",
        "{not json",
        json.dumps(["a list"]),
        json.dumps(
            {"film_title": "Escape", "verdict": "Mixed", "text": "Uneven.", "date": "July 3, 2024"}
        ),
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    reviews, errors = read_review_feed(path)
    assert [(r.score_normalized, r.verdict, r.date) for r in reviews] == [
        (83.0, "positive", None),
        (None, "mixed", "2024-07-03"),
    ]
    assert [e.line for e in errors] == [3, 4]


def test_csv_with_only_required_columns_uses_the_model(tmp_path: Path) -> None:
    path = tmp_path / "feed.csv"
    path.write_text(
        "film_title,text\n"
        'Escape,"A superb, gripping thriller with a brilliant lead performance. Loved it."\n'
        'Escape,"Dull, boring and badly acted. A complete waste of time."\n',
        encoding="utf-8",
    )
    reviews, errors = read_review_feed(path)
    assert errors == []
    assert [r.verdict for r in reviews] == ["positive", "negative"]
    assert reviews[0].author is None and reviews[0].film_year is None


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.csv", None, "cannot read"),
        ("binary.csv", b"\x00\x01\x02", "binary"),
        ("latin1.csv", "film_title,text\nCaf\xe9,x\n".encode("latin-1"), "not UTF-8"),
        ("empty.csv", b"  \n", "empty"),
        ("nocols.csv", b"title,body\nA,B\n", "film_title, text"),
    ],
)
def test_unreadable_feed_raises_read_error(tmp_path: Path, name, content, message) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(ReadError) as info:
        read_review_feed(path)
    assert name in str(info.value) and message in str(info.value)


def test_aggregate_fills_missing_verdicts_without_changing_reviews() -> None:
    scored = Review("X", 2020, None, None, None, "2/10", 20.0, None, "Some text.", "a")
    text_only = Review("X", 2020, None, None, None, None, None, None, "A superb, moving film.", "b")
    aggregate = aggregate_reviews([scored, text_only])
    assert aggregate.distribution == {"positive": 1, "mixed": 0, "negative": 1}
    assert scored.verdict is None and text_only.verdict is None
