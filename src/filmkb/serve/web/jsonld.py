"""schema.org JSON-LD for a film: ``Movie`` with actors, director, releases, reviews, rating.

Built from the film page's plain dict (``views.film_view``), so the page, its JSON twin and
``filmkb export --format jsonld`` say the same thing. Only preferred/normal statements are
used; deprecated values (conflicts that lost) stay out of the JSON-LD.

* ``actor`` → ``PerformanceRole`` (``actor`` → ``Person``, ``characterName``);
* ``duration``: ISO 8601 (``PT1H34M``); ``releasedEvent`` → ``PublicationEvent`` per
  territory (``startDate``, ``location`` → ``Country``, ``publishedBy`` → distributor);
* ``contentRating``: the certification; ``review`` → ``Review`` + ``Rating`` (0–100);
  ``aggregateRating`` → ``AggregateRating`` when any review has a score or a verdict.
"""

from __future__ import annotations

import json
from typing import Any

CONTEXT = "https://schema.org"
Dict = dict[str, Any]


def movie(view: Dict, base_url: str = "") -> Dict:
    film, record = view["film"], view["record"]
    base = base_url.rstrip("/")
    data: Dict = {"@context": CONTEXT, "@type": "Movie"}
    if base:  # absolute links only: a relative @id means nothing outside this server
        data["@id"] = data["url"] = f"{base}{film['url']}"
    data["name"] = film["title"]
    alternates = [st["value"] for st in _kept(record.get("title", []))[1:]]
    if film.get("original_title"):
        alternates.insert(0, film["original_title"])
    if alternates:
        data["alternateName"] = list(dict.fromkeys(alternates))
    if film.get("year"):
        data["dateCreated"] = str(film["year"])
    if isinstance(film.get("runtime_min"), int):
        data["duration"] = iso_duration(film["runtime_min"])
    if film.get("genres"):
        data["genre"] = film["genres"]
    if film.get("synopsis"):
        data["description"] = film["synopsis"]
    _people(data, "director", record.get("directors", []))
    _people(data, "author", record.get("writers", []))
    actors = [_role(st) for st in _kept(record.get("cast", []))]
    if actors:
        data["actor"] = actors
    releases = _kept(record.get("releases", []))
    events = [_event(st) for st in releases if st.get("date") or st.get("territory")]
    if events:
        data["releasedEvent"] = events
        dated = sorted(e["startDate"] for e in events if e.get("startDate"))
        if dated:
            data["datePublished"] = dated[0]
    ratings = [st["certification"] for st in releases if st.get("certification")]
    if ratings:
        data["contentRating"] = ratings[0]
    reviews = [_review(r) for r in view.get("reviews", [])]
    if reviews:
        data["review"] = reviews
    rating = _aggregate(view.get("aggregate"))
    if rating:
        data["aggregateRating"] = rating
    return data


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


def _people(data: Dict, key: str, statements: list[Dict]) -> None:
    people = [_person(st["name"]) for st in _kept(statements) if st.get("name")]
    if people:
        data[key] = people


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
