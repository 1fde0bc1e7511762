"""Spec: a document is its canonical source plus its content.

The same bytes reached by another path (relative or absolute, a symlink inside the folder, a
copy) are one document: no second set of claims, support counted once. ``forget`` accepts
what ``show`` prints (a file name), the source, or the id; ``filmkb sources`` lists them.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from filmkb import FilmKB
from filmkb.errors import AmbiguousSource
from filmkb.serve.cli import app

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "escape-2024"
runner = CliRunner()


def _support(kb: FilmKB) -> tuple[int, int, int]:
    """(documents, claims, documents supporting Escape's preferred director)."""
    documents = kb.conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    claims = kb.conn.execute("SELECT count(*) FROM claims").fetchone()[0]
    [escape] = [f for f in kb.films() if f["title"] == "Escape" and f["year"] == 2024]
    record = kb.film_record(escape["id"])
    lee = record["directors"][0]
    return documents, claims, len({s["source"] for s in lee["sources"]})


@pytest.fixture
def pages(tmp_path: Path) -> Path:
    folder = tmp_path / "pages"
    shutil.copytree(EXAMPLES, folder)
    return folder


def test_relative_then_absolute_path_is_the_same_document(
    pages: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(pages.parent)
    kb = FilmKB(":memory:")
    first = kb.ingest(["pages"])
    assert first.count("ingested") == 5
    before = _support(kb)
    again = kb.ingest([str(pages)])
    assert again.count("unchanged") == 5 and again.count("ingested") == 0
    assert _support(kb) == before == (5, before[1], 5)
    sources = {d["source"] for d in kb.sources()}
    assert sources == {str(p) for p in pages.iterdir()}  # resolved absolute paths


def test_a_copy_or_a_symlink_inside_the_folder_is_not_a_second_document(pages: Path) -> None:
    kb = FilmKB(":memory:")
    kb.ingest([pages])
    before = _support(kb)
    name = "000_468a64ea444170cd.txt"
    (pages / "sub").mkdir()
    shutil.copy(pages / name, pages / "sub" / "copy.txt")
    os.symlink(pages / name, pages / "link.txt")
    report = kb.ingest([pages])
    by_name = {Path(r.source).name: r for r in report.results}
    assert by_name["copy.txt"].status == "duplicate"
    assert name in by_name["copy.txt"].reason
    assert by_name["link.txt"].status == "unchanged"  # the link resolves to the stored source
    assert by_name["link.txt"].document == str(pages / name)
    assert _support(kb) == before


def test_changed_bytes_replace_the_document_and_its_claims(pages: Path) -> None:
    kb = FilmKB(":memory:")
    path = pages / "000_468a64ea444170cd.txt"
    kb.ingest([path])
    path.write_text(path.read_text() + "\nA line added later.\n")
    assert kb.ingest([path]).results[0].status == "replaced"
    assert len(kb.sources()) == 1


def test_forget_by_file_name_source_or_id(pages: Path, tmp_path: Path) -> None:
    kb = FilmKB(":memory:")
    kb.ingest([pages])
    rows = {Path(d["source"]).name: d for d in kb.sources()}
    assert kb.forget("000_468a64ea444170cd.txt") is True  # what `show` prints
    assert kb.forget(rows["001_5582170b5ee5cfc4.txt"]["source"]) is True  # the source
    assert kb.forget(str(rows["002_ebe7b3142c3b3145.txt"]["id"])) is True  # the id
    assert kb.forget("no-such.txt") is False
    assert len(kb.sources()) == 2


def test_forget_an_ambiguous_file_name_lists_the_candidates(tmp_path: Path) -> None:
    kb = FilmKB(":memory:")
    for sub, extra in (("a", "first"), ("b", "second")):
        (tmp_path / sub).mkdir()
        text = (EXAMPLES / "003_6cd433d29304d9bd.txt").read_text()
        (tmp_path / sub / "review.txt").write_text(f"{text}\n{extra}\n")
        kb.ingest([tmp_path / sub])
    with pytest.raises(AmbiguousSource) as caught:
        kb.forget("review.txt")
    assert len(caught.value.candidates) == 2
    assert all("review.txt" in c for c in caught.value.candidates)
    db = tmp_path / "kb.db"
    runner.invoke(app, ["ingest", str(tmp_path / "a"), str(tmp_path / "b"), "--db", str(db)])
    result = runner.invoke(app, ["forget", "review.txt", "--db", str(db)])
    assert result.exit_code == 1
    assert "2 documents are named 'review.txt'" in result.stderr
    assert str(tmp_path / "a" / "review.txt") in result.stderr
    assert str(tmp_path / "b" / "review.txt") in result.stderr
    result = runner.invoke(app, ["forget", str(tmp_path / "a" / "review.txt"), "--db", str(db)])
    assert result.exit_code == 0, result.output


def test_sources_lists_documents_as_text_and_json(pages: Path, tmp_path: Path) -> None:
    db = tmp_path / "kb.db"
    assert runner.invoke(app, ["ingest", str(pages), "--db", str(db), "-j", "0"]).exit_code == 0
    rows = json.loads(runner.invoke(app, ["sources", "--db", str(db), "--json"]).stdout)
    assert len(rows) == 5
    for row in rows:
        path = Path(row["source"])
        assert path.is_absolute() and path.parent == pages
        assert row["bytes"] == path.stat().st_size and len(row["sha256"]) == 64
        assert row["films"] >= 1
    text = runner.invoke(app, ["sources", "--db", str(db)]).stdout
    assert "5 documents" in text and rows[0]["sha256"][:12] in text
    one = runner.invoke(app, ["forget", rows[0]["source"], "--db", str(db)])
    assert one.exit_code == 0 and f"(document {rows[0]['id']})" in one.stdout
