"""The review a page carries: author, outlet, verdict, raw score."""

from __future__ import annotations

import re

from filmkb.extract.base import Context, Found
from filmkb.extract.text import is_person_name
from filmkb.types import ReviewInfo

_AUTHOR = re.compile(
    # a line's start, "Memento, reviewed by X", or "the review by X" anywhere
    r"(?:(?:^|\n)[ \t]*|,[ \t]+(?=(?i:reviewed))|(?<=\s)(?=(?i:the[ \t]+review[ \t]+by)))"
    r"(?i:(?:the[ \t]+)?(?:movie[ \t]+|film[ \t]+)?review(?:ed)?(?:[ \t]+written)?[ \t]+by"
    r"|written[ \t]+by|posted[ \t]+by|by"
    # the byline word of other languages: "Par X", "Von X", "Autor: X", "Auteur : X"
    r"|par|por|von|di|door|autor|auteur|autore|texto|tekst)"
    r"[ \t]*:?[ \t]+(?P<a>[A-Z][\w.'’\-]*(?:[ \t]+[A-Z][\w.'’\-]*){0,3})[ \t]*"
    r"(?:$|\n|,|\||·|—|-|on\s|(?:and|et|und|y|e|&)\s+[A-Z])",
    re.MULTILINE,
)
# "Adam Chandler: Dec 29 2014, 12:16 PM ET", "Jane Doe | 3 March 2021": a byline line
_NAME_DATE = re.compile(
    r"^[ \t]*(?P<a>[A-Z][\w.'’\-]*(?:[ \t]+[A-Z][\w.'’\-]*){1,3})[ \t]*[:|·—][ \t]*"
    r"(?=(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?[ \t]+\d"
    r"|\d{1,2}(?:st|nd|rd|th)?[ \t]+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
    r"|(?:19|20)\d\d[-/.]\d)",
    re.MULTILINE,
)
# letters after a critic's name: "Andrew Chan FCCA AACTA"
_CREDENTIALS = re.compile(r"(?:[ \t]+[A-Z]{2,6})+$")
_SCORE = re.compile(
    r"(?:\b(?i:rating|score|grade|verdict|stars?)[ \t]*[:：]?[ \t]*)"
    r"(?P<s>\d+(?:\.\d+)?[ \t]*(?:/|out of)[ \t]*\d+(?:[ \t]*stars?)?|[★☆✩✭*]{1,5}(?:[ \t]*½)?"
    r"|[A-F][+\-−]?(?![\w])|\d(?:\.\d)?[ \t]*stars?)",
)
_STARS = re.compile(r"(?P<s>[★]{1,5}½?[☆]*)")
_USER_REVIEWS = re.compile(r"^\s*(?:user\s+)?reviews?\s*$", re.IGNORECASE | re.MULTILINE)


def extract_review(ctx: Context) -> None:
    kind = next((f.value for f in ctx.found if f.prop == "kind"), None)
    text = ctx.text
    author = next((f for f in ctx.found if f.prop == "review_author"), None)
    body_start, body_end = 0, len(text)
    if author is None:
        m = None
        for cand in _AUTHOR.finditer(text):
            name = _CREDENTIALS.sub("", cand.group("a").strip())
            if ctx.role_of(name) & {"writer", "director", "actor", "character"}:
                continue  # "Written by: Stanley Kubrick" on a review: the film's credit
            if is_person_name(name, min_tokens=1, max_tokens=4) or re.fullmatch(r"[A-Z]\w+", name):
                m = cand
        if m is None and kind in ("review", "blog"):
            for cand in _NAME_DATE.finditer(text[:3000]):
                name = cand.group("a").strip()
                if is_person_name(name, min_tokens=2, max_tokens=4) and not ctx.role_of(name):
                    m = cand
                    break
        explicit = m is not None and re.match(
            r"\s*(?i:(?:the )?(?:movie |film )?review(?:ed)? by)", m.group()
        )
        if m and (kind in ("review", "blog") or explicit):
            name = _CREDENTIALS.sub("", m.group("a").strip())
            author = Found("review_author", name, m.start("a"), m.start("a") + len(name))
    meta_author = ctx.document.meta.get("author") or ctx.document.meta.get("article:author")
    if author is None and meta_author and kind in ("review", "blog"):
        name = meta_author.strip()
        if is_person_name(name, min_tokens=2):
            # the byline often sits outside the main text: an empty span, noted as metadata
            s = text.find(name)
            span = (s, s + len(name)) if s >= 0 else (0, 0)
            author = Found("review_author", name, *span, note="<meta name=author>")
    user = _USER_REVIEWS.search(text)
    if author is None and user and kind == "listing":
        # "Reviews" heading, then the reviewer's name alone on a line, then the text
        after = text[user.end() :].lstrip("\n")
        first = after.split("\n", 1)[0].strip()
        body = (after.split("\n", 2) + ["", ""])[1].strip()
        # the reviewer's name, then the review itself (not "Message Boards" / "Discuss …")
        prose = len(body) >= 80 and len(re.findall(r"[.!?](?:\s|$)", body)) >= 1
        if first and len(first.split()) <= 3 and len(first) < 40 and prose:
            s = text.index(first, user.end())
            author = Found("review_author", first, s, s + len(first))
            body_start = s + len(first)
    if kind not in ("review", "blog") and author is None:
        return
    widget = ctx.document.meta.get("filmkb:rating")  # a rating widget's own label comes first
    score_m = None if widget else (_SCORE.search(text) or _STARS.search(text))
    score = score_m.group("s").strip() if score_m else widget
    body = text[body_start:body_end]
    verdict, confidence, normalized = _verdict(body, score)
    info = ReviewInfo(
        author=author.value if author else None,
        outlet=ctx.document.meta.get("og:site_name"),
        verdict=verdict,
        score=score,
        score_normalized=normalized,
    )
    span = (author.start, author.end) if author else (body_start, min(body_end, body_start + 200))
    ctx.add(Found("review", info, span[0], span[1], "review.page", confidence))


def _verdict(text: str, score: str | None) -> tuple[str | None, float, float | None]:
    try:
        from filmkb.reviews import classify_verdict, normalize_score

        normalized = normalize_score(score) if score else None
        result = classify_verdict(text, normalized)
    except (ImportError, OSError):  # the verdict model is not installed: no verdict
        return None, 0.0, None
    return result.label, float(result.confidence), normalized
