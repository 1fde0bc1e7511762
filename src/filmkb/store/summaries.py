"""What the pages show, kept beside the claims so that a read touches only its own rows.

* ``claims.quote``: the text of a claim's span, stored with the claim — a film page never
  reads (or slices) a source's whole text, even when that source is a 45 MB triples file.
* ``film_heads``: per film, the best-supported title and year and its slug base
  (``escape-2024``); lists, links and filmographies read these instead of title claims.
* ``person_names``: per person and spelling, the documents, the kind-weighted score, the
  best kind's weight, the rules that linked it and whether it is the name shown;
  ``person_heads``: per person, the name shown and the number of documents and films;
  ``person_films``: per person and film, the film's year and title, indexed in the order a
  filmography is shown (newest first), so that a page of it is an index range.
  A film page names its cast from these instead of reading every claim of every actor.

Keeping them current: ``refresh(conn, after_claim)`` runs at the end of every write
transaction (``search.sync_index`` calls it), in bounded work per new claim:

* claims added since the last sync (found by id) are *added* to the sums: a new document's
  weight joins its spelling's score (``person_names``) and its title's or year's score
  (``film_values``, from which the head is chosen); a person's film count grows by the films
  not credited before (an indexed probe). A film in its 500th page costs what it cost in its
  first;
* films and persons whose older claims changed links or went (triggers note them in
  ``summary_dirty``: merges, splits, forgets, re-resolution) are computed again from their
  claims, as are those of a document that already had claims before the sync.

Readers ask ``is_fresh`` first: when a writer bypassed the sync (``import_triples`` runs its
own transaction until the store is next written or closed), they compute from the claims.
"""

from __future__ import annotations

import functools
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
# the name a credit claim writes: a cast credit's actor, else the value itself
_NAME = (
    "CASE WHEN json_type(c.value) = 'object' THEN json_extract(c.value, '$.actor')"
    " ELSE json_extract(c.value, '$') END"
)

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
    plain, unshouted = _plain_marks(s.name)
    return (s.score, plain, unshouted, s.best_weight, len(s.name))


@functools.lru_cache(maxsize=65536)
def _plain_marks(name: str) -> tuple[bool, bool]:
    """(no rank in front, no SHOUTED word) — ``split_rank`` is slow and names repeat."""
    shouted = any(len(w) > 1 and w.isupper() and w.isalpha() for w in name.split())
    return split_rank(name)[0] is None, not shouted


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
        row = conn.execute(
            "SELECT (SELECT synced_claim FROM search_state)"
            " = (SELECT coalesce(max(id), 0) FROM claims)"
            " AND NOT EXISTS (SELECT 1 FROM summary_dirty)"
            " AND NOT EXISTS (SELECT 1 FROM search_claims_gone)"
        ).fetchone()
    except sqlite3.OperationalError:  # a store without the tables (before its migration)
        return False
    return bool(row[0])


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
            f"SELECT c.person_id, {_NAME}, c.person_rule, c.document_id, d.kind, min(c.id)"
            " FROM claims c"
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
    untitled = slug_base(None, None)
    out = {f: {"title": None, "year": None, "slug": untitled} for f in film_ids}
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
    ids = sorted(set(film_ids))
    values: dict[tuple[int, str, Any], tuple[float, int, int]] = {}
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        marks = ",".join("?" for _ in chunk)
        values.update(_film_values(conn, f"c.film_id IN ({marks})", chunk))
    return _best_values(values, film_ids)


def stored_film_values(conn: sqlite3.Connection, film_id: int) -> dict[tuple[str, Any], tuple]:
    """``{(property, value): (score, first document, first claim)}`` of one film."""
    rows = conn.execute(
        "SELECT property, value, score, first_document, first_claim FROM film_values"
        " WHERE film_id = ?",
        (film_id,),
    )
    return {(r[0], json.loads(r[1])): (r[2], r[3], r[4]) for r in rows}


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
        "SELECT DISTINCT document_id, film_id, person_id FROM claims WHERE id > ?",
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
    values = _film_values(conn, "c.id > ? AND c.film_id IS NOT NULL", [after_claim])
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


def _film_values(
    conn: sqlite3.Connection, where: str, args: list[Any]
) -> dict[tuple[int, str, Any], tuple[float, int, int]]:
    """``{(film, "title" | "year", value): (score, first document, first claim)}`` of the
    title and year claims matching ``where`` (years as numbers; unreadable years skipped)."""
    rows = conn.execute(
        "SELECT c.film_id, c.property, c.value, c.document_id, d.kind, min(c.id) FROM claims c"
        " JOIN documents d ON d.id = c.document_id"
        f" WHERE {where} AND c.property IN ('title', 'year') GROUP BY 1, 2, 3, 4",
        args,
    )
    sums: dict[tuple[int, str, Any], list[Any]] = {}
    for film_id, prop, raw, doc, kind, first in rows:
        value = json.loads(raw)
        if prop == "year":
            try:
                value = int(str(value)[:4])
            except ValueError:
                continue
        elif isinstance(value, (dict, list)):
            continue
        entry = sums.setdefault((film_id, prop, value), [0.0, doc, first, set()])
        if doc not in entry[3]:
            entry[3].add(doc)
            entry[0] += weight(kind)
        entry[1], entry[2] = min(entry[1], doc), min(entry[2], first)
    return {key: (e[0], e[1], e[2]) for key, e in sums.items()}


def _best_values(
    values: dict[tuple[int, str, Any], tuple[float, int, int]], film_ids: Iterable[int]
) -> dict[int, Row]:
    """Each film's head: per property the value with the best score, then the earliest."""
    out: dict[int, Row] = {f: {"title": None, "year": None} for f in film_ids}
    best: dict[tuple[int, str], tuple] = {}
    for (film_id, prop, value), (score, first_doc, first_claim) in values.items():
        rank = (score, -first_doc, -first_claim)
        if (film_id, prop) not in best or rank > best[(film_id, prop)][0]:
            best[(film_id, prop)] = (rank, value)
    for (film_id, prop), (_, value) in best.items():
        if film_id in out:
            out[film_id][prop] = value
    for head in out.values():
        head["slug"] = slug_base(head["title"], head["year"])
    return out


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
FROM claims c LEFT JOIN film_heads h ON h.film_id = c.film_id
WHERE {where} AND c.person_id IS NOT NULL AND c.film_id IS NOT NULL
GROUP BY c.person_id, c.film_id"""


def refresh_persons(conn: sqlite3.Connection, person_ids: list[int]) -> None:
    for start in range(0, len(person_ids), CHUNK):
        chunk = person_ids[start : start + CHUNK]
        marks = ",".join("?" for _ in chunk)
        conn.execute(f"DELETE FROM person_names WHERE person_id IN ({marks})", chunk)
        conn.execute(f"DELETE FROM person_heads WHERE person_id IN ({marks})", chunk)
        conn.execute(f"DELETE FROM person_films WHERE person_id IN ({marks})", chunk)
        conn.execute(_PERSON_FILMS.format(where=f"c.person_id IN ({marks})"), chunk)
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
        " FROM claims c JOIN documents d ON d.id = c.document_id"
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
        "SELECT DISTINCT person_id, film_id FROM claims WHERE id > ? AND person_id IS NOT NULL"
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
    conn.execute(_PERSON_FILMS.format(where="c.id > ?"), (after_claim,))


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
