"""Spec: the web — pages with JSON twins built from the same dict, the API, clear 404s."""

from __future__ import annotations

import re
from typing import Any

import pytest

from filmkb import FilmKB
from test_web_kit import EXAMPLES, client, made_page, reviewed_film


@pytest.fixture(scope="module")
def web() -> Any:
    kb = FilmKB(":memory:")
    kb.ingest([EXAMPLES])
    reviewed_film(kb)
    return client(kb)


def test_home_lists_films_with_slug_links(web: Any) -> None:
    html = web.get("/").text
    assert '<a href="/films/escape-2024">Escape</a>' in html
    data = web.get("/.json").json()
    assert data["count"] >= 2
    assert {"title": "Escape", "year": 2024, "url": "/films/escape-2024"}.items() <= next(
        f for f in data["films"] if f["title"] == "Escape"
    ).items()


def test_film_page_and_its_json_twin_say_the_same(web: Any) -> None:
    html = web.get("/films/escape-2024").text
    data = web.get("/films/escape-2024.json").json()
    assert data["film"]["title"] == "Escape" and data["film"]["year"] == 2024
    assert data["film"]["original_title"] == "탈주"
    assert data["film"]["runtime"] == "1 h 34 min"
    for credit in data["record"]["cast"][:3]:
        assert credit["actor"] in html and credit["character"] in html
    (lee,) = [c for c in data["record"]["cast"] if c["actor"] == "Lee Je-hoon"]
    assert lee["character"] == "Lim Kyu-nam" and "Gyu Nam" in lee["aliases"]
    assert "Gyu Nam" in html  # character aliases shown
    for genre in data["film"]["genres"]:
        assert genre in html
    assert 'href="/films/escape-2024.json"' in html  # the twin is linked


def test_releases_table_marks_inferred_values(web: Any) -> None:
    data = web.get("/films/escape-2024.json").json()
    (sg,) = [r for r in data["record"]["releases"] if r["territory"] == "SG"]
    assert sg["certification"] == "NC16" and "territory" in sg["inferred"]
    html = web.get("/films/escape-2024").text
    section = html[html.index('id="releases"') : html.index('id="cast"')]
    row = next(r for r in section.split('<tr class="release">')[1:] if ">SG" in r)
    assert "Golden Village Pictures" in row and "NC16" in row
    assert re.search(r'class="territory">SG\s*<span class="inferred"', row)


def test_each_fact_counts_its_sources_and_links_to_the_quoted_span(web: Any) -> None:
    data = web.get("/films/escape-2024.json").json()
    director = data["record"]["directors"][0]
    assert director["support"] == 5
    html = web.get("/films/escape-2024").text
    assert "<summary>5 sources</summary>" in html
    source = director["sources"][0]
    assert source["url"] in html.replace("&amp;", "&")
    page = web.get(source["url"].split("#")[0])
    assert page.status_code == 200
    marked = re.search(r'<mark class="span hl" id="hl"[^>]*>([^<]*)</mark>', page.text)
    assert marked and marked.group(1) == source["quote"]


def test_conflicting_values_are_shown_with_their_rank(web: Any) -> None:
    kb = FilmKB(":memory:")
    kb.ingest_extraction(made_page("a", "Old Boy 2003 120 min", "listing", title="Old Boy",
                                   year=2003, runtime_min=120))  # fmt: skip
    kb.ingest_extraction(made_page("b", "Old Boy 2003 119 min", "listing", title="Old Boy",
                                   year=2003, runtime_min=119))  # fmt: skip
    kb.ingest_extraction(made_page("c", "Old Boy (2003), 120 min", "blog", title="Old Boy",
                                   year=2003, runtime_min=120))  # fmt: skip
    web2 = client(kb)
    runtimes = web2.get("/films/old-boy-2003.json").json()["record"]["runtime_min"]
    assert [(r["value"], r["rank"]) for r in runtimes] == [(120, "preferred"), (119, "deprecated")]
    html = web2.get("/films/old-boy-2003").text
    assert re.search(r'statement conflict">\s*<span class="value">119</span>', html)
    assert "✗ deprecated" in html


def test_reviews_show_verdict_badges_scores_and_the_aggregate(web: Any) -> None:
    data = web.get("/films/hunt-2022/reviews.json").json()
    assert data["film"]["title"] == "Hunt"
    assert [r["verdict"] for r in data["reviews"]].count("positive") == 3
    agg = data["aggregate"]
    assert agg["count"] == 5 and agg["verdicts"] == {"positive": 3, "mixed": 1, "negative": 1}
    assert agg["percent_positive"] == 60 and agg["mean_score"] == 70
    assert agg["consensus"] == "positive"
    html = web.get("/films/hunt-2022").text
    assert html.count('class="badge verdict-positive"') >= 3
    assert "60/100" in html and "mean score 70" in html
    escape = web.get("/films/escape-2024.json").json()
    assert len(escape["reviews"]) == 3 and escape["aggregate"]["count"] == 3


def test_person_page_has_filmography_and_name_variants(web: Any) -> None:
    found = web.get("/search.json", params={"q": "lee je hoon"}).json()
    (person,) = [p for p in found["people"] if p["name"] == "Lee Je-hoon"]
    data = web.get(f"{person['url']}.json").json()
    assert {"LEE Je-hoon", "Lee Je Hoon"} <= {v["name"] for v in data["person"]["variants"]}
    (escape,) = [f for f in data["filmography"] if f["title"] == "Escape"]
    assert (
        escape["roles"][0]["role"] == "actor" and "Lim Kyu-nam" in escape["roles"][0]["characters"]
    )
    html = web.get(person["url"]).text
    assert "Lee Je Hoon" in html and 'href="/films/escape-2024"' in html


@pytest.mark.parametrize("query", ["Lee Je-hoon", "LEE JE HOON", "lee je-hoon", "Je-hoon Lee"])
def test_search_finds_people_in_any_spelling(web: Any, query: str) -> None:
    names = [p["name"] for p in web.get("/search.json", params={"q": query}).json()["people"]]
    assert "Lee Je-hoon" in names


def test_search_finds_titles_and_prefixes(web: Any) -> None:
    titles = [f["title"] for f in web.get("/search.json", params={"q": "ESCAPE"}).json()["films"]]
    assert titles[0] == "Escape" and "Escape from Mogadishu" in titles
    assert "Escape" in web.get("/search", params={"q": "escape"}).text


def test_film_refs_by_id_slug_and_ambiguous_slug() -> None:
    kb = FilmKB(":memory:")
    for source in ("a", "b"):  # two films titled Hunt (2022) that resolution keeps apart
        kb.ingest_extraction(made_page(source, f"Hunt 2022 {source}", "listing", title="Hunt",
                                       year=2022, directors=[f"Director {source.upper()}x"]))  # fmt: skip
    web2 = client(kb)
    films = web2.get("/.json").json()["films"]
    if len(films) < 2:
        pytest.skip("resolution merged the two films")
    assert {f["slug"] for f in films} == {f"hunt-2022--{f['id']}" for f in films}
    for f in films:
        assert web2.get(f"/films/{f['slug']}.json").json()["film"]["id"] == f["id"]
        assert web2.get(f"/films/{f['id']}").status_code == 200
    response = web2.get("/films/hunt-2022.json")
    assert response.status_code == 300 and len(response.json()["films"]) == 2


@pytest.mark.parametrize(
    "path",
    ["/films/no-such-film", "/films/no-such-film.json", "/films/99999", "/people/99999",
     "/people/abc.json", "/sources/99999", "/sources/x.json", "/characters/0.json", "/nowhere"],
)  # fmt: skip
def test_unknown_things_are_clear_404s(web: Any, path: str) -> None:
    response = web.get(path)
    assert response.status_code == 404
    if path.endswith(".json"):
        assert response.json()["status"] == 404 and response.json()["error"]
    else:
        assert "404" in response.text and "<html" in response.text


def test_api_is_documented_by_openapi(web: Any) -> None:
    paths = web.get("/openapi.json").json()["paths"]
    for path in ("/films.json", "/search.json", "/films/{ref}.json", "/films/{ref}/reviews.json",
                 "/people/{ref}.json", "/characters/{ref}.json", "/sources.json",
                 "/sources/{ref}.json", "/ask.json"):  # fmt: skip
        assert path in paths, path
    assert web.get("/docs").status_code == 200


def test_character_and_sources_api(web: Any) -> None:
    escape = web.get("/films/escape-2024.json").json()
    (lee,) = [c for c in escape["record"]["cast"] if c["actor"] == "Lee Je-hoon"]
    character = web.get(f"/characters/{lee['character_id']}.json").json()
    assert character["film"]["title"] == "Escape" and "Gyu Nam" in character["character"]["aliases"]
    sources = web.get("/sources.json").json()
    assert sources["count"] >= 5
    doc = web.get(f"{sources['sources'][0]['url']}.json").json()
    assert doc["text"] == "".join(s["text"] for s in doc["segments"])
    assert any(s.get("claims") for s in doc["segments"])


def test_ask_answers_or_says_it_cannot(web: Any) -> None:
    response = web.get("/ask.json", params={"q": "who directed Escape?"})
    assert response.status_code in (200, 501)  # 501 while filmkb.ask is not installed
    if response.status_code == 200:
        assert "Lee Jong-pil" in response.text
    else:
        assert response.json()["code"] == "E303"


def test_healthz_is_static(web: Any) -> None:
    assert web.get("/healthz").json() == {"ok": True}


def test_served_from_a_database_file_read_only(tmp_path: Any) -> None:
    db = tmp_path / "kb.db"
    with FilmKB(db) as kb:
        kb.ingest([EXAMPLES])
    from filmkb.serve.web.app import KBSource

    source = KBSource(db)
    with source.kb() as kb:
        assert kb.film_titles([1])[1]["title"]
        with pytest.raises(Exception, match="readonly|read-only|query_only"):
            kb.conn.execute("DELETE FROM claims")


def test_cli_registers_serve_and_export_jsonld(tmp_path: Any) -> None:
    from typer import Typer
    from typer.testing import CliRunner

    from filmkb.serve.cli_web import register

    app = Typer()
    register(app)
    runner = CliRunner()
    assert "--port" in runner.invoke(app, ["serve", "--help"]).output
    missing = runner.invoke(app, ["serve", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 1 and "filmkb ingest" in missing.output
    assert runner.invoke(app, ["export-jsonld", "--help"]).exit_code == 0


def test_a_cached_film_view_follows_writes_by_another_connection(tmp_path: Any) -> None:
    """The server over a file keeps built film views until another connection commits: a
    forgotten page's facts leave the film's JSON and HTML at the next request."""
    from fastapi.testclient import TestClient

    from filmkb.serve.web import create_app

    db = tmp_path / "kb.db"
    with FilmKB(db) as kb:
        kb.ingest([EXAMPLES])
    api = TestClient(create_app(db))
    first = api.get("/films/escape-2024.json").json()
    assert api.get("/films/escape-2024.json").json() == first  # served again (cached)
    assert len(first["film"]["documents"]) == 5
    with FilmKB(db) as kb:
        assert kb.forget(sorted(EXAMPLES.glob("*.txt"))[-1].name)
    after = api.get("/films/escape-2024.json").json()
    assert len(after["film"]["documents"]) == 4
    page = api.get("/films/escape-2024")
    assert page.status_code == 200 and "004_38fc0d04218e566c" not in page.text


def test_view_cache_drops_views_when_another_connection_commits(tmp_path: Any) -> None:
    from filmkb.serve.web.app import ViewCache

    db = tmp_path / "kb.db"
    with FilmKB(db) as kb:
        kb.ingest([EXAMPLES])
    reader = FilmKB(db, read_only=True)
    cache = ViewCache(size=2)
    epoch = cache.epoch(reader)
    cache.put(("film", 1, ""), epoch, {"v": 1})
    assert cache.epoch(reader) == epoch  # nothing committed: the view stays
    assert cache.get(("film", 1, ""), epoch) == {"v": 1}
    with FilmKB(db) as writer:
        assert writer.forget(sorted(EXAMPLES.glob("*.txt"))[-1].name)
    changed = cache.epoch(reader)
    assert changed != epoch and cache.get(("film", 1, ""), changed) is None
    cache.put(("film", 1, ""), epoch, {"v": "stale"})  # built before the change: not kept
    assert cache.get(("film", 1, ""), changed) is None
    for n in range(3):  # bounded
        cache.put(("film", n, ""), changed, {"v": n})
    assert cache.get(("film", 0, ""), changed) is None
    assert cache.get(("film", 2, ""), changed) == {"v": 2}
