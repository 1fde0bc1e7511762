"""Group ``Found`` facts into films, merge spellings within the page, build evidence."""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache
from importlib import resources

from filmkb import facts as registry
from filmkb.extract.base import Context, Found
from filmkb.extract.genres import GENRES
from filmkb.resolve.names import match_person, normalize_name, title_key
from filmkb.types import CastCredit, DocumentExtraction, Evidence, Fact, FilmExtraction


def assemble(ctx: Context, version: str) -> DocumentExtraction:
    source = ctx.document.source

    def fact(f: Found) -> Fact:
        ev = Evidence(
            source, f.start, f.end, f.extractor, version, f.confidence, f.inferred, f.note
        )
        return Fact(f.value, ev)

    kind = next((fact(f) for f in ctx.found if f.prop == "kind"), None)
    read = (
        [f"read the first {len(ctx.text):,} of {ctx.truncated_from:,} characters of the page"]
        if ctx.truncated_from
        else []
    )
    if ctx.no_film:
        notes = [ctx.no_film, *read]
        return DocumentExtraction(document=ctx.document, kind=kind, films=[], notes=notes)
    by_film: dict[str | None, list[Found]] = defaultdict(list)
    for f in ctx.found:
        if f.prop == "kind":
            continue
        key = None if f.film is None else title_key(f.film)
        if ctx.main_title and key == title_key(ctx.main_title):
            key = None  # "Escape (2024)" again: the main film
        by_film[key].append(f)

    characters = {
        normalize_name(f.value.character)
        for f in ctx.found
        if f.prop == "cast" and f.value.character
    }
    films: list[FilmExtraction] = []
    main = _film(by_film.pop(None, []), fact, characters)
    main.main = True
    # A page whose film we cannot name, and that names other films, gives no main film: its
    # credits may belong to any of them. A single-film page without a title keeps its facts.
    if main.title is not None or (_has_facts(main) and not by_film):
        films.append(main)
    for _key, facts in by_film.items():
        film = _film(facts, fact, characters)
        if film.title is not None:
            films.append(film)
    notes = ([] if films else ["no film: the page names no film it is about"]) + read
    return DocumentExtraction(document=ctx.document, kind=kind, films=films, notes=notes)


def _has_facts(film: FilmExtraction) -> bool:
    return bool(film.directors or film.cast or film.releases or film.runtime_min or film.review)


def _film(facts: list[Found], fact, characters: set[str]) -> FilmExtraction:  # noqa: ANN001
    film = FilmExtraction()
    # single-valued facts: the most confident; a film named in passing is titled by its mention
    singles = [(t.name, t) for t in registry.FACTS if not t.multi]
    singles.insert(1, ("mention", registry.fact("title")))
    for prop, fact_type in singles:
        cands = [f for f in facts if f.prop == prop]
        if cands and not film.facts_of(fact_type):
            best = max(cands, key=lambda f: f.confidence)
            film.set_facts(fact_type, [fact(best)])
    for fact_type in registry.of_kind(registry.PERSON):  # directors, writers, composers, ...
        people = _dedupe_people([f for f in facts if f.prop == fact_type.name], characters)
        film.set_facts(fact_type, [fact(f) for f in people])
    for fact_type in registry.of_kind(registry.COMPANY):
        companies = _dedupe_companies([f for f in facts if f.prop == fact_type.name])
        film.set_facts(fact_type, [fact(f) for f in companies])
    film.cast = [fact(f) for f in _merge_cast([f for f in facts if f.prop == "cast"], characters)]
    seen_genres: set[str] = set()
    for f in facts:
        if f.prop != "genre":
            continue
        canonical = GENRES.get(f.value, f.value)
        if canonical not in seen_genres:
            seen_genres.add(canonical)
            film.genres.append(fact(f))
    seen_releases: set[tuple] = set()
    releases = [f for f in facts if f.prop == "release"]
    full_dates = {
        f.value.date[4:] for f in releases if f.value.date and not f.value.date.startswith("--")
    }
    for f in sorted(releases, key=lambda f: -f.confidence):
        if f.value.date and f.value.date.startswith("--") and f.value.date[1:] in full_dates:
            continue  # "April 1" in a headline, "April 1, 2011" in the text: one release
        key = (f.value.territory, f.value.date)
        if key in seen_releases or any(
            k[1] == f.value.date and k[0] and not f.value.territory for k in seen_releases
        ):
            continue
        seen_releases.add(key)
        film.releases.append(fact(f))
    _merge_dateless_release(film)
    return film


def _merge_dateless_release(film: FilmExtraction) -> None:
    """ "Rated PG-13" (→ US) and "dated for November 14, 2025" on one page are one release:
    a release with no date joins the page's only dated release when their territories agree."""
    dateless = [f for f in film.releases if not f.value.date]
    dated = [f for f in film.releases if f.value.date]
    if len(dateless) != 1 or not dated:
        return
    extra = dateless[0].value
    fits = [f for f in dated if f.value.territory in (None, extra.territory)]
    if len(fits) != 1 or (extra.territory is None and len(dated) > 1):
        return
    target = fits[0].value
    if target.territory is None and extra.territory is not None:
        target.territory, target.territory_inferred = extra.territory, extra.territory_inferred
    target.certification = target.certification or extra.certification
    target.distributor = target.distributor or extra.distributor
    film.releases.remove(dateless[0])


def _same_person(a: str, b: str) -> bool:
    if match_person(a, b).same:
        return True
    # "Je Hoon" within a page that also says "Lee Je Hoon": the given name alone
    ta, tb = normalize_name(a), normalize_name(b)
    short, long_ = sorted((a.split(), b.split()), key=len)
    return (
        len(short) >= 2
        and len(long_) > len(short)
        and (normalize_name(" ".join(long_[-len(short) :])) == normalize_name(" ".join(short)))
        and ta != tb
    )


def _company_shaped(name: str) -> bool:
    """ "O2 Filmes", "Globo Filmes", "Crowfilm", "Golden Village Pictures": not a person."""
    from filmkb.extract.learned.tokens import word_lists

    words = name.lower().replace(".", "").split()
    suffixes = word_lists()["company_suffixes"]
    return bool(words) and (words[-1] in suffixes or words[-1].endswith(("film", "filmes")))


def company_key(name: str) -> str:
    """ "Warner Bros. Pictures" ~ "warner bros pictures"; "Finecut Co., Ltd." ~ "finecut"."""
    words = re.findall(r"[^\W_]+", name.lower())
    while len(words) > 1 and words[-1] in ("co", "ltd", "inc", "llc", "corp", "corporation"):
        words.pop()
    return " ".join(words)


def _dedupe_companies(found: list[Found]) -> list[Found]:
    """One fact per company: the longest spelling, the most confident, the first."""
    best: dict[str, Found] = {}
    for f in sorted(found, key=lambda f: (-len(f.value), -f.confidence, f.start)):
        best.setdefault(company_key(f.value), f)
    return sorted(best.values(), key=lambda f: f.start)


def _dedupe_people(facts: list[Found], characters: set[str]) -> list[Found]:
    out: list[Found] = []
    for f in sorted(facts, key=lambda f: (-len(f.value.split()), -f.confidence, f.start)):
        if normalize_name(f.value) in characters or _company_shaped(f.value):
            continue
        if any(_same_person(f.value, o.value) for o in out):
            continue
        out.append(f)
    return sorted(out, key=lambda f: f.start)


@lru_cache(maxsize=1)
def _award_re() -> re.Pattern[str]:
    path = resources.files("filmkb.extract") / "data" / "award_words.txt"
    words = [
        w.strip() for w in path.read_text(encoding="utf-8").splitlines() if w.strip()[:1] != "#"
    ]
    words = [w for w in words if w]
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})\b", re.IGNORECASE)


def _award_line(credit: CastCredit) -> bool:
    """ "Best Original Score (Bernard Herrmann)", "… Leonard Harris Oscar Nominations": an
    award line read as a credit."""
    award = _award_re()
    return bool(award.search(credit.actor) or (credit.character and award.search(credit.character)))


def _merge_cast(facts: list[Found], characters: set[str]) -> list[Found]:
    """One credit per actor; the character from the most confident fact that names one."""
    groups: list[list[Found]] = []
    for f in sorted(facts, key=lambda f: (-len(f.value.actor.split()), f.start)):
        if normalize_name(f.value.actor) in characters or _company_shaped(f.value.actor):
            continue  # a character's (or a company's) name in the actor slot
        if _award_line(f.value):
            continue
        for group in groups:
            if _same_person(f.value.actor, group[0].value.actor):
                group.append(f)
                break
        else:
            groups.append([f])
    out: list[Found] = []
    for group in groups:
        first = min(group, key=lambda f: f.start)
        with_char = [f for f in group if f.value.character]
        best = (
            max(with_char, key=lambda f: (f.confidence, len(f.value.character)))
            if with_char
            else first
        )
        character = best.value.character or None
        merged = Found(
            "cast",
            CastCredit(
                first.value.actor
                if first.extractor.startswith(("fields", "castlist"))
                else best.value.actor,
                character,
            ),
            best.start,
            best.end,
            best.extractor,
            best.confidence,
            best.film,
            best.inferred,
            best.note,
        )
        out.append(merged)
    return sorted(out, key=lambda f: f.start)
