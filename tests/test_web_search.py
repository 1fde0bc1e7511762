"""Spec: search that forgives (issue 12) — SQLite FTS5 (trigram) over titles, alternative
titles, people's spellings and characters, ranked; part of a name is enough, small typos are
forgiven; the index follows ingest, forget, rebuild and knowledge-base imports."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from filmkb import FilmKB
from filmkb.store import search as name_search
from test_web_kit import EXAMPLES, client, made_page


def godfather(kb: FilmKB, source: str = "godfather.txt") -> None:
    text = (
        "The Godfather (1972), directed by Francis Ford Coppola. Marlon Brando plays"
        " Vito Corleone; Al Pacino plays Michael Corleone. Original title: Il padrino."
    )
    kb.ingest_extraction(
        made_page(source, text, "listing", title="The Godfather", year=1972,
                  original_title="Il padrino", directors=["Francis Ford Coppola"],
                  cast=[("Marlon Brando", "Vito Corleone"), ("Al Pacino", "Michael Corleone")])
    )  # fmt: skip


def jaws(kb: FilmKB) -> None:
    text = "Jaws (1975) is directed by Steven Spielberg. Roy Scheider is Chief Brody."
    kb.ingest_extraction(
        made_page("jaws.txt", text, "listing", title="Jaws", year=1975,
                  directors=["Steven Spielberg"], cast=[("Roy Scheider", "Chief Brody")])
    )  # fmt: skip
    text = "Spielberg Street (2001), a short by Anne Spielbergova."
    kb.ingest_extraction(made_page("street.txt", text, "blog", title="Spielberg Street",
                                   year=2001, directors=["Anne Spielbergova"]))  # fmt: skip


@pytest.fixture(scope="module")
def kb() -> FilmKB:
    kb = FilmKB(":memory:")
    kb.ingest([EXAMPLES])
    godfather(kb)
    jaws(kb)
    return kb


@pytest.fixture(scope="module")
def web(kb: FilmKB) -> Any:
    return client(kb)


def found(web: Any, q: str, field: str) -> list[str]:
    return [x["name" if field != "films" else "title"] for x in web.get("/search.json", params={"q": q}).json()[field]]  # fmt: skip


@pytest.mark.parametrize("q", ["godfather", "GODFATHER", "Godfather", "the godfather", "godf"])
def test_part_of_a_title_finds_the_film(web: Any, q: str) -> None:
    assert found(web, q, "films")[0] == "The Godfather"


def test_an_alternative_title_finds_the_film(web: Any) -> None:
    assert found(web, "padrino", "films") == ["The Godfather"]
    assert found(web, "탈주", "films")[0] == "Escape"


@pytest.mark.parametrize("q", ["Spielberg", "spielberg", "Steven", "steven spielberg"])
def test_a_surname_or_given_name_finds_the_person(web: Any, q: str) -> None:
    assert found(web, q, "people")[0] == "Steven Spielberg"


def test_whole_words_rank_before_parts_of_words(web: Any) -> None:
    people = found(web, "Spielberg", "people")
    assert people.index("Steven Spielberg") < people.index("Anne Spielbergova")
    films = found(web, "escape", "films")
    assert films[:2] == ["Escape", "Escape from Mogadishu"]  # the exact title first


@pytest.mark.parametrize(
    ("q", "character", "actor"),
    [("Corleone", "Vito Corleone", "Marlon Brando"), ("vito", "Vito Corleone", "Marlon Brando"),
     ("Gyu Nam", "Lim Kyu-nam", "Lee Je-hoon"), ("kyu-nam", "Lim Kyu-nam", "Lee Je-hoon")],
)  # fmt: skip
def test_characters_are_searchable_with_their_actor_and_film(
    web: Any, q: str, character: str, actor: str
) -> None:
    hits = web.get("/search.json", params={"q": q}).json()["characters"]
    hit = next(h for h in hits if h["name"] == character)
    assert actor in [a["name"] for a in hit["actors"]]
    assert hit["url"] == hit["film"]["url"] + "#cast"
    html = web.get("/search", params={"q": q}).text
    assert character in html and actor in html


@pytest.mark.parametrize(
    ("q", "field", "name"),
    [("escpe", "films", "Escape"), ("godfathr", "films", "The Godfather"),
     ("spilberg", "people", "Steven Spielberg"), ("Stephen Spielberg", "people", "Steven Spielberg"),
     ("corleon", "characters", "Vito Corleone"), ("Coppolla", "people", "Francis Ford Coppola")],
)  # fmt: skip
def test_small_typos_are_forgiven(web: Any, q: str, field: str, name: str) -> None:
    assert found(web, q, field)[0] == name


def test_typos_do_not_match_everything(web: Any) -> None:
    data = web.get("/search.json", params={"q": "xqzvw"}).json()
    assert data["films"] == data["people"] == data["characters"] == []
    assert found(web, "escpe", "people") == []


def test_korean_names_still_match_in_any_order_and_romanization(web: Any) -> None:
    for q in ("Je-hoon Lee", "LEE JE HOON", "lee je hoon"):
        assert "Lee Je-hoon" in found(web, q, "people")


def test_short_and_odd_queries_are_answered(web: Any) -> None:
    assert "Jaws" in found(web, "ja", "films")
    for q in ['"', "''", "%", "_", "a OR b", "NEAR(x y)", "*", "\\", "탈", "-", "\x00"]:
        assert web.get("/search.json", params={"q": q}).status_code == 200, q


# --- the index follows the store ---------------------------------------------------------------


def test_forget_ingest_and_rebuild_keep_the_index(tmp_path: Path) -> None:
    kb = FilmKB(":memory:")
    godfather(kb, "a.txt")
    assert [h.name for h in name_search.search(kb.conn, "padrino")["film"]] == ["Il padrino"]
    kb.forget("a.txt")
    assert name_search.search(kb.conn, "padrino")["film"] == []
    assert name_search.search(kb.conn, "corleone")["character"] == []
    godfather(kb, "b.txt")
    hits = name_search.search(kb.conn, "brando")["person"]
    assert len(hits) == 1
    kb.rebuild()  # every entity made again: the hits follow the claims' new links
    (after,) = name_search.search(kb.conn, "brando")["person"]
    now = kb.conn.execute(
        "SELECT DISTINCT person_id FROM claims WHERE value LIKE '%Marlon Brando%'"
    ).fetchall()
    assert [r[0] for r in now] == [after.entity_id]
    rows = kb.conn.execute("SELECT count(*) FROM search_names").fetchone()[0]
    check = kb.conn.execute(
        "INSERT INTO search_fts (search_fts, rank) VALUES ('integrity-check', 1)"
    )
    assert check.fetchall() == [] and rows == 7  # title, original title, director, 2 × cast


def test_a_knowledge_base_import_is_searchable_before_and_after_the_sync(tmp_path: Path) -> None:
    from filmkb.ask import import_triples

    kb_file = tmp_path / "kb.txt"
    kb_file.write_text(
        "Zodiac Killer Story|directed_by|Dana Quillfeather\n"
        "Zodiac Killer Story|starred_actors|Morgan Pellowe\n"
        "Zodiac Killer Story|release_year|1999\n",
        encoding="utf-8",
    )
    db = tmp_path / "kb.db"
    kb = FilmKB(db)
    import_triples(kb.conn, kb_file)  # its own transaction: the FTS index is not synced yet
    synced = kb.conn.execute("SELECT synced_claim FROM search_state").fetchone()[0]
    assert synced < kb.conn.execute("SELECT max(id) FROM claims").fetchone()[0]
    assert [h.name for h in name_search.search(kb.conn, "quillfeather")["person"]]
    assert name_search.search(kb.conn, "zodiac killer")["film"]
    kb.close()  # syncs
    with FilmKB(db) as again:
        last = again.conn.execute("SELECT max(id) FROM claims").fetchone()[0]
        assert again.conn.execute("SELECT synced_claim FROM search_state").fetchone()[0] == last
        assert name_search.search(again.conn, "quilfeather")["person"]  # a typo, via FTS
        assert name_search.search(again.conn, "pellowe")["person"]


def test_a_store_made_before_the_index_gets_it_on_open(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    with FilmKB(db) as kb:
        godfather(kb)
        for table in ("search_fts", "search_names", "search_claims_gone", "search_state"):
            kb.conn.execute(f"DROP TABLE {table}")
        kb.conn.execute("DROP TRIGGER claims_search_gone")
        kb.conn.execute("DELETE FROM migrations WHERE name = '0005_search_names'")
    with FilmKB(db) as kb:
        assert name_search.search(kb.conn, "godfather")["film"]
        assert name_search.search(kb.conn, "corleone")["character"]
