"""Resolution evidence: what a resolution decision reads, in small indexed tables.

Resolving a mention used to read every claim of every candidate: a film gathering 500 pages
had 15,000 claim rows read per new page, a person in 300 films all their films' casts. The
evidence is kept instead in three tables that SQLite triggers on ``claims`` keep up to date,
whatever writes the claims (page ingest, re-resolution, triples import, ``forget``):

* ``film_evidence``: per film, each distinct title, original title, director, writer and
  actor (``weight``: claims stating it) and each year (``weight``: documents giving it);
* ``evidence_person_films``: the films each person is credited in (``weight``: claims);
* ``evidence_person_names``: each person's spellings with the first claim giving it (display order).

A decision then reads a handful of rows per candidate: the distinct values, not every
page's copy of them. Bulk rewrites (a re-resolution unlinking many documents at once) pause
the triggers (``paused``) and recompute the evidence of the entities they touched.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from filmkb.store.db import Migration

# the value a film's evidence keeps of a claim: the actor's name of a cast credit, else the
# claim's JSON value as stored
_FILM_VALUE = "CASE WHEN {c}.property = 'cast' THEN json_quote(json_extract({c}.value, '$.actor')) ELSE {c}.value END"  # noqa: E501
_FILM_PROPS = "('title', 'original_title', 'director', 'writer', 'cast')"
# the name a person is credited under: the actor of a cast credit, else the value itself
_NAME = "CASE WHEN {c}.property = 'cast' THEN json_extract({c}.value, '$.actor') ELSE json_extract({c}.value, '$') END"  # noqa: E501
_LIVE = "NOT EXISTS (SELECT 1 FROM store_state WHERE key = 'evidence_paused')"


def _film_add(c: str) -> str:
    value = _FILM_VALUE.format(c=c)
    return f"""
    INSERT INTO film_evidence (film_id, property, value, weight)
    SELECT {c}.film_id, {c}.property, {value}, 1
    WHERE {c}.film_id IS NOT NULL AND {c}.property IN {_FILM_PROPS} AND {value} IS NOT NULL
    ON CONFLICT (film_id, property, value) DO UPDATE SET weight = weight + 1;
    INSERT INTO film_evidence (film_id, property, value, weight)
    SELECT {c}.film_id, 'year', {c}.value, 1
    WHERE {c}.film_id IS NOT NULL AND {c}.property = 'year' AND NOT EXISTS (
        SELECT 1 FROM claims o WHERE o.document_id = {c}.document_id AND o.id != {c}.id
        AND o.film_id = {c}.film_id AND o.property = 'year' AND o.value = {c}.value)
    ON CONFLICT (film_id, property, value) DO UPDATE SET weight = weight + 1;"""


def _film_remove(c: str) -> str:
    value = _FILM_VALUE.format(c=c)
    return f"""
    UPDATE film_evidence SET weight = weight - 1
    WHERE {c}.film_id IS NOT NULL AND film_id = {c}.film_id AND property = {c}.property
    AND value = {value} AND ({c}.property != 'year' OR NOT EXISTS (
        SELECT 1 FROM claims o WHERE o.document_id = {c}.document_id AND o.id != {c}.id
        AND o.film_id = {c}.film_id AND o.property = 'year' AND o.value = {c}.value));
    DELETE FROM film_evidence WHERE film_id = {c}.film_id AND property = {c}.property
    AND value = {value} AND weight <= 0;"""


def _person_add(c: str) -> str:
    name = _NAME.format(c=c)
    return f"""
    INSERT INTO evidence_person_films (person_id, film_id, weight)
    SELECT {c}.person_id, {c}.film_id, 1
    WHERE {c}.person_id IS NOT NULL AND {c}.film_id IS NOT NULL
    ON CONFLICT (person_id, film_id) DO UPDATE SET weight = weight + 1;
    INSERT INTO evidence_person_names (person_id, name, first_claim, weight)
    SELECT {c}.person_id, {name}, {c}.id, 1
    WHERE {c}.person_id IS NOT NULL AND {name} IS NOT NULL
    ON CONFLICT (person_id, name) DO UPDATE
    SET weight = weight + 1, first_claim = min(first_claim, excluded.first_claim);"""


def _person_remove(c: str) -> str:
    name = _NAME.format(c=c)
    return f"""
    UPDATE evidence_person_films SET weight = weight - 1
    WHERE {c}.person_id IS NOT NULL AND person_id = {c}.person_id AND film_id = {c}.film_id;
    DELETE FROM evidence_person_films
    WHERE person_id = {c}.person_id AND film_id = {c}.film_id AND weight <= 0;
    UPDATE evidence_person_names SET weight = weight - 1
    WHERE {c}.person_id IS NOT NULL AND person_id = {c}.person_id AND name = {name};
    DELETE FROM evidence_person_names
    WHERE person_id = {c}.person_id AND name = {name} AND weight <= 0;
    UPDATE evidence_person_names SET first_claim = (
        SELECT min(o.id) FROM claims o WHERE o.person_id = {c}.person_id AND o.id != {c}.id
        AND {_NAME.format(c="o")} = {name})
    WHERE person_id = {c}.person_id AND name = {name} AND first_claim = {c}.id;"""


EVIDENCE = Migration(
    "0006_resolution_evidence",
    f"""
CREATE TABLE film_evidence (
    film_id INTEGER NOT NULL,
    property TEXT NOT NULL,
    value TEXT NOT NULL,
    weight INTEGER NOT NULL,
    PRIMARY KEY (film_id, property, value)
) WITHOUT ROWID;
CREATE TABLE evidence_person_films (
    person_id INTEGER NOT NULL,
    film_id INTEGER NOT NULL,
    weight INTEGER NOT NULL,
    PRIMARY KEY (person_id, film_id)
) WITHOUT ROWID;
CREATE INDEX evidence_person_films_film ON evidence_person_films (film_id, person_id);
CREATE TABLE evidence_person_names (
    person_id INTEGER NOT NULL,
    name TEXT NOT NULL,
    first_claim INTEGER NOT NULL,
    weight INTEGER NOT NULL,
    PRIMARY KEY (person_id, name)
) WITHOUT ROWID;
CREATE TABLE resolve_pending (document_id INTEGER PRIMARY KEY);
CREATE INDEX claims_film_person ON claims (film_id, person_id);
CREATE TRIGGER claims_evidence_insert AFTER INSERT ON claims WHEN {_LIVE}
BEGIN {_film_add("NEW")} {_person_add("NEW")} END;
CREATE TRIGGER claims_evidence_delete AFTER DELETE ON claims WHEN {_LIVE}
BEGIN {_film_remove("OLD")} {_person_remove("OLD")} END;
CREATE TRIGGER claims_evidence_film AFTER UPDATE OF film_id ON claims
WHEN {_LIVE} AND OLD.film_id IS NOT NEW.film_id
BEGIN {_film_remove("OLD")} {_film_add("NEW")} END;
CREATE TRIGGER claims_evidence_person AFTER UPDATE OF person_id, film_id ON claims
WHEN {_LIVE} AND (OLD.person_id IS NOT NEW.person_id OR OLD.film_id IS NOT NEW.film_id)
BEGIN {_person_remove("OLD")} {_person_add("NEW")} END;
""",
    apply=lambda conn: recompute(conn),
)


# --- keeping it up to date in bulk -------------------------------------------------------


@contextmanager
def paused(conn: sqlite3.Connection) -> Iterator[None]:
    """Triggers off (inside the caller's transaction); ``recompute`` what was touched."""
    conn.execute("INSERT OR REPLACE INTO store_state (key, value) VALUES ('evidence_paused', '1')")
    try:
        yield
    finally:
        conn.execute("DELETE FROM store_state WHERE key = 'evidence_paused'")


def recompute(
    conn: sqlite3.Connection,
    film_ids: Iterable[int] | None = None,
    person_ids: Iterable[int] | None = None,
) -> None:
    """Rebuild the evidence rows of these films and persons (of every one when None)."""
    films = None if film_ids is None else sorted(set(film_ids))
    persons = None if person_ids is None else sorted(set(person_ids))
    for table, column, ids in (
        ("film_evidence", "film_id", films),
        ("evidence_person_films", "person_id", persons),
        ("evidence_person_names", "person_id", persons),
    ):
        for where, params in _chunks(column, ids):
            conn.execute(f"DELETE FROM {table} WHERE {where}", params)
    value = _FILM_VALUE.format(c="c")
    name = _NAME.format(c="c")
    for where, params in _chunks("c.film_id", films):
        conn.execute(
            "INSERT INTO film_evidence (film_id, property, value, weight)"
            f" SELECT c.film_id, c.property, {value}, count(*) FROM claims c"
            f" WHERE {where} AND c.property IN {_FILM_PROPS} AND {value} IS NOT NULL"
            " GROUP BY 1, 2, 3",
            params,
        )
        conn.execute(
            "INSERT INTO film_evidence (film_id, property, value, weight)"
            " SELECT c.film_id, 'year', c.value, count(DISTINCT c.document_id) FROM claims c"
            f" WHERE {where} AND c.property = 'year' GROUP BY 1, 3",
            params,
        )
    for where, params in _chunks("c.person_id", persons):
        conn.execute(
            "INSERT INTO evidence_person_films (person_id, film_id, weight)"
            " SELECT c.person_id, c.film_id, count(*) FROM claims c"
            f" WHERE {where} AND c.film_id IS NOT NULL GROUP BY 1, 2",
            params,
        )
        conn.execute(
            "INSERT INTO evidence_person_names (person_id, name, first_claim, weight)"
            f" SELECT c.person_id, {name}, min(c.id), count(*) FROM claims c"
            f" WHERE {where} AND {name} IS NOT NULL GROUP BY 1, 2",
            params,
        )


def _chunks(column: str, ids: list[int] | None, size: int = 500) -> Iterator[tuple[str, tuple]]:
    if ids is None:
        yield f"{column} IS NOT NULL", ()
        return
    for start in range(0, len(ids), size):
        part = ids[start : start + size]
        yield f"{column} IN ({','.join('?' for _ in part)})", tuple(part)


# --- reading it ---------------------------------------------------------------------------


@dataclass
class FilmEvidence:
    """A film's distinct titles, original titles, credited names and years (raw JSON)."""

    values: dict[str, list[str]] = field(default_factory=dict)  # property → JSON values
    years: list[tuple[str, int]] = field(default_factory=list)  # (JSON value, documents)


def film_evidence(conn: sqlite3.Connection, film_id: int) -> FilmEvidence:
    out = FilmEvidence()
    rows = conn.execute(
        "SELECT property, value, weight FROM film_evidence WHERE film_id = ?", (film_id,)
    )
    for prop, value, weight in rows:
        if prop == "year":
            out.years.append((value, weight))
        else:
            out.values.setdefault(prop, []).append(value)
    return out


def films_evidence(
    conn: sqlite3.Connection, film_ids: list[int], props: tuple[str, ...]
) -> list[sqlite3.Row]:
    """(film id, property, JSON value, weight) of some properties of several films."""
    if not film_ids:
        return []
    marks = ",".join("?" for _ in film_ids)
    pmarks = ",".join("?" for _ in props)
    return conn.execute(
        "SELECT film_id, property, value, weight FROM film_evidence"
        f" WHERE film_id IN ({marks}) AND property IN ({pmarks})",
        (*film_ids, *props),
    ).fetchall()


def person_films(conn: sqlite3.Connection, person_id: int) -> set[int]:
    rows = conn.execute(
        "SELECT film_id FROM evidence_person_films WHERE person_id = ?", (person_id,)
    )
    return {r[0] for r in rows}


def person_spellings(conn: sqlite3.Connection, person_id: int) -> list[str]:
    """A person's spellings, in the order of the first claim giving each."""
    rows = conn.execute(
        "SELECT name FROM evidence_person_names WHERE person_id = ? ORDER BY first_claim",
        (person_id,),
    )
    return [str(r[0]) for r in rows]


def coworkers_among(conn: sqlite3.Connection, person_id: int, others: set[int]) -> set[int]:
    """The persons of ``others`` credited in one of ``person_id``'s films: one indexed probe
    per (other, film of the smaller side), not every claim of every film."""
    if not others:
        return set()
    mine = person_films(conn, person_id)
    if not mine:
        return set()
    found: set[int] = set()
    for other in sorted(others - {person_id}):
        theirs = person_films(conn, other)
        if theirs & mine:
            found.add(other)
    return found


def store_counts(conn: sqlite3.Connection) -> dict[str, int]:
    """Rows per core table (documents, claims, films, persons, characters)."""
    tables = ("documents", "claims", "films", "persons", "characters")
    return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}
