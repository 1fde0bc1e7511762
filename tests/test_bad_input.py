"""Spec: a folder of bad files beside good ones — each bad file reported with its reason,
the good ones ingested, nothing stored lost, and the CLI exits 3 saying "partial"."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from filmkb import FilmKB
from filmkb.serve.cli import app

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "escape-2024"
GOOD = ["003_6cd433d29304d9bd.txt", "004_38fc0d04218e566c.txt"]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    pages = tmp_path / "pages"
    pages.mkdir()
    for name in GOOD:
        shutil.copy(EXAMPLES / name, pages / name)
    (pages / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    (pages / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (pages / "empty.txt").write_bytes(b"")
    rnd = random.Random(7)  # bytes 0x80-0xff: no codec makes sense of them
    (pages / "garbage.txt").write_bytes(bytes(rnd.randrange(0x80, 0x100) for _ in range(4096)))
    with open(pages / "huge.txt", "wb") as f:  # sparse: 51 MB on paper, nothing on disk
        f.truncate(51 * 1024 * 1024)
    (pages / "no-text.html").write_text("<html><body><div><p></div></span></body>")
    (pages / "broken-tags.html").write_text(
        "<html><body><h1>Escape (2024)<p>Directed by Lee Jong-pil. <b>Starring Lee Je-hoon"
    )  # unclosed tags but readable text: lxml reads it, so it is a good page
    return pages


BAD = {
    "binary.txt": "binary",
    "empty.txt": "empty",
    "garbage.txt": "encoding",
    "huge.txt": "too large",
    "no-text.html": "malformed HTML",
}


def test_bad_files_are_reported_with_reasons_and_good_ones_ingested(folder: Path) -> None:
    kb = FilmKB(":memory:")
    seen = []
    report = kb.ingest([folder], progress=seen.append)
    assert len(seen) == len(report.results) == 9
    by_name = {Path(r.source).name: r for r in report.results}
    for name, reason in BAD.items():
        assert by_name[name].status == "error", name
        assert reason in by_name[name].reason, (name, by_name[name].reason)
    for name in [*GOOD, "broken-tags.html"]:
        assert by_name[name].status == "ingested", (name, by_name[name].reason)
    assert by_name["image.png"].status == "skipped"  # not a page type: counted, not an error
    assert by_name["image.png"].reason == "not a page type"
    assert not report.ok
    assert report.count("error") == len(BAD)
    assert report.summary() == "9 files: 3 ingested, 5 errors, 1 skipped (1 not a page type)"


def test_a_bad_page_loses_nothing_already_stored(folder: Path) -> None:
    kb = FilmKB(":memory:")
    kb.ingest([folder / GOOD[0]])
    before = kb.export()
    (folder / GOOD[0]).write_bytes(b"\x00\x01\x02 now binary")  # same source, now unreadable
    report = kb.ingest([folder / GOOD[0]])
    assert report.results[0].status == "error"
    assert kb.export() == before


def test_cli_exits_3_with_partial_and_each_reason_on_stderr(folder: Path, tmp_path: Path) -> None:
    db = tmp_path / "kb.db"
    result = CliRunner().invoke(app, ["ingest", str(folder), "--db", str(db)])
    assert result.exit_code == 3, result.output
    assert "partial" in result.stderr
    for name, reason in BAD.items():
        line = next(x for x in result.stderr.splitlines() if name in x)
        assert reason in line
    assert "3 ingested" in result.stdout


def test_cli_exits_0_when_all_good(tmp_path: Path) -> None:
    db = tmp_path / "kb.db"
    result = CliRunner().invoke(app, ["ingest", str(EXAMPLES / GOOD[0]), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "partial" not in result.output
