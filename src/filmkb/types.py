"""Plain data types passed between the stages.

documents → extract → resolve → store → serve

* ``Document``: one page as read (text that every span indexes into).
* ``Evidence``: where a fact came from (document, character span, extractor, confidence).
* ``Fact``: one extracted value with its evidence.
* ``CastCredit`` / ``Release`` / ``ReviewInfo``: structured values of facts.
* ``FilmExtraction``: the facts one document states about one film.
* ``DocumentExtraction``: everything extracted from one document.
* ``Claim``: one fact flattened for storage (film index in the document, property, value).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from filmkb import facts
from filmkb.facts import FactType

REVIEW_FEED = "review_feed"  # a CSV / JSONL file of reviews, one row per review
DOCUMENT_KINDS = ("review", "press_release", "news", "listing", "blog", REVIEW_FEED)
VERDICTS = ("positive", "mixed", "negative")


@dataclass
class Document:
    """One input page. ``text`` is what every span indexes into."""

    source: str  # canonical: the resolved absolute path (or the URL) of the page
    text: str
    sha256: str  # hash of the raw bytes
    media_type: str = "text/plain"  # text/plain, text/markdown, text/html
    title: str | None = None  # <title> / og:title when the page has one
    structured: list[dict[str, Any]] = field(default_factory=list)  # schema.org JSON-LD objects
    meta: dict[str, str] = field(default_factory=dict)  # OpenGraph / <meta> name → content
    encoding: str | None = None
    # HTML structure: filmkb.documents.blocks.Block (heading, paragraph, list item, table row,
    # infobox row, definition), spans into ``text``, boilerplate marked; empty for plain text
    blocks: list[Any] = field(default_factory=list)
    size: int | None = None  # bytes read

    @property
    def name(self) -> str:
        """The file name (last path component) of the source."""
        return self.source.rstrip("/").rsplit("/", 1)[-1]


@dataclass
class Evidence:
    """Where a fact is supported: a character span of a document's text."""

    source: str
    start: int
    end: int
    extractor: str  # registered component name, e.g. "cast.prose"
    version: str
    confidence: float = 1.0
    inferred: bool = False  # value derived (territory from certification, year from context)
    note: str | None = None  # why it was inferred

    def quote(self, text: str) -> str:
        return text[self.start : self.end]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class CastCredit:
    actor: str
    character: str | None = None


@dataclass
class Release:
    territory: str | None = None  # ISO 3166-1 alpha-2
    date: str | None = None  # YYYY-MM-DD, YYYY-MM, YYYY or --MM-DD
    date_precision: str | None = None  # day | month | year
    distributor: str | None = None
    certification: str | None = None
    release_type: str | None = None  # theatrical | streaming | festival
    territory_inferred: bool = False
    date_inferred: bool = False


@dataclass
class ReviewInfo:
    author: str | None = None
    outlet: str | None = None
    verdict: str | None = None  # positive | mixed | negative
    score: str | None = None  # the raw score string as printed
    score_normalized: float | None = None  # 0–100
    date: str | None = None
    text: str | None = None  # the review's own text (a feed row); None: the page is the review


@dataclass
class Fact:
    """One extracted value with the evidence for it."""

    value: Any  # str | int | CastCredit | Release | ReviewInfo
    evidence: Evidence


@dataclass
class FilmExtraction:
    """What one document says about one film."""

    title: Fact | None = None
    original_title: Fact | None = None
    year: Fact | None = None
    directors: list[Fact] = field(default_factory=list)
    writers: list[Fact] = field(default_factory=list)
    cast: list[Fact] = field(default_factory=list)
    runtime_min: Fact | None = None
    genres: list[Fact] = field(default_factory=list)
    synopsis: Fact | None = None
    releases: list[Fact] = field(default_factory=list)
    review: Fact | None = None
    composers: list[Fact] = field(default_factory=list)
    production_companies: list[Fact] = field(default_factory=list)
    # facts of a registered type (``filmkb.facts``) that has no field above, by its field name
    extra: dict[str, list[Fact]] = field(default_factory=dict)
    main: bool = False  # the film the page is about

    SINGLE = tuple(f.field for f in facts.FACTS if not f.multi)  # fields holding one Fact
    MULTI = tuple(f.field for f in facts.FACTS if f.multi)  # fields holding a list

    @property
    def title_text(self) -> str | None:
        return self.title.value if self.title else None

    def facts_of(self, fact_type: FactType) -> list[Fact]:
        """The facts of one type (none or one for a single-valued type)."""
        if fact_type.field not in self.__dataclass_fields__:
            return self.extra.get(fact_type.field, [])
        value = getattr(self, fact_type.field)
        if fact_type.multi:
            return list(value)
        return [] if value is None else [value]

    def set_facts(self, fact_type: FactType, found: list[Fact]) -> None:
        """Replace the facts of one type (a single-valued type keeps the first)."""
        if fact_type.field not in self.__dataclass_fields__:
            self.extra[fact_type.field] = list(found if fact_type.multi else found[:1])
        elif fact_type.multi:
            setattr(self, fact_type.field, list(found))
        else:
            setattr(self, fact_type.field, found[0] if found else None)


@dataclass
class DocumentExtraction:
    document: Document
    kind: Fact | None = None
    films: list[FilmExtraction] = field(default_factory=list)  # films[0] is the main film
    notes: list[str] = field(default_factory=list)  # e.g. why the page gives no film

    def iter_claims(self) -> list[Claim]:
        """Flatten into storable claims, one per fact."""
        claims: list[Claim] = []
        if self.kind is not None:
            claims.append(Claim(None, "kind", self.kind.value, self.kind.evidence))
        # single-valued facts first, then lists (each in the registry's order)
        types = sorted(facts.FACTS, key=lambda f: f.multi)
        for index, film in enumerate(self.films):
            for fact_type in types:
                for fact in film.facts_of(fact_type):
                    value = _plain(fact.value)
                    claims.append(Claim(index, fact_type.name, value, fact.evidence))
        return claims


# list field on FilmExtraction → property name of one claim ("directors" → "director")
PROPERTY_SINGULAR = {f.field: f.name for f in facts.FACTS if f.multi}


@dataclass
class Claim:
    """One fact as stored: which film of the document, which property, which value."""

    film_index: int | None  # index into DocumentExtraction.films; None for document-level
    property: str  # a fact type's name (``filmkb.facts``: director, release, ...) or "kind"
    value: Any  # JSON-able: str, int, or dict for cast / release / review
    evidence: Evidence


def _plain(value: Any) -> Any:
    if hasattr(value, "__dataclass_fields__"):
        return asdict(value)
    return value
