"""Every fact type filmkb records about a film, declared once.

A ``FactType`` says what the fact is (value kind, normaliser, one or several per page), where
it lives (claim property, ``FilmExtraction`` field, record-view key and ranking, gold key,
schema.org key) and which words pages use for it (``facts_labels.tsv``, read by ``labels``).
Extract, store, serve, ask and evaluate loop over ``FACTS`` instead of naming fact types.

Adding a fact type: one ``FactType`` below, its label words in ``facts_labels.tsv`` and its
field on ``types.FilmExtraction``. A person's or a company's name is then read from label
lines, label headings, prose cues and JSON-LD, stored, ranked, shown, exported and scored.

This module imports nothing from filmkb, so every stage may import it.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

# value kinds: what a value is, hence how it is read, compared, ranked and written
TITLE = "title"  # a film's name: str
NUMBER = "number"  # int
PERSON = "person"  # a person's name: str, resolved to a person entity in the store
COMPANY = "company"  # a company's name: str
GENRE = "genre"  # a genre word: str
TEXT = "text"  # running text: str
CAST = "cast"  # types.CastCredit
RELEASE = "release"  # types.Release
REVIEW = "review"  # types.ReviewInfo
NAMES = (PERSON, COMPANY)  # kinds whose values are names, several per film

# record-view ranking (``store.records``; a value's score sums its documents' kind weights)
ONE = "one"  # the single best value is preferred, the others deprecated
MANY = "many"  # every value with at least half the best score is preferred, others normal
EACH = "each"  # every value stands on its own (reviews): all normal

# what extractors hand each other before assembly; these never become a film's claims
WORKING_PROPS = ("mention", "title_label", "release_date", "review_author")
DOCUMENT_PROPS = ("kind",)  # claims about the document, not a film
# label keys of things pages label but filmkb does not record
OTHER_LABEL_KEYS = ("language", "crew")
LABEL_USES = frozenset(
    "label split inline alone heading block place strict prose title possessive noun question"
    .split()
)  # fmt: skip


def same(value: Any) -> Any:
    return value


def squash(value: Any) -> str:
    """One space between words: "Lee  Je-hoon\\n" → "Lee Je-hoon"."""
    return " ".join(str(value).split())


# "Better Off Dead [Exclusive Blu-ray Steelbook]", "Heat (4K Ultra HD)": a shop's or a
# listing's note on the edition, not part of the film's name
_EDITION = re.compile(
    r"\s*(?:\[[^\[\]]*\]|\([^()]*\b(?:blu-?ray|dvd|4k|uhd|steelbook|edition|remastered"
    r"|box set|vhs)\b[^()]*\))\s*$",
    re.IGNORECASE,
)


def film_title(value: Any) -> str:
    """A film's name as the page writes it, without a trailing edition note in brackets."""
    title = squash(value)
    stripped = _EDITION.sub("", title)
    return stripped if stripped else title


def company_name(value: Any) -> str:
    """ "  “Zip Cinema”, " → "Zip Cinema" (a final period stays: "Warner Bros.")."""
    return squash(value).strip(" ,;:\"“”'‘’")


@dataclass(frozen=True)
class FactType:
    name: str  # claim property: "director"
    field: str  # FilmExtraction attribute: "directors"
    value: str  # value kind (TITLE, NUMBER, PERSON, ...)
    multi: bool  # a page may state several (directors) or one (runtime)
    rank: str  # record-view ranking: ONE, MANY or EACH
    label: str  # heading in the record view: "Directed by"
    noun: str  # one value's name: "director"
    record: str  # key of the record view: "directors"
    gold: str | None  # key in the gold / ``filmkb extract`` JSON; None: not written
    jsonld: str | None  # schema.org Movie property; None: not written
    label_keys: tuple[str, ...] = ()  # keys of facts_labels.tsv (default: the name)
    parts: tuple[str, ...] = ()  # fields of a structured value, as the gold JSON shows them
    normalise: Callable[[Any], Any] = same  # applied to every value an extractor finds

    @property
    def keys(self) -> tuple[str, ...]:
        return self.label_keys or (self.name,)

    def words(self, use: str | None = None) -> list[str]:
        """The fact's label words (of one ``use``), in file order."""
        return [w.words for w in label_words(use) if w.key in self.keys]


def _fact(name: str, field: str, value: str, multi: bool, rank: str, label: str, **kw: Any):  # noqa: ANN202
    kw.setdefault("noun", name.replace("_", " "))
    kw.setdefault("record", field)
    kw.setdefault("gold", field)
    kw.setdefault("jsonld", None)
    return FactType(name, field, value, multi, rank, label, **kw)


# Order: the order of the gold JSON, of the record view and of claims within a document.
FACTS: tuple[FactType, ...] = (
    _fact("title", "title", TITLE, False, MANY, "Title", jsonld="name", normalise=film_title),
    _fact(
        "original_title", "original_title", TITLE, False, ONE, "Original title",
        jsonld="alternateName", normalise=squash,
    ),
    _fact("year", "year", NUMBER, False, ONE, "Year", jsonld="dateCreated"),
    _fact("director", "directors", PERSON, True, MANY, "Directed by", jsonld="director",
          normalise=squash),
    _fact("writer", "writers", PERSON, True, MANY, "Written by", jsonld="author",
          normalise=squash),
    _fact("cast", "cast", CAST, True, MANY, "Cast", jsonld="actor", parts=("actor", "character")),
    _fact(
        "runtime_min", "runtime_min", NUMBER, False, ONE, "Runtime (min)", noun="runtime",
        jsonld="duration", label_keys=("runtime",),
    ),
    _fact("genre", "genres", GENRE, True, MANY, "Genres", jsonld="genre"),
    _fact(
        "release", "releases", RELEASE, True, MANY, "Releases", jsonld="releasedEvent",
        label_keys=("release_date", "rating", "distributor", "country"),
        parts=("territory", "date", "distributor", "certification", "release_type",
               "territory_inferred"),
    ),
    _fact(
        "review", "review", REVIEW, False, EACH, "Reviews", record="reviews", jsonld="review",
        label_keys=("score", "review_author"), parts=("author", "outlet", "verdict", "score"),
    ),
    _fact("synopsis", "synopsis", TEXT, False, MANY, "Synopsis", jsonld="description"),
    _fact("composer", "composers", PERSON, True, MANY, "Music by", jsonld="musicBy",
          normalise=squash),
    _fact(
        "production_company", "production_companies", COMPANY, True, MANY,
        "Production companies", jsonld="productionCompany", normalise=company_name,
    ),
)  # fmt: skip


def fact(name: str) -> FactType:
    """The fact type whose claim property is ``name``; KeyError when there is none."""
    found = find(name)
    if found is None:
        raise KeyError(name)
    return found


def find(name: str) -> FactType | None:
    """The fact type whose claim property is ``name``; None for "kind" and working props."""
    return next((f for f in FACTS if f.name == name), None)


def for_label_key(key: str) -> FactType | None:
    """The fact a label key of ``facts_labels.tsv`` states (None: language, crew)."""
    return next((f for f in FACTS if key in f.keys), None)


def of_kind(*kinds: str) -> list[FactType]:
    return [f for f in FACTS if f.value in kinds]


def known_prop(prop: str) -> bool:
    """A property an extractor may add: a fact, a document fact or a working property."""
    return prop in WORKING_PROPS or prop in DOCUMENT_PROPS or find(prop) is not None


# --- label words ----------------------------------------------------------------------------


@dataclass(frozen=True)
class LabelWords:
    key: str  # a fact's label key (director, rating, ...) or one of OTHER_LABEL_KEYS
    words: str  # lower case: "directed by"
    uses: frozenset[str]


@cache
def _read_labels() -> tuple[LabelWords, ...]:
    text = (resources.files("filmkb") / "facts_labels.tsv").read_text(encoding="utf-8")
    out = []
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    for line in lines[1:]:  # the header
        key, words, uses = line.split("\t")
        out.append(LabelWords(key, words.strip().lower(), frozenset(uses.split())))
    return tuple(out)


def label_words(use: str | None = None) -> list[LabelWords]:
    """The rows of ``facts_labels.tsv`` (those with ``use``), in file order."""
    return [w for w in _read_labels() if use is None or use in w.uses]


def label_keys(use: str | None = None) -> list[str]:
    """Label keys in the order they first appear in ``facts_labels.tsv``."""
    return list(dict.fromkeys(w.key for w in label_words(use)))


def check_labels() -> list[str]:
    """Problems with ``facts_labels.tsv``: unknown keys or uses (a test keeps it empty)."""
    keys = {k for f in FACTS for k in f.keys} | set(OTHER_LABEL_KEYS)
    problems = []
    for w in _read_labels():
        if w.key not in keys:
            problems.append(f"unknown key {w.key!r} ({w.words!r})")
        if not w.uses or not w.uses <= LABEL_USES:
            problems.append(f"unknown use in {w.key!r} {w.words!r}: {sorted(w.uses)}")
    return problems


def with_field(fact_type: FactType, **changes: Any) -> FactType:
    """A copy of a fact type with some declarations changed (tests, experiments)."""
    return dataclasses.replace(fact_type, **changes)
