"""Sentence-level pros and cons per aspect."""

from __future__ import annotations

from pathlib import Path

import pytest

from filmkb.reviews import Aspect, extract_aspects
from filmkb.reviews.aspects import ASPECT_TERMS, split_sentences

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "escape-2024"


def page(prefix: str) -> str:
    (path,) = EXAMPLES.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def found(text: str) -> set[tuple[str, str]]:
    return {(a.aspect, a.polarity) for a in extract_aspects(text)}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Lee Je-hoon delivers a powerful performance.", {("acting", "pro")}),
        ("The acting is wooden.", {("acting", "con")}),
        ("The acting is not convincing.", {("acting", "con")}),
        ("The script is sharp and the dialogue crackles.", {("story", "pro")}),
        ("It could have been better with a tighter script.", {("story", "con")}),
        ("The director stages every scene with real confidence.", {("direction", "pro")}),
        ("The cinematography is gorgeous.", {("visuals", "pro")}),
        ("The action sequences are clumsy and incoherent.", {("visuals", "con")}),
        ("The pacing is sluggish and the middle drags.", {("pacing", "con")}),
        ("The score is haunting.", {("music", "pro")}),
        ("The soundtrack is intrusive.", {("music", "con")}),
        (
            "The cast is excellent, but the plot is predictable.",
            {("acting", "pro"), ("story", "con")},
        ),
    ],
)
def test_aspect_and_polarity(sentence: str, expected: set[tuple[str, str]]) -> None:
    assert found(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "The soldier runs across the fields towards the border.",  # plot, no evaluation
        "Escape is a 2024 South Korean action-thriller film directed by Lee Jong-pil.",
        "He is alive and well in the South, as well as his mother.",
    ],
)
def test_plot_and_facts_are_not_pros_or_cons(sentence: str) -> None:
    assert extract_aspects(sentence) == []


def test_offsets_point_at_the_sentence() -> None:
    text = "A quiet opening. The cast is superb!  The pacing, however, is slow."
    aspects = extract_aspects(text)
    assert [(a.aspect, a.polarity) for a in aspects] == [("acting", "pro"), ("pacing", "con")]
    for aspect in aspects:
        assert isinstance(aspect, Aspect)
        assert text[aspect.start : aspect.end] == aspect.sentence


def test_sentences_split_with_offsets() -> None:
    text = "One. Two!  Three?\nFour"
    assert [text[s:e] for s, e in split_sentences(text)] == ["One.", "Two!", "Three?", "Four"]


def test_mixed_example_has_pros_and_cons() -> None:
    """Seed 002 (a mixed user review): decent action, but uneven tension and a loose script."""
    text = page("002")
    review = text[text.index("MovieGuys") :]
    aspects = found(review)
    assert ("visuals", "pro") in aspects
    assert ("pacing", "con") in aspects
    assert ("story", "con") in aspects


def test_positive_example_is_mostly_pros() -> None:
    """Seed 004 (a positive blog review): acting and direction praised, no cons."""
    aspects = extract_aspects(page("004"))
    pros = {a.aspect for a in aspects if a.polarity == "pro"}
    assert {"acting", "direction", "visuals"} <= pros
    assert [a for a in aspects if a.polarity == "con"] == []


def test_aspect_names_are_the_issue_ones() -> None:
    assert set(ASPECT_TERMS) == {"acting", "story", "direction", "visuals", "pacing", "music"}
