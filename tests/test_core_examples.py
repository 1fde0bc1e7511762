"""Acceptance: ingest the five real pages of ``examples/escape-2024`` (real extractors).

Assertions marked ``# extraction`` depend on what the extractors find on the pages; the
others pin the merging, ranking and provenance the store adds. A failure in a marked line
is an extraction regression first (compare with ``test_core_escape.py``, which feeds the
same facts by hand).
"""

from __future__ import annotations

from typing import Any

import pytest

from filmkb import FilmKB

from test_core_escape import EXAMPLES  # isort: skip


@pytest.fixture(scope="module")
def kb() -> FilmKB:
    kb = FilmKB(":memory:")
    report = kb.ingest([EXAMPLES])
    assert report.ok and report.count("ingested") == 5
    return kb


@pytest.fixture(scope="module")
def escape(kb: FilmKB) -> dict[str, Any]:
    (found,) = kb.find_films("Escape", year=2024)  # extraction: year on pages 003, 004
    return kb.film_record(found["id"])


def role(escape: dict[str, Any], actor: str) -> dict[str, Any]:
    (found,) = [c for c in escape["cast"] if actor in [c["actor"], *c["actor_aliases"]]]
    return found


def test_one_escape_film_from_five_pages(kb: FilmKB, escape) -> None:
    assert len(kb.find_films("Escape")) == 1
    assert len(escape["documents"]) == 5


def test_directors_ranked(escape) -> None:
    preferred = [d["name"] for d in escape["directors"] if d["rank"] == "preferred"]
    normal = {d["name"] for d in escape["directors"] if d["rank"] == "normal"}
    assert preferred == ["Lee Jong-pil"]
    assert normal == {"Park Dong-jin", "Kang Seung-yeon"}  # extraction: listing 002


def test_writers_runtime_original_title(escape) -> None:
    assert {w["name"] for w in escape["writers"]} == {"Kwon Seong-hwi", "Kim Woo-geun"}
    assert escape["runtime_min"][0]["value"] == 94  # extraction: "1 hr 34 mins" / "94 minute"
    assert escape["original_title"][0]["value"] == "탈주"  # extraction: "ESCAPE (탈주)"


def test_releases(escape) -> None:
    rows = {(r["territory"], r["date"]): r for r in escape["releases"]}
    assert rows[("PH", "2024-07-17")]["distributor"] == "VIVA International Pictures"
    sg = rows[("SG", "2024-07-11")]
    assert (sg["distributor"], sg["certification"]) == ("Golden Village Pictures", "NC16")
    assert "2024-07-03" in {date for _, date in rows}  # extraction: blog 004


def test_characters_merged_across_spellings(escape) -> None:
    kyu = role(escape, "Lee Je-hoon")
    spellings = {a.lower().replace(" ", "-") for a in kyu["aliases"]}
    assert {"kyu-nam", "gyu-nam", "lim-kyu-nam", "lim-gyu-nam"} <= spellings  # extraction
    hyun = role(escape, "Koo Kyo-hwan")
    assert {"Hyun-sang", "Hyeon-sang", "Lee Hyun-sang"} <= set(hyun["aliases"])  # extraction
    assert {"Ri Hyun Sang", "Li Hyeon-sang"} & set(hyun["aliases"])  # extraction
    assert role(escape, "Hong Xa-bin")["character"] == "Kim Dong-hyuk"


def test_all_36_listing_credits_no_person_twice(escape) -> None:
    ids = [c["person_id"] for c in escape["cast"]]
    assert len(ids) == len(set(ids)) == 36  # extraction: the 36 credits of listing 002
    assert role(escape, "Kim Dong-hun")["character"] == "Squad Member"
    assert (
        role(escape, "Ko Seo-jeong")["character_id"] != role(escape, "Lee Je-hoon")["character_id"]
    )


def test_mentioned_films_are_their_own_records(kb: FilmKB) -> None:
    assert kb.find_films("Steel Rain", year=2017)  # extraction: review 003
    (hunt,) = kb.find_films("Time To Hunt")  # extraction: "Lee Je-Hoon (Time To Hunt)"
    cast = kb.film_record(hunt["id"])["cast"]
    assert [c["actor"] for c in cast] == ["Lee Je-hoon"]
    assert kb.find_films("Escape from Mogadishu")


def test_every_fact_quotes_its_source(escape) -> None:
    for key in ("directors", "writers", "cast", "releases", "year", "runtime_min"):
        for statement in escape[key]:
            for source in statement["sources"]:
                assert source["quote"], (key, statement)
