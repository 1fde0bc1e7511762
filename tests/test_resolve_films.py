"""Spec: one record per real film — films that share a title stay apart unless supported."""

from __future__ import annotations

from filmkb import FilmKB
from test_core_escape import page

TEXT = "A page about films."


def ingest(kb: FilmKB, source: str, *films: dict, kind: str = "review") -> None:
    kb.ingest_extraction(page(source, TEXT + source, kind, list(films)))


def escapes(kb: FilmKB) -> list[dict]:
    return kb.find_films("Escape")


def test_same_title_different_years_are_different_films() -> None:
    kb = FilmKB()
    ingest(kb, "a", {"title": "Escape", "year": 2024})
    ingest(kb, "b", {"title": "Escape", "year": 2012})
    assert sorted(f["year"] for f in escapes(kb)) == [2012, 2024]


def test_years_one_apart_are_the_same_film() -> None:
    kb = FilmKB()
    ingest(kb, "a", {"title": "Escape", "year": 2024, "directors": ["Lee Jong-pil"]})
    ingest(kb, "b", {"title": "ESCAPE", "year": 2023})  # festival year vs release year
    (film,) = escapes(kb)
    assert film["documents"] == 2


def test_no_year_joins_the_film_it_shares_a_person_with() -> None:
    kb = FilmKB()
    ingest(kb, "a", {"title": "Escape", "year": 2024, "directors": ["Lee Jong-pil"]})
    ingest(kb, "b", {"title": "Escape", "year": 2012, "directors": ["Ruairi Robinson"]})
    ingest(kb, "c", {"title": "Escape", "cast": [("Lee Je-hoon", None)],
                     "directors": ["LEE Jong-pil"]})  # fmt: skip
    by_year = {f["year"]: f for f in escapes(kb)}
    assert len(by_year) == 2
    assert by_year[2024]["documents"] == 2


def test_no_year_and_no_support_stays_apart_when_the_title_is_not_unique() -> None:
    kb = FilmKB()
    ingest(kb, "a", {"title": "Escape", "year": 2024})
    ingest(kb, "b", {"title": "Escape", "year": 2012})
    ingest(kb, "c", {"title": "Escape"})
    assert len(escapes(kb)) == 3


def test_no_year_joins_a_title_unique_in_the_store() -> None:
    kb = FilmKB()
    ingest(kb, "a", {"title": "Steel Rain", "year": 2017})
    ingest(kb, "b", {"title": "Steel Rain"})
    (film,) = kb.find_films("Steel Rain")
    assert film["documents"] == 2


def test_different_directors_contradict_a_title_match() -> None:
    kb = FilmKB()
    ingest(kb, "a", {"title": "Escape", "directors": ["Lee Jong-pil"]})
    ingest(kb, "b", {"title": "Escape", "directors": ["Ruairi Robinson"]})
    assert len(escapes(kb)) == 2


def test_different_original_titles_contradict_a_title_match() -> None:
    kb = FilmKB()
    ingest(kb, "a", {"title": "Escape", "original_title": "탈주"})
    ingest(kb, "b", {"title": "Escape", "original_title": "Évasion"})
    assert len(escapes(kb)) == 2


def test_original_title_alone_links_a_translated_title() -> None:
    kb = FilmKB()
    ingest(kb, "a", {"title": "Escape", "original_title": "탈주", "year": 2024})
    ingest(kb, "b", {"title": "탈주", "year": 2024})
    (film,) = escapes(kb)
    assert film["documents"] == 2


def test_two_films_of_one_page_are_never_merged_together() -> None:
    kb = FilmKB()
    ingest(kb, "a", {"title": "Hunt", "year": 2022}, {"title": "Hunt", "year": 2022})
    assert len(kb.find_films("Hunt")) == 2


def test_mentioned_films_with_other_titles_stay_apart() -> None:
    kb = FilmKB()
    ingest(kb, "a", {"title": "Escape", "year": 2024},
           {"title": "Escape from Mogadishu", "cast": [("Koo Kyo-hwan", None)]})  # fmt: skip
    assert len(escapes(kb)) == 1
    assert len(kb.films()) == 2


def test_every_film_link_keeps_its_reason() -> None:
    kb = FilmKB()
    ingest(kb, "a", {"title": "Escape", "year": 2024, "directors": ["Lee Jong-pil"]})
    ingest(kb, "b", {"title": "Escape", "directors": ["Lee Jong Pil"]})
    rules = [r[0] for r in kb.conn.execute("SELECT rule FROM mentions ORDER BY id")]
    assert rules[0] == "new film"
    assert "shared Lee Jong Pil" in rules[1]
