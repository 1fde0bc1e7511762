"""Spec (issue 11, reads): a page reads only what it shows.

* quotes are stored with their claims: a film page never reads a source's text;
* the film heads, person names and quotes kept by the sync equal what the claims give,
  after ingests, merges, splits and forgets, and when built again from scratch;
* a person in many films gets a paged filmography (HTML and JSON), newest first.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from filmkb import FilmKB
from filmkb.ask import import_triples
from filmkb.store import browse, summaries, summary_sync
from test_web_kit import EXAMPLES, client, made_page


def _statements(conn: sqlite3.Connection) -> list[str]:
    seen: list[str] = []
    conn.set_trace_callback(seen.append)
    return seen


def _quotes(record: dict[str, Any]) -> list[str]:
    out = []
    for statements in record.values():
        if isinstance(statements, list):
            for st in statements:
                if isinstance(st, dict):
                    out += [s["quote"] for s in st.get("sources", [])]
    return out


@pytest.fixture(scope="module")
def examples() -> FilmKB:
    kb = FilmKB(":memory:")
    kb.ingest([EXAMPLES])
    return kb


# --- quotes ---------------------------------------------------------------------------------


def test_a_film_page_reads_no_source_text_but_its_reviews(examples: FilmKB) -> None:
    web = client(examples)
    seen = _statements(examples.conn)
    try:
        page = web.get("/films/escape-2024.json").json()
    finally:
        examples.conn.set_trace_callback(None)
    reviews = {r["source"] for r in page["reviews"]}  # the verdict model reads a review
    reads_text = [s for s in seen if re.search(r"SELECT (d\.)?text\b|substr\(text", s)]
    assert seen and reads_text  # (the check sees the reviews' reads)
    assert all(any(source in s for source in reviews) for s in reads_text), reads_text


def test_quotes_do_not_depend_on_the_source_text_at_read_time(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with FilmKB(db) as kb:
        kb.ingest([EXAMPLES])
        (film,) = kb.find_films("Escape", 2024)
        before = _quotes(kb.film_record(film["id"]))
    assert before and any(q.strip() for q in before)
    conn = sqlite3.connect(db)  # the texts go; the stored quotes stay
    conn.execute("DROP TRIGGER IF EXISTS claims_search_gone")
    conn.execute("UPDATE documents SET text = ''")
    conn.commit()
    conn.close()
    with FilmKB(db, read_only=True) as kb:
        assert _quotes(kb.film_record(film["id"])) == before


def test_a_claim_quotes_its_span_and_a_spanless_claim_quotes_nothing() -> None:
    assert summaries.quote_of("Escape (2024)", 0, 6) == "Escape"
    assert summaries.quote_of("Escape (2024)", None, None) == ""


def test_an_unsynced_import_is_quoted_from_its_text(tmp_path: Path) -> None:
    path = tmp_path / "kb.txt"
    path.write_text("Kismet|directed_by|William Dieterle\nKismet|release_year|1944\n")
    kb = FilmKB(":memory:")
    import_triples(kb.conn, path)  # its own transaction: the summaries are not synced yet
    assert not summaries.is_fresh(kb.conn)
    (film,) = kb.find_films("Kismet")
    record = kb.film_record(film["id"])
    assert record["directors"][0]["sources"][0]["quote"] == "Kismet|directed_by|William Dieterle"
    web = client(kb)
    assert web.get(f"/films/{film['id']}.json").json()["film"]["url"] == "/films/kismet-1944"


# --- summaries kept by the sync -------------------------------------------------------------


def _stored(conn: sqlite3.Connection) -> tuple[Any, Any, Any]:
    films = [r[0] for r in conn.execute("SELECT id FROM films")]
    persons = [r[0] for r in conn.execute("SELECT DISTINCT person_id FROM claims")]
    persons = [p for p in persons if p is not None]
    quotes = sorted(tuple(r) for r in conn.execute("SELECT id, quote FROM claims"))
    heads = {p: summaries.person_head(conn, p) for p in persons}
    filmographies = {p: browse.person_film_ids(conn, p, 1000, 0) for p in persons}
    return (
        (summaries.film_heads(conn, films), heads, filmographies),
        summaries.stored_spellings(conn, persons),
        quotes,
    )


def _computed(conn: sqlite3.Connection) -> tuple[Any, Any]:
    films = [r[0] for r in conn.execute("SELECT id FROM films")]
    persons = [r[0] for r in conn.execute("SELECT DISTINCT person_id FROM claims")]
    persons = [p for p in persons if p is not None]
    heads = {p: summaries._computed_person_head(conn, p) for p in persons}
    filmographies = {p: browse._computed_person_film_ids(conn, p) for p in persons}
    return (
        (summaries.computed_film_heads(conn, films), heads, filmographies),
        summaries.computed_spellings(conn, persons),
    )


def test_the_summaries_follow_ingests_merges_splits_and_forgets(tmp_path: Path) -> None:
    kb = FilmKB(":memory:")
    kb.ingest([EXAMPLES])
    steps = [
        lambda: kb.merge("person", "Lee Je-hoon", "Koo Kyo-hwan"),
        lambda: kb.split("person", "Koo Kyo-hwan", "Escape", 2024),
        lambda: kb.ingest_extraction(
            made_page(
                "late.txt",
                "Escape (2024) by Lee Jong-pil",
                "blog",
                title="Escape",
                year=2024,
                directors=["LEE Jong-pil"],
            )  # fmt: skip
        ),
        lambda: kb.forget(kb.sources()[0]["source"]),
    ]
    for step in steps:
        step()
        assert summaries.is_fresh(kb.conn)
        heads, spellings, quotes = _stored(kb.conn)
        assert (heads, spellings) == _computed(kb.conn)
        assert all(q is not None for _, q in quotes)
    with kb._transaction():  # built again from scratch: the same rows
        before = _stored(kb.conn)
        summary_sync.refresh_all(kb.conn)
        assert _stored(kb.conn) == before


def test_new_claims_on_the_ids_of_deleted_ones_are_counted_once() -> None:
    kb = FilmKB(":memory:")
    hunt = ("Hunt (2022) by Ann Older", dict(title="Hunt", year=2022, directors=["Ann Older"]))
    kb.ingest_extraction(made_page("z.txt", hunt[0], "blog", **hunt[1]))
    kb.ingest_extraction(made_page("a.txt", "Escape (2024) by Lee Jong-pil", "blog",
                                   title="Escape", year=2024, directors=["Lee Jong-pil"]))  # fmt: skip
    # a.txt again, new bytes: its claims (the top ids) go and the new ones, about the film
    # stored first, get their ids
    kb.ingest_extraction(made_page("a.txt", "Hunt (2022)", "listing", title="Hunt", year=2022))
    heads, spellings, _ = _stored(kb.conn)
    assert (heads, spellings) == _computed(kb.conn)
    (film,) = kb.find_films("Hunt", 2022)
    values = summaries.stored_film_values(kb.conn, film["id"])
    assert values[("title", "Hunt")][0] == 1.0 + 3.0  # a blog and a listing


def test_many_small_pages_add_up_to_what_the_claims_say() -> None:
    import random

    rnd = random.Random(5)
    kb = FilmKB(":memory:")
    people = ["Ann Older", "ANN OLDER", "Bo Newer", "Cy Third", "Sgt. Dee Fourth", "Dee Fourth"]
    for i in range(40):
        title, year = rnd.choice([("Hunt", 2022), ("Hunt", 1999), ("Escape", 2024)])
        title = title.upper() if rnd.random() < 0.2 else title
        directors = rnd.sample(people, 2)
        cast = [(a, rnd.choice(["Kim", "Sgt. Kim", None])) for a in rnd.sample(people, 2)]
        text = f"{title} ({year}) directed by {', '.join(directors)} with " + ", ".join(
            a for a, _ in cast
        )
        kind = rnd.choice(["blog", "news", "listing"])
        kb.ingest_extraction(made_page(f"p{i}.txt", text, kind, title=title, year=year,
                                       directors=directors, cast=cast))  # fmt: skip
        if i % 10 == 9:
            heads, spellings, quotes = _stored(kb.conn)
            assert (heads, spellings) == _computed(kb.conn)
            assert all(q is not None for _, q in quotes)


def test_the_shown_name_is_the_film_pages_and_the_person_pages(examples: FilmKB) -> None:
    web = client(examples)
    film = web.get("/films/escape-2024.json").json()
    for credit in film["record"]["cast"][:5]:
        person = web.get(f"/people/{credit['person_id']}.json").json()
        assert person["person"]["name"] == credit["actor"]
        assert {v["name"] for v in person["person"]["variants"]} >= {
            s["name"] for s in credit["merged"]
        }


# --- a person in many films -----------------------------------------------------------------


@pytest.fixture(scope="module")
def prolific(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, int]:
    folder = tmp_path_factory.mktemp("prolific")
    lines = []
    for i in range(120):
        lines += [
            f"Film {i:03d}|starred_actors|Many Films",
            f"Film {i:03d}|release_year|{1900 + i}",
        ]
    lines += ["Film 120|starred_actors|Many Films", "Film 120|directed_by|Many Films"]  # no year
    path = folder / "kb.txt"
    path.write_text("\n".join(lines) + "\n")
    db = folder / "s.db"
    with FilmKB(db) as kb:
        import_triples(kb.conn, path)
    with FilmKB(db, read_only=True) as kb:
        assert summaries.is_fresh(kb.conn)
        (person,) = kb.search("Many Films")["people"]
    from fastapi.testclient import TestClient

    from filmkb.serve.web import create_app

    return TestClient(create_app(db)), person


def test_a_person_in_many_films_is_paged(prolific: tuple[Any, int]) -> None:
    web, person = prolific
    first = web.get(f"/people/{person}.json").json()
    assert (first["count"], first["pages"], first["per_page"]) == (121, 3, 50)
    assert first["previous"] is None and first["next"] == f"/people/{person}.json?page=2"
    seen = []
    url = f"/people/{person}.json"
    while url:
        page = web.get(url).json()
        seen += [f["title"] for f in page["filmography"]]
        url = page["next"]
    assert len(seen) == len(set(seen)) == 121
    assert seen[:2] == ["Film 119", "Film 118"] and seen[-2:] == ["Film 000", "Film 120"]
    last = web.get(f"/people/{person}.json?page=3").json()
    assert last["previous"] == f"/people/{person}.json?page=2" and last["next"] is None
    assert web.get(f"/people/{person}.json?page=4").status_code == 404
    small = web.get(f"/people/{person}.json?page=2&per_page=10").json()
    assert small["next"] == f"/people/{person}.json?page=3&per_page=10"
    assert [f["title"] for f in small["filmography"]] == seen[10:20]
    roles = {r["role"] for f in first["filmography"] for r in f["roles"]}
    assert roles == {"actor"}


def test_the_person_page_links_its_pages(prolific: tuple[Any, int]) -> None:
    web, person = prolific
    html = web.get(f"/people/{person}?page=2").text
    assert f'href="/people/{person}?page=3"' in html and f'href="/people/{person}?page=1"' in html
    assert "121 films" in html
    assert f'href="/people/{person}.json?page=2"' in html  # the JSON twin of this page


@pytest.mark.parametrize("query", ["page=0", "per_page=0", "per_page=201", "page=x"])
def test_bad_person_page_parameters_are_422(prolific: tuple[Any, int], query: str) -> None:
    web, person = prolific
    assert web.get(f"/people/{person}.json?{query}").status_code == 422
    assert web.get(f"/people/{person}?{query}").status_code == 422


def test_a_person_found_lists_the_first_films_of_the_person_page(
    prolific: tuple[Any, int],
) -> None:
    web, person = prolific
    (card,) = [p for p in web.get("/search.json?q=many").json()["people"] if p["id"] == person]
    page = web.get(f"/people/{person}.json").json()
    assert card["films"] == [f["title"] for f in page["filmography"][:5]]
    assert card["name"] == page["person"]["name"] == "Many Films"
    assert card["variants"] == page["person"]["variants"]
