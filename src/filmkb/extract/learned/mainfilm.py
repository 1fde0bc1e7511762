"""Which title candidate is the page's film: a learned ranker over title candidates.

Candidates come from the rule-based title finder, the page's ``<title>`` / og:title /
JSON-LD name, the segments of the first lines (headlines split at "|", ":", " - ", "review"),
the tagger's FILM spans, quoted title-cased spans and films the page mentions. Each candidate
(grouped by its title key) is described by where and how often the page names it and what
surrounds it; a logistic model trained on the annotated dev pages (``scripts/train_mainfilm.py``)
scores it. The best candidate becomes the main film when its score clears ``THRESHOLD``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from filmkb.extract.learned.linear import load_model
from filmkb.extract.learned.tokens import word_lists
from filmkb.extract.territories import CERT_PATTERN
from filmkb.resolve.names import title_key

MODEL = "mainfilm"
THRESHOLD = 0.15
FIRST_LINES = 6
_SPLIT = re.compile(r"\s+[|–—\-/~•·»]+\s+|:\s+|\s*[|•·»]\s*")
_DECOR = re.compile(
    r"(?i)\s*[-–—:|,]?\s*\b(?:(?:full\s+)?(?:movie|film|k-?movie|korean\s+movie|drama)\s+)?"
    r"(?:review|recensione|critique|reviewed|recap|trailer|explained|ending explained)s?\b.*$"
)
_LEAD = re.compile(
    r"(?i)^\s*(?:(?:movie|film)\s+)?(?:review|reviews|watch|now showing|exclusive)\s*[:|\-–—]\s*"
)
# "(2021)", "[2021]", "(2021, Director Name)", "(Director Name, 2021)", "(Hanyo, 1960)"
_YEAR = re.compile(r"\s*[\(\[](?:[^()\[\]\n]{0,60}?,\s*)?((?:19|20)\d\d)[^)\]]*[\)\]]\s*$")
_ALIAS_AFTER = re.compile(r"(?<=\w)\s+\((?=[^()]*[A-Za-z])[^()\n]{3,60}\)\s*$")
_BULLET = re.compile(r"^(?:[•*·▪►»>\-–—]+\s*|\[[^\]\n]{1,12}\]\s+)+")
_CERT_AFTER = re.compile(rf"\s*\((?:{CERT_PATTERN})\)\s*$")
_QUOTED = re.compile(
    r"[“\"‘'«„‚»]\s?(?P<t>[A-Z0-9][^“”\"‘’'«»„‚\n]{0,70}?)\s?[”\"’'»“‘«](?=[\s,.:;!?)]|$)"
)
_FILM_CUES = re.compile(
    r"\b(?:film|films|movie|movies|cinema|director|directed|starring|stars|cast|screenplay|"
    r"box office|premiere|theaters|theatres|runtime|running time|actor|actress)\b"
)
_YEAR_AFTER = re.compile(r"\s*[\(\[]\s*(?:19|20)\d\d")
_STOPWORDS = {"a", "an", "the", "of", "and", "in", "on", "to", "for", "from", "with", "at", "is"}


@dataclass
class Candidate:
    title: str
    start: int  # first occurrence in the text (-1: not in the text)
    end: int
    sources: set[str] = field(default_factory=set)
    line: int = 99  # index of the first non-empty line it was taken from
    year: int | None = None


def clean_title(raw: str) -> tuple[str, int | None]:
    text = raw.strip()
    text = _BULLET.sub("", text)  # "• Amir Steklov", "[mov] Tae Guk Gi"
    text = _LEAD.sub("", text)
    text = _CERT_AFTER.sub("", text)  # "THE SALT ORCHARD (12A)"
    year = None
    m = _YEAR.search(text)
    if m:
        year = int(m.group(1))
        text = text[: m.start()]
    text = _DECOR.sub("", text)
    text = _ALIAS_AFTER.sub("", text)  # "I Want to Believe (The X Files 2)": another name
    text = text.strip(" \t\"“”‘’'«»„*#.,;:|-–—")
    m = _YEAR.search(text)
    if m:
        year = year or int(m.group(1))
        text = text[: m.start()].strip()
    return text, year


# "Released in 2000", "Directed by Lee Hyun-seung", "Overall Rating: A+", "Running time 1h 50m":
# a fact's label and its value, never a film's title
_CREDIT_PHRASE = re.compile(
    r"(?i)^(?:(?:originally\s+)?released|directed|written|produced|starring|rated|premiered|opens"
    r"|opening|running|runtime|overall\s+rating|rating|score|verdict|my\s+rating|grade)"
    r"(?:\s+(?:by|in|on|at|from|time)\b|\s*[:=]|\s+(?:19|20)\d\d\b)"
)


def _is_date(title: str) -> bool:
    """ "Tuesday, December 5, 2023", "18 August 2011": a date line is never a film's title."""
    from filmkb.extract.dates import find_dates

    rest = title
    dates = find_dates(title)
    if not any(d.precision != "year" for d in dates):
        return False  # "1917", "2046": a bare year may be a title
    for d in dates:
        rest = rest.replace(title[d.start : d.end], " ")
    rest = re.sub(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|[\W\d_]+", "", rest.lower())
    return rest == ""


def _ok(title: str) -> bool:
    words = title.split()
    return 1 <= len(words) <= 12 and 1 < len(title) <= 90 and bool(re.search(r"[^\W_]", title))


def candidates(text: str, ctx_title: str | None, meta_titles: list[tuple[str, str]], films: list,
               quoted_limit: int = 3000, banned: frozenset[str] = frozenset()
               ) -> dict[str, Candidate]:  # fmt: skip
    """Title candidates by title key. ``films`` are (title, start, end) of tagger/mention spans;
    ``banned`` title keys (the site's own name, generic words) are never candidates."""
    out: dict[str, Candidate] = {}

    def add(raw: str, source: str, line: int = 99) -> None:
        title, year = clean_title(raw)
        if not _ok(title):
            return
        key = title_key(title)
        if not key or (key in banned and source != "jsonld") or _is_date(title):
            return
        if _CREDIT_PHRASE.match(title):
            return
        cand = out.get(key)
        if cand is None:
            pos = text.find(title)
            if pos < 0:
                low = text.lower().find(title.lower())
                pos = low
            cand = Candidate(title, pos, pos + len(title) if pos >= 0 else -1)
            out[key] = cand
        cand.sources.add(source)
        cand.line = min(cand.line, line)
        cand.year = cand.year or year

    if ctx_title:
        add(ctx_title, "rule")
    for source, raw in meta_titles:
        add(raw, source)
        for seg in _SPLIT.split(raw):
            add(seg, source + "_seg")
    n = 0
    for line in text.split("\n"):
        if not line.strip():
            continue
        if len(line) < 200:
            add(line, "line", n)
            for seg in _SPLIT.split(line):
                add(seg, "line_seg", n)
        n += 1
        if n >= FIRST_LINES:
            break
    for title, _s, _e in films[:40]:
        add(title, "tagged")
    for m in _QUOTED.finditer(text[:quoted_limit]):
        t = m.group("t")
        if len(t.split()) <= 8:
            add(t, "quoted")
    return out


def _bucket(n: float, edges: tuple[float, ...]) -> str:
    for i, edge in enumerate(edges):
        if n <= edge:
            return str(i)
    return str(len(edges))


def _occurrences(text_lower: str, title: str, limit: int = 50) -> list[int]:
    """Starts of the title as a whole word run in the (lower-cased) text, at most ``limit``."""
    needle = title.lower()
    out: list[int] = []
    pos = text_lower.find(needle)
    n = len(needle)
    while pos >= 0 and len(out) < limit:
        before = text_lower[pos - 1] if pos > 0 else " "
        after = text_lower[pos + n] if pos + n < len(text_lower) else " "
        if not (before.isalnum() or before == "_") and not (after.isalnum() or after == "_"):
            out.append(pos)
        pos = text_lower.find(needle, pos + 1)
    return out


@dataclass
class Page:
    """What every candidate's features read from the page, computed once per page."""

    text: str
    cands: list[Candidate]
    persons: set[str]  # lower-cased PER spans of the tagger
    tagged: set[str]  # lower-cased FILM spans of the tagger
    site: str | None = None  # og:site_name
    lower: str = field(init=False)
    occurrences: dict[str, list[int]] = field(init=False)  # candidate title → starts
    counts: list[int] = field(init=False)  # occurrence counts, most first
    firsts: list[int] = field(init=False)  # candidates' first positions, in order
    cues: int = field(init=False)  # film words near the top
    first_line: str = field(init=False)

    def __post_init__(self) -> None:
        self.lower = self.text.lower()
        self.occurrences = {c.title: _occurrences(self.lower, c.title) for c in self.cands}
        self.counts = sorted((len(v) for v in self.occurrences.values()), reverse=True)
        self.firsts = sorted(c.start for c in self.cands if c.start >= 0)
        self.cues = len(_FILM_CUES.findall(self.lower[:6000]))
        self.first_line = next((ln for ln in self.text.split("\n") if ln.strip()), "")


def page_features(page: Page) -> list[tuple[Candidate, list[str]]]:
    """Each candidate of the page with its features (what the ranker scores)."""
    return [(cand, candidate_features(cand, page)) for cand in page.cands]


def candidate_features(cand: Candidate, page: Page) -> list[str]:
    title = cand.title
    low = title.lower()
    site = page.site
    f = ["b"] + [f"src={s}" for s in sorted(cand.sources)]
    f.append(f"nsrc={min(len(cand.sources), 4)}")
    f.append("line=" + _bucket(cand.line, (0, 1, 2, 4, 98)))
    f.append(
        "pos=" + (_bucket(cand.start, (0, 100, 400, 1200, 3000)) if cand.start >= 0 else "none")
    )
    lowtext = page.lower
    occ = page.occurrences[title]
    if page.cands:
        counts = page.counts
        f.append("crank=" + _bucket(counts.index(len(occ)) if len(occ) in counts else 9, (0, 1)))
        firsts = page.firsts
        if cand.start >= 0 and cand.start in firsts:
            f.append("prank=" + _bucket(firsts.index(cand.start), (0, 1, 3)))
        for o in page.cands:
            ol = o.title.lower()
            if o is cand or ol == low:
                continue
            if ol.startswith(low) and len(ol) > len(low) and o.start >= 0:
                f.append("prefix_of_longer")
            if low.startswith(ol) and len(low) > len(ol):
                f.append("extends_shorter")
        f.append("ncand=" + _bucket(len(page.cands), (1, 3, 6, 12)))
    f.append("count=" + _bucket(len(occ), (0, 1, 2, 4, 8)))
    words = title.split()
    f.append("ntok=" + _bucket(len(words), (1, 2, 3, 5, 8)))
    if title.isupper() and len(title) > 3:
        f.append("allcaps")
    if re.search(r"\d", title):
        f.append("digit")
    lowers = [w for w in words if w[:1].islower() and w.lower() not in _STOPWORDS]
    f.append("lowerwords=" + _bucket(len(lowers), (0, 1, 3)))
    if title.endswith(("?", "!")):
        f.append("ends_punct")
    if cand.year or any(_YEAR_AFTER.match(lowtext, o + len(low)) for o in occ):
        f.append("year_after")
    if low in page.persons:
        f.append("is_person")
    if site and (low == site.lower() or title_key(title) == title_key(site)):
        f.append("is_site_name")
    if low in page.tagged:
        f.append("is_tagged_film")
    if low in word_lists()["genre_words"] or low in ("movie", "film", "review", "trailer"):
        f.append("genre_word")
    if words and words[0].lower() in ("review", "reviews", "watch", "interview", "news", "home"):
        f.append("bad_first")
    for pos in occ[:6]:
        before = lowtext[max(0, pos - 25) : pos]
        after = lowtext[pos + len(low) : pos + len(low) + 60]
        if re.search(r"\b(?:film|movie|in|of|watch|see|saw)\s*[“\"‘']?$", before):
            f.append("ctx_film_before")
        if re.search(r"^\s*[”\"’']?\s*(?:movie\s+|film\s+)?review", after):
            f.append("ctx_review_after")
        if re.search(r"\b(?:directed|starring|stars|director|written|dir\.|featuring)", after):
            f.append("ctx_credit_after")
        if re.search(r"^\s*[”\"’']?\s*(?:is|was)\s+(?:an?|the)\b", after):
            f.append("ctx_isa_after")
    f.append("filmcues=" + _bucket(page.cues, (0, 1, 3, 6)))
    first_line = page.first_line
    if first_line.strip().lower() == low:
        f.append("whole_first_line")
    elif low in first_line.lower():
        f.append("in_first_line")
    return f


def rank(page: Page) -> list[tuple[float, Candidate]]:
    model = load_model(MODEL)
    if model is None or not page.cands:
        return []
    scored = [(model.proba(feats)[model.classes[0]], cand) for cand, feats in page_features(page)]
    scored.sort(key=lambda s: (-s[0], s[1].start if s[1].start >= 0 else 1 << 30))
    return scored


_TITLE_PARTS = re.compile(r"\s+[|–—\-/~•·»:]+\s+")
# words that are never a page's film title (a section name, the page type)
GENERIC_TITLES = ("film", "films", "movie", "movies", "review", "reviews", "trailer", "trailers",
                  "news", "home", "tv", "games", "cinema", "video", "videos", "watch")  # fmt: skip


@lru_cache(maxsize=1)
def _word_keys() -> frozenset[str]:
    """Title keys of words that are never a film's title on any page: ``GENERIC_TITLES``, the
    label words pages write for film facts ("Director", "Country", "Cast") and genre words."""
    from filmkb import facts

    keys = {title_key(w) for w in GENERIC_TITLES}
    keys |= {title_key(w.words) for w in facts.label_words()}
    keys |= {title_key(w) for w in word_lists()["genre_words"]}
    return frozenset(keys - {""})


def not_titles(doc) -> frozenset[str]:  # noqa: ANN001
    """Title keys that name the site or the page type, not a film: og:site_name and the like,
    an end of a multi-part ``<title>`` ("How 'La La Land' … - Rolling Stone") that is the
    domain or is named more in the page's boilerplate than in its content, the
    generic words of ``GENERIC_TITLES`` and the genre words."""
    names = [doc.meta.get(k) for k in ("og:site_name", "application-name",
                                       "apple-mobile-web-app-title", "twitter:site")]  # fmt: skip
    parts = [p.strip() for p in _TITLE_PARTS.split(doc.title or "") if p.strip()]
    if len(parts) >= 2:
        from filmkb.extract.base import content_text

        content = content_text(doc).lower()
        boiler = doc.text[len(content) :].lower()
        url = (doc.meta.get("og:url") or doc.meta.get("twitter:url") or "").lower()
        host = re.sub(r"^[a-z]+://(?:www\.)?", "", url).split("/")[0]
        for part in (parts[0], parts[-1]):
            low = part.lower()
            squashed = re.sub(r"\W+", "", low)
            in_boiler = len(re.findall(re.escape(low), boiler))
            if (squashed and squashed in host) or (
                in_boiler and len(re.findall(re.escape(low), content)) <= in_boiler
            ):
                names.append(part)  # the site's name: in its header and footer, or its domain
    keys = {title_key(n.lstrip("@")) for n in names if n and n.strip()} - {""}
    return _word_keys() | keys


def context_page(ctx, banned: frozenset[str] | None = None) -> Page:  # noqa: ANN001
    """The candidates of one extraction context, with what their features need."""
    from filmkb.extract.structured import is_movie_object

    doc = ctx.document
    meta_titles: list[tuple[str, str]] = []
    if doc.title:
        meta_titles.append(("html_title", doc.title))
    for key in ("og:title", "twitter:title"):
        if doc.meta.get(key):
            meta_titles.append(("og_title", doc.meta[key]))
    for obj in doc.structured:
        if is_movie_object(obj) and obj.get("name"):
            meta_titles.append(("jsonld", str(obj["name"])))
    films = [(e.text, e.start, e.end) for e in ctx.entities if e.label == "FILM"]
    films += list(ctx.title_spans)
    persons = {e.text.lower() for e in ctx.entities if e.label == "PER"}
    tagged = {e.text.lower() for e in ctx.entities if e.label == "FILM"}
    people = {title_key(name) for name, roles in ctx.roles.items() if roles}
    cands = candidates(ctx.text, ctx.main_title, meta_titles, films,
                       banned=(not_titles(doc) if banned is None else banned) | people)  # fmt: skip
    return Page(ctx.text, list(cands.values()), persons, tagged, doc.meta.get("og:site_name"))


def extract_main_film(ctx) -> None:  # noqa: ANN001
    """Re-rank the page's film among every title candidate; replace the rule's choice when the
    model prefers another candidate, drop it when no candidate is likely enough."""
    from filmkb.extract.base import Found
    from filmkb.extract.learned.aboutfilm import THRESHOLD as FILM_PAGE
    from filmkb.extract.learned.aboutfilm import film_page_probability
    from filmkb.extract.titles import _original_after, _title_re, _year_after

    p_film = film_page_probability(ctx.text)
    if p_film is not None and p_film < FILM_PAGE and not _structured_film(ctx, p_film):
        _drop_main(ctx)
        ctx.no_film = f"not about a film (page model p={p_film:.2f} < {FILM_PAGE})"
        return
    banned = not_titles(ctx.document)
    if ctx.main_title and title_key(ctx.main_title) in banned:
        _drop_main(ctx)  # the rules took the site's name or a section word for the title
    scored = rank(context_page(ctx, banned))
    if not scored:
        return
    p, best = scored[0]
    rule_key = title_key(ctx.main_title) if ctx.main_title else None
    if rule_key and title_key(best.title) == rule_key:
        return
    if p < THRESHOLD:
        if rule_key:
            rule_p = next((q for q, c in scored if title_key(c.title) == rule_key), 0.0)
            if rule_p < THRESHOLD / 2:
                _drop_main(ctx)
        return
    _drop_main(ctx)
    text = ctx.text
    spans = [(m.start(), m.end()) for m in _title_re(best.title.lower()).finditer(text)]
    spans = [s for s in spans if not text[s[0]].islower()] or spans
    ctx.main_title = best.title
    ctx.main_title_spans = spans
    start, end = spans[0] if spans else (max(best.start, 0), max(best.end, 0))
    ctx.add(Found("title", best.title, start, end, "mainfilm.rank", round(min(0.95, p), 3)))
    year = _year_after(text, spans) or _headline_year(text, spans)
    if year:
        ctx.add(Found("year", year[0], year[1], year[2], "mainfilm.rank", 0.8))
    elif best.year and spans:
        ctx.add(Found("year", best.year, start, end, "mainfilm.rank", 0.7))
    orig = _original_after(text, spans)
    if orig:
        ctx.add(Found("original_title", orig[0], orig[1], orig[2], "mainfilm.rank", 0.8))
    key = title_key(best.title)
    for f in ctx.found:  # the film was first taken for a mentioned one: it is the main film
        if f.film is not None and title_key(f.film) == key:
            f.film = None
    ctx.found = [f for f in ctx.found if not (f.prop == "mention" and f.film is None)]


# A page that labels three kinds of film facts ("Running time", "Genres", "Director", a cast
# table …) is a film page whatever its words say (a listing is mostly labels and numbers); two
# kinds do when the page model is merely unsure (p ≥ UNSURE).
LABELLED_FILM_PROPS = 3
UNSURE = 0.3
_LABELLED_PROPS = ("runtime_min", "genre", "cast", "director", "writer", "release_date", "year")


def _headline_year(text: str, spans: list[tuple[int, int]]) -> tuple[int, int, int] | None:
    """ "Tae Guk Gi: The Brotherhood of War (2004)": the film is the head of a subtitled
    headline whose year closes the line."""
    for s, e in spans[:3]:
        line_start = text.rfind("\n", 0, s) + 1
        line_end = text.find("\n", e)
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        if len(line) > 200 or _BULLET.sub("", text[line_start:s]).strip():
            continue  # the title must open the line
        if not _SPLIT.match(text, e):
            continue  # and a subtitle follow it
        m = _YEAR.search(line)
        if m:
            y = line_start + m.start(1)
            return int(m.group(1)), y, y + 4
    return None


def _structured_film(ctx, p_film: float = 0.0) -> bool:  # noqa: ANN001
    from filmkb.extract.structured import is_movie_object

    if any(is_movie_object(o) for o in ctx.document.structured):
        return True
    if (ctx.document.meta or {}).get("og:type", "").lower() in ("video.movie", "movie"):
        return True
    labelled = {
        f.prop
        for f in ctx.found
        if f.film is None
        and f.prop in _LABELLED_PROPS
        and f.extractor.startswith(("fields", "castlist", "structured"))
    }
    return len(labelled) >= (LABELLED_FILM_PROPS if p_film < UNSURE else LABELLED_FILM_PROPS - 1)


def _drop_main(ctx) -> None:  # noqa: ANN001
    ctx.found = [
        f
        for f in ctx.found
        if not (f.film is None and f.prop in ("title", "year", "original_title")
                and f.extractor.startswith("titles."))
    ]  # fmt: skip
    ctx.main_title = None
    ctx.main_title_spans = []
