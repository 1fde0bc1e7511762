"""What the pages show, kept beside the claims so that a read touches only its own rows.

* ``claims.quote``: the text of a claim's span, stored with the claim — a film page never
  reads (or slices) a source's whole text, even when that source is a 45 MB triples file.
* ``film_heads``: per film, the best-supported title and year and its slug base
  (``escape-2024``); lists, links and filmographies read these instead of title claims.
* ``person_names``: per person and spelling, the documents, the kind-weighted score, the
  best kind's weight, the rules that linked it and whether it is the name shown;
  ``person_heads``: per person, the name shown and the number of documents and films.
  A film page names its cast from these instead of reading every claim of every actor.

Keeping them current: ``refresh(conn, after_claim)`` runs at the end of every write
transaction (``search.sync_index`` calls it). Claims added since the last sync are found by
id; triggers note the films and persons whose claims changed links or were deleted in
``summary_dirty``. Each refreshed entity costs a read of its own claims (grouped in SQL).

Readers ask ``is_fresh`` first: when a writer bypassed the sync (``import_triples`` runs its
own transaction until the store is next written or closed), they compute from the claims.
"""

from __future__ import annotations

import json
import re
import sqlite3
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from filmkb.resolve.names import split_rank
from filmkb.store.db import Migration

Row = dict[str, Any]

KIND_WEIGHT = {
    "listing": 3.0, "press_release": 3.0, "news": 2.0, "review": 2.0, "review_feed": 2.0,
    "blog": 1.0,
}  # fmt: skip
DEFAULT_WEIGHT = 1.0
CHUNK = 500

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
CREATE TABLE summary_dirty (
    entity TEXT NOT NULL,
    entity_id INTEGER NOT NULL,
    PRIMARY KEY (entity, entity_id)
) WITHOUT ROWID;
CREATE TRIGGER claims_summary_moved AFTER UPDATE OF film_id, person_id, person_rule ON claims
WHEN old.film_id IS NOT new.film_id OR old.person_id IS NOT new.person_id
  OR old.person_rule IS NOT new.person_rule
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


# --- names and slugs (pure) -------------------------------------------------------------------


def weight(kind: str | None) -> float:
    return KIND_WEIGHT.get(kind or "", DEFAULT_WEIGHT)


def slugify(text: str | None) -> str:
    text = unicodedata.normalize("NFKC", text or "").lower()
    return re.sub(r"[\W_]+", "-", text).strip("-") or "film"


def slug_base(title: str | None, year: int | None) -> str:
    return f"{slugify(title)}-{year}" if year else slugify(title)


@dataclass
class Spelling:
    """One way a person's name is written, over all the claims that write it so: the
    documents writing it, their summed kind weights (``score``) and the best kind's weight,
    and the resolution rules that linked it (first use first)."""

    name: str
    first_claim: int
    documents: int = 0
    score: float = 0.0
    best_weight: float = 0.0
    rules: list[str] = field(default_factory=list)


def spelling_quality(s: Spelling) -> tuple:
    """Best supported; plain names over ranks ("Sgt.") and SHOUTED surnames; fuller forms."""
    shouted = any(len(w) > 1 and w.isupper() and w.isalpha() for w in s.name.split())
    ranked = split_rank(s.name)[0] is not None
    return (s.score, not ranked, not shouted, s.best_weight, len(s.name))


def shown_spelling(spellings: list[Spelling]) -> Spelling:
    """The spelling shown: the best ``spelling_quality``; the earliest among equals."""
    ordered = sorted(spellings, key=lambda s: s.first_claim)
    return max(ordered, key=spelling_quality)


def spellings_of(rows: Iterable[tuple[str, str | None, int, str | None, int]]) -> list[Spelling]:
    """(name, rule, document id, document kind, claim id) rows → spellings in claim order."""
    by_name: dict[str, Spelling] = {}
    weights: dict[str, dict[int, float]] = defaultdict(dict)
    for name, rule, doc, kind, claim_id in sorted(rows, key=lambda r: r[4]):
        s = by_name.get(name)
        if s is None:
            s = by_name[name] = Spelling(name, claim_id)
        weights[name][doc] = weight(kind)
        if rule and rule not in s.rules:
            s.rules.append(rule)
    for name, s in by_name.items():
        s.documents = len(weights[name])
        s.score = sum(weights[name].values())
        s.best_weight = max(weights[name].values())
    return list(by_name.values())


# --- reading -----------------------------------------------------------------------------------


def is_fresh(conn: sqlite3.Connection) -> bool:
    """Whether every claim is reflected in the summaries (no write bypassed the sync)."""
    try:
        synced = conn.execute("SELECT synced_claim FROM search_state").fetchone()[0]
        if conn.execute("SELECT 1 FROM summary_dirty LIMIT 1").fetchone() is not None:
            return False
    except sqlite3.OperationalError:  # a store without the tables (before its migration)
        return False
    last = conn.execute("SELECT coalesce(max(id), 0) FROM claims").fetchone()[0]
    gone = conn.execute("SELECT 1 FROM search_claims_gone LIMIT 1").fetchone()
    return last == synced and gone is None


def stored_spellings(conn: sqlite3.Connection, person_ids: list[int]) -> dict[int, list[Spelling]]:
    """``{person id: spellings}`` from ``person_names`` (claim order)."""
    out: dict[int, list[Spelling]] = defaultdict(list)
    ids = sorted(set(person_ids))
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        marks = ",".join("?" for _ in chunk)
        rows = conn.execute(
            "SELECT person_id, name, first_claim, documents, score, best_weight, rules"
            f" FROM person_names WHERE person_id IN ({marks}) ORDER BY person_id, first_claim",
            chunk,
        )
        for pid, name, first, docs, score, best, rules in rows:
            out[pid].append(Spelling(name, first, docs, score, best, json.loads(rules)))
    return dict(out)


def computed_spellings(
    conn: sqlite3.Connection, person_ids: list[int]
) -> dict[int, list[Spelling]]:
    """``{person id: spellings}`` computed from the persons' claims (grouped in SQL)."""
    rows_of: dict[int, list[tuple]] = defaultdict(list)
    ids = sorted(set(person_ids))
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        marks = ",".join("?" for _ in chunk)
        rows = conn.execute(
            "SELECT c.person_id, CASE WHEN json_type(c.value) = 'object'"
            " THEN json_extract(c.value, '$.actor') ELSE json_extract(c.value, '$') END AS name,"
            " c.person_rule, c.document_id, d.kind, min(c.id) FROM claims c"
            " JOIN documents d ON d.id = c.document_id"
            f" WHERE c.person_id IN ({marks}) GROUP BY 1, 2, 3, 4",
            chunk,
        )
        for pid, name, rule, doc, kind, first in rows:
            if name is not None and str(name):
                rows_of[pid].append((str(name), rule, doc, kind, first))
    return {pid: spellings_of(rows) for pid, rows in rows_of.items()}


def person_spellings(conn: sqlite3.Connection, person_ids: list[int]) -> dict[int, list[Spelling]]:
    """``{person id: spellings}``, from the summaries when they are fresh."""
    if is_fresh(conn):
        return stored_spellings(conn, person_ids)
    return computed_spellings(conn, person_ids)


def person_head(conn: sqlite3.Connection, person_id: int) -> Row | None:
    """name shown, documents and films of one person (None: no claim names this person)."""
    if is_fresh(conn):
        row = conn.execute(
            "SELECT name, documents, films FROM person_heads WHERE person_id = ?", (person_id,)
        ).fetchone()
        return dict(row) if row else None
    return _computed_person_head(conn, person_id)


def _computed_person_head(conn: sqlite3.Connection, person_id: int) -> Row | None:
    counts = conn.execute(
        "SELECT count(*), count(DISTINCT document_id), count(DISTINCT film_id) FROM claims"
        " WHERE person_id = ?",
        (person_id,),
    ).fetchone()
    if not counts[0]:
        return None
    spellings = computed_spellings(conn, [person_id]).get(person_id)
    name = shown_spelling(spellings).name if spellings else f"person {person_id}"
    return {"name": name, "documents": counts[1], "films": counts[2]}


def film_heads(conn: sqlite3.Connection, film_ids: list[int]) -> dict[int, Row]:
    """``{film id: {"title", "year", "slug"}}`` (slug: the base, without ``--id``)."""
    if not is_fresh(conn):
        return computed_film_heads(conn, film_ids)
    out = {f: {"title": None, "year": None, "slug": slug_base(None, None)} for f in film_ids}
    ids = sorted(set(film_ids))
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        marks = ",".join("?" for _ in chunk)
        rows = conn.execute(
            f"SELECT film_id, title, year, slug FROM film_heads WHERE film_id IN ({marks})", chunk
        )
        out.update({r[0]: {"title": r[1], "year": r[2], "slug": r[3]} for r in rows})
    return out


def computed_film_heads(conn: sqlite3.Connection, film_ids: list[int]) -> dict[int, Row]:
    """Title and year by kind-weighted support, computed from the films' claims."""
    out: dict[int, Row] = {f: {"title": None, "year": None} for f in film_ids}
    ids = sorted(set(film_ids))
    scores: dict[tuple[int, str], dict[Any, dict[int, float]]] = defaultdict(dict)
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        marks = ",".join("?" for _ in chunk)
        rows = conn.execute(
            "SELECT c.film_id, c.property, c.value, c.document_id, d.kind FROM claims c"
            " JOIN documents d ON d.id = c.document_id"
            f" WHERE c.film_id IN ({marks}) AND c.property IN ('title', 'year')",
            chunk,
        )
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
    for head in out.values():
        head["slug"] = slug_base(head["title"], head["year"])
    return out


def films_with_slug(conn: sqlite3.Connection, slug: str) -> list[int] | None:
    """Films whose slug base is ``slug`` (None when the summaries are not fresh)."""
    if not is_fresh(conn):
        return None
    rows = conn.execute("SELECT film_id FROM film_heads WHERE slug = ? ORDER BY film_id", (slug,))
    return [r[0] for r in rows]


def slug_counts(conn: sqlite3.Connection, slugs: list[str]) -> dict[str, int]:
    """``{slug base: films with it}`` (fresh summaries only)."""
    out: dict[str, int] = {}
    unique = sorted(set(slugs))
    for start in range(0, len(unique), CHUNK):
        chunk = unique[start : start + CHUNK]
        marks = ",".join("?" for _ in chunk)
        rows = conn.execute(
            f"SELECT slug, count(*) FROM film_heads WHERE slug IN ({marks}) GROUP BY slug", chunk
        )
        out.update({r[0]: r[1] for r in rows})
    return out


# --- keeping them current --------------------------------------------------------------------


def refresh(conn: sqlite3.Connection, after_claim: int) -> None:
    """Bring the summaries up to date with the claims above ``after_claim`` and the films and
    persons noted dirty; inside the caller's transaction."""
    if not _has_tables(conn):
        return
    fill_quotes(conn, after_claim)
    films = {
        r[0]
        for r in conn.execute(
            "SELECT DISTINCT film_id FROM claims WHERE id > ? AND film_id IS NOT NULL",
            (after_claim,),
        )
    }
    persons = {
        r[0]
        for r in conn.execute(
            "SELECT DISTINCT person_id FROM claims WHERE id > ? AND person_id IS NOT NULL",
            (after_claim,),
        )
    }
    for entity, entity_id in conn.execute("SELECT entity, entity_id FROM summary_dirty"):
        (films if entity == "film" else persons).add(entity_id)
    conn.execute("DELETE FROM summary_dirty")
    refresh_films(conn, sorted(films))
    refresh_persons(conn, sorted(persons))


def refresh_all(conn: sqlite3.Connection) -> None:
    """Build every summary from the claims (the migration; a repair tool)."""
    conn.execute("DELETE FROM summary_dirty")
    fill_quotes(conn, 0)
    refresh_films(conn, [r[0] for r in conn.execute("SELECT id FROM films ORDER BY id")])
    persons = conn.execute("SELECT DISTINCT person_id FROM claims WHERE person_id IS NOT NULL")
    refresh_persons(conn, [r[0] for r in persons])


def fill_quotes(conn: sqlite3.Connection, after_claim: int) -> None:
    """Store the quote of every claim above ``after_claim`` that has none: each document's
    text is read once and sliced here (SQLite's ``substr`` walks a text from its start)."""
    docs = [
        r[0]
        for r in conn.execute(
            "SELECT DISTINCT document_id FROM claims WHERE id > ? AND quote IS NULL",
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


def quote_of(text: str, start: int | None, end: int | None) -> str:
    """The quoted text of a span; a claim without a span quotes nothing."""
    if start is None and end is None:
        return ""
    return text[start:end]


def refresh_films(conn: sqlite3.Connection, film_ids: list[int]) -> None:
    for start in range(0, len(film_ids), CHUNK):
        chunk = film_ids[start : start + CHUNK]
        marks = ",".join("?" for _ in chunk)
        existing = {
            r[0] for r in conn.execute(f"SELECT id FROM films WHERE id IN ({marks})", chunk)
        }
        conn.execute(f"DELETE FROM film_heads WHERE film_id IN ({marks})", chunk)
        heads = computed_film_heads(conn, sorted(existing))
        conn.executemany(
            "INSERT INTO film_heads (film_id, title, year, slug) VALUES (?, ?, ?, ?)",
            [(f, h["title"], h["year"], h["slug"]) for f, h in heads.items()],
        )


def refresh_persons(conn: sqlite3.Connection, person_ids: list[int]) -> None:
    for start in range(0, len(person_ids), CHUNK):
        chunk = person_ids[start : start + CHUNK]
        marks = ",".join("?" for _ in chunk)
        conn.execute(f"DELETE FROM person_names WHERE person_id IN ({marks})", chunk)
        conn.execute(f"DELETE FROM person_heads WHERE person_id IN ({marks})", chunk)
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
            names += [
                (pid, s.name, s.first_claim, s.documents, s.score, s.best_weight,
                 json.dumps(s.rules, ensure_ascii=False))
                for s in mine
            ]  # fmt: skip
        conn.executemany(
            "INSERT INTO person_heads (person_id, name, documents, films) VALUES (?, ?, ?, ?)",
            heads,
        )
        conn.executemany(
            "INSERT INTO person_names (person_id, name, first_claim, documents, score,"
            " best_weight, rules) VALUES (?, ?, ?, ?, ?, ?, ?)",
            names,
        )


def _has_tables(conn: sqlite3.Connection) -> bool:
    row = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'summary_dirty'").fetchone()
    return row is not None
