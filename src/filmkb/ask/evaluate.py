"""hits@1 of ``Ask`` on a QA file: MetaQA (``question<TAB>a|b``) or WikiMovies
(``N question?<TAB>a, b``)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from filmkb.ask.answer import Ask


@dataclass
class Score:
    questions: int
    hits1: int
    answered: int
    seconds: float

    @property
    def hits_at_1(self) -> float:
        return self.hits1 / self.questions if self.questions else 0.0

    @property
    def per_second(self) -> float:
        return self.questions / self.seconds if self.seconds else 0.0


def read_qa(path: str | Path, limit: int | None = None) -> list[tuple[str, str]]:
    """(question line, raw gold answers) pairs."""
    out = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        question, _, gold = line.partition("\t")
        if question.strip():
            out.append((question, gold))
        if limit is not None and len(out) >= limit:
            break
    return out


def gold_set(raw: str) -> set[str]:
    sep = "|" if "|" in raw or ", " not in raw else ", "
    return {a.strip() for a in raw.split(sep)}


def is_hit(answer: str, raw: str) -> bool:
    """The answer is one of the gold answers (WikiMovies titles may contain ", ")."""
    if answer in gold_set(raw):
        return True
    return ", " in answer and f", {answer}, " in f", {raw}, "


def evaluate(ask: Ask, pairs: list[tuple[str, str]]) -> Score:
    import time

    start = time.perf_counter()
    hits = answered = 0
    for question, raw in pairs:
        result = ask.ask(question, facts=False)
        if result.answers:
            answered += 1
            hits += is_hit(result.answers[0].name, raw)
    return Score(len(pairs), hits, answered, time.perf_counter() - start)
