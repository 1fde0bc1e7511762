"""hits@1 floors on a few hundred MetaQA / WikiMovies dev questions (the bench runs all).

Skipped when ``/work/shared`` (the data sets) is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from filmkb import FilmKB
from filmkb.ask import Ask, import_triples
from filmkb.ask.evaluate import evaluate, read_qa

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DATA = SHARED / "data"
KB_FILE = DATA / "metaqa" / "kb.txt"

pytestmark = pytest.mark.skipif(not KB_FILE.exists(), reason="shared MetaQA data absent")

SAMPLE = 300


@pytest.fixture(scope="module")
def asker() -> Ask:
    kb = FilmKB(":memory:")
    import_triples(kb.conn, KB_FILE)
    return Ask(kb)


def _every_nth(path: Path, n: int) -> list[tuple[str, str]]:
    pairs = read_qa(path)
    step = max(1, len(pairs) // n)
    return pairs[::step][:n]


@pytest.mark.parametrize(
    ("rel", "floor"),
    [
        # pinned just under the measured sample values (0.930 / 0.947 / 0.983 / 0.927 /
        # 0.960); kb.txt lacks the facts for ~2-4% of the dev questions (bench --ceiling)
        ("metaqa/1-hop/qa_dev.txt", 0.92),
        ("metaqa/2-hop/qa_dev.txt", 0.94),
        ("metaqa/3-hop/qa_dev.txt", 0.97),
        ("metaqa/1-hop/qa_dev_paraphrased.txt", 0.92),
        ("wikimovies/wiki-entities_qa_dev.txt", 0.95),
    ],
)
def test_hits_at_1_floor(asker: Ask, rel: str, floor: float) -> None:
    score = evaluate(asker, _every_nth(DATA / rel, SAMPLE))
    assert score.hits_at_1 >= floor, f"{rel}: {score.hits1}/{score.questions}"


def test_answers_carry_the_kb_line_as_source(asker: Ask) -> None:
    result = asker.ask("what movies did [Temuera Morrison] act in")
    assert set(result.names) >= {"Once Were Warriors", "Tracker", "River Queen"}
    fact = result.answers[0].facts[0]
    assert fact.source == str(KB_FILE)
    assert asker.quote(fact) == f"{fact.subject}|starred_actors|Temuera Morrison"


def test_three_hops_with_a_chain_of_facts(asker: Ask) -> None:
    result = asker.ask("who acted in the movies directed by the director of [Some Mother's Son]")
    assert {"Bill Paxton", "Don Cheadle"} <= set(result.names)  # kb.txt lacks Phoenix there
    assert [f.relation for f in result.answers[0].facts] == ["director", "director", "cast"]


def test_entity_found_without_brackets_case_insensitive(asker: Ask) -> None:
    assert "Weekend" in asker.ask("what does tom cullen act in?").names


def test_batch_line_formats(asker: Ask) -> None:
    lines = ["1 what movies did Evelyn Venable act in?\tAlice Adams, Death Takes a Holiday"]
    (result,) = list(asker.batch(lines))
    assert result.question == "what movies did Evelyn Venable act in?"
    assert "Alice Adams" in result.names


def test_unknown_entity_is_not_guessed(asker: Ask) -> None:
    result = asker.ask("what movies did [Zzyzx Qwerty] act in")
    assert result.answers == [] and result.reason
