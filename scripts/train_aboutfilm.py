"""Train the page-level "about a film" model: src/filmkb/extract/model/aboutfilm.npz.

    .venv/bin/python scripts/train_aboutfilm.py [--out PATH]

Positives: ../shared/data/film-pages pages whose id has an even CRC-32 and that are not in the
annotated test split; negatives: the training half of ../shared/data/non-film-pages. The odd
halves of both are held out and scored here (accuracy on each). Hashed word 1–2-grams, logistic
regression (liblinear, balanced classes): deterministic.
"""

from __future__ import annotations

import argparse
import json
import sys
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

import numpy as np  # noqa: E402
from _linear import matrix  # noqa: E402
from _pages import POOL, non_film_pages  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402

from filmkb.extract.learned.aboutfilm import THRESHOLD, page_features  # noqa: E402
from filmkb.extract.learned.linear import HashedLinear  # noqa: E402

OUT = ROOT / "src" / "filmkb" / "extract" / "model" / "aboutfilm.npz"
BITS = 18
C = 1.0


def film_pages(half: int) -> list[tuple[str, str]]:
    test = {
        line.split("\t")[1]
        for line in (ROOT / "tests" / "gold" / "pages" / "SPLIT.tsv").read_text().splitlines()
        if line.startswith("test\t")
    }
    with POOL.open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    return [
        (r["id"], r["text"])
        for r in rows
        if r["id"] not in test and zlib.crc32(r["id"].encode()) % 2 == half
    ]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    pos, neg = film_pages(0), non_film_pages(0)
    rows = [page_features(t) for _, t in pos + neg]
    y = np.array([1] * len(pos) + [0] * len(neg))
    lr = LogisticRegression(C=C, solver="liblinear", class_weight="balanced", random_state=0)
    lr.fit(matrix(rows, BITS), y)
    model = HashedLinear(lr.coef_.T, lr.intercept_, ["film"], BITS)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    model.save(str(args.out))
    held_pos, held_neg = film_pages(1), non_film_pages(1)
    from filmkb.extract.learned.linear import load_model

    load_model.cache_clear()
    saved = HashedLinear(*_reload(args.out))
    ok_pos = sum(saved.proba(page_features(t))["film"] >= THRESHOLD for _, t in held_pos)
    ok_neg = sum(saved.proba(page_features(t))["film"] < THRESHOLD for _, t in held_neg)
    print(f"train {len(pos)} film / {len(neg)} non-film; held out: film pages kept "
          f"{ok_pos}/{len(held_pos)}, non-film pages refused {ok_neg}/{len(held_neg)} → {args.out}")  # fmt: skip


def _reload(path: Path):  # noqa: ANN202
    with np.load(path) as d:
        return d["weights"], d["bias"], [str(c) for c in d["classes"]], int(d["bits"])


if __name__ == "__main__":
    main()
