"""One plain dict per page. The HTML template and the ``.json`` twin get the same dict.

Every function takes a ``FilmKB`` and returns JSON-able data; none knows about HTTP. Links
between pages are relative URLs built here (``/films/escape-2024``, ``/people/2``,
``/sources/3?start=53&end=65#hl``) so that the JSON twin carries them too.
"""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from importlib import resources
from typing import Any

from filmkb import facts
from filmkb.core import FilmKB
from filmkb.errors import FilmKBError, NotFound
from filmkb.serve.web import jsonld
from filmkb.serve.web.reviews import aggregate, review_items
from filmkb.store import browse, summaries
from filmkb.store import search as name_search
from filmkb.store.records import best_value
from filmkb.store.summaries import Spelling

PAGE_SIZE = 50
MAX_PER_PAGE = 200
MAX_PAGE = 1_000_000  # bounds every ?page= (an offset past SQLite's integers is no 500)
SEARCH_LIMIT = 20
SEARCH_FILMS = 5  # films listed with each person found
TEXT_WINDOW = 100_000  # characters of a document shown at once
CLAIMS_SHOWN = 1_000  # claims of a document listed at once
ID_SEP = "--"  # escape-2024--17: the film id after the slug when the slug is ambiguous
STATEMENT_LISTS = tuple(f.record for f in facts.FACTS)
ROLE_OF_PROPERTY = {"director": "director", "writer": "writer", "cast": "actor"}

Dict = dict[str, Any]


class Moved(Exception):
    """A film reference that names one film by another URL (``/films/escape``)."""

    def __init__(self, url: str):
        super().__init__(url)
        self.url = url


class QueryTimeLimit(FilmKBError):
    """A request's queries ran past the per-request time limit."""

    code = "E304"


class Ambiguous(FilmKBError):
    """A film slug names several films."""

    code = "E302"

    def __init__(self, ref: str, films: list[Dict]):
        super().__init__(f"{len(films)} films match {ref!r}")
        self.films = films


# --- film references (slugs) ----------------------------------------------------------------


def resolve_film_ref(kb: FilmKB, ref: str) -> int:
    """``17``, ``escape-2024`` or ``escape-2024--17`` → film id; NotFound / Ambiguous."""
    if ref.isdigit() or ID_SEP in ref:  # the id decides; film_view raises NotFound
        tail = ref.rsplit(ID_SEP, 1)[-1]
        if tail.isdigit() and len(tail) < 12:
            return int(tail)
        raise NotFound(f"no film {ref!r}")
    matches = _films_with_slug(kb, ref)
    if len(matches) == 1:
        return matches[0]
    if not matches:
        titled = kb.film_ids_titled(ref.replace("-", " "))[:MAX_PER_PAGE]
        if len(titled) == 1:  # /films/escape: the one film titled Escape, whatever its year
            raise Moved(film_items(kb, titled)[0]["url"])
        if titled:
            raise Ambiguous(ref, film_items(kb, titled))
        raise NotFound(f"no film {ref!r}")
    raise Ambiguous(ref, film_items(kb, matches))


def _films_with_slug(kb: FilmKB, slug: str) -> list[int]:
    """Films whose slug base is ``slug`` (one indexed read of the film heads)."""
    found = summaries.films_with_slug(kb.conn, slug)
    if found is not None:
        return found
    words = re.sub(r"-(?:18|19|20)\d\d$", "", slug).replace("-", " ")
    candidates = kb.film_ids_titled(words)
    if slug != words.replace(" ", "-"):  # "escape-2024" may be a title with no year
        candidates += [f for f in kb.film_ids_titled(slug.replace("-", " ")) if f not in candidates]
    heads = summaries.computed_film_heads(kb.conn, candidates)
    return [f for f in candidates if heads[f]["slug"] == slug]


def film_slugs(kb: FilmKB, heads: dict[int, Dict]) -> dict[int, str]:
    """The canonical slug of each film: ``escape-2024``, or ``escape-2024--17`` if shared."""
    fresh = summaries.is_fresh(kb.conn)
    counts = summaries.slug_counts(kb.conn, [h["slug"] for h in heads.values()]) if fresh else {}
    out = {}
    for film_id, h in heads.items():
        base = h["slug"]
        if fresh:
            unique = not base.isdigit() and counts.get(base) == 1
        else:  # a writer has not synced the heads yet: resolve the slug from the claims
            unique = not base.isdigit() and _films_with_slug(kb, base) == [film_id]
        out[film_id] = base if unique else f"{base}{ID_SEP}{film_id}"
    return out


def film_items(kb: FilmKB, film_ids: list[int]) -> list[Dict]:
    titles = summaries.film_heads(kb.conn, film_ids)
    slugs = film_slugs(kb, titles)
    return [
        {
            "id": f,
            "title": titles[f]["title"] or f"film {f}",
            "year": titles[f]["year"],
            "slug": slugs[f],
            "url": f"/films/{slugs[f]}",
        }
        for f in film_ids
    ]


# --- pages ------------------------------------------------------------------------------------


def paging(total: int, page: int, per_page: int, base: str) -> Dict:
    """Page numbers and links; NotFound past the last page (page 1 always exists)."""
    per_page = max(1, min(per_page, MAX_PER_PAGE))
    pages = max(1, -(-total // per_page))
    if page < 1 or page > pages:
        raise NotFound(f"no page {page}: {pages} page{'s' if pages > 1 else ''} of {per_page}")
    sep = "&" if "?" in base else "?"
    size = "" if per_page == PAGE_SIZE else f"&per_page={per_page}"

    def link(n: int) -> str:
        return f"{base}{sep}page={n}{size}"

    return {
        "count": total,
        "page": page,
        "per_page": per_page,
        "pages": pages,
        "previous": link(page - 1) if page > 1 else None,
        "next": link(page + 1) if page < pages else None,
    }


def home_view(kb: FilmKB, page: int = 1, per_page: int = PAGE_SIZE, base: str = "/") -> Dict:
    """A page of films; ``base`` is the URL the links point to (``/`` or ``/films.json``)."""
    paged = paging(kb.count_films(), page, per_page, base)
    ids = kb.film_ids(paged["per_page"], (page - 1) * paged["per_page"])
    return {**paged, "films": film_items(kb, ids)}


def people_view(
    kb: FilmKB, page: int = 1, per_page: int = PAGE_SIZE, base: str = "/people"
) -> Dict:
    """A page of people: id, display name, url."""
    paged = paging(browse.count_people(kb.conn), page, per_page, base)
    ids = browse.person_ids_page(kb.conn, paged["per_page"], (page - 1) * paged["per_page"])
    return {**paged, "people": person_items(kb, ids)}


def person_items(kb: FilmKB, person_ids: list[int]) -> list[Dict]:
    names = browse.person_names(kb.conn, person_ids)
    return [
        {"id": p, "name": names.get(p, f"person {p}"), "url": f"/people/{p}"} for p in person_ids
    ]


def film_view(kb: FilmKB, film_id: int, base_url: str = "") -> Dict:
    """The film record with links on every statement, reviews, aggregate and JSON-LD."""
    record = kb.film_record(film_id)
    doc_ids = kb.document_ids(record.get("documents", []))
    for key in STATEMENT_LISTS:
        for st in record.get(key, []):
            _link_statement(st, doc_ids)
    item = film_items(kb, [film_id])[0]
    runtime = best_value(record.get("runtime_min", []))
    film = {
        **item,
        "title": best_value(record.get("title", [])) or item["title"],
        "original_title": best_value(record.get("original_title", [])),
        "year": best_value(record.get("year", [])),
        "runtime_min": runtime,
        "runtime": f"{runtime // 60} h {runtime % 60} min" if isinstance(runtime, int) else None,
        "genres": [g["value"] for g in record.get("genres", []) if g["rank"] != "deprecated"],
        "synopsis": best_value(record.get("synopsis", [])),
        "documents": [
            {"source": s, "id": doc_ids.get(s), "url": _source_url(doc_ids.get(s))}
            for s in record.get("documents", [])
        ],
    }
    reviews = review_items(record.get("reviews", []))
    critics = aggregate(record.get("critics"))
    # directors, writers, composers, production companies: the record's lists, labelled
    credits = [{"key": f.record, "label": f.label} for f in facts.of_kind(*facts.NAMES)]
    view = {
        "film": film,
        "record": record,
        "credits": credits,
        "reviews": reviews,
        "aggregate": critics,
    }
    view["jsonld"] = jsonld.movie(view, base_url)
    return view


def reviews_view(kb: FilmKB, film_id: int) -> Dict:
    view = film_view(kb, film_id)
    return {
        "film": _short(view["film"]),
        "reviews": view["reviews"],
        "aggregate": view["aggregate"],
    }


def person_view(
    kb: FilmKB, person_id: int, page: int = 1, per_page: int = PAGE_SIZE, base: str | None = None
) -> Dict:
    """Name variants (with why they are one person) and a page of the filmography.

    The name shown is the one the film record shows (``summaries.shown_spelling``: best
    supported, plain over SHOUTED); ``name_reason`` says why in words. Characters are shown
    by their merged name (the film page's), not by each page's spelling. The filmography is
    paged (newest first): a person in thousands of films costs what one in ten costs.
    """
    head = summaries.person_head(kb.conn, person_id)
    if head is None:
        raise NotFound(f"no person with id {person_id}")
    url = f"/people/{person_id}"
    paged = paging(head["films"], page, per_page, url if base is None else base)
    spellings = summaries.person_spellings(kb.conn, [person_id]).get(person_id, [])
    name = head["name"]
    ordered = sorted(spellings, key=lambda s: (s.name != name, -s.score, s.name))
    size = paged["per_page"]
    film_ids = browse.person_film_ids(kb.conn, person_id, size, (page - 1) * size)
    claims = browse.person_film_claims(kb.conn, person_id, film_ids)
    character_ids = [c["character_id"] for c in claims if c.get("character_id")]
    merged_names = browse.character_names(kb.conn, character_ids)
    films: dict[int, Dict] = defaultdict(lambda: {"roles": {}, "documents": set()})
    for claim in claims:
        entry = films[claim["film_id"]]
        role = ROLE_OF_PROPERTY.get(claim["property"], claim["property"])
        characters = entry["roles"].setdefault(role, [])
        value = claim["value"]
        if isinstance(value, dict) and value.get("character"):
            shown = merged_names.get(claim["character_id"], value["character"])
            if shown not in characters:
                characters.append(shown)
        entry["documents"].add(claim["source"])
    items = {i["id"]: i for i in film_items(kb, film_ids)}
    filmography = [
        {
            **items[f],
            "roles": [{"role": r, "characters": c} for r, c in films[f]["roles"].items()],
            "documents": len(films[f]["documents"]),
        }
        for f in film_ids
    ]
    return {
        **paged,
        "person": {
            "id": person_id,
            "name": name,
            "url": url,
            "name_reason": _name_reason(name, ordered, head["documents"]),
            "variants": [_variant(v) for v in ordered],
        },
        "filmography": filmography,
    }


def person_cards(kb: FilmKB, person_ids: list[int], films: int = SEARCH_FILMS) -> dict[int, Dict]:
    """``{person id: id, name, url, variants, films}`` for a list of people found (their first
    ``films`` film titles, newest first); people without a claim are left out."""
    spellings = summaries.person_spellings(kb.conn, person_ids)
    out: dict[int, Dict] = {}
    for person_id in person_ids:
        mine = spellings.get(person_id)
        if not mine:  # a hit on a claim deleted since the index was read
            continue
        name = summaries.shown_spelling(mine).name
        ordered = sorted(mine, key=lambda s: (s.name != name, -s.score, s.name))
        out[person_id] = {
            "id": person_id,
            "name": name,
            "url": f"/people/{person_id}",
            "variants": [_variant(v) for v in ordered],
            "films": browse.person_film_titles(kb.conn, person_id, films),
        }
    return out


def _variant(v: Spelling) -> Dict:
    return {
        "name": v.name,
        "documents": v.documents,
        "rules": v.rules,
        "why": [rule_words(r) for r in v.rules],
    }


def _name_reason(name: str, variants: list[Spelling], documents: int) -> str:
    """Why ``name`` is the spelling shown, in words (``documents``: the person's, all told)."""
    mine = next((v for v in variants if v.name == name), None)
    if mine is None:
        return "no spelling stored"
    where = f"{mine.documents} of {documents} document{'s' if documents != 1 else ''}"
    if len(variants) == 1:
        return f"the only spelling in the sources ({where})"
    others = [v for v in variants if v is not mine]
    best_other = max(v.score for v in others)
    if mine.score > best_other:
        return (
            f"the best-supported spelling: {where}, listings and press releases weighing"
            " more than blogs"
        )
    tied = [v.name for v in others if v.score == mine.score]
    why = "written in plain case" if any(_shouted(t) for t in tied) else "the fuller form"
    return f"as well supported as {', '.join(tied)} ({where}); {why}"


def _shouted(name: str) -> bool:
    return any(len(w) > 1 and w.isupper() and w.isalpha() for w in name.split())


@functools.cache
def _rule_table() -> tuple[tuple[str, str], ...]:
    text = (resources.files("filmkb.serve.web") / "rule_words.tsv").read_text(encoding="utf-8")
    rows = [ln.split("\t") for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return tuple(sorted(((r[0], r[1]) for r in rows), key=lambda r: -len(r[0])))


def rule_words(rule: str) -> str:
    """A stored resolution rule in words: "case-space-hyphen; shared film 'Escape'" → …"""
    parts = []
    for clause in rule.split("; "):
        for token in clause.split("+"):
            token = token.strip()
            for prefix, words in _rule_table():
                if token == prefix or token.startswith((prefix + ":", prefix + " ")):
                    arg = token[len(prefix) :].lstrip(": ").strip("()")
                    parts.append(words.replace("{}", arg).replace(" ()", ""))
                    break
            else:
                parts.append(token)
    return "; ".join(p for p in parts if p)


def character_view(kb: FilmKB, character_id: int) -> Dict:
    claims = kb.character_claims(character_id)
    if not claims:
        raise NotFound(f"no character with id {character_id}")
    names = Counter(c["value"].get("character") for c in claims if isinstance(c["value"], dict))
    names.pop(None, None)
    actors = {c["person_id"]: c["value"].get("actor") for c in claims if c["person_id"]}
    film = film_items(kb, [claims[0]["film_id"]])[0] if claims[0]["film_id"] else None
    return {
        "character": {
            "id": character_id,
            "name": names.most_common(1)[0][0] if names else None,
            "aliases": list(names),
        },
        "film": film,
        "actors": [{"id": p, "name": n, "url": f"/people/{p}"} for p, n in actors.items()],
        "sources": sorted({c["source"] for c in claims}),
    }


def source_view(
    kb: FilmKB, document_id: int, start: int | None = None, end: int | None = None
) -> Dict:
    """The document text cut into segments; extracted spans marked, one span highlighted.

    A long document is shown a window at a time (``TEXT_WINDOW`` characters, around the
    highlighted span when there is one) with at most ``CLAIMS_SHOWN`` claims.
    """
    doc = browse.document_head(kb.conn, document_id)
    if doc is None:
        raise NotFound(f"no document with id {document_id}")
    length = doc["length"] or 0
    highlight = (
        (start, end)
        if start is not None and end is not None and _valid_span(start, end, length)
        else None
    )
    lo = 0
    if highlight and highlight[1] > TEXT_WINDOW:
        lo = max(0, highlight[0] - TEXT_WINDOW // 10)
    hi = min(length, lo + TEXT_WINDOW)
    if highlight and highlight[1] > hi:  # a span longer than the window: shown whole
        hi = highlight[1]
    text = browse.document_text(kb.conn, document_id, lo, hi)
    claims_in, total = browse.window_claims(kb.conn, document_id, lo, hi, CLAIMS_SHOWN)
    spans = [c for c in claims_in if _valid_span(c.get("start"), c.get("end"), length)]
    segments = _segments(text, lo, spans, highlight)
    film_ids = sorted({c["film_id"] for c in claims_in if c["film_id"] is not None})
    claims = [
        {
            "id": c["id"],
            "property": c["property"],
            "value": c["value"],
            "label": _claim_label(c),
            "start": c["start"],
            "end": c["end"],
            "extractor": f"{c['extractor']} {c['version']}",
            "confidence": c["confidence"],
            "inferred": c["inferred"],
            "url": _source_url(document_id, c["start"], c["end"]),
        }
        for c in claims_in
    ]
    return {
        "document": {
            "id": doc["id"],
            "source": doc["source"],
            "external_url": doc["source"] if _is_web_url(doc["source"]) else None,
            "kind": doc["kind"],
            "title": doc["title"],
            "media_type": doc["media_type"],
            "sha256": doc["sha256"],
            "ingested_at": doc["ingested_at"],
            "url": _source_url(doc["id"]),
            "length": length,
        },
        "highlight": {"start": highlight[0], "end": highlight[1]} if highlight else None,
        "window": {"start": lo, "end": hi},
        "films": film_items(kb, film_ids),
        "claims": claims,
        "claims_total": total,
        "segments": segments,
        "text": text,
    }


def _segments(
    text: str, offset: int, spans: list[Dict], highlight: tuple[int, int] | None
) -> list[Dict]:
    """The window's text cut at every span boundary (a sweep: linear in the spans)."""
    end_of = offset + len(text)
    cuts = {offset, end_of}
    for c in spans:
        cuts.update((c["start"], c["end"]))
    if highlight:
        cuts.update(h for h in highlight if offset <= h <= end_of)
    bounds = sorted(b for b in cuts if offset <= b <= end_of)
    opening: dict[int, list[Dict]] = defaultdict(list)
    for c in spans:
        opening[c["start"]].append(c)
    active: list[Dict] = []
    segments: list[Dict] = []
    anchored = False
    for a, b in zip(bounds, bounds[1:], strict=False):
        active = [c for c in active if c["end"] > a] + opening.get(a, [])
        segment: Dict = {"text": text[a - offset : b - offset], "start": a, "end": b}
        if active:
            segment["claims"] = sorted(c["id"] for c in active)
            segment["label"] = "; ".join(sorted({_claim_label(c) for c in active}))[:1000]
        if highlight and highlight[0] <= a and b <= highlight[1]:
            segment["highlight"] = True
            if not anchored:
                segment["anchor"] = "hl"
                anchored = True
        segments.append(segment)
    return segments


def sources_view(
    kb: FilmKB, page: int = 1, per_page: int = PAGE_SIZE, base: str = "/sources"
) -> Dict:
    """A page of the stored documents (sources)."""
    paged = paging(browse.count_documents(kb.conn), page, per_page, base)
    docs = browse.documents_page(kb.conn, paged["per_page"], (page - 1) * paged["per_page"])
    return {**paged, "sources": [{**d, "url": _source_url(d["id"])} for d in docs]}


def search_view(kb: FilmKB, q: str, limit: int = SEARCH_LIMIT) -> Dict:
    """Films, people and characters by name (``store.search``: FTS5 trigram + typos)."""
    q = " ".join((q or "").split())[:200]
    out: Dict = {"q": q, "limit": limit, "films": [], "people": [], "characters": []}
    if not q:
        return out
    found = name_search.search(kb.conn, q, limit)
    people_found = name_search.people_with_name_keys(kb.conn, q, limit)
    films = film_items(kb, [h.entity_id for h in found["film"]])
    out["films"] = [{**f, "matched": h.name} for f, h in zip(films, found["film"], strict=True)]
    person_hits = {p: q for p in people_found}  # any romanization / order first
    for h in found["person"]:
        person_hits.setdefault(h.entity_id, h.name)
    hits = list(person_hits.items())[:limit]
    cards = person_cards(kb, [p for p, _ in hits])
    out["people"] = [{**cards[p], "matched": m} for p, m in hits if p in cards]
    chars = [h.entity_id for h in found["character"]]
    names = browse.character_names(kb.conn, chars)
    film_of = browse.character_films(kb.conn, chars)
    actors = browse.character_actors(kb.conn, chars)
    items = {f["id"]: f for f in film_items(kb, sorted(set(film_of.values())))}
    actor_ids = sorted({p for h in found["character"] for p in actors.get(h.entity_id, [])[:5]})
    actor_items = {a["id"]: a for a in person_items(kb, actor_ids)}
    for h in found["character"]:
        film = items.get(film_of.get(h.entity_id, -1))
        out["characters"].append(
            {
                "id": h.entity_id,
                "name": names.get(h.entity_id),
                "matched": h.name,
                "film": film,
                "actors": [actor_items[p] for p in actors.get(h.entity_id, [])[:5]],
                "url": f"{film['url']}#cast" if film else None,
            }
        )
    return out


# --- helpers ---------------------------------------------------------------------------------


def _short(film: Dict) -> Dict:
    return {k: film[k] for k in ("id", "title", "year", "slug", "url")}


def _link_statement(st: Dict, doc_ids: dict[str, int]) -> None:
    for source in st.get("sources", []):
        doc_id = doc_ids.get(source["source"])
        source["document_id"] = doc_id
        source["url"] = _source_url(doc_id, source.get("start"), source.get("end"))
    if st.get("person_id"):
        st["url"] = f"/people/{st['person_id']}"
    st["support"] = len({s["source"] for s in st.get("sources", [])})


def _source_url(doc_id: int | None, start: int | None = None, end: int | None = None) -> str | None:
    if doc_id is None:
        return None
    if start is None or end is None:
        return f"/sources/{doc_id}"
    return f"/sources/{doc_id}?start={start}&end={end}#hl"


def _valid_span(start: Any, end: Any, length: int) -> bool:
    return isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= length


def _is_web_url(source: str) -> bool:
    return bool(re.match(r"https?://[^\s\"'<>]+$", source or ""))


def _claim_label(claim: Dict) -> str:
    value = claim["value"]
    if isinstance(value, dict):
        shown = ", ".join(f"{k}={v}" for k, v in value.items() if v not in (None, "", False))
    else:
        shown = str(value)
    return f"{claim['property']}: {shown}"[:300]


def export_jsonld(kb: FilmKB, base_url: str = "") -> Dict:
    """Every film as a schema.org ``Movie`` in one ``@graph`` (``export --format jsonld``)."""
    movies = []
    for film_id in kb.film_ids(limit=-1):
        movie = jsonld.movie(film_view(kb, film_id), base_url)
        movie.pop("@context", None)
        movies.append(movie)
    return {"@context": jsonld.CONTEXT, "@graph": movies}
