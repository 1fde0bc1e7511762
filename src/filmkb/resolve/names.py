"""Name resolution: when two spellings name the same person, character or film.

Precision first: merging two real people is far worse than leaving one person split.

- Korean names are compared syllable by syllable. A romanized syllable ("hyun") stands for
  the set of Hangul syllables it may spell (현, 휸); two names match only where surnames
  can be the same surname and every given-name syllable can be the same Hangul syllable,
  in the same order. "yeon" (연) and "yoon" (윤) never match; a missing syllable is a
  different name ("Song Kang" is not "Song Kang-ho"). Hangul-written names take part.
- Other names fold case, diacritics, hyphens and spaces, may drop middle initials
  ("Samuel L. Jackson"), and may swap order when one word is an East Asian surname
  ("Kore-eda Hirokazu"). Given names and surnames are never fuzzy-matched.
- `match_character` compares two characters of one film: ranks are dropped ("Sgt."),
  a given name alone matches the full name, a possessive ("Kyu-nam's Mother") is someone else.
- `person_keys` / `character_keys` are blocking keys: names that match always share one.
- Every `NameMatch.rule` says why, e.g. "surname-variant:Lee/Ri+romanization:u/eo".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import product

from filmkb.resolve import _hangul, _romanize
from filmkb.resolve._namedata import (
    CHINESE_SURNAMES,
    JAPANESE_SURNAMES,
    KOREAN_SURNAMES,
    RANK_PHRASES,
)

__all__ = [
    "RANKS",
    "NameMatch",
    "character_keys",
    "cluster_person_names",
    "find_declared_aliases",
    "match_character",
    "match_person",
    "match_title",
    "match_with_aliases",
    "normalize_name",
    "person_keys",
    "split_rank",
    "title_key",
]

RANKS = RANK_PHRASES
_RANK_POSITION: dict[str, int] = {}  # rank phrase → its first position in RANK_PHRASES
for _position, _phrase in enumerate(RANK_PHRASES):
    _RANK_POSITION.setdefault(_phrase, _position)
_RANK_SIZES = sorted({p.count(" ") + 1 for p in RANK_PHRASES})
MAX_GIVEN_SYLLABLES = 3

_SEPARATORS = re.compile(r"[\s\-‐‑–—.'’ʼ`]+")
_HYPHENS = re.compile(r"[\-‐‑–—]+")
_POSSESSIVE = re.compile(r"^(?P<owner>.+?)['’]s?\s+(?P<noun>\S.*)$")
_HANGUL_NAME = re.compile(r"^[\uac00-\ud7a3]+(?:\s+[\uac00-\ud7a3]+)*$")
_EAST_ASIAN_SURNAMES = CHINESE_SURNAMES | JAPANESE_SURNAMES


@dataclass(frozen=True)
class NameMatch:
    same: bool
    rule: str  # why: "exact", "case-space-hyphen", "romanization:k/g", "given-name-only", ...
    score: float = 1.0


def _fold_diacritics(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not unicodedata.combining(c))
    )


@lru_cache(maxsize=1 << 16)
def normalize_name(name: str) -> str:
    """Comparison form: NFKC, lower case, diacritics, hyphens/spaces/periods folded."""
    text = unicodedata.normalize("NFKC", name).lower()
    if not _HANGUL_NAME.match(text.strip()):
        text = _fold_diacritics(_romanize.prepare(text))
    return _SEPARATORS.sub("", text)


@lru_cache(maxsize=1 << 16)
def split_rank(name: str) -> tuple[str | None, str]:
    """("Sgt. Kyu-nam") -> ("Sgt.", "Kyu-nam"); ("Second Lieutenant Park") -> (...)."""
    words = name.split()
    lowered = [w.lower() for w in words]
    found: tuple[int, int] | None = None  # (position in RANK_PHRASES, words) of the first
    for size in _RANK_SIZES:
        if len(words) > size:
            position = _RANK_POSITION.get(" ".join(lowered[:size]))
            if position is not None and (found is None or position < found[0]):
                found = (position, size)
    if found is None:
        return None, name
    size = found[1]
    return " ".join(words[:size]), " ".join(words[size:])


# --- Korean readings ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Reading:
    """One way to read a name as Korean: surname (may be empty) and given syllables."""

    surnames: frozenset[str]  # Hangul surnames, folded (리 -> 이); empty: given name only
    given: tuple[frozenset[int], ...]  # phoneme keys per syllable
    surname_spelling: str
    given_spelling: tuple[str, ...]
    surname_last: bool = False
    hangul: bool = False


def _cuts(parts: Sequence[str]) -> list[tuple[str, ...]]:
    """Syllable cuts of a given name written as parts ("je", "hoon") or joined ("jehoon")."""
    options = [_romanize.segment(p) for p in parts]
    if not all(options):
        return []
    cuts = [sum(choice, ()) for choice in product(*options)]
    return [c for c in cuts if len(c) <= MAX_GIVEN_SYLLABLES][: _romanize.MAX_SEGMENTATIONS]


def _given(cut: tuple[str, ...]) -> tuple[frozenset[int], ...]:
    return tuple(_romanize.syllable_keys(s) for s in cut)


def _hangul_readings(text: str, given_only: bool) -> list[_Reading]:
    words = text.split()
    joined = "".join(words)
    keys = tuple(frozenset({_hangul.syllable_key(c)}) for c in joined)
    readings = []
    if given_only and len(joined) <= MAX_GIVEN_SYLLABLES:
        readings.append(_Reading(frozenset(), keys, "", tuple(joined), hangul=True))
    splits = [len(words[0])] if len(words) > 1 else [1, 2]
    for size in splits:
        surname = _romanize.hangul_surname(joined[:size])
        given = joined[size:]
        if not given or len(given) > MAX_GIVEN_SYLLABLES:
            continue
        if size == 2 and surname not in KOREAN_SURNAMES:
            continue
        readings.append(
            _Reading(frozenset({surname}), keys[size:], joined[:size], tuple(given), hangul=True)
        )
    return readings


def _latin_words(name: str) -> list[list[str]]:
    text = _fold_diacritics(_romanize.prepare(name).lower())
    words = [w.strip(",.;:") for w in text.split()]
    return [[p for p in _HYPHENS.split(w) if p] for w in words if w.strip("-")]


@lru_cache(maxsize=1 << 15)
def _korean_readings(name: str, given_only: bool = False) -> tuple[_Reading, ...]:
    """Ways to read `name` as a Korean name; with given_only, also as a given name alone."""
    text = unicodedata.normalize("NFC", name).strip()
    if _HANGUL_NAME.match(text):
        return tuple(_hangul_readings(text, given_only))
    words = _latin_words(text)
    if not words or len(words) > 4:
        return ()
    readings: list[_Reading] = []
    if given_only:
        for cut in _cuts([p for w in words for p in w]):
            readings.append(_Reading(frozenset(), _given(cut), "", cut))
    if len(words) < 2:
        return tuple(readings)
    first, last = "".join(words[0]), "".join(words[-1])
    first_surnames, last_surnames = _romanize.surnames(first), _romanize.surnames(last)
    if first_surnames:
        for cut in _cuts([p for w in words[1:] for p in w]):
            readings.append(_Reading(first_surnames, _given(cut), first, cut))
    if last_surnames:
        for cut in _cuts([p for w in words[:-1] for p in w]):
            # "Song Kang" is not "Kang Song": swap only when the order is unambiguous.
            if len(cut) >= 2 or not first_surnames:
                readings.append(_Reading(last_surnames, _given(cut), last, cut, surname_last=True))
    return tuple(readings)


def _syllable_diffs(x: Sequence[str], y: Sequence[str]) -> list[str]:
    diffs: list[str] = []
    for sa, sb in zip(x, y, strict=True):
        if sa == sb:
            continue
        i = 0
        while i < min(len(sa), len(sb)) and sa[i] == sb[i]:
            i += 1
        j = 0
        while j < min(len(sa), len(sb)) - i and sa[-1 - j] == sb[-1 - j]:
            j += 1
        diff = f"{sa[i : len(sa) - j]}/{sb[i : len(sb) - j]}"
        if diff not in diffs:
            diffs.append(diff)
    return diffs


def _explain(x: _Reading, y: _Reading, given_only: bool) -> NameMatch:
    parts: list[str] = []
    score = 1.0
    if given_only:
        parts.append("given-name-only")
        score *= 0.85
    if x.hangul or y.hangul:
        if x.hangul != y.hangul or x.given_spelling != y.given_spelling:
            parts.append("hangul")
            score *= 0.93
        if x.hangul and y.hangul and x.surname_spelling != y.surname_spelling and not given_only:
            parts.append(f"surname-variant:{x.surname_spelling}/{y.surname_spelling}")
    else:
        if x.surname_last != y.surname_last and not given_only:
            parts.append("name-order")
            score *= 0.95
        if x.surname_spelling != y.surname_spelling and not given_only:
            parts.append(
                f"surname-variant:{x.surname_spelling.title()}/{y.surname_spelling.title()}"
            )
            score *= 0.93
        diffs = _syllable_diffs(x.given_spelling, y.given_spelling)
        if diffs:
            parts.append("romanization:" + ",".join(diffs))
            score *= 0.9
    return NameMatch(True, "+".join(parts) or "case-space-hyphen", round(score, 3))


def _compatible(x: _Reading, y: _Reading) -> bool:
    return len(x.given) == len(y.given) and all(
        a & b for a, b in zip(x.given, y.given, strict=True)
    )


def _match_readings(ra: Sequence[_Reading], rb: Sequence[_Reading]) -> NameMatch:
    best: NameMatch | None = None
    why = "different-surname"
    for x in ra:
        for y in rb:
            if not (x.surnames and y.surnames):
                continue
            if not x.surnames & y.surnames:
                continue
            if len(x.given) != len(y.given):
                why = "missing-syllable" if why == "different-surname" else why
                continue
            if not _compatible(x, y):
                why = "different-syllable"
                continue
            found = _explain(x, y, given_only=False)
            if best is None or found.score > best.score:
                best = found
    return best or NameMatch(False, why, 0.0)


# --- other names ----------------------------------------------------------------------


@lru_cache(maxsize=1 << 15)
def _words(name: str) -> tuple[str, ...]:
    """Folded words of a non-Korean name; "Jackson, Samuel L." is read as "Samuel L. Jackson"."""
    text = _fold_diacritics(unicodedata.normalize("NFKC", name)).lower()
    if text.count(",") == 1:
        last, first = (s.strip() for s in text.split(","))
        if last and first and " " not in last:
            text = f"{first} {last}"
    words = [re.sub(r"[.\-‐‑–'’ʼ`,]", "", w) for w in text.split()]
    return tuple(w for w in words if w)


def _middle_ok(xs: Sequence[str], ys: Sequence[str]) -> bool:
    """Middle names agree: equal, one side initials only and the other none, or initial ~ name."""
    if not xs or not ys:
        return all(len(w) == 1 for w in (*xs, *ys))
    if len(xs) != len(ys):
        return False
    return all(
        a == b or (min(len(a), len(b)) == 1 and a[0] == b[0]) for a, b in zip(xs, ys, strict=True)
    )


def _match_words(wa: Sequence[str], wb: Sequence[str]) -> NameMatch:
    if len(wa) >= 2 and len(wb) >= 2:
        if wa[0] == wb[0] and wa[-1] == wb[-1] and len(wa[0]) > 1 and len(wa[-1]) > 1:
            if wa[1:-1] == wb[1:-1]:
                return NameMatch(True, "case-space-hyphen", 0.99)
            if _middle_ok(wa[1:-1], wb[1:-1]):
                return NameMatch(True, "middle-initial", 0.85)
        if len(wa) == len(wb) == 2 and tuple(wa) == tuple(reversed(wb)):
            if wa[0] in _EAST_ASIAN_SURNAMES or wa[1] in _EAST_ASIAN_SURNAMES:
                return NameMatch(True, "name-order", 0.95)
    return NameMatch(False, "different-name", 0.0)


# --- people ---------------------------------------------------------------------------


@lru_cache(maxsize=1 << 16)
def match_person(a: str, b: str) -> NameMatch:
    """Whether two spellings can name the same person, and why."""
    if a == b:
        return NameMatch(True, "exact")
    if normalize_name(a) == normalize_name(b):
        return NameMatch(True, "case-space-hyphen", 0.99)
    ra, rb = _korean_readings(a), _korean_readings(b)
    if ra and rb:
        return _match_readings(ra, rb)
    return _match_words(_words(a), _words(b))


_Parsed = tuple[str, tuple[_Reading, ...], tuple[str, ...]]


def _parse_person(name: str) -> _Parsed:
    """Everything `match_person` looks at, computed once (for clustering many names)."""
    return normalize_name(name), _korean_readings.__wrapped__(name), _words.__wrapped__(name)


def _person_score(a: _Parsed, b: _Parsed) -> float:
    """`match_person(...).score` for parsed names, or -1 when different (no explanation)."""
    if a[0] == b[0]:
        return 0.99
    if a[1] and b[1]:
        for x in a[1]:
            for y in b[1]:
                if x.surnames & y.surnames and _compatible(x, y):
                    return 0.9
        return -1.0
    found = _match_words(a[2], b[2])
    return found.score if found.same else -1.0


def _korean_key(surname: str, given: Iterable[frozenset[int]]) -> str:
    return f"k:{surname}:" + ".".join(str(_romanize.syllable_class(g)) for g in given)


def person_keys(name: str) -> set[str]:
    """Blocking keys: two names that may be one person share at least one key."""
    return _parsed_keys((normalize_name(name), _korean_readings(name), _words(name)))


def _parsed_keys(parsed: _Parsed) -> set[str]:
    normalized, readings, words = parsed
    keys = {"n:" + normalized}
    for reading in readings:
        keys.update(_korean_key(s, reading.given) for s in reading.surnames)
    if len(words) >= 2:
        keys.add("g:" + "|".join(sorted((words[0], words[-1]))))
    return keys


# --- characters of one film -----------------------------------------------------------


def _split_possessive(name: str) -> tuple[str, str] | None:
    found = _POSSESSIVE.match(name.strip())
    if not found or not re.search(r"['’]s?\s", name):
        return None
    return found["owner"], found["noun"]


def _given_only_words(single: Sequence[str], full: Sequence[str]) -> bool:
    """ "Ethan" ~ "Ethan Hunt"; "Xa-bin" ~ "Hong Xa-bin" (East Asian order)."""
    if len(single) != 1 or len(full) < 2:
        return False
    if full[0] in _EAST_ASIAN_SURNAMES or _romanize.surnames(full[0]):
        return single[0] == "".join(full[1:])
    return single[0] == full[0]


def match_character(a: str, b: str) -> NameMatch:
    """Two character names within one film."""
    pa, pb = _split_possessive(a), _split_possessive(b)
    if pa or pb:
        if not (pa and pb) or normalize_name(pa[1]) != normalize_name(pb[1]):
            return NameMatch(False, "possessive", 0.0)
        owners = match_character(pa[0], pb[0])
        return NameMatch(owners.same, "possessive+" + owners.rule, owners.score)
    rank_a, bare_a = split_rank(a)
    rank_b, bare_b = split_rank(b)
    ranked = "rank-stripped+" if rank_a or rank_b else ""
    one_word = len(bare_a.split()) == 1 and len(bare_b.split()) == 1
    if rank_a and rank_b and one_word and normalize_name(rank_a) != normalize_name(rank_b):
        return NameMatch(False, "different-rank", 0.0)  # "Major Park" vs "Lieutenant Park"
    found = match_person(bare_a, bare_b)
    if found.same:
        return NameMatch(True, (ranked + found.rule).removesuffix("+exact") or "exact", found.score)
    for x in _korean_readings(bare_a, given_only=True):
        for y in _korean_readings(bare_b, given_only=True):
            if (x.surnames and y.surnames) or not _compatible(x, y):
                continue
            match = _explain(x, y, given_only=bool(x.surnames or y.surnames))
            return NameMatch(True, ranked + match.rule, match.score)
    wa, wb = _words(bare_a), _words(bare_b)
    if _given_only_words(wa, wb) or _given_only_words(wb, wa):
        return NameMatch(True, ranked + "given-name-only", 0.85)
    return found


def character_keys(name: str) -> set[str]:
    """Blocking keys for characters of one film (covers ranks and given names alone)."""
    return set(_character_keys(name))


@lru_cache(maxsize=1 << 16)
def _character_keys(name: str) -> frozenset[str]:
    possessive = _split_possessive(name)
    if possessive:
        noun = normalize_name(possessive[1])
        return frozenset(f"p:{noun}:{key}" for key in character_keys(possessive[0]))
    _, bare = split_rank(name)
    keys = person_keys(bare)
    for reading in _korean_readings(bare, given_only=True):
        keys.add(_korean_key("", reading.given))
    words = _words(bare)
    if len(words) == 1:
        keys.add("c:" + words[0])
    elif len(words) >= 2:
        keys.add("c:" + words[0])
        keys.add("c:" + "".join(words[1:]))
    return frozenset(keys)


# --- titles ---------------------------------------------------------------------------


def title_key(title: str) -> str:
    """Comparison form of a title: case, punctuation, "(2024)" and "X, The" folded."""
    text = _fold_diacritics(unicodedata.normalize("NFKC", title)).lower().strip()
    text = re.sub(r"\s*\((?:19|20)\d\d\)\s*$", "", text)
    text = re.sub(r"^(.*),\s*(the|a|an)$", r"\2 \1", text)
    text = text.replace("&", " and ")
    return re.sub(r"[\W_]+", "", text)


def _hangul_title_match(hangul: str, latin: str) -> bool:
    syllables = [c for c in hangul if _hangul.is_hangul_syllable(c)]
    for cut in (
        _cuts([p for w in _latin_words(latin) for p in w] or [""]) if len(syllables) <= 3 else []
    ):
        if len(cut) == len(syllables) and all(
            _hangul.syllable_key(h) in _romanize.syllable_keys(s)
            for h, s in zip(syllables, cut, strict=True)
        ):
            return True
    return False


def match_title(a: str, b: str) -> NameMatch:
    """Two titles of one film; a Hangul title matches its romanization (탈주 ~ Talju)."""
    if a == b:
        return NameMatch(True, "exact")
    if title_key(a) and title_key(a) == title_key(b):
        return NameMatch(True, "title-normalized", 0.99)
    for x, y in ((a, b), (b, a)):
        if _HANGUL_NAME.match(x.strip()) and not _HANGUL_NAME.match(y.strip()):
            if _hangul_title_match(x, y):
                return NameMatch(True, "hangul-romanized", 0.9)
    return NameMatch(False, "different", 0.0)


# --- aliases and clusters -------------------------------------------------------------


def find_declared_aliases(text: str) -> list[tuple[str, str, int, int]]:
    """Aliases a page declares ("Don Lee, also known as Ma Dong-seok"): (name, alias, start, end)."""
    from filmkb.resolve._aliases import find_aliases

    return find_aliases(text)


def match_with_aliases(
    a: str,
    b: str,
    aliases: Iterable[tuple[str, ...]],
    match: Callable[[str, str], NameMatch] = match_person,
) -> NameMatch:
    """`match`, plus the aliases a page declares (from `find_declared_aliases`)."""
    found = match(a, b)
    if found.same:
        return found
    for name, alias, *_ in aliases:
        for x, y in ((name, alias), (alias, name)):
            if match(a, x).same and match(b, y).same:
                return NameMatch(True, "declared-alias", 0.9)
    return found


def cluster_person_names(names: Sequence[str]) -> list[int]:
    """Cluster id per name: blocking by `person_keys`, then complete-link merging of matches."""
    from filmkb.resolve._cluster import cluster_people

    return cluster_people(names)
