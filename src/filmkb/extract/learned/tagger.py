"""The CRF entity tagger at run time: PER, FILM and ORG spans with character offsets.

Weights: ``filmkb/extract/model/tagger.crfsuite``, trained by ``scripts/train_tagger.py``.
Lines are tagged one by one (a long line sentence by sentence), as in training.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from filmkb.extract.learned.tokens import token_features, tokenize
from filmkb.extract.text import SENTENCE_END

MODEL = "tagger.crfsuite"
MAX_LINE = 300  # longer lines are tagged sentence by sentence
MAX_TOKENS = 5000  # per document: the rest is not tagged (bounded work; facts sit near the top)


@dataclass(frozen=True)
class Entity:
    label: str  # PER | FILM | ORG
    start: int
    end: int
    text: str


@lru_cache(maxsize=1)
def _tagger():  # noqa: ANN202
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    from filmkb.extract.learned.linear import model_path

    with resources.as_file(model_path(MODEL)) as real:
        tagger.open(str(real))
    return tagger


def pieces(text: str) -> list[tuple[str, int]]:
    """The units the tagger reads: lines, long lines cut at sentence ends."""
    out = []
    pos = 0
    for line in text.split("\n"):
        if len(line) <= MAX_LINE:
            if line.strip():
                out.append((line, pos))
        else:
            last = 0
            for m in SENTENCE_END.finditer(line):
                if line[last : m.start()].strip():
                    out.append((line[last : m.start()], pos + last))
                last = m.end()
            if line[last:].strip():
                out.append((line[last:], pos + last))
        pos += len(line) + 1
    return out


def tag_entities(text: str) -> list[Entity]:
    tagger = _tagger()
    out: list[Entity] = []
    budget = MAX_TOKENS
    for piece, offset in pieces(text):
        tokens = tokenize(piece, offset)
        if not tokens or not re.search(r"[A-Z0-9가-힣]", piece):
            continue
        budget -= len(tokens)
        if budget < 0:
            break
        tags = tagger.tag(token_features(tokens))
        out.extend(spans_from_tags(text, tokens, tags))
    return out


def spans_from_tags(text: str, tokens: list, tags: list[str]) -> list[Entity]:
    """BIO tags of one token run → entities (an I- tag continues only its own label)."""
    out: list[Entity] = []
    cur: list[int] | None = None
    label = ""
    for tok, tag in zip(tokens, tags, strict=True):
        if tag.startswith("I-") and cur is not None and tag[2:] == label:
            cur[1] = tok.end
            continue
        if cur is not None:
            out.append(Entity(label, cur[0], cur[1], text[cur[0] : cur[1]]))
            cur = None
        if tag != "O":
            cur, label = [tok.start, tok.end], tag[2:]
    if cur is not None:
        out.append(Entity(label, cur[0], cur[1], text[cur[0] : cur[1]]))
    return out
