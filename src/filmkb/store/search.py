"""Name search: an SQLite FTS5 (trigram) index over every stored name, kept by triggers.

Indexed: films' titles and original titles, people's spellings (the persons of
``facts.PERSON`` fact types and cast actors) and characters' names, one row per claim in
``search_names`` (claim id, field, name). The rows point at claims, not entities, so that a
merge, split or rebuild that moves a claim to another person needs no index update: the
entity is read from the claim at query time. Triggers on ``claims`` insert and delete the
rows, so ingest, ``forget``, ``rebuild`` and ``import-triples`` keep the index without a
call from their code; the FTS table is an external-content index of ``search_names``.

A query runs in tiers, best first (``Hit.tier``):

0. the name equals the query (case, spaces and hyphens aside);
1. the name contains the query (trigram phrase match; names starting with it, then a word
   starting with it, then shorter names first);
2. typo tolerance, only for a field with no hit in tiers 0–1: names sharing a trigram with
   the query, kept when a word run of the name is close to the query (``difflib`` ratio ≥
   ``FUZZY_MIN``; "escpe" → "Escape", "spilberg" → "Steven Spielberg").

Queries shorter than a trigram (1–2 characters) match names that equal or start with them.
"""

from __future__ import annotations

import difflib
import sqlite3
from dataclasses import dataclass

from filmkb import facts
from filmkb.store.db import Migration

FILM, PERSON, CHARACTER = "film", "person", "character"
FIELDS = (FILM, PERSON, CHARACTER)
FUZZY_MIN = 0.8
CANDIDATES = 400  # rows read from the index per tier and field before ranking
_TITLE_PROPS = tuple(f.name for f in facts.of_kind(facts.TITLE))
_PERSON_PROPS = tuple(f.name for f in facts.of_kind(facts.PERSON))
# what the index and the queries treat as a space (SQLite's replace(), applied in triggers)
_SPACES = ("-", "_", ".", ",")


def _sql_list(values: tuple[str, ...]) -> str:
    return ", ".join("'" + v.replace("'", "''") + "'" for v in values)


def _folded(expr: str) -> str:
    for ch in _SPACES:
        expr = f"replace({expr}, '{ch}', ' ')"
    return f"trim({expr})"


def _index_rows(claim: str) -> str:
    """The SELECT giving the index rows of one claim (``claim``: ``new`` or ``claims``)."""
    text = f"json_extract({claim}.value, '$')"
    actor = f"json_extract({claim}.value, '$.actor')"
    character = f"json_extract({claim}.value, '$.character')"
    simple = f"json_type({claim}.value) = 'text'"
    cast = f"{claim}.property = 'cast' AND json_type({claim}.value) = 'object'"
    return f"""
SELECT {claim}.id, '{FILM}', {_folded(text)} FROM {{src}}
 WHERE {claim}.property IN ({_sql_list(_TITLE_PROPS)}) AND {simple}
UNION ALL SELECT {claim}.id, '{PERSON}', {_folded(text)} FROM {{src}}
 WHERE {claim}.property IN ({_sql_list(_PERSON_PROPS)}) AND {simple}
UNION ALL SELECT {claim}.id, '{PERSON}', {_folded(actor)} FROM {{src}}
 WHERE {cast} AND json_type({claim}.value, '$.actor') = 'text'
UNION ALL SELECT {claim}.id, '{CHARACTER}', {_folded(character)} FROM {{src}}
 WHERE {cast} AND json_type({claim}.value, '$.character') = 'text'"""


_NEW_ROWS = _index_rows("new").replace("FROM {src}", "")
_ALL_ROWS = _index_rows("claims").replace("{src}", "claims")

SEARCH_INDEX = Migration(
    "0004_search_names",
    f"""
CREATE TABLE search_names (
    id INTEGER PRIMARY KEY,
    claim_id INTEGER NOT NULL,
    field TEXT NOT NULL,
    name TEXT NOT NULL
);
CREATE INDEX search_names_claim ON search_names (claim_id);
CREATE VIRTUAL TABLE search_fts USING fts5(
    name, content='search_names', content_rowid='id', tokenize='trigram'
);
CREATE TRIGGER search_names_ai AFTER INSERT ON search_names BEGIN
    INSERT INTO search_fts (rowid, name) VALUES (new.id, new.name);
END;
CREATE TRIGGER search_names_ad AFTER DELETE ON search_names BEGIN
    INSERT INTO search_fts (search_fts, rowid, name) VALUES ('delete', old.id, old.name);
END;
CREATE TRIGGER claims_search_ai AFTER INSERT ON claims BEGIN
    INSERT INTO search_names (claim_id, field, name)
    {_NEW_ROWS};
END;
CREATE TRIGGER claims_search_ad AFTER DELETE ON claims BEGIN
    DELETE FROM search_names WHERE claim_id = old.id;
END;
INSERT INTO search_names (claim_id, field, name) SELECT * FROM ({_ALL_ROWS});
""",
)


@dataclass(frozen=True)
class Hit:
    """One entity found: its field (film / person / character), id, the name that matched."""

    field: str
    entity_id: int
    name: str
    tier: int  # 0 equal, 1 contains, 2 close (typo)
    score: float  # within a tier: higher first


def fold(text: str) -> str:
    """The query as the index stores names: separators as spaces, lower case, single spaces."""
    for ch in _SPACES:
        text = text.replace(ch, " ")
    return " ".join(text.lower().split())


def search(conn: sqlite3.Connection, text: str, limit: int = 20) -> dict[str, list[Hit]]:
    """``{field: hits}``: films, people and characters whose names match, best first."""
    query = fold(text)[:200]
    out: dict[str, list[Hit]] = {f: [] for f in FIELDS}
    if not query:
        return out
    rows = _contains(conn, query) if len(query) >= 3 else _starts(conn, query)
    found = _best_per_entity(conn, [_ranked(query, r) for r in rows])
    if len(query) >= 4:
        for field in FIELDS:
            if not any(h.field == field and h.tier <= 1 for h in found):
                close = [_close(query, r) for r in _sharing_trigrams(conn, query, field)]
                found += _best_per_entity(conn, [h for h in close if h is not None])
    for hit in sorted(found, key=lambda h: (h.tier, -h.score, h.name, h.entity_id)):
        if len(out[hit.field]) < limit and all(
            h.entity_id != hit.entity_id for h in out[hit.field]
        ):
            out[hit.field].append(hit)
    return out


# --- tiers ------------------------------------------------------------------------------------

_Row = tuple[int, str, str]  # claim id, field, name


def _phrase(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _contains(conn: sqlite3.Connection, query: str) -> list[_Row]:
    rows = conn.execute(
        "SELECT s.claim_id, s.field, s.name FROM search_fts JOIN search_names s"
        " ON s.id = search_fts.rowid WHERE search_fts MATCH ? ORDER BY rank LIMIT ?",
        (_phrase(query), CANDIDATES * len(FIELDS)),
    )
    return [tuple(r) for r in rows]


def _starts(conn: sqlite3.Connection, query: str) -> list[_Row]:
    """1–2 character queries: names equal to or starting with them (no trigram to match)."""
    escaped = query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    rows = conn.execute(
        "SELECT claim_id, field, name FROM search_names"
        " WHERE name LIKE ? ESCAPE '\\' OR name LIKE ? ESCAPE '\\'"
        " ORDER BY length(name) LIMIT ?",
        (escaped + "%", "% " + escaped + "%", CANDIDATES),
    )
    return [tuple(r) for r in rows]


def _sharing_trigrams(conn: sqlite3.Connection, query: str, field: str) -> list[_Row]:
    grams = {query[i : i + 3] for i in range(len(query) - 2)}
    grams = {g for g in grams if g.strip() == g}  # no trigram across a word gap
    if not grams:
        return []
    match = " OR ".join(_phrase(g) for g in sorted(grams))
    rows = conn.execute(
        "SELECT s.claim_id, s.field, s.name FROM search_fts JOIN search_names s"
        " ON s.id = search_fts.rowid WHERE search_fts MATCH ? AND s.field = ?"
        " ORDER BY rank LIMIT ?",
        (match, field, CANDIDATES),
    )
    return [tuple(r) for r in rows]


def _ranked(query: str, row: _Row) -> tuple[_Row, int, float]:
    name = fold(row[2])
    if name == query:
        return row, 0, 1.0
    words = name.split()
    starts = name.startswith(query)
    word_start = any(" ".join(words[i:]).startswith(query) for i in range(len(words)))
    return row, 1, 2.0 * starts + 1.0 * word_start + 1.0 / (1 + len(name))


def _close(query: str, row: _Row) -> tuple[_Row, int, float] | None:
    """The row as a tier-2 hit when a run of the name's words is close to the query."""
    words = fold(row[2]).split()
    n = len(query.split())
    best = 0.0
    for size in {n, n + 1, max(1, n - 1)}:
        for i in range(max(1, len(words) - size + 1)):
            part = " ".join(words[i : i + size])
            best = max(best, difflib.SequenceMatcher(None, query, part).ratio())
    if best < FUZZY_MIN:
        return None
    whole = difflib.SequenceMatcher(None, query, " ".join(words)).ratio()
    return row, 2, best + 0.1 * whole


_ENTITY_COLUMN = {FILM: "film_id", PERSON: "person_id", CHARACTER: "character_id"}


def _best_per_entity(conn: sqlite3.Connection, ranked: list[tuple[_Row, int, float]]) -> list[Hit]:
    """Claim rows → entity hits (the entity read from the claim now), best row per entity."""
    if not ranked:
        return []
    ids = sorted({row[0] for row, _, _ in ranked})
    entity: dict[int, tuple[int | None, int | None, int | None]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" for _ in chunk)
        for r in conn.execute(
            f"SELECT id, film_id, person_id, character_id FROM claims WHERE id IN ({marks})", chunk
        ):
            entity[r[0]] = (r[1], r[2], r[3])
    best: dict[tuple[str, int], Hit] = {}
    for (claim_id, field, name), tier, score in ranked:
        ids_of = entity.get(claim_id)
        if ids_of is None:
            continue
        entity_id = ids_of[FIELDS.index(field)]
        if entity_id is None:
            continue
        hit = Hit(field, entity_id, name, tier, score)
        old = best.get((field, entity_id))
        if old is None or (hit.tier, -hit.score) < (old.tier, -old.score):
            best[(field, entity_id)] = hit
    return list(best.values())


def has_index(conn: sqlite3.Connection) -> bool:
    row = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'search_names'").fetchone()
    return row is not None


def rebuild_index(conn: sqlite3.Connection) -> None:
    """Fill ``search_names`` again from the claims (a repair tool; triggers keep it current)."""
    conn.execute("DELETE FROM search_names")
    conn.execute(f"INSERT INTO search_names (claim_id, field, name) SELECT * FROM ({_ALL_ROWS})")
