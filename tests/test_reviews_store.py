"""Spec: a review feed is stored like a page — one document, each row a sourced review claim
of the right film — and every film record carries its reviews and the critics' aggregate."""

from __future__ import annotations

import json
import shutil
from collections import defaultdict
from pathlib import Path

import pytest

from filmkb import FilmKB
from filmkb.errors import ReadError
from filmkb.reviews import aggregate_reviews, read_review_feed
from filmkb.reviews.aggregate import majority_verdict
from filmkb.types import Document, DocumentExtraction, Evidence, Fact, FilmExtraction

from test_core_escape import EXAMPLES  # isort: skip
from test_reviews_feed import EXPECTED, FEED  # isort: skip

REVIEW_KEYS = {"author", "outlet", "date", "verdict", "score", "score_normalized", "source"}
CRITICS_KEYS = {"count", "percent_positive", "mean_score", "distribution", "consensus"}


@pytest.fixture(scope="module")
def kb() -> FilmKB:
    kb = FilmKB()
    report = kb.import_reviews(FEED)
    assert (report.status, report.reviews, report.films) == ("ingested", 107, 6)
    return kb


def record(kb: FilmKB, title: str, year: int) -> dict:
    (film,) = kb.find_films(title, year)
    return kb.film_record(film["id"])


def test_each_row_lands_on_its_film(kb: FilmKB) -> None:
    assert len(kb.films()) == 6
    assert len(kb.documents()) == 1
    for (title, year), expected in EXPECTED.items():
        assert len(record(kb, title, year)["reviews"]) == expected[0]


@pytest.mark.parametrize("film", sorted(EXPECTED))
def test_aggregate_and_distribution_per_film(kb: FilmKB, film: tuple[str, int]) -> None:
    count, pos, mixed, neg, scored, percent, mean = EXPECTED[film]
    critics = record(kb, *film)["critics"]
    assert critics["count"] == count
    assert critics["distribution"] == {"positive": pos, "mixed": mixed, "negative": neg}
    assert critics["scored_count"] == scored
    assert critics["percent_positive"] == percent
    assert critics["mean_score"] == mean


@pytest.mark.parametrize("film", sorted(EXPECTED))
def test_consensus_comes_from_the_stored_rows(kb: FilmKB, film: tuple[str, int]) -> None:
    rec = record(kb, *film)
    critics = rec["critics"]
    majority = majority_verdict(critics["distribution"])
    assert critics["consensus"] and 1 <= len(critics["consensus_parts"]) <= 2
    for part in critics["consensus_parts"]:
        review = rec["reviews"][part["review_index"]]
        assert review["verdict"] == majority
        assert part["text"] in review["sources"][0]["quote"]  # the quote is the feed row
        assert part["source"] == review["source"] == str(FEED)
    # the same consensus as the library computes from the feed itself
    reviews, _ = read_review_feed(FEED)
    by_film = defaultdict(list)
    for r in reviews:
        by_film[(r.film_title, r.film_year)].append(r)
    assert critics["consensus"] == aggregate_reviews(by_film[film]).consensus


def test_review_claims_quote_their_row_and_name_the_field_spans(kb: FilmKB) -> None:
    rec = record(kb, "Escape", 2024)
    first = rec["reviews"][0]
    assert {k: first[k] for k in ("author", "outlet", "score", "verdict")} == {
        "author": "Sam Taylor", "outlet": "Matinee Magazine", "score": "★★★★½",
        "verdict": "positive",
    }  # fmt: skip
    assert first["score_normalized"] == 90.0 and first["date"] == "2024-02-02"
    assert first["sources"][0]["quote"].startswith("Escape,2024,Sam Taylor,Matinee Magazine")
    assert first["sources"][0]["extractor"] == "reviews.feed"
    (title,) = rec["title"]
    assert {s["quote"] for s in title["sources"]} == {"Escape"}


def test_importing_again_is_a_no_op_and_a_changed_feed_replaces(tmp_path: Path) -> None:
    path = tmp_path / "feed.csv"
    shutil.copy(FEED, path)
    kb = FilmKB()
    assert kb.import_reviews(path).status == "ingested"
    claims = kb.conn.execute("SELECT count(*) FROM claims").fetchone()[0]
    again = kb.import_reviews(path)
    assert again.status == "unchanged" and len(again.errors) == 4
    assert kb.conn.execute("SELECT count(*) FROM claims").fetchone()[0] == claims
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(ln for ln in lines if not ln.startswith("Small Hours")), "utf-8")
    assert kb.import_reviews(path).status == "replaced"
    assert kb.find_films("Small Hours") == [] and len(kb.films()) == 5
    assert kb.forget(str(path)) and kb.films() == []


def test_bad_rows_are_reported_and_skipped(kb: FilmKB, tmp_path: Path) -> None:
    report = kb.import_reviews(FEED)
    assert not report.ok
    assert [(e.line, e.reason) for e in report.errors] == [
        (12, "text is missing"),
        (37, "film_title is missing"),
        (62, "film_year '20x1' is not a year"),
        (87, "verdict 'brilliant' is not one of positive, mixed, negative"),
    ]
    with pytest.raises(ReadError, match="missing.csv"):
        kb.import_reviews(tmp_path / "missing.csv")


def test_a_jsonl_feed_imports_the_same_way(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    rows = [
        {"film_title": "Nightjar", "film_year": 2021, "author": f"Critic {i}", "score": "4/5",
         "text": "Overall, Nightjar is a gripping, beautifully made film."}
        for i in range(4)
    ]  # fmt: skip
    rows.append({"film_title": "Nightjar", "text": ""})
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", "utf-8")
    kb = FilmKB()
    report = kb.import_reviews(path)
    assert (report.reviews, report.films, [e.line for e in report.errors]) == (4, 1, [5])
    critics = record(kb, "Nightjar", 2021)["critics"]
    assert critics["count"] == 4 and critics["mean_score"] == 80.0
    assert critics["percent_positive"] is None  # shown from 5 reviews on


def test_feed_and_pages_make_one_escape_and_survive_a_rebuild() -> None:
    kb = FilmKB()
    assert kb.ingest([EXAMPLES]).ok
    pages = kb.find_films("Escape", 2024)
    kb.import_reviews(FEED)
    (escape,) = kb.find_films("Escape", 2024)
    assert escape["id"] == pages[0]["id"]
    rec = kb.film_record(escape["id"])
    from_feed = [r for r in rec["reviews"] if r["source"] == str(FEED)]
    assert len(from_feed) == 24 and len(rec["reviews"]) > 24  # the pages' reviews too
    assert rec["critics"]["count"] == len(rec["reviews"])
    assert any(d.endswith(".txt") for d in rec["documents"])
    films = len(kb.films())
    kb.rebuild()
    (escape,) = kb.find_films("Escape", 2024)
    assert len(kb.films()) == films
    assert len(kb.film_record(escape["id"])["reviews"]) == len(rec["reviews"])


def test_export_gives_each_film_reviews_and_critics(kb: FilmKB) -> None:
    films = kb.export()["films"]
    assert len(films) == 6
    for film in films:
        assert film["reviews"] and all(REVIEW_KEYS <= set(r) for r in film["reviews"])
        assert CRITICS_KEYS <= set(film["critics"])
        for part in film["critics"]["consensus_parts"]:
            assert film["reviews"][part["review_index"]]["source"] == part["source"]
    json.dumps(films)  # plain data


def test_a_film_without_reviews_has_an_empty_aggregate() -> None:
    text = "Hunt (2022)"
    ev = Evidence("page.txt", 0, 4, "test", "1")
    film = FilmExtraction(title=Fact("Hunt", ev), year=Fact(2022, ev))
    kb = FilmKB()
    kb.ingest_extraction(DocumentExtraction(Document("page.txt", text, "x"), films=[film]))
    (exported,) = kb.export()["films"]
    assert exported["reviews"] == []
    critics = exported["critics"]
    assert critics["count"] == 0 and critics["consensus"] is None
    assert critics["distribution"] == {"positive": 0, "mixed": 0, "negative": 0}
