"""Knowledge-base files (``subject|relation|object`` lines) in the store, and claim quotes.

* ``kb_lines``: a KB document's lines (start offset → text, line end included), so that a
  claim's quote is read from its own line — never sliced from a multi-megabyte text — and a
  re-resolution re-imports the file from the store without holding it in memory.
* The import stages the file's triples in TEMP tables (``kb_stage``: deduplicated triples in
  file order; ``kb_films``: subject → film index and id; ``kb_persons``: credited name →
  person id and rule) and writes films, persons, mentions, claims and keys from them in
  batches: memory stays bounded whatever the file size. The decisions (which film or person
  a KB string is) are ``filmkb.ask.triples``'s; this module only reads and writes rows.

Migration ``0007_kb_lines_ask_graph`` also creates the question graph's tables
(``store.ask_graph``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from types import TracebackType

from filmkb.store.ask_graph import GRAPH_MIGRATION_SQL
from filmkb.store.db import Migration

DOCUMENT_KIND = "kb"
EXTRACTOR, VERSION = "triples", "1"
PERSON_PROPERTIES = ("director", "writer", "cast")

KB_MIGRATION = Migration(
    "0007_kb_lines_ask_graph",
    """
CREATE TABLE kb_lines (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (document_id, start)
) WITHOUT ROWID;
"""
    + GRAPH_MIGRATION_SQL,
)

# A KB file up to this many characters also keeps its text in ``documents.text`` (MetaQA's
# kb.txt: 5.2 M); above it, only in ``kb_lines`` (memory stays bounded).
TEXT_MAX_CHARS = 16_000_000

_STAGE = """
CREATE TEMP TABLE kb_stage (
    seq INTEGER PRIMARY KEY, subject TEXT NOT NULL, prop TEXT NOT NULL, obj TEXT NOT NULL,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, line TEXT NOT NULL
);
CREATE UNIQUE INDEX temp.kb_stage_triple ON kb_stage (subject, prop, obj);
CREATE INDEX temp.kb_stage_obj ON kb_stage (obj);
CREATE TEMP TABLE kb_films (
    subject TEXT PRIMARY KEY, idx INTEGER NOT NULL, film_id INTEGER NOT NULL,
    start INTEGER NOT NULL, linked INTEGER NOT NULL
);
CREATE TEMP TABLE kb_persons (
    name TEXT PRIMARY KEY, person_id INTEGER NOT NULL, rule TEXT NOT NULL,
    linked INTEGER NOT NULL
);
"""
_STAGE_TABLES = ("kb_stage", "kb_films", "kb_persons")
_PEOPLE = ",".join("?" for _ in PERSON_PROPERTIES)


class Transaction:
    """BEGIN IMMEDIATE … COMMIT (ROLLBACK on error) on a bare connection — what
    ``FilmKB.transaction()`` does, for callers that hold only a connection."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def __enter__(self) -> None:
        self.conn.execute("BEGIN IMMEDIATE")

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.conn.execute("COMMIT" if kind is None else "ROLLBACK")


def is_read_only(conn: sqlite3.Connection) -> bool:
    return bool(conn.execute("PRAGMA query_only").fetchone()[0])


# --- documents and lines --------------------------------------------------------------------


def document_kind(conn: sqlite3.Connection, document_id: int) -> str | None:
    row = conn.execute("SELECT kind FROM documents WHERE id = ?", (document_id,)).fetchone()
    return row[0] if row else None


def document_row(conn: sqlite3.Connection, document_id: int) -> tuple[str, str] | None:
    """(source, sha256) of a document."""
    row = conn.execute(
        "SELECT source, sha256 FROM documents WHERE id = ?", (document_id,)
    ).fetchone()
    return (row[0], row[1]) if row else None


def insert_document(conn: sqlite3.Connection, source: str, sha: str, title: str) -> int:
    """A KB document; its text is filled from its lines by ``fill_text`` at the end."""
    cur = conn.execute(
        "INSERT INTO documents (source, sha256, kind, media_type, title, text)"
        " VALUES (?, ?, ?, 'text/plain', ?, '')",
        (source, sha, DOCUMENT_KIND, title),
    )
    return int(cur.lastrowid or 0)


def add_lines(conn: sqlite3.Connection, document_id: int, lines: list[tuple[int, str]]) -> None:
    conn.executemany(
        "INSERT INTO kb_lines (document_id, start, text) VALUES (?, ?, ?)",
        [(document_id, start, text) for start, text in lines],
    )


def has_lines(conn: sqlite3.Connection, document_id: int) -> bool:
    row = conn.execute(
        "SELECT 1 FROM kb_lines WHERE document_id = ? LIMIT 1", (document_id,)
    ).fetchone()
    return row is not None


def document_lines(conn: sqlite3.Connection, document_id: int) -> Iterator[str]:
    """A KB document's lines in order (line ends included); its text for a document stored
    before ``kb_lines`` existed."""
    if has_lines(conn, document_id):
        rows = conn.execute(
            "SELECT text FROM kb_lines WHERE document_id = ? ORDER BY start", (document_id,)
        )
        for (text,) in rows:
            yield text
        return
    row = conn.execute("SELECT text FROM documents WHERE id = ?", (document_id,)).fetchone()
    yield from str(row[0] if row else "").splitlines(keepends=True)


def fill_text(conn: sqlite3.Connection, document_id: int, limit: int | None = None) -> bool:
    """The document's text, concatenated by SQLite from its lines, when it has at most
    ``limit`` characters (SQLite holds it a few times over while it writes it): readers that
    slice a document's text keep working for files of that size. A larger file keeps its
    text in ``kb_lines`` only. True when the text was filled."""
    row = conn.execute(
        "SELECT total(length(text)) FROM kb_lines WHERE document_id = ?", (document_id,)
    ).fetchone()
    if row[0] > (TEXT_MAX_CHARS if limit is None else limit):
        return False
    conn.execute(
        "UPDATE documents SET text = coalesce((SELECT group_concat(text, '') FROM"
        " (SELECT text FROM kb_lines WHERE document_id = ?1 ORDER BY start)), '') WHERE id = ?1",
        (document_id,),
    )
    return True


def clear_document_facts(conn: sqlite3.Connection, document_id: int) -> None:
    """Drop a document's claims, mentions and keys, keeping the document and its lines."""
    for table in ("claims", "mentions", "film_keys", "person_keys"):
        conn.execute(f"DELETE FROM {table} WHERE document_id = ?", (document_id,))


# --- staging --------------------------------------------------------------------------------


def begin_stage(conn: sqlite3.Connection) -> None:
    end_stage(conn)
    for statement in _STAGE.split(";"):
        if statement.strip():
            conn.execute(statement)


def end_stage(conn: sqlite3.Connection) -> None:
    for table in _STAGE_TABLES:
        conn.execute(f"DROP TABLE IF EXISTS temp.{table}")


def stage_triples(
    conn: sqlite3.Connection, rows: list[tuple[str, str, str, int, int, str]]
) -> None:
    """(subject, property, object, start, end, line without its end); a repeated triple
    keeps its first line."""
    conn.executemany(
        'INSERT OR IGNORE INTO temp.kb_stage (subject, prop, obj, start, "end", line)'
        " VALUES (?, ?, ?, ?, ?, ?)",
        rows,
    )


def staged_count(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM temp.kb_stage").fetchone()[0])


def staged_subjects(conn: sqlite3.Connection) -> Iterator[tuple[str, int]]:
    """(subject, start of its first line), in order of first appearance."""
    yield from conn.execute(
        "SELECT subject, start FROM temp.kb_stage WHERE seq IN"
        " (SELECT min(seq) FROM temp.kb_stage GROUP BY subject) ORDER BY seq"
    )


def staged_facts_of(conn: sqlite3.Connection, subject: str) -> list[tuple[str, str]]:
    """(property, object) of one subject, in file order."""
    rows = conn.execute(
        "SELECT prop, obj FROM temp.kb_stage WHERE subject = ? ORDER BY seq", (subject,)
    )
    return [(r[0], r[1]) for r in rows]


def stage_films(conn: sqlite3.Connection, rows: list[tuple[str, int, int, int, bool]]) -> None:
    """(subject, film index, film id, start, linked to a stored film)."""
    conn.executemany("INSERT INTO temp.kb_films VALUES (?, ?, ?, ?, ?)", rows)


def add_new_films(conn: sqlite3.Connection) -> None:
    conn.execute("INSERT INTO films (id) SELECT film_id FROM temp.kb_films WHERE NOT linked")


def staged_films(conn: sqlite3.Connection) -> Iterator[tuple[str, int, int, int]]:
    """(subject, film index, film id, start), by film index."""
    yield from conn.execute("SELECT subject, idx, film_id, start FROM temp.kb_films ORDER BY idx")


def staged_people(conn: sqlite3.Connection) -> Iterator[str]:
    """Credited names, in order of first appearance."""
    rows = conn.execute(
        "SELECT obj FROM temp.kb_stage WHERE seq IN (SELECT min(seq) FROM temp.kb_stage"
        f" WHERE prop IN ({_PEOPLE}) GROUP BY obj) ORDER BY seq",
        PERSON_PROPERTIES,
    )
    for (name,) in rows:
        yield name


def staged_films_of(conn: sqlite3.Connection, name: str) -> set[int]:
    """The film ids a credited name is credited on in the staged file."""
    rows = conn.execute(
        "SELECT DISTINCT f.film_id FROM temp.kb_stage s JOIN temp.kb_films f"
        f" ON f.subject = s.subject WHERE s.obj = ? AND s.prop IN ({_PEOPLE})",
        (name, *PERSON_PROPERTIES),
    )
    return {r[0] for r in rows}


def stage_persons(conn: sqlite3.Connection, rows: list[tuple[str, int, str, bool]]) -> None:
    """(name, person id, rule, linked to a stored person)."""
    conn.executemany("INSERT INTO temp.kb_persons VALUES (?, ?, ?, ?)", rows)


def add_new_persons(conn: sqlite3.Connection) -> None:
    conn.execute("INSERT INTO persons (id) SELECT person_id FROM temp.kb_persons WHERE NOT linked")


def staged_persons(conn: sqlite3.Connection) -> Iterator[tuple[str, int]]:
    yield from conn.execute("SELECT name, person_id FROM temp.kb_persons")


def staged_claims(
    conn: sqlite3.Connection,
) -> Iterator[tuple[str, str, int, int, int, int, int | None, str | None, str]]:
    """(property, object, start, end, film index, film id, person id, rule, line) in file
    order."""
    yield from conn.execute(
        'SELECT s.prop, s.obj, s.start, s."end", f.idx, f.film_id, p.person_id, p.rule, s.line'
        " FROM temp.kb_stage s JOIN temp.kb_films f ON f.subject = s.subject"
        f" LEFT JOIN temp.kb_persons p ON s.prop IN ({_PEOPLE}) AND p.name = s.obj"
        " ORDER BY s.seq",
        PERSON_PROPERTIES,
    )


def linked_counts(conn: sqlite3.Connection) -> tuple[int, int, int, int]:
    """(new films, linked films, new persons, linked persons) of the staged file."""
    films = conn.execute("SELECT count(*), total(linked) FROM temp.kb_films").fetchone()
    persons = conn.execute("SELECT count(*), total(linked) FROM temp.kb_persons").fetchone()
    return (
        int(films[0] - films[1]),
        int(films[1]),
        int(persons[0] - persons[1]),
        int(persons[1]),
    )


# --- writing facts --------------------------------------------------------------------------


def add_mentions(conn: sqlite3.Connection, document_id: int, rule: str) -> None:
    conn.execute(
        "INSERT INTO mentions (document_id, film_index, film_id, rule)"
        " SELECT ?, idx, film_id, ? FROM temp.kb_films ORDER BY idx",
        (document_id, rule),
    )


def claims_have_quotes(conn: sqlite3.Connection) -> bool:
    """Whether claims store their quote (a ``quote`` column): then the import writes it."""
    return any(row[1] == "quote" for row in conn.execute("PRAGMA table_info(claims)"))


def add_claims(conn: sqlite3.Connection, rows: Iterable[tuple], quotes: bool = False) -> None:
    """(document, film index, film, property, JSON value, start, end, person, rule, quote);
    the quote is stored only when ``quotes`` (``claims_have_quotes``)."""
    columns = 'document_id, film_index, film_id, property, value, start, "end", person_id,'
    columns += " person_rule" + (", quote" if quotes else "")
    marks = ",".join("?" * (10 if quotes else 9))
    conn.executemany(
        f"INSERT INTO claims ({columns}, extractor, version)"
        f" VALUES ({marks}, '{EXTRACTOR}', '{VERSION}')",
        (row if quotes else row[:9] for row in rows),
    )


def add_film_keys(conn: sqlite3.Connection, rows: Iterable[tuple[str, int, int]]) -> None:
    conn.executemany("INSERT INTO film_keys (key, film_id, document_id) VALUES (?, ?, ?)", rows)


def add_person_keys(conn: sqlite3.Connection, rows: Iterable[tuple[str, int, int]]) -> None:
    conn.executemany("INSERT INTO person_keys (key, person_id, document_id) VALUES (?, ?, ?)", rows)


# --- reading the store for linking ----------------------------------------------------------


def next_id(conn: sqlite3.Connection, table: str) -> int:
    if table not in ("films", "persons"):
        raise ValueError(table)
    return int(conn.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {table}").fetchone()[0])


def has_rows(conn: sqlite3.Connection, table: str) -> bool:
    if table not in ("films", "persons"):
        raise ValueError(table)
    return conn.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone() is not None


def films_keyed(conn: sqlite3.Connection, key: str) -> list[int]:
    """Films with the title key ``key``, by id."""
    rows = conn.execute(
        "SELECT DISTINCT film_id FROM film_keys WHERE key = ? ORDER BY film_id", (key,)
    )
    return [r[0] for r in rows]


def person_credits(conn: sqlite3.Connection, person_id: int) -> list[tuple[int, str, str]]:
    """(film id, JSON value, property) of a person's claims, distinct."""
    rows = conn.execute(
        "SELECT DISTINCT film_id, value, property FROM claims WHERE person_id = ?", (person_id,)
    )
    return [(r[0], r[1], r[2]) for r in rows]


# --- claims for answers ---------------------------------------------------------------------


def claim_spans(
    conn: sqlite3.Connection, claim_ids: Iterable[int]
) -> dict[int, tuple[int, str, int | None, int | None]]:
    """claim id → (document id, source, start, end)."""
    ids = sorted(set(claim_ids))
    out: dict[int, tuple[int, str, int | None, int | None]] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        rows = conn.execute(
            'SELECT c.id, c.document_id, d.source, c.start, c."end" FROM claims c'
            f" JOIN documents d ON d.id = c.document_id WHERE c.id IN ({','.join('?' * len(chunk))})",
            chunk,
        )
        for claim, doc, source, start, end in rows:
            out[claim] = (doc, source, start, end)
    return out


def quote(conn: sqlite3.Connection, document_id: int, start: int, end: int) -> str:
    """The text of ``document_id`` from ``start`` to ``end``: from the line holding it for a
    KB document (``kb_lines``), else a substring taken by SQLite (the text is not loaded)."""
    row = conn.execute(
        "SELECT start, text FROM kb_lines WHERE document_id = ? AND start <= ?"
        " ORDER BY start DESC LIMIT 1",
        (document_id, start),
    ).fetchone()
    if row is not None and start - row[0] + (end - start) <= len(row[1]):
        return str(row[1][start - row[0] : end - row[0]])
    row = conn.execute(
        "SELECT substr(text, ? + 1, ?) FROM documents WHERE id = ?",
        (start, max(0, end - start), document_id),
    ).fetchone()
    return str(row[0]) if row and row[0] is not None else ""


def document_text(conn: sqlite3.Connection, source: str) -> str:
    row = conn.execute("SELECT text FROM documents WHERE source = ?", (source,)).fetchone()
    return str(row[0]) if row else ""


def films_with_characters(conn: sqlite3.Connection) -> set[int]:
    rows = conn.execute(
        "SELECT DISTINCT film_id FROM claims WHERE property = 'cast'"
        " AND character_id IS NOT NULL AND film_id IS NOT NULL"
    )
    return {r[0] for r in rows}


def film_document_count(conn: sqlite3.Connection, film_id: int) -> int:
    row = conn.execute(
        "SELECT count(DISTINCT document_id) FROM claims WHERE film_id = ?", (film_id,)
    ).fetchone()
    return int(row[0])
