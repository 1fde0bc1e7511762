"""SQLite connection and recorded, idempotent migrations.

``connect(path)`` opens a database (``":memory:"`` or a file; files use WAL) with foreign
keys on and ``sqlite3.Row`` rows. ``migrate(conn, migrations)`` applies, in order, every
``Migration`` whose name is not yet in the ``migrations`` table, each in its own
transaction, and records it. Applying the same list twice is a no-op.

Adding tables (reviews, question answering, ...): write a ``Migration`` with a new unique
name in your own module and append it to ``filmkb.store.schema.MIGRATIONS`` (one line in
``all_migrations()``). Never edit a migration that has shipped; add a new one instead.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from filmkb.errors import StoreError


@dataclass(frozen=True)
class Migration:
    """One named schema step: SQL script, or a function of the connection."""

    name: str
    sql: str = ""
    apply: Callable[[sqlite3.Connection], None] | None = None


def connect(path: str | Path = ":memory:") -> sqlite3.Connection:
    """Open the database; ``isolation_level=None`` so transactions are explicit."""
    path = str(path)
    try:
        # a second writer waits for the first (a canonical re-resolution can take a while)
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=120)
    except sqlite3.Error as err:
        raise StoreError(f"cannot open database ({err})", path) from err
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys = ON")
    if path != ":memory:" and not path.startswith("file::memory:"):
        _wal(conn, path)
        conn.execute("PRAGMA synchronous = NORMAL")
    return conn


def _wal(conn: sqlite3.Connection, path: str, wait: float = 60.0) -> None:
    """Switch to WAL. Switching needs the database to itself and SQLite does not wait for it
    (two processes creating one store at once: "database is locked"), so retry a while."""
    deadline = time.monotonic() + wait
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as err:
            if "locked" not in str(err) and "busy" not in str(err):
                raise StoreError(f"cannot open database ({err})", path) from err
            if time.monotonic() > deadline:
                raise StoreError(f"cannot open database ({err})", path) from err
            time.sleep(0.05)


def connect_read_only(path: str | Path) -> sqlite3.Connection:
    """Open an existing database file read-only (SQLite URI ``mode=ro``); never creates one.

    StoreError when the file is missing or is not a database. No migration runs: a reader
    sees the schema the writer left (``pending_migrations`` tells what is missing).
    """
    file = Path(path)
    if not file.is_file():
        raise StoreError("no database here (run `filmkb ingest PAGES --db FILE` first)", str(path))
    uri = f"{file.resolve().as_uri()}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA query_only = ON")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error as err:
        raise StoreError(f"cannot open database read-only ({err})", str(path)) from err
    return conn


def data_version(conn: sqlite3.Connection) -> int:
    """SQLite's ``PRAGMA data_version``: changes when *another* connection commits."""
    return int(conn.execute("PRAGMA data_version").fetchone()[0])


def pending_migrations(conn: sqlite3.Connection, migrations: Iterable[Migration]) -> list[str]:
    """Names of the migrations not applied to this database (all of them for an empty one)."""
    try:
        done = {row[0] for row in conn.execute("SELECT name FROM migrations")}
    except sqlite3.OperationalError:  # no migrations table: not a filmkb store
        done = set()
    return [m.name for m in migrations if m.name not in done]


def migrate(conn: sqlite3.Connection, migrations: Iterable[Migration]) -> list[str]:
    """Apply the migrations not yet recorded; return the names applied now."""
    conn.execute(
        "CREATE TABLE IF NOT EXISTS migrations ("
        " name TEXT PRIMARY KEY, applied_at TEXT NOT NULL DEFAULT (datetime('now')))"
    )
    done = {row[0] for row in conn.execute("SELECT name FROM migrations")}
    applied: list[str] = []
    for step in migrations:
        if step.name in done:
            continue
        conn.execute("BEGIN IMMEDIATE")
        # another process may have applied it since we looked (two ingests on a new store)
        if conn.execute("SELECT 1 FROM migrations WHERE name = ?", (step.name,)).fetchone():
            conn.execute("COMMIT")
            done.add(step.name)
            continue
        try:
            for statement in _statements(step.sql):
                conn.execute(statement)
            if step.apply is not None:
                step.apply(conn)
            conn.execute("INSERT INTO migrations (name) VALUES (?)", (step.name,))
        except Exception:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        applied.append(step.name)
        done.add(step.name)
    return applied


def applied_migrations(conn: sqlite3.Connection) -> list[str]:
    return [row[0] for row in conn.execute("SELECT name FROM migrations ORDER BY rowid")]


def _statements(sql: str) -> list[str]:
    """Split a script into statements (``executescript`` would commit behind our back)."""
    out: list[str] = []
    start = 0
    for i, ch in enumerate(sql):
        if ch == ";" and sqlite3.complete_statement(sql[start : i + 1]):
            out.append(sql[start : i + 1].strip())
            start = i + 1
    if sql[start:].strip():
        out.append(sql[start:].strip())
    return out
