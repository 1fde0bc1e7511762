"""``import_triples``: MetaQA-style KB lines become sourced claims that merge with pages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from filmkb import FilmKB
from filmkb.ask import Ask, import_triples
from filmkb.ask.triples import parse_triples

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "escape-2024"
KB = """\
Escape|directed_by|Lee Jong-pil
Escape|written_by|Kwon Seong-hwi
Escape|starred_actors|Lee Je-hoon
Escape|release_year|2024
Escape|in_language|Korean
Escape|has_genre|Thriller
Escape|has_tags|north korea
Escape|has_tags|north korea
Time to Hunt|starred_actors|Lee Je Hoon
Time to Hunt|release_year|2020
Kismet|directed_by|William Dieterle
Kismet|release_year|1944
not a triple line
"""


@pytest.fixture
def kb_file(tmp_path: Path) -> Path:
    path = tmp_path / "kb.txt"
    path.write_text(KB, encoding="utf-8")
    return path


def test_parse_drops_duplicates_and_bad_lines() -> None:
    parsed = parse_triples(KB)
    assert len(parsed.triples) == 11
    assert parsed.skipped == 1
    first = parsed.triples[0]
    assert KB[first.start : first.end] == "Escape|directed_by|Lee Jong-pil"


def test_import_maps_relations_onto_filmkb_facts(kb_file: Path) -> None:
    kb = FilmKB(":memory:")
    result = import_triples(kb.conn, kb_file)
    assert (result.status, result.films, result.persons) == ("ingested", 3, 5)
    record = kb.film_record(kb.find_films("Escape")[0]["id"])
    assert record["directors"][0]["name"] == "Lee Jong-pil"
    assert record["cast"][0]["actor"] == "Lee Je-hoon"
    assert record["year"][0]["value"] == 2024
    assert record["genres"][0]["value"].lower() == "thriller"
    source = record["directors"][0]["sources"][0]
    assert source["source"] == str(kb_file)
    assert source["quote"] == "Escape|directed_by|Lee Jong-pil"


def test_one_person_per_kb_string_and_spelling_variants_merge(kb_file: Path) -> None:
    kb = FilmKB(":memory:")
    import_triples(kb.conn, kb_file)
    rows = kb.conn.execute("SELECT count(*) FROM persons").fetchone()[0]
    assert rows == 5  # "Lee Je Hoon" is a different KB string: its own person


def test_reimport_is_a_noop_and_a_changed_file_replaces(kb_file: Path) -> None:
    kb = FilmKB(":memory:")
    import_triples(kb.conn, kb_file)
    count = kb.conn.execute("SELECT count(*) FROM claims").fetchone()[0]
    assert import_triples(kb.conn, kb_file).status == "unchanged"
    assert kb.conn.execute("SELECT count(*) FROM claims").fetchone()[0] == count
    kb_file.write_text(KB.replace("Thriller", "Action"), encoding="utf-8")
    assert import_triples(kb.conn, kb_file).status == "replaced"
    assert Ask(kb).ask("what genre is [Escape]").names == ["Action"]
    assert kb.forget(str(kb_file))
    assert kb.conn.execute("SELECT count(*) FROM films").fetchone()[0] == 0


def test_kb_then_pages_merge_into_one_film_and_person(kb_file: Path) -> None:
    kb = FilmKB(":memory:")
    import_triples(kb.conn, kb_file)
    kb.ingest([EXAMPLES])
    escapes = kb.find_films("Escape", year=2024)
    assert len(escapes) == 1
    record = kb.film_record(escapes[0]["id"])
    assert str(kb_file) in record["documents"] and len(record["documents"]) > 1
    actor = next(c for c in record["cast"] if c["actor"].lower().startswith("lee je"))
    assert actor["character"] == "Lim Kyu-nam"
    asker = Ask(kb)
    assert asker.ask("what language is [Escape] in").names == ["Korean"]
    assert asker.ask("who plays Kyu-nam in Escape?").names == ["Lee Je-hoon"]


def test_pages_then_kb_link_to_the_page_film(kb_file: Path) -> None:
    kb = FilmKB(":memory:")
    kb.ingest([EXAMPLES])
    result = import_triples(kb.conn, kb_file)
    assert result.linked_films == 2  # Escape (2024, shared director), Time to Hunt (actor)
    assert result.linked_persons >= 2
    assert len(kb.find_films("Escape", year=2024)) == 1
    films = Ask(kb).ask("which movies did [Lee Je-hoon] act in").names
    assert {"escape", "time to hunt"} <= {f.lower() for f in films}


def test_cli_import_and_ask(kb_file: Path, tmp_path: Path) -> None:
    import typer

    from filmkb.serve.cli_ask import register

    app = typer.Typer()
    register(app)
    db = tmp_path / "kb.db"
    runner = CliRunner()
    out = runner.invoke(app, ["import-triples", str(kb_file), "--db", str(db)])
    assert out.exit_code == 0, out.output
    assert "ingested" in out.output
    out = runner.invoke(app, ["ask", "who directed [Kismet]", "--db", str(db)])
    assert out.exit_code == 0 and "William Dieterle" in out.output
    assert "Kismet|directed_by|William Dieterle" in out.output  # the source line
    batch = tmp_path / "q.txt"
    batch.write_text("1 who directed Kismet?\tWilliam Dieterle\nwhat is love?\n", encoding="utf-8")
    out = runner.invoke(app, ["ask", "--batch", str(batch), "--db", str(db), "--json"])
    rows = [json.loads(line) for line in out.output.splitlines()]
    assert [(r["question"], [a["name"] for a in r["answers"]]) for r in rows] == [
        ("who directed Kismet?", ["William Dieterle"]),
        ("what is love?", []),
    ]
    assert rows[0]["answers"][0]["facts"][0]["quote"] == "Kismet|directed_by|William Dieterle"
    out = runner.invoke(app, ["ask", "--batch", str(batch), "--db", str(db)])  # text
    assert out.output.startswith("Q: who directed Kismet?\nWilliam Dieterle\n")
    assert "Kismet|directed_by|William Dieterle" in out.output
    out = runner.invoke(app, ["ask", "what is love?", "--db", str(db)])
    assert out.exit_code == 1 and "no answer" in out.output


def test_reimport_document_restores_the_kb_after_entities_are_cleared(kb_file: Path) -> None:
    from filmkb.ask.triples import is_triples_document, reimport_document

    kb = FilmKB(":memory:")
    kb.ingest([EXAMPLES])
    import_triples(kb.conn, kb_file)
    doc_id = kb.conn.execute("SELECT id FROM documents WHERE kind = 'kb'").fetchone()[0]
    assert is_triples_document(kb.conn, doc_id)
    before = kb.conn.execute("SELECT count(*) FROM claims").fetchone()[0]
    kb.conn.execute("BEGIN")
    result = reimport_document(kb.conn, doc_id)
    kb.conn.execute("COMMIT")
    assert result.status == "ingested" and result.linked_films == 2
    assert kb.conn.execute("SELECT count(*) FROM claims").fetchone()[0] == before
    assert Ask(kb).ask("what language is [Escape] in").names == ["Korean"]


def test_answers_quote_their_source_lines(kb_file: Path) -> None:
    kb = FilmKB(":memory:")
    import_triples(kb.conn, kb_file)
    (answer,) = Ask(kb).ask("who directed [Kismet]").answers
    assert [f.quote for f in answer.facts] == ["Kismet|directed_by|William Dieterle"]


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("what languages are spoken in [Escape]", ["Korean"]),  # wording not in the table
        ("which year did [Kismet] come out", ["1944"]),
        ("who is the best friend of [Kismet]?", []),  # names no relation: no guess
    ],
)
def test_unseen_wordings(kb_file: Path, question: str, expected: list[str]) -> None:
    kb = FilmKB(":memory:")
    import_triples(kb.conn, kb_file)
    assert Ask(kb).ask(question).names == expected


def test_rebuild_after_import_keeps_the_kb_facts(kb_file: Path) -> None:
    """A user merge re-resolves everything: the KB is imported again, not replayed as a page."""
    kb = FilmKB(":memory:")
    import_triples(kb.conn, kb_file)
    before = kb.film_record(kb.find_films("Escape")[0]["id"])
    kb.rebuild()
    after = kb.film_record(kb.find_films("Escape")[0]["id"])
    assert [d["name"] for d in after["directors"]] == [d["name"] for d in before["directors"]]
    assert after["year"][0]["value"] == 2024
    assert Ask(kb).ask("what language is [Escape] in").names == ["Korean"]


def _evidence(kb: FilmKB) -> dict[str, list[tuple]]:
    tables = ("film_evidence", "evidence_person_films", "evidence_person_names")
    return {t: sorted(tuple(r) for r in kb.conn.execute(f"SELECT * FROM {t}")) for t in tables}


def test_import_leaves_the_resolution_evidence_as_a_full_recompute(kb_file: Path) -> None:
    """The import pauses the evidence triggers and rebuilds what it touched: the evidence of
    the films and people it linked to page entities too must equal a rebuild from all claims."""
    from filmkb.store import evidence

    kb = FilmKB(":memory:")
    kb.ingest([EXAMPLES])
    import_triples(kb.conn, kb_file)
    after_import = _evidence(kb)
    assert any(row[1] == "director" for row in after_import["film_evidence"])
    evidence.recompute(kb.conn)
    assert _evidence(kb) == after_import
