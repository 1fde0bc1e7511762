"""Per-document extraction: ``Document`` → ``DocumentExtraction`` (typed facts with evidence).

The pipeline runs these registered components in order; each reads the ``Context`` (the
document and what earlier components found) and adds ``Found`` facts:

1. ``kind.model``          document kind (review, press_release, news, listing, blog): learned
2. ``fields``              "Label: value" lines and label headings (runtime, rating, …)
3. ``castlist``            cast lists under a "Cast" heading (actor / character lines)
4. ``titles.main``         the page's film: title, year, original title
   ``mentions``            films named in passing: "Steel Rain (2017)", quoted titles, "film X"
5. ``credits.crew``        "directed by", "written by", "Director X"
6. ``credits.starring``    "starring A, B and C"
7. ``credits.roles``       "X, portrayed by Y", "Y as X", "Y plays X"
8. ``credits.parens``      "Kyu-nam (LEE Je-hoon)"; "Lee Je-Hoon (Time To Hunt)"
   ``credits.characters`` characters of actors found by any component: "Max (Hardy)"
9. ``credits.cues``        the registry's cue words: "music by X", "production company Y"
10. ``runtime``, ``years.block``, ``genres``, ``releases``, ``review``

Each component declares what it ``assigns``; ``Context.add`` refuses anything else.
``assemble`` then groups the facts by film, merges spellings within the page and returns a
``DocumentExtraction`` (films[0] = the film the page is about).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from filmkb import facts
from filmkb.documents import iter_documents
from filmkb.errors import ReadError
from filmkb.extract.assemble import assemble
from filmkb.extract.base import Component, Context
from filmkb.extract.castlist import extract_cast_list
from filmkb.extract.credits import (
    extract_character_links,
    extract_crew,
    extract_parentheticals,
    extract_roles,
    extract_starring,
    extract_title_context,
)
from filmkb.extract.cues import cue_facts, extract_cues
from filmkb.extract.fields import extract_fields
from filmkb.extract.genres import extract_genres
from filmkb.extract.kind import extract_kind
from filmkb.extract.learned.mainfilm import extract_main_film
from filmkb.extract.learned.roles import extract_learned_credits
from filmkb.extract.mentions import extract_mentions
from filmkb.extract.releases import extract_releases
from filmkb.extract.review import extract_review
from filmkb.extract.runtime import extract_runtime
from filmkb.extract.sections import extract_sections
from filmkb.extract.structured import extract_structured
from filmkb.extract.titles import extract_title
from filmkb.extract.years import extract_year_lines
from filmkb.types import Document, DocumentExtraction

EXTRACTOR_VERSION = "0.3.0"
# people's and companies' names read from JSON-LD (by schema.org key) and from label lines
_JSONLD_NAMES = tuple(f.name for f in facts.of_kind(*facts.NAMES) if f.jsonld)
_LABELLED_NAMES = tuple(f.name for f in facts.of_kind(*facts.NAMES) if f.words("label"))

PIPELINE: tuple[Component, ...] = (
    Component("kind.model", "2", ("kind",), extract_kind),
    Component(
        "structured.jsonld",
        "2",
        ("title_label", "cast", "runtime_min", "genre", "year", "release", "review_author")
        + _JSONLD_NAMES,
        extract_structured,
    ),
    Component(
        "fields",
        "2",
        ("cast", "runtime_min", "genre", "synopsis", "title_label", "year", "original_title")
        + ("review_author", "release_date")
        + _LABELLED_NAMES,
        extract_fields,
    ),
    Component("castlist", "2", ("cast",), extract_cast_list),
    Component("titles.main", "2", ("title", "year", "original_title"), extract_title),
    Component("mentions", "1", ("mention", "year"), extract_mentions),
    Component("mainfilm.rank", "2", ("title", "year", "original_title"), extract_main_film),
    Component("credits.crew", "2", ("director", "writer", "mention"), extract_crew),
    Component("credits.starring", "2", ("cast", "mention"), extract_starring),
    Component("credits.roles", "2", ("cast", "mention"), extract_roles),
    Component("credits.parens", "1", ("cast", "mention"), extract_parentheticals),
    Component("credits.title_context", "2", ("director", "mention"), extract_title_context),
    Component("credits.learned", "1", ("director", "writer", "cast"), extract_learned_credits),
    Component("credits.characters", "1", ("cast", "mention"), extract_character_links),
    Component("credits.cues", "1", cue_facts(), extract_cues),
    Component("runtime", "2", ("runtime_min",), extract_runtime),
    Component("years.block", "1", ("year",), extract_year_lines),
    Component("genres", "2", ("genre",), extract_genres),
    Component("releases", "2", ("release",), extract_releases),
    Component("review", "2", ("review",), extract_review),
    Component("sections.films", "1", ("title", "year", "mention"), extract_sections),
)

__all__ = ["EXTRACTOR_VERSION", "PIPELINE", "context_before", "extract_document", "extract_paths"]


def extract_document(document: Document) -> DocumentExtraction:
    """All facts one document states, films[0] being the film the page is about."""
    ctx = Context(document)
    for component in PIPELINE:
        component.apply(ctx)
        if ctx.no_film:
            break  # a page about no film gives no facts: the rest need not run
    return assemble(ctx, EXTRACTOR_VERSION)


def context_before(document: Document, component: str) -> Context:
    """The context as the component named ``component`` receives it (for training scripts)."""
    ctx = Context(document)
    for c in PIPELINE:
        if c.name == component:
            return ctx
        c.apply(ctx)
    raise KeyError(component)


def extract_paths(paths: Iterable[str | Path]) -> Iterator[DocumentExtraction | ReadError]:
    """Read and extract every file under ``paths``; unreadable files come out as ReadError."""
    for item in iter_documents(paths):
        yield item if isinstance(item, ReadError) else extract_document(item)
