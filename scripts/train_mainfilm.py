"""Train the main-film ranker and write src/filmkb/extract/model/mainfilm.npz.

    .venv/bin/python scripts/train_mainfilm.py [--pages N] [--out PATH]

Data: the annotated dev pages (tests/gold/pages/dev with their text from
../shared/data/film-pages, tests/gold/general, and the whole HTML pages of tests/corpus/html/dev). For each page, every title candidate
(``filmkb.extract.learned.mainfilm.candidates``, computed on the context the ranker receives)
is labelled 1 when it matches the gold main title (the evaluation's title match), else 0;
(pages about no film are the page model's business: scripts/train_aboutfilm.py);
a binary logistic regression over the candidate features is fitted (liblinear, fixed seed:
deterministic). ``--pages N`` uses the first N dev pages (learning curve). Added to them: the
silver-labelled pages of the unlabelled pool (``scripts/_silver.py``: a known film of which the
page names at least two credited people; no annotated page and no page of a test-split site).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

from _linear import fit_binary  # noqa: E402
from _pages import TAGGER_PAGES, crosstag, dev_documents  # noqa: E402
from _silver import silver_pages  # noqa: E402

from filmkb.evaluate import titles_match  # noqa: E402
from filmkb.extract import context_before  # noqa: E402
from filmkb.extract.learned.mainfilm import context_page, page_features  # noqa: E402

OUT = ROOT / "src" / "filmkb" / "extract" / "model" / "mainfilm.npz"
BITS = 14
C = 0.3


def labelled_candidates(doc, gold: dict):  # noqa: ANN001, ANN201
    """(context, [(features, label, candidate)]) of one page: label 1 for the candidates that
    match the gold main title (the evaluation's title match)."""
    ctx = context_before(doc, "mainfilm.rank")
    films = gold.get("films") or []
    want = films[0].get("title") if films else None
    rows = [
        (feats, int(bool(want) and titles_match(cand.title, want)), cand)
        for cand, feats in page_features(context_page(ctx))
    ]
    return ctx, rows


def examples(limit: int | None) -> tuple[list[list[str]], list[int], int, int]:
    rows, ys = [], []
    found = pages = 0
    for name, doc, gold in dev_documents(limit):
        with crosstag(name, gold):
            _ctx, labelled = labelled_candidates(doc, gold)
        pages += 1
        found += any(y for _f, y, _c in labelled)
        for feats, y, _cand in labelled:
            rows.append(feats)
            ys.append(y)
    return rows, ys, found, pages


def silver_examples() -> tuple[list[list[str]], list[int], int]:
    """The candidates of the silver-labelled pool pages (scripts/_silver.py)."""
    from filmkb.documents.read import document_from_bytes

    rows, ys = [], []
    pages = silver_pages()
    for page_id, _site, text, title in pages:
        doc = document_from_bytes(text.encode("utf-8"), page_id, ".txt")
        _ctx, labelled = labelled_candidates(doc, {"films": [{"title": title}]})
        for feats, y, _cand in labelled:
            rows.append(feats)
            ys.append(y)
    return rows, ys, len(pages)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=None)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    TAGGER_PAGES[0] = args.pages
    rows, ys, found, pages = examples(args.pages)
    srows, sys_, silver = silver_examples()
    model = fit_binary(rows + srows, ys + sys_, BITS, C, "main")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    model.save(str(args.out))
    print(f"pages {pages}, gold title among candidates on {found}; {len(rows)} candidates, "
          f"{sum(ys)} positive; silver pages {silver}, {len(srows)} candidates → {args.out}")  # fmt: skip


if __name__ == "__main__":
    main()
