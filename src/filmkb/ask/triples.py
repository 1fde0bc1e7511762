"""Import a knowledge base of ``subject|relation|object`` lines (MetaQA / WikiMovies ``kb.txt``).

Every triple becomes a claim of one document — the file — whose text is the file itself, so
each claim's span is its line and ``show`` quotes it. The path is bulk (one transaction,
``executemany``): reading → one film per distinct subject, one person per distinct credited
name (a KB string names one entity) → linking to films and people already in the store
(pages) through the store's own rules (``resolve.films.judge_candidate``; people by a
confirmed spelling match plus a shared film) → inserting films, persons, mentions, claims
and blocking keys. Re-importing the same file (same sha256) is a no-op; a changed file
replaces its claims.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from filmkb.errors import ReadError
from filmkb.resolve.films import FilmMention, as_year, film_facts, judge_candidate
from filmkb.resolve.names import match_person, person_keys, title_key
from filmkb.store import claims as store

EXTRACTOR, VERSION = "triples", "1"
DOCUMENT_KIND = "kb"
# KB relation → filmkb claim property (unknown relations are kept under their own name)
RELATIONS = {
    "directed_by": "director",
    "written_by": "writer",
    "starred_actors": "cast",
    "release_year": "year",
    "in_language": "language",
    "has_genre": "genre",
    "has_tags": "tag",
    "has_imdb_rating": "imdb_rating",
    "has_imdb_votes": "imdb_votes",
}
PERSON_PROPERTIES = ("director", "writer", "cast")


@dataclass
class ImportResult:
    source: str
    status: str  # ingested | replaced | unchanged
    triples: int = 0
    films: int = 0
    persons: int = 0
    linked_films: int = 0  # KB films that joined a film already in the store
    linked_persons: int = 0
    skipped_lines: int = 0


@dataclass
class _Triple:
    subject: str
    prop: str
    obj: str
    start: int
    end: int


@dataclass
class _Parsed:
    triples: list[_Triple] = field(default_factory=list)
    skipped: int = 0


def parse_triples(text: str) -> _Parsed:
    """Lines ``subject|relation|object`` → triples with their character spans; dupes dropped."""
    parsed = _Parsed()
    seen: set[tuple[str, str, str]] = set()
    pos = 0
    for line in text.splitlines(keepends=True):
        start, pos = pos, pos + len(line)
        body = line.rstrip("\r\n")
        parts = body.split("|", 2)
        if len(parts) != 3 or not all(p.strip() for p in parts):
            parsed.skipped += bool(body.strip())
            continue
        subject, relation, obj = (p.strip() for p in parts)
        prop = RELATIONS.get(relation, relation)
        key = (subject, prop, obj)
        if key in seen:
            continue
        seen.add(key)
        parsed.triples.append(_Triple(subject, prop, obj, start, start + len(body)))
    return parsed


def import_triples(conn: sqlite3.Connection, path: str | Path) -> ImportResult:
    """Bulk-import a triples file into the store (one transaction)."""
    source = str(path)
    try:
        raw = Path(path).read_bytes()
        text = raw.decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise ReadError(f"cannot read triples ({err})", source) from err
    sha = hashlib.sha256(raw).hexdigest()
    conn.execute("BEGIN IMMEDIATE")
    try:
        result = _import(conn, source, text, sha)
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
    return result


def reimport_document(conn: sqlite3.Connection, document_id: int) -> ImportResult:
    """Import a stored KB document again from its stored text, inside the caller's
    transaction — for ``FilmKB.rebuild``, which would otherwise replay the KB's claims as
    page extractions (losing languages, tags and ratings, one claim at a time)."""
    row = conn.execute(
        "SELECT source, sha256, text FROM documents WHERE id = ?", (document_id,)
    ).fetchone()
    if row is None:
        raise ReadError("no such document", str(document_id))
    source, sha, text = row[0], row[1], row[2]
    store.delete_document(conn, document_id)
    return _import(conn, source, text, sha)


def is_triples_document(conn: sqlite3.Connection, document_id: int) -> bool:
    row = conn.execute("SELECT kind FROM documents WHERE id = ?", (document_id,)).fetchone()
    return row is not None and row[0] == DOCUMENT_KIND


def _import(conn: sqlite3.Connection, source: str, text: str, sha: str) -> ImportResult:
    old = store.find_document(conn, source)
    status = "ingested"
    if old is not None:
        if old["sha256"] == sha:
            return ImportResult(source, "unchanged")
        store.delete_document(conn, old["id"])
        status = "replaced"
    parsed = parse_triples(text)
    cur = conn.execute(
        "INSERT INTO documents (source, sha256, kind, media_type, title, text)"
        " VALUES (?, ?, ?, 'text/plain', ?, ?)",
        (source, sha, DOCUMENT_KIND, Path(source).name, text),
    )
    doc_id = int(cur.lastrowid)
    result = ImportResult(source, status, triples=len(parsed.triples), skipped_lines=parsed.skipped)

    # films: one per distinct subject, in order of first appearance
    subjects: dict[str, int] = {}  # subject → film index in this document
    first_span: dict[str, tuple[int, int]] = {}
    by_film: dict[str, list[_Triple]] = defaultdict(list)
    for t in parsed.triples:
        if t.subject not in subjects:
            subjects[t.subject] = len(subjects)
            first_span[t.subject] = (t.start, t.start + len(t.subject))
        by_film[t.subject].append(t)
    film_ids, linked = _link_films(conn, subjects, by_film)
    result.films, result.linked_films = len(subjects) - linked, linked

    # persons: one per distinct credited name
    person_films: dict[str, set[int]] = defaultdict(set)
    for t in parsed.triples:
        if t.prop in PERSON_PROPERTIES:
            person_films[t.obj].add(film_ids[t.subject])
    person_ids, person_rules, linked = _link_persons(conn, person_films)
    result.persons, result.linked_persons = len(person_films) - linked, linked

    conn.executemany(
        "INSERT INTO mentions (document_id, film_index, film_id, rule) VALUES (?, ?, ?, ?)",
        [(doc_id, i, film_ids[s], "triples: subject string") for s, i in subjects.items()],
    )
    rows = []
    for subject, index in subjects.items():
        start, end = first_span[subject]
        rows.append((doc_id, index, film_ids[subject], "title", _json(subject), start, end,
                     None, None))  # fmt: skip
    for t in parsed.triples:
        value: object = t.obj
        person = rule = None
        if t.prop == "cast":
            value = {"actor": t.obj, "character": None}
        elif t.prop == "year":
            value = as_year(t.obj) or t.obj
        if t.prop in PERSON_PROPERTIES:
            person, rule = person_ids[t.obj], person_rules[t.obj]
        rows.append((doc_id, subjects[t.subject], film_ids[t.subject], t.prop, _json(value),
                     t.start, t.end, person, rule))  # fmt: skip
    conn.executemany(
        'INSERT INTO claims (document_id, film_index, film_id, property, value, start, "end",'
        " person_id, person_rule, extractor, version) VALUES (?,?,?,?,?,?,?,?,?,"
        f" '{EXTRACTOR}', '{VERSION}')",
        rows,
    )
    conn.executemany(
        "INSERT INTO film_keys (key, film_id, document_id) VALUES (?, ?, ?)",
        [(title_key(s), film_ids[s], doc_id) for s in subjects if title_key(s)],
    )
    conn.executemany(
        "INSERT INTO person_keys (key, person_id, document_id) VALUES (?, ?, ?)",
        [(k, person_ids[n], doc_id) for n in person_films for k in person_keys(n) if k],
    )
    return result


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _next_id(conn: sqlite3.Connection, table: str) -> int:
    return int(conn.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {table}").fetchone()[0])


def _link_films(
    conn: sqlite3.Connection, subjects: dict[str, int], by_film: dict[str, list[_Triple]]
) -> tuple[dict[str, int], int]:
    """subject → film id: an existing film when the store's film rules accept it, else new."""
    existing: dict[str, list[int]] = defaultdict(list)
    for key, film_id in conn.execute("SELECT DISTINCT key, film_id FROM film_keys"):
        existing[key].append(film_id)
    film_ids: dict[str, int] = {}
    linked = 0
    fresh = []
    for subject in subjects:
        link = _existing_film(conn, subject, by_film[subject], existing.get(title_key(subject)))
        if link is not None:
            film_ids[subject] = link
            linked += 1
        else:
            fresh.append(subject)
    next_id = _next_id(conn, "films")
    for offset, subject in enumerate(fresh):
        film_ids[subject] = next_id + offset
    conn.executemany("INSERT INTO films (id) VALUES (?)", [(film_ids[s],) for s in fresh])
    return film_ids, linked


def _existing_film(
    conn: sqlite3.Connection, subject: str, triples: list[_Triple], candidates: list[int] | None
) -> int | None:
    if not candidates:
        return None
    years = {as_year(t.obj) for t in triples if t.prop == "year"} - {None}
    mention = FilmMention(
        title=subject,
        year=next(iter(years)) if len(years) == 1 else None,
        directors=[t.obj for t in triples if t.prop == "director"],
        people=[t.obj for t in triples if t.prop in PERSON_PROPERTIES],
    )
    scored = []
    for film_id in sorted(set(candidates)):
        verdict = judge_candidate(mention, film_facts(conn, film_id))
        if verdict is not None and verdict[0] > 0:
            scored.append((verdict[0], film_id))
    scored.sort(key=lambda s: (-s[0], s[1]))
    if scored and (len(scored) == 1 or scored[0][0] > scored[1][0]):
        return scored[0][1]
    return None


def _link_persons(
    conn: sqlite3.Connection, person_films: dict[str, set[int]]
) -> tuple[dict[str, int], dict[str, str], int]:
    """name → person id: an existing person sharing a film and a matching spelling, else new."""
    ids: dict[str, int] = {}
    rules: dict[str, str] = {}
    has_people = conn.execute("SELECT 1 FROM persons LIMIT 1").fetchone() is not None
    linked = 0
    if has_people:
        for name, films in person_films.items():
            found = _existing_person(conn, name, films)
            if found is not None:
                ids[name], rules[name] = found
                linked += 1
    next_id = _next_id(conn, "persons")
    fresh = [n for n in person_films if n not in ids]
    for offset, name in enumerate(fresh):
        ids[name] = next_id + offset
        rules[name] = "triples: same name in the file"
    conn.executemany("INSERT INTO persons (id) VALUES (?)", [(ids[n],) for n in fresh])
    return ids, rules, linked


def _existing_person(
    conn: sqlite3.Connection, name: str, films: set[int]
) -> tuple[int, str] | None:
    for person in store.lookup_keys(conn, "person_keys", "person_id", person_keys(name)):
        rows = conn.execute(
            "SELECT DISTINCT film_id, value, property FROM claims WHERE person_id = ?", (person,)
        ).fetchall()
        shared = {r[0] for r in rows} & films
        if not shared:
            continue
        for _, raw, _prop in rows:
            value = json.loads(raw)
            spelling = value.get("actor") if isinstance(value, dict) else value
            if spelling and match_person(name, str(spelling)).same:
                rule = match_person(name, str(spelling)).rule
                return person, f"{rule}; shared film (triples)"
    return None
