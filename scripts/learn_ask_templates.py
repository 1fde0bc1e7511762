"""Learn ``src/filmkb/ask/templates.json`` from the MetaQA dev questions (reproducible).

For every template (a dev question with its bracketed entity replaced by ``NE``), try every
relation path of the file's hop count from the linked entity over the imported ``kb.txt``,
and keep the path (and whether the asked-about entity is left out of the answers) with the
best mean F1 (then hits@1) against the gold answers of up to ``--sample`` of the template's
questions (the first ones in file order). The asked-about entity is kept (``none``), left out
of the answers (``final``) or left out of every hop (``all``), whichever fits best over the
questions of all the templates that chose the same path (``pool_modes``). Templates whose
best F1 is below ``--min-f1`` are left out.

    .venv/bin/python scripts/learn_ask_templates.py [--shared /work/shared] [--sample 20]
"""

from __future__ import annotations

import argparse
import json
import time
from collections import defaultdict
from pathlib import Path

from filmkb import FilmKB
from filmkb.ask.graph import FILM, Graph, open_graph
from filmkb.ask.link import bracketed, template_of
from filmkb.ask.link import link as link_name
from filmkb.ask.templates import TEMPLATES_FILE
from filmkb.ask.triples import import_triples

FILES = (
    ("metaqa/1-hop/qa_dev.txt", 1),
    ("metaqa/1-hop/qa_dev_paraphrased.txt", 1),
    ("metaqa/2-hop/qa_dev.txt", 2),
    ("metaqa/3-hop/qa_dev.txt", 3),
)
MAX_FRONTIER = 20000
MODES = ("none", "final", "all")


def steps_from(graph: Graph, frontier: dict[int, int]) -> list[str]:
    out = []
    sample = list(frontier)[:50]
    for prop in sorted(graph.props()):
        if any(graph.kinds[n] == FILM and graph.has_step(n, prop) for n in sample):
            out.append(prop)
        if any(graph.kinds[n] != FILM and graph.has_step(n, "~" + prop) for n in sample):
            out.append("~" + prop)
    return out


def paths_answers(graph: Graph, nodes: list[int], hops: int, drop: bool):
    """Yield (path, answer nodes) for every path of ``hops`` steps with a non-empty end."""
    stack = [((), {n: 1 for n in nodes})]
    while stack:
        path, frontier = stack.pop()
        if len(path) == hops:
            yield path, frontier
            continue
        for step in steps_from(graph, frontier):
            nxt = graph.step(frontier, step)
            if drop:
                for n in nodes:
                    nxt.pop(n, None)
            if nxt and len(nxt) <= MAX_FRONTIER:
                stack.append((path + (step,), nxt))


def ranked(graph: Graph, ends: dict[int, int], topic: set[str]) -> list[str]:
    order = sorted(ends.items(), key=lambda kv: (-kv[1], graph.names[kv[0]]))
    return [graph.names[n] for n, _ in order if graph.names[n] not in topic]


def f1(predicted: set[str], gold: set[str]) -> float:
    hit = len(predicted & gold)
    if not hit:
        return 0.0
    p, r = hit / len(predicted), hit / len(gold)
    return 2 * p * r / (p + r)


def learn(graph: Graph, shared: Path, sample: int, min_f1: float) -> dict[str, dict]:
    table: dict[str, dict] = {}
    chosen: dict[str, tuple] = {}  # template → (path, mode → [hits@1, F1] summed)
    for rel, hops in FILES:
        by_template: dict[str, list[tuple[str, set[str]]]] = defaultdict(list)
        for line in (shared / "data" / rel).read_text(encoding="utf-8").splitlines():
            question, _, answers = line.partition("\t")
            span = bracketed(question)
            if span is None:
                continue
            by_template[template_of(question, span)].append((span.text, set(answers.split("|"))))
        start = time.perf_counter()
        for template, items in sorted(by_template.items()):
            if template in table:
                continue
            totals: dict[tuple[tuple[str, ...], str], list[float]] = defaultdict(lambda: [0, 0])
            used = items[:sample]
            for entity, gold in used:
                nodes = link_name(graph, entity, fuzzy=False)
                topic = {graph.names[n] for n in nodes}
                for mode in MODES:
                    drop = mode == "all"
                    for path, ends in paths_answers(graph, nodes, hops, drop):
                        names = ranked(graph, ends, topic if mode != "none" else set())
                        total = totals[(path, mode)]
                        total[0] += bool(names) and names[0] in gold
                        total[1] += f1(set(names), gold)
            if not totals:
                continue
            (path, exclude), score = max(
                totals.items(),
                key=lambda kv: (kv[1][1], kv[1][0], MODES.index(kv[0][1]) == 0, kv[0][0]),
            )
            if score[1] / len(used) >= min_f1:
                chosen[template] = (path, {m: totals.get((path, m), [0, 0]) for m in MODES})
                table[template] = {
                    "path": list(path),
                    "exclude_topic": exclude,
                    "hits1": round(score[0] / len(used), 3),
                    "f1": round(score[1] / len(used), 3),
                    "questions": len(items),
                    "hops": hops,
                }
        print(f"{rel}: {len(by_template)} templates, {time.perf_counter() - start:.1f} s")
    pool_modes(table, chosen)
    return table


def pool_modes(table: dict[str, dict], chosen: dict[str, tuple]) -> None:
    """One exclusion mode per path: the mode with the best F1 (then hits@1) summed over the
    questions of every template that chose that path. A template's own 20 questions often
    cannot tell the modes apart (the topic is among no answer), and a tie used to keep
    ``none`` — so templates sharing a path disagreed."""
    pooled: dict[tuple[str, ...], dict[str, list[float]]] = defaultdict(
        lambda: {m: [0.0, 0.0] for m in MODES}
    )
    for path, by_mode in chosen.values():
        for mode, (hits, f) in by_mode.items():
            pooled[path][mode][0] += hits
            pooled[path][mode][1] += f
    for template, (path, _) in chosen.items():
        scores = pooled[path]
        table[template]["exclude_topic"] = max(
            MODES, key=lambda m: (round(scores[m][1], 6), scores[m][0], -MODES.index(m))
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default_shared = Path(__file__).resolve().parents[1].parent / "shared"
    parser.add_argument("--shared", type=Path, default=default_shared)
    parser.add_argument("--sample", type=int, default=20)
    parser.add_argument("--min-f1", type=float, default=0.3)
    parser.add_argument("--out", type=Path, default=TEMPLATES_FILE)
    args = parser.parse_args()
    kb = FilmKB(":memory:")
    import_triples(kb, args.shared / "data" / "metaqa" / "kb.txt")
    graph = open_graph(kb)
    table = learn(graph, args.shared, args.sample, args.min_f1)
    data = {
        "version": 1,
        "made_by": "scripts/learn_ask_templates.py",
        "sample": args.sample,
        "templates": dict(sorted(table.items())),
    }
    args.out.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(table)} templates → {args.out}")


if __name__ == "__main__":
    main()
