"""Deterministic generator of many distinct film pages with a realistic spread of names.

A universe of films and people built from a seed, for the ingest-at-scale benchmark:

* people: most appear in 1–3 films; a few "stars" (a Zipf draw over a small pool) appear in
  hundreds; about 3% of names are common first + last names that several different people
  share (Maria Garcia the editor is not Maria Garcia the actor);
* films: distinct titles mostly, about 4% reuse a common title ("Home", "The Return") with
  another year and other people; a film may gather several pages (a Zipf draw), so pages
  about one film are spread over the run;
* pages: ``realistic_html`` layouts (10–150 KB: navigation, scripts, rails naming other
  films, comments, footer), or — ``extraction(i)`` — the ``DocumentExtraction`` such a page
  gives, built directly (for the store-only run at 100k pages, where extracting HTML would
  take hours on 2 cores). The same seed and index always give the same page.
"""

from __future__ import annotations

import hashlib
import random
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from realistic_html import FIRST, GENRES, LAST, Film, Page, make_page  # noqa: E402

from filmkb.types import (  # noqa: E402
    CastCredit,
    Document,
    DocumentExtraction,
    Evidence,
    Fact,
    FilmExtraction,
)

SYLLABLES = (
    "ba ko ri sen mar lo vin ta del ra nu shi an te mo ka li der von sa mi ren jo el tor "
    "ha bel cor dan fi ga is lu ne os pa qu ro su tin ur ve wen ya zo"
).split()
COMMON_TITLES = (
    "Home|The Return|Homecoming|Crossroads|Blackout|The Visitor|Redemption|Awakening|"
    "Inheritance|The Last Summer|Undertow|Nightfall|Escape|Harbour|The Promise|Sisters"
).split("|")
WORDS = (
    "River Glass Winter Train Border Echo Silent Harbour Night Salt Iron Paper Garden Mirror "
    "Storm Ember Hollow Orchard Lantern Signal Meridian Tide Ash Velvet Copper North Falling "
    "Quiet Distant Hidden Burning Golden Broken Last Long Secret Wild Little Dark"
).split()
STARS = 2000  # the pool of people who may appear in hundreds of films (shifted Zipf)
NAV_TITLES = ("Box Office", "Trailers", "Coming Soon", "News", "Reviews", "Awards")


@dataclass(frozen=True)
class Universe:
    seed: int = 7

    def _rng(self, *parts: object) -> random.Random:
        digest = hashlib.sha256(repr((self.seed, *parts)).encode()).digest()
        return random.Random(int.from_bytes(digest[:8], "big"))

    def unique_name(self, person: int) -> str:
        rng = self._rng("person", person)
        first = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).title()
        last = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).title()
        if rng.random() < 0.5:
            first = rng.choice(FIRST)
        return f"{first} {last}"

    def star(self, rng: random.Random) -> str:
        shift = 20  # weight of star k ∝ 1 / (k + 20): the first few reach hundreds of films
        index = int(shift * ((STARS + shift) / shift) ** rng.random()) - shift
        return self.unique_name(-1 - min(index, STARS - 1))

    def person(self, rng: random.Random, film: int, slot: int) -> str:
        draw = rng.random()
        if draw < 0.04:
            return self.star(rng)
        if draw < 0.07:  # a common name that several different people share
            return f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        if draw < 0.27:  # someone with a few films: a neighbouring film's person
            near = max(0, film - rng.randint(1, 400))
            return self.unique_name(near * 16 + rng.randrange(4))
        return self.unique_name(film * 16 + slot)

    def film(self, index: int) -> Film:
        rng = self._rng("film", index)
        if rng.random() < 0.04:
            title = rng.choice(COMMON_TITLES)
        else:
            word = "".join(rng.choice(SYLLABLES) for _ in range(2)).title()
            title = rng.choice(
                [
                    f"The {rng.choice(WORDS)} {word}",
                    f"{word} {rng.choice(WORDS)}",
                    f"{rng.choice(WORDS)} of {word}",
                    f"{word}",
                ]
            )
        cast = [self.person(rng, index, slot) for slot in range(rng.randint(4, 12))]
        return Film(
            title=title,
            year=rng.randint(1960, 2025),
            director=self.person(rng, index, 13),
            writer=self.person(rng, index, 14),
            cast=list(dict.fromkeys(cast)),
            genres=[rng.choice(GENRES)],
        )

    def film_of_page(self, page: int) -> int:
        """Pages 0..n: most films get one page, some several (spread over the run)."""
        rng = self._rng("page", page)
        if page > 10 and rng.random() < 0.3:
            back = min(int(rng.paretovariate(0.8)), page)
            return self.film_of_page(page - back)
        return page

    def page(self, index: int) -> Page:
        film = self.film(self.film_of_page(index))
        rng = self._rng("html", index)
        others = [self.film(rng.randrange(max(1, index + 50))) for _ in range(24)]
        return make_page(index, others, rng, film=film)

    def extraction(self, index: int, folder: str = "/bench") -> DocumentExtraction:
        """What extracting ``page(index)`` gives, built directly: the main film with its
        credits, a few films named in rails, sometimes a navigation word taken as a title."""
        film = self.film(self.film_of_page(index))
        rng = self._rng("extraction", index)
        text_parts: list[str] = []

        def fact(value: object, extractor: str) -> Fact:
            start = sum(len(t) + 1 for t in text_parts)
            text_parts.append(str(value if not isinstance(value, CastCredit) else value.actor))
            ev = Evidence(source, start, start + len(text_parts[-1]), extractor, "1")
            return Fact(value, ev)

        source = f"{folder}/{index:06d}.html"
        main = FilmExtraction(main=True)
        main.title = fact(film.title, "title")
        if rng.random() < 0.8:
            main.year = fact(film.year, "year")
        main.directors = [fact(film.director, "credits")]
        if rng.random() < 0.6:
            main.writers = [fact(film.writer, "credits")]
        shown = film.cast[: rng.randint(2, len(film.cast))]
        main.cast = [
            fact(CastCredit(a, f"{rng.choice(FIRST)} {rng.choice(LAST)}"), "cast") for a in shown
        ]
        main.runtime_min = fact(rng.randint(80, 170), "runtime")
        main.genres = [fact(g, "genres") for g in film.genres]
        films = [main]
        for _ in range(rng.randint(0, 3)):
            other = self.film(rng.randrange(max(1, index + 50)))
            passing = FilmExtraction(title=fact(other.title, "passing"))
            if rng.random() < 0.5:
                passing.year = fact(other.year, "passing")
            films.append(passing)
        if rng.random() < 0.02:
            films.append(FilmExtraction(title=fact(rng.choice(NAV_TITLES), "passing")))
        text = "\n".join(text_parts)
        document = Document(
            source=source,
            text=text,
            sha256=hashlib.sha256(f"{self.seed}:{index}:{text}".encode()).hexdigest(),
            media_type="text/html",
            size=len(text),
        )
        for f in films:
            for value in vars(f).values():
                items = value if isinstance(value, list) else [value]
                for item in items:
                    if isinstance(item, Fact):
                        item.evidence.source = source
        return DocumentExtraction(document=document, kind=None, films=films)


def write_pages(folder: Path, n: int, seed: int = 7) -> list[Path]:
    """Write pages 0..n-1 as HTML files; return their paths in order."""
    folder.mkdir(parents=True, exist_ok=True)
    universe = Universe(seed)
    paths = []
    for i in range(n):
        path = folder / f"{i:06d}.html"
        if not path.exists():
            path.write_text(universe.page(i).html, encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":
    u = Universe()
    for i in range(int(sys.argv[1]) if len(sys.argv) > 1 else 8):
        f = u.film(u.film_of_page(i))
        print(f"{i:6d} {len(u.page(i).html):>7,d} B  {f.title} ({f.year})  {f.director}")
