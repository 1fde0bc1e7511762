"""Document kind: review, press_release, news, listing or blog, from cues a reader would use."""

from __future__ import annotations

import re

from filmkb.extract.base import Context, Found

CUES: dict[str, list[tuple[str, float]]] = {
    "review": [
        (r"\b(?:movie|film)\s+review\b", 2.0),
        (r"\A\s*[^\n]{0,120}\breview\b", 2.5),  # "Decision to Leave review – …" as the heading
        (r"\breview(?:ed)? by\b", 2.5),
        (r"\bverdict\b", 1.0),
        (r"\b(?:movie|our|my)\s+rating\b", 1.5),
        (r"\b\d(?:\.\d)?\s*/\s*(?:5|10)\b", 1.5),
        (r"[★☆]{3,}", 1.5),
        (r"\bstars? out of\b", 1.5),
        (r"\bthis (?:movie|film)\b", 0.5),
        (r"\bthe film(?:'s|’s)? (?:strength|weakness|problem)", 1.0),
        (r"\bcritic\b", 0.5),
        (r"\(\d(?:\.\d)?\s*stars?\)|\b\d(?:\.\d)?\s*(?:/|out of)\s*(?:4|5|10) stars?\b", 2.0),
        (r"^\s*(?:rating|verdict|score|grade)\s*:\s*\S", 1.5),
        (r"^[ \t]*[Bb]y[ \t]+[A-Z]\w+ [A-Z]\w+[ \t]*$", 1.0),
        (
            r"\b(?:performances?|cinematography|screenplay|pacing|storytelling|characteri[sz]ation)\b",
            0.4,
        ),
        (
            r"\b(?:dull|superb|brilliant|disappointing|tedious|gripping|muddled|masterful|clumsy"
            r"|derivative|charmless|compelling|engaging|lacklustre|lackluster|riveting|forgettable"
            r"|entertaining|pulpy|jingoistic|superior|subtle|unemotional)\b",
            0.4,
        ),
    ],
    "press_release": [
        (r"\bpress release\b", 3.0),
        (r"\bfor immediate release\b", 3.0),
        (r"\b(?:distributed|released) by\b", 1.0),
        (r"\bmark your calendars?\b", 2.0),
        (r"\bnow showing\b", 1.5),
        (r"\bin cinemas (?:nationwide|near you|everywhere)\b", 2.0),
        (r"\bopens? (?:on\s+)?\w+ \d+ in cinemas\b", 1.5),
        (r"\bcatch (?:it|the film)\b", 1.0),
        (r"\bofficial (?:synopsis|trailer|poster)\b", 0.5),
        (r"\bmedia (?:contact|enquiries)\b", 2.0),
        (
            r"\b(?:to be screened|sets? opening date|will (?:open|be released|hit|arrive)|opens? in"
            r"|in (?:\w+ )?cinemas (?:this|from|on)|(?:film )?synopsis\s*:)",
            1.5,
        ),
        (r"^\s*\w*\s*release date\s*:", 1.0),
    ],
    "news": [
        (r"\(photo\s*:", 2.0),
        (r"\baccording to\b", 1.0),
        (r"\breported(?:ly)?\b", 1.0),
        (r"\bannounce(?:d|ment)\b", 1.0),
        (r"\bbox office\b", 1.0),
        (r"\bjoin our\b", 1.0),
        (r"\bmust-read\b", 1.5),
        (r"\btrailer\b", 0.5),
        (r"\bsaid (?:in a|on)\b", 1.0),
        (r"\b(?:Reuters|Yonhap|AP|AFP)\b", 2.0),
        (r"\b(?:picked up|acquired|secured) (?:the )?(?:\w+ )?(?:distribution )?rights\b", 1.5),
        (r"\b(?:sales company|the deal|acquisitions|negotiated)\b", 0.75),
        (r"[”\"],? said [A-Z]|\bsaid [A-Z]\w+\.", 1.0),
        (r"^[ \t]*By [A-Z]\w+ [A-Z]\w+[ \t]*[|·•–-][ \t]*\d", 1.5),
    ],
    "listing": [
        (r"^\s*cast\s*(?:&|and)\s*crew\s*$", 3.0),
        (r"^\s*director\(s\)\s*$", 3.0),
        (r"^\s*(?:details|full cast|filmography|where to watch|photos|videos)\s*$", 1.5),
        (r"^\s*(?:runtime|release date|genres?)\s*:", 0.5),
    ],
    "blog": [
        (r"\bpost a comment\b", 2.5),
        (r"\bposted by\b", 2.0),
        (r"\bheader ads widget\b", 2.5),
        (r"\b\d+ comments?\b", 1.0),
        (r"\bblog\b", 1.5),
        (r"\bsubscribe\b", 0.5),
        (r"\b(?:i|i'm|i’ve|i've|my|me)\b", 0.25),
        (r"\bwordpress\b", 1.0),
        (r"\b(?:date night|my favou?rite|i love|i loved|i think|i felt)\b", 1.0),
        (r"\b(?:dear|lovely|fellow|my)\s+readers\b|\bhello (?:again|everyone|friends)\b", 2.0),
        (r"\A(?:[^\n]*\n){0,3}[ \t]*posted (?:by|on)\b", 1.5),
        (
            r"\bmy (?:sister|brother|husband|wife|partner|boyfriend|girlfriend|mum|mom|dad|kids)\b",
            1.0,
        ),
    ],
}


# Cues with capitals ("Reuters", "by Jane Doe") match the text as written; the others match
# its lower-cased copy, which is several times faster than re.IGNORECASE on Unicode text.
def _cased(pattern: str) -> bool:
    """Whether a cue names capitals (escapes such as ``\\A`` and ``\\S`` are not letters)."""
    letters = re.sub(r"\\[A-Za-z]", "", pattern)
    return letters != letters.lower()


_COMPILED = {
    kind: [(re.compile(p, re.MULTILINE), w, _cased(p)) for p, w in cues]
    for kind, cues in CUES.items()
}


KIND_CHARS = 20000  # the cues are read in the page's first characters (bounded work)


def cue_hits(
    text: str,
) -> tuple[dict[str, float], dict[str, list[int]], dict[str, tuple[int, int]]]:
    """Per kind: the cue score, the indices of the cues that matched, the first match's span."""
    text = text[:KIND_CHARS]
    scores: dict[str, float] = {}
    hits_of: dict[str, list[int]] = {}
    first: dict[str, tuple[int, int]] = {}
    lower = text.lower()
    for kind, cues in _COMPILED.items():
        total = 0.0
        hit_idx: list[int] = []
        for i, (pattern, weight, cased) in enumerate(cues):
            hits = list(pattern.finditer(text if cased else lower))
            if hits:
                hit_idx.append(i)
                total += weight * min(len(hits), 3 if weight < 0.5 else 1 + (len(hits) > 1))
                first.setdefault(kind, (hits[0].start(), hits[0].end()))
        scores[kind] = total
        hits_of[kind] = hit_idx
    # short name / character line pairs are what a listing looks like
    lines = [ln for ln in text.split("\n") if ln.strip()]
    if lines:
        short = sum(1 for ln in lines if len(ln) < 40) / len(lines)
        if short > 0.6 and len(lines) > 20:
            scores["listing"] += 3.0
        labelled = sum(1 for ln in lines if re.match(r"^\s*[A-Z][\w ()/]{1,25}\s?:\s*\S", ln))
        prose = sum(1 for ln in lines if len(ln) > 250)
        if labelled >= 4 and prose <= 2:
            scores["listing"] += 1.0 + 0.5 * min(labelled - 4, 4)
    return scores, hits_of, first


def classify_kind_cues(text: str) -> tuple[str, float, tuple[int, int]]:
    """The kind the cues alone give (the fallback without the learned model)."""
    scores, _, first = cue_hits(text)
    kind = max(scores, key=lambda k: scores[k])
    if scores[kind] <= 0.5:
        kind = "news"
    total = sum(scores.values()) or 1.0
    return kind, round(scores[kind] / total, 3), first.get(kind, (0, 0))


def classify_kind(text: str) -> tuple[str, float, tuple[int, int]]:
    """(kind, confidence, span of its first cue): the learned model over the page's words, cues
    and layout (``learned/kind.py``); the cue scores alone when the model is not installed."""
    from filmkb.extract.learned.kind import kind_probabilities

    _, hits, first = cue_hits(text)
    proba = kind_probabilities(text, hits)
    if proba is None:
        return classify_kind_cues(text)
    kind = decide(proba)
    return kind, round(proba[kind], 3), first.get(kind, (0, 0))


# A page is a review or a blog post (and its verdict is read) when the model gives the two
# together at least this probability; the likelier of the two is its kind.
OPINION = 0.6
_OPINION_KINDS = ("review", "blog")


def decide(proba: dict[str, float]) -> str:
    """The kind from the model's probabilities (see ``OPINION``)."""
    if sum(proba.get(k, 0.0) for k in _OPINION_KINDS) >= OPINION:
        return max(_OPINION_KINDS, key=lambda k: proba.get(k, 0.0))
    return max((k for k in proba if k not in _OPINION_KINDS), key=lambda k: proba[k])


def extract_kind(ctx: Context) -> None:
    kind, confidence, (s, e) = classify_kind(ctx.text)
    ctx.add(Found("kind", kind, s, e, "kind.model", max(0.3, confidence)))
