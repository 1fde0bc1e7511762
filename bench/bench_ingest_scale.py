"""Ingest at scale: does the cost of storing a page stay flat as the store grows?

    python bench/bench_ingest_scale.py                     # 2,000 realistic HTML pages
    python bench/bench_ingest_scale.py --pages 20000       # more (pages are cached in /tmp)
    python bench/bench_ingest_scale.py --store-only --pages 100000
    python bench/bench_ingest_scale.py --per-call --pages 500   # one ingest call per page

Pages come from ``scale_pages.Universe`` (distinct films and people, most people in 1–3
films and a few in hundreds, same-titled films, navigation boilerplate, 10–150 KB of HTML).
The full run reads and extracts them in worker processes exactly as ``filmkb ingest`` does
and stores them one document at a time; ``--store-only`` skips HTML and stores the
extraction each page would give (built directly), to reach 100k pages in minutes.

Printed, each as a ratio against a baseline measured in the same run:

* store cost per page over the last 10% of pages vs the first 10% (target ≤ 1.3);
* the end-of-call resolution step (``resolve_if_needed``) vs one page's store cost;
* whole-pipeline pages per CPU-second (pages/s/core; target ≥ 100) and its CPU time vs
  ``trafilatura.extract`` on the same pages (target ≤ 2×);
* peak RSS of the storing process and of the largest worker (target < 500 MB);
* a projection to 1M pages from the measured trend.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from scale_pages import Universe, write_pages  # noqa: E402

from filmkb import FilmKB  # noqa: E402
from filmkb.documents import iter_inputs  # noqa: E402
from filmkb.workers import Limits, extract_inputs  # noqa: E402


def clock() -> float:
    """CPU seconds of this process: the machine is shared, wall time would measure others."""
    return time.process_time()


def peak_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def cpu_self() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def trafilatura_cpu(paths: list[Path]) -> float:
    """CPU seconds per page of ``trafilatura.extract`` on these pages."""
    import trafilatura

    start = time.process_time()
    for path in paths:
        trafilatura.extract(path.read_text(encoding="utf-8"))
    return (time.process_time() - start) / len(paths)


def deciles(times: list[float]) -> list[float]:
    n = len(times)
    return [
        statistics.fmean(times[n * k // 10 : max(n * (k + 1) // 10, n * k // 10 + 1)])
        for k in range(10)
    ]


def store_stats(kb: FilmKB) -> dict[str, int]:
    from filmkb.store.evidence import store_counts

    return store_counts(kb.conn)


def run(args: argparse.Namespace) -> None:
    n = args.pages
    workdir = Path(tempfile.mkdtemp(prefix="filmkb-scale-"))
    db = workdir / "kb.db"
    universe = Universe(args.seed)
    store_times: list[float] = []
    resolve_times: list[float] = []
    errors = 0
    kb = FilmKB(db)
    cpu0, child0, wall0 = cpu_self(), cpu_children(), time.perf_counter()
    if args.store_only:
        make_s = 0.0
        for i in range(n):
            t = clock()
            extraction = universe.extraction(i, folder=str(workdir))
            t1 = clock()
            make_s += t1 - t
            kb.ingest_extraction(extraction)
            t2 = clock()
            if args.per_call:
                kb.resolve_if_needed()
                resolve_times.append(clock() - t2)
            store_times.append(clock() - t1)
        pipeline_cpu = cpu_self() - cpu0 - make_s
        tra = None
    else:
        folder = Path(tempfile.gettempdir()) / f"filmkb-scale-pages-{args.seed}"
        t = clock()
        paths = write_pages(folder, n, args.seed)
        print(f"pages: {n:,} in {folder} ({clock() - t:.0f} s to generate/check)")
        cpu0, child0, wall0 = cpu_self(), cpu_children(), time.perf_counter()
        inputs = list(iter_inputs(paths))
        for item, outcome in extract_inputs(inputs, Limits(jobs=args.jobs)):
            t1 = clock()
            result = kb._ingest_outcome(item, outcome)
            t2 = clock()
            errors += result.status == "error"
            if args.per_call:
                kb.resolve_if_needed()
                resolve_times.append(clock() - t2)
            store_times.append(clock() - t1)
        pipeline_cpu = (cpu_self() - cpu0) + (cpu_children() - child0)
        sample = paths[:: max(1, n // args.trafilatura_sample)]
        tra = trafilatura_cpu(sample)
    t = clock()
    ran = kb.resolve_if_needed()
    final_resolve = clock() - t
    pipeline_cpu += final_resolve
    wall = time.perf_counter() - wall0
    stats = store_stats(kb)
    kb.close()
    db_mb = db.stat().st_size / 1e6

    d = deciles(store_times)
    first, last = d[0], d[-1]
    per_page = statistics.fmean(store_times)
    print(
        f"\n{n:,} pages ({'store only' if args.store_only else 'realistic HTML, full pipeline'}"
        f"{', one ingest call per page' if args.per_call else ', one ingest call'}); "
        f"{errors} errors; wall {wall:.0f} s"
    )
    print(f"store: {stats}; database {db_mb:.0f} MB")
    print("store cost per page by decile (ms): " + " ".join(f"{x * 1e3:.2f}" for x in d))
    print(
        f"store cost, last 10% vs first 10%: {last * 1e3:.2f} / {first * 1e3:.2f} ms = "
        f"{last / first:.2f}x (target <= 1.3)"
    )
    if resolve_times:
        r = deciles(resolve_times)
        print(
            f"per-call resolution, last 10% vs first 10%: {r[-1] * 1e3:.2f} / {r[0] * 1e3:.2f} ms"
        )
    print(
        f"end-of-call resolution: {'ran' if ran else 'nothing to do'}, {final_resolve:.2f} s = "
        f"{final_resolve / per_page:.0f}x one page's store cost"
    )
    print(f"pipeline: {n / pipeline_cpu:.1f} pages per CPU-second (pages/s/core; target >= 100)")
    if tra is not None:
        ours = pipeline_cpu / n
        print(
            f"pipeline CPU per page vs trafilatura.extract: {ours * 1e3:.1f} / {tra * 1e3:.1f} ms"
            f" = {ours / tra:.2f}x (target <= 2)"
        )
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        f"peak RSS: storing process {peak_rss_mb():.0f} MB, largest worker {child:.0f} MB"
        " (target < 500)"
    )
    # projection: per-page store cost grows linearly with pages stored (fit on the deciles)
    xs = [(k + 0.5) * n / 10 for k in range(10)]
    slope = statistics.linear_regression(xs, d).slope
    at_1m = max(d[-1], d[-1] + slope * (1_000_000 - xs[-1]))
    total_1m = 1_000_000 * (d[0] + at_1m) / 2
    print(
        f"projection to 1M pages: store cost {slope * 1e3 * 1000:+.3f} ms per 1,000 pages stored"
        f" -> {at_1m * 1e3:.2f} ms per page at 1M, {total_1m / 3600:.1f} h of storing in all,"
        f" database {db_mb * 1_000_000 / n / 1000:.0f} GB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--jobs", type=int, default=1, help="extraction worker processes")
    parser.add_argument("--store-only", action="store_true")
    parser.add_argument("--per-call", action="store_true", help="one ingest call per page")
    parser.add_argument("--trafilatura-sample", type=int, default=400)
    run(parser.parse_args())


if __name__ == "__main__":
    main()
