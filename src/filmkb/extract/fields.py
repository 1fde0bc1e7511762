"""Structured blocks: "Label: value" lines and label headings followed by value lines.

"Runtime: 1 hr 34 mins", "Released By: Golden Village Pictures", "Director(s)" then one name
a line, "Cast: A, B, C", "Rating: NC16 (Some Violence)", "Opening Day: 11 July 2024".
"""

from __future__ import annotations

import re

from filmkb.extract.base import Context, Found
from filmkb.extract.dates import find_dates
from filmkb.extract.text import clean_name, is_person_name
from filmkb.types import CastCredit

LABELS: dict[str, str] = {
    "director": r"directors?|director\(s\)|directed by|direction by|film director",
    "writer": r"writers?|writer\(s\)|written by|screenplay(?: by)?|screenwriters?|script(?: by)?"
    r"|story by|screenplay & story",
    "cast": r"cast|starring|stars|main cast|lead cast|leading cast|cast members|actors?",
    "runtime": r"runtime|running time|run time|duration|length",
    "genre": r"genres?",
    "rating": r"rating|rated|certificate|certification|classification|age rating|mpaa rating"
    r"|mpa rating|content rating|film rating|maturity rating|parental rating",
    "distributor": r"released by|distributors?|distributed by|distribution|local distributor",
    "release_date": r"opening day|opening date|release date|released|release|in cinemas"
    r"|in theaters|in theatres|opens|theatrical release|date of release|premiere date"
    r"|release date \(\w+\)|showing from|screening from",
    "original_title": r"original title|korean title|native title|hangul|original name",
    "year": r"year|production year|release year",
    "country": r"country|countries|country of origin",
    "language": r"languages?|original language",
    "score": r"score|grade|our rating|movie rating|verdict|stars",
    "review_author": r"review by|reviewed by|reviewer|critic",
}
_LABEL_RE = {
    key: re.compile(rf"^\s*(?:{pat})\s*[:：\-–]\s*(?P<value>.*)$", re.IGNORECASE)
    for key, pat in LABELS.items()
}
_HEADING_RE = {
    key: re.compile(rf"^\s*(?:{pat})\s*(?:&\s*crew)?\s*:?\s*$", re.IGNORECASE)
    for key, pat in LABELS.items()
    if key in ("director", "writer", "cast")
}
NAME_SPLIT = re.compile(r"\s*(?:,|;|/|\band\b|&|\|)\s*")


def label_of(line: str) -> tuple[str, str] | None:
    """("Runtime: 1 hr 34 mins") → ("runtime", "1 hr 34 mins")."""
    for key, pattern in _LABEL_RE.items():
        m = pattern.match(line)
        if m:
            return key, m.group("value").strip()
    return None


def extract_fields(ctx: Context) -> None:
    lines = ctx.view.lines
    i = 0
    while i < len(lines):
        line = lines[i]
        if len(line.text) > 200:
            i += 1
            continue
        labelled = label_of(line.text)
        if labelled and labelled[1]:
            key, value = labelled
            vstart = line.start + line.text.rindex(value)
            ctx.labels.setdefault(key, []).append((value, vstart, vstart + len(value)))
            _emit(ctx, key, value, vstart)
            i += 1
            continue
        heading = next((k for k, p in _HEADING_RE.items() if p.match(line.text)), None)
        if heading in ("director", "writer"):
            i = _names_below(ctx, heading, i + 1)
            continue
        i += 1


def _names_below(ctx: Context, prop: str, i: int) -> int:
    """Names one a line under a "Director(s)" heading, until a line that is not a name."""
    lines = ctx.view.lines
    count = 0
    while i < len(lines) and count < 8:
        text = lines[i].text.strip()
        if not text:
            if count:
                break
            i += 1
            continue
        if not is_person_name(text, min_tokens=1):
            break
        start = lines[i].start + lines[i].text.index(text)
        ctx.add(Found(prop, text, start, start + len(text), "fields.block", 0.95))
        count += 1
        i += 1
    return i


def _emit(ctx: Context, key: str, value: str, vstart: int) -> None:
    if key in ("director", "writer", "cast"):
        prop = key
        pos = 0
        for part in NAME_SPLIT.split(value):
            name = clean_name(re.sub(r"\(.*?\)", "", part))
            idx = value.find(part, pos)
            pos = max(pos, idx + len(part)) if idx >= 0 else pos
            if not name or not is_person_name(name, min_tokens=1):
                continue
            start = vstart + value.find(name, max(idx, 0))
            if prop == "cast":
                ctx.add(Found("cast", CastCredit(name, None), start, start + len(name),
                              "fields.label", 0.95))
            else:
                ctx.add(Found(prop, name, start, start + len(name), "fields.label", 0.95))
    elif key == "runtime":
        from filmkb.extract.runtime import parse_runtime

        minutes = parse_runtime(value)
        if minutes:
            ctx.add(Found("runtime_min", minutes, vstart, vstart + len(value), "fields.label", 0.95))
    elif key == "genre":
        from filmkb.extract.genres import genres_in_list

        for genre, s, e in genres_in_list(value):
            ctx.add(Found("genre", genre, vstart + s, vstart + e, "fields.label", 0.95))
    elif key == "year":
        m = re.fullmatch(r"((?:19|20)\d\d)", value.strip())
        if m:
            ctx.add(Found("year", int(m.group(1)), vstart, vstart + 4, "fields.label", 0.9))
    elif key == "original_title":
        title = value.strip().strip("\"“”'‘’")
        if title and len(title) < 100:
            s = vstart + value.find(title)
            ctx.add(Found("original_title", title, s, s + len(title), "fields.label", 0.9))
    elif key == "review_author":
        name = clean_name(value)
        if is_person_name(name, min_tokens=1):
            s = vstart + value.find(name)
            ctx.add(Found("review_author", name, s, s + len(name), "fields.label", 0.9))
    elif key == "release_date":
        dates = find_dates(value, vstart)
        if dates:
            d = dates[0]
            ctx.add(Found("release_date", d, d.start, d.end, "fields.label", 0.95))
    # rating / distributor / country are read by the releases and review extractors from
    # ctx.labels, since they need each other (a certification implies a territory).
