"""Person credits → person entities: one person per real person, whatever the spelling.

Per document: (1) credits whose names match (``match_person``) are one person — a page
uses one name for one person; (2) each group looks for candidates sharing a blocking key
(``person_keys``) and confirms them with ``match_person``; (3) a confirmed candidate is
linked only through evidence — a shared film, else a shared co-worker (someone else this
document credits, or a confirmed candidate for them, who worked on one of the candidate's
films); (4) otherwise a new person:
the same spelling in two unconnected films may be two people. User overrides: a ``merge``
links the named spellings outright; a ``split`` pins the name in one film to its own person.
Every link keeps its rule ("case-space-hyphen; shared film 'Escape'") for ``show``.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from typing import Any

from filmkb.resolve.names import match_person, person_keys, title_key
from filmkb.store import evidence
from filmkb.store import resolution as rstore
from filmkb.store.claims import add_keys, lookup_keys, new_entity


@dataclass
class Credit:
    claim_id: int
    name: str
    film_id: int | None


@dataclass(frozen=True)
class PersonLink:
    person_id: int
    rule: str


@dataclass
class _Group:
    names: list[str] = field(default_factory=list)
    films: set[int] = field(default_factory=set)
    claims: list[int] = field(default_factory=list)


def resolve_people(
    conn: sqlite3.Connection,
    document_id: int,
    credits: list[Credit],
    merges: list[dict[str, Any]] | None = None,
    splits: list[dict[str, Any]] | None = None,
) -> dict[int, PersonLink]:
    """claim id → person link for every credit of one document."""
    groups = _group(credits)
    decided: dict[int, PersonLink] = {}  # group index → link
    for i, group in enumerate(groups):
        pin = split_pin(conn, group.names, group.films, splits or [])
        if pin is not None:
            person = rstore.person_by_pin(conn, pin) or new_entity(conn, "persons", pin=pin)
            decided[i] = PersonLink(person, f"user split ({pin})")
            continue
        link = _user_merge(conn, group, merges or []) or _by_shared_film(conn, group)
        if link is not None:
            decided[i] = link
    known = {link.person_id for link in decided.values()}
    candidates = {
        i: {p for p, _ in _candidates(conn, g.names)}
        for i, g in enumerate(groups)
        if i not in decided
    }
    for i, group in enumerate(groups):
        if i not in decided:
            others = set().union(known, *(c for j, c in candidates.items() if j != i))
            link = _by_coworker(conn, group, others)
            if link is None:
                link = PersonLink(new_entity(conn, "persons"), "new person")
            decided[i] = link
    out: dict[int, PersonLink] = {}
    for i, group in enumerate(groups):
        link = decided[i]
        keys = set().union(*(person_keys(n) for n in group.names))
        add_keys(conn, "person_keys", "person_id", link.person_id, keys, document_id)
        for claim_id in group.claims:
            out[claim_id] = link
    return out


def _group(credits: list[Credit]) -> list[_Group]:
    """Credits whose names match are one group (a page uses one name for one person); a
    name is compared only with the groups sharing one of its blocking keys."""
    groups: list[_Group] = []
    by_key: dict[str, list[int]] = {}
    for credit in credits:
        keys = person_keys(credit.name)
        near = sorted({i for k in keys for i in by_key.get(k, ())})
        for index in near:
            if any(match_person(credit.name, n).same for n in groups[index].names):
                break
        else:
            index = len(groups)
            groups.append(_Group())
        group = groups[index]
        for key in keys:
            if index not in by_key.setdefault(key, []):
                by_key[key].append(index)
        if credit.name not in group.names:
            group.names.append(credit.name)
        if credit.film_id is not None:
            group.films.add(credit.film_id)
        group.claims.append(credit.claim_id)
    return groups


def _candidates(conn: sqlite3.Connection, names: list[str]) -> list[tuple[int, str]]:
    """(person id, match rule) for unpinned persons whose spellings match one of names."""
    keys = set().union(*(person_keys(n) for n in names))
    out = []
    found = lookup_keys(conn, "person_keys", "person_id", keys)
    for person in rstore.unpinned_persons(conn, found):
        rule = _match_any(names, person_spellings(conn, person))
        if rule:
            out.append((person, rule))
    return out


def _by_shared_film(conn: sqlite3.Connection, group: _Group) -> PersonLink | None:
    best: tuple[int, int, str] | None = None
    for person, rule in _candidates(conn, group.names):
        shared = group.films & person_films(conn, person)
        if shared and (best is None or len(shared) > best[0]):
            titles = ", ".join(repr(film_title(conn, f)) for f in sorted(shared))
            best = (len(shared), person, f"{rule}; shared film {titles}")
    return PersonLink(best[1], best[2]) if best else None


def _by_coworker(conn: sqlite3.Connection, group: _Group, known: set[int]) -> PersonLink | None:
    for person, rule in _candidates(conn, group.names):
        shared = evidence.coworkers_among(conn, person, known)
        if shared:
            names = ", ".join(sorted(display_spelling(conn, p) for p in shared))
            return PersonLink(person, f"{rule}; shared co-worker {names}")
    return None


def _user_merge(
    conn: sqlite3.Connection, group: _Group, merges: list[dict[str, Any]]
) -> PersonLink | None:
    for merge in merges:
        if merge.get("entity") != "person":
            continue
        names = merge.get("names", [])
        if not any(_match_any(group.names, [n]) for n in names):
            continue
        for person, _ in _candidates(conn, names):
            return PersonLink(person, f"user merge {' = '.join(names)}")
    return None


def split_pin(
    conn: sqlite3.Connection, names: list[str], films: set[int], splits: list[dict[str, Any]]
) -> str | None:
    """The pin of a user split that applies to this name in one of these films."""
    for split in splits:
        if split.get("entity") != "person" or not _match_any(names, [split["name"]]):
            continue
        film = split.get("film") or {}
        for film_id in films:
            if film_matches(conn, film_id, film.get("title"), film.get("year")):
                return pin_key(split["name"], film.get("title"), film.get("year"))
    return None


def pin_key(name: str, title: str | None, year: int | None) -> str:
    return f"{' '.join(name.lower().split())}@{title_key(title or '')}:{year or ''}"


def film_matches(conn: sqlite3.Connection, film_id: int, title: str | None, year: Any) -> bool:
    from filmkb.resolve.films import film_facts  # local: films imports nothing from here

    facts = film_facts(conn, film_id)
    if title and title_key(title) not in {title_key(t) for t in facts.titles}:
        return False
    return not year or facts.best_year == int(year)


def _match_any(names: list[str], others: list[str]) -> str | None:
    for a in names:
        for b in others:
            m = match_person(a, b)
            if m.same:
                return m.rule
    return None


def person_spellings(conn: sqlite3.Connection, person_id: int) -> list[str]:
    return evidence.person_spellings(conn, person_id)


def credited_name(prop: str, value: Any) -> str | None:
    if prop == "cast":
        return value.get("actor") if isinstance(value, dict) else None
    return str(value) if value is not None else None


def person_films(conn: sqlite3.Connection, person_id: int) -> set[int]:
    return evidence.person_films(conn, person_id)


def display_spelling(conn: sqlite3.Connection, person_id: int) -> str:
    spellings = person_spellings(conn, person_id)
    return spellings[0] if spellings else f"person {person_id}"


def film_title(conn: sqlite3.Connection, film_id: int) -> str:
    title = rstore.first_title(conn, film_id)
    return title if title is not None else f"film {film_id}"
