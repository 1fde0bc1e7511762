"""Spec: the FilmKB object — public API, people across films, user overrides, export."""

from __future__ import annotations

from typing import Any

import pytest

import filmkb
from filmkb import FilmKB, NotFound
from test_core_escape import page

ESCAPE = {"title": "Escape", "year": 2024, "directors": ["Lee Jong-pil"]}


def test_public_api_is_short_and_pinned() -> None:
    assert filmkb.__all__ == [
        "CastCredit", "Claim", "Document", "DocumentExtraction", "Evidence", "Fact",
        "FilmExtraction", "FilmKB", "FilmKBError", "IngestReport", "IngestResult", "NotFound",
        "ReadError", "Release", "ReviewInfo", "StoreError", "__version__",
    ]  # fmt: skip
    for name in filmkb.__all__:
        assert hasattr(filmkb, name)


def film(kb: FilmKB, title: str, year: int | None = None) -> dict[str, Any]:
    (found,) = kb.find_films(title, year)
    return kb.film_record(found["id"])


def person_ids(record: dict[str, Any], key: str = "cast") -> dict[str, int]:
    name, aliases = ("actor", "actor_aliases") if key == "cast" else ("name", "aliases")
    return {n: s["person_id"] for s in record[key] for n in [s[name], *s[aliases]]}


def test_unknown_film_is_not_found() -> None:
    with pytest.raises(NotFound):
        FilmKB().film_record(42)


def test_same_spelling_in_two_unconnected_films_may_be_two_people() -> None:
    kb = FilmKB()
    kb.ingest_extraction(page("a", "a", "listing", [dict(ESCAPE, cast=[("Kim Ji-won", "A")])]))
    other = {"title": "Other Film", "year": 1990, "cast": [("Kim Ji-won", "B")]}
    kb.ingest_extraction(page("b", "b", "listing", [other]))
    a = person_ids(film(kb, "Escape"))["Kim Ji-won"]
    b = person_ids(film(kb, "Other Film"))["Kim Ji-won"]
    assert a != b


def test_a_shared_co_worker_links_the_same_spelling_across_films() -> None:
    kb = FilmKB()
    cast = [("Kim Ji-won", "A"), ("Lee Je-hoon", "Kyu-nam")]
    kb.ingest_extraction(page("a", "a", "listing", [dict(ESCAPE, cast=cast)]))
    kb.ingest_extraction(page("c", "c", "news", [{"title": "Third", "cast": cast[1:]}]))
    other = {"title": "Other", "year": 1990, "cast": [("KIM Ji-won", "B"), ("Lee Je-hoon", "C")]}
    kb.ingest_extraction(page("b", "b", "listing", [other]))
    escape, third = film(kb, "Escape"), film(kb, "Other")
    assert person_ids(escape)["Kim Ji-won"] == person_ids(third)["Kim Ji-won"]
    (kim,) = [c for c in third["cast"] if c["actor"] == "Kim Ji-won"]
    rules = [r for spelling in kim["merged"] for r in spelling["rules"]]
    assert any("shared co-worker Lee Je-hoon" in r for r in rules)


def test_one_page_naming_a_person_in_two_films_links_them() -> None:
    kb = FilmKB()
    kb.ingest_extraction(page("a", "a", "review", [
        dict(ESCAPE, cast=[("Lee Je-Hoon", "Gyu-nam")]),
        {"title": "Time To Hunt", "cast": [("Lee Je-Hoon", None)]},
    ]))  # fmt: skip
    escape, hunt = film(kb, "Escape"), film(kb, "Time To Hunt")
    assert person_ids(escape)["Lee Je-Hoon"] == person_ids(hunt)["Lee Je-Hoon"]


def test_a_person_is_never_merged_with_a_character() -> None:
    kb = FilmKB()
    cast = [("Hong Xa-bin", "Kim Dong-hyuk"), ("Kim Dong-hyuk", "Squad Member")]
    kb.ingest_extraction(page("a", "a", "listing", [dict(ESCAPE, cast=cast)]))
    record = film(kb, "Escape")
    roles = {c["actor"]: c["character"] for c in record["cast"]}
    assert roles == {"Hong Xa-bin": "Kim Dong-hyuk", "Kim Dong-hyuk": "Squad Member"}


def test_user_merge_of_people_survives_reingest() -> None:
    kb = FilmKB()
    kb.ingest_extraction(page("a", "a", "listing", [dict(ESCAPE, cast=[("Ma Dong-seok", "X")])]))
    other = {"title": "Other", "year": 2019, "cast": [("Don Lee", "Y")]}
    kb.ingest_extraction(page("b", "b", "listing", [other]))
    kb.merge("person", "Don Lee", "Ma Dong-seok")
    assert (
        person_ids(film(kb, "Escape"))["Ma Dong-seok"] == person_ids(film(kb, "Other"))["Don Lee"]
    )
    kb.forget("b")
    kb.ingest_extraction(page("b", "b", "listing", [other]))
    escape, other_record = film(kb, "Escape"), film(kb, "Other")
    assert person_ids(escape)["Ma Dong-seok"] == person_ids(other_record)["Don Lee"]
    (don,) = other_record["cast"]
    assert any("user merge" in r for s in don["merged"] for r in s["rules"])


def test_user_split_of_a_person_in_one_film_survives_reingest() -> None:
    kb = FilmKB()
    cast = [("Kim Dong-hun", "Squad Member"), ("Lee Je-hoon", "Kyu-nam"), ("Koo Kyo-hwan", "H")]
    kb.ingest_extraction(page("a", "a", "listing", [dict(ESCAPE, cast=cast)]))
    other = {"title": "Other", "year": 1990, "cast": cast}  # linked through co-workers
    kb.ingest_extraction(page("b", "b", "listing", [other]))
    assert person_ids(film(kb, "Escape")) == person_ids(film(kb, "Other"))
    kb.split("person", "Kim Dong-hun", film="Other", year=1990)
    escape, other_record = person_ids(film(kb, "Escape")), person_ids(film(kb, "Other"))
    assert escape["Kim Dong-hun"] != other_record["Kim Dong-hun"]
    assert escape["Lee Je-hoon"] == other_record["Lee Je-hoon"]
    kb.ingest_extraction(page("b", "b changed", "listing", [other]))  # replaced
    escape, other_record = person_ids(film(kb, "Escape")), person_ids(film(kb, "Other"))
    assert escape["Kim Dong-hun"] != other_record["Kim Dong-hun"]


def test_user_merge_and_split_of_characters() -> None:
    kb = FilmKB()
    cast = [("Lee Je-hoon", "Kyu-nam"), ("Lee Je-hoon", "The Deserter")]
    kb.ingest_extraction(page("a", "a", "listing", [dict(ESCAPE, cast=cast)]))
    assert len(film(kb, "Escape")["cast"]) == 2  # one page, two names: two roles
    kb.merge("character", "Kyu-nam", "The Deserter", film="Escape", year=2024)
    (role,) = film(kb, "Escape")["cast"]
    assert set(role["aliases"]) == {"Kyu-nam", "The Deserter"}
    kb.split("character", "The Deserter", film="Escape")
    assert len(film(kb, "Escape")["cast"]) == 2


def test_overrides_need_a_known_entity_kind() -> None:
    with pytest.raises(filmkb.FilmKBError):
        FilmKB().merge("film", "a", "b")
    with pytest.raises(filmkb.FilmKBError):
        FilmKB().merge("character", "a", "b")  # characters need their film


def test_single_valued_conflicts_are_ranked_and_all_kept() -> None:
    kb = FilmKB()
    kb.ingest_extraction(page("a", "a", "listing", [dict(ESCAPE, runtime_min=94)]))
    kb.ingest_extraction(page("b", "b", "review", [dict(ESCAPE, runtime_min=94)]))
    kb.ingest_extraction(page("c", "c", "blog", [dict(ESCAPE, runtime_min=120)]))
    runtimes = {s["value"]: s["rank"] for s in film(kb, "Escape")["runtime_min"]}
    assert runtimes == {94: "preferred", 120: "deprecated"}


def test_a_listing_outweighs_a_blog_for_credits() -> None:
    kb = FilmKB()
    kb.ingest_extraction(page("a", "a", "listing", [dict(ESCAPE, writers=["Kwon Seong-hwi"])]))
    kb.ingest_extraction(page("b", "b", "blog", [dict(ESCAPE, writers=["Somebody Else"])]))
    ranks = {s["name"]: s["rank"] for s in film(kb, "Escape")["writers"]}
    assert ranks == {"Kwon Seong-hwi": "preferred", "Somebody Else": "normal"}


def test_release_without_territory_joins_the_release_with_its_date() -> None:
    kb = FilmKB()
    releases = [{"territory": "KR", "date": "2024-07-03"}, {"date": "2024-07-03"},
                {"date": "2024-08-01"}]  # fmt: skip
    kb.ingest_extraction(page("a", "a", "listing", [dict(ESCAPE, releases=releases)]))
    rows = {(r["territory"], r["date"]): len(r["sources"]) for r in film(kb, "Escape")["releases"]}
    assert rows == {("KR", "2024-07-03"): 2, (None, "2024-08-01"): 1}


def test_a_release_day_without_year_takes_the_film_year_only_when_known() -> None:
    kb = FilmKB()
    kb.ingest_extraction(page("a", "a", "news", [dict(ESCAPE, releases=[{"date": "--07-17"}])]))
    kb.ingest_extraction(page("b", "b", "news", [{"title": "Yearless",
                                                  "releases": [{"date": "--07-17"}]}]))  # fmt: skip
    (known,) = film(kb, "Escape")["releases"]
    assert (known["date"], known["inferred"]) == ("2024-07-17", ["date"])
    (unknown,) = film(kb, "Yearless")["releases"]
    assert (unknown["date"], unknown["inferred"]) == ("--07-17", [])


EXPORT_KEYS = {"id", "title", "original_title", "year", "directors", "writers", "cast",
               "runtime_min", "genres", "releases", "synopsis"}  # fmt: skip


def test_export_has_the_gold_keys_with_ranked_sourced_values() -> None:
    kb = FilmKB()
    text = "Escape (2024) by Lee Jong-pil"
    kb.ingest_extraction(page("a", text, "listing", [ESCAPE]))
    (record,) = kb.export()["films"]
    assert EXPORT_KEYS <= set(record)
    (year,) = record["year"]
    assert year["value"] == 2024 and year["rank"] == "preferred"
    expected = {"source": "a", "start": 8, "end": 12, "quote": "2024"}
    assert expected.items() <= year["sources"][0].items()
    assert record["directors"][0]["name"] == "Lee Jong-pil"
