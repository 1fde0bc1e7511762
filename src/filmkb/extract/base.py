"""What every extractor receives (``Context``) and returns (``Found`` facts)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from filmkb import facts
from filmkb.errors import UndeclaredFact
from filmkb.extract.text import TextView
from filmkb.types import Document


@dataclass
class Found:
    """One fact an extractor found, before facts are assembled into films."""

    prop: str  # a fact type's name (``filmkb.facts``), "kind" or a working property
    # (mention, title_label, release_date, review_author)
    value: Any
    start: int
    end: int
    extractor: str = ""
    confidence: float = 0.9
    film: str | None = None  # None: the page's main film; else the title of a mentioned film
    inferred: bool = False
    note: str | None = None


# Extraction reads at most this many characters of a page's content (a 1 MB text page would
# otherwise take seconds; pages about one film state its facts well before this).
MAX_CHARS = 100_000


def content_text(document: Document) -> str:
    """``document.text`` without its boilerplate: HTML pages are laid out content first, then the
    boilerplate blocks (``filmkb.documents.blocks.layout``), so the content is a prefix and
    every offset into it is an offset into the document text."""
    starts = [b.start for b in document.blocks if b.boilerplate and b.start >= 0]
    return document.text[: min(starts)] if starts else document.text


@dataclass
class Context:
    """A document plus what earlier extractors learned about it."""

    document: Document
    view: TextView = field(init=False)
    found: list[Found] = field(default_factory=list)
    # name (as written) → roles ("actor", "director", "writer", "character")
    roles: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    main_title: str | None = None
    main_title_spans: list[tuple[int, int]] = field(default_factory=list)
    title_spans: list[tuple[str, int, int]] = field(default_factory=list)  # every film named
    labels: dict[str, list[tuple[str, int, int]]] = field(default_factory=dict)  # label → values
    no_film: str | None = None  # why the page gives no film (then it gives no facts)
    component: Component | None = None  # the component running (set by ``Component.apply``)
    strict: bool = True  # a fact its component did not declare raises; False: it is dropped

    def __post_init__(self) -> None:
        text = content_text(self.document)
        # bounded work per page: what a page says about its film is in its first part
        self.truncated_from = len(text) if len(text) > MAX_CHARS else None
        self._text = text[:MAX_CHARS]
        self.view = TextView(self._text)

    @cached_property
    def entities(self) -> list:  # list[filmkb.extract.learned.tagger.Entity]
        """PER / FILM / ORG spans of the learned tagger (computed once, on first use)."""
        from filmkb.extract.learned.tagger import tag_entities

        return tag_entities(self.text)

    @property
    def text(self) -> str:
        """The document text with boilerplate blocks blanked out (same length and offsets):
        extractors never see navigation, rails, comments or ads, so they make no facts there."""
        return self._text

    def add(self, found: Found) -> None:
        """Keep one fact (normalised as its type says). A running component may only add the
        properties it declares in ``assigns``: anything else raises ``UndeclaredFact``."""
        component = self.component
        if component is not None and found.prop not in component.assigns:
            if not self.strict:
                return
            raise UndeclaredFact(
                f"component {component.name!r} added {found.prop!r}, which it does not declare"
                f" (assigns: {', '.join(component.assigns)})",
                self.document.source,
            )
        fact_type = facts.find(found.prop)
        if fact_type is not None:
            found.value = fact_type.normalise(found.value)
        if not found.extractor and component is not None:
            found.extractor = component.name
        self.found.append(found)
        if found.prop in ("director", "writer") and found.film is None:
            self.roles[found.value].add(found.prop)
        elif found.prop == "cast":
            self.roles[found.value.actor].add("actor")
            if found.value.character:
                self.roles[found.value.character].add("character")

    def role_of(self, name: str) -> set[str]:
        from filmkb.resolve.names import normalize_name

        key = normalize_name(name)
        roles: set[str] = set()
        for known, known_roles in self.roles.items():
            if normalize_name(known) == key:
                roles |= known_roles
        return roles


@dataclass(frozen=True)
class Component:
    """A registered extractor: a name and version, and what it assigns (the properties it may
    add: fact types of ``filmkb.facts``, "kind" or working properties)."""

    name: str
    version: str
    assigns: tuple[str, ...]
    run: Callable[[Context], None]

    def __post_init__(self) -> None:
        unknown = [p for p in self.assigns if not facts.known_prop(p)]
        if unknown:
            raise ValueError(f"component {self.name!r} assigns unknown properties {unknown}")

    def apply(self, ctx: Context) -> None:
        """Run on ``ctx``; ``Context.add`` refuses what this component does not declare."""
        outer, ctx.component = ctx.component, self
        try:
            self.run(ctx)
        finally:
            ctx.component = outer
