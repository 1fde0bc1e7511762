"""Normalise a printed review score to 0–100, the way Metacritic converts grades.

* Star / point scales map linearly: ``3/5`` → 60, ``2.5/4`` → 62.5, ``7/10`` → 70,
  ``4 out of 5 stars`` → 80, ``85/100`` → 85, ``85%`` → 85.
* Star glyphs count filled stars (``½`` adds a half) over the number of glyphs:
  ``★★★★☆`` → 80; ``★★★½`` with no empty stars is read out of 5 → 70.
* A star count with no scale is out of 5 (``4 stars`` → 80); a bare number is out of 10
  when it is at most 10 (``7.5`` → 75) and out of 100 when it is at most 100.
* Letter grades follow Metacritic's ladder: A+ / A 100, A- 91, B+ 83, B 75, B- 67, C+ 58,
  C 50, C- 42, D+ 33, D 25, D- 16, F 0.

Anything else (an empty string, words, a value above its scale) gives ``None``.
"""

from __future__ import annotations

import re

LETTER_GRADES: dict[str, float] = {
    "A+": 100,
    "A": 100,
    "A-": 91,
    "B+": 83,
    "B": 75,
    "B-": 67,
    "C+": 58,
    "C": 50,
    "C-": 42,
    "D+": 33,
    "D": 25,
    "D-": 16,
    "F": 0,
}

_NUMBER_WORDS = {
    "zero": "0",
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
    "ten": "10",
}
_FRACTIONS = {"½": 0.5, "¼": 0.25, "¾": 0.75}
_FULL_STARS = "★⭐✭✮✪*"
_EMPTY_STARS = "☆✩"

_LABEL = re.compile(
    r"^\s*(?:(?:our|my|critic'?s?|final|overall)\s+)?"
    r"(?:rating|score|grade|verdict|metascore|stars?|mark)\s*[:=\-–]?\s*",
    re.IGNORECASE,
)
_NUM = r"(\d+(?:\.\d+)?)"
_OUT_OF = re.compile(
    rf"^{_NUM}\s*(?:stars?|points?|pts)?\s*(?:/|out\s+of|of)\s*{_NUM}\s*(?:stars?|points?|pts)?$"
)
_STARS = re.compile(rf"^{_NUM}\s*(?:stars?|points?)$")
_PERCENT = re.compile(rf"^{_NUM}\s*%$")
_BARE = re.compile(rf"^{_NUM}$")
_LETTER = re.compile(r"^([a-df])\s*([+-])?$")
_MIXED_FRACTION = re.compile(r"(\d+)\s+1/2\b")
_GLYPH_SCALE = re.compile(r"(?:/|out\s+of|of)\s*(\d+)")


def normalize_score(raw: str | None) -> float | None:
    """The 0–100 value of a printed score, or ``None`` when it is not a score."""
    if raw is None:
        return None
    text = _clean(raw)
    if not text:
        return None
    glyphs = _from_glyphs(text)
    if glyphs is not None:
        return glyphs
    text = _LABEL.sub("", text).strip().lower().rstrip(".!")
    for word, digit in _NUMBER_WORDS.items():
        text = re.sub(rf"\b{word}\b", digit, text)
    text = _MIXED_FRACTION.sub(lambda m: f"{m.group(1)}.5", text)
    text = _replace_fractions(text)
    text = re.sub(r"(\d),(\d)", r"\1.\2", text)  # European decimal comma: 3,5/5
    text = re.sub(r"\s*\((?:out of|of)\s*(\d+)\)", r" out of \1", text)
    if match := _LETTER.match(text):
        return float(LETTER_GRADES[match.group(1).upper() + (match.group(2) or "")])
    if match := _OUT_OF.match(text):
        return _scale(float(match.group(1)), float(match.group(2)))
    if match := _STARS.match(text):
        return _scale(float(match.group(1)), 5.0)
    if match := _PERCENT.match(text):
        return _scale(float(match.group(1)), 100.0)
    if match := _BARE.match(text):
        value = float(match.group(1))
        return _scale(value, 10.0 if value <= 10 else 100.0)
    return None


def verdict_from_score(score: float) -> str:
    """An explicit score decides the verdict: ≥ 60 positive, 40–59 mixed, < 40 negative."""
    if score >= 60:
        return "positive"
    if score >= 40:
        return "mixed"
    return "negative"


def _clean(raw: str) -> str:
    text = raw.strip().replace("\u2212", "-").replace("\u2013", "-").replace("\u2044", "/")
    return re.sub(r"\s+", " ", text)


def _replace_fractions(text: str) -> str:
    def repl(match: re.Match[str]) -> str:
        whole = float(match.group(1) or 0)
        return _fmt(whole + _FRACTIONS[match.group(2)])

    return re.sub(r"(\d+)?\s*([½¼¾])", repl, text)


def _from_glyphs(text: str) -> float | None:
    """Scores printed as star glyphs (``★★★½``, ``★★★★☆``, ``***1/2 (out of 4)``)."""
    match = re.match(rf"^(\*+\s*1/2|[{re.escape(_FULL_STARS + _EMPTY_STARS)}½\s]+)(.*)$", text)
    if not match or not re.search(rf"[{re.escape(_FULL_STARS)}]", match.group(1)):
        return None
    stars, rest = match.group(1), match.group(2).strip().lower()
    if rest and not re.fullmatch(r"(?:\(?(?:stars?)?\s*(?:/|out\s+of|of)\s*\d+\)?|stars?)", rest):
        return None
    full = sum(stars.count(c) for c in _FULL_STARS)
    half = 0.5 if ("½" in stars or "1/2" in stars) else 0.0
    empty = sum(stars.count(c) for c in _EMPTY_STARS)
    scale_match = _GLYPH_SCALE.search(rest)
    if scale_match:
        scale = float(scale_match.group(1))
    elif empty:
        scale = full + empty + (1 if half else 0)
    else:
        scale = 5.0
    return _scale(full + half, scale)


def _scale(value: float, scale: float) -> float | None:
    if scale <= 0 or value < 0 or value > scale:
        return None
    return round(100.0 * value / scale, 1)


def _fmt(value: float) -> str:
    return f"{value:g}"
