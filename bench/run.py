"""Run every benchmark in bench/ (bench_*.py) one after the other and print their figures.

python bench/run.py            # all
python bench/run.py extract    # those whose name contains "extract"
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    wanted = sys.argv[1:]
    failed = 0
    for script in sorted(HERE.glob("bench_*.py")):
        if wanted and not any(w in script.stem for w in wanted):
            continue
        print(f"\n=== {script.name}", flush=True)
        rc = subprocess.call([sys.executable, str(script)])
        failed += rc != 0
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
