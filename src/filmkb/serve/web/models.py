"""The JSON payloads of the API as pydantic models: what ``/openapi.json`` declares.

The routes return the views' dicts as JSON directly (no per-request validation of big
records); ``tests/test_web_api.py`` checks every payload against these models with no
undeclared key, and the schemathesis run checks the live server against ``/openapi.json``.

The film record's lists are declared from ``facts.FACTS``: each fact type's value kind
picks its statement model, so a new fact type is declared here without an edit.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field, create_model

from filmkb import facts

Rank = Literal["preferred", "normal", "deprecated"]
Scalar = str | int | float | bool | None


class FilmItem(BaseModel):
    id: int
    title: str
    year: int | None
    slug: str = Field(description="the film's reference in URLs: escape-2024 or escape-2024--17")
    url: str


class Paged(BaseModel):
    count: int = Field(description="items in all pages")
    page: int
    per_page: int
    pages: int
    previous: str | None = Field(description="URL of the previous page (same format)")
    next: str | None = Field(description="URL of the next page (same format)")


class FilmsPage(Paged):
    films: list[FilmItem]


class SourceRef(BaseModel):
    """Where a statement is stated: the document, the character span and the quote."""

    source: str
    start: int | None
    end: int | None
    quote: str | None
    kind: str | None
    extractor: str | None
    version: str | None
    confidence: float | None
    inferred: bool
    document_id: int | None
    url: str | None


class Statement(BaseModel):
    rank: Rank
    score: float = Field(description="sum of the kind weights of the documents stating it")
    support: int = Field(description="distinct documents stating it")
    sources: list[SourceRef]


class ValueStatement(Statement):
    value: Scalar


class Spelling(BaseModel):
    name: str
    rules: list[str] = Field(description="the resolution rules that linked this spelling")
    documents: int


class PersonStatement(Statement):
    name: str
    person_id: int | None
    aliases: list[str]
    merged: list[Spelling]
    url: str | None = None


class CharacterSpelling(BaseModel):
    name: str
    rules: list[str]


class CastStatement(Statement):
    actor: str
    person_id: int | None
    actor_aliases: list[str]
    merged: list[Spelling]
    character: str | None
    character_id: int | None
    aliases: list[str]
    character_merged: list[CharacterSpelling]
    url: str | None = None


class ReleaseStatement(Statement):
    territory: str | None
    date: str | None
    distributor: str | None
    certification: str | None
    release_type: str | None
    inferred: list[str] = Field(description="fields inferred, not stated")
    conflicts: dict[str, list[Scalar]] | None = None


class Review(BaseModel):
    author: str | None = None
    outlet: str | None = None
    date: str | None = None
    verdict: str | None = None
    score: str | float | None = None
    score_normalized: float | None = None
    source: str | None = None
    sources: list[SourceRef] = []
    support: int | None = None
    url: str | None = None
    rank: Rank | None = None
    value: dict[str, Any] | None = None


class AspectExample(BaseModel):
    review_index: int
    sentence: str


class Aspect(BaseModel):
    aspect: str
    polarity: str
    count: int
    examples: list[AspectExample]


class ConsensusPart(BaseModel):
    text: str
    review_index: int
    source: str | None


class Critics(BaseModel):
    count: int
    percent_positive: float | None
    mean_score: float | None
    scored_count: int
    distribution: dict[str, int]
    consensus: str | None
    consensus_parts: list[ConsensusPart]
    pros: list[Aspect]
    cons: list[Aspect]


class Aggregate(BaseModel):
    """The critics' aggregate of a film's reviews."""

    count: int
    verdicts: dict[str, int]
    judged: int
    percent_positive: float | None
    scored: int
    mean_score: float | None
    consensus: str | None = Field(description="the majority verdict")
    summary: str | None = Field(description="consensus sentences taken from the reviews")
    consensus_parts: list[ConsensusPart]
    pros: list[Aspect]
    cons: list[Aspect]


_STATEMENT_OF_KIND: dict[str, Any] = {
    facts.PERSON: PersonStatement,
    facts.CAST: CastStatement,
    facts.RELEASE: ReleaseStatement,
    facts.REVIEW: Review,
}
FilmRecord = create_model(  # type: ignore[call-overload]
    "FilmRecord",
    __doc__="The ranked record: one list of statements per fact type, best first.",
    id=(int, ...),
    documents=(list[str], ...),
    critics=(Critics | None, None),
    **{
        f.record: (list[_STATEMENT_OF_KIND.get(f.value, ValueStatement)], [])  # type: ignore[misc]
        for f in facts.FACTS
    },
)


class DocumentLink(BaseModel):
    source: str
    id: int | None
    url: str | None


class FilmDetail(FilmItem):
    original_title: str | None
    runtime_min: int | None
    runtime: str | None
    genres: list[str]
    synopsis: str | None
    documents: list[DocumentLink]


class CreditLabel(BaseModel):
    key: str
    label: str


class FilmPage(BaseModel):
    film: FilmDetail
    record: FilmRecord  # type: ignore[valid-type]
    credits: list[CreditLabel]
    reviews: list[Review]
    aggregate: Aggregate | None
    jsonld: dict[str, Any] = Field(description="the film as schema.org Movie JSON-LD")


class ReviewsPage(BaseModel):
    film: FilmItem
    reviews: list[Review]
    aggregate: Aggregate | None


class Variant(BaseModel):
    name: str
    documents: int
    rules: list[str] = Field(description="resolution rules, as stored")
    why: list[str] = Field(description="the rules in words")


class Person(BaseModel):
    id: int
    name: str
    url: str
    name_reason: str = Field(description="why this spelling is the one shown")
    variants: list[Variant]


class Role(BaseModel):
    role: str
    characters: list[str] = Field(description="merged character names (as the film shows)")


class FilmographyItem(FilmItem):
    roles: list[Role]
    documents: int


class PersonPage(Paged):
    """A person and one page of the filmography (``count``: the films, all pages)."""

    person: Person
    filmography: list[FilmographyItem]


class PeoplePage(Paged):
    people: list[PersonItem]


class PersonItem(BaseModel):
    id: int
    name: str
    url: str


class Character(BaseModel):
    id: int
    name: str | None
    aliases: list[str]


class PersonLink(BaseModel):
    id: int
    name: str | None
    url: str


class CharacterPage(BaseModel):
    character: Character
    film: FilmItem | None
    actors: list[PersonLink]
    sources: list[str]


class SourceItem(BaseModel):
    id: int
    source: str
    sha256: str
    kind: str | None
    ingested_at: str
    url: str


class SourcesPage(Paged):
    sources: list[SourceItem]


class Document(BaseModel):
    id: int
    source: str
    external_url: str | None
    kind: str | None
    title: str | None
    media_type: str | None
    sha256: str
    ingested_at: str
    url: str
    length: int = Field(description="characters in the whole text")


class Span(BaseModel):
    start: int
    end: int


class Claim(BaseModel):
    id: int
    property: str
    value: Any
    label: str
    start: int | None
    end: int | None
    extractor: str
    confidence: float
    inferred: bool
    url: str | None


class Segment(BaseModel):
    text: str
    start: int
    end: int
    claims: list[int] | None = None
    label: str | None = None
    highlight: bool | None = None
    anchor: str | None = None


class SourcePage(BaseModel):
    document: Document
    highlight: Span | None
    window: Span = Field(description="the part of the text shown (capped for long documents)")
    films: list[FilmItem]
    claims: list[Claim] = Field(description="claims with a span in the window, capped")
    claims_total: int
    segments: list[Segment]
    text: str = Field(description="the text of the window")


class PersonHit(BaseModel):
    id: int
    name: str
    url: str
    matched: str = Field(description="the stored spelling that matched")
    variants: list[Variant]
    films: list[str]


class CharacterHit(BaseModel):
    id: int
    name: str | None
    matched: str
    film: FilmItem | None
    actors: list[PersonLink]
    url: str | None = Field(description="the film page's cast")


class SearchFilm(FilmItem):
    matched: str


class SearchPage(BaseModel):
    q: str
    limit: int = Field(description="at most this many films, people and characters")
    films: list[SearchFilm]
    people: list[PersonHit]
    characters: list[CharacterHit]


class AskFact(BaseModel):
    subject: str
    relation: str
    object: str
    source: str | None
    start: int | None = None
    end: int | None = None
    claim_id: int | None = None
    quote: str | None = None


class AskAnswer(BaseModel):
    name: str
    kind: str
    score: float
    facts: list[AskFact]


class AskResult(BaseModel):
    question: str
    answers: list[AskAnswer]
    entity: str | None = None
    path: list[str] = []
    how: str | None = None
    reason: str | None = None


class AskPage(BaseModel):
    q: str
    answer: AskResult


class Health(BaseModel):
    ok: bool


class Error(BaseModel):
    error: str
    code: str
    status: int
    films: list[FilmItem] | None = Field(None, description="the candidates (status 300)")


PeoplePage.model_rebuild()
