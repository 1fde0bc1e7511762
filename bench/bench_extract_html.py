"""Throughput and peak memory of filmkb's extraction on realistic HTML, beside trafilatura.

Acceptance figure: on realistic HTML (10–150 KB pages with navigation, scripts, sidebars,
comments) extraction runs at ≥ 50 pages/s/core, takes ≤ 3× the time of ``trafilatura.extract``
on the same pages measured in the same run, and peaks below 400 MB RSS.

Generates N pages (default 400, fixed seed) with ``bench/realistic_html.py`` (four site layouts:
news, review blog, database listing, cinema listing), then runs each phase in its own process
pinned to one CPU:

* baseline: ``trafilatura.extract(html)`` with default arguments on every page
* filmkb:   ``document_from_bytes(raw, name, ".html")`` then ``extract_document(doc)``

Each phase first imports and warms up on a few pages (reported separately: model loading is
not in the timed loop), then times one pass over all N pages (reading each file included).
Figures: wall and CPU seconds, pages/s/core, time as a ratio to the baseline, peak RSS
(VmHWM of the phase's process). Writes ``bench/out/extract_html.json``.

    .venv/bin/python bench/bench_extract_html.py [--pages 400] [--seed 11] [--profile]

``--profile`` also runs the filmkb phase under cProfile (its own process, not timed) and writes
the top functions to ``bench/out/extract_html_profile.txt``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
sys.path.insert(0, str(HERE))

from realistic_html import MOVIES, make_pages  # noqa: E402

TARGET_RATE = 50.0  # pages/s/core
TARGET_RATIO = 3.0  # × trafilatura.extract time
TARGET_RSS_MB = 400.0
WARMUP = 5

# Each phase: setup (imports, model loading) then work(raw, name) per page.
PHASES = {
    "baseline": (
        "import trafilatura",
        "def work(raw, name):\n    return trafilatura.extract(raw.decode('utf-8'))",
    ),
    "filmkb": (
        "from filmkb.documents.read import document_from_bytes\n"
        "from filmkb.extract import extract_document",
        "def work(raw, name):\n"
        "    ex = extract_document(document_from_bytes(raw, name, '.html'))\n"
        "    return ex.films[0].title_text if ex.films else None",
    ),
}

RUNNER = """
import json, os, resource, signal, sys, time
from pathlib import Path
cpu, budget = int(sys.argv[2]), float(sys.argv[3])
os.sched_setaffinity(0, {{cpu}})
t0 = time.perf_counter()
{setup}
{work}
def safe(raw, name):
    try:
        return work(raw, name), None
    except Exception as err:  # a page that fails is timed and counted, the run goes on
        return None, f'{{type(err).__name__}}: {{err}}'
paths = sorted(Path(sys.argv[1]).glob('*.html'))
for p in sorted(paths, key=lambda p: p.stat().st_size)[:{warmup}]:  # the smallest pages
    safe(p.read_bytes(), p.name)
setup_s = time.perf_counter() - t0
results, per_page, errors, cut = {{}}, {{}}, {{}}, None
class OverBudget(BaseException):
    pass
def on_alarm(signum, frame):
    raise OverBudget()
signal.signal(signal.SIGALRM, on_alarm)
c0 = cpu_now = time.process_time()
w0 = now = time.perf_counter()
signal.setitimer(signal.ITIMER_REAL, budget)  # interrupts even a page stuck in a regex
try:
    for p in paths:
        cut = p.name
        results[p.name], error = safe(p.read_bytes(), p.name)
        if error:
            errors[p.name] = error
        wall_end, cpu_end = time.perf_counter(), time.process_time()
        per_page[p.name] = (wall_end - now, cpu_end - cpu_now)
        now, cpu_now = wall_end, cpu_end
    cut = None
except OverBudget:  # the page under way is dropped; figures are over the pages done
    cut = {{'page': cut, 'after_s': time.perf_counter() - now}}
signal.setitimer(signal.ITIMER_REAL, 0)
wall, cpu_s = now - w0, cpu_now - c0
# VmHWM: peak RSS of this address space. (ru_maxrss would not do: Linux carries it over
# fork + exec, so it is never below the parent's RSS at the fork.)
status = Path('/proc/self/status')
hwm = [ln.split()[1] for ln in status.read_text().splitlines() if ln.startswith('VmHWM')] if status.exists() else []
peak = int(hwm[0]) if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
out = {{'wall_s': wall, 'cpu_s': cpu_s, 'setup_s': setup_s, 'peak_rss_kib': peak,
       'pages': len(per_page), 'per_page_s': per_page, 'errors': errors, 'cut': cut}}
if {keep}:
    out['titles'] = results
print(json.dumps(out))
"""

PROFILE = """
import cProfile, io, os, pstats, signal, sys, time
from pathlib import Path
os.sched_setaffinity(0, {{int(sys.argv[2])}})
budget = float(sys.argv[3])
{setup}
{work}
def safe(raw, name):
    try:
        return work(raw, name), None
    except Exception as err:  # a page that fails is timed and counted, the run goes on
        return None, f'{{type(err).__name__}}: {{err}}'
paths = sorted(Path(sys.argv[1]).glob('*.html'))
for p in sorted(paths, key=lambda p: p.stat().st_size)[:{warmup}]:  # the smallest pages
    safe(p.read_bytes(), p.name)
prof = cProfile.Profile()
done = 0
class OverBudget(BaseException):
    pass
def on_alarm(signum, frame):
    raise OverBudget()
signal.signal(signal.SIGALRM, on_alarm)
signal.setitimer(signal.ITIMER_REAL, budget)
try:
    for p in paths:
        prof.enable()
        safe(p.read_bytes(), p.name)
        prof.disable()
        done += 1
except OverBudget:
    prof.disable()
signal.setitimer(signal.ITIMER_REAL, 0)
s = io.StringIO()
print(f'cProfile of the filmkb phase: {{done}} pages done in the {{budget:g}} s budget, then the page under way until cut', file=s)
st = pstats.Stats(prof, stream=s).strip_dirs()
st.sort_stats('cumulative').print_stats(25)
st.sort_stats('tottime').print_stats(20)
print(s.getvalue())
"""

ENV = {
    **os.environ,
    "OMP_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "PYTHONHASHSEED": "0",
}


def _python() -> str:
    venv = ROOT / ".venv" / "bin" / "python"
    return str(venv) if venv.exists() else sys.executable


def run_phase(name: str, folder: Path, cpu: int, budget: float) -> dict:
    setup, work = PHASES[name]
    code = RUNNER.format(setup=setup, work=work, warmup=WARMUP, keep=name == "filmkb")
    start = time.perf_counter()
    proc = subprocess.run(
        [_python(), "-c", code, str(folder), str(cpu), str(budget)],
        capture_output=True,
        text=True,
        env=ENV,
        cwd=ROOT,
    )
    if proc.returncode != 0:
        raise SystemExit(f"{name} failed:\n{proc.stderr}")
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["process_s"] = time.perf_counter() - start
    return result


def profile_filmkb(folder: Path, cpu: int, budget: float) -> str:
    setup, work = PHASES["filmkb"]
    code = PROFILE.format(setup=setup, work=work, warmup=WARMUP)
    proc = subprocess.run(
        [_python(), "-c", code, str(folder), str(cpu), str(budget)],
        capture_output=True,
        text=True,
        env=ENV,
        cwd=ROOT,
    )
    if proc.returncode != 0:
        return f"profile failed:\n{proc.stderr}"
    return proc.stdout


def _title_match(got: str | None, want: str) -> bool:
    norm = lambda s: " ".join((s or "").casefold().replace("’", "'").split())  # noqa: E731
    return bool(got) and norm(got) == norm(want)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=400)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument(
        "--cpu", type=int, default=max(os.sched_getaffinity(0)), help="CPU to pin phases to"
    )
    parser.add_argument(
        "--budget",
        type=float,
        default=120.0,
        help="seconds per phase; a phase over it stops and is measured on the pages it did",
    )
    parser.add_argument("--profile", action="store_true", help="cProfile the filmkb phase too")
    parser.add_argument("--json", action="store_true", help="print the JSON record only")
    args = parser.parse_args()

    t = time.perf_counter()
    pages = make_pages(args.pages, seed=args.seed)
    gen_s = time.perf_counter() - t
    by_name = {p.name: p for p in pages}
    sizes = [len(p.html.encode("utf-8")) for p in pages]
    layouts = {k: sum(p.layout == k for p in pages) for k in sorted({p.layout for p in pages})}

    with tempfile.TemporaryDirectory(prefix="bench_html_") as tmp:
        folder = Path(tmp)
        for p in pages:
            (folder / p.name).write_text(p.html, encoding="utf-8")
        results = {
            name: run_phase(name, folder, args.cpu, args.budget) for name in ("baseline", "filmkb")
        }
        profile = profile_filmkb(folder, args.cpu, args.budget / 2) if args.profile else None

    base, fk = results["baseline"], results["filmkb"]
    titles = fk.pop("titles")
    # ratios over the pages both phases did (all of them unless a phase ran out of budget)
    done = [n for n in fk["per_page_s"] if n in base["per_page_s"]]
    if not done:
        raise SystemExit("no page done by both phases within the budget")

    def over(r: dict, i: int) -> float:
        return sum(r["per_page_s"][n][i] for n in done)

    base_wall, base_cpu = over(base, 0), over(base, 1)
    rows = []
    for name, r in results.items():
        wall, cpu = over(r, 0), over(r, 1)
        rows.append(
            {
                "phase": name,
                "pages": len(done),
                "wall_s": round(wall, 3),
                "cpu_s": round(cpu, 3),
                "pages_per_s_per_core": round(len(done) / wall, 1),
                "ms_per_page": round(1000 * wall / len(done), 2),
                "time_vs_baseline": round(wall / base_wall, 2),
                "cpu_vs_baseline": round(cpu / base_cpu, 2),
                "setup_and_warmup_s": round(r["setup_s"], 2),
                "peak_rss_mb": round(r["peak_rss_kib"] / 1024, 1),
                "pages_in_budget": r["pages"],
            }
        )
    frow = rows[1]
    matched = sum(_title_match(titles.get(n), by_name[n].truth["title"]) for n in done)
    slowest = sorted(done, key=lambda n: -fk["per_page_s"][n][0])[:8]
    per_layout = {}
    for lay in layouts:
        ms = [1000 * fk["per_page_s"][n][0] for n in done if by_name[n].layout == lay]
        if ms:
            per_layout[lay] = {
                "pages": len(ms),
                "median_ms": round(statistics.median(ms), 1),
                "max_ms": round(max(ms), 1),
            }
    checks = {
        "pages_per_s_per_core": {
            "value": frow["pages_per_s_per_core"],
            "target": f">= {TARGET_RATE:g}",
            "pass": frow["pages_per_s_per_core"] >= TARGET_RATE,
        },
        "time_vs_trafilatura": {
            "value": frow["time_vs_baseline"],
            "target": f"<= {TARGET_RATIO:g}",
            "pass": frow["time_vs_baseline"] <= TARGET_RATIO,
        },
        "peak_rss_mb": {
            "value": frow["peak_rss_mb"],
            "target": f"< {TARGET_RSS_MB:g}",
            "pass": frow["peak_rss_mb"] < TARGET_RSS_MB,
        },
    }
    record = {
        "bench": "extract_html",
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "commit": _commit(),
        "pages": args.pages,
        "seed": args.seed,
        "cpu": args.cpu,
        "budget_s": args.budget,
        "partial": len(done) < args.pages,
        "film_source": "wikipedia-movies" if MOVIES.exists() else "built-in",
        "generate_s": round(gen_s, 2),
        "page_kb": {
            "min": round(min(sizes) / 1000, 1),
            "median": round(statistics.median(sizes) / 1000, 1),
            "mean": round(statistics.mean(sizes) / 1000, 1),
            "max": round(max(sizes) / 1000, 1),
            "total_mb": round(sum(sizes) / 1e6, 2),
        },
        "layouts": layouts,
        "main_title_found": round(matched / len(done), 3),
        "cut_page": fk["cut"],
        "errors": {name: len(r["errors"]) for name, r in results.items()},
        "first_errors": {
            name: dict(list(r["errors"].items())[:3]) for name, r in results.items() if r["errors"]
        },
        "phases": rows,
        "baseline_all_pages": {
            "pages": base["pages"],
            "wall_s": round(base["wall_s"], 3),
            "cpu_s": round(base["cpu_s"], 3),
            "pages_per_s_per_core": round(base["pages"] / base["wall_s"], 1),
            "peak_rss_mb": round(base["peak_rss_kib"] / 1024, 1),
        },
        "filmkb_by_layout": per_layout,
        "slowest_pages": [
            {
                "page": n,
                "kb": round(len(by_name[n].html.encode("utf-8")) / 1000, 1),
                "filmkb_ms": round(1000 * fk["per_page_s"][n][0], 1),
                "trafilatura_ms": round(1000 * base["per_page_s"][n][0], 1),
            }
            for n in slowest
        ],
        "checks": checks,
        "pass": all(c["pass"] for c in checks.values()),
    }
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "extract_html.json").write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
    if profile:
        (OUT / "extract_html_profile.txt").write_text(profile, encoding="utf-8")
    if args.json:
        print(json.dumps(record, indent=1))
        return

    kb = record["page_kb"]
    print(
        f"bench_extract_html: {args.pages} pages (seed {args.seed}, films from "
        f"{record['film_source']}), {kb['min']}–{kb['max']} KB (median {kb['median']}, "
        f"total {kb['total_mb']} MB); layouts {layouts}; one process pinned to CPU {args.cpu} per phase"
    )
    if record["partial"]:
        print(
            f"PARTIAL: filmkb did {len(done)} of {args.pages} pages within the {args.budget:g} s "
            "budget; every figure below is over those pages (baseline included)"
            + (
                f"; {fk['cut']['page']} was cut after {fk['cut']['after_s']:.1f} s and is not counted"
                if fk["cut"]
                else ""
            )
        )
    print(
        f"{'phase':9s} {'pages':>6s} {'wall s':>8s} {'cpu s':>8s} {'ms/page':>8s} {'pages/s/core':>13s} "
        f"{'x baseline':>11s} {'setup+warm s':>13s} {'peak RSS MB':>12s}"
    )
    for r in rows:
        print(
            f"{r['phase']:9s} {r['pages']:6d} {r['wall_s']:8.2f} {r['cpu_s']:8.2f} {r['ms_per_page']:8.2f} "
            f"{r['pages_per_s_per_core']:13.1f} {r['time_vs_baseline']:11.2f} "
            f"{r['setup_and_warmup_s']:13.2f} {r['peak_rss_mb']:12.1f}"
        )
    if record["partial"]:
        b = record["baseline_all_pages"]
        print(
            f"(baseline over all {b['pages']} pages: {b['wall_s']:.2f} s wall, {b['cpu_s']:.2f} s cpu, "
            f"{b['pages_per_s_per_core']} pages/s/core, peak RSS {b['peak_rss_mb']} MB)"
        )
    print(
        "filmkb ms/page by layout: "
        + ", ".join(f"{k} median {v['median_ms']} max {v['max_ms']}" for k, v in per_layout.items())
    )
    print(
        "slowest pages: "
        + ", ".join(
            f"{s['page']} ({s['kb']} KB) {s['filmkb_ms']:.0f} ms"
            for s in record["slowest_pages"][:4]
        )
    )
    for name, errs in record["first_errors"].items():
        first = next(iter(errs.items()))
        print(
            f"ERRORS in {name}: {record['errors'][name]} pages failed (first: {first[0]}: {first[1]})"
        )
    print(f"filmkb found the page's film title on {record['main_title_found']:.1%} of pages")
    for name, c in checks.items():
        print(
            f"  {'PASS' if c['pass'] else 'FAIL'}  {name:22s} {c['value']:>8} (target {c['target']})"
        )
    print(f"overall: {'PASS' if record['pass'] else 'FAIL'}   → {OUT / 'extract_html.json'}")
    if profile:
        print(f"profile → {OUT / 'extract_html_profile.txt'}")


def _commit() -> str | None:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT
        )
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "src"], capture_output=True, text=True, cwd=ROOT
        ).stdout.strip()
        return (out.stdout.strip() + ("+uncommitted src changes" if dirty else "")) or None
    except OSError:
        return None


if __name__ == "__main__":
    main()
