"""The question graph lives in the store: built once when the store changed, opened after;
a streamed triples import gives the store it gave before, batch by batch; quotes come from
the claim's own line; the CLI does not load the extractors to print help or to answer."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from filmkb import FilmKB
from filmkb.ask import Ask, import_triples
from filmkb.ask import triples as triples_module
from filmkb.ask.graph import refresh_graph
from filmkb.store import ask_graph
from filmkb.store.search import needs_sync

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "escape-2024"
KB = """\
Escape|directed_by|Lee Jong-pil
Escape|starred_actors|Lee Je-hoon
Escape|release_year|2024
Escape|in_language|Korean
Kismet|directed_by|William Dieterle
Kismet|release_year|1944
Kismet|has_genre|Drama
The Kismet Affair|directed_by|William Dieterle
The Kismet Affair|has_genre|Drama
bad line
"""
TABLES = {
    "documents": "id, source, sha256, kind, title, text",
    "films": "id",
    "persons": "id",
    "mentions": "document_id, film_index, film_id, rule",
    "claims": 'id, document_id, film_index, film_id, property, value, start, "end",'
    " person_id, person_rule",
    "film_keys": "key, film_id, document_id",
    "person_keys": "key, person_id, document_id",
    "kb_lines": "document_id, start, text",
}


@pytest.fixture
def kb_file(tmp_path: Path) -> Path:
    path = tmp_path / "kb.txt"
    path.write_text(KB, encoding="utf-8")
    return path


def rows(kb: FilmKB) -> dict[str, list[tuple]]:
    out = {}
    for table, cols in TABLES.items():
        out[table] = [
            tuple(r) for r in kb.conn.execute(f"SELECT {cols} FROM {table} ORDER BY {cols}")
        ]
    return out


def test_graph_is_built_once_then_opened(kb_file: Path) -> None:
    kb = FilmKB(":memory:")
    import_triples(kb, kb_file)
    assert not ask_graph.is_current(kb.conn)
    assert refresh_graph(kb) is True
    assert ask_graph.is_current(kb.conn)
    assert refresh_graph(kb) is False  # opened, not rebuilt
    assert Ask(kb).ask("who directed [Kismet]").names == ["William Dieterle"]
    assert ask_graph.is_current(kb.conn)


def test_graph_follows_the_store(kb_file: Path) -> None:
    kb = FilmKB(":memory:")
    import_triples(kb, kb_file)
    assert Ask(kb).ask("who acted in [Escape]").names == ["Lee Je-hoon"]
    kb.ingest([EXAMPLES])  # pages come: the graph is stale, then rebuilt with their facts
    assert not ask_graph.is_current(kb.conn)
    cast = Ask(kb).ask("who acted in [Escape]").names
    assert "Lee Je-hoon" in cast and len(cast) > 1
    assert kb.forget(str(kb_file))  # the KB goes: its films go from the graph
    assert Ask(kb).ask("who directed [Kismet]").names == []


def test_read_only_store_gets_a_graph_of_its_own(kb_file: Path, tmp_path: Path) -> None:
    db = tmp_path / "kb.db"
    with FilmKB(db) as kb:
        import_triples(kb, kb_file)  # the graph is not built: stale in the file
    before = db.read_bytes()
    reader = FilmKB(db, read_only=True)
    assert Ask(reader).ask("who directed [Kismet]").names == ["William Dieterle"]
    assert refresh_graph(reader) is False  # built once for this connection
    reader.close()
    assert db.read_bytes() == before  # the file was not written
    with FilmKB(db) as kb:
        assert not ask_graph.is_current(kb.conn)


def test_quotes_come_from_the_claim_line_not_the_document_text(kb_file: Path) -> None:
    kb = FilmKB(":memory:")
    import_triples(kb, kb_file)
    kb.conn.execute("UPDATE documents SET text = ''")  # a reader never slices the file text
    (answer,) = Ask(kb).ask("who directed [Kismet]").answers
    assert [f.quote for f in answer.facts] == ["Kismet|directed_by|William Dieterle"]


def test_document_text_is_the_file(kb_file: Path) -> None:
    kb = FilmKB(":memory:")
    import_triples(kb, kb_file)
    (text,) = kb.conn.execute("SELECT text FROM documents").fetchone()
    assert text == KB


def test_batches_do_not_change_the_store(kb_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    whole = FilmKB(":memory:")
    whole.ingest([EXAMPLES])
    import_triples(whole, kb_file)
    monkeypatch.setattr(triples_module, "BATCH", 2)
    small = FilmKB(":memory:")
    small.ingest([EXAMPLES])
    result = import_triples(small, kb_file)
    assert (result.triples, result.skipped_lines, result.linked_films) == (9, 1, 1)
    assert rows(small) == rows(whole)


def test_import_goes_through_the_writer(kb_file: Path) -> None:
    kb = FilmKB(":memory:")
    import_triples(kb, kb_file)
    assert not needs_sync(kb.conn)  # the writer's transaction end synced the name index
    assert not kb.conn.in_transaction


def test_an_unreadable_file_rolls_back(tmp_path: Path) -> None:
    from filmkb.errors import ReadError

    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"Kismet|directed_by|William Dieterle\n" * 3 + b"\xff\xfe|x|y\n")
    kb = FilmKB(":memory:")
    with pytest.raises(ReadError):
        import_triples(kb, bad)
    assert kb.conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 0
    assert not kb.conn.in_transaction


def _modules_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys\nprint(' '.join(sorted(sys.modules)))"],
        capture_output=True,
        text=True,
        check=True,
    )
    return set(out.stdout.split())


HEAVY = {"numpy", "filmkb.core", "filmkb.extract.pipeline", "filmkb.workers", "lxml"}


def test_help_loads_no_extractor() -> None:
    code = (
        "from typer.testing import CliRunner\nfrom filmkb.serve.cli import app\n"
        "assert CliRunner().invoke(app, ['--help']).exit_code == 0"
    )
    assert not HEAVY & _modules_after(code)


def test_ask_loads_no_extractor(kb_file: Path, tmp_path: Path) -> None:
    db = tmp_path / "kb.db"
    with FilmKB(db) as kb:
        import_triples(kb, kb_file)
    code = (
        "from typer.testing import CliRunner\nfrom filmkb.serve.cli import app\n"
        f"out = CliRunner().invoke(app, ['ask', 'who directed [Kismet]', '--db', {str(db)!r}])\n"
        "assert 'William Dieterle' in out.output, out.output"
    )
    assert not HEAVY & _modules_after(code)


def test_cli_max_bytes_is_the_readers() -> None:
    from filmkb.documents import MAX_BYTES
    from filmkb.serve import cli_common

    assert cli_common.MAX_BYTES == MAX_BYTES


def test_a_long_lived_ask_sees_later_facts(kb_file: Path) -> None:
    kb = FilmKB(":memory:")
    import_triples(kb, kb_file)
    asker = Ask(kb)
    assert asker.ask("who acted in [Escape]").names == ["Lee Je-hoon"]
    kb.ingest([EXAMPLES])
    assert len(asker.ask("who acted in [Escape]").names) > 1  # rebuilt, caches dropped


def test_a_reader_sees_a_graph_another_process_rebuilt(kb_file: Path, tmp_path: Path) -> None:
    db = tmp_path / "kb.db"
    with FilmKB(db) as kb:
        import_triples(kb, kb_file)
        refresh_graph(kb)
    reader = FilmKB(db, read_only=True)
    asker = Ask(reader)
    assert asker.ask("who acted in [Escape]").names == ["Lee Je-hoon"]
    with FilmKB(db) as kb:  # a writer adds pages and rebuilds the stored graph
        kb.ingest([EXAMPLES])
        refresh_graph(kb)
    assert len(asker.ask("who acted in [Escape]").names) > 1
    reader.close()


def test_a_reader_drops_its_own_graph_once_the_stored_one_is_current(
    kb_file: Path, tmp_path: Path
) -> None:
    db = tmp_path / "kb.db"
    with FilmKB(db) as kb:
        import_triples(kb, kb_file)  # stored graph stale
    reader = FilmKB(db, read_only=True)
    asker = Ask(reader)  # builds TEMP tables
    assert asker.ask("who directed [Kismet]").names == ["William Dieterle"]
    with FilmKB(db) as kb:
        kb.ingest([EXAMPLES])
        refresh_graph(kb)
    assert len(asker.ask("who acted in [Escape]").names) > 1
    temp = reader.conn.execute("SELECT count(*) FROM sqlite_temp_master").fetchone()[0]
    assert temp == 0
    reader.close()


def test_a_large_file_keeps_its_text_in_lines_only(
    kb_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from filmkb.store import kb as kb_store

    monkeypatch.setattr(kb_store, "TEXT_MAX_CHARS", 40)
    kb = FilmKB(":memory:")
    import_triples(kb, kb_file)
    assert kb.conn.execute("SELECT text FROM documents").fetchone()[0] == ""
    (answer,) = Ask(kb).ask("who directed [Kismet]").answers
    assert [f.quote for f in answer.facts] == ["Kismet|directed_by|William Dieterle"]
    assert "".join(kb_store.document_lines(kb.conn, 1)) == KB  # what a re-import reads


def test_claims_get_their_quote_when_the_store_keeps_quotes(kb_file: Path) -> None:
    kb = FilmKB(":memory:")  # the store keeps quotes (claims.quote, migration 0008)
    import_triples(kb, kb_file)
    quotes = dict(kb.conn.execute("SELECT value, quote FROM claims WHERE property = 'title'"))
    assert quotes['"Kismet"'] == "Kismet"
    (quote,) = kb.conn.execute(
        "SELECT quote FROM claims WHERE property = 'director' AND value = '\"William Dieterle\"'"
        " AND film_index = 1"
    ).fetchone()
    assert quote == "Kismet|directed_by|William Dieterle"


def test_asking_inside_an_open_transaction(kb_file: Path) -> None:
    kb = FilmKB(":memory:")
    import_triples(kb, kb_file)
    kb.conn.execute("BEGIN")
    assert Ask(kb.conn).ask("who directed [Kismet]").names == ["William Dieterle"]
    kb.conn.execute("COMMIT")
    assert ask_graph.is_current(kb.conn)
