"""schema.org JSON-LD ``Movie`` objects a page embeds: name, director, actor, duration, …

JSON-LD is not part of the page's text, so a fact's span is the first place the page's text
states the same value, or an empty span at 0 with a note saying it came from JSON-LD.
"""

from __future__ import annotations

import re
from typing import Any

from filmkb import facts
from filmkb.documents.html import has_schema_type
from filmkb.extract.base import Context, Found
from filmkb.extract.cues import is_company_name
from filmkb.extract.genres import genres_in_list
from filmkb.extract.territories import normalize_certification
from filmkb.types import CastCredit, Release

_ISO_DURATION = re.compile(r"^P(?:T)?(?:(?P<h>\d+)H)?(?:(?P<m>\d+)M)?")


def is_movie_object(obj: dict[str, Any]) -> bool:
    """A schema.org object (JSON-LD or microdata) that describes a film."""
    return has_schema_type(obj, "movie", "film")


def extract_structured(ctx: Context) -> None:
    for obj in ctx.document.structured:
        if has_schema_type(obj, "review", "criticreview"):
            _review_object(ctx, obj)
        if not is_movie_object(obj):
            continue
        name = _text(obj.get("name"))
        if name:
            _add(ctx, "title_label", name)
        for person in _list(obj.get("director")):
            if _text(person):
                _add(ctx, "director", _text(person))
        for person in _list(obj.get("creator")) + _list(obj.get("author")):
            if _text(person) and str((person or {}).get("@type", "Person")).lower() == "person":
                _add(ctx, "writer", _text(person))
        for fact_type in facts.of_kind(*facts.NAMES):
            if fact_type.jsonld and fact_type.name not in ("director", "writer"):
                _names(ctx, fact_type, obj.get(fact_type.jsonld))
        for person in _list(obj.get("actor")):
            role = person.get("characterName") if isinstance(person, dict) else None
            actor = person.get("actor", person) if isinstance(person, dict) else person
            if _text(actor):
                _add(ctx, "cast", CastCredit(_text(actor), _text(role) or None), key=_text(actor))
        duration = _ISO_DURATION.match(str(obj.get("duration") or ""))
        if duration and (duration.group("h") or duration.group("m")):
            minutes = int(duration.group("h") or 0) * 60 + int(duration.group("m") or 0)
            if 40 <= minutes <= 300:
                _add(ctx, "runtime_min", minutes, key=str(minutes))
        for genre in _list(obj.get("genre")):
            for g, _s, _e in genres_in_list(_text(genre)):
                _add(ctx, "genre", g, key=_text(genre))
        date = str(obj.get("datePublished") or obj.get("dateCreated") or "")
        if re.match(r"^(19|20)\d\d", date):
            _add(ctx, "year", int(date[:4]), key=date[:4])
        cert = normalize_certification(_text(obj.get("contentRating")) or "")
        if cert or re.match(r"^\d{4}-\d\d-\d\d$", date):
            iso = date[:10] if re.match(r"^\d{4}-\d\d-\d\d", date) else None
            release = Release(date=iso, date_precision="day" if iso else None, certification=cert)
            _add(ctx, "release", release, key=iso or cert or "")


# schema.org types of an organisation; a person's name is neither of these
_ORGANIZATION = {"organization", "corporation", "localbusiness", "musicgroup", "ngo"}


def _names(ctx: Context, fact_type: facts.FactType, value: Any) -> None:
    """ "musicBy": Person / MusicGroup; "productionCompany": Organization (or plain names)."""
    for item in _list(value):
        name = _text(item)
        kind = str(item.get("@type", "")).lower() if isinstance(item, dict) else ""
        if not name or len(name) > 80:
            continue
        if fact_type.value == facts.PERSON and kind in _ORGANIZATION - {"musicgroup"}:
            continue
        if fact_type.value == facts.COMPANY and (kind == "person" or not is_company_name(name)):
            continue
        _add(ctx, fact_type.name, name)


def _review_object(ctx: Context, obj: dict[str, Any]) -> None:
    """schema.org Review: its author and rating ("4/5") for the page's review."""
    author = _text(obj.get("author"))
    if author:
        _add(ctx, "review_author", author)
    rating = obj.get("reviewRating")
    if isinstance(rating, dict) and rating.get("ratingValue") is not None:
        best = rating.get("bestRating") or 5
        ctx.document.meta.setdefault("filmkb:rating", f"{rating['ratingValue']}/{best}")


def _add(ctx: Context, prop: str, value: Any, key: str | None = None) -> None:
    needle = key if key is not None else str(value)
    pos = ctx.text.find(needle) if needle else -1
    start, end = (pos, pos + len(needle)) if pos >= 0 else (0, 0)
    ctx.add(Found(prop, value, start, end, "structured.jsonld", 0.9, note="schema.org JSON-LD"))


def _list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _text(value: Any) -> str:
    if isinstance(value, dict):
        value = value.get("name")
    return " ".join(str(value).split()) if value else ""
