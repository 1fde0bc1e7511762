"""Fuzz the JSON API with schemathesis against a live server; exit 1 on any failure.

    python scripts/fuzz_api.py [--examples 50] [--seed 1] [--db PATH] [--keep]

1. Builds a store (a temporary file unless ``--db``): the example pages
   (``examples/escape-2024``) through ``FilmKB.ingest``, then the MetaQA knowledge base
   (``../shared/data/metaqa/kb.txt`` beside the repo, or ``$METAQA_KB``) through
   ``filmkb.ask.import_triples`` when it is there (said so and skipped when it is not).
2. Serves it with ``filmkb serve`` in a second process on a free port of 127.0.0.1, and
   waits until it answers questions (the ask graph is built in the background at start).
3. Runs ``schemathesis run`` on ``/openapi.json`` with every check, ``--examples`` cases
   per operation (positive and negative data), a fixed seed; prints its summary.

The exit status is schemathesis's: 0 only with no server error, no response outside the
declared statuses, content types, headers and schemas. ``make fuzz`` runs this;
``tests/test_api_fuzz.py`` runs it in the default test run.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "escape-2024"
METAQA = Path(os.environ.get("METAQA_KB", ROOT.parent / "shared" / "data" / "metaqa" / "kb.txt"))
sys.path.insert(0, str(ROOT / "src"))


def build_store(db: Path, with_kb: bool = True) -> list[str]:
    """The fuzzed store; returns what went into it, in words."""
    from filmkb import FilmKB
    from filmkb.ask import import_triples

    notes = []
    with FilmKB(db) as kb:
        report = kb.ingest([EXAMPLES])
        notes.append(f"examples: {report.summary()}")
        if with_kb and METAQA.is_file():
            result = import_triples(kb.conn, METAQA)
            notes.append(f"MetaQA KB: {result.triples} triples, {result.films} films")
        else:
            notes.append(f"MetaQA KB skipped ({METAQA} not found)")
    return notes


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(db: Path, port: int) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    code = "from filmkb.serve.cli import main; main()"
    cmd = [sys.executable, "-c", code, "serve", "--db", str(db), "--port", str(port)]
    server = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    # up, then warm: the question-answering graph is built in the background at start, and a
    # question asked before it is ready is a 503 (a server error to schemathesis)
    for url in (f"http://127.0.0.1:{port}/healthz", f"http://127.0.0.1:{port}/ask.json?q=warm"):
        while True:
            if server.poll() is not None:
                raise SystemExit(f"the server stopped: {server.stderr.read().decode()}")
            if time.monotonic() > deadline:
                server.kill()
                raise SystemExit(f"the server did not answer {url} in 120 s")
            try:
                with urllib.request.urlopen(url, timeout=10):
                    break
            except OSError:  # not listening yet, or 503 while warming up
                time.sleep(0.2)
    return server


def schemathesis_command(url: str, examples: int, seed: int, report: Path) -> list[str]:
    exe = shutil.which("schemathesis", path=str(Path(sys.executable).parent)) or shutil.which(
        "schemathesis"
    )
    if exe is None:
        raise SystemExit("schemathesis is not installed: pip install -e '.[dev]'")
    return [
        exe, "run", f"{url}/openapi.json",
        "--checks", "all",
        "--max-examples", str(examples),
        "--seed", str(seed),
        "--generation-deterministic",
        "--workers", "1",  # with 2, some operations were fuzzed with fewer cases
        "--max-redirects", "0",
        "--request-timeout", "30",
        "--report", "junit,ndjson",
        "--report-junit-path", str(report),
        "--report-ndjson-path", str(report.with_suffix(".ndjson")),
        "--no-color",
    ]  # fmt: skip


def case_counts(ndjson: Path) -> dict[tuple[str, str], int]:
    """``{(phase, "GET /path"): cases}`` from schemathesis's event stream."""
    counts: dict[tuple[str, str], int] = collections.Counter()
    with ndjson.open(encoding="utf-8") as events:
        for line in events:
            event = json.loads(line)
            finished = event.get("ScenarioFinished")
            if finished and finished.get("recorder"):
                label = finished["recorder"].get("label", "?")
                counts[(finished["phase"], label)] += len(finished["recorder"].get("cases") or {})
    return counts


def too_few(ndjson: Path, schema: dict, examples: int) -> list[str]:
    """Lines naming each operation with parameters fuzzed with fewer than ``examples`` cases;
    prints the cases per operation and phase."""
    counts = case_counts(ndjson)
    out = []
    for path, methods in schema["paths"].items():
        for method, op in methods.items():
            label = f"{method.upper()} {path}"
            per_phase = {p: n for (p, lab), n in counts.items() if lab == label}
            print(f"{label}: " + ", ".join(f"{p} {n}" for p, n in sorted(per_phase.items())))
            if op.get("parameters") and per_phase.get("fuzzing", 0) < examples:
                out.append(f"too few cases: {label} fuzzed {per_phase.get('fuzzing', 0)} times")
    return out


def run(examples: int = 50, seed: int = 1, db: Path | None = None, with_kb: bool = True) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        store = db or Path(tmp) / "fuzz.db"
        if not store.exists():
            for note in build_store(store, with_kb):
                print(note, flush=True)
        port = free_port()
        server = serve(store, port)
        try:
            cmd = schemathesis_command(
                f"http://127.0.0.1:{port}", examples, seed, Path(tmp) / "junit.xml"
            )
            print(" ".join(cmd), flush=True)
            status = subprocess.call(cmd, cwd=tmp)
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/openapi.json") as response:
                schema = json.load(response)
            short = too_few(Path(tmp) / "junit.ndjson", schema, examples)
            for line in short:
                print(line)
            return status or (1 if short else 0)
        finally:
            server.terminate()
            server.wait(10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--examples", type=int, default=50, help="cases per operation")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--db", type=Path, help="use (or build and keep) this store")
    parser.add_argument("--no-kb", action="store_true", help="the example pages only")
    args = parser.parse_args()
    sys.exit(run(args.examples, args.seed, args.db, not args.no_kb))


if __name__ == "__main__":
    main()
