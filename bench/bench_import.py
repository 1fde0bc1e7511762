"""Benchmark ``filmkb import-triples`` on a generated file: peak memory stays bounded.

    .venv/bin/python bench/bench_import.py                  # 1,000,000 lines (acceptance)
    .venv/bin/python bench/bench_import.py --lines 100000   # quicker

Writes ``bench/out/triples-<lines>.txt`` (``triples_gen.write_triples``: distinct generated
films in MetaQA's relation mix; kept for the next run) and imports it into a fresh store
with the CLI, in a child process whose peak RSS is read from ``getrusage``. The baseline,
measured in the same run: a child process that streams the same file and splits every line
on ``|`` (what any import has to do). Prints the import's wall time and peak RSS, each as a
ratio to the baseline, the file size, and the target (peak RSS < 300 MB whatever the file
size); exit status 1 when the target is missed.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

from triples_gen import write_triples

HERE = Path(__file__).resolve().parent
RSS_TARGET_MB = 300
_MEASURE = (
    "import json, resource, subprocess, sys, time\n"
    "start = time.perf_counter()\n"
    "rc = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL)\n"
    "seconds = time.perf_counter() - start\n"
    "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
    "print(json.dumps({'rc': rc, 'seconds': seconds, 'peak_mb': peak}))\n"
)
_SPLIT = "import sys\nfor line in open(sys.argv[1], encoding='utf-8'): line.split('|', 2)\n"


def measure(command: list[str]) -> dict[str, float]:
    """Run ``command`` in a child (through a small wrapper process): wall seconds, peak RSS
    of the child in MB, and its exit code."""
    out = subprocess.run(
        [sys.executable, "-c", _MEASURE, *command], capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def filmkb_command() -> list[str]:
    return [sys.executable, "-m", "filmkb.serve.cli"]


def generated(lines: int, out: Path) -> Path:
    path = out / f"triples-{lines}.txt"
    if not path.exists():
        start = time.perf_counter()
        partial = path.with_suffix(".part")
        films = write_triples(partial, lines)
        partial.rename(path)
        print(f"generated {path} ({films:,} films) in {time.perf_counter() - start:.1f} s")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--out", type=Path, default=HERE / "out")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    path = generated(args.lines, args.out)
    db = args.out / f"import-{args.lines}.db"
    for leftover in args.out.glob(db.name + "*"):
        leftover.unlink()
    base = measure([sys.executable, "-c", _SPLIT, str(path)])
    run = measure([*filmkb_command(), "import-triples", str(path), "--db", str(db)])
    size_mb = path.stat().st_size / 2**20
    print(f"file: {args.lines:,} lines, {size_mb:.1f} MB")
    print(
        f"baseline (stream + split every line): {base['seconds']:.2f} s, peak {base['peak_mb']:.0f} MB"
    )
    print(
        f"filmkb import-triples (+ question graph): {run['seconds']:.1f} s"
        f" ({run['seconds'] / base['seconds']:.0f}x baseline), peak RSS {run['peak_mb']:.0f} MB"
        f" ({run['peak_mb'] / base['peak_mb']:.1f}x baseline, {run['peak_mb'] / size_mb:.2f}x the"
        f" file; target < {RSS_TARGET_MB} MB{'' if run['peak_mb'] < RSS_TARGET_MB else ' MISSED'})"
    )
    failed = run["rc"] != 0 or run["peak_mb"] >= RSS_TARGET_MB
    raise SystemExit(1 if failed else 0)


if __name__ == "__main__":
    main()
