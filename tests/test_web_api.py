"""Spec: the JSON API is safe with any input and says what it returns (issue 10).

Every parameter bounded (422, never 500), every JSON route's payload declared in
``/openapi.json`` (no undeclared key), 404s declared, ``Allow`` on 405, ``nosniff`` on every
response, lists paged everywhere with JSON links, the store served read-only (``mode=ro``, no
migration), and a per-request query time limit (503).
"""

from __future__ import annotations

import sqlite3
from typing import Any

import pytest

from filmkb import FilmKB
from filmkb.errors import StoreError
from test_web_kit import EXAMPLES, client, reviewed_film

PAGED = ["/films.json", "/sources.json", "/people.json", "/", "/sources", "/people"]


@pytest.fixture(scope="module")
def kb() -> FilmKB:
    kb = FilmKB(":memory:")
    kb.ingest([EXAMPLES])
    reviewed_film(kb)
    return kb


@pytest.fixture(scope="module")
def web(kb: FilmKB) -> Any:
    return client(kb)


# --- parameters --------------------------------------------------------------------------------


@pytest.mark.parametrize("path", PAGED)
@pytest.mark.parametrize(
    "query",
    ["page=9223372036854775807", "page=0", "page=-1", "page=x", "per_page=0", "per_page=100000",
     "page=1e3", "per_page=9223372036854775808"],
)  # fmt: skip
def test_out_of_range_parameters_are_422_not_500(web: Any, path: str, query: str) -> None:
    response = web.get(f"{path}?{query}")
    assert response.status_code == 422, (path, query, response.text[:200])


@pytest.mark.parametrize(
    "path",
    ["/sources/1.json?start=-1", "/sources/1.json?end=99999999999999999999",
     "/search.json?q=" + "x" * 201, "/ask.json?q=", "/ask.json", "/ask.json?q=" + "y" * 501,
     "/sources/1?start=abc"],
)  # fmt: skip
def test_other_bad_parameters_are_422(web: Any, path: str) -> None:
    assert web.get(path).status_code == 422, path


@pytest.mark.parametrize(
    "path",
    ["/films/%F0%9F%8E%AC.json", "/films/" + "a" * 300 + ".json", "/people/%D9%A3.json",
     "/characters/99999999999999.json", "/sources/" + "9" * 40 + ".json", "/films/--.json",
     "/films/x--99999999999.json"],
)  # fmt: skip
def test_odd_references_are_404_or_422_never_500(web: Any, path: str) -> None:
    assert web.get(path).status_code in (404, 422), path


# --- the schema describes the payloads ---------------------------------------------------------


def json_routes(schema: dict) -> list[str]:
    return [p for p in schema["paths"] if p.endswith((".json", ".jsonld")) or p == "/healthz"]


def test_every_json_route_declares_its_response_and_its_errors(web: Any) -> None:
    schema = web.get("/openapi.json").json()
    routes = json_routes(schema)
    assert len(routes) >= 12
    for path in routes:
        responses = schema["paths"][path]["get"]["responses"]
        ok = next(iter(responses["200"]["content"].values()))["schema"]
        assert ok not in ({}, {"type": "object"}) or path.endswith(".jsonld"), path
        if "{ref}" in path:
            assert "404" in responses, path
            assert responses["404"]["content"]["application/json"]["schema"]["$ref"].endswith(
                "/Error"
            )
        if any(p.get("in") == "query" for p in schema["paths"][path]["get"].get("parameters", [])):
            assert "422" in responses, path


def _resolve(schema: dict, node: dict) -> dict:
    while "$ref" in node:
        node = schema["components"]["schemas"][node["$ref"].rsplit("/", 1)[-1]]
    return node


def undeclared(schema: dict, node: dict, value: Any, where: str = "$") -> list[str]:
    """Keys of ``value`` (recursively) that the JSON schema ``node`` does not declare."""
    node = _resolve(schema, node)
    if "anyOf" in node:
        options = [_resolve(schema, n) for n in node["anyOf"]]
        if value is None:
            return []
        kind = "object" if isinstance(value, dict) else "array" if isinstance(value, list) else None
        matching = [
            o for o in options if o.get("type") == kind or (kind == "object" and "properties" in o)
        ]
        return undeclared(schema, matching[0], value, where) if matching else []
    if isinstance(value, dict) and "properties" in node:
        out = [f"{where}.{k}" for k in value if k not in node["properties"]]
        for k, v in value.items():
            if k in node["properties"]:
                out += undeclared(schema, node["properties"][k], v, f"{where}.{k}")
        return out
    if isinstance(value, list) and "items" in node:
        out = []
        for i, v in enumerate(value[:50]):
            out += undeclared(schema, node["items"], v, f"{where}[{i}]")
        return out
    return []


def test_payloads_validate_against_their_models_with_no_undeclared_key(web: Any) -> None:
    from filmkb.serve.web import models

    schema = web.get("/openapi.json").json()
    lee = next(p for p in web.get("/search.json", params={"q": "Lee Je-hoon"}).json()["people"])[
        "id"
    ]
    escape = web.get("/films/escape-2024.json").json()
    character = next(c["character_id"] for c in escape["record"]["cast"] if c["character_id"])
    cases = {
        "/films.json": ("/films.json?per_page=3&page=2", models.FilmsPage),
        "/films/{ref}.json": ("/films/escape-2024.json", models.FilmPage),
        "/films/{ref}/reviews.json": ("/films/hunt-2022/reviews.json", models.ReviewsPage),
        "/people.json": ("/people.json", models.PeoplePage),
        "/people/{ref}.json": (f"/people/{lee}.json", models.PersonPage),
        "/characters/{ref}.json": (f"/characters/{character}.json", models.CharacterPage),
        "/sources.json": ("/sources.json?per_page=2", models.SourcesPage),
        "/sources/{ref}.json": ("/sources/1.json?start=0&end=20", models.SourcePage),
        "/search.json": ("/search.json?q=lee", models.SearchPage),
        "/ask.json": ("/ask.json?q=Who+directed+Escape%3F", models.AskPage),
        "/healthz": ("/healthz", models.Health),
    }
    assert set(cases) | {"/films/{ref}.jsonld"} == set(json_routes(schema))
    for route, (url, model) in cases.items():
        response = web.get(url)
        assert response.status_code == 200, url
        payload = response.json()
        model.model_validate(payload)
        declared = schema["paths"][route]["get"]["responses"]["200"]["content"]
        node = declared["application/json"]["schema"]
        assert undeclared(schema, node, payload) == [], url
    for url in ("/films/nothing-here.json", "/films.json?page=99"):
        error = web.get(url)
        assert error.status_code == 404
        models.Error.model_validate(error.json())


# --- headers -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    ["/", "/films.json", "/films/escape-2024", "/films/escape-2024.jsonld", "/static/style.css",
     "/openapi.json", "/docs", "/nowhere", "/films.json?page=0", "/healthz", "/films/escape"],
)  # fmt: skip
def test_every_response_says_nosniff(web: Any, path: str) -> None:
    response = web.get(path, follow_redirects=False)
    assert response.headers["x-content-type-options"] == "nosniff", path


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH"])
@pytest.mark.parametrize("path", ["/films.json", "/films/escape-2024.json", "/", "/search"])
def test_405_says_which_methods_are_allowed(web: Any, method: str, path: str) -> None:
    response = web.request(method, path)
    assert response.status_code == 405
    assert "GET" in response.headers["allow"]


# --- paging ------------------------------------------------------------------------------------


def test_films_are_paged_with_json_links_and_no_page_past_the_end(web: Any, kb: FilmKB) -> None:
    total = kb.count_films()
    first = web.get("/films.json", params={"per_page": 2}).json()
    assert first["per_page"] == 2 and len(first["films"]) == 2 and first["count"] == total
    assert first["pages"] == -(-total // 2) and first["previous"] is None
    assert first["next"] == "/films.json?page=2&per_page=2"
    second = web.get(first["next"]).json()
    assert second["previous"] == "/films.json?page=1&per_page=2"
    assert not {f["id"] for f in first["films"]} & {f["id"] for f in second["films"]}
    seen, url = [], "/films.json?per_page=3"
    while url:
        page = web.get(url).json()
        seen += [f["id"] for f in page["films"]]
        url = page["next"]
    assert sorted(seen) == sorted(set(seen)) and len(seen) == total
    assert (
        web.get("/films.json", params={"page": first["pages"] + 1, "per_page": 2}).status_code
        == 404
    )
    one_page = web.get("/films.json").json()
    assert one_page["pages"] == 1 and one_page["next"] is None
    assert web.get("/films.json?page=2").status_code == 404  # not "page 2 of 1"
    assert web.get("/?page=2").status_code == 404
    html = web.get("/?per_page=2&page=2").text
    assert 'href="/?page=1&amp;per_page=2"' in html and 'href="/?page=3&amp;per_page=2"' in html


def test_sources_are_paged_not_returned_all_at_once(web: Any) -> None:
    everything = web.get("/sources.json").json()
    assert everything["count"] >= 6 and everything["per_page"] == 50
    page = web.get("/sources.json", params={"per_page": 2, "page": 3}).json()
    assert [s["id"] for s in page["sources"]] == [s["id"] for s in everything["sources"][4:6]]
    assert page["previous"] == "/sources.json?page=2&per_page=2"
    assert web.get("/sources.json", params={"per_page": 201}).status_code == 422


def test_a_long_document_is_shown_a_window_at_a_time() -> None:
    from filmkb.serve.web import views
    from test_web_kit import made_page

    kb = FilmKB(":memory:")
    filler = "Lorem ipsum dolor sit amet. " * 8000  # 224,000 characters
    text = f"Long Film (2020) directed by Jo Director. {filler} The end, with Jo Director again."
    kb.ingest_extraction(made_page("long.txt", text, "blog", title="Long Film", year=2020,
                                   directors=["Jo Director"]))  # fmt: skip
    web = client(kb)
    doc = web.get("/sources/1.json").json()
    assert doc["document"]["length"] == len(text)
    assert doc["window"] == {"start": 0, "end": views.TEXT_WINDOW}
    assert doc["text"] == text[: views.TEXT_WINDOW]
    assert "".join(s["text"] for s in doc["segments"]) == doc["text"]
    start = text.rindex("Jo Director")
    tail = web.get(f"/sources/1.json?start={start}&end={start + 11}").json()
    assert tail["window"]["start"] <= start and tail["window"]["end"] == len(text)
    (hl,) = [s for s in tail["segments"] if s.get("highlight")]
    assert hl["text"] == "Jo Director" and hl["anchor"] == "hl"


# --- read-only serving and the time limit ------------------------------------------------------


def test_the_server_opens_the_store_read_only_and_migrates_nothing(tmp_path: Any) -> None:
    from filmkb.serve.web.app import KBSource

    db = tmp_path / "kb.db"
    with FilmKB(db) as kb:
        kb.ingest([EXAMPLES])
    before = db.read_bytes()
    source = KBSource(db)
    with source.kb() as kb:
        assert kb.read_only and kb.film_titles([1])[1]["title"]
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            kb.conn.execute("CREATE TABLE x (a)")
    web = client_over(db)
    assert web.get("/films/escape-2024.json").status_code == 200
    assert web.get("/search.json?q=escape").json()["films"]
    assert db.read_bytes() == before


def client_over(db: Any) -> Any:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    from filmkb.serve.web import create_app

    return TestClient(create_app(db))


def test_a_missing_store_is_an_error_and_is_not_created(tmp_path: Any) -> None:
    from filmkb.serve.web import create_app

    missing = tmp_path / "typo.db"
    with pytest.raises(StoreError, match="no database"):
        create_app(missing)
    assert not missing.exists()
    (tmp_path / "junk.db").write_text("not a database")
    with pytest.raises(StoreError):
        create_app(tmp_path / "junk.db")


def test_a_store_that_needs_a_migration_is_refused_not_migrated(tmp_path: Any) -> None:
    from filmkb.serve.web import create_app

    db = tmp_path / "old.db"
    with FilmKB(db) as kb:
        kb.ingest([EXAMPLES])
        kb.conn.execute("DELETE FROM migrations WHERE name = '0005_search_names'")
    with pytest.raises(StoreError, match="0005_search_names"):
        create_app(db)


def test_a_request_over_its_time_limit_is_a_503(kb: FilmKB) -> None:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    from filmkb.serve.web import create_app

    slow = TestClient(create_app(kb, query_ms=0))
    response = slow.get("/films/escape-2024.json")
    assert response.status_code == 503
    assert response.json()["code"] == "E304" and response.headers["retry-after"]
    assert "503" in slow.get("/films/escape-2024").text
    assert slow.get("/healthz").status_code == 200  # no query, no limit
    fast = TestClient(create_app(kb, query_ms=5000))
    assert fast.get("/films/escape-2024.json").status_code == 200
    assert kb.film_titles([1])[1]["title"]  # the connection is usable after the interrupt


def test_serve_refuses_a_file_that_is_not_a_store(tmp_path: Any) -> None:
    from typer import Typer
    from typer.testing import CliRunner

    from filmkb.serve.cli_web import register

    app = Typer()
    register(app)
    (tmp_path / "notes.db").write_text("not a database")
    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "notes.db")])
    assert result.exit_code == 1 and "cannot serve" in result.output
    assert "http://" not in result.output  # no banner for a server that will not start
