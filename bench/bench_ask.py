"""Benchmark ``filmkb.ask``: import speed, graph load, questions/s and hits@1 on the dev sets.

    .venv/bin/python bench/bench_ask.py [--shared /work/shared] [--limit N]

Prints, for the MetaQA ``kb.txt``: import time (target < 10 s) against a baseline measured
in the same run (reading the file and splitting every line on ``|``); graph load time; then
for each dev file hits@1 and questions/s (target ≥ 200/s) against a baseline of the same
questions answered by a plain dict lookup of the bracketed entity. With ``--heldout``, the
template table is learned again from the even-numbered templates only and the odd ones are
answered through the nearest-template fallback (how unseen phrasings fare).
"""

from __future__ import annotations

import argparse
import re
import time
from pathlib import Path

from filmkb import FilmKB
from filmkb.ask import Ask, import_triples
from filmkb.ask.evaluate import evaluate, read_qa
from filmkb.ask.templates import TemplateTable

SETS = (
    ("1-hop", "metaqa/1-hop/qa_dev.txt", 0.99),
    ("2-hop", "metaqa/2-hop/qa_dev.txt", 0.99),
    ("3-hop", "metaqa/3-hop/qa_dev.txt", 0.99),
    ("1-hop paraphrased", "metaqa/1-hop/qa_dev_paraphrased.txt", 0.95),
    ("WikiMovies", "wikimovies/wiki-entities_qa_dev.txt", 0.95),
)


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


def heldout(table: TemplateTable) -> tuple[TemplateTable, set[str]]:
    """Keep the even-numbered templates (sorted); the odd ones become unseen."""
    names = sorted(table.routes)
    kept = {t: table.routes[t] for i, t in enumerate(names) if i % 2 == 0}
    return TemplateTable(kept), {t for i, t in enumerate(names) if i % 2 == 1}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default_shared = Path(__file__).resolve().parents[1].parent / "shared"
    parser.add_argument("--shared", type=Path, default=default_shared)
    parser.add_argument("--limit", type=int, default=None, help="questions per file")
    parser.add_argument("--heldout", action="store_true")
    args = parser.parse_args()
    data = args.shared / "data"
    kb_file = data / "metaqa" / "kb.txt"

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

    asker = Ask(kb)
    print(f"graph load: {asker.load_seconds:.2f} s, {len(asker.graph.names)} nodes")
    if args.heldout:
        asker.templates, _ = heldout(asker.templates)
        print(f"held-out run: {len(asker.templates.routes)} templates kept, the rest unseen")
    index: dict[str, list[str]] = {}
    for name, nodes in asker.graph.exact.items():
        index[name] = [asker.graph.names[n] for n in nodes]
    failed = False
    for label, rel, target in SETS:
        path = data / rel
        if not path.exists():
            print(f"{label}: missing {path}")
            continue
        pairs = read_qa(path, args.limit)
        score = evaluate(asker, pairs)
        base = baseline_lookup(pairs, index)
        ok = score.hits_at_1 >= target
        failed |= not ok and not args.heldout
        print(
            f"{label}: hits@1 {score.hits_at_1:.4f} ({score.hits1}/{score.questions},"
            f" target {target}{'' if ok else ' MISSED'}), answered {score.answered},"
            f" {score.per_second:.0f} q/s (target 200); baseline dict lookup"
            f" {len(pairs) / base:.0f} q/s; ratio {base / score.seconds:.3f}"
        )
    raise SystemExit(1 if failed else 0)


if __name__ == "__main__":
    main()
