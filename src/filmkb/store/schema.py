"""The core tables. Every fact is a row of ``claims`` that points at its ``documents`` row.

* ``documents``: one per source (resolved absolute path / URL) and content (sha256: the
  same bytes under a second path are not stored twice), with kind, size and the text.
  The source ``user:`` holds user overrides (merge / split) as claims of their own.
* ``claims``: one extracted fact: film index in the document, property, JSON value, span,
  extractor + version, confidence, inferred. ``film_id`` / ``person_id`` / ``character_id``
  are the resolution links (with the rule that made them) — the film record is a view.
* ``film_keys`` also carry the year a document gives, so that a mention with a year only
  meets films of that year (±1) or of no known year — a popular title stays cheap.
* ``films`` / ``persons`` / ``characters``: canonical entities (ids only, plus a ``pin``
  set by a user split); ``*_keys``: blocking keys (get-or-create lookups, no all-pairs),
  each row owned by the document that contributed it so that ``forget`` cleans them.
* ``mentions``: which film each (document, film index) was resolved to, and why.
"""

from __future__ import annotations

from filmkb.store.db import Migration
from filmkb.store.evidence import EVIDENCE
from filmkb.store.kb import KB_MIGRATION
from filmkb.store.search import SEARCH_INDEX, SEARCH_WORDS
from filmkb.store.summary_sync import SUMMARIES

CORE = Migration(
    "0001_core",
    """
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL UNIQUE,
    sha256 TEXT NOT NULL,
    kind TEXT,
    media_type TEXT,
    title TEXT,
    text TEXT NOT NULL DEFAULT '',
    ingested_at TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE TABLE films (
    id INTEGER PRIMARY KEY,
    created_at TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE TABLE persons (
    id INTEGER PRIMARY KEY,
    pin TEXT
);
CREATE TABLE characters (
    id INTEGER PRIMARY KEY,
    film_id INTEGER NOT NULL REFERENCES films(id) ON DELETE CASCADE,
    pin TEXT
);
CREATE TABLE mentions (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    film_index INTEGER NOT NULL,
    film_id INTEGER REFERENCES films(id),
    rule TEXT,
    UNIQUE (document_id, film_index)
);
CREATE TABLE claims (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    film_index INTEGER,
    film_id INTEGER REFERENCES films(id),
    property TEXT NOT NULL,
    value TEXT NOT NULL,
    start INTEGER,
    "end" INTEGER,
    extractor TEXT,
    version TEXT,
    confidence REAL NOT NULL DEFAULT 1.0,
    inferred INTEGER NOT NULL DEFAULT 0,
    note TEXT,
    person_id INTEGER REFERENCES persons(id),
    person_rule TEXT,
    character_id INTEGER REFERENCES characters(id),
    character_rule TEXT
);
CREATE INDEX claims_film ON claims (film_id, property);
CREATE INDEX claims_person ON claims (person_id);
CREATE INDEX claims_character ON claims (character_id);
CREATE INDEX claims_document ON claims (document_id);
CREATE TABLE film_keys (
    key TEXT NOT NULL,
    film_id INTEGER NOT NULL REFERENCES films(id) ON DELETE CASCADE,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE
);
CREATE INDEX film_keys_key ON film_keys (key);
CREATE TABLE person_keys (
    key TEXT NOT NULL,
    person_id INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE
);
CREATE INDEX person_keys_key ON person_keys (key);
CREATE TABLE character_keys (
    key TEXT NOT NULL,
    character_id INTEGER NOT NULL REFERENCES characters(id) ON DELETE CASCADE,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE
);
CREATE INDEX character_keys_key ON character_keys (key);
""",
)

INDEXES = Migration(
    "0002_entity_indexes",
    """
CREATE INDEX characters_film ON characters (film_id);
CREATE INDEX mentions_film ON mentions (film_id);
CREATE INDEX film_keys_film ON film_keys (film_id);
CREATE INDEX film_keys_document ON film_keys (document_id);
CREATE INDEX person_keys_person ON person_keys (person_id);
CREATE INDEX person_keys_document ON person_keys (document_id);
CREATE INDEX character_keys_character ON character_keys (character_id);
CREATE INDEX character_keys_document ON character_keys (document_id);
""",
)

FILM_KEY_YEARS = Migration(
    "0003_film_key_years",
    """
ALTER TABLE film_keys ADD COLUMN year INTEGER;
CREATE INDEX film_keys_key_year ON film_keys (key, year);
""",
)

# A document is its canonical source plus its content: the same bytes under another path are
# found by hash; ``bytes`` is the size read (NULL for documents stored before).
# ``store_state``: "unresolved" is set when documents come or go, cleared once every document
# has been resolved again in the canonical order (so a killed rebuild is redone).
DOCUMENT_IDENTITY = Migration(
    "0004_document_identity",
    """
ALTER TABLE documents ADD COLUMN bytes INTEGER;
CREATE INDEX documents_sha256 ON documents (sha256);
CREATE TABLE store_state (key TEXT PRIMARY KEY, value TEXT);
""",
)

# Ordered; append new steps (yours or imported from your module), never reorder or edit.
MIGRATIONS: list[Migration] = [
    CORE,
    INDEXES,
    FILM_KEY_YEARS,
    DOCUMENT_IDENTITY,
    SEARCH_INDEX,
    EVIDENCE,  # 0006: resolution evidence and pending re-resolutions (store.evidence)
    KB_MIGRATION,  # 0007: KB lines, the question graph (store.kb, store.ask_graph)
    SUMMARIES,  # 0008
    SEARCH_WORDS,  # 0011
]


def all_migrations() -> list[Migration]:
    return list(MIGRATIONS)
