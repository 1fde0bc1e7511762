"""Featurise review text for the verdict model: tokens → hashed word n-grams (numpy only).

The same functions run at training time (``scripts/train_verdict.py``) and at runtime, so
the shipped weights see exactly the features they were trained on. Hashing is stable across
processes and machines: tokens are hashed with CRC-32 (``zlib.crc32``, never Python's salted
``hash()``) and n-grams are combined with fixed 64-bit multiplicative mixing in numpy.
"""

from __future__ import annotations

import re
import zlib

import numpy as np

FEATURES_VERSION = "words-1-3.crc32.v1"

_MARKUP = re.compile(r"<br\s*/?>|<[^>]{1,40}>", re.IGNORECASE)
_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|[!?]")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'"})

# Odd 64-bit constants for mixing (from splitmix64 / xxhash); any fixed values would do.
_MUL = (
    np.uint64(0x9E3779B97F4A7C15),
    np.uint64(0xC2B2AE3D27D4EB4F),
    np.uint64(0x165667B19E3779F9),
)
_FINAL = np.uint64(0xFF51AFD7ED558CCD)
_SALT = (np.uint64(0), np.uint64(0x27D4EB2F165667C5), np.uint64(0x85EBCA77C2B2AE63))

_token_ids: dict[str, int] = {}


def tokenize(text: str) -> list[str]:
    """Lower-case word tokens (keeping ``n't``-style contractions, ``!`` and ``?``).

    IMDb's ``<br />`` markup and other short tags are dropped.
    """
    text = _MARKUP.sub(" ", text).translate(_APOSTROPHES).lower()
    return _TOKEN.findall(text)


def _ids(tokens: list[str]) -> np.ndarray:
    out = np.empty(len(tokens), dtype=np.uint64)
    cache = _token_ids
    for i, token in enumerate(tokens):
        value = cache.get(token)
        if value is None:
            value = zlib.crc32(token.encode("utf-8"))
            if len(cache) < 500_000:
                cache[token] = value
        out[i] = value
    return out


def hash_ngrams(tokens: list[str], bits: int, max_n: int = 3) -> np.ndarray:
    """Sorted unique bucket indices (0 … 2**bits - 1) of the word 1…max_n-grams of ``tokens``."""
    ids = _ids(tokens)
    if ids.size == 0:
        return np.zeros(0, dtype=np.int64)
    shift = np.uint64(64 - bits)
    parts = []
    with np.errstate(over="ignore"):
        for n in range(1, max_n + 1):
            if ids.size < n:
                break
            seed = _SALT[n - 1].copy() if n > 1 else np.uint64(0)
            h: np.ndarray = np.full(ids.size - n + 1, seed, dtype=np.uint64)
            for k in range(n):
                h ^= (ids[k : ids.size - n + 1 + k] + np.uint64(k + 1)) * _MUL[k]
            h ^= h >> np.uint64(33)
            h *= _FINAL
            h ^= h >> np.uint64(29)
            parts.append((h >> shift).astype(np.int64))
    return np.unique(np.concatenate(parts))


def featurize(text: str, bits: int, max_n: int = 3) -> np.ndarray:
    """Bucket indices of the binary bag of word n-grams of ``text``."""
    return hash_ngrams(tokenize(text), bits, max_n)


_SPACES = re.compile(r"\s+")


def hash_char_ngrams(text: str, bits: int, min_n: int = 2, max_n: int = 5) -> np.ndarray:
    """Sorted unique bucket indices of the character min_n…max_n-grams of the normalised text."""
    text = _MARKUP.sub(" ", text).translate(_APOSTROPHES).lower()
    text = " " + _SPACES.sub(" ", text).strip() + " "
    codes = np.frombuffer(text.encode("utf-8"), dtype=np.uint8).astype(np.uint64)
    shift = np.uint64(64 - bits)
    parts = []
    with np.errstate(over="ignore"):
        for n in range(min_n, max_n + 1):
            if codes.size < n:
                break
            h = np.full(codes.size - n + 1, _SALT[n % 3] + np.uint64(n), dtype=np.uint64)
            for k in range(n):
                h = (h ^ codes[k : codes.size - n + 1 + k]) * _MUL[0]
            h ^= h >> np.uint64(33)
            h *= _FINAL
            h ^= h >> np.uint64(29)
            parts.append((h >> shift).astype(np.int64))
    if not parts:
        return np.zeros(0, dtype=np.int64)
    return np.unique(np.concatenate(parts))
