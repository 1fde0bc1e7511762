"""Character names → character entities, always within one film (never with a person).

A role (cast credit with a character name) joins, in order of preference:

1. a user split pins the name in this film to its own character;
2. a character of this film played by the same actor whose spelling matches
   (``match_character``: "Kyu-nam" ~ "Sgt. Kyu-nam" ~ "Lim Kyu-nam");
3. a character named by a user merge;
4. the one character this actor plays in the film, when it was named by other documents
   ("Gyu Nam" in a news story → "Lim Kyu-nam" of the listing; rule "same actor");
5. a matching character nobody is credited as playing;
otherwise a new character. Different actors never share a character here ("Squad Member").
Possessive names ("Kyu-nam's Mother") only ever match themselves via ``match_character``.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

from filmkb.resolve.names import character_keys, match_character
from filmkb.resolve.people import film_matches, pin_key
from filmkb.store import resolution as rstore
from filmkb.store.claims import add_keys, new_entity


@dataclass
class Role:
    claim_id: int
    name: str  # the character's name as the page gives it
    film_id: int
    person_id: int | None  # the actor


@dataclass(frozen=True)
class CharacterLink:
    character_id: int
    rule: str


def resolve_character(
    conn: sqlite3.Connection,
    document_id: int,
    role: Role,
    merges: list[dict[str, Any]] | None = None,
    splits: list[dict[str, Any]] | None = None,
) -> CharacterLink:
    """Link one role to a character of its film and record the link on its claim."""
    link = _decide(conn, document_id, role, merges or [], splits or [])
    rstore.link_character(conn, role.claim_id, link.character_id, link.rule)
    keys = character_keys(role.name)
    add_keys(conn, "character_keys", "character_id", link.character_id, keys, document_id)
    return link


def _decide(
    conn: sqlite3.Connection,
    document_id: int,
    role: Role,
    merges: list[dict[str, Any]],
    splits: list[dict[str, Any]],
) -> CharacterLink:
    for split in splits:
        if split.get("entity") != "character" or not _same(role.name, split["name"]):
            continue
        film = split.get("film") or {}
        if film_matches(conn, role.film_id, film.get("title"), film.get("year")):
            pin = pin_key(split["name"], film.get("title"), film.get("year"))
            found = rstore.character_by_pin(conn, pin, role.film_id) or new_entity(
                conn, "characters", film_id=role.film_id, pin=pin
            )
            return CharacterLink(found, f"user split ({pin})")
    own = _played_by(conn, role.film_id, role.person_id)
    for character in own:
        rule = _match_aliases(role.name, aliases(conn, character))
        if rule:
            return CharacterLink(character, f"{rule}; same actor")
    candidates = _keyed_in_film(conn, character_keys(role.name), role.film_id)
    for merge in merges:
        if merge.get("entity") != "character" or not any(
            _same(role.name, n) for n in merge.get("names", [])
        ):
            continue
        for character in _film_characters(conn, role.film_id):
            if any(_same(a, n) for a in aliases(conn, character) for n in merge["names"]):
                return CharacterLink(character, f"user merge {' = '.join(merge['names'])}")
    if len(own) == 1 and not _named_by(conn, own[0], document_id):
        return CharacterLink(own[0], "same actor, one role in this film")
    for character in candidates:
        if actors(conn, character) and role.person_id is not None:
            continue
        rule = _match_aliases(role.name, aliases(conn, character))
        if rule:
            return CharacterLink(character, rule)
    return CharacterLink(new_entity(conn, "characters", film_id=role.film_id), "new character")


def _same(a: str, b: str) -> bool:
    return match_character(a, b).same


def _match_aliases(name: str, spellings: list[str]) -> str | None:
    for alias in spellings:
        m = match_character(name, alias)
        if m.same:
            return m.rule
    return None


def _played_by(conn: sqlite3.Connection, film_id: int, person_id: int | None) -> list[int]:
    return [] if person_id is None else rstore.characters_played_by(conn, film_id, person_id)


def _film_characters(conn: sqlite3.Connection, film_id: int) -> list[int]:
    return rstore.film_characters(conn, film_id)


def _keyed_in_film(conn: sqlite3.Connection, keys: set[str], film_id: int) -> list[int]:
    """Unpinned characters of the film sharing a blocking key (the film is the block)."""
    return rstore.characters_keyed_in_film(conn, keys, film_id)


def _named_by(conn: sqlite3.Connection, character_id: int, document_id: int) -> bool:
    return rstore.character_named_by(conn, character_id, document_id)


def aliases(conn: sqlite3.Connection, character_id: int) -> list[str]:
    return rstore.character_aliases(conn, character_id)


def actors(conn: sqlite3.Connection, character_id: int) -> set[int]:
    return rstore.character_actors(conn, character_id)
