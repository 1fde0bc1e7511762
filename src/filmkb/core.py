"""``FilmKB``: the one object that owns the database; the CLI and the web only build it.

Ingest, per document and in one transaction: read → extract → find the stored document
(same source + same sha256 → unchanged; new sha256 → its old claims are retracted) →
store the document → resolve each film mention (``resolve.films``; in a review feed, rows
naming the same film share the first row's film) → store the claims →
resolve people for the whole document (``resolve.people``) → resolve characters
(``resolve.characters``). An error rolls back that document only.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from filmkb import facts
from filmkb.documents import iter_paths, read_document
from filmkb.errors import FilmKBError, NotFound, ReadError
from filmkb.extract import extract_document
from filmkb.resolve.characters import Role, resolve_character
from filmkb.resolve.films import FilmMention, resolve_film
from filmkb.resolve.names import title_key
from filmkb.resolve.people import Credit, resolve_people
from filmkb.reviews.critics import add_critics
from filmkb.reviews.store import ImportReviewsReport, import_reviews
from filmkb.store import claims as store
from filmkb.store import lookups, records
from filmkb.store.db import connect, connect_read_only, migrate
from filmkb.store.schema import all_migrations
from filmkb.store.search import needs_sync, sync_index
from filmkb.types import REVIEW_FEED, DocumentExtraction

INGESTED, UNCHANGED, REPLACED, ERROR = "ingested", "unchanged", "replaced", "error"
# claims whose value is a person's name: resolved to person entities (cast: its actor)
_PERSON_PROPS = frozenset(f.name for f in facts.of_kind(facts.PERSON))


@dataclass
class IngestResult:
    """What happened to one file."""

    source: str
    status: str  # ingested | unchanged | replaced | error
    reason: str | None = None  # why it failed
    films: int = 0
    claims: int = 0


@dataclass
class IngestReport:
    results: list[IngestResult] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)

    @property
    def errors(self) -> list[IngestResult]:
        return [r for r in self.results if r.status == ERROR]

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        parts = [f"{self.count(s)} {s}" for s in (INGESTED, REPLACED, UNCHANGED, ERROR)]
        return ", ".join(parts)


class FilmKB:
    """Film records built from pages: ``FilmKB(":memory:")`` or ``FilmKB("filmkb.db")``.

    One connection; writes take ``self.lock`` so that threads (a web server) may share the
    object — all writes go through one writer. Readers on other threads may open their own
    ``FilmKB`` on the same file (WAL lets them read while one writes).
    """

    def __init__(self, db_path: str | Path = ":memory:", *, read_only: bool = False):
        self.db_path = str(db_path)
        self.lock = threading.RLock()
        self.read_only = read_only
        if read_only:  # an existing file, opened mode=ro, no migration (``filmkb serve``)
            self.conn: sqlite3.Connection = connect_read_only(self.db_path)
            return
        self.conn = connect(self.db_path)
        migrate(self.conn, all_migrations())

    def close(self) -> None:
        if not self.read_only and needs_sync(self.conn):  # e.g. after import_triples
            with self._transaction():  # its end syncs the name search index
                sync_index(self.conn)
        self.conn.close()

    def __enter__(self) -> FilmKB:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- writing ------------------------------------------------------------------------

    def ingest(
        self,
        paths: Iterable[str | Path],
        progress: Callable[[IngestResult], None] | None = None,
    ) -> IngestReport:
        """Read, extract and store every file under ``paths``; bad files are reported."""
        report = IngestReport()
        for path in iter_paths(paths):
            try:
                extraction = extract_document(read_document(path))
                result = self.ingest_extraction(extraction)
            except FilmKBError as err:
                result = IngestResult(str(path), ERROR, f"[{err.code}] {err.message}")
            except Exception as err:  # an extractor bug must not stop the batch
                result = IngestResult(str(path), ERROR, f"{type(err).__name__}: {err}")
            report.results.append(result)
            if progress is not None:
                progress(result)
        return report

    def ingest_extraction(self, extraction: DocumentExtraction) -> IngestResult:
        """Store one document's extraction atomically (unchanged / replaced / ingested)."""
        doc = extraction.document
        if doc.source == store.USER_SOURCE:
            raise ReadError("reserved source name", doc.source)
        with self._transaction():
            old = store.find_document(self.conn, doc.source)
            status = INGESTED
            if old is not None:
                if old["sha256"] == doc.sha256:
                    return IngestResult(doc.source, UNCHANGED)
                store.delete_document(self.conn, old["id"])
                status = REPLACED
            kind = extraction.kind.value if extraction.kind else None
            doc_id = store.insert_document(self.conn, doc, kind)
            films = self._store_claims(doc_id, extraction)
            count = self.conn.execute(
                "SELECT count(*) FROM claims WHERE document_id = ?", (doc_id,)
            ).fetchone()[0]
        return IngestResult(doc.source, status, films=films, claims=count)

    def _store_claims(self, doc_id: int, extraction: DocumentExtraction) -> int:
        film_ids: dict[int, int | None] = {}
        used: set[int] = set()
        # Two films of one page are never one film, but a feed's rows that say the same
        # about a film (title, year) are reviews of one film: the first row's link is theirs.
        feed = extraction.kind is not None and extraction.kind.value == REVIEW_FEED
        seen: dict[tuple, int] = {}
        for index, film in enumerate(extraction.films):
            mention = FilmMention.from_extraction(film)
            first = index
            if feed and mention.keys():
                first = seen.setdefault(mention.identity(), index)
            if first != index:
                film_ids[index] = film_ids[first]
                rule = f"same film as mention {first} of this document"
                store.insert_mention(self.conn, doc_id, index, film_ids[index], rule)
                continue
            link = resolve_film(self.conn, mention, doc_id, used)
            store.insert_mention(self.conn, doc_id, index, link.film_id, link.rule)
            film_ids[index] = link.film_id
            if link.film_id is not None:
                used.add(link.film_id)
        credits: list[Credit] = []
        roles: list[tuple[int, dict[str, Any], int | None]] = []
        for claim in extraction.iter_claims():
            film_id = film_ids.get(claim.film_index) if claim.film_index is not None else None
            claim_id = store.insert_claim(self.conn, doc_id, claim, film_id)
            if claim.property in _PERSON_PROPS and claim.value:  # directors, composers, …
                credits.append(Credit(claim_id, str(claim.value), film_id))
            elif claim.property == "cast" and isinstance(claim.value, dict):
                if claim.value.get("actor"):
                    credits.append(Credit(claim_id, str(claim.value["actor"]), film_id))
                roles.append((claim_id, claim.value, film_id))
        merges = store.overrides(self.conn, "merge")
        splits = store.overrides(self.conn, "split")
        links = resolve_people(self.conn, doc_id, credits, merges, splits)
        for claim_id, link in links.items():
            self.conn.execute(
                "UPDATE claims SET person_id = ?, person_rule = ? WHERE id = ?",
                (link.person_id, link.rule, claim_id),
            )
        for claim_id, value, film_id in roles:
            if value.get("character") and film_id is not None:
                person = links[claim_id].person_id if claim_id in links else None
                role = Role(claim_id, str(value["character"]), film_id, person)
                resolve_character(self.conn, doc_id, role, merges, splits)
        return len({f for f in film_ids.values() if f is not None})

    def import_reviews(self, path: str | Path) -> ImportReviewsReport:
        """Store a CSV / JSONL review feed as one document (``filmkb.reviews.store``)."""
        return import_reviews(self, path)

    def forget(self, source: str) -> bool:
        """Retract every claim of a source; False when the source is not stored."""
        with self._transaction():
            row = store.find_document(self.conn, source)
            if row is None:
                return False
            store.delete_document(self.conn, row["id"])
        return True

    def merge(
        self, entity: str, a: str, b: str, film: str | None = None, year: int | None = None
    ) -> None:
        """Record that names ``a`` and ``b`` are one person (or one character of ``film``)."""
        self._override("merge", {"entity": entity, "names": [a, b], "film": _film(film, year)})

    def split(self, entity: str, name: str, film: str, year: int | None = None) -> None:
        """Record that ``name`` in ``film`` is its own person (or character)."""
        self._override("split", {"entity": entity, "name": name, "film": _film(film, year)})

    def _override(self, prop: str, value: dict[str, Any]) -> None:
        if value["entity"] not in ("person", "character"):
            raise FilmKBError(f"can only {prop} 'person' or 'character', not {value['entity']!r}")
        if value["entity"] == "character" and not value["film"]:
            raise FilmKBError(f"{prop} of characters needs the film")
        names = set(value.get("names") or [value.get("name")])
        opposite = "split" if prop == "merge" else "merge"
        with self._transaction():  # the latest word wins: drop opposite overrides of a name
            for claim_id, old in store.override_rows(self.conn, opposite):
                old_names = set(old.get("names") or [old.get("name")])
                if old["entity"] == value["entity"] and old_names & names:
                    store.remove_claim(self.conn, claim_id)
            store.add_override(self.conn, prop, value)
        self.rebuild()

    def rebuild(self) -> None:
        """Resolve every stored document again, in ingest order (applies user overrides)."""
        rows = self.conn.execute(
            "SELECT id FROM documents WHERE source != ? ORDER BY id", (store.USER_SOURCE,)
        ).fetchall()
        with self._transaction():
            self.conn.execute(
                "UPDATE claims SET film_id = NULL, person_id = NULL, person_rule = NULL,"
                " character_id = NULL, character_rule = NULL"
            )
            for table in ("mentions", "film_keys", "person_keys", "character_keys"):
                self.conn.execute(f"DELETE FROM {table}")
            for table in ("characters", "persons", "films"):
                self.conn.execute(f"DELETE FROM {table}")
            from filmkb.ask.triples import is_triples_document, reimport_document

            for (doc_id,) in rows:
                if is_triples_document(self.conn, doc_id):
                    # a knowledge base is imported again from its text, not replayed as a page
                    reimport_document(self.conn, doc_id)
                else:
                    self._reresolve(doc_id)

    def _reresolve(self, doc_id: int) -> None:
        extraction = _stored_extraction(self.conn, doc_id)
        self.conn.execute("DELETE FROM claims WHERE document_id = ?", (doc_id,))
        self._store_claims(doc_id, extraction)

    # --- reading ------------------------------------------------------------------------

    def films(self) -> list[dict[str, Any]]:
        """One summary per film: id, title, year, preferred directors, documents."""
        return [records.film_summary(self.conn, f) for f in records.list_film_ids(self.conn)]

    def find_films(self, title: str, year: int | None = None) -> list[dict[str, Any]]:
        ids = records.find_film_ids(self.conn, title, year)
        return [records.film_summary(self.conn, f) for f in ids]

    def film_record(self, film_id: int) -> dict[str, Any]:
        """The ranked record, with ``reviews`` items and the ``critics`` aggregate."""
        record = records.film_record(self.conn, film_id)
        if record is None:
            raise NotFound(f"no film with id {film_id}")
        return add_critics(record, lambda source: lookups.document_text(self.conn, source))

    def export(self) -> dict[str, Any]:
        return {"films": [self.film_record(f) for f in records.list_film_ids(self.conn)]}

    def documents(self) -> list[dict[str, Any]]:
        rows = self.conn.execute(
            "SELECT id, source, sha256, kind, ingested_at FROM documents ORDER BY id"
        )
        return [dict(r) for r in rows]

    # --- browsing (cheap reads for the web pages; see ``store.lookups``) ----------------

    def count_films(self) -> int:
        return lookups.count_films(self.conn)

    def film_titles(self, film_ids: list[int]) -> dict[int, dict[str, Any]]:
        """``{id: {"title", "year"}}`` without building whole records."""
        return lookups.film_titles(self.conn, film_ids)

    def film_ids(self, limit: int = 50, offset: int = 0) -> list[int]:
        return lookups.film_ids_page(self.conn, limit, offset)

    def search(self, text: str, limit: int = 50) -> dict[str, list[int]]:
        """Film ids by title and person ids by name (any stored spelling)."""
        return {
            "films": lookups.search_film_ids(self.conn, text, limit),
            "people": lookups.search_person_ids(self.conn, text, limit),
        }

    def film_ids_titled(self, title: str) -> list[int]:
        """Films with a stored title equal to ``title`` (as ``title_key`` compares)."""
        return lookups.exact_film_ids(self.conn, title_key(title))

    def person_claims(self, person_id: int) -> list[dict[str, Any]]:
        return lookups.person_claims(self.conn, person_id)

    def character_claims(self, character_id: int) -> list[dict[str, Any]]:
        return lookups.character_claims(self.conn, character_id)

    def document(self, document_id: int) -> dict[str, Any]:
        """One stored document with its text and claims (spans into the text)."""
        row = lookups.document(self.conn, document_id)
        if row is None:
            raise NotFound(f"no document with id {document_id}")
        row["claims"] = lookups.document_claims(self.conn, document_id)
        return row

    def document_ids(self, sources: list[str]) -> dict[str, int]:
        return lookups.document_ids(self.conn, sources)

    # --- plumbing -----------------------------------------------------------------------

    def _transaction(self) -> _Transaction:
        return _Transaction(self.conn, self.lock)


class _Transaction:
    """BEGIN IMMEDIATE … COMMIT (ROLLBACK on error), holding the writer lock."""

    def __init__(self, conn: sqlite3.Connection, lock: threading.RLock):
        self.conn = conn
        self.lock = lock

    def __enter__(self) -> None:
        self.lock.acquire()
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except BaseException:
            self.lock.release()
            raise

    def __exit__(self, exc_type: object, *rest: object) -> None:
        try:
            if exc_type is None:
                sync_index(self.conn)  # the name search's FTS index (``store.search``)
            self.conn.execute("ROLLBACK" if exc_type is not None else "COMMIT")
        finally:
            self.lock.release()


def _film(title: str | None, year: int | None) -> dict[str, Any] | None:
    return {"title": title, "year": year} if title else None


def _stored_extraction(conn: sqlite3.Connection, doc_id: int) -> DocumentExtraction:
    """Rebuild a DocumentExtraction from a document's stored claims (for ``rebuild``)."""
    from filmkb.store.replay import stored_extraction

    return stored_extraction(conn, doc_id)
