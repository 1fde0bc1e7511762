"""Train the person-role classifier and write src/filmkb/extract/model/roles.npz.

    .venv/bin/python scripts/train_roles.py [--pages N] [--out PATH]

Examples are PER mentions with their role(s) — director, writer, cast, or none:
  * Wikipedia film leads: the silver PER spans of scripts/train_tagger.py; roles from the film's
    Wikipedia cast and MetaQA kb.txt (directed_by / written_by / starred_actors of the title);
  * the annotated dev pages: the shipped tagger's PER spans on each page, with the roles the
    gold file gives that name (the evaluation's name match). ``--pages N``: first N pages.
One binary logistic regression per role over ``filmkb.extract.learned.roles.mention_features``
(liblinear, deterministic). Run after scripts/train_tagger.py.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

from _linear import fit_multilabel  # noqa: E402
from _pages import TAGGER_PAGES, crosstag, dev_documents  # noqa: E402
from train_tagger import SEED, kb_people, sentences, wiki_rows  # noqa: E402

from filmkb.evaluate import names_match  # noqa: E402
from filmkb.extract.learned.roles import (  # noqa: E402
    ROLES,
    mention_features,
    person_mentions,
    surname_count,
)
from filmkb.extract.learned.tagger import spans_from_tags, tag_entities  # noqa: E402
from filmkb.extract.learned.tokens import tokenize  # noqa: E402

OUT = ROOT / "src" / "filmkb" / "extract" / "model" / "roles.npz"
BITS = 18
C = 0.3
WIKI_FILMS = 6000
PAGE_REPEAT = 3


def kb_roles() -> dict[str, dict[str, set[str]]]:
    out: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    rel = {"directed_by": "director", "written_by": "writer", "starred_actors": "cast"}
    with (ROOT.parent / "shared" / "data" / "metaqa" / "kb.txt").open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("|")
            if len(parts) == 3 and parts[1] in rel:
                out[parts[0]][rel[parts[1]]].add(parts[2])
    return out


def wiki_examples() -> tuple[list[list[str]], list[set[str]]]:
    from train_tagger import label

    roles = kb_roles()
    _by_title, every = kb_people()
    people_by_first: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for seq in every:
        if len(seq) >= 2:
            people_by_first[seq[0]].append(seq)
    rng = random.Random(SEED + 7)
    rows = rng.sample(wiki_rows(), WIKI_FILMS)
    xs, ys = [], []
    for row in rows:
        known = roles.get(row["title"], {})
        cast = set(row.get("cast") or []) | known.get("cast", set())
        title = tuple(t.text for t in tokenize(row["title"]))
        for text, _ in sentences(row["extract"], 4):
            tokens = tokenize(text)
            if not tokens or len(tokens) > 120:
                continue
            present = {t.text for t in tokens}
            people = [
                tuple(t.text for t in tokenize(n))
                for n in cast | known.get("director", set()) | known.get("writer", set())
            ]  # noqa: E501
            for word in present:
                people.extend(people_by_first.get(word, ()))
            tags = label(tokens, {"FILM": [title], "PER": people}, fold=False)
            ents = spans_from_tags(text, tokens, tags)
            main = [(e.start, e.end) for e in ents if e.label == "FILM"]
            for ent in ents:
                if ent.label != "PER":
                    continue
                lab = set()
                for role, names in (("director", known.get("director", set())),
                                    ("writer", known.get("writer", set())), ("cast", cast)):  # fmt: skip
                    if ent.text in names:
                        lab.add(role)
                others = [o for o in ents if o is not ent]
                xs.append(mention_features(text, ent, text, 0, others, main,
                                           surname_count(text, ent.text)))  # fmt: skip
                ys.append(lab)
    return xs, ys


def gold_roles(name: str, film: dict) -> set[str]:
    """The roles a gold film gives a name (the evaluation's name match)."""
    roles = set()
    if any(names_match(name, n) for n in film.get("directors") or []):
        roles.add("director")
    if any(names_match(name, n) for n in film.get("writers") or []):
        roles.add("writer")
    if any(names_match(name, c.get("actor")) for c in film.get("cast") or []):
        roles.add("cast")
    return roles


def page_mentions(text: str, gold: dict) -> list[tuple[list[str], set[str]]]:
    """(features, gold roles) of every PER mention the shipped tagger finds on a page."""
    from filmkb.extract.titles import _title_re

    films = gold.get("films") or []
    g = films[0] if films else {}
    title = (g.get("title") or "").split("|")[0]
    main = [(m.start(), m.end()) for m in _title_re(title.lower()).finditer(text)] if title else []
    return [
        (
            mention_features(text, ent, piece, offset, others, main, surname_count(text, ent.text)),
            gold_roles(ent.text, g),
        )  # fmt: skip
        for ent, piece, offset, others in person_mentions(text, tag_entities(text))
    ]


def page_examples(limit: int | None) -> tuple[list[list[str]], list[set[str]]]:
    from filmkb.extract.base import content_text

    xs, ys = [], []
    for name, doc, gold in dev_documents(limit):
        with crosstag(name, gold):
            mentions = page_mentions(content_text(doc), gold)
        for feats, lab in mentions:
            xs.extend([feats] * PAGE_REPEAT)
            ys.extend([lab] * PAGE_REPEAT)
    return xs, ys


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=None)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    TAGGER_PAGES[0] = args.pages
    wx, wy = wiki_examples()
    px, py = page_examples(args.pages)
    model = fit_multilabel(wx + px, wy + py, list(ROLES), BITS, C)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    model.save(str(args.out))
    counts = {r: sum(r in y for y in wy + py) for r in ROLES}
    print(f"mentions: wiki {len(wx)}, pages {len(px) // PAGE_REPEAT} ×{PAGE_REPEAT}; "
          f"positives {counts} → {args.out}")  # fmt: skip


if __name__ == "__main__":
    main()
