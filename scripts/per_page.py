"""Per-page main-film tallies for a gold folder (a development aid: which pages gain or lose).

    .venv/bin/python scripts/per_page.py GOLD_DIR PATH... > out.tsv

Prints name, tp, fp, fn, predicted title, gold title — one line per scored page. Use it on
dev folders only (the test split is scored, never inspected).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from filmkb.errors import ReadError  # noqa: E402
from filmkb.evaluate import Report, load_gold, pool_documents, score_document  # noqa: E402
from filmkb.extract import extract_document, extract_paths  # noqa: E402
from filmkb.extract.gold import to_gold  # noqa: E402


def main() -> None:
    gold = load_gold(sys.argv[1])
    paths = sys.argv[2:]
    docs = []
    for p in paths:
        if p.endswith(".jsonl"):
            docs += [(d.source, extract_document(d)) for d in pool_documents(p, set(gold))]
        else:
            docs += [
                (e.document.name, e) for e in extract_paths([p]) if not isinstance(e, ReadError)
            ]
    for name, ex in sorted(docs):
        if name not in gold:
            continue
        report = Report()
        pred = to_gold(ex, evidence=False)
        score_document(pred, gold[name], report)
        t = report.main
        films = pred.get("films") or [{}]
        gfilms = gold[name].get("films") or [{}]
        print(f"{name}\t{t.tp}\t{t.fp}\t{t.fn}\t{films[0].get('title')}\t{gfilms[0].get('title')}")


if __name__ == "__main__":
    main()
