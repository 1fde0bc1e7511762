"""Choose the pages of ``../shared/data/film-pages/pages.jsonl`` to annotate, split by site.

Deterministic: the same pool gives the same choice. A page's site is its URL's host without
``www.``/``m.`` (share/redirect links use the host of the URL they carry). Sites are split into
test and dev by a hash of the site name, so no site is in both splits; sites of the pages the
team already tuned on (tests/corpus/general, the Escape examples) are forced into dev. At most
two pages are taken per site, so the choice spreads over sites.

    python scripts/select_annotation_pages.py [--pool PATH] [--test 60] [--dev 100]

prints ``split<TAB>id<TAB>site<TAB>url`` lines (written to tests/gold/pages/SPLIT.tsv).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
from collections import defaultdict
from pathlib import Path
from urllib.parse import parse_qs, urlparse

ROOT = Path(__file__).resolve().parents[1]
POOL = ROOT.parent / "shared" / "data" / "film-pages" / "pages.jsonl"

# Sites of pages the existing rules were written against: they can only be dev.
TUNED_SITES = {
    "theskinny.co.uk",
    "film.list.co.uk",
    "list.co.uk",
    "nowbuzzing.in",
    "filmbiz.asia",
    "anopinionortwo.wordpress.com",
    "korean-drama-guide.com",
    "media.dream13.com",
    "dream13.com",
    "kiwix.casplantje.nl",
    "koreatimes.co.kr",
    "koreanfilm.or.kr",
    "newsnetdaily.com",
    "wearemoviegeeks.com",
    "hallyusg.net",
    "genkinahito.wordpress.com",
    "annablankenheim.com",
    "imdb.com",
}


def site_of(url: str) -> str:
    parsed = urlparse(url)
    query = parse_qs(parsed.query)
    for key in ("url", "u", "canonicalUrl"):
        inner = (query.get(key) or [""])[0]
        if inner.startswith("http"):
            return site_of(inner)
    host = (parsed.hostname or "").lower()
    for prefix in ("www.", "m.", "amp."):
        if host.startswith(prefix):
            host = host[len(prefix) :]
    return host


def split_of(site: str) -> str:
    if site in TUNED_SITES:
        return "dev"
    digest = hashlib.sha256(site.encode()).digest()
    return "test" if digest[0] % 3 == 0 else "dev"


def choose(pool: Path, n_test: int, n_dev: int) -> list[tuple[str, str, str, str]]:
    by_site: dict[str, list[dict]] = defaultdict(list)
    with pool.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            if len(row.get("text") or "") < 400:
                continue  # too little to annotate
            by_site[site_of(row["url"])].append(row)
    rng = random.Random(20261201)
    out = []
    for split, want in (("test", n_test), ("dev", n_dev)):
        sites = sorted(s for s in by_site if split_of(s) == split)
        rng.shuffle(sites)
        picked: list[tuple[str, str, str, str]] = []
        # first one page per site, then a second page from sites already chosen
        for round_ in range(2):
            for site in sites:
                rows = sorted(by_site[site], key=lambda r: r["id"])
                if len(rows) > round_ and len(picked) < want:
                    row = rng.choice(rows) if round_ == 0 else rows[-1]
                    if any(p[1] == row["id"] for p in picked):
                        continue
                    picked.append((split, row["id"], site, row["url"]))
        out.extend(sorted(picked, key=lambda p: p[1]))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pool", type=Path, default=POOL)
    ap.add_argument("--test", type=int, default=60)
    ap.add_argument("--dev", type=int, default=100)
    args = ap.parse_args()
    for row in choose(args.pool, args.test, args.dev):
        print("\t".join(row))


if __name__ == "__main__":
    main()
