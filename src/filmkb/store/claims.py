"""The write path: documents, claims and their resolution links.

Everything here runs inside the caller's transaction (``FilmKB`` opens one per document).
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from filmkb.types import Claim, Document

USER_SOURCE = "user:"


def _rowid(cur: sqlite3.Cursor) -> int:
    """The id of the row an INSERT added (``lastrowid`` is None only before any INSERT)."""
    rowid = cur.lastrowid
    assert rowid is not None, "no lastrowid after an INSERT"
    return rowid


def find_document(conn: sqlite3.Connection, source: str) -> sqlite3.Row | None:
    return conn.execute("SELECT * FROM documents WHERE source = ?", (source,)).fetchone()


def find_document_by_hash(
    conn: sqlite3.Connection, sha256: str, other_than: str
) -> sqlite3.Row | None:
    """The oldest document with these bytes under another source (a copy, another path)."""
    return conn.execute(
        "SELECT id, source FROM documents WHERE sha256 = ? AND source != ? AND source != ?"
        " ORDER BY id LIMIT 1",
        (sha256, other_than, USER_SOURCE),
    ).fetchone()


def find_document_by_id(conn: sqlite3.Connection, document_id: int) -> sqlite3.Row | None:
    return conn.execute(
        "SELECT * FROM documents WHERE id = ? AND source != ?", (document_id, USER_SOURCE)
    ).fetchone()


def find_documents_named(conn: sqlite3.Connection, name: str) -> list[sqlite3.Row]:
    """Documents whose source's last component is ``name`` (a file name as ``show`` prints)."""
    tail = "/" + name
    return conn.execute(
        "SELECT id, source FROM documents WHERE source = ? OR substr(source, -?) = ? ORDER BY id",
        (name, len(tail), tail),
    ).fetchall()


def list_documents(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every stored document (not the user's overrides): id, source, kind, size, hash, films."""
    rows = conn.execute(
        "SELECT d.id, d.source, d.kind, d.media_type, d.bytes, d.sha256, d.ingested_at,"
        " (SELECT count(DISTINCT m.film_id) FROM mentions m"
        "  WHERE m.document_id = d.id AND m.film_id IS NOT NULL) AS films"
        " FROM documents d WHERE d.source != ? ORDER BY d.id",
        (USER_SOURCE,),
    )
    return [dict(row) for row in rows]


def canonical_document_ids(conn: sqlite3.Connection) -> list[int]:
    """Every document but the user's, in an order that does not depend on when it came:
    by content hash (then source, for documents without one)."""
    rows = conn.execute(
        "SELECT id FROM documents WHERE source != ? ORDER BY sha256, source", (USER_SOURCE,)
    )
    return [row[0] for row in rows]


def set_unresolved(conn: sqlite3.Connection, unresolved: bool) -> None:
    """Record whether the entity links still wait for a canonical re-resolution."""
    if unresolved:
        conn.execute("INSERT OR REPLACE INTO store_state (key, value) VALUES ('unresolved', '1')")
    else:
        conn.execute("DELETE FROM store_state WHERE key = 'unresolved'")


def is_unresolved(conn: sqlite3.Connection) -> bool:
    row = conn.execute("SELECT 1 FROM store_state WHERE key = 'unresolved'").fetchone()
    return row is not None


def insert_document(conn: sqlite3.Connection, document: Document, kind: str | None) -> int:
    cur = conn.execute(
        "INSERT INTO documents (source, sha256, kind, media_type, title, text, bytes)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            document.source,
            document.sha256,
            kind,
            document.media_type,
            document.title,
            document.text,
            document.size,
        ),
    )
    return _rowid(cur)


def delete_document(conn: sqlite3.Connection, document_id: int) -> None:
    """Retract a document's claims, mentions and keys; drop entities left without claims."""
    conn.execute("DELETE FROM documents WHERE id = ?", (document_id,))
    remove_orphans(conn)


def remove_orphans(conn: sqlite3.Connection) -> None:
    conn.execute(
        "DELETE FROM characters WHERE id NOT IN"
        " (SELECT character_id FROM claims WHERE character_id IS NOT NULL)"
    )
    conn.execute(
        "DELETE FROM persons WHERE id NOT IN"
        " (SELECT person_id FROM claims WHERE person_id IS NOT NULL)"
    )
    conn.execute(
        "DELETE FROM films WHERE id NOT IN"
        " (SELECT film_id FROM mentions WHERE film_id IS NOT NULL)"
        " AND id NOT IN (SELECT film_id FROM claims WHERE film_id IS NOT NULL)"
    )


def insert_mention(
    conn: sqlite3.Connection, document_id: int, film_index: int, film_id: int | None, rule: str
) -> int:
    cur = conn.execute(
        "INSERT INTO mentions (document_id, film_index, film_id, rule) VALUES (?, ?, ?, ?)",
        (document_id, film_index, film_id, rule),
    )
    return _rowid(cur)


def insert_claim(
    conn: sqlite3.Connection, document_id: int, claim: Claim, film_id: int | None
) -> int:
    ev = claim.evidence
    cur = conn.execute(
        'INSERT INTO claims (document_id, film_index, film_id, property, value, start, "end",'
        " extractor, version, confidence, inferred, note) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        (
            document_id,
            claim.film_index,
            film_id,
            claim.property,
            json.dumps(claim.value, ensure_ascii=False, sort_keys=True),
            ev.start,
            ev.end,
            ev.extractor,
            ev.version,
            ev.confidence,
            int(ev.inferred),
            ev.note,
        ),
    )
    return _rowid(cur)


def new_entity(conn: sqlite3.Connection, table: str, **columns: Any) -> int:
    assert table in {"films", "persons", "characters"}
    if not columns:
        return _rowid(conn.execute(f"INSERT INTO {table} DEFAULT VALUES"))
    names = ", ".join(columns)
    marks = ", ".join("?" for _ in columns)
    cur = conn.execute(f"INSERT INTO {table} ({names}) VALUES ({marks})", tuple(columns.values()))
    return _rowid(cur)


def add_keys(
    conn: sqlite3.Connection, table: str, column: str, entity_id: int, keys: set[str], doc: int
) -> None:
    assert table in {"film_keys", "person_keys", "character_keys"}
    conn.executemany(
        f"INSERT INTO {table} (key, {column}, document_id) VALUES (?, ?, ?)",
        [(key, entity_id, doc) for key in sorted(keys) if key],
    )


def lookup_keys(conn: sqlite3.Connection, table: str, column: str, keys: set[str]) -> list[int]:
    """Entity ids sharing at least one blocking key, oldest first."""
    keys = {k for k in keys if k}
    if not keys:
        return []
    marks = ",".join("?" for _ in keys)
    rows = conn.execute(
        f"SELECT DISTINCT {column} FROM {table} WHERE key IN ({marks}) ORDER BY {column}",
        tuple(keys),
    )
    return [row[0] for row in rows]


# --- user overrides: claims of the document "user:" -------------------------------------


def user_document_id(conn: sqlite3.Connection) -> int:
    row = find_document(conn, USER_SOURCE)
    if row is not None:
        return int(row["id"])
    cur = conn.execute(
        "INSERT INTO documents (source, sha256, kind, text) VALUES (?, '', 'user', '')",
        (USER_SOURCE,),
    )
    return _rowid(cur)


def add_override(conn: sqlite3.Connection, prop: str, value: dict[str, Any]) -> int:
    doc = user_document_id(conn)
    cur = conn.execute(
        "INSERT INTO claims (document_id, property, value, extractor, version)"
        " VALUES (?, ?, ?, 'user', '1')",
        (doc, prop, json.dumps(value, ensure_ascii=False, sort_keys=True)),
    )
    return _rowid(cur)


def overrides(conn: sqlite3.Connection, prop: str) -> list[dict[str, Any]]:
    return [value for _, value in override_rows(conn, prop)]


def override_rows(conn: sqlite3.Connection, prop: str) -> list[tuple[int, dict[str, Any]]]:
    rows = conn.execute(
        "SELECT c.id, c.value FROM claims c JOIN documents d ON d.id = c.document_id"
        " WHERE d.source = ? AND c.property = ? ORDER BY c.id",
        (USER_SOURCE, prop),
    )
    return [(row[0], json.loads(row[1])) for row in rows]


def remove_claim(conn: sqlite3.Connection, claim_id: int) -> None:
    conn.execute("DELETE FROM claims WHERE id = ?", (claim_id,))
