"""Helpers for the web tests: hand-made pages (facts with spans) and an in-process client."""

from __future__ import annotations

import hashlib
import warnings
from pathlib import Path
from typing import Any

from filmkb import FilmKB
from filmkb.types import (
    CastCredit,
    Document,
    DocumentExtraction,
    Evidence,
    Fact,
    FilmExtraction,
    Release,
    ReviewInfo,
)

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "escape-2024"


def client(kb: FilmKB) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    from filmkb.serve.web import create_app

    return TestClient(create_app(kb))


def made_page(source: str, text: str, kind: str, **facts: Any) -> DocumentExtraction:
    """One page stating one film; each fact's span is where its text first occurs."""
    doc = Document(source=source, text=text, sha256=hashlib.sha256(text.encode()).hexdigest())

    def fact(value: Any, quote: str | None = None) -> Fact:
        quote = quote if quote is not None else str(value)
        start = max(text.find(quote), 0)
        return Fact(value, Evidence(source, start, start + len(quote), "hand", "1"))

    film = FilmExtraction(main=True)
    for key in ("title", "original_title", "year", "runtime_min", "synopsis"):
        if key in facts:
            setattr(film, key, fact(facts[key]))
    film.directors = [fact(d) for d in facts.get("directors", [])]
    film.genres = [fact(g) for g in facts.get("genres", [])]
    film.cast = [fact(CastCredit(a, c), a) for a, c in facts.get("cast", [])]
    film.releases = [fact(Release(**r), r.get("date") or "") for r in facts.get("releases", [])]
    if "review" in facts:
        film.review = fact(ReviewInfo(**facts["review"]), facts["review"].get("author") or "")
    result = DocumentExtraction(document=doc, films=[film])
    result.kind = Fact(kind, Evidence(source, 0, 0, "hand", "1"))
    return result


def reviewed_film(kb: FilmKB, title: str = "Hunt", year: int = 2022, n: int = 5) -> None:
    """A film with ``n`` review pages, each with an author, a verdict and a score."""
    verdicts = ["positive", "positive", "mixed", "positive", "negative"]
    for i in range(n):
        author = f"Critic Number{i}"
        text = f"{title} ({year}) review by {author}. Score 4/5. The acting is superb."
        review = {
            "author": author,
            "outlet": f"Paper {i}",
            "verdict": verdicts[i % len(verdicts)],
            "score": "4/5",
            "score_normalized": 60.0 + 5 * i,
        }
        page = made_page(f"reviews/{title}-{i}.txt", text, "review", title=title, year=year,
                         review=review)  # fmt: skip
        kb.ingest_extraction(page)
