"""Releases: territory, date (with precision), distributor, certification, release type.

From structured lines ("Opening Day: 11 July 2024", "Released By: …", "Rating: NC16") and from
prose ("In the Philippines, … distributed by VIVA International Pictures. It opens July 17 in
cinemas nationwide."; "The movie was released on July 3, 2024").
"""

from __future__ import annotations

import re

from filmkb.extract.base import Context, Found
from filmkb.extract.cues import is_company_name
from filmkb.extract.dates import DateMatch, find_dates
from filmkb.extract.territories import (
    CERT_PATTERN,
    find_territories,
    normalize_certification,
    territory_for_certification,
    territory_named,
    territory_of_board,
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
    r"\b(?P<v>distributed|released|release|brought|presented)\s+"
    r"(?:(?:locally|here|theatrically|nationwide)\s+)?"
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
    _release_sections(ctx)
    _release_tables(ctx)
    _labelled_release_items(ctx)
    rights = _rights_holders(ctx)
    taken = {(f.start, f.end) for f in ctx.found if f.prop in ("release_date", "release")}
    labelled = [(s, e) for _v, s, e in ctx.labels.get("release_date", [])]
    for sent in ctx.view.sentences:
        dates = [d for d in find_dates(sent.text, sent.start) if (d.start, d.end) not in taken]
        if not dates or len(sent.text) > 600:
            continue
        if any(s < sent.end and sent.start < e for s, e in labelled):
            continue  # "Release dates: …": read as a labelled field, not as prose
        if not _RELEASE_VERB.search(sent.text) or _NOT_RELEASE.search(sent.text):
            continue
        # another film named before the first date ("Released June 8, the flick was at No. 3
        # after "The Witch …"" is the page's film's release)
        if ctx.main_title_spans and _about_other_film(ctx, sent.start, dates[0].start, sent.end):
            continue
        clauses = _clauses(sent.text, sent.start, dates) if len(dates) > 1 else []
        if len(clauses) > 1:  # "opens in Korea on 5 Feb, with a North American release on 21 March"
            for c_start, c_end, c_date in clauses:
                _clause_release(ctx, c_start, c_end, c_date, rights)
            continue
        date = _release_date(dates, sent.text, sent.start)
        if date is None:
            continue
        if not date.has_year:
            date = _year_from_context(ctx, date) or date
        territory, t_inferred = _territory_near(ctx, sent.start, sent.end)
        distributor = _distributor_near(ctx, sent.start, sent.end) or _distributor_via(
            ctx, sent.start, sent.end
        )
        if distributor is None and territory:
            distributor = rights.get(territory)
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
    _released_in_year(ctx)
    _ = text


# "Released 1994", "was released in 1994", "Released in 1977, George Lucas' Star Wars …"
_RELEASED_YEAR = re.compile(
    r"(?<![-\w])(?:[Rr]eleased|[Pp]remiered|came out|[Oo]pened)\s+(?:in\s+)?(?P<y>(?:19|20)\d\d)\b"
    r"(?!\s*[-–/]\d|\s+(?:film|movie)s?\b)"
)


def _released_in_year(ctx: Context) -> None:
    """A release year only, when the page gives the film no dated release: "Released 1994"."""
    if not ctx.main_title or any(f.prop == "release" and f.film is None for f in ctx.found):
        return
    from filmkb.extract.mentions import film_at

    for m in _RELEASED_YEAR.finditer(ctx.text):
        sent = ctx.view.sentence_at(m.start())
        lo, hi = (sent.start, sent.end) if sent else (m.start(), m.end())
        if _about_other_film(ctx, lo, hi) or film_at(ctx, m.start(), m.end()) is not None:
            continue
        if _NOT_RELEASE.search(ctx.text[lo:hi]):
            continue
        year = m.group("y")
        release = Release(date=year, date_precision="year", release_type="theatrical")
        ctx.add(Found("release", release, m.start("y"), m.end("y"), "releases.year", 0.6))
        return


_CLAUSE_BREAK = re.compile(r",\s+(?:with|while|and|but)\s+|;\s+|\s+while\s+|,\s+(?=(?:its|the)\s)")
_VIA = re.compile(
    r"\b(?:via|through|thru|with|from|by)\s+(?:(?:local|domestic|its|the)\s+)?(?:distributor\s+)?"
    r"(?P<d>[A-Z][\w&.'’\-]*(?:\s+(?:[A-Z][\w&.'’\-]*|of|&))*)"
)
_RIGHTS = re.compile(
    r"(?P<c>[A-Z][\w&.'’\-]*(?:\s+[A-Z][\w&.'’\-]*){0,4})\s+(?:has\s+|have\s+|had\s+)?"
    r"(?:picked\s+up|acquired|bought|taken|takes|took|secured|snapped\s+up|nabbed|landed|scooped)\s+"
    r"(?:the\s+)?(?P<t>[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)\s+(?:theatrical\s+|distribution\s+)?rights"
)
_DISTRIBUTOR_OF = re.compile(
    r"(?P<c>[A-Z][\w&.'’\-]*(?:\s+[A-Z][\w&.'’\-]*){0,4}),\s+the\s+film['’]s\s+"
    r"(?P<t>[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)\s+distributor"
)


_SECTION_HEAD = re.compile(
    r"^\s*(?:(?:theatrical\s+|home\s+video\s+|digital\s+)?releases?(?:\s+(?:dates?|info|information|by\s+(?:date|country)))?"
    r"|release\s+dates?|premi[eè]res?|premiéry|estreias?|estrenos?|sorties?|dates de sortie"
    r"|kinostart|erstaufführungen)\s*:?\s*$",
    re.IGNORECASE,
)
_SECTION_ROWS = 200
_ROW_WORDS = re.compile(
    r"\b(?:theatrical|premiere|festival|digital|physical|tv|limited|wide|release|dvd|blu-ray)\b",
    re.IGNORECASE,
)


def _release_sections(ctx: Context) -> None:
    """A "Releases" / "Release dates" section: each row (line) with a date is one release; its
    country comes from the row or from a line naming only a country above it, its distributor
    from a company-shaped rest of the row, its certification from a rating code in the row."""
    lines = ctx.view.lines
    for i, head in enumerate(lines):
        if not _SECTION_HEAD.match(head.text) or len(head.text) > 40:
            continue
        country: str | None = None
        rows = 0
        section = lines[i + 1 : i + 1 + _SECTION_ROWS]
        for j, line in enumerate(section):
            text = line.text.strip()
            if not text:
                continue
            dates = find_dates(line.text, line.start)
            only = territory_named(text) if len(text) <= 40 else None
            named = find_territories(text) or ([(only, 0, 0)] if only else [])
            if not dates:
                if only:
                    country = only  # a country heading over its rows
                    continue
                if rows and len(text) <= 40 and not named and not _next_has_date(section[j + 1 :]):
                    break  # a short line not introducing a dated row: the next section
                continue
            date = dates[0]
            territory = named[0][0] if named else country
            rest = text
            for d in dates:
                rest = rest.replace(line.text[d.start - line.start : d.end - line.start], " ")
            rest = _ROW_WORDS.sub(" ", rest)
            rest = re.sub(r"\s+", " ", rest).strip(" -–|·,")
            distributor = _clean_distributor(rest) or _row_company(rest)
            cert = next(
                (c for c in (normalize_certification(w) for w in rest.split()) if c and len(c) > 1),
                None,
            )
            release = Release(territory=territory, date=date.iso, date_precision=date.precision,
                              distributor=distributor, certification=cert,
                              release_type=_row_type(text))  # fmt: skip
            ctx.add(Found("release", release, date.start, date.end, "releases.section", 0.8))
            rows += 1


def _labelled_release_items(ctx: Context) -> None:
    """ "Release dates: 4 March 2022 (Berlin); 11 March 2022 (United Kingdom)": the items after
    the first (which the label's own release takes) are releases of their own, each with the
    place its item names."""
    for value, start, _end in ctx.labels.get("release_date", [])[:1]:
        pos = 0
        for k, item in enumerate(value.split(";")):
            offset = start + pos
            pos += len(item) + 1
            if k == 0:
                continue
            dates = [d for d in find_dates(item, offset) if d.has_year]
            if len(dates) != 1:
                continue
            d = dates[0]
            release = Release(territory=territory_named(item), date=d.iso,
                              date_precision=d.precision, distributor=None, certification=None,
                              release_type=_row_type(item) or "theatrical")  # fmt: skip
            ctx.add(Found("release", release, d.start, d.end, "releases.fields", 0.85))


def _release_tables(ctx: Context) -> None:
    """Rows of an HTML table that pair a country cell with one full date (a release-dates or a
    box-office-by-market table): one release each; a row naming no country gives none."""
    taken = {(f.start, f.end) for f in ctx.found if f.prop == "release"}
    for b in ctx.document.blocks:
        if b.kind != "table_row" or b.boilerplate or b.start < 0 or b.end > len(ctx.text):
            continue
        places = [t for t in (territory_named(c.strip()) for c in b.cells if 0 < len(c) <= 40) if t]
        if len(places) != 1:
            continue
        text = ctx.text[b.start : b.end]
        dates = [d for d in find_dates(text, b.start) if d.has_year and d.precision == "day"]
        if len(dates) != 1 or (dates[0].start, dates[0].end) in taken:
            continue
        if ctx.main_title_spans and _about_other_film(ctx, b.start, b.end):
            continue
        date = dates[0]
        release = Release(territory=places[0], date=date.iso, date_precision=date.precision,
                          distributor=None, certification=None, release_type=_row_type(text))  # fmt: skip
        ctx.add(Found("release", release, date.start, date.end, "releases.table", 0.8))


def _next_has_date(later: list) -> bool:
    """Whether the next non-empty line states a date."""
    nxt = next((ln for ln in later if ln.text.strip()), None)
    return nxt is not None and bool(find_dates(nxt.text))


def _row_type(text: str) -> str | None:
    low = text.lower()
    for word, kind in (("premiere", "premiere"), ("festival", "festival"), ("digital", "streaming"),
                       ("physical", "home"), ("dvd", "home"), ("blu-ray", "home"), ("tv", "tv"),
                       ("theatrical", "theatrical")):  # fmt: skip
        if word in low:
            return kind
    return None


def _clauses(text: str, offset: int, dates: list[DateMatch]) -> list[tuple[int, int, DateMatch]]:
    """The sentence cut into clauses at ", with", "; ", "while" …, with the one date of each
    (clauses without exactly one date are dropped)."""
    bounds = [0] + [m.end() for m in _CLAUSE_BREAK.finditer(text)] + [len(text) + 1]
    out = []
    for lo, hi in zip(bounds, bounds[1:], strict=False):
        inside = [d for d in dates if lo <= d.start - offset < hi]
        if len(inside) > 1:  # "at the 2019 Toronto … Festival on 6 September 2019": the full date
            inside = [d for d in inside if d.precision != "year"] or inside
        if len(inside) == 1:
            out.append((offset + lo, offset + min(hi, len(text)), inside[0]))
    return out


def _clause_release(ctx: Context, start: int, end: int, date: DateMatch,
                    rights: dict[str, str]) -> None:  # fmt: skip
    clause = ctx.text[start:end]
    if not _RELEASE_VERB.search(clause) and not re.search(r"\b(?:set|slated|due)\b", clause):
        return
    if not date.has_year:
        date = _year_from_context(ctx, date) or date
    found = find_territories(clause)
    territory = found[0][0] if found else None
    distributor = None
    m = _VIA.search(clause) or _DISTRIBUTED.search(clause)
    if m:
        distributor = _clean_distributor(m.group("d"))
        lead = m.group().split()[0].lower()
        if distributor is None and lead in ("via", "through", "thru", "distributed", "release"):
            # "opens in UK cinemas on 6 October via Curzon": the clause says X is the company
            distributor = _named_company(ctx, m.group("d"))
    if distributor is None and territory:
        distributor = rights.get(territory)
    release = Release(
        territory=territory,
        date=date.iso,
        date_precision=date.precision,
        distributor=distributor,
        release_type="festival" if _FESTIVAL.search(clause) else "theatrical",
        date_inferred=date.inferred,
    )
    ctx.add(Found("release", release, date.start, date.end, "releases.clause", 0.7,
                  inferred=date.inferred))  # fmt: skip


def _rights_holders(ctx: Context) -> dict[str, str]:
    """Territory → company, from "X has picked up UK rights" / "X, the film's UK distributor"."""
    out: dict[str, str] = {}
    for pattern in (_RIGHTS, _DISTRIBUTOR_OF):
        for m in pattern.finditer(ctx.text):
            company = _clean_distributor(m.group("c")) or _named_company(ctx, m.group("c"))
            codes = find_territories(m.group("t") + " rights")
            if company and codes:
                out[codes[0][0]] = company
    return out


def _year_from_context(ctx: Context, date: DateMatch) -> DateMatch | None:
    """ "New York, March 24, 2011 – … will open … on April 1": the year of a full date earlier
    in the same paragraph (the dateline), when the release falls within a year after it."""
    head = [  # a date on a short line near the top: the dateline / byline date
        d
        for d in find_dates(ctx.text[: min(400, date.start)])
        if d.precision == "day" and d.has_year and len(_line_at(ctx.text, d.start)) <= 60
    ]
    if head:  # the article's own date (dateline / byline) anchors dates without a year
        anchor = head[0]
    else:
        para = ctx.view.paragraph_at(date.start)
        if para is None:
            return None
        found = find_dates(ctx.text[para.start : date.start], para.start)
        context = [d for d in found if d.has_year]
        if not context:
            return None
        anchor = context[-1]
    year = int(anchor.iso[:4])
    month_day = date.iso[2:]  # "MM-DD"
    if anchor.precision == "day" and month_day < anchor.iso[5:]:
        year += 1  # "December 20, 2010 … opens January 7": the next year
    iso = f"{year:04d}-{month_day}"
    return DateMatch(iso, date.precision, date.start, date.end, True, inferred=True)


def _line_at(text: str, pos: int) -> str:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return text[start : end if end >= 0 else len(text)].strip()


def _release_date(dates: list[DateMatch], sentence: str, offset: int) -> DateMatch | None:
    """The date the release verb governs: the first date after the verb, else the last before."""
    verb = _RELEASE_VERB.search(sentence)
    assert verb is not None
    after = [d for d in dates if d.start - offset >= verb.start()]
    return after[0] if after else dates[-1]


def _about_other_film(ctx: Context, start: int, end: int, main_end: int | None = None) -> bool:
    """A stretch of text that names another film and not the page's film (looked for up to
    ``main_end``, the stretch's end by default)."""
    main_end = end if main_end is None else main_end
    for f in ctx.found:
        if f.prop == "mention" and start <= f.start < end:
            return not any(start <= s < main_end for s, _ in ctx.main_title_spans)
    return False


def _context_start(ctx: Context, start: int) -> int:
    """Where a release sentence's context begins: earlier sentences of its paragraph that
    state no date of their own ("In the Philippines, … distributed by X. It opens July 17")."""
    para = ctx.view.paragraph_at(start)
    lo = start
    if para is None:
        return lo
    for sent in reversed(ctx.view.sentences_between(para.start, start)):
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
    company = _clean_distributor(m.group("d"))
    if company is None and m.group("v") in ("distributed", "released", "release"):
        # "distributed by X", "Ukrainian release by X": the phrase says X is the company
        company = _named_company(ctx, m.group("d"))
    return company


def _distributor_via(ctx: Context, start: int, end: int) -> str | None:
    """ "opens in UK cinemas on 6 October via Curzon": the company a release goes through."""
    for m in _VIA.finditer(ctx.text, start, end):
        if m.group().split()[0].lower() in ("via", "through", "thru"):
            return _clean_distributor(m.group("d")) or _named_company(ctx, m.group("d"))
    return None


_COMPANY_WORD = re.compile(r"^(?:[A-ZÀ-Þ][\w.&'’\-]*|of|and|&|de|du|la)$")


def _row_company(rest: str) -> str | None:
    """The rest of a release row when it is a name and nothing else ("14.09.2017 AČFK",
    "05.08.1999 Warner Bros. CZ"): 1–5 capitalised words, no territory, no certification."""
    words = rest.split()
    if not 1 <= len(words) <= 5 or not all(_COMPANY_WORD.match(w) for w in words):
        return None
    if territory_named(rest) or normalize_certification(rest) or len(rest) < 3:
        return None
    return rest


def _named_company(ctx: Context, raw: str) -> str | None:
    """The subject of "X has picked up UK rights" / "X, the film's UK distributor": the
    sentence says X is a company, so it needs no company word ("Trinity CineAsia") — only a
    company's shape, and not a name the page gives a person."""
    name = raw.strip().rstrip(".,")
    name = re.split(r"\.\s", name)[-1]  # "… stars A and B. Trinity CineAsia, the film's …"
    if not is_company_name(name) or len(name.split()) > 5 or territory_named(name):
        return None
    if ctx.role_of(name) or any(e.label == "PER" and e.text == name for e in ctx.entities):
        return None
    return name


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
        territory = territory or territory_named(value.split(";")[0])
    rating_label = " ".join(v for v, _s, _e in ctx.labels.get("rating_label", []))
    if territory is None and rating:
        # "rated 15 by the BBFC", "PG-13 (MPA)": the rating body names the territory
        territory = territory_of_board(ctx.text[rating[2] : rating[2] + 40])
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
