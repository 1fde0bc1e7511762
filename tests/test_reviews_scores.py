"""Score normalisation: real score notations → Metacritic-style 0–100 values."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from filmkb.reviews import normalize_score
from filmkb.reviews.scores import LETTER_GRADES, verdict_from_score

NOTATIONS = [
    # linear star / point scales (the examples first)
    ("3/5", 60.0),
    ("2.5/4", 62.5),
    ("7/10", 70.0),
    ("★★★½", 70.0),
    ("4 out of 5 stars", 80.0),
    ("3.5/5", 70.0),
    ("3.5 / 5", 70.0),
    ("3,5/5", 70.0),
    ("★★★★☆", 80.0),
    ("★★☆☆☆", 40.0),
    ("★★★½☆", 70.0),
    ("⭐⭐⭐⭐", 80.0),
    ("***1/2 (out of 4)", 87.5),
    ("★★★ (out of 4)", 75.0),
    ("8 out of 10", 80.0),
    ("4 stars", 80.0),
    ("3.5 stars", 70.0),
    ("2½ stars out of 4", 62.5),
    ("2 1/2 stars", 50.0),
    ("4½/5", 90.0),
    ("85/100", 85.0),
    ("85%", 85.0),
    ("7.5", 75.0),
    ("9.2/10", 92.0),
    ("Rating: 3/5", 60.0),
    ("Score: 8", 80.0),
    ("Metascore: 72", 72.0),
    ("Our rating: 4 out of 5", 80.0),
    ("4/5 stars", 80.0),
    ("Three stars", 60.0),
    ("three out of five", 60.0),
    ("1.5/4", 37.5),
    ("10/10", 100.0),
    ("0/5", 0.0),
    # the letter ladder
    ("A+", 100.0),
    ("A", 100.0),
    ("Grade: A-", 91.0),
    ("B+", 83.0),
    ("B", 75.0),
    ("b-", 67.0),
    ("C+", 58.0),
    ("C", 50.0),
    ("C\u2212", 42.0),
    ("D+", 33.0),
    ("D", 25.0),
    ("D-", 16.0),
    ("F", 0.0),
]


@pytest.mark.parametrize(("raw", "expected"), NOTATIONS)
def test_normalize_score_notation(raw: str, expected: float) -> None:
    assert normalize_score(raw) == pytest.approx(expected)


@pytest.mark.parametrize(
    "raw", ["", "   ", "great", "A film", "E", "11/10", "6/5", "two thumbs up", None]
)
def test_not_a_score_is_none(raw: str | None) -> None:
    assert normalize_score(raw) is None


def test_letter_ladder_is_monotonic() -> None:
    values = list(LETTER_GRADES.values())
    assert values == sorted(values, reverse=True)


@pytest.mark.parametrize(
    ("score", "verdict"),
    [
        (100, "positive"),
        (60, "positive"),
        (59.9, "mixed"),
        (40, "mixed"),
        (39.9, "negative"),
        (0, "negative"),
    ],
)
def test_score_decides_verdict(score: float, verdict: str) -> None:
    assert verdict_from_score(score) == verdict


def test_scale_fractions_are_linear() -> None:
    for scale in (4, 5, 10, 100):
        for step in range(scale + 1):
            assert normalize_score(f"{step}/{scale}") == pytest.approx(round(100 * step / scale, 1))


@given(st.text(max_size=40))
def test_any_text_gives_none_or_0_to_100(raw: str) -> None:
    value = normalize_score(raw)
    assert value is None or 0.0 <= value <= 100.0


@given(st.integers(0, 100), st.integers(1, 100))
def test_fraction_is_linear(numerator: int, scale: int) -> None:
    value = normalize_score(f"{numerator}/{scale}")
    if numerator > scale:
        assert value is None
    else:
        assert value == pytest.approx(100 * numerator / scale, abs=0.051)  # one decimal
