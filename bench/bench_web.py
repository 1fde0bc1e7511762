"""Web latency under concurrent load: film, person, search and home pages and their JSON —
against a static baseline.

    .venv/bin/python bench/bench_web.py [--films 100000] [--requests 300] [--concurrency 8]

1. Builds ``bench/out/web-FILMS.db`` once (kept between runs; ``--rebuild`` to redo): the
   MetaQA KB (``../shared/data/metaqa/kb.txt`` beside the repo, or ``$METAQA_KB``) through
   ``filmkb.ask.import_triples``, then generated triples up to ``--films`` films (a long tail
   of credits: most people in 1–3 films, a few in hundreds, one in thousands), then the
   example corpus (``examples/escape-2024``). Without ``filmkb.ask``: synthetic films through
   ``FilmKB.ingest_extraction``.
2. Serves it with uvicorn in a *second process* on 127.0.0.1 (a random free port) and waits
   until its question graph has loaded (it is built when the server starts).
3. This process sends a bounded number of requests per route from ``--concurrency`` threads
   (each its own keep-alive connection), after a warm-up, and stops by itself. Routes: film
   page and JSON (Escape, random films, films of the most-credited person), search page and
   JSON, person page and JSON (Escape's cast, random people, the most-credited person),
   home page and JSON.
4. Prints p50 / p99 per route and as ratios to ``/healthz`` (static, no database) measured in
   the same run, with the issue's target (p99 ≤ 4×); writes ``bench/out/web.json``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
METAQA = Path(
    os.environ.get(
        "METAQA_KB",
        Path(__file__).resolve().parents[1].parent / "shared" / "data" / "metaqa" / "kb.txt",
    )
)
sys.path.insert(0, str(ROOT / "src"))

from filmkb import FilmKB  # noqa: E402
from filmkb.store import browse, summaries  # noqa: E402
from filmkb.types import (  # noqa: E402
    CastCredit,
    Document,
    DocumentExtraction,
    Evidence,
    Fact,
    FilmExtraction,
)

FIRST = ["Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim", "Han", "Oh"]
GIVEN = ["Min-jun", "Seo-yeon", "Ji-ho", "Ha-eun", "Do-yun", "Su-bin", "Ye-jin", "Hyun-woo",
         "Ji-woo", "Eun-ji", "Tae-hee", "Sung-min", "Jae-won", "Na-ra", "Bo-ram", "Dong-hyun"]  # fmt: skip
WORDS = ["Night", "River", "Crown", "Echo", "Silent", "Last", "Red", "Winter", "Storm", "Glass",
         "City", "Ghost", "Summer", "Iron", "Paper", "Moon", "Road", "Stone", "Blue", "Garden"]  # fmt: skip


def build(db: Path, films: int) -> str:
    """Fill ``db``; return how (for the report).

    The MetaQA KB (when there) through ``import_triples``, then generated triples
    (``generate_triples``: a realistic spread of credits, one person in thousands of films)
    up to ``films`` films, then the example corpus. Without ``filmkb.ask``: synthetic
    films through ``FilmKB.ingest_extraction``.
    """
    with FilmKB(db) as kb:
        how = ""
        try:
            from filmkb.ask import import_triples
        except ImportError:
            import_triples = None
        if import_triples is not None and METAQA.exists():
            t = time.perf_counter()
            import_triples(kb.conn, METAQA)
            how = f"MetaQA kb.txt via import_triples ({time.perf_counter() - t:.0f} s)"
        missing = films - kb.count_films()
        if import_triples is not None and missing > 0:
            t = time.perf_counter()
            generated = OUT / f"generated-{missing}.txt"
            generate_triples(generated, missing)
            import_triples(kb.conn, generated)
            size = generated.stat().st_size / 1e6
            how += f"{'; ' if how else ''}{missing} generated films ({size:.0f} MB of triples)"
            how += f" via import_triples ({time.perf_counter() - t:.0f} s)"
        elif missing > 0:
            t = time.perf_counter()
            synthetic(kb, missing)
            how += f"{'; ' if how else ''}synthetic films via ingest_extraction "
            how += f"({time.perf_counter() - t:.0f} s)"
        report = kb.ingest([ROOT / "examples" / "escape-2024"])
        assert report.ok, report.summary()
        return how + "; examples/escape-2024 ingested"


GIVEN_NAMES = [a + b for a in ("Al", "Be", "Car", "Da", "El", "Fer", "Gil", "Har", "Iv", "Jo",
               "Kal", "Lor", "Mar", "Nor", "Ol", "Pet", "Ros", "Sil", "Ter", "Val")
               for b in ("an", "ena", "io", "ia", "ric", "ette", "o", "ine", "us", "a")]  # fmt: skip
SURNAMES = [a + b for a in ("Ash", "Brook", "Cald", "Dun", "Ever", "Fair", "Gold", "Hart",
            "Ing", "Kings", "Lang", "Mor", "North", "Oak", "Pem", "Quin", "Red", "Stan",
            "Thorn", "Wes")
            for b in ("ley", "ford", "well", "mere", "wood", "by", "ton", "ham", "field",
                      "stone", "worth", "croft")]  # fmt: skip
TITLE_WORDS = WORDS + ["Fire", "Shadow", "Heart", "Empire", "Harbor", "Dance", "Letter",
                       "Island", "Mirror", "Song", "Wolf", "Bridge", "Tower", "Light",
                       "Dream", "Secret", "Train", "Field", "Rain", "Gold", "Snow", "Star",
                       "Tide", "Wind", "Hunter", "Queen", "King", "Angel", "Devil", "Border"]  # fmt: skip
GENRES = ["Drama", "Comedy", "Thriller", "Horror", "Romance", "Action", "Documentary",
          "Crime", "Western", "Animation"]  # fmt: skip
LANGUAGES = ["English", "French", "Korean", "Japanese", "Spanish", "German", "Italian"]


def generate_triples(path: Path, films: int, seed: int = 11) -> None:
    """Write ``films`` films as ``subject|relation|object`` lines (MetaQA's format).

    Credits follow a long tail: most people are in 1–3 films, 20 people in hundreds and
    one ("Prolific Person") in about one film in 30 (thousands at 100k films); titles are
    distinct ("Night River", "Night River 2"), each film has a year, a director, one or two
    writers, two to five actors, genres, tags and sometimes a language.
    """
    rnd = random.Random(seed)
    names = [f"{g} {s}" for g in GIVEN_NAMES for s in SURNAMES]  # 48,000 distinct names
    rnd.shuffle(names)
    stars = [f"Star {i} {SURNAMES[i]}" for i in range(20)]
    pool = max(1000, films * 2)
    fresh = iter(names * (pool // len(names) + 1))
    crowd = [f"{next(fresh)}" + (f" {i // len(names) + 1}" if i >= len(names) else "")
             for i in range(pool)]  # fmt: skip
    used: set[str] = set()

    def person() -> str:
        roll = rnd.random()
        if roll < 1 / 30 / 5:
            return "Prolific Person"
        if roll < 0.03:
            return rnd.choice(stars)
        return crowd[min(int(rnd.paretovariate(1.2)) * rnd.randrange(pool) % pool, pool - 1)]

    with path.open("w", encoding="utf-8") as out:
        for _ in range(films):
            words = rnd.sample(TITLE_WORDS, rnd.choice((2, 2, 3)))
            title = " ".join(words)
            n = 1
            while title in used:
                n += 1
                title = f"{' '.join(words)} {n}"
            used.add(title)
            lines = [("release_year", str(rnd.randint(1920, 2024)))]
            lines.append(("directed_by", person()))
            lines += [("written_by", person()) for _ in range(rnd.choice((1, 1, 2)))]
            lines += [("starred_actors", person()) for _ in range(rnd.randint(2, 5))]
            lines += [("has_genre", g) for g in rnd.sample(GENRES, rnd.choice((1, 1, 2)))]
            lines += [("has_tags", w.lower()) for w in rnd.sample(TITLE_WORDS, rnd.randint(0, 3))]
            if rnd.random() < 0.3:
                lines.append(("in_language", rnd.choice(LANGUAGES)))
            out.writelines(f"{title}|{rel}|{obj}\n" for rel, obj in lines)


def synthetic(kb: FilmKB, n: int) -> None:
    rnd = random.Random(7)
    for i in range(n):
        title = f"{rnd.choice(WORDS)} {rnd.choice(WORDS)} {i}"
        year = rnd.randint(1950, 2024)
        director = f"{rnd.choice(FIRST)} {rnd.choice(GIVEN)}"
        actors = [f"{rnd.choice(FIRST)} {rnd.choice(GIVEN)}" for _ in range(4)]
        text = f"{title} ({year})\nDirected by {director}\nStarring " + ", ".join(actors)
        source = f"synthetic/{i}.txt"
        sha = hashlib.sha256(text.encode()).hexdigest()
        doc = Document(source=source, text=text, sha256=sha)

        def fact(value: object, quote: str, _text: str = text, _src: str = source) -> Fact:
            start = _text.find(quote)
            return Fact(value, Evidence(_src, start, start + len(quote), "synthetic", "1"))

        film = FilmExtraction(main=True, title=fact(title, title), year=fact(year, str(year)))
        film.directors = [fact(director, director)]
        film.cast = [fact(CastCredit(a, f"Role {j}"), a) for j, a in enumerate(actors)]
        extraction = DocumentExtraction(document=doc, films=[film])
        extraction.kind = Fact("listing", Evidence(source, 0, 0, "synthetic", "1"))
        kb.ingest_extraction(extraction)


TARGET = 4.0  # p99 of every route ≤ 4 × /healthz p99


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(db: Path, port: int) -> subprocess.Popen[bytes]:
    code = (
        "import uvicorn; from filmkb.serve.web import create_app; "
        f"uvicorn.run(create_app({str(db)!r}), host='127.0.0.1', port={port}, "
        "log_level='warning', access_log=False)"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    proc = subprocess.Popen([sys.executable, "-c", code], env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("server did not start")


def wait_for_ask(base: str, limit: float = 600) -> float:
    """Seconds until ``/ask.json`` answers (503 while the graph loads)."""
    t = time.perf_counter()
    with httpx.Client(base_url=base, timeout=60) as client:
        while time.perf_counter() - t < limit:
            status = client.get("/ask.json", params={"q": "who directed Escape?"}).status_code
            if status in (200, 501):
                return time.perf_counter() - t
            time.sleep(0.5)
    raise SystemExit("the question graph did not load")


def load(base: str, paths: list[str], concurrency: int) -> list[float]:
    """Send every path once, ``concurrency`` at a time; latencies in ms (errors raise)."""
    chunks = [paths[i::concurrency] for i in range(concurrency)]

    def worker(chunk: list[str]) -> list[float]:
        out = []
        with httpx.Client(base_url=base, timeout=60) as client:
            for path in chunk:
                t = time.perf_counter()
                response = client.get(path)
                out.append((time.perf_counter() - t) * 1000)
                if response.status_code != 200:
                    raise SystemExit(f"{path}: HTTP {response.status_code}")
        return out

    with ThreadPoolExecutor(concurrency) as pool:
        return [ms for chunk in pool.map(worker, chunks) for ms in chunk]


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--films", type=int, default=100_000, help="at least this many films")
    parser.add_argument("--requests", type=int, default=300, help="requests per route")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()

    OUT.mkdir(parents=True, exist_ok=True)
    db = OUT / f"web-{args.films}.db"
    how = f"existing bench/out/{db.name}"
    if args.rebuild or not db.exists():
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        how = build(db, args.films)
    t = time.perf_counter()
    with FilmKB(db) as kb:  # a writer: applies pending migrations (0008 builds the summaries)
        opened = time.perf_counter() - t
        count = kb.count_films()
        people_count = browse.count_people(kb.conn)
        (escape,) = [f for f in kb.find_films("Escape", 2024)]
        cast = [p["person_id"] for p in kb.film_record(escape["id"])["cast"][:3]]
        (top,) = browse.most_credited_people(kb.conn, 1)
        top_films = summaries.person_head(kb.conn, top)["films"]
        rnd = random.Random(1)
        n = args.requests
        films = [kb.film_ids(1, rnd.randrange(count))[0] for _ in range(n)]
        people = [browse.person_ids_page(kb.conn, 1, rnd.randrange(people_count))[0]
                  for _ in range(n)]  # fmt: skip
        top_films_of = browse.person_film_ids(kb.conn, top, 50, 0)
    print(f"{count} films, {people_count} people ({how}; opened as a writer in {opened:.1f} s)")
    print(f"most-credited person: /people/{top} ({top_films} films)")

    pages = max(1, count // 50)  # home pages (50 films each)
    words = ["escape", "lee je hoon", "night", "kim", "the", "river", "prolific", "escpe"]
    routes = {
        "/healthz (static baseline)": ["/healthz"] * n,
        "film page /films/escape-2024": ["/films/escape-2024"] * n,
        "film JSON /films/escape-2024.json": ["/films/escape-2024.json"] * n,
        "random film page /films/{id}": [f"/films/{f}" for f in films],
        "random film JSON /films/{id}.json": [f"/films/{f}.json" for f in films],
        "film page, most-credited's films": [
            f"/films/{rnd.choice(top_films_of)}" for _ in range(n)
        ],  # fmt: skip
        "search page /search": [f"/search?q={rnd.choice(words)}" for _ in range(n)],
        "search API /search.json": [f"/search.json?q={rnd.choice(words)}" for _ in range(n)],
        "person page /people/{id} (Escape)": [f"/people/{rnd.choice(cast)}" for _ in range(n)],
        "random person page /people/{id}": [f"/people/{p}" for p in people],
        "random person JSON": [f"/people/{p}.json" for p in people],
        "most-credited person page": [
            f"/people/{top}?page={rnd.randint(1, max(1, min(20, top_films // 50)))}"
            for _ in range(n)
        ],
        "most-credited person JSON": [f"/people/{top}.json" for _ in range(n)],
        "home page /": [f"/?page={rnd.randint(1, min(50, pages))}" for _ in range(n)],
        "home JSON /films.json": [f"/films.json?page={rnd.randint(1, pages)}" for _ in range(n)],
        "/healthz again (noise check)": ["/healthz"] * n,
    }
    port = free_port()
    server = serve(db, port)
    base = f"http://127.0.0.1:{port}"
    results = {}
    try:
        waited = wait_for_ask(base)  # the server builds its question graph when it starts
        print(f"server up; its question-answering graph ready after {waited:.1f} s")
        for name, paths in routes.items():
            load(base, paths[: max(args.concurrency * 2, n // 10)], args.concurrency)  # warm-up
            t = time.perf_counter()
            ms = load(base, paths, args.concurrency)
            wall = time.perf_counter() - t
            results[name] = {
                "requests": len(ms),
                "p50_ms": round(pct(ms, 50), 2),
                "p99_ms": round(pct(ms, 99), 2),
                "mean_ms": round(statistics.fmean(ms), 2),
                "rps": round(len(ms) / wall, 1),
            }
    finally:
        server.terminate()
        server.wait(10)
    base_p50 = results["/healthz (static baseline)"]["p50_ms"]
    base_p99 = results["/healthz (static baseline)"]["p99_ms"]
    print(f"\nconcurrency {args.concurrency}, {n} requests per route, server in a 2nd process")
    print(f"ratios: to the first /healthz run; target p99 ≤ {TARGET}× (issue 11)")
    print(f"{'route':<40} {'p50 ms':>8} {'p99 ms':>8} {'×p50':>6} {'×p99':>6} {'req/s':>6}  ok")
    failed = []
    for name, r in results.items():
        r["p50_ratio"] = round(r["p50_ms"] / base_p50, 2)
        r["p99_ratio"] = round(r["p99_ms"] / base_p99, 2)
        ok = r["p99_ratio"] <= TARGET
        failed += [] if ok else [name]
        print(
            f"{name:<40} {r['p50_ms']:>8.1f} {r['p99_ms']:>8.1f} {r['p50_ratio']:>6.1f}"
            f" {r['p99_ratio']:>6.1f} {r['rps']:>6.1f}  {'yes' if ok else 'NO'}"
        )
    print(f"\n{len(results) - len(failed)} of {len(results)} routes within {TARGET}× /healthz p99")
    summary = {
        "films": count,
        "people": people_count,
        "built": how,
        "most_credited": {"person": top, "films": top_films},
        "concurrency": args.concurrency,
        "target_p99_ratio": TARGET,
        "routes": results,
    }
    (OUT / "web.json").write_text(json.dumps(summary, indent=1))


if __name__ == "__main__":
    main()
