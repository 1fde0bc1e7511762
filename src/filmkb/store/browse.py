"""Paged reads for the web: documents a page at a time, characters' display names.

Everything here is bounded by its ``limit`` so that a page of a 100,000-document store
costs what a page of a 5-document store costs.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from filmkb.store import summaries
from filmkb.store.records import _display

Row = dict[str, Any]


def count_documents(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT count(*) FROM documents").fetchone()[0]


def documents_page(conn: sqlite3.Connection, limit: int, offset: int = 0) -> list[Row]:
    """id, source, sha256, kind, ingested_at of ``limit`` documents in id order."""
    rows = conn.execute(
        "SELECT id, source, sha256, kind, ingested_at FROM documents ORDER BY id LIMIT ? OFFSET ?",
        (limit, offset),
    )
    return [dict(r) for r in rows]


def count_people(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT count(*) FROM persons").fetchone()[0]


def person_ids_page(conn: sqlite3.Connection, limit: int, offset: int = 0) -> list[int]:
    rows = conn.execute("SELECT id FROM persons ORDER BY id LIMIT ? OFFSET ?", (limit, offset))
    return [r[0] for r in rows]


def character_names(conn: sqlite3.Connection, character_ids: list[int]) -> dict[int, str]:
    """``{character id: display name}``: the merged name the film record shows."""
    out: dict[int, str] = {}
    ids = sorted(set(character_ids))
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" for _ in chunk)
        rows = conn.execute(
            "SELECT c.character_id, c.value, c.document_id, d.kind FROM claims c"
            f" JOIN documents d ON d.id = c.document_id WHERE c.character_id IN ({marks})",
            chunk,
        )
        named: dict[int, list[tuple[str, Row]]] = {}
        for character_id, raw, doc_id, kind in rows:
            value = json.loads(raw)
            if isinstance(value, dict) and value.get("character"):
                claim = {"document_id": doc_id, "kind": kind}
                named.setdefault(character_id, []).append((str(value["character"]), claim))
        out.update({c: _display(names) for c, names in named.items()})
    return out


def character_films(conn: sqlite3.Connection, character_ids: list[int]) -> dict[int, int]:
    """``{character id: film id}``."""
    ids = sorted(set(character_ids))
    if not ids:
        return {}
    marks = ",".join("?" for _ in ids)
    rows = conn.execute(f"SELECT id, film_id FROM characters WHERE id IN ({marks})", ids)
    return {r[0]: r[1] for r in rows}


def character_actors(conn: sqlite3.Connection, character_ids: list[int]) -> dict[int, list[int]]:
    """``{character id: [person ids]}`` of the actors credited with the character."""
    ids = sorted(set(character_ids))
    if not ids:
        return {}
    marks = ",".join("?" for _ in ids)
    rows = conn.execute(
        "SELECT DISTINCT character_id, person_id FROM claims"
        f" WHERE character_id IN ({marks}) AND person_id IS NOT NULL ORDER BY 1, 2",
        ids,
    )
    out: dict[int, list[int]] = {}
    for character_id, person_id in rows:
        out.setdefault(character_id, []).append(person_id)
    return out


def document_head(conn: sqlite3.Connection, document_id: int) -> Row | None:
    """A document's fields and text length, without its text."""
    row = conn.execute(
        "SELECT id, source, sha256, kind, media_type, title, ingested_at, length(text) AS length"
        " FROM documents WHERE id = ?",
        (document_id,),
    ).fetchone()
    return dict(row) if row else None


def document_text(conn: sqlite3.Connection, document_id: int, start: int, end: int) -> str:
    """Characters ``start``–``end`` of a document's text."""
    row = conn.execute(
        "SELECT substr(text, ?, ?) FROM documents WHERE id = ?",
        (start + 1, max(0, end - start), document_id),
    ).fetchone()
    return str(row[0]) if row and row[0] is not None else ""


def window_claims(
    conn: sqlite3.Connection, document_id: int, start: int, end: int, limit: int
) -> tuple[list[Row], int]:
    """(claims with a span inside ``start``–``end`` or with no span, at most ``limit``; the
    number of all the document's claims)."""
    total = conn.execute(
        "SELECT count(*) FROM claims WHERE document_id = ?", (document_id,)
    ).fetchone()[0]
    rows = conn.execute(
        'SELECT id, film_id, property, value, start, "end", extractor, version, confidence,'
        " inferred, person_id, character_id FROM claims WHERE document_id = ?"
        ' AND (start IS NULL OR (start >= ? AND "end" <= ?)) ORDER BY start, id LIMIT ?',
        (document_id, start, end, limit),
    )
    out = []
    for row in rows:
        item = dict(row)
        item["value"] = json.loads(item["value"])
        item["inferred"] = bool(item["inferred"])
        out.append(item)
    return out, total


# --- people: a page of a filmography --------------------------------------------------------


def person_film_ids(conn: sqlite3.Connection, person_id: int, limit: int, offset: int) -> list[int]:
    """A page of the films a person is credited in: newest first, films without a year last,
    then by title (the film heads), then in the order the person was first credited."""
    if not summaries.is_fresh(conn):
        return _computed_person_film_ids(conn, person_id)[offset : offset + limit]
    rows = conn.execute(  # an index range (``person_films_order``)
        "SELECT film_id FROM person_films WHERE person_id = ?"
        " ORDER BY no_year, year DESC, title, first_claim LIMIT ? OFFSET ?",
        (person_id, limit, offset),
    )
    return [r[0] for r in rows]


def person_film_titles(conn: sqlite3.Connection, person_id: int, limit: int) -> list[str]:
    """The titles of a person's first ``limit`` films (``person_film_ids`` order)."""
    if not summaries.is_fresh(conn):
        ids = _computed_person_film_ids(conn, person_id)[:limit]
        heads = summaries.computed_film_heads(conn, ids)
        return [heads[f]["title"] or f"film {f}" for f in ids]
    rows = conn.execute(
        "SELECT title FROM person_films WHERE person_id = ?"
        " ORDER BY no_year, year DESC, title, first_claim LIMIT ?",
        (person_id, limit),
    )
    return [r[0] for r in rows]


def _computed_person_film_ids(conn: sqlite3.Connection, person_id: int) -> list[int]:
    rows = conn.execute(
        "SELECT film_id FROM claims WHERE person_id = ? AND film_id IS NOT NULL"
        " GROUP BY film_id ORDER BY min(id)",
        (person_id,),
    )
    ids = [r[0] for r in rows]
    heads = summaries.computed_film_heads(conn, ids)

    def key(film_id: int) -> tuple:
        year, title = heads[film_id]["year"], heads[film_id]["title"] or f"film {film_id}"
        return (year is None, -(year or 0), title)

    return sorted(ids, key=key)


def person_film_claims(conn: sqlite3.Connection, person_id: int, film_ids: list[int]) -> list[Row]:
    """The person's credit claims in these films (with their document's source), oldest first."""
    ids = sorted(set(film_ids))
    if not ids:
        return []
    marks = ",".join("?" for _ in ids)
    rows = conn.execute(
        "SELECT c.id, c.film_id, c.property, c.value, c.character_id, c.document_id, d.source"
        " FROM claims c JOIN documents d ON d.id = c.document_id"
        f" WHERE c.person_id = ? AND c.film_id IN ({marks}) ORDER BY c.film_id, c.id",
        (person_id, *ids),
    )  # (ordered by film: SQLite then seeks each film in ``claims_person_film``)
    out = []
    for row in rows:
        item = dict(row)
        item["value"] = json.loads(item["value"])
        out.append(item)
    return sorted(out, key=lambda c: c["id"])


def person_names(conn: sqlite3.Connection, person_ids: list[int]) -> dict[int, str]:
    """``{person id: the name shown}`` (as the film record shows it)."""
    ids = sorted(set(person_ids))
    if not summaries.is_fresh(conn):
        spellings = summaries.computed_spellings(conn, ids)
        return {p: summaries.shown_spelling(s).name for p, s in spellings.items() if s}
    out: dict[int, str] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" for _ in chunk)
        rows = conn.execute(
            f"SELECT person_id, name FROM person_heads WHERE person_id IN ({marks})", chunk
        )
        out.update({r[0]: r[1] for r in rows})
    return out


def most_credited_people(conn: sqlite3.Connection, limit: int = 1) -> list[int]:
    """The people credited in the most films, most first (a scan of the person heads: for
    reports and benchmarks, not for pages)."""
    rows = conn.execute(
        "SELECT person_id FROM person_heads ORDER BY films DESC, person_id LIMIT ?", (limit,)
    )
    return [r[0] for r in rows]
