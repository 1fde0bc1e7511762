"""Questions about *Escape* (2024) answered from the five example pages, with sources."""

from __future__ import annotations

from pathlib import Path

import pytest

from filmkb import FilmKB
from filmkb.ask import Ask

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "escape-2024"


@pytest.fixture(scope="module")
def asker() -> Ask:
    kb = FilmKB(":memory:")
    kb.ingest([EXAMPLES])
    return Ask(kb)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("who plays Hyun-sang in Escape?", ["Koo Kyo-hwan"]),
        ("who plays Gyu-nam in Escape?", ["Lee Je-hoon"]),
        ("who plays Kyu-nam in Escape?", ["Lee Je-hoon"]),
        ("Who played Kyu Nam?", ["Lee Je-hoon"]),
        ("who plays Ri Hyun Sang", ["Koo Kyo-hwan"]),
        ("which actor plays Dong-hyuk in Escape?", ["Hong Xa-bin"]),
        ("who does Lee Je Hoon play in Escape?", ["Lim Kyu-nam"]),
        ("what character does Koo Kyo-hwan play in Escape?", ["Lee Hyun-sang"]),
        ("when does Escape open in the Philippines?", ["2024-07-17"]),
        ("when does Escape open in Singapore?", ["2024-07-11"]),
        ("what is Escape rated in Singapore?", ["NC16"]),
        ("what is the certification of Escape in Singapore?", ["NC16"]),
        ("who distributes Escape in the Philippines?", ["VIVA International Pictures"]),
        ("who distributes Escape in Singapore?", ["Golden Village Pictures"]),
        ("how long is Escape?", ["94 minutes"]),
        ("what is the runtime of Escape?", ["94 minutes"]),
    ],
)
def test_page_fields(asker: Ask, question: str, expected: list[str]) -> None:
    result = asker.ask(question)
    assert result.names == expected
    assert all(answer.facts for answer in result.answers)
    assert all(f.source and f.source.startswith(str(EXAMPLES)) or "escape-2024" in f.source
               for a in result.answers for f in a.facts)  # fmt: skip


def test_writers_and_directors_through_the_graph(asker: Ask) -> None:
    assert set(asker.ask("who wrote Escape?").names) == {"Kwon Seong-hwi", "Kim Woo-geun"}
    assert "Lee Jong-pil" in asker.ask("who directed Escape?").names


def test_cast_of_escape(asker: Ask) -> None:
    names = asker.ask("who acted in Escape").names
    assert {"Lee Je-hoon", "Koo Kyo-hwan", "Hong Xa-bin"} <= set(names)


def test_two_hops_films_of_the_director(asker: Ask) -> None:
    result = asker.ask("which films did the director of Escape make?")
    assert {"Samjin Company English Class", "The Sound of a Flower"} <= set(result.names)
    facts = result.answers[0].facts
    assert [f.relation for f in facts] == ["director", "director"]
    assert facts[0].subject == "Escape"


def test_films_of_an_actor_under_another_spelling(asker: Ask) -> None:
    assert "Escape" in asker.ask("what movies did Koo Kyo Hwan act in").names


def test_reviews_answer_with_the_review_claims(asker: Ask) -> None:
    result = asker.ask("is Escape worth watching?")
    assert len(result.answers) == 1
    assert result.answers[0].name.startswith("3 reviews")
    sources = {f.source for f in result.answers[0].facts}
    assert len(sources) == 3


def test_all_releases_without_territory(asker: Ask) -> None:
    names = asker.ask("when was Escape released?").names
    assert "2024-07-17 (PH)" in names and "2024-07-11 (SG)" in names


@pytest.mark.parametrize(
    "question",
    [
        "when does Escape open in Japan?",
        "who plays Batman in Escape?",
        "what is the capital of France?",
        "",
    ],
)
def test_unanswerable_says_so(asker: Ask, question: str) -> None:
    result = asker.ask(question)
    assert result.answers == []
    assert result.reason
