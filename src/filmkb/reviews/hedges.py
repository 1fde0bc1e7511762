"""A review's own hedges: the phrases a critic uses when the verdict is split.

"could have been", "fails to", "that said", "on the upside" … The verdict model is binary
(trained on clear-cut IMDb reviews); ``verdict.py`` calls a review *mixed* only when the
model is unsure **and** the review hedges, so plain "but" in a rave does not make it mixed.
"""

from __future__ import annotations

import re

# Phrases that weigh both sides or grade a film as middling. Each counts once per match.
STRONG_HEDGES = (
    r"could have been",
    r"should have been",
    r"would have been better",
    r"might have been",
    r"fails? to",
    r"failed to",
    r"falls? short",
    r"(?:didn't|doesn't|does not|did not|don't|never) quite",
    r"not quite",
    r"that said",
    r"having said that",
    r"on the (?:upside|downside|plus side|minus side)",
    r"on the other hand",
    r"uneven",
    r"hit[- ](?:and|or)[- ]miss",
    r"mixed bag",
    r"flawed",
    r"not without (?:its|their) (?:flaws|problems|charms|moments)",
    r"if only",
    r"passable",
    r"serviceable",
    r"watchable",
    r"reasonable",
    r"decent",
    r"middling",
    r"so-so",
    r"mediocre",
    r"average",
    r"not bad",
    r"not great",
    r"lacks?",
    r"at times",
    r"somewhat",
    r"a (?:little|bit) (?:too|repetitive|slow|long|uneven|flat|thin)",
    r"overlong",
    r"too long",
    r"(?:live|lives|lived) up to",
    r"in the end,? (?:it's|it is) (?:just|merely|only)",
    r"worth a (?:look|watch) (?:if|but)",
)
# Contrast words: common in every review, so they only add weight alongside strong hedges.
WEAK_HEDGES = (r"but", r"however", r"although", r"though", r"despite", r"yet", r"while")

_STRONG = re.compile(r"\b(?:" + "|".join(STRONG_HEDGES) + r")\b", re.IGNORECASE)
_WEAK = re.compile(r"\b(?:" + "|".join(WEAK_HEDGES) + r")\b", re.IGNORECASE)
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'"})


def find_hedges(text: str) -> tuple[list[str], list[str]]:
    """The strong and weak hedge phrases found in ``text``, lower-cased, in reading order."""
    text = text.translate(_APOSTROPHES)
    strong = [m.group(0).lower() for m in _STRONG.finditer(text)]
    weak = [m.group(0).lower() for m in _WEAK.finditer(text)]
    return strong, weak
