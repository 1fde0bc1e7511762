"""Train the page-kind model: src/filmkb/extract/model/kind.npz.

    .venv/bin/python scripts/train_kind.py [--out PATH] [--cv]

Data: the gold kinds of the annotated dev pages (dev film-pages, the 17 general pages, the whole
HTML dev pages, the five example pages); never a test-split page. Hashed features (``filmkb.extract.learned.kind``),
one multinomial logistic regression (lbfgs, balanced classes): deterministic, seconds.

``--cv`` scores the pages by site-grouped 5-fold cross-validation first and prints kind
accuracy, the confusion, and how the review-or-blog decision (``OPINION`` in
``extract/kind.py``, which decides whether the page's verdict is read) goes; the shipped model
is then fitted on all of them.
"""

from __future__ import annotations

import argparse
import json
import sys
import zlib
from collections import Counter
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

import numpy as np  # noqa: E402
from _linear import matrix  # noqa: E402
from _pages import POOL, dev_documents  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402

from filmkb.extract.kind import cue_hits, decide  # noqa: E402
from filmkb.extract.learned.kind import page_features  # noqa: E402
from filmkb.extract.learned.linear import HashedLinear  # noqa: E402

OUT = ROOT / "src" / "filmkb" / "extract" / "model" / "kind.npz"
BITS = 16
C = 1.0
CLASSES = ["blog", "listing", "news", "press_release", "review"]
SPLIT = ROOT / "tests" / "gold" / "pages" / "SPLIT.tsv"
EXAMPLES = ROOT / "examples" / "escape-2024"
EXAMPLE_GOLD = ROOT.parent / "shared" / "eval" / "escape-2024"


def site(url: str) -> str:
    host = urlparse(url).netloc.lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


def gold_rows() -> list[tuple[str, str, str]]:
    """(site key, text, kind) of every annotated dev page with a kind."""
    urls = {}
    if POOL.exists():
        with POOL.open(encoding="utf-8") as fh:
            urls = {r["id"]: r["url"] for r in map(json.loads, fh)}
    out = []
    for name, doc, gold in dev_documents():
        kind = gold.get("kind")
        if kind not in CLASSES:
            continue
        key = site(urls[name]) if name in urls else name
        out.append((key, doc.text, kind))  # type: ignore[attr-defined]
    # the five example pages (one site each; their gold lives in ../shared/eval)
    for path in sorted(EXAMPLE_GOLD.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        page = EXAMPLES / gold["source"]
        if page.exists() and gold.get("kind") in CLASSES:
            out.append((gold["source"], page.read_text(encoding="utf-8"), gold["kind"]))
    return out


def featurise(rows: list[tuple[str, str, str]]) -> list[list[str]]:
    return [page_features(text, cue_hits(text)[1]) for _, text, _ in rows]


def fit(feats: list[list[str]], labels: list[str]) -> HashedLinear:
    x = matrix(feats, BITS)
    y = np.array([CLASSES.index(k) for k in labels])
    lr = LogisticRegression(C=C, max_iter=2000, tol=1e-6, class_weight="balanced")
    lr.fit(x, y)
    return HashedLinear(
        lr.coef_.T.astype(np.float32), lr.intercept_.astype(np.float32), CLASSES, BITS
    )


def cross_validate(rows: list[tuple[str, str, str]], feats: list[list[str]]) -> None:
    confusion: Counter[tuple[str, str]] = Counter()
    opinion = {"review", "blog"}
    for fold in range(5):
        held = {key for key, _, _ in rows if zlib.crc32(key.encode()) % 5 == fold}
        train = [i for i, row in enumerate(rows) if row[0] not in held]
        model = fit([feats[i] for i in train], [rows[i][2] for i in train])
        for i, (key, _, kind) in enumerate(rows):
            if key in held:
                confusion[(kind, decide(model.proba(feats[i])))] += 1
    right = sum(n for (g, p), n in confusion.items() if g == p)
    lost = sum(n for (g, p), n in confusion.items() if g in opinion and p not in opinion)
    added = sum(n for (g, p), n in confusion.items() if g not in opinion and p in opinion)
    print(f"CV kind accuracy {right}/{len(rows)} = {right / len(rows):.3f}")
    print(
        f"review/blog pages read as another kind: {lost}; other pages read as review/blog: {added}"
    )
    for (g, p), n in sorted(confusion.items()):
        print(f"  gold {g:14} read {p:14} {n}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--cv", action="store_true")
    args = parser.parse_args()
    rows = gold_rows()
    feats = featurise(rows)
    print(f"annotated dev pages with a kind: {len(rows)}", file=sys.stderr)
    if args.cv:
        cross_validate(rows, feats)
    model = fit(feats, [r[2] for r in rows])
    args.out.parent.mkdir(parents=True, exist_ok=True)
    model.save(str(args.out))
    print(f"wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
