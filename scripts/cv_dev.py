"""Cross-validated figures for the learned components on the dev split (5 folds by site).

    .venv/bin/python scripts/cv_dev.py [mainfilm|roles]

The main-film ranker and the role model are refitted on 4/5 of the dev pages and scored on the
rest, so these are held-out figures (the tagger's PER spans come from the shipped tagger, which
saw every dev page: a small leak for the role figures). Used to tune features and thresholds
without touching the test split.
"""

from __future__ import annotations

import sys
import zlib
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

from _linear import fit_binary, fit_multilabel  # noqa: E402
from _pages import dev_pages  # noqa: E402

from filmkb.documents.read import document_from_bytes  # noqa: E402
from filmkb.evaluate import names_match, titles_match  # noqa: E402
from filmkb.extract import context_before  # noqa: E402
from filmkb.extract.learned.mainfilm import candidate_features, context_candidates  # noqa: E402,E501
from filmkb.extract.learned.roles import (  # noqa: E402
    ROLES,
    THRESHOLDS,
    mention_features,
    person_mentions,
    surname_count,
)  # noqa: E402,E501
from filmkb.extract.learned.tagger import tag_entities  # noqa: E402

FOLDS = 5


def fold_of(name: str, gold: dict) -> int:
    site = gold.get("site") or name.split("_")[-1].split("-")[-1]
    return zlib.crc32(site.encode()) % FOLDS


def cv_mainfilm() -> None:
    pages = []
    for name, text, gold in dev_pages():
        doc = document_from_bytes(text.encode("utf-8"), name, ".txt")
        ctx = context_before(doc, "mainfilm.rank")
        cands, persons, tagged = context_candidates(ctx)
        films = gold.get("films") or []
        want = films[0].get("title") if films else None
        rows = [
            (
                candidate_features(
                    c, text, persons, tagged, list(cands.values()), doc.meta.get("og:site_name")
                ),
                int(bool(want) and titles_match(c.title, want)),
                c,
            )
            for c in cands.values()
        ]  # noqa: E501
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
    pages = []
    for name, text, gold in dev_pages():
        films = gold.get("films") or []
        g = films[0] if films else {}
        ents = tag_entities(text)
        rows = []
        for ent, piece, offset, others in person_mentions(text, ents):
            lab = set()
            if any(names_match(ent.text, n) for n in g.get("directors") or []):
                lab.add("director")
            if any(names_match(ent.text, n) for n in g.get("writers") or []):
                lab.add("writer")
            if any(names_match(ent.text, c.get("actor")) for c in g.get("cast") or []):
                lab.add("cast")
            rows.append(
                (
                    mention_features(
                        text, ent, piece, offset, others, [], surname_count(text, ent.text)
                    ),
                    lab,
                )
            )  # noqa: E501
        pages.append((fold_of(name, gold), rows))
    from train_roles import wiki_examples

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
                    z = model.scores(feats)
                    for role, v in zip(ROLES, z, strict=True):
                        pred = 1 / (1 + np.exp(-v)) >= min(0.95, THRESHOLDS[role] + bump)
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


if __name__ == "__main__":
    which = sys.argv[1] if len(sys.argv) > 1 else "mainfilm"
    cv_mainfilm() if which == "mainfilm" else cv_roles()
