"""Shared helpers for the training scripts: annotated pages (gold + text) of the dev split."""

from __future__ import annotations

import json
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
