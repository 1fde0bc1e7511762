"""Film mentions → film entities (get-or-create through the ``film_keys`` blocking table).

A mention joins an existing film only when a title matches (``match_title`` on the title or
the original title) and nothing contradicts it, and when there is support:

* contradiction: both years known and more than 1 apart; both original titles known and
  different; both sides name directors and none is shared → never the same film;
* support: the same year (a year 1 apart counts less), the same original title, a shared director/writer/actor, or —
  when nothing else is known — the title being unique in the store.

Several supported candidates with equal support → a new film (precision first).
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from filmkb.resolve.names import match_person, match_title, title_key
from filmkb.store import evidence
from filmkb.store.claims import new_entity
from filmkb.store.resolution import add_film_keys, film_candidates
from filmkb.types import FilmExtraction


@dataclass
class FilmMention:
    """What a document says that identifies a film."""

    title: str | None = None
    original_title: str | None = None
    year: int | None = None
    directors: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)  # directors, writers, actors

    @classmethod
    def from_extraction(cls, film: FilmExtraction) -> FilmMention:
        directors = [str(f.value) for f in film.directors]
        writers = [str(f.value) for f in film.writers]
        actors = [_actor(f.value) for f in film.cast]
        return cls(
            title=_text(film.title.value) if film.title else None,
            original_title=_text(film.original_title.value) if film.original_title else None,
            year=as_year(film.year.value) if film.year else None,
            directors=directors,
            people=[p for p in directors + writers + actors if p],
        )

    def keys(self) -> set[str]:
        return {title_key(t) for t in (self.title, self.original_title) if t} - {""}

    def identity(self) -> tuple:
        """Equal for two mentions that say exactly the same about a film (a feed's rows)."""
        return (
            frozenset(self.keys()), self.year, self.original_title and title_key(self.original_title),
            tuple(sorted(self.directors)), tuple(sorted(self.people)),
        )  # fmt: skip


@dataclass(frozen=True)
class FilmLink:
    film_id: int | None
    rule: str
    created: bool = False


@dataclass
class FilmFacts:
    """What the store already says about one film (from its claims)."""

    titles: set[str] = field(default_factory=set)
    original_titles: set[str] = field(default_factory=set)
    years: Counter[int] = field(default_factory=Counter)
    directors: set[str] = field(default_factory=set)
    people: set[str] = field(default_factory=set)

    @property
    def best_year(self) -> int | None:
        return self.years.most_common(1)[0][0] if self.years else None


def resolve_film(
    conn: sqlite3.Connection, mention: FilmMention, document_id: int, exclude: set[int]
) -> FilmLink:
    """Link a film mention to a film, creating one when no candidate is safe."""
    keys = mention.keys()
    if not keys:
        return FilmLink(None, "no title")
    candidates = [c for c in _candidates(conn, keys, mention.year) if c not in exclude]
    scored: list[tuple[int, int, str]] = []
    viable: list[int] = []
    for film_id in _without_contradiction(conn, mention, candidates):
        verdict = judge_candidate(mention, film_facts(conn, film_id))
        if verdict is None:
            continue
        viable.append(film_id)
        strength, why = verdict
        if strength > 0:
            scored.append((strength, film_id, why))
    link: FilmLink | None = None
    if scored:
        scored.sort(key=lambda s: (-s[0], s[1]))
        if len(scored) == 1 or scored[0][0] > scored[1][0]:
            link = FilmLink(scored[0][1], scored[0][2])
    elif len(viable) == 1 and len(candidates) == 1:
        link = FilmLink(viable[0], "title unique in store, nothing contradicts")
    if link is None:
        rule = "new film"
        if scored:
            rule += f" (ambiguous between films {', '.join(str(s[1]) for s in scored)})"
        link = FilmLink(new_entity(conn, "films"), rule, created=True)
    assert link.film_id is not None  # each branch above links a stored film
    add_film_keys(conn, link.film_id, keys, document_id, mention.year)
    return link


def _candidates(conn: sqlite3.Connection, keys: set[str], year: int | None) -> list[int]:
    """Films sharing a title key; with a year, only films of that year ±1 or of no year."""
    return film_candidates(conn, keys, year)


def judge_candidate(mention: FilmMention, facts: FilmFacts) -> tuple[int, str] | None:
    """None when something contradicts; else (support strength, explanation)."""
    titles = facts.titles | facts.original_titles
    title_rule = None
    for mine in (mention.title, mention.original_title):
        for theirs in titles:
            if mine and match_title(mine, theirs).same:
                title_rule = f"title {mine!r} ~ {theirs!r} ({match_title(mine, theirs).rule})"
                break
        if title_rule:
            break
    if title_rule is None:
        return None
    strength = 0
    why = [title_rule]
    best = facts.best_year
    if mention.year is not None and best is not None:
        if abs(mention.year - best) > 1:
            return None
        strength += 3 if mention.year == best else 1  # the same year beats a neighbour
        why.append(f"year {mention.year} ~ {best}")
    if mention.original_title and facts.original_titles:
        if not any(match_title(mention.original_title, o).same for o in facts.original_titles):
            return None
        strength += 2
        why.append(f"same original title {mention.original_title!r}")
    if mention.directors and facts.directors:
        if not any(_any_person(d, facts.directors) for d in mention.directors):
            return None
    shared = sorted({p for p in mention.people if _any_person(p, facts.people)})
    if shared:
        strength += len(shared)
        why.append("shared " + ", ".join(shared))
    return strength, "; ".join(why)


def _without_contradiction(
    conn: sqlite3.Connection, mention: FilmMention, candidates: list[int]
) -> list[int]:
    """Drop candidates whose best year or original titles contradict, in one query each
    (a popular title has dozens of films: their credits are loaded only when needed)."""
    if not candidates or (mention.year is None and not mention.original_title):
        return candidates
    years: dict[int, Counter[int]] = {}
    originals: dict[int, set[str]] = {}
    rows = evidence.films_evidence(conn, candidates, ("year", "original_title"))
    for film_id, prop, raw, count in rows:
        value = _loads(raw)
        if prop == "year" and (year := as_year(value)) is not None:
            years.setdefault(film_id, Counter())[year] += count
        elif prop == "original_title":
            originals.setdefault(film_id, set()).add(_text(value))
    keep = []
    for film_id in candidates:
        counted = years.get(film_id)
        best = counted.most_common(1)[0][0] if counted else None
        if mention.year is not None and best is not None and abs(mention.year - best) > 1:
            continue
        theirs = originals.get(film_id)
        if mention.original_title and theirs:
            if not any(match_title(mention.original_title, o).same for o in theirs):
                continue
        keep.append(film_id)
    return keep


def film_facts(conn: sqlite3.Connection, film_id: int) -> FilmFacts:
    """Titles, years and credited names the store has for a film (its evidence rows: the
    distinct values, however many pages state them)."""
    found = evidence.film_evidence(conn, film_id)
    return facts_from_evidence(found)


def facts_from_evidence(found: evidence.FilmEvidence) -> FilmFacts:
    facts = FilmFacts()
    for raw, documents in found.years:
        year = as_year(_loads(raw))
        if year is not None:
            facts.years[year] += documents
    for prop, raws in found.values.items():
        for raw in raws:
            value = _loads(raw)
            if value is None:
                continue
            if prop == "title":
                facts.titles.add(_text(value))
            elif prop == "original_title":
                facts.original_titles.add(_text(value))
            elif prop == "director":
                facts.directors.add(str(value))
                facts.people.add(str(value))
            elif prop in ("writer", "cast") and value:
                facts.people.add(str(value))
    return facts


@lru_cache(maxsize=1 << 16)
def _loads(raw: str) -> Any:
    """json.loads for stored claim values, which repeat across documents (read-only use)."""
    return json.loads(raw)


def as_year(value: object) -> int | None:
    try:
        year = int(str(value)[:4])
    except (TypeError, ValueError):
        return None
    return year if 1870 <= year <= 2100 else None


def _any_person(name: str, names: set[str]) -> bool:
    return any(match_person(name, other).same for other in names)


def _actor(value: object) -> str:
    if isinstance(value, dict):
        return str(value.get("actor") or "")
    return str(getattr(value, "actor", "") or "")


def _text(value: object) -> str:
    return str(value).strip()
