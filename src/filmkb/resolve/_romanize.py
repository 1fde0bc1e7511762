"""Romanized Korean at the syllable level: spellings -> sets of Hangul phoneme keys.

`syllables()` maps every accepted spelling of a syllable ("hyun", "hyeon", "kyu", "gyu",
"joon") to the set of phoneme keys it may stand for. Two spellings can name the same Hangul
syllable only when their sets intersect: "hyun" and "hyeon" share 현, "yeon" (연) and
"yoon" (윤) share nothing. Joined given names ("Jehoon") are cut into syllables by dynamic
programming over that inventory. Surnames go through the same sets plus a table of
irregular spellings (Park, Choi, Lee/Rhee/Ri).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from filmkb.resolve import _hangul
from filmkb.resolve._namedata import INITIAL_SOUND_FOLD, KOREAN_SURNAMES, SURNAME_SPELLINGS

MAX_SEGMENTATIONS = 8

# McCune-Reischauer marks carry information: ŏ is ㅓ (eo), ŭ is ㅡ (eu). Map before folding.
_MR_MARKS = str.maketrans({"ŏ": "eo", "Ŏ": "Eo", "ŭ": "eu", "Ŭ": "Eu", "ǒ": "eo", "ǔ": "eu"})
_APOSTROPHES = re.compile(r"['’ʼ`´‘]")
_LATIN_WORD = re.compile(r"^[a-z]+$")


@cache
def syllables() -> dict[str, frozenset[int]]:
    """Every accepted romanized syllable -> the phoneme keys it may spell."""
    table: dict[str, set[int]] = {}
    for key in _hangul.all_keys():
        for spelling in _hangul.spellings(key):
            table.setdefault(spelling, set()).add(key)
    return {spelling: frozenset(keys) for spelling, keys in table.items()}


@cache
def _max_syllable_length() -> int:
    return max(len(s) for s in syllables())


@cache
def _components() -> dict[int, int]:
    """Union of phoneme keys that some spelling may stand for together (blocking classes).

    If two spellings share a key they fall in the same class, so a class id is a safe
    blocking key for a syllable: compatible syllables always have the same class.
    """
    parent = {key: key for key in _hangul.all_keys()}

    def find(key: int) -> int:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for keys in syllables().values():
        first, *rest = keys
        for other in rest:
            a, b = find(first), find(other)
            if a != b:
                parent[max(a, b)] = min(a, b)
    return {key: find(key) for key in parent}


def syllable_class(keys: frozenset[int]) -> int:
    """Blocking class of a syllable (all of its keys lie in one class)."""
    return _components()[next(iter(keys))]


def prepare(text: str) -> str:
    """Romanized text ready to segment: MR marks expanded, apostrophes gone, NFKC."""
    text = unicodedata.normalize("NFC", text).translate(_MR_MARKS)
    text = _APOSTROPHES.sub("", text)
    return unicodedata.normalize("NFKC", text)


@cache
def segment(word: str) -> tuple[tuple[str, ...], ...]:
    """All ways to cut a lower-case word into known syllables ("jehoon" -> (("je", "hoon"),)).

    Only the cuts with the fewest syllables are kept (at most MAX_SEGMENTATIONS); () if none.
    """
    if not _LATIN_WORD.match(word):
        return ()
    table = syllables()
    longest = _max_syllable_length()
    n = len(word)
    # ways[i]: cuts of word[i:], built right to left.
    ways: list[list[tuple[str, ...]]] = [[] for _ in range(n + 1)]
    ways[n] = [()]
    for i in range(n - 1, -1, -1):
        found: list[tuple[str, ...]] = []
        for j in range(i + 1, min(n, i + longest) + 1):
            piece = word[i:j]
            if piece in table and ways[j]:
                found.extend((piece, *rest) for rest in ways[j])
        found.sort(key=len)
        ways[i] = found[:MAX_SEGMENTATIONS]
    if not ways[0]:
        return ()
    fewest = len(ways[0][0])
    return tuple(cut for cut in ways[0] if len(cut) == fewest)


def syllable_keys(spelling: str) -> frozenset[int]:
    return syllables()[spelling]


def fold_surname(hangul: str) -> str:
    """One spelling per surname: 리 -> 이, 림 -> 임 (North/South usage of one name)."""
    return INITIAL_SOUND_FOLD.get(hangul, hangul)


@cache
def _surname_index() -> dict[str, frozenset[str]]:
    index: dict[str, set[str]] = {}
    for hangul, spellings in SURNAME_SPELLINGS.items():
        for spelling in spellings:
            index.setdefault(spelling, set()).add(hangul)
    return {spelling: frozenset(names) for spelling, names in index.items()}


@cache
def surnames(token: str) -> frozenset[str]:
    """Korean surnames (Hangul, folded) a lower-case romanized token may spell; empty if none."""
    found = set(_surname_index().get(token, ()))
    for cut in segment(token):
        if len(cut) == 1:
            for key in syllables()[cut[0]]:
                found.add(_hangul.key_syllable(key))
        elif len(cut) == 2:
            for k1 in syllables()[cut[0]]:
                for k2 in syllables()[cut[1]]:
                    found.add(_hangul.key_syllable(k1) + _hangul.key_syllable(k2))
    folded = {fold_surname(s) for s in found}
    return frozenset(s for s in folded if s in KOREAN_SURNAMES)


def hangul_surname(text: str) -> str:
    return fold_surname(text)
