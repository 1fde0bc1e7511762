"""Acceptance: an ingest killed with SIGKILL at random moments never corrupts the store.

A subprocess ingests a folder and is killed (with its workers) at random points; after each
kill the store passes ``PRAGMA integrity_check``; a last run resumes, and its export is
identical to the export of one clean run.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "escape-2024"
KILLS = 4


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "filmkb.serve.cli", *args]


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT / "src")}


def _export(db: Path) -> dict[str, object]:
    done = subprocess.run(
        _cli("export", "--db", str(db)), capture_output=True, text=True, env=_env(), timeout=120
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "killpg"), reason="POSIX process groups")
def test_kill_9_at_random_points_then_resume_gives_the_clean_export(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    for path in sorted(EXAMPLES.glob("*.txt")):
        text = path.read_text()
        (pages / path.name).write_text(text)
        (pages / f"b_{path.name}").write_text(text.replace("Escape", "Escape Route"))
        (pages / f"c_{path.name}").write_text(text.replace("Lee Je-hoon", "Kim Je-hoon"))
    ingest = ["ingest", str(pages), "--jobs", "2", "--quiet"]
    clean = tmp_path / "clean.db"
    done = subprocess.run(_cli(*ingest, "--db", str(clean)), env=_env(), timeout=300)
    assert done.returncode == 0
    expected = _export(clean)

    db = tmp_path / "killed.db"
    rng = random.Random(9)
    killed = 0
    for _ in range(KILLS):
        proc = subprocess.Popen(
            _cli(*ingest, "--db", str(db)), env=_env(), start_new_session=True,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        time.sleep(rng.uniform(0.5, 4.0))
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)  # the ingest and its workers
            killed += 1
        proc.wait(timeout=60)
        if db.exists():
            with sqlite3.connect(db) as conn:
                assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
                assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert killed >= 1  # at least one kill landed mid-ingest
    done = subprocess.run(_cli(*ingest, "--db", str(db)), env=_env(), timeout=300)
    assert done.returncode == 0
    assert _export(db) == expected
