"""Train the entity tagger (PER, FILM, ORG) and write src/filmkb/extract/model/tagger.crfsuite.

    .venv/bin/python scripts/train_tagger.py [--pages N] [--out PATH]

Silver labels (distant supervision, no hand labels needed):
  * Wikipedia film leads (../shared/data/wikipedia-movies, CC BY-SA): the article's film title →
    FILM; the film's cast, MetaQA kb.txt directors/writers/actors of the same title, any name
    credited anywhere in kb.txt or a Wikipedia cast, and known-first-name + capitalised words →
    PER; capitalised runs ending in a company word (Pictures, Productions, …) → ORG.
  * The annotated dev pages (tests/gold/pages/dev + tests/gold/general): each gold name,
    title and distributor projected onto the page text. ``--pages N`` uses the first N only
    (learning curve).
Gazetteer features are dropped on a fixed 35 % of sequences so the model also learns names it
has no list for. Deterministic: fixed sample and order, CRFsuite L-BFGS (single-threaded).
Needs python-crfsuite (a runtime dependency); a few minutes on one core.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

import pycrfsuite  # noqa: E402
from _pages import TAGGER_PAGES, dev_pages, fold_of, fold_tagger_path, gold_names  # noqa: E402

from filmkb.extract.learned.tagger import pieces  # noqa: E402
from filmkb.extract.learned.tokens import Token, token_features, tokenize, word_lists  # noqa: E402
from filmkb.extract.text import NOT_NAME_WORDS, SENTENCE_END  # noqa: E402

SHARED = ROOT.parent / "shared" / "data"
OUT = ROOT / "src" / "filmkb" / "extract" / "model" / "tagger.crfsuite"
WIKI_SAMPLE = 9000
WIKI_SENTENCES = 4
PAGE_REPEAT = 3
DROP_GAZETTEER = 0.35
SEED = 0
PARAMS = {
    "c1": 0.1,
    "c2": 0.01,
    "max_iterations": 120,
    "feature.minfreq": 2,
    "feature.possible_transitions": True,
}
COMPANY_END = {
    "pictures",
    "productions",
    "production",
    "studios",
    "films",
    "entertainment",
    "releasing",
    "distribution",
    "company",
    "corporation",
    "classics",
    "features",
    "bros",
    "media",
    "animation",
}
COMPANY_ALONE = {
    "Netflix",
    "Paramount",
    "Universal",
    "Columbia",
    "MGM",
    "RKO",
    "Metro-Goldwyn-Mayer",
    "A24",
    "Lionsgate",
    "Miramax",
    "Showbox",
    "DreamWorks",
    "Pixar",
    "Disney",
}


def kb_people() -> tuple[dict[str, set[str]], set[tuple[str, ...]]]:
    by_title: dict[str, set[str]] = defaultdict(set)
    every: set[tuple[str, ...]] = set()
    with (SHARED / "metaqa" / "kb.txt").open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("|")
            if len(parts) == 3 and parts[1] in ("directed_by", "written_by", "starred_actors"):
                by_title[parts[0]].add(parts[2])
                every.add(tuple(t.text for t in tokenize(parts[2])))
    return by_title, every


def wiki_rows() -> list[dict]:
    with gzip.open(SHARED / "wikipedia-movies" / "movies.jsonl.gz", "rt", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    rows = [r for r in rows if r.get("extract") and r.get("title")]
    rows.sort(key=lambda r: (r["title"], r.get("year") or 0))
    return rows


def sentences(text: str, limit: int | None = None) -> list[tuple[str, int]]:
    out = []
    pos = 0
    for m in SENTENCE_END.finditer(text):
        piece = text[pos : m.start()]
        if piece.strip():
            out.append((piece, pos))
        pos = m.end()
    if text[pos:].strip():
        out.append((text[pos:], pos))
    return out[:limit] if limit else out


def _cap(tok: Token) -> bool:
    return tok.text[:1].isupper() and tok.text.lower() not in NOT_NAME_WORDS


def label(
    tokens: list[Token],
    exact: dict[str, list[tuple[str, ...]]],
    fold: bool,
) -> list[str]:
    """BIO labels: gazetteer sequences (longest first), then the rules for PER / ORG."""
    first = word_lists()["first_names"]
    words = [t.text.lower() if fold else t.text for t in tokens]
    tags = ["O"] * len(tokens)

    def put(i: int, n: int, kind: str) -> None:
        if any(tags[k] != "O" for k in range(i, i + n)):
            return
        tags[i] = "B-" + kind
        for k in range(i + 1, i + n):
            tags[k] = "I-" + kind

    spans = []
    for kind, seqs in exact.items():
        for seq in seqs:
            n = len(seq)
            if not n:
                continue
            for i in range(len(words) - n + 1):
                if tuple(words[i : i + n]) == seq:
                    spans.append((-n, i, kind))
    for neg_n, i, kind in sorted(spans):
        put(i, -neg_n, kind)
    # ORG: capitalised run ending in a company word ("Golden Village Pictures")
    for i, tok in enumerate(tokens):
        if tok.text.lower().rstrip(".") in COMPANY_END and tok.text[:1].isupper():
            j = i
            while j > 0 and i - j < 4 and tokens[j - 1].text[:1].isupper():
                j -= 1
            if j < i:
                put(j, i - j + 1, "ORG")
        elif tok.text in COMPANY_ALONE:
            put(i, 1, "ORG")
    # PER: a known first name and one or two capitalised words
    for i, tok in enumerate(tokens):
        if tok.text.lower() in first and tok.text[:1].isupper():
            n = 1
            while i + n < len(tokens) and n < 3 and _cap(tokens[i + n]):
                n += 1
            if n >= 2:
                put(i, n, "PER")
    return tags


def wiki_sequences(rng: random.Random) -> list[tuple[list[Token], list[str]]]:
    by_title, every = kb_people()
    rows = wiki_rows()
    sample = rng.sample(rows, min(WIKI_SAMPLE, len(rows)))
    people_by_first: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for seq in every:
        if len(seq) >= 2:
            people_by_first[seq[0]].append(seq)
    out = []
    for row in sample:
        own = {tuple(t.text for t in tokenize(n)) for n in row.get("cast") or []}
        own |= {tuple(t.text for t in tokenize(n)) for n in by_title.get(row["title"], ())}
        title = tuple(t.text for t in tokenize(row["title"]))
        for text, _ in sentences(row["extract"], WIKI_SENTENCES):
            tokens = tokenize(text)
            if not tokens or len(tokens) > 120:
                continue
            present = {t.text for t in tokens}
            people = [s for s in own if s and s[0] in present]
            for word in present:
                people.extend(people_by_first.get(word, ()))
            tags = label(tokens, {"FILM": [title], "PER": people}, fold=False)
            out.append((tokens, tags))
    return out


def page_sequences(limit: int | None, fold: int | None) -> list[tuple[list[Token], list[str]]]:
    out = []
    for name, text, gold in dev_pages(limit):
        if fold is not None and fold_of(name, gold) == fold:
            continue
        names = gold_names(gold)
        exact = {
            kind: [tuple(t.text.lower() for t in tokenize(v)) for v in values]
            for kind, values in names.items()
        }
        for piece, offset in pieces(text):  # the units the runtime tags
            tokens = tokenize(piece, offset)
            if tokens:
                out.append((tokens, label(tokens, exact, fold=True)))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=None, help="use the first N dev pages only")
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument(
        "--fold",
        type=int,
        default=None,
        help="leave out the dev pages of this site fold (a stacking tagger, written to build/taggers)",
    )
    args = ap.parse_args()
    TAGGER_PAGES[0] = args.pages
    if args.out is None:
        args.out = OUT if args.fold is None else fold_tagger_path(args.fold)
    t0 = time.time()
    rng = random.Random(SEED)
    wiki = wiki_sequences(rng)
    pages = page_sequences(args.pages, args.fold)
    data = wiki + pages * PAGE_REPEAT
    drop = random.Random(SEED + 1)
    trainer = pycrfsuite.Trainer(verbose=False)
    counts: dict[str, int] = defaultdict(int)
    for tokens, tags in data:
        gaz = drop.random() >= DROP_GAZETTEER
        trainer.append(token_features(tokens, gazetteer=gaz), tags)
        for tag in tags:
            counts[tag[:1] + tag[2:]] += 1
    trainer.set_params(PARAMS)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(args.out))
    print(
        f"sequences: wiki {len(wiki)}, pages {len(pages)} ×{PAGE_REPEAT}; labels {dict(counts)}; "
        f"{args.out} {args.out.stat().st_size / 1e6:.2f} MB; {time.time() - t0:.0f} s"
    )


if __name__ == "__main__":
    main()
