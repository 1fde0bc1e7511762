"""Keeping ``store.summaries`` current: ``refresh(conn, after_claim, reused)`` runs at the
end of every write transaction (``search.sync_index`` calls it), in bounded work per new
claim:

* claims added since the last sync (found by id) are *added* to the sums: a new document's
  weight joins its spelling's score (``person_names``) and its title's or year's score
  (``film_values``, from which the head is chosen); a person's film count and filmography
  grow by the films not credited before (an indexed probe). A film in its 500th page costs
  what it cost in its first;
* films and persons whose older claims changed links or went (triggers note them in
  ``summary_dirty``: merges, splits, forgets, re-resolution) are computed again from their
  claims, as are those of a document that already had claims before the sync.

``refresh_all`` builds everything from the claims (migration ``0008_read_summaries``).
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from filmkb.store.db import Migration
from filmkb.store.summaries import (
    _NAME,
    CHUNK,
    MAX_RULES,
    Spelling,
    _best_values,
    _film_values,
    computed_spellings,
    quote_of,
    shown_spelling,
    spellings_of,
    stored_spellings,
)

# The claims added since the last sync are a range of ids: read them along the table, never
# through an index on film_id / person_id / document_id (which SQLite otherwise picks for
# "film_id IS NOT NULL" and which would visit every claim of the store).
NEW_ONLY = "NOT INDEXED"

SUMMARIES = Migration(
    "0008_read_summaries",
    """
ALTER TABLE claims ADD COLUMN quote TEXT;
CREATE INDEX claims_person_film ON claims (person_id, film_id);
CREATE TABLE film_heads (
    film_id INTEGER PRIMARY KEY,
    title TEXT,
    year INTEGER,
    slug TEXT NOT NULL
);
CREATE INDEX film_heads_slug ON film_heads (slug);
CREATE TABLE film_values (
    film_id INTEGER NOT NULL,
    property TEXT NOT NULL,
    value TEXT NOT NULL,
    score REAL NOT NULL,
    first_document INTEGER NOT NULL,
    first_claim INTEGER NOT NULL,
    PRIMARY KEY (film_id, property, value)
) WITHOUT ROWID;
CREATE TABLE person_heads (
    person_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    documents INTEGER NOT NULL,
    films INTEGER NOT NULL
);
CREATE TABLE person_names (
    person_id INTEGER NOT NULL,
    name TEXT NOT NULL,
    first_claim INTEGER NOT NULL,
    documents INTEGER NOT NULL,
    score REAL NOT NULL,
    best_weight REAL NOT NULL,
    rules TEXT NOT NULL,
    PRIMARY KEY (person_id, name)
) WITHOUT ROWID;
CREATE TABLE person_films (
    person_id INTEGER NOT NULL,
    film_id INTEGER NOT NULL,
    no_year INTEGER NOT NULL,
    year INTEGER,
    title TEXT NOT NULL,
    first_claim INTEGER NOT NULL,
    PRIMARY KEY (person_id, film_id)
) WITHOUT ROWID;
CREATE INDEX person_films_order ON person_films (person_id, no_year, year DESC, title, first_claim);
CREATE INDEX person_films_film ON person_films (film_id);
CREATE TABLE summary_dirty (
    entity TEXT NOT NULL,
    entity_id INTEGER NOT NULL,
    PRIMARY KEY (entity, entity_id)
) WITHOUT ROWID;
CREATE TRIGGER claims_summary_moved AFTER UPDATE OF film_id, person_id, person_rule ON claims
WHEN (old.film_id IS NOT new.film_id OR old.person_id IS NOT new.person_id
  OR old.person_rule IS NOT new.person_rule)
  AND old.id <= (SELECT synced_claim FROM search_state)
BEGIN
    INSERT OR IGNORE INTO summary_dirty SELECT 'film', old.film_id WHERE old.film_id IS NOT NULL;
    INSERT OR IGNORE INTO summary_dirty SELECT 'film', new.film_id WHERE new.film_id IS NOT NULL;
    INSERT OR IGNORE INTO summary_dirty
        SELECT 'person', old.person_id WHERE old.person_id IS NOT NULL;
    INSERT OR IGNORE INTO summary_dirty
        SELECT 'person', new.person_id WHERE new.person_id IS NOT NULL;
END;
CREATE TRIGGER claims_summary_gone AFTER DELETE ON claims BEGIN
    INSERT OR IGNORE INTO summary_dirty SELECT 'film', old.film_id WHERE old.film_id IS NOT NULL;
    INSERT OR IGNORE INTO summary_dirty
        SELECT 'person', old.person_id WHERE old.person_id IS NOT NULL;
END;
""",
    apply=lambda conn: refresh_all(conn),
)


# --- keeping them current --------------------------------------------------------------------


def refresh(conn: sqlite3.Connection, after_claim: int, reused: Iterable[int] = ()) -> None:
    """Bring the summaries up to date with the claims above ``after_claim`` (the last claim
    summarized), the new claims in ``reused`` (ids of deleted claims that SQLite gave to new
    ones) and the films and persons noted dirty; inside the caller's transaction."""
    if not _has_tables(conn):
        return
    reused = sorted(reused)
    fill_quotes(conn, min([after_claim, *(r - 1 for r in reused)]))
    whole: dict[str, set[int]] = {"film": set(), "person": set()}
    for entity, entity_id in conn.execute("SELECT entity, entity_id FROM summary_dirty"):
        whole[entity].add(entity_id)
    conn.execute("DELETE FROM summary_dirty")
    for start in range(0, len(reused), CHUNK):  # rare: their entities are computed again
        chunk = reused[start : start + CHUNK]
        marks = ",".join("?" for _ in chunk)
        for film, person in conn.execute(
            f"SELECT film_id, person_id FROM claims WHERE id IN ({marks})", chunk
        ):
            whole["film"].add(film)
            whole["person"].add(person)
    new = conn.execute(
        "SELECT DISTINCT document_id, film_id, person_id FROM claims NOT INDEXED WHERE id > ?",
        (after_claim,),
    ).fetchall()
    docs = {doc for doc, _, _ in new}
    older = {doc for doc in docs if _has_claims_up_to(conn, doc, after_claim)}
    for doc, film, person in new:
        if doc in older:  # a document that grew: its entities are computed again
            whole["film"].add(film)
            whole["person"].add(person)
    films = {f for _, f, _ in new if f is not None} - whole["film"]
    persons = {p for _, _, p in new if p is not None} - whole["person"]
    refresh_films(conn, sorted(whole["film"] - {None}))
    refresh_persons(conn, sorted(whole["person"] - {None}))
    _add_film_claims(conn, after_claim, films)
    _add_person_claims(conn, after_claim, persons)


def refresh_all(conn: sqlite3.Connection) -> None:
    """Build every summary from the claims (the migration; a repair tool)."""
    conn.execute("DELETE FROM summary_dirty")
    fill_quotes(conn, 0)
    refresh_films(conn, [r[0] for r in conn.execute("SELECT id FROM films ORDER BY id")])
    persons = conn.execute("SELECT DISTINCT person_id FROM claims WHERE person_id IS NOT NULL")
    refresh_persons(conn, [r[0] for r in persons])


def _has_claims_up_to(conn: sqlite3.Connection, document_id: int, claim_id: int) -> bool:
    row = conn.execute(
        "SELECT 1 FROM claims WHERE document_id = ? AND id <= ? LIMIT 1", (document_id, claim_id)
    ).fetchone()
    return row is not None


def fill_quotes(conn: sqlite3.Connection, after_claim: int) -> None:
    """Store the quote of every claim above ``after_claim`` that has none: each document's
    text is read once and sliced here (SQLite's ``substr`` walks a text from its start)."""
    docs = [
        r[0]
        for r in conn.execute(
            "SELECT DISTINCT document_id FROM claims NOT INDEXED WHERE id > ? AND quote IS NULL",
            (after_claim,),
        )
    ]
    for doc in docs:
        row = conn.execute("SELECT text FROM documents WHERE id = ?", (doc,)).fetchone()
        text = str(row[0] or "") if row else ""
        claims = conn.execute(
            'SELECT id, start, "end" FROM claims WHERE document_id = ? AND id > ?'
            " AND quote IS NULL",
            (doc, after_claim),
        ).fetchall()
        conn.executemany(
            "UPDATE claims SET quote = ? WHERE id = ?",
            [(quote_of(text, start, end), claim_id) for claim_id, start, end in claims],
        )


def refresh_films(conn: sqlite3.Connection, film_ids: list[int]) -> None:
    """Compute the films' values and heads again from their claims."""
    for start in range(0, len(film_ids), CHUNK):
        chunk = film_ids[start : start + CHUNK]
        marks = ",".join("?" for _ in chunk)
        conn.execute(f"DELETE FROM film_values WHERE film_id IN ({marks})", chunk)
        values = _film_values(conn, f"c.film_id IN ({marks})", chunk)
        conn.executemany(
            "INSERT INTO film_values (film_id, property, value, score, first_document,"
            " first_claim) VALUES (?, ?, ?, ?, ?, ?)",
            [(f, p, json.dumps(v, sort_keys=True), *sums) for (f, p, v), sums in values.items()],
        )
        _write_film_heads(conn, chunk)


def _add_film_claims(conn: sqlite3.Connection, after_claim: int, film_ids: set[int]) -> None:
    """Add the titles and years of the claims above ``after_claim`` (documents new to these
    films) to the films' sums; write their heads again."""
    if not film_ids:
        return
    values = _film_values(conn, "c.id > ? AND c.film_id IS NOT NULL", [after_claim], NEW_ONLY)
    conn.executemany(
        "INSERT INTO film_values (film_id, property, value, score, first_document, first_claim)"
        " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (film_id, property, value) DO UPDATE SET"
        " score = score + excluded.score,"
        " first_document = min(first_document, excluded.first_document),"
        " first_claim = min(first_claim, excluded.first_claim)",
        [
            (f, p, json.dumps(v, sort_keys=True), *sums)
            for (f, p, v), sums in values.items()
            if f in film_ids
        ],
    )
    ordered = sorted(film_ids)
    for start in range(0, len(ordered), CHUNK):
        _write_film_heads(conn, ordered[start : start + CHUNK])


def _write_film_heads(conn: sqlite3.Connection, film_ids: list[int]) -> None:
    """Write the heads of these films from their stored values (films gone: no head)."""
    marks = ",".join("?" for _ in film_ids)
    existing = [r[0] for r in conn.execute(f"SELECT id FROM films WHERE id IN ({marks})", film_ids)]
    rows = conn.execute(
        "SELECT film_id, property, value, score, first_document, first_claim FROM film_values"
        f" WHERE film_id IN ({marks})",
        film_ids,
    )
    values = {(r[0], r[1], json.loads(r[2])): (r[3], r[4], r[5]) for r in rows}
    heads = _best_values(values, existing)
    old = {
        r[0]: (r[1], r[2])
        for r in conn.execute(
            f"SELECT film_id, title, year FROM film_heads WHERE film_id IN ({marks})", film_ids
        )
    }
    conn.execute(f"DELETE FROM film_heads WHERE film_id IN ({marks})", film_ids)
    conn.executemany(
        "INSERT INTO film_heads (film_id, title, year, slug) VALUES (?, ?, ?, ?)",
        [(f, h["title"], h["year"], h["slug"]) for f, h in heads.items()],
    )
    conn.executemany(  # the filmographies listing a film whose head changed
        "UPDATE person_films SET no_year = ?, year = ?, title = ? WHERE film_id = ?",
        [
            (h["year"] is None, h["year"], _listed_title(f, h["title"]), f)
            for f, h in heads.items()
            if old.get(f) != (h["title"], h["year"])
        ],
    )
    gone = [(f,) for f in film_ids if f not in heads]
    conn.executemany("DELETE FROM person_films WHERE film_id = ?", gone)


def _listed_title(film_id: int, title: Any) -> str:
    """The title a list shows (``film 17`` when the film has none)."""
    return str(title) if title else f"film {film_id}"


# a person's films with their heads, as ``person_films`` rows (``{where}`` on claims ``c``)
_PERSON_FILMS = """
INSERT OR IGNORE INTO person_films (person_id, film_id, no_year, year, title, first_claim)
SELECT c.person_id, c.film_id, h.year IS NULL, h.year,
       coalesce(nullif(h.title, ''), 'film ' || c.film_id), min(c.id)
FROM claims c {hint} LEFT JOIN film_heads h ON h.film_id = c.film_id
WHERE {where} AND c.person_id IS NOT NULL AND c.film_id IS NOT NULL
GROUP BY c.person_id, c.film_id"""


def refresh_persons(conn: sqlite3.Connection, person_ids: list[int]) -> None:
    for start in range(0, len(person_ids), CHUNK):
        chunk = person_ids[start : start + CHUNK]
        marks = ",".join("?" for _ in chunk)
        conn.execute(f"DELETE FROM person_names WHERE person_id IN ({marks})", chunk)
        conn.execute(f"DELETE FROM person_heads WHERE person_id IN ({marks})", chunk)
        conn.execute(f"DELETE FROM person_films WHERE person_id IN ({marks})", chunk)
        conn.execute(_PERSON_FILMS.format(hint="", where=f"c.person_id IN ({marks})"), chunk)
        counts = {
            r[0]: (r[1], r[2])
            for r in conn.execute(
                "SELECT person_id, count(DISTINCT document_id), count(DISTINCT film_id)"
                f" FROM claims WHERE person_id IN ({marks}) GROUP BY person_id",
                chunk,
            )
        }
        spellings = computed_spellings(conn, chunk)
        names, heads = [], []
        for pid, (docs, films) in counts.items():
            mine = spellings.get(pid, [])
            shown = shown_spelling(mine).name if mine else f"person {pid}"
            heads.append((pid, shown, docs, films))
            names += [_spelling_row(pid, s) for s in mine]
        conn.executemany(
            "INSERT INTO person_heads (person_id, name, documents, films) VALUES (?, ?, ?, ?)",
            heads,
        )
        conn.executemany(
            "INSERT INTO person_names (person_id, name, first_claim, documents, score,"
            " best_weight, rules) VALUES (?, ?, ?, ?, ?, ?, ?)",
            names,
        )


def _add_person_claims(conn: sqlite3.Connection, after_claim: int, person_ids: set[int]) -> None:
    """Add the claims above ``after_claim`` (documents new to these persons) to their
    spellings and heads: the new documents join the sums, the new films the film count."""
    if not person_ids:
        return
    rows = conn.execute(
        f"SELECT c.person_id, {_NAME}, c.person_rule, c.document_id, d.kind, min(c.id)"
        f" FROM claims c {NEW_ONLY} JOIN documents d ON d.id = c.document_id"
        " WHERE c.id > ? AND c.person_id IS NOT NULL GROUP BY 1, 2, 3, 4",
        (after_claim,),
    )
    added: dict[int, list[tuple]] = defaultdict(list)
    new_docs: dict[int, set[int]] = defaultdict(set)
    for pid, name, rule, doc, kind, first in rows:
        if pid in person_ids:
            new_docs[pid].add(doc)
            if name is not None and str(name):
                added[pid].append((str(name), rule, doc, kind, first))
    new_films: dict[int, set[int]] = defaultdict(set)
    for pid, film in conn.execute(
        f"SELECT DISTINCT person_id, film_id FROM claims {NEW_ONLY} WHERE id > ?"
        " AND person_id IS NOT NULL"
        " AND film_id IS NOT NULL",
        (after_claim,),
    ):
        if pid in person_ids:
            new_films[pid].add(film)
    ordered = sorted(person_ids)
    for start in range(0, len(ordered), CHUNK):
        chunk = ordered[start : start + CHUNK]
        stored = stored_spellings(conn, chunk)
        marks = ",".join("?" for _ in chunk)
        heads = {
            r[0]: (r[1], r[2])
            for r in conn.execute(
                "SELECT person_id, documents, films FROM person_heads"
                f" WHERE person_id IN ({marks})",
                chunk,
            )
        }
        names, head_rows = [], []
        for pid in chunk:
            spellings = _merged(stored.get(pid, []), spellings_of(added.get(pid, [])))
            docs, films = heads.get(pid, (0, 0))
            fresh_films = new_films.get(pid, set())
            if pid in heads:  # films credited before are not counted twice
                fresh_films = {f for f in fresh_films if not _credited(conn, pid, f, after_claim)}
            shown = shown_spelling(spellings).name if spellings else f"person {pid}"
            head_rows.append(
                (pid, shown, docs + len(new_docs.get(pid, ())), films + len(fresh_films))
            )
            names += [_spelling_row(pid, s) for s in spellings]
        conn.executemany(
            "INSERT OR REPLACE INTO person_heads (person_id, name, documents, films)"
            " VALUES (?, ?, ?, ?)",
            head_rows,
        )
        conn.executemany(
            "INSERT OR REPLACE INTO person_names (person_id, name, first_claim, documents,"
            " score, best_weight, rules) VALUES (?, ?, ?, ?, ?, ?, ?)",
            names,
        )
    # films new to a person join the filmography (films listed before are kept as they are)
    conn.execute(_PERSON_FILMS.format(hint=NEW_ONLY, where="c.id > ?"), (after_claim,))


def _merged(old: list[Spelling], new: list[Spelling]) -> list[Spelling]:
    """Spellings with the sums of newer claims (from documents new to the person) added."""
    by_name = {s.name: s for s in old}
    for s in new:
        mine = by_name.get(s.name)
        if mine is None:
            by_name[s.name] = s
            continue
        mine.documents += s.documents
        mine.score += s.score
        mine.best_weight = max(mine.best_weight, s.best_weight)
        mine.rules += [r for r in s.rules if r not in mine.rules]
        del mine.rules[MAX_RULES:]
    return sorted(by_name.values(), key=lambda s: s.first_claim)


def _credited(conn: sqlite3.Connection, person_id: int, film_id: int, claim_id: int) -> bool:
    row = conn.execute(
        "SELECT 1 FROM claims WHERE person_id = ? AND film_id = ? AND id <= ? LIMIT 1",
        (person_id, film_id, claim_id),
    ).fetchone()
    return row is not None


def _spelling_row(person_id: int, s: Spelling) -> tuple:
    rules = json.dumps(s.rules, ensure_ascii=False)
    return (person_id, s.name, s.first_claim, s.documents, s.score, s.best_weight, rules)


def _has_tables(conn: sqlite3.Connection) -> bool:
    row = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'summary_dirty'").fetchone()
    return row is not None
