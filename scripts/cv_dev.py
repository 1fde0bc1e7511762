"""Cross-validated figures for the learned components on the dev split (5 folds by site).

    .venv/bin/python scripts/cv_dev.py [mainfilm|roles]

The main-film ranker and the role model are refitted on 4/5 of the dev pages and scored on the
rest, so these are held-out figures; each page is tagged by the fold tagger that never saw its
site (scripts/train_tagger.py --fold K), as in training. Used to tune features and thresholds
without touching the test split.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

from _linear import fit_binary, fit_multilabel  # noqa: E402
from _pages import FOLDS, crosstag, dev_pages, fold_of  # noqa: E402
from train_mainfilm import labelled_candidates  # noqa: E402

from filmkb.documents.read import document_from_bytes  # noqa: E402
from filmkb.evaluate import titles_match  # noqa: E402
from filmkb.extract.learned.roles import (  # noqa: E402
    ROLES,
    THRESHOLDS,
)  # noqa: E402,E501


def cv_mainfilm() -> None:
    pages = []
    for name, text, gold in dev_pages():
        doc = document_from_bytes(text.encode("utf-8"), name, ".txt")
        with crosstag(name, gold):
            ctx, rows = labelled_candidates(doc, gold)
        films = gold.get("films") or []
        want = films[0].get("title") if films else None
        rule_ok = bool(want) and bool(ctx.main_title) and titles_match(ctx.main_title, want)
        pages.append((fold_of(name, gold), rows, want, rule_ok, bool(ctx.main_title)))
    import itertools

    for c, THRESHOLD in itertools.product((0.3, 1.0, 3.0), (0.03, 0.06, 0.1, 0.15)):  # noqa: N806
        right = wrong = none = 0
        for k in range(FOLDS):
            train = [r for p in pages if p[0] != k for r in p[1]]
            model = fit_binary([r[0] for r in train], [r[1] for r in train], 14, c, "main")
            for fold, rows, want, _, _ in pages:
                if fold != k or not rows:
                    continue
                best = max(rows, key=lambda r: model.proba(r[0])["main"])
                p = model.proba(best[0])["main"]
                if want is None:
                    wrong += p >= THRESHOLD
                    continue
                if p < THRESHOLD:
                    none += 1
                elif best[1]:
                    right += 1
                else:
                    wrong += 1
        print(
            f"mainfilm C={c} t={THRESHOLD}: right {right}, wrong {wrong} (incl. a film on a non-film page), none {none} of {len(pages)}"
        )
    print("rule titles right", sum(p[3] for p in pages), "given", sum(p[4] for p in pages))


def cv_roles() -> None:
    from train_roles import page_mentions, wiki_examples

    pages = []
    for name, text, gold in dev_pages():
        with crosstag(name, gold):
            pages.append((fold_of(name, gold), page_mentions(text, gold)))

    wx, wy = wiki_examples()
    import itertools

    for c, bump in itertools.product((0.3,), (-0.1, 0.0, 0.1, 0.2)):
        tally = {r: [0, 0, 0] for r in ROLES}
        for k in range(FOLDS):
            train = [r for p in pages if p[0] != k for r in p[1]] * 3
            model = fit_multilabel(
                wx + [r[0] for r in train], wy + [r[1] for r in train], list(ROLES), 18, c
            )  # noqa: E501
            for fold, rows in pages:
                if fold != k:
                    continue
                for feats, lab in rows:
                    probs = model.proba_each(feats)
                    for role in ROLES:
                        pred = probs[role] >= min(0.95, THRESHOLDS[role] + bump)
                        t = tally[role]
                        t[0] += pred and role in lab
                        t[1] += pred and role not in lab
                        t[2] += (not pred) and role in lab
        print(
            f"roles C={c}: "
            + "  ".join(
                f"{r} P {t[0] / max(1, t[0] + t[1]):.3f} R {t[0] / max(1, t[0] + t[2]):.3f}"
                for r, t in tally.items()
            )
        )  # noqa: E501


if __name__ == "__main__":
    which = sys.argv[1] if len(sys.argv) > 1 else "mainfilm"
    cv_mainfilm() if which == "mainfilm" else cv_roles()
