"""Quality gates: extraction F1 / precision on the example and generalisation corpora.

The floors are pinned a little under the measured figures so that a regression fails CI.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from filmkb.evaluate import evaluate

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def test_example_corpus_against_shared_gold():
    gold = SHARED / "eval" / "escape-2024"
    if not gold.is_dir():
        pytest.skip("../shared/eval is not present")
    report = evaluate(gold, [ROOT / "examples" / "escape-2024"])
    main = report.main
    assert report.documents == 5
    assert main.precision >= 0.95, report.errors
    assert main.f1 >= 0.90, report.errors
    assert report.mentioned.f1 >= 0.9


def test_generalisation_corpus():
    report = evaluate(ROOT / "tests" / "gold" / "general", [ROOT / "tests" / "corpus" / "general"])
    assert report.documents >= 12
    assert report.main.precision >= 0.95, report.to_dict()
    assert report.main.f1 >= 0.90, report.to_dict()
