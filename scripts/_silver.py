"""Silver labels for the main-film ranker from the unlabelled page pool (distant supervision).

A pool page of ``../shared/data/film-pages`` gets a silver main film when exactly one of its title
candidates is a known film (Wikipedia movies + MetaQA kb.txt) of which the page names at least
``MIN_PEOPLE`` credited people (cast, director, writer, full names), and every other known-film
candidate has fewer. Pages of the annotated splits and every page of a test-split site are left
out, so nothing about the test split leaks in. Deterministic: pages in id order.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import defaultdict
from pathlib import Path

from _pages import POOL, SHARED

ROOT = Path(__file__).resolve().parents[1]
MIN_PEOPLE = 2


def _people_by_title() -> dict[str, set[str]]:
    from filmkb.resolve.names import title_key

    out: dict[str, set[str]] = defaultdict(set)
    with gzip.open(
        SHARED / "data" / "wikipedia-movies" / "movies.jsonl.gz", "rt", encoding="utf-8"
    ) as fh:
        for line in fh:
            row = json.loads(line)
            if row.get("title"):
                out[title_key(row["title"])].update(n for n in row.get("cast") or [] if " " in n)
    with (SHARED / "data" / "metaqa" / "kb.txt").open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("|")
            if len(parts) == 3 and parts[1] in ("directed_by", "written_by", "starred_actors"):
                if " " in parts[2]:
                    out[title_key(parts[0])].add(parts[2])
    return out


def _excluded() -> tuple[set[str], set[str]]:
    ids, test_sites = set(), set()
    for line in (ROOT / "tests" / "gold" / "pages" / "SPLIT.tsv").read_text().splitlines():
        parts = line.split("\t")
        if len(parts) >= 3 and parts[0] in ("dev", "test"):
            ids.add(parts[1])
            if parts[0] == "test":
                test_sites.add(parts[2])
    return ids, test_sites


def silver_pages(limit: int | None = None) -> list[tuple[str, str, str, str]]:
    """(page id, site, text, silver main title) of the pool pages that get a silver label."""
    from select_annotation_pages import site_of

    from filmkb.documents.read import document_from_bytes
    from filmkb.extract import context_before
    from filmkb.extract.learned.mainfilm import context_page
    from filmkb.resolve.names import title_key

    people = _people_by_title()
    ids, test_sites = _excluded()
    out: list[tuple[str, str, str, str]] = []
    with POOL.open(encoding="utf-8") as fh:
        rows = sorted((json.loads(line) for line in fh), key=lambda r: r["id"])
    for row in rows:
        site = site_of(row.get("url") or "")
        if row["id"] in ids or site in test_sites:
            continue
        text = row["text"]
        doc = document_from_bytes(text.encode("utf-8"), row["id"], ".txt")
        ctx = context_before(doc, "mainfilm.rank")
        lower = ctx.text.lower()
        scored = []
        for cand in context_page(ctx).cands:
            names = people.get(title_key(cand.title))
            if not names:
                continue
            seen = sum(1 for n in names if re.search(r"\b" + re.escape(n.lower()) + r"\b", lower))
            scored.append((seen, cand.title))
        scored.sort(reverse=True)
        if (
            scored
            and scored[0][0] >= MIN_PEOPLE
            and (len(scored) == 1 or scored[1][0] < scored[0][0])
        ):
            out.append((row["id"], site, text, scored[0][1]))
        if limit is not None and len(out) >= limit:
            break
    return out
