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


# --- pages nobody tuned on: the annotated film-pages (split by site) and whole HTML pages -----
# Floors sit a little under the figures measured on the landed code (CHANGELOG / closing note).
# dev: the split the learned components were trained and tuned on (fit figures); test: held
# out, scored only to report.
POOL = SHARED / "data" / "film-pages" / "pages.jsonl"
FLOORS = {
    # split: (precision, f1, page's film found)
    "dev": (0.91, 0.83, 0.86),  # session 5: P 0.934, F1 0.857, found 89 of 100 (fit figures)
    "test": (0.85, 0.64, 0.72),  # session 5: P 0.878, F1 0.661, found 45 of 60
}
# dev: 24 pages since session 4 (session 5: P 0.930, F1 0.849, fit); test: P 0.453, F1 0.097
HTML_FLOORS = {"dev": (0.90, 0.82), "test": (0.35, 0.05)}


def _pool_report(split: str):
    if not POOL.exists():
        pytest.skip("../shared/data/film-pages is not present")
    return evaluate(ROOT / "tests" / "gold" / "pages" / split, [POOL])


@pytest.mark.parametrize("split", ["dev", "test"])
def test_annotated_film_pages(split):
    report = _pool_report(split)
    precision, f1, found = FLOORS[split]
    documents = report.documents
    assert documents >= (100 if split == "dev" else 60)
    # only totals in the messages: the test split's errors are never printed
    main = report.to_dict()["main"]
    title_tp = report.to_dict()["fields"]["title"]["tp"]
    del report
    assert main["precision"] >= precision, main
    assert main["f1"] >= f1, main
    assert title_tp / documents >= found, title_tp


@pytest.mark.parametrize("split", ["dev", "test"])
def test_whole_html_pages(split):
    report = evaluate(
        ROOT / "tests" / "gold" / "html" / split, [ROOT / "tests" / "corpus" / "html" / split]
    )
    precision, f1 = HTML_FLOORS[split]
    documents = report.documents
    main = report.to_dict()["main"]
    del report
    assert documents >= (24 if split == "dev" else 6)
    assert main["precision"] >= precision, main
    assert main["f1"] >= f1, main


def test_pages_about_no_film_give_no_film():
    """The held-out half of ../shared/data/non-film-pages (the page model trained on the other
    half): most give no film at all."""
    import json
    import zlib

    from filmkb.documents.read import document_from_bytes
    from filmkb.extract import extract_document

    path = SHARED / "data" / "non-film-pages" / "pages.jsonl"
    if not path.exists():
        pytest.skip("../shared/data/non-film-pages is not present")
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    held = [r for r in rows if zlib.crc32(r["id"].encode()) % 2 == 1]
    with_film = 0
    for row in held:
        doc = document_from_bytes(row["text"].encode("utf-8"), row["id"], ".txt")
        ex = extract_document(doc)
        if ex.films:
            with_film += 1
        else:
            assert ex.notes, "a page with no film says why"
    assert with_film / len(held) <= 0.15, f"{with_film} of {len(held)} non-film pages got a film"
