"""The question graph as indexed tables (``filmkb.ask.graph`` reads it; nothing is rebuilt
per process).

* ``ask_nodes``: one node per film (with a title), person (with a spelling) and distinct value
  string (years, languages, genres, tags, ratings): kind, display name, entity id. Node ids
  follow the order of the claims that first name them (films, then people, then values), so
  that answers tie-break exactly as they did when the graph was built in memory.
* ``ask_names``: every name of a node (exact, lower case, folded) → node; ``ask_person_keys``:
  people's blocking keys → node (spelling variants).
* ``ask_edges``: one edge per (property, film, target): the first claim stating it, its
  support (the summed kind weights of the documents stating it, as the film record ranks
  them) and its credit order (the claim id; none for knowledge-base files, whose line order is
  no credit order). Indexed both ways.
* ``ask_state``: ``generation`` is bumped by triggers when documents come or go and when a
  re-resolution drops films or people; ``built`` is the generation the tables were built at.
  ``refresh`` rebuilds them when the two differ (once, not per process).

A read-only store whose graph is stale (or older than this migration) gets the same tables as
TEMP tables of its connection, which shadow the stored ones.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

GRAPH_TABLES = """
CREATE TABLE {p}ask_nodes (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    entity_id INTEGER
);
CREATE INDEX {p}ask_nodes_entity ON ask_nodes (kind, entity_id);
CREATE INDEX {p}ask_nodes_name ON ask_nodes (kind, name);
CREATE TABLE {p}ask_names (
    node INTEGER NOT NULL,
    name TEXT NOT NULL,
    lower TEXT NOT NULL,
    folded TEXT
);
CREATE INDEX {p}ask_names_name ON ask_names (name);
CREATE INDEX {p}ask_names_lower ON ask_names (lower);
CREATE INDEX {p}ask_names_folded ON ask_names (folded);
CREATE INDEX {p}ask_names_node ON ask_names (node);
CREATE TABLE {p}ask_person_keys (key TEXT NOT NULL, node INTEGER NOT NULL);
CREATE INDEX {p}ask_person_keys_key ON ask_person_keys (key);
CREATE TABLE {p}ask_edges (
    prop TEXT NOT NULL,
    film INTEGER NOT NULL,
    target INTEGER NOT NULL,
    claim_id INTEGER NOT NULL,
    support REAL NOT NULL,
    credit INTEGER
);
CREATE INDEX {p}ask_edges_fwd ON ask_edges (prop, film);
CREATE INDEX {p}ask_edges_rev ON ask_edges (prop, target);
CREATE TABLE {p}ask_state (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
INSERT INTO {p}ask_state (key, value) VALUES ('generation', 1), ('built', 0), ('max_words', 1);
"""

# documents coming or going, and a re-resolution (it empties films and persons), change what
# the graph says; a row trigger per document / entity is cheap next to the work itself
_TRIGGERS = """
CREATE TRIGGER ask_documents_in AFTER INSERT ON documents BEGIN
    UPDATE ask_state SET value = value + 1 WHERE key = 'generation';
END;
CREATE TRIGGER ask_documents_out AFTER DELETE ON documents BEGIN
    UPDATE ask_state SET value = value + 1 WHERE key = 'generation';
END;
CREATE TRIGGER ask_films_out AFTER DELETE ON films BEGIN
    UPDATE ask_state SET value = value + 1 WHERE key = 'generation';
END;
CREATE TRIGGER ask_persons_out AFTER DELETE ON persons BEGIN
    UPDATE ask_state SET value = value + 1 WHERE key = 'generation';
END;
"""

GRAPH_MIGRATION_SQL = GRAPH_TABLES.replace("{p}", "") + _TRIGGERS

TITLE_PROPS = ("title", "original_title")
PERSON_PROPS = ("director", "writer", "cast")
VALUE_PROPS = ("year", "language", "genre", "tag", "imdb_rating", "imdb_votes")
EDGE_PROPS = PERSON_PROPS + VALUE_PROPS
FILM, PERSON, VALUE = "film", "person", "value"
BATCH = 5000
CHUNK = 500  # nodes per IN (...) list


def _in(values: Sequence[object]) -> str:
    return ",".join("?" for _ in values)


_TITLES = _in(TITLE_PROPS)
_PERSONS = _in(PERSON_PROPS)
_VALUES = _in(VALUE_PROPS)
_SPELLING = (
    "CASE WHEN json_type(c.value) = 'object' THEN json_extract(c.value, '$.actor')"
    " ELSE json_extract(c.value, '$') END"
)
_VALUE_TEXT = "CAST(json_extract(c.value, '$') AS TEXT)"


# --- state ----------------------------------------------------------------------------------


def has_graph(conn: sqlite3.Connection) -> bool:
    row = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'ask_state'"
        " UNION ALL SELECT 1 FROM sqlite_temp_master WHERE type = 'table' AND name = 'ask_state'"
    ).fetchone()
    return row is not None


def is_current(conn: sqlite3.Connection) -> bool:
    """Whether the graph tables were built at the store's present generation."""
    if not has_graph(conn):
        return False
    state = dict(conn.execute("SELECT key, value FROM ask_state").fetchall())
    if _has_temp_graph(conn):  # built for this connection: compare with the stored generation
        stored = conn.execute(
            "SELECT value FROM main.ask_state WHERE key = 'generation'"
        ).fetchone() if _has_main_graph(conn) else None  # fmt: skip
        return stored is None or state["built"] == stored[0]
    return bool(state["built"] == state["generation"])


def main_is_current(conn: sqlite3.Connection) -> bool:
    """Whether the stored (not TEMP) graph tables are current."""
    if not _has_main_graph(conn):
        return False
    state = dict(conn.execute("SELECT key, value FROM main.ask_state").fetchall())
    return bool(state["built"] == state["generation"])


def drop_temp(conn: sqlite3.Connection) -> None:
    """Drop TEMP graph tables (the stored ones show through again)."""
    read_only = bool(conn.execute("PRAGMA query_only").fetchone()[0])
    conn.execute("PRAGMA query_only = OFF")
    try:
        for table in ("ask_nodes", "ask_names", "ask_person_keys", "ask_edges", "ask_state"):
            conn.execute(f"DROP TABLE IF EXISTS temp.{table}")
    finally:
        if read_only:
            conn.execute("PRAGMA query_only = ON")


def _has_temp_graph(conn: sqlite3.Connection) -> bool:
    row = conn.execute(
        "SELECT 1 FROM sqlite_temp_master WHERE type = 'table' AND name = 'ask_state'"
    ).fetchone()
    return row is not None


def _has_main_graph(conn: sqlite3.Connection) -> bool:
    row = conn.execute(
        "SELECT 1 FROM main.sqlite_master WHERE type = 'table' AND name = 'ask_state'"
    ).fetchone()
    return row is not None


def built_at(conn: sqlite3.Connection) -> int | None:
    """The generation the graph tables were built at (None: no tables)."""
    if not has_graph(conn):
        return None
    row = conn.execute("SELECT value FROM ask_state WHERE key = 'built'").fetchone()
    return int(row[0]) if row else None


def max_words(conn: sqlite3.Connection) -> int:
    row = conn.execute("SELECT value FROM ask_state WHERE key = 'max_words'").fetchone()
    return int(row[0]) if row else 1


def node_count(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM ask_nodes").fetchone()[0])


# --- building (inside the caller's write transaction) ---------------------------------------


@contextmanager
def temp_tables(conn: sqlite3.Connection) -> Iterator[None]:
    """Empty TEMP graph tables (shadowing the stored ones) for a connection that cannot write
    the stored ones; a read-only connection (``query_only``) may write TEMP tables meanwhile."""
    read_only = bool(conn.execute("PRAGMA query_only").fetchone()[0])
    conn.execute("PRAGMA query_only = OFF")
    try:
        for table in ("ask_nodes", "ask_names", "ask_person_keys", "ask_edges", "ask_state"):
            conn.execute(f"DROP TABLE IF EXISTS temp.{table}")
        script = GRAPH_TABLES.replace("{p}", "temp.")
        for statement in script.split(";"):
            if statement.strip():
                conn.execute(statement)
        yield
    finally:
        if read_only:
            conn.execute("PRAGMA query_only = ON")


def clear(conn: sqlite3.Connection) -> None:
    for table in ("ask_nodes", "ask_names", "ask_person_keys", "ask_edges"):
        conn.execute(f"DELETE FROM {table}")


def number_films(conn: sqlite3.Connection) -> int:
    """One node per titled film, in the order of its first title claim; returns the count."""
    conn.execute(
        "INSERT INTO ask_nodes (id, kind, name, entity_id)"
        " SELECT row_number() OVER (ORDER BY min(c.id)) - 1, 'film', '', c.film_id"
        f" FROM claims c WHERE c.film_id IS NOT NULL AND c.property IN ({_TITLES})"
        " GROUP BY c.film_id",
        TITLE_PROPS,
    )
    return node_count(conn)


def film_title_rows(conn: sqlite3.Connection) -> Iterator[tuple[int, str, str]]:
    """(node, property, JSON value) of every title claim, by node, then claim."""
    yield from conn.execute(
        "SELECT n.id, c.property, c.value FROM ask_nodes n"
        " JOIN claims c ON c.film_id = n.entity_id AND c.property IN (?, ?)"
        " WHERE n.kind = 'film' ORDER BY n.id, c.id",
        TITLE_PROPS,
    )


def number_people(conn: sqlite3.Connection, first: int) -> int:
    """One node per credited person with a spelling (credits of films), in the order of the
    person's first credit; returns the node count."""
    conn.execute(
        "INSERT INTO ask_nodes (id, kind, name, entity_id)"
        " SELECT ? + row_number() OVER (ORDER BY min(c.id)) - 1, 'person', '', c.person_id"
        " FROM claims c"
        f" WHERE c.person_id IS NOT NULL AND c.film_id IS NOT NULL AND c.property IN ({_PERSONS})"
        f" GROUP BY c.person_id HAVING max(coalesce({_SPELLING}, '') <> '')",
        (first, *PERSON_PROPS),
    )
    return node_count(conn)


def person_spelling_rows(conn: sqlite3.Connection) -> Iterator[tuple[int, str]]:
    """(node, spelling) of every credit of a person node, by node, then claim."""
    yield from conn.execute(
        f"SELECT n.id, coalesce({_SPELLING}, '') FROM ask_nodes n"
        " JOIN claims c ON c.person_id = n.entity_id"
        f" WHERE n.kind = 'person' AND c.film_id IS NOT NULL AND c.property IN ({_PERSONS})"
        " ORDER BY n.id, c.id",
        PERSON_PROPS,
    )


def number_values(conn: sqlite3.Connection, first: int) -> int:
    """One node per distinct value string of a titled film, in order of first claim."""
    conn.execute(
        "INSERT INTO ask_nodes (id, kind, name, entity_id)"
        f" SELECT ? + row_number() OVER (ORDER BY min(c.id)) - 1, 'value', {_VALUE_TEXT}, NULL"
        " FROM claims c JOIN ask_nodes f ON f.kind = 'film' AND f.entity_id = c.film_id"
        f" WHERE c.property IN ({_VALUES}) AND {_VALUE_TEXT} IS NOT NULL"
        f" GROUP BY {_VALUE_TEXT}",
        (first, *VALUE_PROPS),
    )
    return node_count(conn)


def value_nodes(conn: sqlite3.Connection) -> Iterator[tuple[int, str]]:
    yield from conn.execute("SELECT id, name FROM ask_nodes WHERE kind = 'value' ORDER BY id")


def set_names(conn: sqlite3.Connection, rows: Iterable[tuple[str, int]]) -> None:
    """Display names: (name, node)."""
    conn.executemany("UPDATE ask_nodes SET name = ? WHERE id = ?", rows)


def add_names(conn: sqlite3.Connection, rows: Iterable[tuple[int, str, str, str | None]]) -> None:
    """(node, name, lower, folded) rows."""
    conn.executemany("INSERT INTO ask_names (node, name, lower, folded) VALUES (?,?,?,?)", rows)


def add_person_keys(conn: sqlite3.Connection, rows: Iterable[tuple[str, int]]) -> None:
    conn.executemany("INSERT INTO ask_person_keys (key, node) VALUES (?, ?)", rows)


def add_edges(
    conn: sqlite3.Connection, weight: Callable[[str | None], float], kb_kind: str
) -> None:
    """Every edge, set-wise: first claim, support (summed document weights), credit order."""
    conn.execute("DROP TABLE IF EXISTS temp.ask_doc_weights")
    conn.execute(
        "CREATE TEMP TABLE ask_doc_weights (id INTEGER PRIMARY KEY, weight REAL, kb INTEGER)"
    )
    rows = conn.execute("SELECT id, kind FROM documents").fetchall()
    conn.executemany(
        "INSERT INTO temp.ask_doc_weights (id, weight, kb) VALUES (?, ?, ?)",
        [(r[0], weight(r[1]), int(r[1] == kb_kind)) for r in rows],
    )
    conn.execute(
        f"""
INSERT INTO ask_edges (prop, film, target, claim_id, support, credit)
WITH e AS (
    SELECT c.id, c.property AS prop, f.id AS film, p.id AS target, c.document_id AS doc
      FROM claims c JOIN ask_nodes f ON f.kind = 'film' AND f.entity_id = c.film_id
      JOIN ask_nodes p ON p.kind = 'person' AND p.entity_id = c.person_id
     WHERE c.property IN ({_PERSONS})
    UNION ALL
    SELECT c.id, c.property, f.id, v.id, c.document_id
      FROM claims c JOIN ask_nodes f ON f.kind = 'film' AND f.entity_id = c.film_id
      JOIN ask_nodes v ON v.kind = 'value' AND v.name = {_VALUE_TEXT}
     WHERE c.property IN ({_VALUES})
), d AS (
    SELECT prop, film, target, doc, min(id) AS first FROM e GROUP BY prop, film, target, doc
), g AS (
    SELECT prop, film, target, min(first) AS first, doc, total(w.weight) AS support
      FROM d JOIN temp.ask_doc_weights w ON w.id = d.doc GROUP BY prop, film, target
)
SELECT g.prop, g.film, g.target, g.first, g.support,
       CASE WHEN w.kb THEN NULL ELSE g.first END
  FROM g JOIN temp.ask_doc_weights w ON w.id = g.doc ORDER BY g.first""",
        (*PERSON_PROPS, *VALUE_PROPS),
    )
    conn.execute("DROP TABLE temp.ask_doc_weights")


def mark_built(conn: sqlite3.Connection, words: int) -> None:
    conn.execute("UPDATE ask_state SET value = ? WHERE key = 'max_words'", (words,))
    generation = conn.execute(
        "SELECT value FROM main.ask_state WHERE key = 'generation'"
    ).fetchone() if _has_main_graph(conn) else None  # fmt: skip
    value = generation[0] if generation else 0
    conn.execute("UPDATE ask_state SET value = ? WHERE key = 'built'", (value,))
    if not _has_temp_graph(conn):
        conn.execute("UPDATE ask_state SET value = ? WHERE key = 'generation'", (value,))


# --- reading --------------------------------------------------------------------------------


def nodes(conn: sqlite3.Connection, ids: Sequence[int]) -> dict[int, tuple[str, str, int | None]]:
    """node → (kind, name, entity id)."""
    out: dict[int, tuple[str, str, int | None]] = {}
    for i in range(0, len(ids), CHUNK):
        chunk = ids[i : i + CHUNK]
        rows = conn.execute(
            f"SELECT id, kind, name, entity_id FROM ask_nodes WHERE id IN ({_in(chunk)})", chunk
        )
        for node, kind, name, entity in rows:
            out[node] = (kind, name, entity)
    return out


def nodes_named(conn: sqlite3.Connection, column: str, key: str) -> list[int]:
    """Nodes with a name whose ``column`` (name | lower | folded) equals ``key``, in order."""
    if column not in ("name", "lower", "folded"):
        raise ValueError(column)
    rows = conn.execute(f"SELECT node FROM ask_names WHERE {column} = ? ORDER BY node", (key,))
    return list(dict.fromkeys(r[0] for r in rows))


def is_named(conn: sqlite3.Connection, lower: str) -> bool:
    return (
        conn.execute("SELECT 1 FROM ask_names WHERE lower = ? LIMIT 1", (lower,)).fetchone()
        is not None
    )


def aliases(conn: sqlite3.Connection, node: int) -> list[str]:
    return [r[0] for r in conn.execute("SELECT name FROM ask_names WHERE node = ?", (node,))]


def person_key_nodes(conn: sqlite3.Connection, keys: Iterable[str]) -> set[int]:
    keys = sorted({k for k in keys if k})
    if not keys:
        return set()
    rows = conn.execute(f"SELECT node FROM ask_person_keys WHERE key IN ({_in(keys)})", keys)
    return {r[0] for r in rows}


Edge = tuple[int, float, int | None]  # claim id, support, credit order


def adjacent(
    conn: sqlite3.Connection, prop: str, reverse: bool, ids: Sequence[int]
) -> dict[int, dict[int, Edge]]:
    """node → {other node: edge} over ``prop`` (film → target, or target → film when
    ``reverse``), each node's edges in the order of their first claims."""
    here, there = ("target", "film") if reverse else ("film", "target")
    out: dict[int, dict[int, Edge]] = {node: {} for node in ids}
    for i in range(0, len(ids), CHUNK):
        chunk = ids[i : i + CHUNK]
        rows = conn.execute(
            f"SELECT {here}, {there}, claim_id, support, credit FROM ask_edges"
            f" WHERE prop = ? AND {here} IN ({_in(chunk)}) ORDER BY rowid",
            (prop, *chunk),
        )
        for node, other, claim, support, credit in rows:
            out[node].setdefault(other, (claim, support, credit))
    return out


def has_edges(conn: sqlite3.Connection, prop: str, reverse: bool, node: int) -> bool:
    here = "target" if reverse else "film"
    row = conn.execute(
        f"SELECT 1 FROM ask_edges WHERE prop = ? AND {here} = ? LIMIT 1", (prop, node)
    ).fetchone()
    return row is not None


def edge_props(conn: sqlite3.Connection) -> list[str]:
    """The properties that have edges (a few: one skip-scan per property)."""
    return [p for p in EDGE_PROPS if conn.execute(
        "SELECT 1 FROM ask_edges WHERE prop = ? LIMIT 1", (p,)
    ).fetchone()]  # fmt: skip


def film_entity_ids(conn: sqlite3.Connection) -> list[int]:
    rows = conn.execute("SELECT entity_id FROM ask_nodes WHERE kind = 'film' ORDER BY id")
    return [r[0] for r in rows]


def state(conn: sqlite3.Connection) -> dict[str, Any]:
    return dict(conn.execute("SELECT key, value FROM ask_state").fetchall())


def most_linked(conn: sqlite3.Connection, prop: str) -> tuple[str, int] | None:
    """The target node with the most ``prop`` edges (the most-credited director, …) and
    its edge count — a full scan, for benchmarks and reports."""
    row = conn.execute(
        "SELECT n.name, count(*) FROM ask_edges e JOIN ask_nodes n ON n.id = e.target"
        " WHERE e.prop = ? GROUP BY e.target ORDER BY count(*) DESC LIMIT 1",
        (prop,),
    ).fetchone()
    return (str(row[0]), int(row[1])) if row else None


def film_count(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM ask_nodes WHERE kind = 'film'").fetchone()[0])
