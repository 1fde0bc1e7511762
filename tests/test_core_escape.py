"""Spec: five pages about *Escape* (2024) become one sourced, ranked film record.

The extractions are built by hand (what a perfect extractor would say about each page of
``examples/escape-2024``), so these tests pin the store + resolve behaviour alone.
``extraction()`` builds a ``DocumentExtraction`` from gold-shaped dicts; other tests use it.
"""

from __future__ import annotations

import hashlib
import random
from pathlib import Path
from typing import Any

import pytest

from filmkb import FilmKB
from filmkb.documents import read_document
from filmkb.types import (
    CastCredit,
    Document,
    DocumentExtraction,
    Evidence,
    Fact,
    FilmExtraction,
    Release,
)

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "escape-2024"


def fact(doc: Document, value: Any, quote: str | None = None, **evidence: Any) -> Fact:
    """A fact whose span is the first occurrence of ``quote`` (default: the value) in doc."""
    if quote is None:
        quote = value if isinstance(value, str) else str(value)
    start = doc.text.find(quote)
    end = start + len(quote) if start >= 0 else 0
    start = max(start, 0)
    evidence.setdefault("extractor", "hand")
    evidence.setdefault("version", "1")
    return Fact(value, Evidence(doc.source, start, end, **evidence))


def film(doc: Document, spec: dict[str, Any]) -> FilmExtraction:
    """Gold-shaped dict → FilmExtraction ("a|b" character: one credit per spelling)."""
    out = FilmExtraction()
    for key in ("title", "original_title", "year", "runtime_min", "synopsis"):
        if spec.get(key) is not None:
            setattr(out, key, fact(doc, spec[key]))
    for key in ("directors", "writers", "genres"):
        setattr(out, key, [fact(doc, v) for v in spec.get(key, [])])
    for actor, character in spec.get("cast", []):
        for name in (character or "").split("|") if character else [None]:
            out.cast.append(fact(doc, CastCredit(actor, name), quote=name or actor))
    for release in spec.get("releases", []):
        quote = release.pop("quote", None) or release.get("distributor") or ""
        out.releases.append(fact(doc, Release(**release), quote=quote))
    return out


def extraction(
    path: str | Path, kind: str | None, films: list[dict[str, Any]]
) -> DocumentExtraction:
    """A page of a file, with the facts ``films`` (gold-shaped dicts) say it states."""
    return page_of(read_document(path), kind, films)


def page(
    source: str, text: str, kind: str | None, films: list[dict[str, Any]]
) -> DocumentExtraction:
    """A page made up in the test: source, text and the facts it states."""
    sha = hashlib.sha256(text.encode()).hexdigest()
    return page_of(Document(source=source, text=text, sha256=sha), kind, films)


def page_of(doc: Document, kind: str | None, films: list[dict[str, Any]]) -> DocumentExtraction:
    result = DocumentExtraction(document=doc, films=[film(doc, f) for f in films])
    if kind:
        result.kind = Fact(kind, Evidence(doc.source, 0, 0, "hand", "1"))
    if result.films:
        result.films[0].main = True
    return result


LISTING_CAST = [
    ("Seo Hyun-woo", "Major Cha"), ("Jin Yong-uk", "Company Commander"),
    ("Woo Jeong-won", "Director's Wife"), ("Lee Tae-young", "On-call"),
    ("Lee Je-hoon", "Lim Kyu-nam"), ("Koo Kyo-hwan", "Lee Hyun-sang"),
    ("Hong Xa-bin", "Kim Dong-hyuk"), ("Lee Sung-wook", "Lieutenant Hong"),
    ("Yoo Tae-joo", "Captain Ryu"), ("Jung Jun-won", "Second Lieutenant Park"),
    ("Jang Young-nam", "Dong-hyuk's Mother"), ("Song Kang", "Min Sun-woo"),
    ("Esom", "Nomad Leader"), ("Lee Ho-jung", "Girl with Rifle"),
    ("Shin Hyun-ji", "Sang-gu's Sister"), ("Lee Ho-cheol", "Drunken General"),
    ("Kim Sang-heun", "Officer Jung"),
    ("Park Yoon-hee", "Director of the General Political Department"),
    ("Cha Soon-bae", "Division Commander"), ("Song Yo-sep", "Battalion Commander"),
    ("Jang Yo-hoon", "Squad 1"), ("O Seung-baek", "Squad 2"), ("Jung Ha-neul", "Rifle"),
    ("Choi Min-woo", "Division Officer"), ("Bae Cheol-soo", "Radio DJ"),
    ("Park Ga-young", "Ballroom Woman"), ("Kim Yoon-bae", "Wandering Man"),
    ("Lee Seung-yong", "Security Guard"), ("Kim Han-sang", "Ballroom Officer"),
    ("Lee Moo-nyoung", "Ballroom Officer"), ("Ko Seo-jeong", "Kyu-nam's Mother"),
    ("Kim Dong-hun", "Squad Member"), ("Kim Dha-sol", "Company Commander"),
    ("Kim Jae-u", "Squad Member"), ("Park Na-eun", "Wandering kid 1"),
    ("Kang Yu-ra", "Wandering kid 2"),
]  # fmt: skip


def escape_pages() -> list[DocumentExtraction]:
    """The five example pages as a perfect extractor would read them."""
    p = sorted(EXAMPLES.glob("*.txt"))
    return [
        extraction(p[0], "press_release", [
            {"title": "Escape", "directors": ["LEE Jong-pil"],
             "genres": ["action", "military", "drama"],
             "cast": [("LEE Je-hoon", "Kyu-nam|Sgt. Kyu-nam"), ("HONG Xa-bin", "Dong-hyuk"),
                      ("KOO Kyo-hwan", "Hyun-sang")],
             "releases": [{"territory": "PH", "date": "--07-17",
                           "distributor": "VIVA International Pictures"}]},
            {"title": "Samjin Company English Class", "directors": ["LEE Jong-pil"]},
            {"title": "The Sound of a Flower", "directors": ["LEE Jong-pil"]},
        ]),
        extraction(p[1], "news", [
            {"title": "Escape", "directors": ["Lee Jong Pil"],
             "cast": [("Lee Je Hoon", "Gyu Nam"), ("Koo Kyo Hwan", "Ri Hyun Sang")],
             "releases": [{"date": "2024-07", "quote": "July 2024"}]},
        ]),
        extraction(p[2], "listing", [
            {"title": "Escape", "directors": ["Lee Jong-pil", "Park Dong-jin", "Kang Seung-yeon"],
             "cast": LISTING_CAST},
        ]),
        extraction(p[3], "review", [
            {"title": "Escape", "original_title": "탈주", "year": 2024,
             "directors": ["Lee Jong-pil"], "writers": ["Kwon Seong-hwi", "Kim Woo-geun"],
             "cast": [("Lee Je-Hoon", "Lim Gyu-nam|Gyu-nam"),
                      ("Koo Kyo-hwan", "Li Hyeon-sang|Hyeon-sang"),
                      ("Hong Xa-bin", None), ("Song Kang", None)],
             "runtime_min": 94, "genres": ["action", "thriller"],
             "releases": [{"date": "2024-07-11", "distributor": "Golden Village Pictures",
                           "certification": "NC16"}]},
            {"title": "Steel Rain", "year": 2017},
            {"title": "The Spy Gone North", "year": 2018},
            {"title": "Hunt", "year": 2022},
            {"title": "Time To Hunt", "cast": [("Lee Je-Hoon", None)]},
            {"title": "Hopeless", "cast": [("Hong Xa-bin", None)]},
            {"title": "Escape from Mogadishu", "cast": [("Koo Kyo-hwan", None)]},
        ]),
        extraction(p[4], "blog", [
            {"title": "Escape", "year": 2024, "directors": ["Lee Jong-pil"],
             "cast": [("Lee Je-hoon", "Lim Gyu-nam|Gyu-nam"),
                      ("Koo Kyo-hwan", "Hyeon-sang|Li Hyeon-sang|Major Li Hyeon-sang"),
                      ("Hong Xa-bin", "Kim Dong-hyuk")],
             "genres": ["action", "thriller"],
             "releases": [{"date": "2024-07-03", "quote": "July 3, 2024"}]},
        ]),
    ]  # fmt: skip


@pytest.fixture(scope="module")
def kb() -> FilmKB:
    kb = FilmKB(":memory:")
    for page in escape_pages():
        assert kb.ingest_extraction(page).status == "ingested"
    return kb


@pytest.fixture(scope="module")
def escape(kb: FilmKB) -> dict[str, Any]:
    (found,) = kb.find_films("Escape", year=2024)
    return kb.film_record(found["id"])


def names(statements: list[dict[str, Any]], rank: str | None = None) -> list[str]:
    return [s["name"] for s in statements if rank is None or s["rank"] == rank]


def test_five_pages_make_one_escape_film(kb: FilmKB) -> None:
    assert len(kb.find_films("Escape")) == 1
    assert len(kb.find_films("ESCAPE", year=2024)) == 1


def test_director_with_most_support_is_preferred_the_others_kept_below(escape) -> None:
    assert names(escape["directors"], "preferred") == ["Lee Jong-pil"]
    assert sorted(names(escape["directors"], "normal")) == ["Kang Seung-yeon", "Park Dong-jin"]
    lee = escape["directors"][0]
    assert len({s["source"] for s in lee["sources"]}) == 5
    assert {"LEE Jong-pil", "Lee Jong Pil"} <= set(lee["aliases"])


def test_writers_runtime_original_title_year(escape) -> None:
    assert sorted(names(escape["writers"])) == ["Kim Woo-geun", "Kwon Seong-hwi"]
    assert escape["runtime_min"][0]["value"] == 94
    assert escape["original_title"][0]["value"] == "탈주"
    assert escape["year"][0]["value"] == 2024
    assert escape["year"][0]["rank"] == "preferred"


def test_releases_grouped_by_territory_and_date(escape) -> None:
    rows = {(r["territory"], r["date"]): r for r in escape["releases"]}
    ph = rows[("PH", "2024-07-17")]
    assert ph["distributor"] == "VIVA International Pictures"
    assert "date" in ph["inferred"]  # "July 17" took the film's year
    sg = rows[("SG", "2024-07-11")]
    assert (sg["distributor"], sg["certification"]) == ("Golden Village Pictures", "NC16")
    assert any(date == "2024-07-03" for _, date in rows)


def cast_of(escape, actor: str) -> list[dict[str, Any]]:
    return [c for c in escape["cast"] if c["actor"] == actor or actor in c["actor_aliases"]]


def test_lee_je_hoon_plays_one_character_with_every_spelling(escape) -> None:
    (role,) = cast_of(escape, "Lee Je-hoon")
    assert {"Kyu-nam", "Sgt. Kyu-nam", "Gyu Nam", "Lim Kyu-nam", "Lim Gyu-nam", "Gyu-nam"} <= set(
        role["aliases"]
    )
    assert role["character"] == "Lim Kyu-nam"


def test_koo_kyo_hwan_plays_one_hyun_sang(escape) -> None:
    (role,) = cast_of(escape, "Koo Kyo-hwan")
    assert {"Hyun-sang", "Ri Hyun Sang", "Lee Hyun-sang", "Li Hyeon-sang", "Hyeon-sang"} <= set(
        role["aliases"]
    )


def test_hong_xa_bin_plays_kim_dong_hyuk(escape) -> None:
    (role,) = cast_of(escape, "Hong Xa-bin")
    assert role["character"] == "Kim Dong-hyuk"
    assert "Dong-hyuk" in role["aliases"]


def test_all_36_listing_credits_and_no_person_twice(escape) -> None:
    actors = {(c["actor"], c["character"]) for c in escape["cast"]}
    listed = {a for a, _ in LISTING_CAST}
    assert listed <= {a for a, _ in actors}
    person_ids = [c["person_id"] for c in escape["cast"]]
    assert len(person_ids) == len(set(person_ids)) == 36
    assert len(escape["cast"]) == 36


def test_kyu_nams_mother_is_another_character(escape) -> None:
    (mother,) = cast_of(escape, "Ko Seo-jeong")
    assert mother["character"] == "Kyu-nam's Mother"
    (lee,) = cast_of(escape, "Lee Je-hoon")
    assert mother["character_id"] != lee["character_id"]


def test_actor_kim_dong_hun_and_character_kim_dong_hyuk_stay_apart(escape) -> None:
    (hun,) = cast_of(escape, "Kim Dong-hun")
    assert hun["character"] == "Squad Member"
    assert "Kim Dong-hyuk" not in hun["aliases"]


def test_same_role_name_for_two_actors_is_two_characters(escape) -> None:
    squad = [c for c in escape["cast"] if c["character"] == "Squad Member"]
    assert len({c["character_id"] for c in squad}) == 2


def test_mentioned_films_are_their_own_records(kb: FilmKB) -> None:
    (steel,) = kb.find_films("Steel Rain", year=2017)
    (hunt,) = kb.find_films("Time To Hunt")
    record = kb.film_record(hunt["id"])
    assert names([{"name": c["actor"], "rank": c["rank"]} for c in record["cast"]]) == [
        "Lee Je-hoon"
    ]
    assert len(kb.films()) == 9  # Escape + 2 from the press release + 6 from the review
    assert {f["title"] for f in kb.films()} >= {"Escape", "Hunt", "Escape from Mogadishu"}


def test_the_same_actor_in_another_film_is_the_same_person(kb: FilmKB, escape) -> None:
    (hunt,) = kb.find_films("Time To Hunt")
    (lee,) = cast_of(escape, "Lee Je-hoon")
    assert kb.film_record(hunt["id"])["cast"][0]["person_id"] == lee["person_id"]


def test_every_value_has_sources_with_quotes(escape) -> None:
    for key in ("directors", "writers", "cast", "releases", "runtime_min", "year"):
        for statement in escape[key]:
            assert statement["rank"] in {"preferred", "normal", "deprecated"}
            assert statement["sources"]
            for source in statement["sources"]:
                assert {"source", "start", "end", "quote"} <= set(source)
    (lee,) = [d for d in escape["directors"] if d["name"] == "Lee Jong-pil"]
    assert all(s["quote"].lower().replace(" ", "-") == "lee-jong-pil" for s in lee["sources"])


def test_merges_are_explained(escape) -> None:
    (lee,) = [d for d in escape["directors"] if d["name"] == "Lee Jong-pil"]
    rules = [r for spelling in lee["merged"] for r in spelling["rules"]]
    assert any("shared film 'Escape'" in r for r in rules)


@pytest.mark.parametrize("seed", range(6))
def test_the_order_of_pages_does_not_change_the_record(seed: int) -> None:
    pages = escape_pages()
    random.Random(seed).shuffle(pages)
    kb = FilmKB(":memory:")
    for p in pages:
        kb.ingest_extraction(p)
    (found,) = kb.find_films("Escape")
    record = kb.film_record(found["id"])
    assert len({c["person_id"] for c in record["cast"]}) == len(record["cast"]) == 36
    assert len(cast_of(record, "Lee Je-hoon")) == len(cast_of(record, "Koo Kyo-hwan")) == 1
    assert names(record["directors"], "preferred") == ["Lee Jong-pil"]
    assert len(kb.films()) == 9
