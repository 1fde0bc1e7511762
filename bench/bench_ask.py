"""Benchmark ``filmkb.ask``: import speed, graph load, questions/s and hits@1 on the dev sets;
with ``--cold``, one question from the shell on a ≥ 100k-film store.

    .venv/bin/python bench/bench_ask.py [--shared /work/shared] [--limit N]
    .venv/bin/python bench/bench_ask.py --cold [--films 100000] [--runs 5]

``--cold`` builds (once; kept in ``bench/out/``) a store of MetaQA's ``kb.txt`` plus generated
triples (``triples_gen``) up to ``--films`` films, with ``filmkb import-triples`` (which also
builds the question graph), then times, in fresh processes and alternately, ``filmkb --help``
(the baseline) and ``filmkb ask QUESTION --db STORE`` for a 1-, 2- and 3-hop MetaQA question and
one about the most-credited generated person. It prints the medians, the ratio ask / --help
(target ≤ 2) and each peak RSS (target < 300 MB); exit status 1 when a target is missed.

Prints, for the MetaQA ``kb.txt``: import time (target < 10 s) against a baseline measured
in the same run (reading the file and splitting every line on ``|``); graph load time; then
for each dev file hits@1 and questions/s (target ≥ 200/s) against a baseline of the same
questions answered by a plain dict lookup of the bracketed entity. With ``--heldout``, the
template table is learned again from the even-numbered templates only and the odd ones are
answered through the nearest-template fallback (how unseen phrasings fare). Exit status 1 when import ≥ 10 s, < 200 questions/s, or
hits@1 falls under a file's regression floor (the issue's targets are printed, MISSED or
not: kb.txt lacks the facts for a few % of the dev questions, see ``--ceiling``). With
``--ceiling``, the share of questions whose gold answer is reachable at all in ``kb.txt``
(within the hop count, by any relations) and hits@1 on those.
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import time
from pathlib import Path

from filmkb import FilmKB
from filmkb.ask import Ask, import_triples
from filmkb.ask.evaluate import evaluate, gold_set, read_qa
from filmkb.ask.link import bracketed, link
from filmkb.ask.templates import TemplateTable
from filmkb.store import ask_graph
from filmkb.store.db import connect_read_only

SETS = (  # label, file, issue target, regression floor (measured 2026-11, minus ~0.5 pt), hops
    ("1-hop", "metaqa/1-hop/qa_dev.txt", 0.99, 0.94, 1),
    ("2-hop", "metaqa/2-hop/qa_dev.txt", 0.99, 0.95, 2),
    ("3-hop", "metaqa/3-hop/qa_dev.txt", 0.99, 0.955, 3),
    ("1-hop paraphrased", "metaqa/1-hop/qa_dev_paraphrased.txt", 0.95, 0.94, 1),
    ("WikiMovies", "wikimovies/wiki-entities_qa_dev.txt", 0.95, 0.94, 1),
)
IMPORT_TARGET_S = 10.0
QPS_TARGET = 200
CEILING_SAMPLE = 1500  # questions per file for the (slow) reachability ceiling


def baseline_split(path: Path) -> float:
    start = time.perf_counter()
    rows = [line.rstrip("\n").split("|", 2) for line in path.open(encoding="utf-8")]
    assert rows
    return time.perf_counter() - start


def baseline_lookup(pairs: list[tuple[str, str]], index: dict[str, list[str]]) -> float:
    start = time.perf_counter()
    for question, _ in pairs:
        found = re.search(r"\[([^\]]+)\]", question)
        index.get(found.group(1) if found else question, [])
    return time.perf_counter() - start


def reachable(asker: Ask, question: str, raw: str, hops: int) -> bool | None:
    """Is any gold answer reachable from the bracketed entity by some walk of ``hops`` steps
    over kb.txt? (None: no brackets.) Independent of how the question is parsed."""
    span = bracketed(question)
    if span is None:
        return None
    graph = asker.graph
    frontier = {n: 1 for n in link(graph, span.text, fuzzy=False)}
    steps = graph.props() + ["~" + p for p in graph.props()]
    for _ in range(hops):
        nxt: dict[int, int] = {}
        for step in steps:
            nxt.update(graph.step(frontier, step))
        frontier = nxt
    return bool({graph.names[n] for n in frontier} & gold_set(raw))


def ceiling(asker: Ask, pairs: list[tuple[str, str]], hops: int) -> tuple[float, float] | None:
    """(share of answerable questions, hits@1 on them) over an even sample."""
    sample = pairs[:: max(1, len(pairs) // CEILING_SAMPLE)]
    flags = [reachable(asker, q, raw, hops) for q, raw in sample]
    if any(f is None for f in flags):
        return None
    answerable = [p for p, f in zip(sample, flags, strict=True) if f]
    score = evaluate(asker, answerable)
    return len(answerable) / len(sample), score.hits_at_1


def heldout(table: TemplateTable, min_similarity: float) -> TemplateTable:
    """Keep the even-numbered templates (sorted); the odd ones become unseen."""
    names = sorted(table.routes)
    kept = {t: table.routes[t] for i, t in enumerate(names) if i % 2 == 0}
    return TemplateTable(kept, min_similarity)


COLD_RATIO_TARGET, COLD_RSS_TARGET_MB = 2.0, 300
COLD_QUESTIONS = (
    "what movies did [Temuera Morrison] act in",
    "the films acted by [Sharon Tate] were released in which years",
    "who acted in the movies directed by the director of [Some Mother's Son]",
)


def cold_store(kb_file: Path, films: int, out: Path) -> Path:
    """kb.txt + generated triples with at least ``films`` films (built once, then reused)."""
    from bench_import import filmkb_command, generated

    store = out / f"ask-{films}.db"
    if store.exists():
        return store
    partial = out / f"ask-{films}.part.db"
    for leftover in out.glob(partial.name + "*"):
        leftover.unlink()
    lines = max(0, films - 16_000) * 8  # generated films have about 7.7 lines each
    for path in (kb_file, generated(lines, out)):
        start = time.perf_counter()
        subprocess.run(
            [*filmkb_command(), "import-triples", str(path), "--db", str(partial)], check=True
        )
        print(f"imported {path.name} in {time.perf_counter() - start:.0f} s")
    partial.rename(store)
    for suffix in ("-wal", "-shm"):
        Path(str(partial) + suffix).unlink(missing_ok=True)
    return store


def most_credited(store: Path) -> tuple[str, int]:
    conn = connect_read_only(store)
    try:
        found = ask_graph.most_linked(conn, "director")
        films = ask_graph.film_count(conn)
    finally:
        conn.close()
    assert found is not None
    return found[0], films


def cold(kb_file: Path, films: int, runs: int) -> bool:
    """Cold ``filmkb ask`` vs ``filmkb --help``, each in fresh processes; True if all met."""
    from bench_import import filmkb_command, measure

    out = Path(__file__).resolve().parent / "out"
    out.mkdir(exist_ok=True)
    store = cold_store(kb_file, films, out)
    director, count = most_credited(store)
    questions = [*COLD_QUESTIONS, f"which films did [{director}] direct"]
    print(f"store: {store} ({count:,} films in the question graph)")
    cli = filmkb_command()
    helps: list[dict[str, float]] = []
    asks: dict[str, list[dict[str, float]]] = {q: [] for q in questions}
    for _ in range(runs):  # alternate, so that a busy moment hurts both alike
        helps.append(measure([*cli, "--help"]))
        for question in questions:
            asks[question].append(measure([*cli, "ask", question, "--db", str(store)]))
    base = statistics.median(h["seconds"] for h in helps)
    base_rss = max(h["peak_mb"] for h in helps)
    print(f"filmkb --help: median {base:.2f} s, peak RSS {base_rss:.0f} MB ({runs} runs)")
    ok = True
    for question, results in asks.items():
        seconds = statistics.median(r["seconds"] for r in results)
        rss = max(r["peak_mb"] for r in results)
        ratio = seconds / base
        met = ratio <= COLD_RATIO_TARGET and rss < COLD_RSS_TARGET_MB
        ok &= met and all(r["rc"] in (0, 1) for r in results)
        print(
            f"filmkb ask {question!r}: median {seconds:.2f} s ({ratio:.2f}x --help, target"
            f" <= {COLD_RATIO_TARGET:g}), peak RSS {rss:.0f} MB (target < {COLD_RSS_TARGET_MB})"
            + ("" if met else " MISSED")
        )
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default_shared = Path(__file__).resolve().parents[1].parent / "shared"
    parser.add_argument("--shared", type=Path, default=default_shared)
    parser.add_argument("--limit", type=int, default=None, help="questions per file")
    parser.add_argument("--heldout", action="store_true")
    parser.add_argument("--ceiling", action="store_true", help="also measure kb.txt coverage")
    parser.add_argument("--min-similarity", type=float, default=None)
    parser.add_argument("--cold", action="store_true", help="cold ask vs --help on a big store")
    parser.add_argument("--films", type=int, default=100_000, help="with --cold: store size")
    parser.add_argument("--runs", type=int, default=5, help="with --cold: processes each")
    args = parser.parse_args()
    data = args.shared / "data"
    kb_file = data / "metaqa" / "kb.txt"
    if not kb_file.exists():
        print(f"skipped: {kb_file} is absent")
        return
    if args.cold:
        raise SystemExit(0 if cold(kb_file, args.films, args.runs) else 1)

    split_s = baseline_split(kb_file)
    kb = FilmKB(":memory:")
    start = time.perf_counter()
    result = import_triples(kb, kb_file)
    import_s = time.perf_counter() - start
    start = time.perf_counter()
    again = import_triples(kb, kb_file)
    reimport_s = time.perf_counter() - start
    print(f"import kb.txt: {result.triples} triples, {import_s:.2f} s (target < 10 s);"
          f" baseline line split {split_s:.3f} s; ratio {import_s / split_s:.0f}x")  # fmt: skip
    print(f"re-import: {again.status} in {reimport_s:.3f} s")
    failed = import_s >= IMPORT_TARGET_S

    asker = Ask(kb)
    print(f"graph build: {asker.load_seconds:.2f} s, {len(asker.graph.names)} nodes")
    print(f"graph open (built, stored): {Ask(kb).load_seconds * 1000:.1f} ms")
    if args.min_similarity is not None:
        asker.templates = TemplateTable(asker.templates.routes, args.min_similarity)
    if args.heldout:
        asker.templates = heldout(asker.templates, asker.templates.min_similarity)
        print(f"held-out run: {len(asker.templates.routes)} templates kept, the rest unseen")
    index: dict[str, list[str]] = {}  # the baseline: subject → objects, read from the file
    for line in kb_file.open(encoding="utf-8"):
        parts = line.rstrip("\n").split("|", 2)
        if len(parts) == 3:
            index.setdefault(parts[0], []).append(parts[2])
    for label, rel, target, floor, hops in SETS:
        path = data / rel
        if not path.exists():
            print(f"{label}: missing {path}")
            continue
        pairs = read_qa(path, args.limit)
        score = evaluate(asker, pairs)
        base = baseline_lookup(pairs, index)
        ok = score.hits_at_1 >= target
        if not args.heldout and args.limit is None:
            failed |= score.hits_at_1 < floor or score.per_second < QPS_TARGET
        print(
            f"{label}: hits@1 {score.hits_at_1:.4f} ({score.hits1}/{score.questions},"
            f" target {target}{'' if ok else ' MISSED'}), answered {score.answered},"
            f" {score.per_second:.0f} q/s (target 200); baseline dict lookup"
            f" {len(pairs) / base:.0f} q/s; ratio {base / score.seconds:.3f}"
        )
        if args.ceiling:
            found = ceiling(asker, pairs, hops)
            if found is not None:
                print(
                    f"  ceiling: {found[0]:.4f} of questions have a gold answer within {hops}"
                    f" hop(s) of the entity in kb.txt; hits@1 on those {found[1]:.4f}"
                    f" (sample of {CEILING_SAMPLE})"
                )
    raise SystemExit(1 if failed else 0)


if __name__ == "__main__":
    main()
