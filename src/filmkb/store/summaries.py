"""What the pages show, kept beside the claims so that a read touches only its own rows.

* ``claims.quote``: the text of a claim's span, stored with the claim — a film page never
  reads (or slices) a source's whole text, even when that source is a 45 MB triples file.
* ``film_heads``: per film, the best-supported title and year and its slug base
  (``escape-2024``); lists, links and filmographies read these instead of title claims.
* ``person_names``: per person and spelling, the documents, the kind-weighted score, the
  best kind's weight and the rules that linked it; ``person_heads``: per person, the name
  shown and the number of documents and films; ``person_films``: per person and film, the
  film's year and title, indexed in the order a filmography is shown (newest first), so
  that a page of it is an index range. A film page names its cast from these instead of
  reading every claim of every actor.

``store.summary_sync`` keeps them current at the end of every write transaction. Readers
ask ``is_fresh`` first: when a writer bypassed the sync (``import_triples`` runs its own
transaction until the store is next written or closed), they compute from the claims.
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

Row = dict[str, Any]

KIND_WEIGHT = {
    "listing": 3.0, "press_release": 3.0, "news": 2.0, "review": 2.0, "review_feed": 2.0,
    "blog": 1.0,
}  # fmt: skip
DEFAULT_WEIGHT = 1.0
CHUNK = 500
MAX_RULES = 10  # rules kept per spelling (the first ones)
# the name a credit claim writes: a cast credit's actor, else the value itself
_NAME = (
    "CASE WHEN json_type(c.value) = 'object' THEN json_extract(c.value, '$.actor')"
    " ELSE json_extract(c.value, '$') END"
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
    and the resolution rules that linked it (first use first, at most ``MAX_RULES``: a
    person credited on thousands of pages has as many "shared co-worker …" rules)."""

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
        if rule and len(s.rules) < MAX_RULES and rule not in s.rules:
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


def quote_of(text: str, start: int | None, end: int | None) -> str:
    """The quoted text of a span; a claim without a span quotes nothing."""
    if start is None and end is None:
        return ""
    return text[start:end]


def _film_values(
    conn: sqlite3.Connection, where: str, args: list[Any], hint: str = ""
) -> dict[tuple[int, str, Any], tuple[float, int, int]]:
    """``{(film, "title" | "year", value): (score, first document, first claim)}`` of the
    title and year claims matching ``where`` (years as numbers; unreadable years skipped;
    ``hint``: an index hint for ``claims c``)."""
    rows = conn.execute(
        "SELECT c.film_id, c.property, c.value, c.document_id, d.kind, min(c.id)"
        f" FROM claims c {hint} JOIN documents d ON d.id = c.document_id"
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
