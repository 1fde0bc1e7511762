"""Throughput and peak memory of `extract` and `ingest`, beside trafilatura's own text extraction.

Builds N HTML pages (default 2,000) from the example corpus with variations (names, dates,
titles and boilerplate changed per page), then measures, each phase in its own process:

* baseline: ``trafilatura.extract`` on every page (what any pipeline pays to get the text)
* extract:  filmkb's read (trafilatura + JSON-LD + tables) and extraction of every page
* ingest:   extract + store every page in a fresh SQLite database (claims, resolution)

Figures: pages/s/core (single process, so one core), peak RSS, and the ratio to the baseline
measured in the same run.

    python bench/bench_extract.py [--pages 2000]
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "escape-2024"

SWAPS = [
    ("Escape", ["Breakout", "Crossing", "Run North", "The Border", "Nightfall"]),
    ("Lee Je-hoon", ["Park Min-jun", "Choi Woo-shik", "Kang Ha-neul"]),
    ("Koo Kyo-hwan", ["Ryu Seung-bum", "Jo Jin-woong", "Yoo Ah-in"]),
    ("Lee Jong-pil", ["Kim Han-min", "Yoon Jong-bin", "Jang Hoon"]),
    ("July", ["August", "September", "October", "March"]),
    ("2024", ["2019", "2021", "2023", "2025"]),
]


def make_pages(out: Path, n: int, seed: int = 7) -> list[Path]:
    rng = random.Random(seed)
    texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
    paths = []
    for i in range(n):
        text = texts[i % len(texts)]
        for old, news in SWAPS:
            text = text.replace(old, rng.choice(news))
        paras = "".join(f"<p>{escape(p)}</p>\n" for p in text.split("\n") if p.strip())
        nav = "".join(
            f"<li><a href='/p/{rng.randint(1, 999)}'>Link {k}</a></li>" for k in range(12)
        )
        html = (
            f"<!doctype html><html><head><title>Page {i}</title>"
            f"<meta property='og:site_name' content='Site {i % 17}'></head><body>"
            f"<nav><ul>{nav}</ul></nav><article>{paras}</article>"
            f"<footer>© {2000 + i % 25} Site {i % 17}. All rights reserved.</footer></body></html>"
        )
        path = out / f"{i:05d}.html"
        path.write_text(html, encoding="utf-8")
        paths.append(path)
    return paths


PHASES = {
    "baseline": """
import sys, trafilatura
from pathlib import Path
for p in sorted(Path(sys.argv[1]).glob('*.html')):
    trafilatura.extract(p.read_text(encoding='utf-8'), include_tables=True, favor_recall=True)
""",
    "extract": """
import sys
from filmkb.extract import extract_paths
for ex in extract_paths([sys.argv[1]]):
    pass
""",
    "ingest": """
import sys
from filmkb import FilmKB
kb = FilmKB(sys.argv[2])
report = kb.ingest([sys.argv[1]])
assert not report.errors, report.summary()
""",
}


def run_phase(name: str, folder: Path, db: Path) -> dict:
    start = time.perf_counter()
    code = (
        PHASES[name]
        + "\nimport resource\nprint(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, str(folder), str(db)],
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"{name} failed:\n{proc.stderr}")
    peak_kib = int(proc.stdout.strip().splitlines()[-1])  # the phase's own ru_maxrss
    return {"seconds": elapsed, "peak_rss_mib": peak_kib / 1024}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "pages"
        folder.mkdir()
        make_pages(folder, args.pages)
        results = {}
        # each phase in a fresh process, so each reports its own peak RSS
        for name in ("baseline", "extract", "ingest"):
            results[name] = run_phase(name, folder, Path(tmp) / f"{name}.db")
    base = results["baseline"]["seconds"]
    rows = []
    for name, r in results.items():
        rate = args.pages / r["seconds"]
        rows.append(
            {
                "phase": name,
                "pages": args.pages,
                "seconds": round(r["seconds"], 2),
                "pages_per_s_per_core": round(rate, 1),
                "time_vs_baseline": round(r["seconds"] / base, 2),
                "peak_rss_mib": round(r["peak_rss_mib"], 1),
            }
        )
    if args.json:
        print(json.dumps(rows, indent=1))
        return
    print(f"bench_extract: {args.pages} HTML pages, one process (one core) per phase")
    print(
        f"{'phase':10s} {'seconds':>8s} {'pages/s/core':>13s} {'x baseline time':>16s} {'peak RSS MiB':>13s}"
    )
    for row in rows:
        print(
            f"{row['phase']:10s} {row['seconds']:8.2f} {row['pages_per_s_per_core']:13.1f} "
            f"{row['time_vs_baseline']:16.2f} {row['peak_rss_mib']:13.1f}"
        )


if __name__ == "__main__":
    main()
