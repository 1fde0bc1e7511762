"""One plain dict per page. The HTML template and the ``.json`` twin get the same dict.

Every function takes a ``FilmKB`` and returns JSON-able data; none knows about HTTP. Links
between pages are relative URLs built here (``/films/escape-2024``, ``/people/2``,
``/sources/3?start=53&end=65#hl``) so that the JSON twin carries them too.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from typing import Any

from filmkb import facts
from filmkb.core import FilmKB
from filmkb.errors import FilmKBError, NotFound
from filmkb.serve.web import jsonld
from filmkb.serve.web.reviews import aggregate, review_items
from filmkb.store.records import best_value

PAGE_SIZE = 50
SEARCH_LIMIT = 20
ID_SEP = "--"  # escape-2024--17: the film id after the slug when the slug is ambiguous
STATEMENT_LISTS = tuple(f.record for f in facts.FACTS)
ROLE_OF_PROPERTY = {"director": "director", "writer": "writer", "cast": "actor"}

Dict = dict[str, Any]


class Ambiguous(FilmKBError):
    """A film slug names several films."""

    code = "E302"

    def __init__(self, ref: str, films: list[Dict]):
        super().__init__(f"{len(films)} films match {ref!r}")
        self.films = films


# --- film references (slugs) ----------------------------------------------------------------


def slugify(text: str | None) -> str:
    text = unicodedata.normalize("NFKC", text or "").lower()
    return re.sub(r"[\W_]+", "-", text).strip("-") or "film"


def slug_base(title: str | None, year: int | None) -> str:
    return f"{slugify(title)}-{year}" if year else slugify(title)


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
        raise NotFound(f"no film {ref!r}")
    raise Ambiguous(ref, film_items(kb, matches))


def _films_with_slug(kb: FilmKB, slug: str) -> list[int]:
    words = re.sub(r"-(?:18|19|20)\d\d$", "", slug).replace("-", " ")
    candidates = kb.film_ids_titled(words)
    if slug != words.replace(" ", "-"):  # "escape-2024" may be a title with no year
        candidates += [f for f in kb.film_ids_titled(slug.replace("-", " ")) if f not in candidates]
    titles = kb.film_titles(candidates)
    return [f for f in candidates if slug_base(**titles[f]) == slug]


def film_slugs(kb: FilmKB, titles: dict[int, Dict]) -> dict[int, str]:
    """The canonical slug of each film: ``escape-2024``, or ``escape-2024--17`` if shared."""
    out = {}
    for film_id, t in titles.items():
        base = slug_base(t["title"], t["year"])
        unique = not base.isdigit() and _films_with_slug(kb, base) == [film_id]
        out[film_id] = base if unique else f"{base}{ID_SEP}{film_id}"
    return out


def film_items(kb: FilmKB, film_ids: list[int]) -> list[Dict]:
    titles = kb.film_titles(film_ids)
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


def home_view(kb: FilmKB, page: int = 1) -> Dict:
    page = max(1, page)
    total = kb.count_films()
    ids = kb.film_ids(PAGE_SIZE, (page - 1) * PAGE_SIZE)
    pages = max(1, -(-total // PAGE_SIZE))
    return {
        "count": total,
        "page": page,
        "pages": pages,
        "previous": f"/?page={page - 1}" if page > 1 else None,
        "next": f"/?page={page + 1}" if page < pages else None,
        "films": film_items(kb, ids),
    }


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


def person_view(kb: FilmKB, person_id: int) -> Dict:
    """Name variants (with the rules that merged them) and the filmography across films."""
    claims = kb.person_claims(person_id)
    if not claims:
        raise NotFound(f"no person with id {person_id}")
    variants: dict[str, Dict] = {}
    for claim in claims:
        name = _credited_name(claim)
        if not name:
            continue
        entry = variants.setdefault(name, {"name": name, "documents": set(), "rules": []})
        entry["documents"].add(claim["document_id"])
        rule = claim["person_rule"]
        if rule and rule not in entry["rules"]:
            entry["rules"].append(rule)
    ordered = sorted(variants.values(), key=_name_quality, reverse=True)
    name = ordered[0]["name"] if ordered else f"person {person_id}"
    films: dict[int, Dict] = defaultdict(lambda: {"roles": {}, "documents": set()})
    for claim in claims:
        if claim["film_id"] is None:
            continue
        entry = films[claim["film_id"]]
        role = ROLE_OF_PROPERTY.get(claim["property"], claim["property"])
        characters = entry["roles"].setdefault(role, [])
        value = claim["value"]
        if isinstance(value, dict) and value.get("character"):
            if value["character"] not in characters:
                characters.append(value["character"])
        entry["documents"].add(claim["source"])
    items = {i["id"]: i for i in film_items(kb, list(films))}
    filmography = [
        {
            **items[f],
            "roles": [{"role": r, "characters": c} for r, c in films[f]["roles"].items()],
            "documents": len(films[f]["documents"]),
        }
        for f in films
    ]
    filmography.sort(key=lambda f: (f["year"] is None, -(f["year"] or 0), f["title"]))
    return {
        "person": {
            "id": person_id,
            "name": name,
            "url": f"/people/{person_id}",
            "variants": [
                {"name": v["name"], "documents": len(v["documents"]), "rules": v["rules"]}
                for v in ordered
            ],
        },
        "filmography": filmography,
    }


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
    """The document text cut into segments; extracted spans marked, one span highlighted."""
    doc = kb.document(document_id)
    text = doc["text"] or ""
    spans = [c for c in doc["claims"] if _valid_span(c.get("start"), c.get("end"), len(text))]
    highlight = (start, end) if _valid_span(start, end, len(text)) else None
    cuts = {0, len(text)}
    for c in spans:
        cuts.update((c["start"], c["end"]))
    if highlight:
        cuts.update(highlight)
    bounds = sorted(cuts)
    segments = []
    anchored = False
    for a, b in zip(bounds, bounds[1:], strict=False):
        covering = [c for c in spans if c["start"] <= a and b <= c["end"]]
        hl = bool(highlight and highlight[0] <= a and b <= highlight[1])
        segment: Dict = {"text": text[a:b], "start": a, "end": b}
        if covering:
            segment["claims"] = [c["id"] for c in covering]
            segment["label"] = "; ".join(sorted({_claim_label(c) for c in covering}))
        if hl:
            segment["highlight"] = True
            if not anchored:
                segment["anchor"] = "hl"
                anchored = True
        segments.append(segment)
    film_ids = sorted({c["film_id"] for c in doc["claims"] if c["film_id"] is not None})
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
        for c in doc["claims"]
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
        },
        "highlight": {"start": highlight[0], "end": highlight[1]} if highlight else None,
        "films": film_items(kb, film_ids),
        "claims": claims,
        "segments": segments,
        "text": text,
    }


def sources_view(kb: FilmKB) -> Dict:
    docs = kb.documents()
    return {"count": len(docs), "sources": [{**d, "url": _source_url(d["id"])} for d in docs]}


def search_view(kb: FilmKB, q: str) -> Dict:
    """Films by title and people by name, any stored spelling or romanization."""
    q = (q or "").strip()[:200]
    if not q:
        return {"q": q, "films": [], "people": []}
    found = kb.search(q, limit=SEARCH_LIMIT)
    people = []
    for person_id in found["people"]:
        view = person_view(kb, person_id)
        people.append(
            {
                **view["person"],
                "films": [f["title"] for f in view["filmography"]][:5],
            }
        )
    return {"q": q, "films": film_items(kb, found["films"]), "people": people}


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


def _credited_name(claim: Dict) -> str | None:
    value = claim["value"]
    if isinstance(value, dict):
        return value.get("actor")
    return str(value) if value is not None else None


def _name_quality(variant: Dict) -> tuple:
    name = variant["name"]
    shouted = any(len(w) > 1 and w.isupper() and w.isalpha() for w in name.split())
    return (len(variant["documents"]), not shouted, "-" in name, name)


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
