"""Import a knowledge base of ``subject|relation|object`` lines (MetaQA / WikiMovies ``kb.txt``).

Every triple becomes a claim of one document — the file — so each claim's span is its line
and ``show`` quotes it (the lines are stored one per row, ``store.kb``). The import streams:
the file is read twice line by line (once for its sha256, once to stage its lines and
triples in TEMP tables), never held whole, so memory stays bounded whatever its size. Then:
one film per distinct subject, one person per distinct credited name (a KB string names one
entity) → linking to films and people already in the store (pages) through the store's own
rules (``resolve.films.judge_candidate``; people by a confirmed spelling match plus a shared
film) → films, persons, mentions, claims and blocking keys written in batches. All of it is
one write transaction of the store's writer (``FilmKB.transaction()``). Re-importing the
same file (same sha256) is a no-op; a changed file replaces its claims.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from filmkb.errors import ReadError
from filmkb.resolve.films import FilmMention, as_year, film_facts, judge_candidate
from filmkb.resolve.names import match_person, person_keys, title_key
from filmkb.store import claims as store
from filmkb.store import evidence
from filmkb.store import kb as kb_store
from filmkb.store.kb import DOCUMENT_KIND, EXTRACTOR, PERSON_PROPERTIES, VERSION

__all__ = [
    "DOCUMENT_KIND",
    "EXTRACTOR",
    "PERSON_PROPERTIES",
    "RELATIONS",
    "VERSION",
    "ImportResult",
    "import_triples",
    "is_triples_document",
    "parse_triples",
    "reimport_document",
]

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
BATCH = 5000  # rows per executemany: what the import holds in memory at a time
READ_CHUNK = 1 << 20


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


def _positioned(lines: Iterable[str]) -> Iterator[tuple[int, str]]:
    """(start offset, line) of each line (line ends kept), as ``str.splitlines`` splits."""
    pos = 0
    for chunk in lines:
        for line in chunk.splitlines(keepends=True):
            yield pos, line
            pos += len(line)


def _triple(start: int, line: str) -> _Triple | None:
    body = line.rstrip("\r\n")
    parts = body.split("|", 2)
    if len(parts) != 3 or not all(p.strip() for p in parts):
        return None
    subject, relation, obj = (p.strip() for p in parts)
    return _Triple(subject, RELATIONS.get(relation, relation), obj, start, start + len(body))


def parse_triples(text: str) -> _Parsed:
    """Lines ``subject|relation|object`` → triples with their character spans; dupes dropped."""
    parsed = _Parsed()
    seen: set[tuple[str, str, str]] = set()
    for start, line in _positioned([text]):
        t = _triple(start, line)
        if t is None:
            parsed.skipped += bool(line.strip())
            continue
        if (t.subject, t.prop, t.obj) not in seen:
            seen.add((t.subject, t.prop, t.obj))
            parsed.triples.append(t)
    return parsed


def import_triples(kb: Any, path: str | Path) -> ImportResult:
    """Import a triples file into the store: ``kb`` is a ``FilmKB`` (its writer) or a bare
    connection (one transaction of its own)."""
    source = str(path)
    sha = _sha256(path)
    conn: sqlite3.Connection = getattr(kb, "conn", kb)
    try:
        with _transaction(kb), open(path, encoding="utf-8-sig", newline="") as handle:
            return _import(conn, source, sha, handle)
    except (OSError, UnicodeDecodeError) as err:
        raise ReadError(f"cannot read triples ({err})", source) from err


def _transaction(kb: Any) -> AbstractContextManager[Any]:
    writer = getattr(kb, "transaction", None)
    return writer() if writer is not None else kb_store.Transaction(kb)


def _sha256(path: str | Path) -> str:
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            while chunk := handle.read(READ_CHUNK):
                digest.update(chunk)
    except OSError as err:
        raise ReadError(f"cannot read triples ({err})", str(path)) from err
    return digest.hexdigest()


def reimport_document(conn: sqlite3.Connection, document_id: int) -> ImportResult:
    """Import a stored KB document again from its stored lines, inside the caller's
    transaction — for ``FilmKB.rebuild``, which would otherwise replay the KB's claims as
    page extractions (losing languages, tags and ratings, one claim at a time)."""
    row = kb_store.document_row(conn, document_id)
    if row is None:
        raise ReadError("no such document", str(document_id))
    source, sha = row
    kb_store.clear_document_facts(conn, document_id)
    return _stage_and_write(conn, ImportResult(source, "ingested"), document_id, None)


def is_triples_document(conn: sqlite3.Connection, document_id: int) -> bool:
    return kb_store.document_kind(conn, document_id) == DOCUMENT_KIND


def _import(conn: sqlite3.Connection, source: str, sha: str, lines: Iterable[str]) -> ImportResult:
    old = store.find_document(conn, source)
    status = "ingested"
    if old is not None:
        if old["sha256"] == sha:
            return ImportResult(source, "unchanged")
        store.delete_document(conn, old["id"])
        status = "replaced"
    doc_id = kb_store.insert_document(conn, source, sha, Path(source).name)
    result = _stage_and_write(conn, ImportResult(source, status), doc_id, lines)
    kb_store.fill_text(conn, doc_id)
    return result


def _stage_and_write(
    conn: sqlite3.Connection, result: ImportResult, doc_id: int, lines: Iterable[str] | None
) -> ImportResult:
    """Stage the lines (``None``: the document's stored lines), link and write; the TEMP
    tables are dropped afterwards."""
    kb_store.begin_stage(conn)
    try:
        if lines is None:
            result.skipped_lines = _stage(conn, kb_store.document_lines(conn, doc_id), None)
        else:
            result.skipped_lines = _stage(conn, lines, doc_id)
        result.triples = kb_store.staged_count(conn)
        _link_films(conn)
        _link_persons(conn)
        _write(conn, doc_id)
        counts = kb_store.linked_counts(conn)
        result.films, result.linked_films, result.persons, result.linked_persons = counts
    finally:
        kb_store.end_stage(conn)
    return result


def _stage(conn: sqlite3.Connection, lines: Iterable[str], doc_id: int | None) -> int:
    """Stage every triple (and, with ``doc_id``, store every line); the skipped line count."""
    skipped = 0
    stored: list[tuple[int, str]] = []
    triples: list[tuple[str, str, str, int, int, str]] = []
    for start, line in _positioned(lines):
        if doc_id is not None:
            stored.append((start, line))
        t = _triple(start, line)
        if t is None:
            skipped += bool(line.strip())
        else:
            triples.append((t.subject, t.prop, t.obj, t.start, t.end, line[: t.end - t.start]))
        if len(stored) >= BATCH or len(triples) >= BATCH:
            _flush(conn, doc_id, stored, triples)
    _flush(conn, doc_id, stored, triples)
    return skipped


def _flush(
    conn: sqlite3.Connection,
    doc_id: int | None,
    stored: list[tuple[int, str]],
    triples: list[tuple[str, str, str, int, int, str]],
) -> None:
    if doc_id is not None and stored:
        kb_store.add_lines(conn, doc_id, stored)
    if triples:
        kb_store.stage_triples(conn, triples)
    stored.clear()
    triples.clear()


def _batches(rows: Iterable[Any]) -> Iterator[list[Any]]:
    it = iter(rows)
    while batch := list(islice(it, BATCH)):
        yield batch


def _link_films(conn: sqlite3.Connection) -> None:
    """subject → film id: an existing film when the store's film rules accept it, else new."""
    has_films = kb_store.has_rows(conn, "films")
    next_id = kb_store.next_id(conn, "films")
    rows: list[tuple[str, int, int, int, bool]] = []
    for index, (subject, start) in enumerate(kb_store.staged_subjects(conn)):
        link = _existing_film(conn, subject) if has_films else None
        if link is not None:
            rows.append((subject, index, link, start, True))
        else:
            rows.append((subject, index, next_id, start, False))
            next_id += 1
        if len(rows) >= BATCH:
            kb_store.stage_films(conn, rows)
            rows.clear()
    kb_store.stage_films(conn, rows)
    kb_store.add_new_films(conn)


def _existing_film(conn: sqlite3.Connection, subject: str) -> int | None:
    key = title_key(subject)
    candidates = kb_store.films_keyed(conn, key) if key else []
    if not candidates:
        return None
    facts = kb_store.staged_facts_of(conn, subject)
    years = {as_year(obj) for prop, obj in facts if prop == "year"} - {None}
    mention = FilmMention(
        title=subject,
        year=next(iter(years)) if len(years) == 1 else None,
        directors=[obj for prop, obj in facts if prop == "director"],
        people=[obj for prop, obj in facts if prop in PERSON_PROPERTIES],
    )
    scored = []
    for film_id in candidates:
        verdict = judge_candidate(mention, film_facts(conn, film_id))
        if verdict is not None and verdict[0] > 0:
            scored.append((verdict[0], film_id))
    scored.sort(key=lambda s: (-s[0], s[1]))
    if scored and (len(scored) == 1 or scored[0][0] > scored[1][0]):
        return scored[0][1]
    return None


def _link_persons(conn: sqlite3.Connection) -> None:
    """name → person id: an existing person sharing a film and a matching spelling, else new."""
    has_people = kb_store.has_rows(conn, "persons")
    next_id = kb_store.next_id(conn, "persons")
    rows: list[tuple[str, int, str, bool]] = []
    for name in kb_store.staged_people(conn):
        found = _existing_person(conn, name) if has_people else None
        if found is not None:
            rows.append((name, found[0], found[1], True))
        else:
            rows.append((name, next_id, "triples: same name in the file", False))
            next_id += 1
        if len(rows) >= BATCH:
            kb_store.stage_persons(conn, rows)
            rows.clear()
    kb_store.stage_persons(conn, rows)
    kb_store.add_new_persons(conn)


def _existing_person(conn: sqlite3.Connection, name: str) -> tuple[int, str] | None:
    films: set[int] | None = None
    for person in store.lookup_keys(conn, "person_keys", "person_id", person_keys(name)):
        if films is None:
            films = kb_store.staged_films_of(conn, name)
        rows = kb_store.person_credits(conn, person)
        if not {r[0] for r in rows} & films:
            continue
        for _, raw, _prop in rows:
            value = json.loads(raw)
            spelling = value.get("actor") if isinstance(value, dict) else value
            if spelling and match_person(name, str(spelling)).same:
                rule = match_person(name, str(spelling)).rule
                return person, f"{rule}; shared film (triples)"
    return None


def _write(conn: sqlite3.Connection, doc_id: int) -> None:
    """Mentions, title claims, the triples' claims and the blocking keys, in batches."""
    kb_store.add_mentions(conn, doc_id, "triples: subject string")
    quotes = kb_store.claims_have_quotes(conn)  # a claim's quote is its subject / its line
    titles = (
        (doc_id, index, film, "title", _json(subject), start, start + len(subject), None, None,
         subject)
        for subject, index, film, start in kb_store.staged_films(conn)
    )  # fmt: skip
    # the evidence triggers would look up each claim's document once per claim (quadratic in
    # a file's triples): they are paused and the linked films' and persons' evidence rebuilt
    films = {film for _, _, film, _ in kb_store.staged_films(conn)}
    persons = {person for _, person in kb_store.staged_persons(conn)}
    with evidence.paused(conn):
        for batch in _batches(titles):
            kb_store.add_claims(conn, batch, quotes)
        for batch in _batches(kb_store.staged_claims(conn)):
            kb_store.add_claims(conn, [_claim_row(doc_id, row) for row in batch], quotes)
    evidence.recompute(conn, films, persons)
    keys = (
        (key, film, doc_id)
        for subject, _, film, _ in kb_store.staged_films(conn)
        if (key := title_key(subject))
    )
    for batch in _batches(keys):
        kb_store.add_film_keys(conn, batch)
    people = (
        (key, person, doc_id)
        for name, person in kb_store.staged_persons(conn)
        for key in person_keys(name)
        if key
    )
    for batch in _batches(people):
        kb_store.add_person_keys(conn, batch)


def _claim_row(doc_id: int, row: tuple) -> tuple:
    prop, obj, start, end, index, film, person, rule, line = row
    value: object = obj
    if prop == "cast":
        value = {"actor": obj, "character": None}
    elif prop == "year":
        value = as_year(obj) or obj
    if prop not in PERSON_PROPERTIES:
        person = rule = None
    return (doc_id, index, film, prop, _json(value), start, end, person, rule, line)


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)
