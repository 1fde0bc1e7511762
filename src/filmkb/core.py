"""``FilmKB``: the one object that owns the database; the CLI and the web only build it.

Ingest: walk the paths (``documents.iter_inputs``) → read and extract each page under
limits, in worker processes (``workers.extract_inputs``) → then, per document, in order and
in one transaction: find the stored document (same canonical source + same sha256 →
unchanged; new sha256 → its old claims are retracted; same sha256 under another source →
a duplicate, not stored twice) →
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

from filmkb import errors, facts
from filmkb.documents import Input, iter_inputs
from filmkb.documents.read import NOT_A_PAGE
from filmkb.errors import AmbiguousSource, FilmKBError, NotFound, ReadError
from filmkb.resolve.characters import Role, resolve_character
from filmkb.resolve.films import FilmMention, resolve_film
from filmkb.resolve.names import title_key
from filmkb.resolve.people import Credit, resolve_people
from filmkb.reviews.critics import add_critics
from filmkb.reviews.store import ImportReviewsReport, import_reviews
from filmkb.store import claims as store
from filmkb.store import evidence, lookups, records, resolution
from filmkb.store.db import connect, connect_read_only, migrate
from filmkb.store.schema import all_migrations
from filmkb.store.search import needs_sync, sync_index
from filmkb.store.writer import Transaction
from filmkb.types import REVIEW_FEED, DocumentExtraction
from filmkb.workers import Limits, Outcome, extract_inputs

# Re-resolution after an ingest: a connected group of up to MAX_GROUP documents is resolved
# again whole, in the canonical order (exactly what resolving every document would give);
# in a larger one, only the documents after a new one that share with it a key of at most
# MAX_KEY_DOCUMENTS documents (bounded work; order-independent up to that neighbourhood).
MAX_GROUP = 50
MAX_KEY_DOCUMENTS = 12
KB_KIND = "kb"  # an imported knowledge base (``filmkb.ask.triples``): not re-resolved as pages
INGESTED, UNCHANGED, REPLACED, DUPLICATE = "ingested", "unchanged", "replaced", "duplicate"
ERROR, SKIPPED = "error", "skipped"
STATUSES = (INGESTED, REPLACED, UNCHANGED, DUPLICATE, ERROR, SKIPPED)
# claims whose value is a person's name: resolved to person entities (cast: its actor)
_PERSON_PROPS = frozenset(f.name for f in facts.of_kind(facts.PERSON))


@dataclass
class IngestResult:
    """What happened to one file (``source``: the path as found; ``document``: as stored)."""

    source: str
    status: str  # ingested | replaced | unchanged | duplicate | error | skipped
    reason: str | None = None  # why it failed, was skipped, or is a duplicate
    films: int = 0
    claims: int = 0
    code: str | None = None  # the error code of ``reason``
    document: str | None = None  # the canonical source stored (or already stored)


@dataclass
class IngestReport:
    results: list[IngestResult] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)

    @property
    def errors(self) -> list[IngestResult]:
        return [r for r in self.results if r.status == ERROR]

    @property
    def skipped(self) -> list[IngestResult]:
        """Files passed over: not a page type (counted), or with a reason (listed)."""
        return [r for r in self.results if r.status == SKIPPED]

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        """ "3 files: 2 ingested, 1 error" — the statuses that occurred, in plain English."""
        parts = []
        for status in STATUSES:
            n = self.count(status)
            if n:
                noun = {ERROR: "error", DUPLICATE: "duplicate"}.get(status)
                parts.append(plural(n, noun) if noun else f"{n} {status}")
        not_pages = sum(1 for r in self.skipped if r.reason == NOT_A_PAGE)
        if not_pages and parts:
            parts[-1] += f" ({not_pages} not a page type)"
        return f"{plural(len(self.results), 'file')}: {', '.join(parts) or 'nothing to do'}"


def plural(n: int, noun: str) -> str:
    return f"{n:,} {noun}" + ("" if n == 1 else "s")


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
        limits: Limits | None = None,
    ) -> IngestReport:
        """Read, extract and store every page under ``paths``; bad files are reported.

        ``limits`` bounds each document (bytes; with ``jobs`` ≥ 1 also time and memory, in
        worker processes); the documents are stored here, one transaction each, in the order
        of the paths whatever the number of workers.
        """
        limits = limits or Limits()
        report = IngestReport()
        inputs = list(iter_inputs(paths))
        for item, outcome in extract_inputs(inputs, limits):
            result = self._ingest_outcome(item, outcome)
            report.results.append(result)
            if progress is not None:
                progress(result)
        self.resolve_if_needed()
        return report

    def resolve_if_needed(self) -> bool:
        """Re-resolve every document in the canonical order if documents came or went since
        the last time (``rebuild``): films, people and ranks then do not depend on the order
        or the concurrency of ingests. True when it ran."""
        if store.is_unresolved(self.conn):  # a store left so by an older version
            self.rebuild()
            return True
        return self.resolve_pending()

    def resolve_pending(self) -> bool:
        """Resolve again, in the canonical order, the documents connected to those that
        came or went (``store.resolution.connected_documents``): the same result as
        re-resolving every document, at the cost of the connected group only. True when
        there was something to do."""
        with self._transaction():
            seeds = resolution.pending_documents(self.conn)
            if not seeds:
                return False
            kbs = resolution.documents_of_kind(self.conn, KB_KIND)
            group = resolution.connected_documents(self.conn, seeds, kbs, MAX_GROUP)
            if group is None:  # a large connected group: the neighbourhood of each seed
                group = resolution.nearby_documents(self.conn, seeds, kbs, MAX_KEY_DOCUMENTS)
            self._reresolve_group(resolution.canonical_order(self.conn, group))
            resolution.clear_pending(self.conn)
        return True

    def _ingest_outcome(self, item: Input, outcome: Outcome) -> IngestResult:
        name = str(item.path)
        if isinstance(outcome, FilmKBError):
            status = SKIPPED if outcome.code in _SKIP_CODES else ERROR
            reason = NOT_A_PAGE if outcome.code == errors.NOT_A_PAGE else _reason(outcome)
            return IngestResult(name, status, reason, code=outcome.code)
        try:
            result = self.ingest_extraction(outcome)
        except FilmKBError as err:
            return IngestResult(name, ERROR, _reason(err), code=err.code)
        except Exception as err:  # a store bug must not stop the batch either
            reason = f"[{errors.EXTRACTOR_FAILED}] {type(err).__name__}: {err}"
            return IngestResult(name, ERROR, reason, code=errors.EXTRACTOR_FAILED)
        result.source = name
        return result

    def ingest_extraction(self, extraction: DocumentExtraction) -> IngestResult:
        """Store one document's extraction atomically.

        Same source and bytes: unchanged. Same source, new bytes: the old claims are
        retracted (replaced). Bytes already stored under another source (a copy, a second
        path to the file): a duplicate, not stored again, so support is counted once.
        """
        doc = extraction.document
        if doc.source == store.USER_SOURCE:
            raise ReadError("reserved source name", doc.source, errors.RESERVED)
        with self._transaction():
            old = store.find_document(self.conn, doc.source)
            status = INGESTED
            if old is not None:
                if old["sha256"] == doc.sha256:
                    return IngestResult(doc.source, UNCHANGED, document=doc.source)
                self._delete_document(old["id"])
                status = REPLACED
            same = store.find_document_by_hash(self.conn, doc.sha256, doc.source)
            if same is not None:
                reason = f"same content as {same['source']} (document {same['id']})"
                return IngestResult(doc.source, DUPLICATE, reason, document=same["source"])
            kind = extraction.kind.value if extraction.kind else None
            doc_id = store.insert_document(self.conn, doc, kind)
            films = self._store_claims(doc_id, extraction)
            resolution.mark_pending(self.conn, [doc_id])
            count = resolution.claim_count(self.conn, doc_id)
        return IngestResult(doc.source, status, films=films, claims=count, document=doc.source)

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
        resolution.link_persons(
            self.conn, [(claim, link.person_id, link.rule) for claim, link in links.items()]
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

    def forget(self, ref: str) -> bool:
        """Retract every claim of a document; False when ``ref`` names none.

        ``ref``: the stored source, a path to it (relative, or through a symlink), a
        document id, or a file name that names one document (``AmbiguousSource`` if more).
        """
        with self._transaction():
            row = self.find_document(ref)
            if row is None:
                return False
            self._delete_document(row["id"])
        self.resolve_if_needed()
        return True

    def _delete_document(self, document_id: int) -> None:
        """Retract a document; the documents it was connected to are resolved again."""
        resolution.mark_pending(self.conn, resolution.neighbour_documents(self.conn, document_id))
        store.delete_document(self.conn, document_id)

    def find_document(self, ref: str) -> dict[str, Any] | None:
        """The stored document ``ref`` names (see ``forget``): ``{"id", "source"}`` or None."""
        row = store.find_document(self.conn, ref)
        if row is None and "://" not in ref and ref != store.USER_SOURCE:
            row = store.find_document(self.conn, str(Path(ref).resolve()))
        if row is None and ref.isdigit():
            row = store.find_document_by_id(self.conn, int(ref))
        if row is None and ref and "/" not in ref:
            rows = store.find_documents_named(self.conn, ref)
            if len(rows) > 1:
                listed = [f"{r['id']}: {r['source']}" for r in rows]
                raise AmbiguousSource(f"{len(rows)} documents are named {ref!r}", listed)
            row = rows[0] if rows else None
        if row is None or row["source"] == store.USER_SOURCE:
            return None
        return {"id": row["id"], "source": row["source"]}

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

    def ask(self, question: str) -> Any:
        """Answer a question in plain English: a ``filmkb.ask.Result`` (``.names``, and each
        answer's facts with source and quote). Builds the question graph on each call; for
        many questions use ``filmkb.ask.Ask(kb)`` once."""
        from filmkb.ask import ask

        return ask(self, question)

    def rebuild(self) -> None:
        """Resolve every stored document again, in the canonical order (by content hash, not
        by arrival), applying user overrides; one transaction."""
        with self._transaction():
            rows = [(doc_id,) for doc_id in store.canonical_document_ids(self.conn)]
            with evidence.paused(self.conn):
                resolution.clear_resolution(self.conn)
                evidence.recompute(self.conn)
            from filmkb.ask.triples import is_triples_document, reimport_document

            for (doc_id,) in rows:
                if is_triples_document(self.conn, doc_id):
                    # a knowledge base is imported again from its text, not replayed as a page
                    reimport_document(self.conn, doc_id)
                else:
                    self._reresolve(doc_id)
            store.set_unresolved(self.conn, False)
            resolution.clear_pending(self.conn)

    def _reresolve(self, doc_id: int, films: int | None = None) -> None:
        extraction = _stored_extraction(self.conn, doc_id, films)
        resolution.delete_claims(self.conn, doc_id)
        self._store_claims(doc_id, extraction)

    def _reresolve_group(self, order: list[int]) -> None:
        """Drop the resolution of these documents and redo it in this order."""
        films = resolution.film_counts(self.conn, order)
        with evidence.paused(self.conn):
            film_ids, person_ids = resolution.unlink_documents(self.conn, order)
            resolution.remove_unused(self.conn, film_ids, person_ids)
            evidence.recompute(self.conn, film_ids, person_ids)
        for doc_id in order:
            self._reresolve(doc_id, films.get(doc_id))

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
        return resolution.document_rows(self.conn)

    def sources(self) -> list[dict[str, Any]]:
        """Every stored document: id, source, kind, media type, bytes, sha256, films."""
        return store.list_documents(self.conn)

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

    def _transaction(self) -> Transaction:
        return Transaction(self.conn, self.lock)

    def transaction(self) -> Transaction:
        """The one writer path, for writers outside this class (``import_triples``): the
        writer lock, BEGIN IMMEDIATE … COMMIT (ROLLBACK on error), the search index synced."""
        return self._transaction()


# reasons to pass a file over, not failures: not a page type, a symlink out of the folder
_SKIP_CODES = frozenset({errors.NOT_A_PAGE, errors.OUTSIDE_ROOT})


def _reason(err: FilmKBError) -> str:
    return f"[{err.code}] {err.message}"


def _film(title: str | None, year: int | None) -> dict[str, Any] | None:
    return {"title": title, "year": year} if title else None


def _stored_extraction(
    conn: sqlite3.Connection, doc_id: int, films: int | None = None
) -> DocumentExtraction:
    """Rebuild a DocumentExtraction from a document's stored claims (for ``rebuild``)."""
    from filmkb.store.replay import stored_extraction

    return stored_extraction(conn, doc_id, films)
