"""Spec: reading files is safe whatever is on disk, and decoding is true to the bytes.

Only regular files are read, never more than the limit + 1 byte and never blocking; a folder
walk reads page types and keeps symlinks inside the folder; a page that is mostly UTF-8 is
UTF-8 (one stray byte does not make it Mac-Roman); control characters are stripped; what
comes from files reaches the terminal escaped; errors say which file, why, and with a code
per reason.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from filmkb import FilmKB, errors
from filmkb.documents import iter_inputs, read_document
from filmkb.documents.read import document_from_bytes, read_bytes
from filmkb.errors import ReadError
from filmkb.extract import extract_document
from filmkb.serve.cli import app
from filmkb.serve.terminal import plain, safe

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "escape-2024"
PAGE = EXAMPLES / "003_6cd433d29304d9bd.txt"
runner = CliRunner()


# --- encodings ------------------------------------------------------------------------------

CURLY = "It’s the best thriller of the year — Lee Je-hoon’s Kyu-nam runs north to south.\n"


def test_one_invalid_byte_keeps_a_utf8_page_utf8() -> None:
    raw = (CURLY * 20).encode("utf-8") + b"\xff" + b"Director: Lee Jong-pil\n"
    doc = document_from_bytes(raw, "page.txt", ".txt")
    assert doc.encoding == "utf-8"
    assert "It’s" in doc.text and "It‚Äôs" not in doc.text
    assert "\ufffdDirector: Lee Jong-pil" in doc.text


def test_a_legacy_page_is_decoded_only_on_clear_evidence() -> None:
    text = "Café crème — a review of Amélie, the film by Jean-Pierre Jeunet. " * 3
    doc = document_from_bytes(text.encode("cp1252"), "legacy.txt", ".txt")  # invalid throughout
    assert doc.text.strip() == text.strip()
    declared = f'<html><head><meta charset="iso-8859-2"></head><body><p>{text}</p></body></html>'
    doc = document_from_bytes(declared.encode("iso-8859-2", "replace"), "p.html", ".html")
    assert doc.encoding == "iso8859-2" and "Amélie" in doc.text


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_detected(codec: str) -> None:
    text = PAGE.read_text()
    doc = document_from_bytes(text.encode(codec), "wide.txt", ".txt")
    assert doc.encoding == codec
    assert doc.text == text
    assert extract_document(doc).films[0].title.value == "Escape"


def test_nul_and_control_characters_are_stripped() -> None:
    raw = PAGE.read_bytes().replace(b"Escape", b"Esc\x00ape", 1).replace(b" ", b"\x1b \x07", 3)
    doc = document_from_bytes(raw + b"\r\nlast line\x0c\r\n", "nul.txt", ".txt")
    assert not any(ord(ch) < 32 and ch not in "\n\t" for ch in doc.text)
    assert "Escape" in doc.text and doc.text.endswith("last line\n")


def test_noise_is_still_refused() -> None:
    with pytest.raises(ReadError) as caught:
        document_from_bytes(os.urandom(4096), "noise.txt", ".txt")
    assert caught.value.code in (errors.BINARY, errors.BAD_ENCODING)
    with pytest.raises(ReadError) as caught:
        document_from_bytes(bytes(range(0x80, 0x100)) * 16, "high.txt", ".txt")
    assert caught.value.code == errors.BAD_ENCODING


# --- reading files safely -------------------------------------------------------------------


def test_reads_stop_at_the_limit_whatever_st_size_says() -> None:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(ReadError) as caught:
        read_bytes(Path("/dev/zero"), max_bytes=1000)  # a device: refused before reading
    assert caught.value.code == errors.NOT_REGULAR
    assert "character device" in caught.value.message
    proc = Path("/proc/self/status")  # st_size 0, yet it has bytes: read up to the limit only
    if proc.exists():
        assert len(read_bytes(proc, max_bytes=10_000)) > 0
        with pytest.raises(ReadError, match="too large") as caught:
            read_bytes(proc, max_bytes=10)
        assert caught.value.code == errors.TOO_LARGE
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 50_000  # KB


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    code = f"from filmkb import FilmKB; print(FilmKB().ingest([{str(tmp_path)!r}]).results)"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=env
    )
    assert "not a regular file (a FIFO)" in done.stdout, done.stderr
    assert errors.NOT_REGULAR in done.stdout


def test_max_bytes_is_an_option(tmp_path: Path) -> None:
    db = tmp_path / "kb.db"
    result = runner.invoke(app, ["ingest", str(PAGE), "--db", str(db), "--max-bytes", "100"])
    assert result.exit_code == 3
    assert f"[{errors.TOO_LARGE}] file too large (more than 100 bytes" in result.stderr
    result = runner.invoke(app, ["extract", str(PAGE), "--max-bytes", "100"])
    assert result.exit_code == 3 and "file too large" in result.stderr
    result = runner.invoke(app, ["ingest", str(PAGE), "--db", str(db), "--max-bytes", "100000"])
    assert result.exit_code == 0, result.output


def test_symlinks_leaving_the_folder_are_skipped_with_the_reason(tmp_path: Path) -> None:
    folder = tmp_path / "t"
    folder.mkdir()
    shutil.copy(PAGE, folder / "page.txt")
    outside = tmp_path / "secret.txt"
    outside.write_text("Zanzibarquux: not a page of this folder. Directed by Nobody.\n")
    (folder / "p.txt").symlink_to(outside)
    (folder / "passwd.txt").symlink_to("/etc/passwd")
    (folder / "inside.txt").symlink_to(folder / "page.txt")
    (folder / "up").symlink_to(tmp_path, target_is_directory=True)
    kb = FilmKB(":memory:")
    report = kb.ingest([folder])
    by_name = {Path(r.source).name: r for r in report.results}
    for name in ("p.txt", "passwd.txt", "up"):
        assert by_name[name].status == "skipped"
        assert by_name[name].code == errors.OUTSIDE_ROOT
        assert "symlink leads outside" in by_name[name].reason
    # the link inside the folder comes first (sorted) and stores the file under its real
    # path; the file itself is then the same document, reached again
    assert by_name["inside.txt"].status == "ingested"
    assert by_name["inside.txt"].document == str(folder / "page.txt")
    assert by_name["page.txt"].status == "unchanged"
    assert [d["source"] for d in kb.sources()] == [str(folder / "page.txt")]
    assert (
        "Zanzibarquux"
        not in kb.conn.execute("SELECT group_concat(text) FROM documents").fetchone()[0]
    )
    assert report.ok  # skipped with a reason, not a failure


def test_a_folder_walk_reads_page_types_only(tmp_path: Path) -> None:
    for name in ("a.txt", "b.md", "c.html", "d.htm", "e.xhtml"):
        (tmp_path / name).write_text(f"<p>{name}: Escape (2024), directed by Lee Jong-pil.</p>\n")
    for name in ("style.css", "app.js", "data.json", "photo.jpg", "kb.db", "kb.db-wal"):
        (tmp_path / name).write_bytes(b"\x00\x01 not a page")
    (tmp_path / "x.html").mkdir()  # a directory named like a file is walked, not read
    shutil.copy(PAGE, tmp_path / "x.html" / "inner.txt")
    read = [i.path.name for i in iter_inputs([tmp_path]) if i.skipped is None]
    assert sorted(read) == ["a.txt", "b.md", "c.html", "d.htm", "e.xhtml", "inner.txt"]
    db = tmp_path.parent / f"{tmp_path.name}.db"
    result = runner.invoke(app, ["ingest", str(tmp_path), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "12 files: 6 ingested, 6 skipped (6 not a page type)" in result.stdout
    assert "error" not in result.stderr


def test_a_missing_path_is_a_clear_error_not_a_partial_batch(tmp_path: Path) -> None:
    result = runner.invoke(app, ["ingest", str(tmp_path / "nope"), "--db", str(tmp_path / "d")])
    assert result.exit_code == 1
    assert f"[{errors.NO_SUCH_FILE}] {tmp_path / 'nope'}: no such file or directory" in (
        result.stderr
    )
    assert "partial" not in result.stderr


def test_error_codes_differ_by_reason_and_counts_are_plural(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "bin.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "noise.txt").write_bytes(bytes(range(0x80, 0x100)) * 16)
    (tmp_path / "no-text.html").write_text("<html><body><div></div></body></html>")
    shutil.copy(PAGE, tmp_path / "good.txt")
    report = FilmKB(":memory:").ingest([tmp_path])
    codes = {Path(r.source).name: r.code for r in report.results}
    assert codes == {
        "bin.txt": errors.BINARY,
        "empty.txt": errors.EMPTY,
        "good.txt": None,
        "no-text.html": errors.NO_TEXT,
        "noise.txt": errors.BAD_ENCODING,
    }
    assert report.summary() == "5 files: 1 ingested, 4 errors"
    result = runner.invoke(app, ["ingest", str(PAGE), "--db", str(tmp_path / "kb.db")])
    assert "1 file: 1 ingested" in result.stdout


# --- the terminal -----------------------------------------------------------------------------


def test_terminal_text_escapes_control_characters_and_markup() -> None:
    assert plain("a\nb\x1b[31m\u202ec") == "a\\nb\\x1b[31m\\u202ec"
    assert safe("[red]x") == "\\[red]x"
    assert plain("Lee Je-hoon 이제훈 Amélie") == "Lee Je-hoon 이제훈 Amélie"


def test_a_file_name_cannot_forge_lines_or_drive_the_terminal(tmp_path: Path) -> None:
    evil = "x\nerror [E999] forged.txt: \x1b[2Jgone [bold]b"
    (tmp_path / f"{evil}.txt").write_bytes(b"")
    page = tmp_path / "title\x1b]0;pwned\x07.html"
    page.write_text("<html><head><title>Esc\x1b[31mape</title></head><body>"
                    "<p>Escape (2024) is directed by Lee Jong-pil.</p></body></html>")  # fmt: skip
    db = tmp_path / "kb.db"
    result = runner.invoke(app, ["ingest", str(tmp_path), "--db", str(db), "-j", "0"])
    printed = result.stdout + result.stderr
    assert "\x1b" not in printed and "\x07" not in printed
    lines = [line for line in result.stderr.splitlines() if line.startswith("error")]
    assert len(lines) == 1 and "forged.txt" in lines[0] and "\\x1b[2Jgone [bold]b" in lines[0]
    listing = runner.invoke(app, ["sources", "--db", str(db)]).stdout
    assert "\x1b" not in listing and "\\x1b" in listing


# --- no film without evidence ---------------------------------------------------------------

LICENCE = """THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A
PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE
LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR
OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE.
"""
PROSE = """The morning was grey and the harbour smelled of diesel. Anna walked along the quay,
counting the boats as her father had taught her, and wondered whether the ferry would run at all.
By noon the wind had dropped; she bought bread, wrote two letters and read until it was dark.
"""


@pytest.mark.parametrize("text", [LICENCE, PROSE], ids=["licence", "prose"])
def test_a_licence_or_prose_makes_no_film(text: str, tmp_path: Path) -> None:
    path = tmp_path / "LICENSE.txt"
    path.write_text(text)
    assert extract_document(read_document(path)).films == []
    kb = FilmKB(":memory:")
    assert kb.ingest([path]).results[0].films == 0 and kb.films() == []
    result = runner.invoke(app, ["extract", str(path)])
    assert "no film" in result.stderr


def test_a_tag_with_many_attributes_is_read_quickly() -> None:
    """The HTML parser compares each attribute with the tag's others: 200k took minutes."""
    attrs = " ".join(f'data-a{i}="{i}"' for i in range(200_000))
    html = f'<html><body><p {attrs} itemprop="x">Escape (2024) by Lee Jong-pil.</p></body></html>'
    started = time.monotonic()
    doc = document_from_bytes(html.encode(), "attrs.html", ".html")
    assert time.monotonic() - started < 5
    assert "Escape (2024)" in doc.text
