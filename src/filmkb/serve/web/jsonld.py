"""schema.org JSON-LD for a film: ``Movie`` with actors, director, releases, reviews, rating.

Built from the film page's plain dict (``views.film_view``), so the page, its JSON twin and
``filmkb export --format jsonld`` say the same thing. Only preferred/normal statements are
used; deprecated values (conflicts that lost) stay out of the JSON-LD.

* every fact type with a JSON-LD key (``filmkb.facts``): people → ``Person`` (``director``,
  ``author``, ``musicBy``), companies → ``Organization`` (``productionCompany``);
* ``actor`` → ``PerformanceRole`` (``actor`` → ``Person``, ``characterName``);
* ``duration``: ISO 8601 (``PT1H34M``); ``releasedEvent`` → ``PublicationEvent`` per
  territory (``startDate``, ``location`` → ``Country``, ``publishedBy`` → distributor);
* ``contentRating``: the certification; ``review`` → ``Review`` + ``Rating`` (0–100);
  ``aggregateRating`` → ``AggregateRating`` when any review has a score or a verdict.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from filmkb import facts

CONTEXT = "https://schema.org"
Dict = dict[str, Any]


def movie(view: Dict, base_url: str = "") -> Dict:
    """The film as a schema.org ``Movie``: each fact type under its JSON-LD key
    (``filmkb.facts``), written as its value kind says."""
    film = view["film"]
    base = base_url.rstrip("/")
    data: Dict = {"@context": CONTEXT, "@type": "Movie"}
    if base:  # absolute links only: a relative @id means nothing outside this server
        data["@id"] = data["url"] = f"{base}{film['url']}"
    for fact in facts.FACTS:
        if fact.jsonld:
            _WRITERS[fact.value](data, fact.jsonld, fact, view)
    if data.get(ALTERNATE):
        data[ALTERNATE] = list(dict.fromkeys(data[ALTERNATE]))
    else:
        data.pop(ALTERNATE, None)
    rating = _aggregate(view.get("aggregate"))
    if rating:
        data["aggregateRating"] = rating
    return data


ALTERNATE = "alternateName"


def _title(data: Dict, key: str, fact: facts.FactType, view: Dict) -> None:
    """The film's best title is its ``name``; other titles and the original title are
    ``alternateName`` (the original title first)."""
    film, statements = view["film"], _kept(view["record"].get(fact.record, []))
    if fact.rank == facts.ONE:  # the original title
        best = film.get(fact.name, statements[0]["value"] if statements else None)
        if best:
            data.setdefault(key, []).insert(0, best)
        return
    data[key] = film["title"]
    data.setdefault(ALTERNATE, []).extend(st["value"] for st in statements[1:])


def _number(data: Dict, key: str, fact: facts.FactType, view: Dict) -> None:
    """A year as text ("2024"); a runtime as an ISO 8601 duration."""
    value = _best(view, fact)
    if isinstance(value, int) and value:
        data[key] = iso_duration(value) if key == "duration" else str(value)


def _text(data: Dict, key: str, fact: facts.FactType, view: Dict) -> None:
    value = _best(view, fact)
    if value:
        data[key] = value


def _values(data: Dict, key: str, fact: facts.FactType, view: Dict) -> None:
    values = [st["value"] for st in _kept(view["record"].get(fact.record, []))]
    if values:
        data[key] = values


def _names(data: Dict, key: str, fact: facts.FactType, view: Dict) -> None:
    """People as ``Person``, companies as ``Organization``."""
    kind = "Person" if fact.value == facts.PERSON else "Organization"
    statements = _kept(view["record"].get(fact.record, []))
    names = [st.get("name") or st.get("value") for st in statements]
    if any(names):
        data[key] = [{"@type": kind, "name": n} for n in names if n]


def _cast(data: Dict, key: str, fact: facts.FactType, view: Dict) -> None:
    actors = [_role(st) for st in _kept(view["record"].get(fact.record, []))]
    if actors:
        data[key] = actors


def _releases(data: Dict, key: str, fact: facts.FactType, view: Dict) -> None:
    releases = _kept(view["record"].get(fact.record, []))
    events = [_event(st) for st in releases if st.get("date") or st.get("territory")]
    if events:
        data[key] = events
        dated = sorted(e["startDate"] for e in events if e.get("startDate"))
        if dated:
            data["datePublished"] = dated[0]
    ratings = [st["certification"] for st in releases if st.get("certification")]
    if ratings:
        data["contentRating"] = ratings[0]


def _reviews(data: Dict, key: str, fact: facts.FactType, view: Dict) -> None:
    reviews = [_review(r) for r in view.get("reviews", [])]
    if reviews:
        data[key] = reviews


def _best(view: Dict, fact: facts.FactType) -> Any:
    """The film's value as the page shows it, else the record's first kept value."""
    if fact.name in view["film"]:
        return view["film"][fact.name]
    kept = _kept(view["record"].get(fact.record, []))
    return kept[0].get("value") if kept else None


_WRITERS: dict[str, Callable[[Dict, str, facts.FactType, Dict], None]] = {
    facts.TITLE: _title,
    facts.NUMBER: _number,
    facts.TEXT: _text,
    facts.GENRE: _values,
    facts.PERSON: _names,
    facts.COMPANY: _names,
    facts.CAST: _cast,
    facts.RELEASE: _releases,
    facts.REVIEW: _reviews,
}


def iso_duration(minutes: int) -> str:
    """ISO 8601 duration: 94 → ``PT1H34M``; 45 → ``PT45M``."""
    hours, mins = divmod(int(minutes), 60)
    return "PT" + (f"{hours}H" if hours else "") + (f"{mins}M" if mins or not hours else "")


def script_text(data: Dict) -> str:
    """JSON for a ``<script type="application/ld+json">``: ``<``, ``>``, ``&`` escaped."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escaped)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _kept(statements: list[Dict]) -> list[Dict]:
    return [st for st in statements if st.get("rank") != "deprecated"]


def _person(name: str, url: str | None = None) -> Dict:
    person: Dict = {"@type": "Person", "name": name}
    if url:
        person["url"] = url
    return person


def _role(st: Dict) -> Dict:
    role: Dict = {"@type": "PerformanceRole", "actor": _person(st["actor"])}
    if st.get("character"):
        role["characterName"] = st["character"]
    return role


def _event(st: Dict) -> Dict:
    event: Dict = {"@type": "PublicationEvent"}
    if st.get("date"):
        event["startDate"] = st["date"]
    if st.get("territory"):
        event["location"] = {"@type": "Country", "name": st["territory"]}
    if st.get("distributor"):
        event["publishedBy"] = {"@type": "Organization", "name": st["distributor"]}
    if st.get("release_type"):
        event["description"] = st["release_type"]
    return event


def _review(item: Dict) -> Dict:
    review: Dict = {"@type": "Review"}
    if item.get("author"):
        review["author"] = _person(item["author"])
    if item.get("outlet"):
        review["publisher"] = {"@type": "Organization", "name": item["outlet"]}
    if item.get("date"):
        review["datePublished"] = item["date"]
    if item.get("score_normalized") is not None:
        rating: Dict = {
            "@type": "Rating",
            "ratingValue": item["score_normalized"],
            "bestRating": 100,
            "worstRating": 0,
        }
        if item.get("verdict"):
            rating["ratingExplanation"] = item["verdict"]
        review["reviewRating"] = rating
    elif item.get("verdict"):
        review["reviewRating"] = {"@type": "Rating", "ratingExplanation": item["verdict"]}
    return review


def _aggregate(critics: Dict | None) -> Dict | None:
    if not critics:
        return None
    if critics.get("mean_score") is not None:
        value, count = critics["mean_score"], critics.get("scored") or critics["count"]
    elif critics.get("percent_positive") is not None:
        value, count = critics["percent_positive"], critics.get("judged") or critics["count"]
    else:
        return None
    return {
        "@type": "AggregateRating",
        "ratingValue": value,
        "bestRating": 100,
        "worstRating": 0,
        "ratingCount": count,
        "reviewCount": critics["count"],
    }
