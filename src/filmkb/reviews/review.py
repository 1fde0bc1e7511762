"""The plain data type of one review, as read from a feed or built by the store."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass
class Review:
    film_title: str
    film_year: int | None
    author: str | None
    outlet: str | None
    date: str | None  # YYYY-MM-DD, YYYY-MM or YYYY
    score: str | None  # the raw score string as printed ("3.5/5", "B+", "★★★½")
    score_normalized: float | None  # 0–100, see scores.normalize_score
    verdict: str | None  # positive | mixed | negative
    text: str
    source: str  # where the review came from: "feed.csv:12", a document path or URL
    url: str | None = None
    id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
