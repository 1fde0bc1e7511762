"""Print pages of ../shared/data/film-pages/pages.jsonl by id, with line numbers (for annotation).

python scripts/show_page.py p00024 [p00052 ...]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

POOL = Path(__file__).resolve().parents[2] / "shared" / "data" / "film-pages" / "pages.jsonl"


def main(ids: list[str]) -> None:
    want = set(ids)
    with POOL.open(encoding="utf-8") as fh:
        rows = {r["id"]: r for r in map(json.loads, fh) if r["id"] in want}
    for page_id in ids:
        row = rows.get(page_id)
        if row is None:
            print(f"== {page_id}: not in {POOL}")
            continue
        print(f"== {page_id} {row['url']}")
        for n, line in enumerate(row["text"].splitlines(), 1):
            print(f"{n:3d}| {line}")
        print()


if __name__ == "__main__":
    main(sys.argv[1:])
