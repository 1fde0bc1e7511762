"""The critics' aggregate of one film's reviews.

* ``count``; ``distribution`` of verdicts (positive / mixed / negative);
* ``percent_positive`` like a Tomatometer, shown once there are ≥ 5 reviews with a verdict;
* ``mean_score`` of normalised scores like a Metascore, shown once ≥ 4 reviews have a score;
* ``consensus``: 1–2 sentences taken from the reviews themselves (extractive), each part
  linked to its review, from reviews that agree with the majority verdict;
* ``pros`` / ``cons``: the aspects most often praised / faulted, with example sentences.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

from filmkb.reviews.aspects import Aspect, clause_polarity, extract_aspects, split_sentences
from filmkb.reviews.review import Review
from filmkb.reviews.scores import verdict_from_score
from filmkb.reviews.verdict import classify_verdict

VERDICTS = ("positive", "mixed", "negative")

MIN_REVIEWS_PERCENT = 5
MIN_SCORES_MEAN = 4
MIN_REVIEWS_CONSENSUS = 3
TOP_ASPECTS = 3
CONSENSUS_MAX_CHARS = 240

# Sentences that sum a review up ("Overall, …", "In summary, …", "… is a must-watch").
_SUMMARY = re.compile(
    r"\b(?:overall|in summary|in short|all in all|ultimately|in the end|bottom line|to sum up"
    r"|in conclusion|must[- ]see|must[- ]watch|worth (?:seeing|watching|a look)|skip it"
    r"|recommend(?:ed)?|one of the (?:best|worst|most))\b",
    re.IGNORECASE,
)


@dataclass
class ConsensusPart:
    text: str  # a sentence copied from the review
    review_index: int  # index into the list given to aggregate_reviews
    source: str  # the review's source (feed row, document)


@dataclass
class AspectExample:
    review_index: int
    sentence: str


@dataclass
class AspectSummary:
    aspect: str
    polarity: str  # pro | con
    count: int  # number of reviews that mention it with this polarity
    examples: list[AspectExample] = field(default_factory=list)


@dataclass
class CriticsAggregate:
    count: int
    percent_positive: float | None
    mean_score: float | None
    scored_count: int
    distribution: dict[str, int]
    consensus: str | None
    consensus_parts: list[ConsensusPart] = field(default_factory=list)
    pros: list[AspectSummary] = field(default_factory=list)
    cons: list[AspectSummary] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def aggregate_reviews(reviews: list[Review]) -> CriticsAggregate:
    """Aggregate one film's reviews.

    A review without a verdict gets one here (from its score, else from its text) without
    changing the ``Review`` given.
    """
    verdicts = [review_verdict(review) for review in reviews]
    distribution = {"positive": 0, "mixed": 0, "negative": 0}
    for verdict in verdicts:
        if verdict in distribution:
            distribution[verdict] += 1
    judged = sum(distribution.values())
    percent = None
    if judged >= MIN_REVIEWS_PERCENT:
        percent = round(100.0 * distribution["positive"] / judged, 1)
    scores = [r.score_normalized for r in reviews if r.score_normalized is not None]
    mean = round(sum(scores) / len(scores), 1) if len(scores) >= MIN_SCORES_MEAN else None
    aspects = [extract_aspects(review.text) for review in reviews]
    parts = compose_consensus(reviews, verdicts, distribution, aspects)
    return CriticsAggregate(
        count=len(reviews),
        percent_positive=percent,
        mean_score=mean,
        scored_count=len(scores),
        distribution=distribution,
        consensus=" ".join(part.text for part in parts) or None,
        consensus_parts=parts,
        pros=_top_aspects(aspects, "pro"),
        cons=_top_aspects(aspects, "con"),
    )


def review_verdict(review: Review) -> str | None:
    """The review's verdict; when missing, the score decides, else the text model."""
    if review.verdict in VERDICTS:
        return review.verdict
    if review.score_normalized is not None:
        return verdict_from_score(review.score_normalized)
    if review.text and review.text.strip():
        return classify_verdict(review.text).label
    return None


def majority_verdict(distribution: dict[str, int]) -> str | None:
    """The most common verdict; a tie between positive and negative is mixed."""
    if not any(distribution.values()):
        return None
    best = max(distribution.values())
    leaders = [label for label, n in distribution.items() if n == best]
    if len(leaders) == 1:
        return leaders[0]
    return "mixed"


def compose_consensus(
    reviews: list[Review],
    verdicts: list[str | None],
    distribution: dict[str, int],
    aspects: list[list[Aspect]],
) -> list[ConsensusPart]:
    """One or two sentences from reviews that share the majority verdict.

    A sentence scores for summing up ("overall", "in summary", "must-see"), for carrying the
    majority's polarity and for naming aspects that many reviews share; the best sentence is
    taken, then the best sentence of a *different* review, if both fit in
    ``CONSENSUS_MAX_CHARS``.
    """
    if len(reviews) < MIN_REVIEWS_CONSENSUS:
        return []
    majority = majority_verdict(distribution)
    if majority is None:
        return []
    wanted = {"positive": 1, "negative": -1, "mixed": 0}[majority]
    common = Counter(key for found in aspects for key in {(a.aspect, a.polarity) for a in found})
    candidates: list[tuple[float, int, int, str]] = []
    for index, review in enumerate(reviews):
        if verdicts[index] != majority:
            continue
        by_span = {(a.start, a.end): a for a in aspects[index]}
        for order, (start, end) in enumerate(split_sentences(review.text)):
            sentence = review.text[start:end]
            if not 30 <= len(sentence) <= CONSENSUS_MAX_CHARS or sentence.endswith("?"):
                continue
            if not (sentence[0].isupper() or sentence[0] in "\"“'‘"):
                continue  # a fragment (split inside a parenthesis), not a sentence
            polarity = clause_polarity(sentence)
            score = 0.0
            if _SUMMARY.search(sentence):
                score += 3.0
            if review.film_title and review.film_title.lower() in sentence.lower():
                score += 1.0
            if wanted == 0:
                score += 1.0 if " but " in sentence or "," in sentence else 0.0
            elif polarity == wanted:
                score += 1.5
            elif polarity == -wanted:
                score -= 3.0
            aspect = by_span.get((start, end))
            if aspect is not None:
                score += 0.5 * min(common[(aspect.aspect, aspect.polarity)], 4)
            candidates.append((score, index, order, sentence))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    parts: list[ConsensusPart] = []
    for score, index, _order, sentence in candidates:
        if score <= 0:
            break
        if parts and (
            parts[0].review_index == index
            or _same_text(parts[0].text, sentence)
            or len(sentence) + len(parts[0].text) > CONSENSUS_MAX_CHARS
        ):
            continue
        parts.append(ConsensusPart(sentence, index, reviews[index].source))
        if len(parts) == 2:
            break
    return parts


def _same_text(a: str, b: str) -> bool:
    return re.sub(r"\W+", " ", a).lower().strip() == re.sub(r"\W+", " ", b).lower().strip()


def _top_aspects(aspects: list[list[Aspect]], polarity: str) -> list[AspectSummary]:
    summaries: dict[str, AspectSummary] = {}
    for index, found in enumerate(aspects):
        seen: set[str] = set()
        for aspect in found:
            if aspect.polarity != polarity:
                continue
            summary = summaries.setdefault(aspect.aspect, AspectSummary(aspect.aspect, polarity, 0))
            if aspect.aspect not in seen:
                summary.count += 1
                seen.add(aspect.aspect)
                if len(summary.examples) < 3:
                    summary.examples.append(AspectExample(index, aspect.sentence))
    ranked = sorted(summaries.values(), key=lambda s: (-s.count, s.aspect))
    return ranked[:TOP_ASPECTS]
