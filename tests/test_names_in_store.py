"""Name matching in the store: a weak spelling match (a dropped middle initial) merges two
credits only when the films link them — the four look-alike pairs that a context-free
matcher cannot tell apart (tests/data/name_pairs.tsv, kind middle-initial-conflict)."""

from __future__ import annotations

import pytest

from filmkb import FilmKB

from test_core_escape import page  # isort: skip

CONFLICTS = [
    ("Michael B. Jordan", "Creed", 2015, "Michael Jordan", "Space Jam", 1996),
    ("Morgan J. Freeman", "Hurricane Streets", 1997, "Morgan Freeman", "Seven", 1995),
    ("Mark L. Lester", "Commando", 1985, "Mark Lester", "Oliver!", 1968),
    ("Robert M. Young", "Extreme Measures", 1996, "Robert Young", "Crossfire", 1947),
]


def persons(kb: FilmKB) -> int:
    return kb.conn.execute("SELECT COUNT(*) FROM persons").fetchone()[0]


@pytest.mark.parametrize(("a", "film_a", "year_a", "b", "film_b", "year_b"), CONFLICTS)
def test_look_alike_names_in_unrelated_films_stay_two_people(a, film_a, year_a, b, film_b, year_b):
    kb = FilmKB(":memory:")
    kb.ingest_extraction(
        page(
            "p1",
            f"{film_a} ({year_a}) stars {a}.",
            "news",
            [{"title": film_a, "year": year_a, "cast": [(a, None)]}],
        )
    )
    kb.ingest_extraction(
        page(
            "p2",
            f"{film_b} ({year_b}) stars {b}.",
            "news",
            [{"title": film_b, "year": year_b, "cast": [(b, None)]}],
        )
    )
    assert persons(kb) == 2


def test_a_dropped_middle_initial_merges_within_one_film():
    kb = FilmKB(":memory:")
    kb.ingest_extraction(
        page(
            "p1",
            "Pulp Fiction stars Samuel L. Jackson.",
            "listing",
            [
                {
                    "title": "Pulp Fiction",
                    "year": 1994,
                    "cast": [("Samuel L. Jackson", "Jules")],
                }
            ],
        )
    )
    kb.ingest_extraction(
        page(
            "p2",
            "Pulp Fiction stars Samuel Jackson.",
            "review",
            [
                {
                    "title": "Pulp Fiction",
                    "year": 1994,
                    "cast": [("Samuel Jackson", "Jules")],
                }
            ],
        )
    )
    assert persons(kb) == 1
