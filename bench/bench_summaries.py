"""What the read summaries cost the write path: per-page store time with and without them.

    .venv/bin/python bench/bench_summaries.py [--pages 3000]

Stores ``--pages`` small pages (``FilmKB.ingest_extraction``, an in-memory store) twice in
this process: once as shipped, once with ``summary_sync.refresh`` made a no-op (the
triggers stay). One person is credited on every page and a few films gather many pages, so
work that grows with a person's or a film's claims shows up. Prints the per-page time of the
first and last tenth of each run and their ratio; the summaries should add a bounded cost
per page (last tenth ≈ first tenth).
"""

from __future__ import annotations

import argparse
import hashlib
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from filmkb import FilmKB  # noqa: E402
from filmkb.store import summary_sync  # noqa: E402
from filmkb.types import (  # noqa: E402
    CastCredit,
    Document,
    DocumentExtraction,
    Evidence,
    Fact,
    FilmExtraction,
)

NAMES = [f"{g} {s}" for g in ("Ann", "Bo", "Cy", "Dee", "Eli", "Fay", "Gus", "Hal", "Ivy", "Jo")
         for s in ("Older", "Newer", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth")]  # fmt: skip


def page(i: int, rnd: random.Random) -> DocumentExtraction:
    title, year = (f"Film {rnd.randrange(40)}", 2000) if rnd.random() < 0.3 else (f"Film {i}", 1990)
    director = "Prolific Person"
    actors = rnd.sample(NAMES, 4)
    text = f"{title} ({year})\nDirected by {director}\nStarring " + ", ".join(actors) + f"\n#{i}"
    source = f"page-{i}.txt"
    doc = Document(source=source, text=text, sha256=hashlib.sha256(text.encode()).hexdigest())

    def fact(value: object, quote: str) -> Fact:
        start = text.find(quote)
        return Fact(value, Evidence(source, start, start + len(quote), "bench", "1"))

    film = FilmExtraction(main=True, title=fact(title, title), year=fact(year, str(year)))
    film.directors = [fact(director, director)]
    film.cast = [fact(CastCredit(a, f"Role {j}"), a) for j, a in enumerate(actors)]
    extraction = DocumentExtraction(document=doc, films=[film])
    extraction.kind = Fact("listing", Evidence(source, 0, 0, "bench", "1"))
    return extraction


def run(pages: int) -> list[float]:
    rnd = random.Random(3)
    kb = FilmKB(":memory:")
    out = []
    for i in range(pages):
        extraction = page(i, rnd)
        t = time.perf_counter()
        kb.ingest_extraction(extraction)
        out.append((time.perf_counter() - t) * 1000)
    kb.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=3000)
    args = parser.parse_args()
    tenth = max(1, args.pages // 10)
    shipped = run(args.pages)
    refresh = summary_sync.refresh
    summary_sync.refresh = lambda *a, **k: None  # type: ignore[assignment]
    try:
        without = run(args.pages)
    finally:
        summary_sync.refresh = refresh  # type: ignore[assignment]
    print(f"{args.pages} pages, one person on every page; ms per page (mean)")
    print(f"{'':<22} {'first tenth':>12} {'last tenth':>12} {'last/first':>11}")
    for name, ms in (("with summaries", shipped), ("without (no refresh)", without)):
        first, last = statistics.fmean(ms[:tenth]), statistics.fmean(ms[-tenth:])
        print(f"{name:<22} {first:>12.2f} {last:>12.2f} {last / first:>11.2f}")
    extra = statistics.fmean(shipped) - statistics.fmean(without)
    print(
        f"summaries add {extra:.2f} ms a page ({statistics.fmean(shipped) / statistics.fmean(without):.2f}×)"
    )


if __name__ == "__main__":
    main()
