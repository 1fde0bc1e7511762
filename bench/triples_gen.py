"""Generated knowledge-base triples in the MetaQA ``kb.txt`` format, for benchmarks.

``write_triples(path, lines)`` writes about ``lines`` lines ``subject|relation|object`` about
distinct generated films (about 8 lines a film, in MetaQA's mix of relations): titles from a
word list, some shared by several films (remakes), people drawn so that most are credited
once to three times and a few hundreds of times (a Zipf draw over a pool of generated names),
years, genres, languages, tags and a few ratings. Deterministic for a seed.
"""

from __future__ import annotations

import random
from pathlib import Path

WORDS = (
    "night city river last silent red glass winter house stone empty second broken golden"
    " little paper iron long secret summer dark black white lost wild quiet burning distant"
    " hidden final morning shadow island garden letter mirror storm station harbor orchard"
    " bridge tower valley desert forest ocean machine engine heart song dance road journey"
).split()
GIVEN = (
    "Anna Ben Carla David Elena Frank Grace Hugo Ines Jonas Kira Leo Maya Nils Olga Paul"
    " Queenie Rafael Sofia Tomas Uma Victor Wanda Xavier Yara Zoltan Min-jun Ji-woo Hiro Aiko"
).split()
FAMILY = (
    "Adler Brandt Costa Duarte Eriksen Fischer Garcia Horvat Ivanova Jensen Kowalski Lindqvist"
    " Moreau Novak Okafor Petrov Quinn Rossi Schmidt Tanaka Ueda Varga Weber Young Zhang Kim"
    " Park Lee Choi Nakamura Silva Santos Haddad Mensah"
).split()
GENRES = "Drama Comedy Thriller Horror Romance Action Documentary Western Animation Crime".split()
LANGUAGES = "English French Korean Japanese German Spanish Italian Hindi Swedish".split()
PROLIFIC = 50
TAGS = "heist,noir,based on novel,revenge,coming of age,road movie,time travel,biopic".split(",")


def _person(rng: random.Random, pool: int) -> str:
    """Most names are credited once to three times; 2 % of credits go to 50 prolific names
    (a few hundred credits each at 1M lines)."""
    index = rng.randrange(PROLIFIC) if rng.random() < 0.02 else rng.randrange(pool)
    given = GIVEN[index % len(GIVEN)]
    family = FAMILY[(index // len(GIVEN)) % len(FAMILY)]
    return f"{given} {family} {index // (len(GIVEN) * len(FAMILY)) or ''}".strip()


def write_triples(path: Path, lines: int, seed: int = 11, prefix: str = "") -> int:
    """Write about ``lines`` triples; returns the number of films written."""
    rng = random.Random(seed)
    pool = max(1000, lines // 3)
    written = films = 0
    with path.open("w", encoding="utf-8") as out:
        while written < lines:
            words = rng.sample(WORDS, rng.choice((1, 2, 2, 3)))
            title = prefix + " ".join(w.capitalize() for w in words)
            if rng.random() > 0.05:  # most titles are distinct; some are shared (remakes)
                title += f" {films}"
            films += 1
            rows = [
                ("directed_by", _person(rng, pool)),
                ("release_year", str(rng.randint(1920, 2025))),
            ]
            rows += [("written_by", _person(rng, pool)) for _ in range(rng.choice((0, 1, 1, 2)))]
            rows += [("starred_actors", _person(rng, pool)) for _ in range(rng.choice((1, 2, 3)))]
            rows += [("has_genre", rng.choice(GENRES))]
            rows += [("has_tags", rng.choice(TAGS)) for _ in range(rng.choice((0, 1, 2, 3)))]
            if rng.random() < 0.2:
                rows.append(("in_language", rng.choice(LANGUAGES)))
            if rng.random() < 0.03:
                rows.append(("has_imdb_rating", f"{rng.uniform(2, 9):.1f}"))
            for relation, obj in rows:
                out.write(f"{title}|{relation}|{obj}\n")
            written += len(rows)
    return films
