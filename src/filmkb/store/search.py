"""Name search: an SQLite FTS5 (trigram) index over every stored name.

Indexed: films' titles and original titles, people's spellings (the persons of
``facts.PERSON`` fact types and cast actors) and characters' names, one row per claim in
``search_names`` (claim id, field, name). The rows point at claims, not entities, so that a
merge, split or rebuild that moves a claim to another person needs no index update: the
entity is read from the claim at query time.

Keeping it current: ``sync_index(conn)`` indexes the claims added since the last sync and
drops the rows of claims deleted since (a trigger logs deleted claim ids in
``search_claims_gone``); it also refreshes ``store.summaries`` (``summary_sync``: the
quotes, film heads and person names the pages read); ``FilmKB`` calls it at the end of every write transaction and on
close (which covers ``import-triples``). It works set-wise, a few statements per call: row
triggers cost ~30 µs a claim, and an FTS5 write inside a trigger flushes a segment per row
(a 128k-triple import took 3 × longer). A reader never sees a stale answer: claims newer
than the last sync are searched by a scan (``_tail``), and rows of deleted claims are
dropped when their claim is looked up.

A query runs in tiers, best first (``Hit.tier``):

0. the name equals the query (case, spaces and hyphens aside);
1. a word of the name starts with the query (one-word queries: ``search_words``, an index
   of each name's words with the name's length, read as a range, shortest names first), or
   the name contains the query (trigram phrase match: queries of several words, and
   one-word queries no word starts with); names starting with it, then a word starting
   with it, then shorter names first;
2. typo tolerance, only when nothing matches as typed: names sharing a trigram with the
   query, kept when a word run of the name is close to the query (``difflib`` ratio ≥
   ``FUZZY_MIN``; "escpe" → "Escape", "spilberg" → "Steven Spielberg").

Queries shorter than a trigram (1–2 characters) match names that equal or start with them.
"""

from __future__ import annotations

import difflib
import math
import sqlite3
from dataclasses import dataclass

from filmkb import facts
from filmkb.resolve.names import normalize_name, person_keys
from filmkb.store import summary_sync
from filmkb.store.db import Migration

FILM, PERSON, CHARACTER = "film", "person", "character"
FIELDS = (FILM, PERSON, CHARACTER)
FUZZY_MIN = 0.85
CANDIDATES = 100  # rows read from the index per field and tier before ranking (bm25: short first)
PREFIX_END = "\U0010ffff"
TAIL = 20_000  # unsynced rows scanned at most (a writer syncs at the end of its transaction)
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


_ALL_ROWS = _index_rows("claims").replace("{src}", "claims")


def _rows_after(claim_id_param: str = "?") -> str:
    """The index rows of the claims whose id is above a parameter."""
    return _ALL_ROWS.replace("WHERE claims.", f"WHERE claims.id > {claim_id_param} AND claims.")


SEARCH_INDEX = Migration(
    "0005_search_names",
    """
CREATE TABLE search_names (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    claim_id INTEGER NOT NULL,
    field TEXT NOT NULL,
    name TEXT NOT NULL
);
CREATE INDEX search_names_claim ON search_names (claim_id);
CREATE TABLE search_claims_gone (claim_id INTEGER PRIMARY KEY);
CREATE TABLE search_state (synced_claim INTEGER NOT NULL);
INSERT INTO search_state (synced_claim) VALUES (0);
CREATE VIRTUAL TABLE search_fts USING fts5(
    name, content='search_names', content_rowid='id', tokenize='trigram'
);
CREATE TRIGGER claims_search_gone AFTER DELETE ON claims BEGIN
    INSERT OR IGNORE INTO search_claims_gone (claim_id) VALUES (old.id);
END;
""",
    apply=lambda conn: sync_index(conn),
)


# Each word of each indexed name, with the name's length: a name whose word starts with a
# one-word query is an index range (shortest names first), not a ranking of every trigram
# match ("the" is in tens of thousands of titles at 100k films).
SEARCH_WORDS = Migration(
    "0011_search_words",
    """
CREATE TABLE search_words (
    word TEXT NOT NULL,
    length INTEGER NOT NULL,
    name_id INTEGER NOT NULL,
    PRIMARY KEY (word, length, name_id)
) WITHOUT ROWID;
CREATE INDEX search_words_name ON search_words (name_id);
""",
    apply=lambda conn: _add_words(conn, 0),
)


def needs_sync(conn: sqlite3.Connection) -> bool:
    """Whether claims were added or deleted since the last ``sync_index``."""
    if not has_index(conn):
        return False
    synced = conn.execute("SELECT synced_claim FROM search_state").fetchone()[0]
    last = conn.execute("SELECT coalesce(max(id), 0) FROM claims").fetchone()[0]
    gone = conn.execute("SELECT 1 FROM search_claims_gone LIMIT 1").fetchone()
    return last != synced or gone is not None


def sync_index(conn: sqlite3.Connection) -> None:
    """Index the claims added since the last sync; unindex the claims deleted since.

    Everything above ``start`` (the last synced claim id, or just under the lowest deleted
    id: SQLite may give a new claim the id of a deleted one at the top) is indexed afresh.
    """
    if not has_index(conn):  # a store opened before its migration (or a bare connection)
        return
    synced = conn.execute("SELECT synced_claim FROM search_state").fetchone()[0]
    low = conn.execute("SELECT min(claim_id) FROM search_claims_gone").fetchone()[0]
    start = min(synced, low - 1) if low is not None else synced
    words = has_words(conn)
    for gone, args in (
        ("claim_id IN (SELECT claim_id FROM search_claims_gone)", ()),
        ("claim_id > ?", (start,)),
    ):  # two statements, so that each uses the claim_id index
        conn.execute(
            "INSERT INTO search_fts (search_fts, rowid, name)"
            f" SELECT 'delete', id, name FROM search_names WHERE {gone}",
            args,
        )
        if words:
            conn.execute(
                "DELETE FROM search_words WHERE name_id IN"
                f" (SELECT id FROM search_names WHERE {gone})",
                args,
            )
        conn.execute(f"DELETE FROM search_names WHERE {gone}", args)
    reused = [  # ids of deleted claims given to new ones (new claims, below ``synced``)
        r[0]
        for r in conn.execute(
            "SELECT g.claim_id FROM search_claims_gone g JOIN claims c ON c.id = g.claim_id"
        )
    ]
    conn.execute("DELETE FROM search_claims_gone")
    before = conn.execute("SELECT coalesce(max(id), 0) FROM search_names").fetchone()[0]
    conn.execute(
        f"INSERT INTO search_names (claim_id, field, name) SELECT * FROM ({_rows_after()})",
        (start,) * 4,
    )
    conn.execute(
        "INSERT INTO search_fts (rowid, name) SELECT id, name FROM search_names WHERE id > ?",
        (before,),
    )
    if words:
        _add_words(conn, before)
    summary_sync.refresh(conn, synced, reused)  # quotes, film heads, person names
    last = conn.execute("SELECT coalesce(max(id), 0) FROM claims").fetchone()[0]
    conn.execute("UPDATE search_state SET synced_claim = ?", (last,))


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
    if len(query) < 3:
        rows = _starts(conn, query)
    elif " " not in query and has_words(conn):
        rows = _word_starts(conn, query)  # infix matches only when no word starts so
        rows = rows or _contains(conn, query)
    else:
        rows = _contains(conn, query)
    found = _best_per_entity(conn, [_ranked(query, r) for r in rows])
    if len(query) >= 4 and not found:  # nothing as typed: maybe a typo
        close = [_close(query, r) for r in _sharing_trigrams(conn, query)]
        found = _best_per_entity(conn, [h for h in close if h is not None])
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
    return [tuple(r) for r in rows] + [r for r in _tail(conn) if query in fold(r[2])]


def _word_starts(conn: sqlite3.Connection, word: str) -> list[_Row]:
    """Names with a word equal to, then starting with, a one-word query; shortest first."""
    rows = []
    for where, args in (
        ("w.word = ?", (word,)),
        ("w.word > ? AND w.word < ?", (word, word + PREFIX_END)),
    ):
        rows += conn.execute(
            "SELECT s.claim_id, s.field, s.name FROM search_words w"
            f" JOIN search_names s ON s.id = w.name_id WHERE {where}"
            " ORDER BY w.word, w.length LIMIT ?",
            (*args, CANDIDATES),  # shortest first: fewer rows than a ranked FTS match needs
        ).fetchall()
    tail = [r for r in _tail(conn) if (" " + fold(r[2])).find(" " + word) >= 0]
    return [tuple(r) for r in rows] + tail


def _tail(conn: sqlite3.Connection) -> list[_Row]:
    """Index rows of the claims added since the last ``sync_index`` (at most TAIL claims)."""
    synced = conn.execute("SELECT synced_claim FROM search_state").fetchone()[0]
    last = conn.execute("SELECT coalesce(max(id), 0) FROM claims").fetchone()[0]
    if last <= synced:
        return []
    start = max(synced, last - TAIL)
    rows = conn.execute(f"SELECT * FROM ({_rows_after()})", (start,) * 4)
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
    tail = [r for r in _tail(conn) if (" " + fold(r[2])).find(" " + query) >= 0]
    return [tuple(r) for r in rows] + tail


def _sharing_trigrams(conn: sqlite3.Connection, query: str) -> list[_Row]:
    grams = {query[i : i + 3] for i in range(len(query) - 2)}
    grams = {g for g in grams if g.strip() == g}  # no trigram across a word gap
    if not grams:
        return []
    match = " OR ".join(_phrase(g) for g in sorted(grams))
    rows = conn.execute(
        "SELECT s.claim_id, s.field, s.name FROM search_fts JOIN search_names s"
        " ON s.id = search_fts.rowid WHERE search_fts MATCH ? ORDER BY rank LIMIT ?",
        (match, CANDIDATES * len(FIELDS)),
    )
    tail = [r for r in _tail(conn) if any(g in fold(r[2]) for g in grams)]
    return [tuple(r) for r in rows] + tail


def _ranked(query: str, row: _Row) -> tuple[_Row, int, float]:
    name = fold(row[2])
    if name == query:
        return row, 0, 1.0
    words = name.split()
    starts = name.startswith(query)
    word_start = any(" ".join(words[i:]).startswith(query) for i in range(len(words)))
    whole_words = f" {query} " in f" {name} "
    score = 2.0 * whole_words + 1.0 * starts + 0.5 * word_start + 1.0 / (1 + len(name))
    return row, 1, score


def _close(query: str, row: _Row) -> tuple[_Row, int, float] | None:
    """The row as a tier-2 hit when a run of the name's words is close to the query."""
    words = fold(row[2]).split()
    n = len(query.split())
    best = 0.0
    for size in {n, n + 1, max(1, n - 1)}:
        for i in range(max(1, len(words) - size + 1)):
            part = " ".join(words[i : i + size])
            # ratio ≤ 2·min(len)/(sum of lens), and ≤ quick_ratio: skip parts that cannot win
            bound = 2.0 * min(len(query), len(part)) / (len(query) + len(part) or 1)
            if bound < FUZZY_MIN or bound <= best:
                continue
            matcher = difflib.SequenceMatcher(None, query, part)
            if matcher.quick_ratio() <= best or matcher.quick_ratio() < FUZZY_MIN:
                continue
            best = max(best, matcher.ratio())
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
    claims = _claim_counts(conn, list(best))
    return [  # better supported entities first among equals (Steven, not Anne, Spielberg)
        Hit(h.field, h.entity_id, h.name, h.tier, h.score + 0.1 * math.log10(1 + claims.get(k, 0)))
        for k, h in best.items()
    ]


def _claim_counts(conn: sqlite3.Connection, keys: list[tuple[str, int]]) -> dict:
    out: dict[tuple[str, int], int] = {}
    for field in FIELDS:
        ids = sorted(i for f, i in keys if f == field)
        column = _ENTITY_COLUMN[field]
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" for _ in chunk)
            rows = conn.execute(
                f"SELECT {column}, count(*) FROM claims WHERE {column} IN ({marks})"
                f" GROUP BY {column}",
                chunk,
            )
            out.update({(field, r[0]): r[1] for r in rows})
    return out


def people_with_name_keys(conn: sqlite3.Connection, text: str, limit: int = 20) -> list[int]:
    """People one of whose spellings has the same blocking key as ``text``: the same name in
    another romanization or order ("Je-hoon Lee" → Lee Je-hoon). Exact keys only."""
    if not normalize_name(text):
        return []
    keys = sorted(person_keys(text))
    marks = ",".join("?" for _ in keys)
    rows = conn.execute(
        f"SELECT person_id, count(*) FROM person_keys WHERE key IN ({marks})"
        " GROUP BY person_id ORDER BY 2 DESC, 1 LIMIT ?",
        (*keys, limit),
    )
    return [r[0] for r in rows]


def has_index(conn: sqlite3.Connection) -> bool:
    row = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'search_state'").fetchone()
    return row is not None


def has_words(conn: sqlite3.Connection) -> bool:
    row = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'search_words'").fetchone()
    return row is not None


def _add_words(conn: sqlite3.Connection, after_name: int) -> None:
    """Index the words of the names above ``after_name`` (``search_names`` ids)."""
    rows = conn.execute("SELECT id, name FROM search_names WHERE id > ?", (after_name,))
    batch: list[tuple[str, int, int]] = []
    for name_id, name in rows:
        folded = fold(name)
        batch += [(word, len(folded), name_id) for word in set(folded.split())]
        if len(batch) > 50_000:
            conn.executemany("INSERT OR IGNORE INTO search_words VALUES (?, ?, ?)", batch)
            batch = []
    conn.executemany("INSERT OR IGNORE INTO search_words VALUES (?, ?, ?)", batch)


def rebuild_index(conn: sqlite3.Connection) -> None:
    """Build the index again from the claims (a repair tool; ``sync_index`` keeps it)."""
    if has_words(conn):
        conn.execute("DELETE FROM search_words")
    conn.execute("DELETE FROM search_names")
    conn.execute("DELETE FROM search_claims_gone")
    conn.execute("INSERT INTO search_fts (search_fts) VALUES ('delete-all')")
    conn.execute("UPDATE search_state SET synced_claim = 0")
    sync_index(conn)
