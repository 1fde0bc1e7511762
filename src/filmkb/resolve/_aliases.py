"""Aliases a page declares: "Don Lee, also known as Ma Dong-seok", "Ma Dong-seok (aka Don Lee)".

A bare parenthesis, "Don Lee (Ma Dong-seok)", is far more often "Character (Actor)" or
"Actor (Character)", so it counts only when it is clearly an alias: one side is written in
Hangul and the other is not ("ESCAPE (탈주)", "Don Lee (마동석)"), or an occupation comes
right before it ("actor Don Lee (Ma Dong-seok)") and both sides are full names.
"""

from __future__ import annotations

import re

from filmkb.resolve._namedata import ALIAS_MARKERS, ALIAS_OCCUPATIONS, RANK_PHRASES

_WORD = r"[A-Z\u00c0-\u024f][\w'’.\-]*"
_LATIN = rf"{_WORD}(?:\s+{_WORD}){{0,3}}"
_HANGUL = r"[\uac00-\ud7a3]{2,6}(?:\s[\uac00-\ud7a3]{1,6}){0,2}"
_NAME = rf"(?:{_LATIN}|{_HANGUL})"
_MARKER = "(?:" + "|".join(ALIAS_MARKERS) + ")"

_MARKED = re.compile(
    rf"(?P<name>{_NAME})\s*(?:,\s*|\(\s*)(?P<marker>{_MARKER})\s+(?P<alias>{_NAME})\s*\)?"
)
_BARE = re.compile(rf"(?P<name>{_NAME})\s*\(\s*(?P<alias>{_NAME})\s*\)")
_OCCUPATION_BEFORE = re.compile(
    r"\b(?:" + "|".join(ALIAS_OCCUPATIONS) + r")s?\s*,?\s*$", re.IGNORECASE
)
_LEADING = {"the", "actor", "actress", "star", "director", "singer", "korean", "and", "with"}
_HANGUL_CHAR = re.compile(r"[\uac00-\ud7a3]")


def _trim(name: str) -> str:
    words = name.split()
    while len(words) > 1 and words[0].lower().strip(".,") in _LEADING:
        words = words[1:]
    return " ".join(words).rstrip(".,;")


def _is_ranked(name: str) -> bool:
    lowered = name.lower()
    return any(lowered.startswith(rank + " ") for rank in RANK_PHRASES)


def _bare_is_alias(text: str, start: int, name: str, alias: str) -> bool:
    if _is_ranked(name) or _is_ranked(alias) or "'s" in name or "’s" in name:
        return False
    hangul = bool(_HANGUL_CHAR.search(name)), bool(_HANGUL_CHAR.search(alias))
    if hangul[0] != hangul[1]:
        return True
    full_names = len(name.split()) >= 2 and len(alias.split()) >= 2
    return full_names and bool(_OCCUPATION_BEFORE.search(text[max(0, start - 40) : start]))


def find_aliases(text: str) -> list[tuple[str, str, int, int]]:
    found: list[tuple[str, str, int, int]] = []
    taken: list[tuple[int, int]] = []
    for m in _MARKED.finditer(text):
        name, alias = _trim(m["name"]), _trim(m["alias"])
        if name and alias and name != alias:
            found.append((name, alias, m.start(), m.end()))
            taken.append((m.start(), m.end()))
    for m in _BARE.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        name, alias = _trim(m["name"]), _trim(m["alias"])
        if name != alias and _bare_is_alias(text, m.start("name"), name, alias):
            found.append((name, alias, m.start(), m.end()))
    return sorted(found, key=lambda item: item[2])
