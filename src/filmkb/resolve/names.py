"""Name resolution: when two spellings name the same person, character or film.

PLACEHOLDER: the public signatures below are the contract other stages use; the
matching itself is being rewritten (romanized Korean syllables, name order, aliases).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

RANKS = (
    "sgt.", "sgt", "sergeant", "major", "maj.", "captain", "capt.", "lieutenant", "lt.",
    "colonel", "col.", "general", "gen.", "private", "pvt.", "officer", "dr.", "mr.", "mrs.", "ms.",
)


@dataclass(frozen=True)
class NameMatch:
    same: bool
    rule: str  # why: "exact", "case-space-hyphen", "romanization", "given-name", ...
    score: float = 1.0


def normalize_name(name: str) -> str:
    """Comparison form: NFKC, lower case, hyphens/spaces/periods folded."""
    text = unicodedata.normalize("NFKC", name).lower()
    text = re.sub(r"[\s\-‐‑–.'’]+", "", text)
    return text


def split_rank(name: str) -> tuple[str | None, str]:
    """("Sgt. Kyu-nam") → ("Sgt.", "Kyu-nam")."""
    words = name.split()
    if len(words) > 1 and words[0].lower() in RANKS:
        return words[0], " ".join(words[1:])
    return None, name


def person_keys(name: str) -> set[str]:
    """Blocking keys: two names that may be one person share at least one key."""
    return {normalize_name(name)}


def character_keys(name: str) -> set[str]:
    _, bare = split_rank(name)
    parts = bare.split()
    keys = {normalize_name(bare)}
    if len(parts) > 1:
        keys.add(normalize_name(" ".join(parts[1:])))
    return keys


def match_person(a: str, b: str) -> NameMatch:
    if a == b:
        return NameMatch(True, "exact")
    if normalize_name(a) == normalize_name(b):
        return NameMatch(True, "case-space-hyphen")
    return NameMatch(False, "different", 0.0)


def match_character(a: str, b: str) -> NameMatch:
    """Two character names within one film."""
    m = match_person(split_rank(a)[1], split_rank(b)[1])
    if m.same:
        return m
    ka, kb = character_keys(a), character_keys(b)
    if "'s" not in a.lower() and "'s" not in b.lower() and ka & kb:
        return NameMatch(True, "given-name", 0.8)
    return NameMatch(False, "different", 0.0)


def title_key(title: str) -> str:
    text = unicodedata.normalize("NFKC", title).lower()
    return re.sub(r"[\W_]+", "", text)


def match_title(a: str, b: str) -> NameMatch:
    if title_key(a) == title_key(b):
        return NameMatch(True, "title-normalized")
    return NameMatch(False, "different", 0.0)


def find_declared_aliases(text: str) -> list[tuple[str, str, int, int]]:
    """Aliases a page declares ("Don Lee, also known as Ma Dong-seok"): (name, alias, start, end)."""
    return []
