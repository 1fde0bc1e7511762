"""The span of a source that states the fact an answer gives.

A claim's span is where its extractor found it: for a release, the date ("Opening Day:
11 July 2024"), although the same claim also holds the certification and the distributor;
for a review, its byline, or the opening of the page when the review is unsigned (page
furniture such as "Header Ads Widget"). An answer quotes what states *its* value:

* ``value_span``: the occurrence of the value (a certification, a distributor) in the
  source nearest the claim's span — the label row "Rating: NC16", not the date row;
* ``verdict_span``: the sentence of the review that carries its verdict — a consensus
  sentence of the critics' aggregate when one comes from this source, else the sentence
  nearest the claim whose polarity is the verdict's (``reviews.aspects.clause_polarity``).

Both return ``None`` when the source does not state it; the answer then keeps the claim span.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from filmkb.reviews.aspects import clause_polarity, split_sentences

SENTENCE_MIN, SENTENCE_MAX = 30, 400  # characters of a quotable sentence
_CLAUSE = re.compile(r",|;|\s+but\s+|\s+yet\s+|\s+although\s+|\s+though\s+", re.IGNORECASE)
_POLARITY = {"positive": {1}, "negative": {-1}}


def value_span(text: str, value: str, start: int, end: int) -> tuple[int, int] | None:
    """Offsets of the occurrence of ``value`` (case and spacing ignored, whole words)
    nearest the span ``start``–``end`` of ``text``."""
    words = str(value).split()
    if not words or not text:
        return None
    pattern = r"(?<!\w)" + r"\s*".join(map(re.escape, words)) + r"(?!\w)"
    found = [m.span() for m in re.finditer(pattern, text, re.IGNORECASE)]
    if not found:
        return None
    return min(found, key=lambda span: (_distance(span, start, end), span[0]))


def verdict_span(
    text: str,
    verdict: str | None,
    start: int,
    end: int,
    consensus: Sequence[str] = (),
) -> tuple[int, int] | None:
    """Offsets of the sentence of ``text`` that states a review's verdict, nearest the
    claim's span (``start``–``end``); a sentence of the ``consensus`` first."""
    sentences = [
        (a, b)
        for a, b in split_sentences(text)
        if SENTENCE_MIN <= b - a <= SENTENCE_MAX and (text[a].isupper() or text[a] in "\"“'‘")
    ]
    agreed = [s for s in sentences if any(_same(text[s[0] : s[1]], c) for c in consensus)]
    if agreed:
        return min(agreed, key=lambda s: _distance(s, start, end))
    stating = [s for s in sentences if _states(text[s[0] : s[1]], verdict)]
    if not stating and verdict == "mixed":  # no sentence weighs both: any evaluation
        stating = [s for s in sentences if _states(text[s[0] : s[1]], None)]
    if not stating:
        return None
    return min(stating, key=lambda s: (_distance(s, start, end), s[0]))


def _states(sentence: str, verdict: str | None) -> bool:
    polarities = {clause_polarity(clause) for clause in _CLAUSE.split(sentence)} - {0}
    if verdict == "mixed":
        return polarities == {1, -1}
    wanted = _POLARITY.get(verdict or "")
    if wanted is None:
        return bool(polarities)
    return polarities == wanted and clause_polarity(sentence) in wanted


def _same(sentence: str, other: str) -> bool:
    return " ".join(sentence.split()) == " ".join(other.split())


def _distance(span: tuple[int, int], start: int, end: int) -> int:
    a, b = span
    return 0 if a < end and start < b else min(abs(a - end), abs(start - b))
