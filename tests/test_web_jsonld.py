"""Spec: the film page carries schema.org ``Movie`` JSON-LD that a JSON-LD processor reads back.

``pyld`` expands it with a document loader that never touches the network: the schema.org
context is given inline as ``{"@vocab": "https://schema.org/"}``.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from filmkb import FilmKB
from filmkb.serve.web.jsonld import iso_duration
from test_web_kit import EXAMPLES, client, reviewed_film

jsonld = pytest.importorskip("pyld.jsonld")
S = "https://schema.org/"


def offline_loader(url: str, options: Any = None) -> dict[str, Any]:
    if url.rstrip("/") in ("https://schema.org", "http://schema.org"):
        return {
            "contentType": "application/ld+json",
            "contextUrl": None,
            "documentUrl": url,
            "document": {"@context": {"@vocab": S}},
        }
    raise AssertionError(f"the JSON-LD test must not load {url}")


def expand(data: dict[str, Any]) -> dict[str, Any]:
    (node,) = jsonld.expand(data, {"documentLoader": offline_loader})
    return node


def values(node: dict[str, Any], prop: str) -> list[Any]:
    return [v.get("@value", v) for v in node.get(S + prop, [])]


def embedded(html: str) -> dict[str, Any]:
    (body,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(body)


@pytest.fixture(scope="module")
def web() -> Any:
    kb = FilmKB(":memory:")
    kb.ingest([EXAMPLES])
    reviewed_film(kb)
    return client(kb)


def test_escape_page_embeds_a_valid_schema_org_movie(web: Any) -> None:
    data = embedded(web.get("/films/escape-2024").text)
    assert data == web.get("/films/escape-2024.jsonld").json()
    movie = expand(data)
    assert movie["@type"] == [S + "Movie"]
    assert movie["@id"] == "http://testserver/films/escape-2024"
    assert values(movie, "name") == ["Escape"]
    assert "탈주" in values(movie, "alternateName")
    assert values(movie, "duration") == ["PT1H34M"]
    assert values(movie, "contentRating") == ["NC16"]
    assert {"action", "thriller"} <= set(values(movie, "genre"))
    (director, *_) = movie[S + "director"]
    assert director["@type"] == [S + "Person"] and values(director, "name") == ["Lee Jong-pil"]
    roles = movie[S + "actor"]
    assert all(r["@type"] == [S + "PerformanceRole"] for r in roles)
    cast = {values(r[S + "actor"][0], "name")[0]: values(r, "characterName") for r in roles}
    assert cast["Lee Je-hoon"] == ["Lim Kyu-nam"] and cast["Koo Kyo-hwan"] == ["Lee Hyun-sang"]
    events = movie[S + "releasedEvent"]
    assert all(e["@type"] == [S + "PublicationEvent"] for e in events)
    by_country = {values(e[S + "location"][0], "name")[0]: e for e in events if S + "location" in e}
    assert values(by_country["SG"], "startDate") == ["2024-07-11"]
    assert values(by_country["SG"][S + "publishedBy"][0], "name") == ["Golden Village Pictures"]
    reviews = movie[S + "review"]
    assert len(reviews) == 3 and all(r["@type"] == [S + "Review"] for r in reviews)
    assert {"MovieGuys", "John Li"} <= {
        values(r[S + "author"][0], "name")[0] for r in reviews if S + "author" in r
    }


def test_reviews_with_scores_give_review_ratings_and_an_aggregate_rating(web: Any) -> None:
    movie = expand(web.get("/films/hunt-2022.jsonld").json())
    reviews = movie[S + "review"]
    ratings = [r[S + "reviewRating"][0] for r in reviews]
    assert all(r["@type"] == [S + "Rating"] for r in ratings)
    assert sorted(values(r, "ratingValue")[0] for r in ratings) == [60, 65, 70, 75, 80]
    assert all(values(r, "bestRating") == [100] for r in ratings)
    (aggregate,) = movie[S + "aggregateRating"]
    assert aggregate["@type"] == [S + "AggregateRating"]
    assert values(aggregate, "ratingValue") == [70] and values(aggregate, "reviewCount") == [5]


def test_export_jsonld_is_a_graph_of_movies(tmp_path: Any) -> None:
    from typer import Typer
    from typer.testing import CliRunner

    from filmkb.serve.cli_web import register

    db = tmp_path / "kb.db"
    with FilmKB(db) as kb:
        kb.ingest([EXAMPLES])
    app = Typer()
    register(app)
    result = CliRunner().invoke(
        app, ["export-jsonld", "--db", str(db), "--base-url", "https://f.example"]
    )
    assert result.exit_code == 0, result.output
    graph = jsonld.expand(json.loads(result.output), {"documentLoader": offline_loader})
    names = {values(m, "name")[0] for m in graph}
    assert "Escape" in names and all(m["@type"] == [S + "Movie"] for m in graph)
    (escape,) = [m for m in graph if values(m, "name") == ["Escape"]]
    assert escape["@id"] == "https://f.example/films/escape-2024"


@pytest.mark.parametrize(
    ("minutes", "iso"), [(94, "PT1H34M"), (45, "PT45M"), (120, "PT2H"), (0, "PT0M"), (61, "PT1H1M")]
)
def test_durations_are_iso_8601(minutes: int, iso: str) -> None:
    assert iso_duration(minutes) == iso
