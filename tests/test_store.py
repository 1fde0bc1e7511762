"""Spec: the store keeps every fact as a claim with provenance; re-ingest, replace, forget,
atomic per document; migrations are recorded and idempotent."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from filmkb import FilmKB
from filmkb.store import Migration, all_migrations, connect, migrate
from filmkb.store.db import applied_migrations
from test_core_escape import page

FILM = {"title": "Escape", "year": 2024, "directors": ["Lee Jong-pil"],
        "cast": [("Lee Je-hoon", "Kyu-nam")]}  # fmt: skip
TEXT = "Escape (2024), directed by Lee Jong-pil, stars Lee Je-hoon as Kyu-nam."


def counts(kb: FilmKB) -> dict[str, int]:
    tables = ("documents", "claims", "films", "persons", "characters", "person_keys")
    return {t: kb.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


def test_migrations_are_recorded_and_applied_once(tmp_path: Path) -> None:
    conn = connect(tmp_path / "kb.db")
    core = [m.name for m in all_migrations()]
    assert migrate(conn, all_migrations()) == core
    assert migrate(conn, all_migrations()) == []
    extra = Migration("0100_reviews_example", "CREATE TABLE reviews_example (id INTEGER);")
    assert migrate(conn, [*all_migrations(), extra]) == ["0100_reviews_example"]
    assert applied_migrations(conn) == [*core, "0100_reviews_example"]


def test_a_failing_migration_leaves_nothing_behind() -> None:
    conn = connect()
    bad = Migration("0002_bad", "CREATE TABLE t (id INTEGER); CREATE TABLE t (id INTEGER);")
    with pytest.raises(sqlite3.OperationalError):
        migrate(conn, [*all_migrations(), bad])
    assert applied_migrations(conn) == [m.name for m in all_migrations()]
    assert conn.execute("SELECT name FROM sqlite_master WHERE name = 't'").fetchone() is None


def test_file_databases_use_wal_and_survive_reopening(tmp_path: Path) -> None:
    db = tmp_path / "kb.db"
    with FilmKB(db) as kb:
        kb.ingest_extraction(page("a.txt", TEXT, "review", [FILM]))
        assert kb.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    with FilmKB(db) as kb:
        assert [f["title"] for f in kb.films()] == ["Escape"]


def test_every_claim_keeps_its_provenance() -> None:
    kb = FilmKB()
    kb.ingest_extraction(page("a.txt", TEXT, "review", [FILM]))
    row = kb.conn.execute(
        "SELECT c.*, d.source, d.sha256, d.kind, d.text FROM claims c"
        " JOIN documents d ON d.id = c.document_id WHERE property = 'director'"
    ).fetchone()
    assert row["source"] == "a.txt" and row["kind"] == "review" and len(row["sha256"]) == 64
    assert row["text"][row["start"] : row["end"]] == "Lee Jong-pil"
    assert (row["extractor"], row["version"], row["confidence"], row["inferred"]) == (
        "hand", "1", 1.0, 0,
    )  # fmt: skip
    assert row["film_index"] == 0 and row["value"] == '"Lee Jong-pil"'


def test_reingesting_the_same_document_is_a_no_op() -> None:
    kb = FilmKB()
    assert kb.ingest_extraction(page("a.txt", TEXT, "review", [FILM])).status == "ingested"
    before = counts(kb)
    assert kb.ingest_extraction(page("a.txt", TEXT, "review", [FILM])).status == "unchanged"
    assert counts(kb) == before


def test_a_changed_document_replaces_its_claims() -> None:
    kb = FilmKB()
    kb.ingest_extraction(page("a.txt", TEXT, "review", [FILM]))
    changed = dict(FILM, directors=["Park Dong-jin"], year=2025)
    result = kb.ingest_extraction(page("a.txt", TEXT + " Updated.", "review", [changed]))
    assert result.status == "replaced"
    (film,) = kb.films()
    assert film["directors"] == ["Park Dong-jin"] and film["year"] == 2025
    assert counts(kb)["documents"] == 1


def test_forget_retracts_claims_and_entities_left_without_claims() -> None:
    kb = FilmKB()
    kb.ingest_extraction(page("a.txt", TEXT, "review", [FILM]))
    other = {"title": "Steel Rain", "year": 2017, "directors": ["Yang Woo-suk"]}
    kb.ingest_extraction(page("b.txt", "Steel Rain (2017) by Yang Woo-suk", "news", [other]))
    assert kb.forget("a.txt") is True
    assert [f["title"] for f in kb.films()] == ["Steel Rain"]
    left = counts(kb)
    assert {k: left[k] for k in ("documents", "films", "persons", "characters")} == {
        "documents": 1, "films": 1, "persons": 1, "characters": 0,
    }  # fmt: skip
    keyed = kb.conn.execute("SELECT DISTINCT person_id FROM person_keys").fetchall()
    assert len(keyed) == 1  # blocking keys of the forgotten page went with it
    assert kb.forget("a.txt") is False


def test_forgetting_one_of_two_sources_keeps_the_facts_of_the_other() -> None:
    kb = FilmKB()
    kb.ingest_extraction(page("a.txt", TEXT, "review", [FILM]))
    kb.ingest_extraction(page("b.txt", TEXT + " b", "blog", [dict(FILM, runtime_min=94)]))
    kb.forget("b.txt")
    (film,) = kb.films()
    record = kb.film_record(film["id"])
    assert record["runtime_min"] == []
    assert [d["name"] for d in record["directors"]] == ["Lee Jong-pil"]
    assert {s["source"] for s in record["directors"][0]["sources"]} == {"a.txt"}


def test_ingest_is_atomic_per_document(monkeypatch: pytest.MonkeyPatch) -> None:
    kb = FilmKB()
    kb.ingest_extraction(page("a.txt", TEXT, "review", [FILM]))
    before = counts(kb)

    def boom(*args, **kwargs):
        raise RuntimeError("resolver bug")

    monkeypatch.setattr("filmkb.core.resolve_people", boom)
    with pytest.raises(RuntimeError):
        kb.ingest_extraction(page("b.txt", TEXT + " b", "blog", [FILM]))
    with pytest.raises(RuntimeError):  # a failed replacement keeps the old version
        kb.ingest_extraction(page("a.txt", TEXT + " new", "review", [FILM]))
    assert counts(kb) == before
    assert kb.documents()[0]["source"] == "a.txt"


def test_migrations_applied_meanwhile_by_another_connection_are_skipped(tmp_path):
    """Two processes opening a new store at once: one reads the applied steps, the other then
    applies them all; the first, holding the write lock, finds each step applied instead of
    failing on 'duplicate column name'."""
    from filmkb.store.db import connect, migrate
    from filmkb.store.schema import all_migrations

    db = tmp_path / "kb.db"
    late, other = connect(db), connect(db)

    class StaleRead:  # `late` read the list of applied steps before `other` applied them
        def __init__(self) -> None:
            self.stale = True

        def execute(self, sql: str, *args: object):  # noqa: ANN202
            if self.stale and sql.startswith("SELECT name FROM migrations"):
                self.stale = False
                migrate(other, all_migrations())
                return []
            return late.execute(sql, *args)

    assert migrate(StaleRead(), all_migrations()) == []  # type: ignore[arg-type]
    assert len(late.execute("SELECT name FROM migrations").fetchall()) == len(all_migrations())
