"""The reads and writes of entity resolution: candidates by blocking key, entity links,
and the scope of a re-resolution (``affected_documents``).

``filmkb.resolve`` decides; every statement it needs is here, run inside the caller's
transaction. Candidate lists are ordered by entity id: within one connected group of
documents (see ``affected_documents``) ids are given in the canonical order.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from typing import Any

from filmkb.store.claims import USER_SOURCE

# --- films ---------------------------------------------------------------------------------


def film_candidates(conn: sqlite3.Connection, keys: set[str], year: int | None) -> list[int]:
    """Films sharing a title key; with a year, only films of that year ±1 or of no year."""
    keys = {k for k in keys if k}
    if not keys:
        return []
    marks = ",".join("?" for _ in keys)
    if year is None:
        rows = conn.execute(
            f"SELECT DISTINCT film_id FROM film_keys WHERE key IN ({marks}) ORDER BY film_id",
            tuple(sorted(keys)),
        )
    else:
        rows = conn.execute(
            f"SELECT film_id FROM film_keys WHERE key IN ({marks}) GROUP BY film_id"
            " HAVING max(year) IS NULL OR sum(year BETWEEN ? AND ?) > 0 ORDER BY film_id",
            (*sorted(keys), year - 1, year + 1),
        )
    return [r[0] for r in rows]


def add_film_keys(
    conn: sqlite3.Connection, film_id: int, keys: set[str], document_id: int, year: int | None
) -> None:
    conn.executemany(
        "INSERT INTO film_keys (key, film_id, document_id, year) VALUES (?, ?, ?, ?)",
        [(key, film_id, document_id, year) for key in sorted(keys) if key],
    )


def first_title(conn: sqlite3.Connection, film_id: int) -> str | None:
    """The title of the film's first title claim (as ``show`` names a film in a rule)."""
    row = conn.execute(
        "SELECT value FROM claims WHERE film_id = ? AND property = 'title' ORDER BY id LIMIT 1",
        (film_id,),
    ).fetchone()
    return json.loads(row[0]) if row else None


# --- persons -------------------------------------------------------------------------------


def person_by_pin(conn: sqlite3.Connection, pin: str) -> int | None:
    row = conn.execute("SELECT id FROM persons WHERE pin = ?", (pin,)).fetchone()
    return int(row[0]) if row else None


def unpinned_persons(conn: sqlite3.Connection, person_ids: list[int]) -> list[int]:
    """The persons of ``person_ids`` (in that order) that exist and carry no user pin."""
    if not person_ids:
        return []
    marks = ",".join("?" for _ in person_ids)
    rows = conn.execute(
        f"SELECT id FROM persons WHERE id IN ({marks}) AND pin IS NULL", tuple(person_ids)
    )
    keep = {r[0] for r in rows}
    return [p for p in person_ids if p in keep]


def link_persons(conn: sqlite3.Connection, links: Iterable[tuple[int, int, str]]) -> None:
    """Record ``(claim id, person id, rule)`` links on the claims."""
    conn.executemany(
        "UPDATE claims SET person_id = ?, person_rule = ? WHERE id = ?",
        [(person, rule, claim) for claim, person, rule in links],
    )


# --- characters ------------------------------------------------------------------------------


def link_character(conn: sqlite3.Connection, claim_id: int, character_id: int, rule: str) -> None:
    conn.execute(
        "UPDATE claims SET character_id = ?, character_rule = ? WHERE id = ?",
        (character_id, rule, claim_id),
    )


def character_by_pin(conn: sqlite3.Connection, pin: str, film_id: int) -> int | None:
    row = conn.execute(
        "SELECT id FROM characters WHERE pin = ? AND film_id = ?", (pin, film_id)
    ).fetchone()
    return int(row[0]) if row else None


def characters_played_by(conn: sqlite3.Connection, film_id: int, person_id: int) -> list[int]:
    """Unpinned characters of the film that this person is credited as playing."""
    rows = conn.execute(
        "SELECT DISTINCT c.character_id FROM claims c JOIN characters ch ON ch.id ="
        " c.character_id WHERE c.film_id = ? AND c.person_id = ? AND ch.pin IS NULL"
        " ORDER BY c.character_id",
        (film_id, person_id),
    )
    return [r[0] for r in rows]


def film_characters(conn: sqlite3.Connection, film_id: int) -> list[int]:
    rows = conn.execute(
        "SELECT id FROM characters WHERE film_id = ? AND pin IS NULL ORDER BY id", (film_id,)
    )
    return [r[0] for r in rows]


def characters_keyed_in_film(conn: sqlite3.Connection, keys: set[str], film_id: int) -> list[int]:
    """Unpinned characters of the film sharing a blocking key (the film is the block)."""
    keys = {k for k in keys if k}
    if not keys:
        return []
    marks = ",".join("?" for _ in keys)
    rows = conn.execute(
        "SELECT DISTINCT k.character_id FROM character_keys k JOIN characters c"
        f" ON c.id = k.character_id WHERE k.key IN ({marks}) AND c.film_id = ?"
        " AND c.pin IS NULL ORDER BY k.character_id",
        (*sorted(keys), film_id),
    )
    return [r[0] for r in rows]


def character_named_by(conn: sqlite3.Connection, character_id: int, document_id: int) -> bool:
    row = conn.execute(
        "SELECT 1 FROM claims WHERE character_id = ? AND document_id = ? LIMIT 1",
        (character_id, document_id),
    ).fetchone()
    return row is not None


def character_aliases(conn: sqlite3.Connection, character_id: int) -> list[str]:
    """The character's spellings, in the order of the first claim giving each."""
    rows = conn.execute(
        "SELECT json_extract(value, '$.character') AS name FROM claims WHERE character_id = ?"
        " GROUP BY name ORDER BY min(id)",
        (character_id,),
    )
    return [r[0] for r in rows if r[0]]


def character_actors(conn: sqlite3.Connection, character_id: int) -> set[int]:
    rows = conn.execute(
        "SELECT DISTINCT person_id FROM claims WHERE character_id = ? AND person_id IS NOT NULL",
        (character_id,),
    )
    return {r[0] for r in rows}


# --- the scope of a re-resolution ----------------------------------------------------------


def mark_pending(conn: sqlite3.Connection, document_ids: Iterable[int]) -> None:
    """Documents whose connected group must be resolved again in the canonical order."""
    conn.executemany(
        "INSERT OR IGNORE INTO resolve_pending (document_id) VALUES (?)",
        [(d,) for d in document_ids],
    )


def pending_documents(conn: sqlite3.Connection) -> list[int]:
    return [r[0] for r in conn.execute("SELECT document_id FROM resolve_pending ORDER BY 1")]


def clear_pending(conn: sqlite3.Connection) -> None:
    conn.execute("DELETE FROM resolve_pending")


def neighbour_documents(conn: sqlite3.Connection, document_id: int) -> set[int]:
    """Documents sharing a film or person blocking key with this one (itself excluded)."""
    rows = conn.execute(
        "SELECT k2.document_id FROM film_keys k1 JOIN film_keys k2 ON k2.key = k1.key"
        " WHERE k1.document_id = ? UNION"
        " SELECT k2.document_id FROM person_keys k1 JOIN person_keys k2 ON k2.key = k1.key"
        " WHERE k1.document_id = ?",
        (document_id, document_id),
    )
    return {r[0] for r in rows} - {document_id}


def connected_documents(
    conn: sqlite3.Connection,
    seeds: Iterable[int],
    skip: set[int] | None = None,
    limit: int | None = None,
) -> set[int] | None:
    """Every document connected to a seed through shared film or person blocking keys, or
    None once there are more than ``limit``.

    Two documents that share no key, directly or through others, never read each other's
    entities (a candidate is found only through a key), so such a group can be resolved
    again alone, in the canonical order, with the result a whole re-resolution would give.
    ``skip``: documents left out of the walk (imported knowledge bases)."""
    skip = skip or set()
    seen = {s for s in seeds if s not in skip}
    frontier = sorted(seen)
    walked: set[tuple[str, str]] = set()
    cap = -1 if limit is None else limit + len(skip) + 1  # rows read per key at most
    while frontier:
        if limit is not None and len(seen) > limit:
            return None
        batch, frontier = frontier[:50], frontier[50:]
        for table in ("film_keys", "person_keys"):
            for key in _keys_of(conn, table, batch):
                if (table, key) in walked:
                    continue
                walked.add((table, key))
                rows = conn.execute(
                    f"SELECT DISTINCT document_id FROM {table} WHERE key = ? LIMIT ?", (key, cap)
                )
                fresh = {r[0] for r in rows} - seen - skip
                seen |= fresh
                frontier.extend(sorted(fresh))
                if limit is not None and len(seen) > limit:
                    return None
    return seen


def _keys_of(conn: sqlite3.Connection, table: str, document_ids: list[int]) -> list[str]:
    marks = ",".join("?" for _ in document_ids)
    rows = conn.execute(
        f"SELECT DISTINCT key FROM {table} WHERE document_id IN ({marks})", document_ids
    )
    return [r[0] for r in rows]


def nearby_documents(
    conn: sqlite3.Connection, seeds: Iterable[int], skip: set[int], max_key_documents: int
) -> set[int]:
    """The seeds and the documents after a seed in the canonical order that share with it
    a key at most ``max_key_documents`` documents have (its title block, the people of few
    films; not a star's name, which hundreds of pages share)."""
    out: set[int] = set()
    for seed in seeds:
        if seed in skip:
            continue
        here = conn.execute("SELECT sha256, source FROM documents WHERE id = ?", (seed,)).fetchone()
        if here is None:
            continue
        out.add(seed)
        for table in ("film_keys", "person_keys"):
            for key in _keys_of(conn, table, [seed]):
                rows = conn.execute(
                    f"SELECT DISTINCT k.document_id, d.sha256, d.source FROM {table} k"
                    " JOIN documents d ON d.id = k.document_id WHERE k.key = ? LIMIT ?",
                    (key, max_key_documents + 1),
                ).fetchall()
                if len(rows) > max_key_documents:
                    continue
                out.update(r[0] for r in rows if r[0] not in skip and (r[1], r[2]) > tuple(here))
    return out


def canonical_order(conn: sqlite3.Connection, document_ids: Iterable[int]) -> list[int]:
    """Documents in the canonical order: by content hash, then source (not by arrival)."""
    ids = sorted(set(document_ids))
    rows: list[tuple[str, str, int]] = []
    for start in range(0, len(ids), 500):
        part = ids[start : start + 500]
        marks = ",".join("?" for _ in part)
        rows.extend(
            conn.execute(
                f"SELECT sha256, source, id FROM documents WHERE id IN ({marks}) AND source != ?",
                (*part, USER_SOURCE),
            )
        )
    return [r[2] for r in sorted(rows, key=tuple)]


def documents_of_kind(conn: sqlite3.Connection, kind: str) -> set[int]:
    return {r[0] for r in conn.execute("SELECT id FROM documents WHERE kind = ?", (kind,))}


def film_counts(conn: sqlite3.Connection, document_ids: list[int]) -> dict[int, int]:
    """Number of film mentions per document (its highest film index + 1)."""
    out: dict[int, int] = {}
    for start in range(0, len(document_ids), 500):
        part = document_ids[start : start + 500]
        marks = ",".join("?" for _ in part)
        for doc, top in conn.execute(
            f"SELECT document_id, max(film_index) FROM mentions WHERE document_id IN ({marks})"
            " GROUP BY document_id",
            part,
        ):
            out[doc] = top + 1
    return out


def unlink_documents(conn: sqlite3.Connection, document_ids: list[int]) -> tuple[set, set]:
    """Drop the resolution of these documents (their claims, mentions and keys) and the
    entities left without claims; (films, persons) they were linked to, for the evidence."""
    films: set[int] = set()
    persons: set[int] = set()
    for start in range(0, len(document_ids), 500):
        part = document_ids[start : start + 500]
        marks = ",".join("?" for _ in part)
        for film, person in conn.execute(
            f"SELECT DISTINCT film_id, person_id FROM claims WHERE document_id IN ({marks})",
            part,
        ):
            if film is not None:
                films.add(film)
            if person is not None:
                persons.add(person)
        films.update(
            r[0]
            for r in conn.execute(
                f"SELECT DISTINCT film_id FROM mentions WHERE document_id IN ({marks})"
                " AND film_id IS NOT NULL",
                part,
            )
        )
        conn.execute(
            "UPDATE claims SET film_id = NULL, person_id = NULL, person_rule = NULL,"
            f" character_id = NULL, character_rule = NULL WHERE document_id IN ({marks})",
            part,
        )
        for table in ("mentions", "film_keys", "person_keys", "character_keys"):
            conn.execute(f"DELETE FROM {table} WHERE document_id IN ({marks})", part)
    return films, persons


def delete_claims(conn: sqlite3.Connection, document_id: int) -> None:
    conn.execute("DELETE FROM claims WHERE document_id = ?", (document_id,))


def remove_unused(conn: sqlite3.Connection, films: Iterable[int], persons: Iterable[int]) -> None:
    """Delete these films and persons (and characters of the films) left without claims."""
    film_ids = sorted(set(films))
    for start in range(0, len(film_ids), 500):
        part = film_ids[start : start + 500]
        marks = ",".join("?" for _ in part)
        conn.execute(
            f"DELETE FROM characters WHERE film_id IN ({marks}) AND id NOT IN"
            " (SELECT character_id FROM claims WHERE character_id IS NOT NULL"
            f" AND film_id IN ({marks}))",
            (*part, *part),
        )
        conn.execute(
            f"DELETE FROM films WHERE id IN ({marks})"
            " AND NOT EXISTS (SELECT 1 FROM claims c WHERE c.film_id = films.id)"
            " AND NOT EXISTS (SELECT 1 FROM mentions m WHERE m.film_id = films.id)",
            part,
        )
    person_ids = sorted(set(persons))
    for start in range(0, len(person_ids), 500):
        part = person_ids[start : start + 500]
        marks = ",".join("?" for _ in part)
        conn.execute(
            f"DELETE FROM persons WHERE id IN ({marks})"
            " AND NOT EXISTS (SELECT 1 FROM claims c WHERE c.person_id = persons.id)",
            part,
        )


def claim_count(conn: sqlite3.Connection, document_id: int) -> int:
    return int(
        conn.execute(
            "SELECT count(*) FROM claims WHERE document_id = ?", (document_id,)
        ).fetchone()[0]
    )


def clear_resolution(conn: sqlite3.Connection) -> None:
    """Forget every entity and link (a whole re-resolution starts from nothing)."""
    conn.execute(
        "UPDATE claims SET film_id = NULL, person_id = NULL, person_rule = NULL,"
        " character_id = NULL, character_rule = NULL"
    )
    for table in ("mentions", "film_keys", "person_keys", "character_keys"):
        conn.execute(f"DELETE FROM {table}")
    for table in ("characters", "persons", "films"):
        conn.execute(f"DELETE FROM {table}")


def document_rows(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    rows = conn.execute("SELECT id, source, sha256, kind, ingested_at FROM documents ORDER BY id")
    return [dict(r) for r in rows]
