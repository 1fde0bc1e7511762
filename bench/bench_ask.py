"""Benchmark ``filmkb.ask``: import speed, graph load, questions/s and hits@1 on the dev sets.

    .venv/bin/python bench/bench_ask.py [--shared /work/shared] [--limit N]

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
import time
from pathlib import Path

from filmkb import FilmKB
from filmkb.ask import Ask, import_triples
from filmkb.ask.evaluate import evaluate, gold_set, read_qa
from filmkb.ask.link import bracketed, link
from filmkb.ask.templates import TemplateTable

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default_shared = Path(__file__).resolve().parents[1].parent / "shared"
    parser.add_argument("--shared", type=Path, default=default_shared)
    parser.add_argument("--limit", type=int, default=None, help="questions per file")
    parser.add_argument("--heldout", action="store_true")
    parser.add_argument("--ceiling", action="store_true", help="also measure kb.txt coverage")
    parser.add_argument("--min-similarity", type=float, default=None)
    args = parser.parse_args()
    data = args.shared / "data"
    kb_file = data / "metaqa" / "kb.txt"
    if not kb_file.exists():
        print(f"skipped: {kb_file} is absent")
        return

    split_s = baseline_split(kb_file)
    kb = FilmKB(":memory:")
    start = time.perf_counter()
    result = import_triples(kb.conn, kb_file)
    import_s = time.perf_counter() - start
    start = time.perf_counter()
    again = import_triples(kb.conn, kb_file)
    reimport_s = time.perf_counter() - start
    print(f"import kb.txt: {result.triples} triples, {import_s:.2f} s (target < 10 s);"
          f" baseline line split {split_s:.3f} s; ratio {import_s / split_s:.0f}x")  # fmt: skip
    print(f"re-import: {again.status} in {reimport_s:.3f} s")
    failed = import_s >= IMPORT_TARGET_S

    asker = Ask(kb)
    print(f"graph load: {asker.load_seconds:.2f} s, {len(asker.graph.names)} nodes")
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
