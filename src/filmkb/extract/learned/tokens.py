"""Tokens with offsets, and the per-token features of the entity tagger.

Training (``scripts/train_tagger.py``) and the runtime call the same functions, so a change
here needs the model retrained (bump ``FEATURES_VERSION``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

FEATURES_VERSION = "2"

# words (with inner hyphens and apostrophes: "Je-hoon", "O'Brien"); a possessive "'s" is a
# token of its own ("Bong's" → "Bong", "'s")
_TOKEN = re.compile(r"[^\W_]+(?:[-'’](?![sS]\b)[^\W_]+)*|['’][sS]\b|\S")
_HANGUL = re.compile(r"[가-힣]")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int


def tokenize(text: str, offset: int = 0) -> list[Token]:
    return [Token(m.group(), m.start() + offset, m.end() + offset) for m in _TOKEN.finditer(text)]


_SHAPE_TABLE = str.maketrans(
    {
        **{c: "X" for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞ"},
        **{c: "x" for c in "abcdefghijklmnopqrstuvwxyzßàáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿ"},
        **{c: "d" for c in "0123456789"},
    }
)
_REPEAT = re.compile(r"(.)\1+")


@lru_cache(maxsize=65536)
def shape(word: str) -> str:
    if _HANGUL.search(word):
        return "H"
    if _CJK.search(word):
        return "J"
    return _REPEAT.sub(r"\1\1", word.translate(_SHAPE_TABLE))[:6]


@lru_cache(maxsize=1)
def word_lists() -> dict[str, frozenset[str]]:
    """Gazetteer word lists shipped in ``filmkb/extract/data`` (lower case, one per line)."""
    out = {}
    base = resources.files("filmkb.extract") / "data"
    for name in (
        "first_names",
        "surnames",
        "company_words",
        "company_suffixes",
        "cue_words",
        "genre_words",
    ):
        path = base / f"{name}.txt"
        words = set()
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.split("#", 1)[0].strip().lower()
            if line:
                words.add(line)
        out[name] = frozenset(words)
    return out


def token_features(tokens: list[Token], gazetteer: bool = True) -> list[list[str]]:
    """One feature list per token (strings, for CRFsuite)."""
    lists = word_lists()
    first, sur = lists["first_names"], lists["surnames"]
    comp, cue, genre = lists["company_words"], lists["cue_words"], lists["genre_words"]
    words = [t.text for t in tokens]
    lows = [w.lower() for w in words]
    shapes = [shape(w) for w in words]
    n = len(tokens)
    short_line = n <= 8
    out: list[list[str]] = []
    for i, (w, lw, sh) in enumerate(zip(words, lows, shapes, strict=True)):
        f = ["b", "w=" + lw, "s=" + sh, "p3=" + lw[:3], "x3=" + lw[-3:], "x2=" + lw[-2:]]
        if w[:1].isupper():
            f.append("cap")
        if len(w) > 1 and w.isupper():
            f.append("allcap")
        if "-" in w:
            f.append("hy")
        if lw in cue:
            f.append("cue")
        if lw in genre:
            f.append("genre")
        if gazetteer:
            if lw in first:
                f.append("gF")
            if lw in sur:
                f.append("gL")
            if lw in comp:
                f.append("gC")
        if short_line:
            f.append("short")
        if i == 0:
            f.append("BOS")
        if i == n - 1:
            f.append("EOS")
        for d in (-2, -1, 1, 2):
            j = i + d
            if 0 <= j < n:
                f.append(f"w{d}={lows[j]}")
                f.append(f"s{d}={shapes[j]}")
                if gazetteer and d in (-1, 1):
                    if lows[j] in first:
                        f.append(f"gF{d}")
                    if lows[j] in sur:
                        f.append(f"gL{d}")
                    if lows[j] in comp:
                        f.append(f"gC{d}")
                if d in (-1, 1) and lows[j] in cue:
                    f.append(f"cue{d}")
        if i > 0:
            f.append(f"bi-={lows[i - 1]}|{lw}")
        if i + 1 < n:
            f.append(f"bi+={lw}|{lows[i + 1]}")
        out.append(f)
    return out
