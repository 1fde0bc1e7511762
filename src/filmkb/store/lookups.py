"""Small reads for browsing (the web pages): film titles in bulk, people, documents, search.

These are cheap SQL lookups that do not build a whole film record, so that a list of 50
films out of 10,000 costs a few queries. The film record itself stays in ``records``.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from typing import Any

from filmkb.resolve.names import normalize_name, person_keys, title_key
from filmkb.store.records import weight

Row = dict[str, Any]
PREFIX_END = "\U0010ffff"


def count_films(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT count(*) FROM films").fetchone()[0]


def film_ids_page(conn: sqlite3.Connection, limit: int, offset: int = 0) -> list[int]:
    rows = conn.execute("SELECT id FROM films ORDER BY id LIMIT ? OFFSET ?", (limit, offset))
    return [r[0] for r in rows]


def film_titles(conn: sqlite3.Connection, film_ids: list[int]) -> dict[int, Row]:
    """``{film_id: {"title", "year"}}``: the best-supported title and year (kind-weighted)."""
    out: dict[int, Row] = {f: {"title": None, "year": None} for f in film_ids}
    if not film_ids:
        return out
    marks = ",".join("?" for _ in film_ids)
    rows = conn.execute(
        "SELECT c.film_id, c.property, c.value, c.document_id, d.kind FROM claims c"
        " JOIN documents d ON d.id = c.document_id"
        f" WHERE c.film_id IN ({marks}) AND c.property IN ('title', 'year')",
        tuple(film_ids),
    )
    scores: dict[tuple[int, str], dict[Any, dict[int, float]]] = defaultdict(dict)
    for film_id, prop, raw, doc_id, kind in rows:
        value = json.loads(raw)
        if prop == "year":
            try:
                value = int(str(value)[:4])
            except ValueError:
                continue
        scores[(film_id, prop)].setdefault(value, {})[doc_id] = weight(kind)
    for (film_id, prop), by_value in scores.items():
        best = max(by_value.items(), key=lambda kv: (sum(kv[1].values()), -min(kv[1])))
        out[film_id][prop] = best[0]
    return out


def film_exists(conn: sqlite3.Connection, film_id: int) -> bool:
    return conn.execute("SELECT 1 FROM films WHERE id = ?", (film_id,)).fetchone() is not None


def search_film_ids(conn: sqlite3.Connection, text: str, limit: int = 50) -> list[int]:
    """Films with a title (any stored spelling) equal to, then starting with, the text."""
    key = title_key(text)
    if not key:
        return []
    found = exact_film_ids(conn, key)
    rows = conn.execute(  # in key order along the index: shorter titles first, stops early
        "SELECT film_id FROM film_keys WHERE key > ? AND key < ? ORDER BY key LIMIT ?",
        (key, key + PREFIX_END, limit * 4),
    )
    found += [r[0] for r in rows]
    return list(dict.fromkeys(found))[:limit]


def exact_film_ids(conn: sqlite3.Connection, key: str) -> list[int]:
    """Films with a stored title whose ``title_key`` is ``key``."""
    rows = conn.execute(
        "SELECT DISTINCT film_id FROM film_keys WHERE key = ? ORDER BY film_id", (key,)
    )
    return [r[0] for r in rows]


def search_person_ids(conn: sqlite3.Connection, text: str, limit: int = 50) -> list[int]:
    """People whose blocking keys meet the text's (any romanization / name order)."""
    if not normalize_name(text):
        return []
    keys = person_keys(text)
    marks = ",".join("?" for _ in keys)
    rows = conn.execute(
        f"SELECT DISTINCT person_id FROM person_keys WHERE key IN ({marks})"
        " UNION SELECT DISTINCT person_id FROM person_keys WHERE key >= ? AND key < ?"
        " ORDER BY 1 LIMIT ?",
        (*keys, "n:" + normalize_name(text), "n:" + normalize_name(text) + PREFIX_END, limit),
    )
    return [r[0] for r in rows]


def person_claims(conn: sqlite3.Connection, person_id: int) -> list[Row]:
    """Every credit claim of one person, with its document (oldest first)."""
    rows = conn.execute(
        "SELECT c.id, c.film_id, c.property, c.value, c.person_rule, c.character_id,"
        " c.document_id, d.source, d.kind FROM claims c JOIN documents d ON d.id = c.document_id"
        " WHERE c.person_id = ? ORDER BY c.id",
        (person_id,),
    )
    out = []
    for row in rows:
        item = dict(row)
        item["value"] = json.loads(item["value"])
        out.append(item)
    return out


def character_claims(conn: sqlite3.Connection, character_id: int) -> list[Row]:
    rows = conn.execute(
        "SELECT c.id, c.film_id, c.value, c.person_id, c.character_rule, c.document_id, d.source"
        " FROM claims c JOIN documents d ON d.id = c.document_id"
        " WHERE c.character_id = ? ORDER BY c.id",
        (character_id,),
    )
    out = []
    for row in rows:
        item = dict(row)
        item["value"] = json.loads(item["value"])
        out.append(item)
    return out


def document(conn: sqlite3.Connection, document_id: int) -> Row | None:
    row = conn.execute(
        "SELECT id, source, sha256, kind, media_type, title, text, ingested_at"
        " FROM documents WHERE id = ?",
        (document_id,),
    ).fetchone()
    return dict(row) if row else None


def document_text(conn: sqlite3.Connection, source: str) -> str:
    """The stored text of the document with this source ("" when there is none)."""
    row = conn.execute("SELECT text FROM documents WHERE source = ?", (source,)).fetchone()
    return str(row[0]) if row else ""


def document_claims(conn: sqlite3.Connection, document_id: int) -> list[Row]:
    rows = conn.execute(
        'SELECT id, film_id, property, value, start, "end", extractor, version, confidence,'
        " inferred, person_id, character_id FROM claims WHERE document_id = ? ORDER BY start, id",
        (document_id,),
    )
    out = []
    for row in rows:
        item = dict(row)
        item["value"] = json.loads(item["value"])
        item["inferred"] = bool(item["inferred"])
        out.append(item)
    return out


def document_ids(conn: sqlite3.Connection, sources: list[str]) -> dict[str, int]:
    """``{source: document id}`` for the given sources."""
    if not sources:
        return {}
    marks = ",".join("?" for _ in sources)
    rows = conn.execute(f"SELECT source, id FROM documents WHERE source IN ({marks})", sources)
    return {r[0]: r[1] for r in rows}


def person_spelled(conn: sqlite3.Connection, name: str) -> bool:
    """Does a stored credit spell a person's name so (case and spacing aside)?"""
    row = conn.execute(
        "SELECT 1 FROM claims WHERE person_id IS NOT NULL AND lower(CASE"
        " WHEN json_type(value) = 'object' THEN json_extract(value, '$.actor')"
        " ELSE json_extract(value, '$') END) = lower(?) LIMIT 1",
        (" ".join(name.split()),),
    ).fetchone()
    return row is not None
