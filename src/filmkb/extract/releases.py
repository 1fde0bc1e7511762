"""Releases: territory, date (with precision), distributor, certification, release type.

From structured lines ("Opening Day: 11 July 2024", "Released By: …", "Rating: NC16") and from
prose ("In the Philippines, … distributed by VIVA International Pictures. It opens July 17 in
cinemas nationwide."; "The movie was released on July 3, 2024").
"""

from __future__ import annotations

import re

from filmkb.extract.base import Context, Found
from filmkb.extract.dates import DateMatch, find_dates
from filmkb.extract.territories import (
    CERT_PATTERN,
    find_territories,
    normalize_certification,
    territory_for_certification,
    territory_named,
)
from filmkb.types import Release

_RELEASE_VERB = re.compile(
    r"\b(?:releas(?:e|ed|es|ing)|opens?|opening|open(?:ed)?\s+in|hits?\s+(?:theaters|theatres|cinemas|screens)"
    r"|in\s+(?:theaters|theatres|cinemas)|premier(?:e|es|ed)|debut(?:s|ed)?|arriv(?:e|es|ed)"
    r"|grace\s+the\s+big\s+screen|(?:now\s+)?showing|screen(?:s|ed|ing)|out\s+(?:on|in)|comes?\s+to"
    r"|bow(?:s|ed)?|launch(?:es|ed)?|streaming|on\s+netflix|release\s+date|dated|(?:set|slated|scheduled|due)\s+(?:for|to)"
    r"|lands?\s+(?:in|on))\b",
    re.IGNORECASE,
)
_NOT_RELEASE = re.compile(
    r"\b(?:born|died|filming|shooting|shot\s+in|production\s+(?:began|started|wrapped)|trailer|teaser"
    r"|poster|casting|box office|admissions|wrapped|crank(?:ed)?\s+in|opening weekend|gross|budget|moved|postponed|delayed|pushed back|rescheduled)\b",
    re.IGNORECASE,
)
_DISTRIBUTED = re.compile(
    r"\b(?:distributed|released|brought|presented)\s+(?:(?:locally|here|theatrically|nationwide)\s+)?"
    r"(?:in\s+(?:the\s+)?[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?\s+)?by\s+"
    r"(?P<d>(?:[A-Z][\w&.'’\-]*)(?:\s+(?:[A-Z][\w&.'’\-]*|of|&|and))*)"
)
_DISTRIBUTOR_SUFFIX = re.compile(
    r"\b(?:Pictures|Films?|Entertainment|Studios?|Distribution|Releasing|Media|Cinemas?|Features"
    r"|Productions?|Company|Co\.|Inc\.?|Ltd\.?|Group|Corporation|Classics|International|Plus|Go|GV)\b"
)
_CERT_PROSE = re.compile(
    rf"\b(?:[Rr]ated|[Rr]ating|[Cc]ertificate|[Cc]ertified|[Cc]lassified|[Cc]lassification)\s*:?\s*"
    rf"(?P<c>{CERT_PATTERN})(?![\w+])"
)
_STREAMING = re.compile(
    r"\b(?:Netflix|Disney\+|Prime Video|Amazon Prime|Apple TV\+|HBO Max|Max|Hulu|Viu|iQIYI|Tving|Coupang Play|Wavve|streaming)\b"
)
_FESTIVAL = re.compile(r"\b(?:[Ff]estival|Cannes|Berlinale|Venice|Sundance|TIFF|Busan|BIFF)\b")


def extract_releases(ctx: Context) -> None:
    text = ctx.text
    structured = _structured_release(ctx)
    if structured is not None:
        ctx.add(structured)
    taken = {(f.start, f.end) for f in ctx.found if f.prop == "release_date"}
    for sent in ctx.view.sentences:
        dates = [d for d in find_dates(sent.text, sent.start) if (d.start, d.end) not in taken]
        if not dates or len(sent.text) > 600:
            continue
        if not _RELEASE_VERB.search(sent.text) or _NOT_RELEASE.search(sent.text):
            continue
        if ctx.main_title_spans and _about_other_film(ctx, sent.start, sent.end):
            continue
        date = _release_date(dates, sent.text, sent.start)
        if date is None:
            continue
        if not date.has_year:
            date = _year_from_context(ctx, date) or date
        territory, t_inferred = _territory_near(ctx, sent.start, sent.end)
        distributor = _distributor_near(ctx, sent.start, sent.end)
        rtype = (
            "streaming"
            if _STREAMING.search(sent.text)
            else ("festival" if _FESTIVAL.search(sent.text) else "theatrical")
        )
        release = Release(
            territory=territory,
            date=date.iso,
            date_precision=date.precision,
            distributor=distributor,
            release_type=rtype,
            territory_inferred=t_inferred,
            date_inferred=date.inferred,
        )
        found = Found(
            "release", release, date.start, date.end, "releases.prose", 0.75, inferred=date.inferred
        )
        if date.inferred:
            found.note = "year taken from the dateline earlier in the paragraph"
        ctx.add(found)
    _ = text


def _year_from_context(ctx: Context, date: DateMatch) -> DateMatch | None:
    """ "New York, March 24, 2011 – … will open … on April 1": the year of a full date earlier
    in the same paragraph (the dateline), when the release falls within a year after it."""
    para = ctx.view.paragraph_at(date.start)
    if para is None:
        return None
    context = [d for d in find_dates(ctx.text[para.start : date.start], para.start) if d.has_year]
    if not context:
        return None
    anchor = context[-1]
    year = int(anchor.iso[:4])
    month_day = date.iso[2:]  # "MM-DD"
    if anchor.precision == "day" and month_day < anchor.iso[5:]:
        year += 1  # "December 20, 2010 … opens January 7": the next year
    iso = f"{year:04d}-{month_day}"
    return DateMatch(iso, date.precision, date.start, date.end, True, inferred=True)


def _release_date(dates: list[DateMatch], sentence: str, offset: int) -> DateMatch | None:
    """The date the release verb governs: the first date after the verb, else the last before."""
    verb = _RELEASE_VERB.search(sentence)
    assert verb is not None
    after = [d for d in dates if d.start - offset >= verb.start()]
    return after[0] if after else dates[-1]


def _about_other_film(ctx: Context, start: int, end: int) -> bool:
    """A sentence that names another film by "(year)" and not the page's film."""
    for f in ctx.found:
        if f.prop == "mention" and start <= f.start < end:
            return not any(start <= s < end for s, _ in ctx.main_title_spans)
    return False


def _context_start(ctx: Context, start: int) -> int:
    """Where a release sentence's context begins: earlier sentences of its paragraph that
    state no date of their own ("In the Philippines, … distributed by X. It opens July 17")."""
    para = ctx.view.paragraph_at(start)
    lo = start
    if para is None:
        return lo
    for sent in reversed([s for s in ctx.view.sentences if para.start <= s.start < start]):
        if find_dates(sent.text):
            break
        lo = sent.start
    return lo


def _territory_near(ctx: Context, start: int, end: int) -> tuple[str | None, bool]:
    """A country named in the sentence, else in the dateless sentences just before it."""
    found = find_territories(ctx.text[start:end])
    if found:
        return found[0][0], False
    found = find_territories(ctx.text[_context_start(ctx, start) : start])
    if found:
        return found[-1][0], False
    return None, False


def _distributor_near(ctx: Context, start: int, end: int) -> str | None:
    m = None
    for cand in _DISTRIBUTED.finditer(ctx.text, _context_start(ctx, start), end):
        m = cand
    if m is None:
        return None
    return _clean_distributor(m.group("d"))


def _clean_distributor(raw: str) -> str | None:
    words = raw.split()
    while words and words[-1].lower() in {"and", "of", "&", "in", "on"}:
        words.pop()
    name = re.split(r"\.\s", " ".join(words))[0].rstrip(".,")
    words = name.split()
    if not name or not _DISTRIBUTOR_SUFFIX.search(name) or len(words) > 6:
        return None
    return name


def _structured_release(ctx: Context) -> Found | None:
    """One release from label lines: date, distributor, certification (territory from scheme)."""
    dates = [f for f in ctx.found if f.prop == "release_date" and f.film is None]
    distributor = next(iter(ctx.labels.get("distributor", [])), None)
    rating = None
    for value, s, _e in ctx.labels.get("rating", []):
        cert_m = re.match(rf"\s*(?:[Rr]ated\s+)?(?P<c>{CERT_PATTERN})(?![\w+/])", value)
        if cert_m:
            cert = normalize_certification(cert_m.group("c"))
            if cert:
                rating = (cert, s + cert_m.start("c"), s + cert_m.end("c"))
                break
    if rating is None:
        m = _CERT_PROSE.search(ctx.text)
        if m:
            cert = normalize_certification(m.group("c"))
            if cert and cert not in {"A", "M", "U", "G"} or (cert and m.group(0)[0] == "R"):
                rating = (cert, m.start("c"), m.end("c"))
    if not dates and distributor is None and rating is None:
        return None
    date: DateMatch | None = dates[0].value if dates else None
    territory = None
    inferred = False
    # "Singapore Release Date: …", "Release date in South Korea : …", "April 5, 2023 (USA)"
    for label, _s, _e in ctx.labels.get("release_label", [])[:1]:
        territory = territory_named(label)
    for value, _s, _e in ctx.labels.get("release_date", [])[:1]:
        territory = territory or territory_named(value)
    rating_label = " ".join(v for v, _s, _e in ctx.labels.get("rating_label", []))
    if territory is None and rating:
        territory = territory_for_certification(rating[0])
        if territory is None and re.search(r"\bMPA+\b", rating_label + " " + ctx.text[:0]):
            territory = "US"
        inferred = territory is not None
    release = Release(
        territory=territory,
        date=date.iso if date else None,
        date_precision=date.precision if date else None,
        distributor=_clean_label_value(distributor[0]) if distributor else None,
        certification=rating[0] if rating else None,
        release_type="theatrical" if date else None,
        territory_inferred=inferred,
    )
    anchor = dates[0] if dates else None
    if anchor is not None:
        s, e = anchor.start, anchor.end
    elif distributor is not None:
        s, e = distributor[1], distributor[2]
    else:
        assert rating is not None
        s, e = rating[1], rating[2]
    found = Found("release", release, s, e, "releases.fields", 0.9, inferred=inferred)
    if inferred:
        found.note = (
            f"territory {territory} inferred from certification {rating[0] if rating else ''}"
        )
    return found


def _clean_label_value(value: str) -> str | None:
    value = re.split(r"\s+[\(\[]|\s+[-–|]\s+", value)[0].strip(" .,;")
    return value or None
