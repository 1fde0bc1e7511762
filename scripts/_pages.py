"""Shared helpers for the training scripts: annotated pages (gold + text) of the dev split."""

from __future__ import annotations

import json
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
POOL = SHARED / "data" / "film-pages" / "pages.jsonl"


def pool_texts() -> dict[str, str]:
    if not POOL.exists():
        return {}
    with POOL.open(encoding="utf-8") as fh:
        return {row["id"]: row["text"] for row in map(json.loads, fh)}


def dev_pages(limit: int | None = None) -> list[tuple[str, str, dict]]:
    """(name, text, gold) of every dev page: the annotated film-pages of the dev split (text
    from ../shared), then the 17 general pages (text in tests/corpus/general). Sorted by name,
    so ``limit`` takes a fixed prefix (the learning curve)."""
    out: list[tuple[str, str, dict]] = []
    texts = pool_texts()
    for path in sorted((ROOT / "tests" / "gold" / "pages" / "dev").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        text = texts.get(gold["source"])
        if text is not None:
            out.append((gold["source"], text, gold))
    for path in sorted((ROOT / "tests" / "gold" / "general").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        page = ROOT / "tests" / "corpus" / "general" / gold["source"]
        if page.exists() and page.suffix == ".txt":
            out.append((gold["source"], page.read_text(encoding="utf-8"), gold))
    return out[:limit] if limit is not None else out


def dev_documents(limit: int | None = None) -> list[tuple[str, object, dict]]:
    """(name, Document, gold) of every dev page: the text pages of ``dev_pages`` (first ``limit``
    of them), then the whole HTML pages of tests/corpus/html/dev (always all of them)."""
    from filmkb.documents.read import document_from_bytes, read_document

    out: list[tuple[str, object, dict]] = [
        (name, document_from_bytes(text.encode("utf-8"), name, ".txt"), gold)
        for name, text, gold in dev_pages(limit)
    ]
    for path in sorted((ROOT / "tests" / "gold" / "html" / "dev").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        page = ROOT / "tests" / "corpus" / "html" / "dev" / gold["source"]
        if page.exists():
            out.append((gold["source"], read_document(page), gold))
    return out


def gold_names(gold: dict) -> dict[str, set[str]]:
    """Spellings in a gold file by entity type: PER, FILM, ORG (each "a|b" alternative)."""
    out: dict[str, set[str]] = {"PER": set(), "FILM": set(), "ORG": set()}

    def alts(value: str | None) -> list[str]:
        return [a.strip() for a in (value or "").split("|") if a.strip()]

    for film in gold.get("films") or []:
        out["FILM"].update(alts(film.get("title")))
        out["FILM"].update(alts(film.get("original_title")))
        for key in ("directors", "writers", "composers"):
            for name in film.get(key) or []:
                out["PER"].update(alts(name))
        for credit in film.get("cast") or []:
            out["PER"].update(alts(credit.get("actor")))
        for rel in film.get("releases") or []:
            out["ORG"].update(alts(rel.get("distributor")))
        for name in film.get("production_companies") or []:
            out["ORG"].update(alts(name))
    return out


NON_FILM = SHARED / "data" / "non-film-pages" / "pages.jsonl"


def non_film_pages(half: int) -> list[tuple[str, str]]:
    """(id, text) of the non-film pages in one half (0 = training, 1 = evaluation), by a hash of
    the id, so training never sees the pages the no-film figure is measured on."""
    import zlib

    if not NON_FILM.exists():
        return []
    with NON_FILM.open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    return [(r["id"], r["text"]) for r in rows if zlib.crc32(r["id"].encode()) % 2 == half]


# Stacking: the shipped tagger is trained on the dev pages, so on those pages its tags are
# better than on any unseen page. The models trained on the tagger's output (roles, main-film
# ranker) therefore see each dev page through a tagger trained without that page's site fold
# (scripts/train_tagger.py --fold K), as they will see every page at run time.
FOLDS = 5
FOLD_TAGGERS = Path(os.environ.get("FILMKB_FOLD_TAGGERS") or ROOT / "build" / "taggers")


def fold_of(name: str, gold: dict) -> int:
    """The cross-validation fold of a dev page: by site, so a site is never in two folds."""
    import zlib

    site = gold.get("site") or name.split("_")[-1].split("-")[-1]
    return zlib.crc32(site.encode()) % FOLDS


# The number of dev pages the taggers were trained on (``--pages N`` of the learning curve).
TAGGER_PAGES: list[int | None] = [None]


def fold_tagger_path(fold: int) -> Path:
    n = TAGGER_PAGES[0]
    return FOLD_TAGGERS / (f"fold{fold}.crfsuite" if n is None else f"fold{fold}-pages{n}.crfsuite")


_OPEN: dict[int, object] = {}


_TRAINED: set[str] = set()


def tagger_trained_on(name: str) -> bool:
    """Whether the shipped tagger saw this page (it trains on the text pages of ``dev_pages``)."""
    if not _TRAINED:
        _TRAINED.update(n for n, _text, _gold in dev_pages(TAGGER_PAGES[0]))
    return name in _TRAINED


class crosstag:  # noqa: N801 - used as a context manager
    """Within the block, the runtime tagger is the fold tagger that never saw this page."""

    def __init__(self, name: str, gold: dict):
        self.fold = fold_of(name, gold) if tagger_trained_on(name) else None

    def __enter__(self) -> None:
        from filmkb.extract.learned import tagger

        if self.fold is None:
            return
        if self.fold not in _OPEN:
            import pycrfsuite

            path = fold_tagger_path(self.fold)
            if not path.exists():
                raise SystemExit(f"{path} missing: run scripts/train_tagger.py --fold {self.fold}")
            t = pycrfsuite.Tagger()
            t.open(str(path))
            _OPEN[self.fold] = t
        self.saved = tagger._tagger
        fold_model = _OPEN[self.fold]
        tagger._tagger = lambda: fold_model  # type: ignore[assignment]

    def __exit__(self, *exc: object) -> None:
        from filmkb.extract.learned import tagger

        if self.fold is not None:
            tagger._tagger = self.saved  # type: ignore[assignment]
