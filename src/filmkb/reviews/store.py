"""A review feed stored like a page: one document for the file, one film mention per row.

    import_reviews(kb, "feed.csv") → ImportReviewsReport(source, status, reviews, films, errors)

``feed_extraction`` turns the rows of ``read_feed`` into a ``DocumentExtraction`` of kind
``review_feed``: each good row is a film (title, year) with a ``review`` fact whose span is
the row, so that the source quote is the row itself. ``FilmKB.ingest_extraction`` then
stores it in one transaction, resolves the films as it does for pages (rows naming the same
film land on one film, which merges with the page-extracted film), and makes importing the
same file again a no-op and a changed file a replacement. Bad rows are reported and skipped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from filmkb.reviews.feed import Feed, FeedError, FeedRow, read_feed
from filmkb.types import (
    REVIEW_FEED,
    Document,
    DocumentExtraction,
    Evidence,
    Fact,
    FilmExtraction,
    ReviewInfo,
)

if TYPE_CHECKING:
    from filmkb.core import FilmKB

EXTRACTOR = "reviews.feed"
VERSION = "1"


@dataclass
class ImportReviewsReport:
    source: str
    status: str  # ingested | replaced | unchanged (as ``IngestResult``)
    reviews: int  # good rows
    films: int  # distinct films the good rows name (title, year)
    errors: list[FeedError] = field(default_factory=list)  # skipped rows

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        return (
            f"{self.source}: {self.status}, {self.reviews} reviews of {self.films} films,"
            f" {len(self.errors)} rows skipped"
        )


def import_reviews(kb: FilmKB, path: str | Path) -> ImportReviewsReport:
    """Store a CSV / JSONL review feed; ``ReadError`` when the file cannot be read."""
    source = str(path)
    feed = read_feed(path)
    extraction = feed_extraction(source, feed)
    result = kb.ingest_extraction(extraction)
    named = {(f.title_text, f.year.value if f.year else None) for f in extraction.films}
    errors = [FeedError(row.line, row.error) for row in feed.rows if row.error is not None]
    return ImportReviewsReport(source, result.status, len(extraction.films), len(named), errors)


def feed_extraction(source: str, feed: Feed) -> DocumentExtraction:
    """One film mention per good row: title, year and the review (span: the row)."""
    document = Document(source, feed.text, feed.sha256, media_type=feed.media_type)
    kind = Fact(REVIEW_FEED, Evidence(source, 0, 0, EXTRACTOR, VERSION))
    films = [_film(source, feed.text, row) for row in feed.rows if row.review is not None]
    return DocumentExtraction(document=document, kind=kind, films=films)


def _film(source: str, text: str, row: FeedRow) -> FilmExtraction:
    review = row.review
    assert review is not None

    def fact(value: object, quote: str | None = None) -> Fact:
        start, end = row.start, row.end
        if quote and (at := text.find(quote, row.start, row.end)) >= 0:
            start, end = at, at + len(quote)  # the field inside the row
        return Fact(value, Evidence(source, start, end, EXTRACTOR, VERSION))

    info = ReviewInfo(
        author=review.author,
        outlet=review.outlet,
        verdict=review.verdict,
        score=review.score,
        score_normalized=review.score_normalized,
        date=review.date,
        text=review.text,
    )
    year = review.film_year
    return FilmExtraction(
        title=fact(review.film_title, review.film_title),
        year=fact(year, str(year)) if year is not None else None,
        review=fact(info),
    )
