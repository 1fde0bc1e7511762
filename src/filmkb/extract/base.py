"""What every extractor receives (``Context``) and returns (``Found`` facts)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from filmkb.extract.text import TextView
from filmkb.types import Document


@dataclass
class Found:
    """One fact an extractor found, before facts are assembled into films."""

    prop: str  # title, year, original_title, director, writer, cast, runtime_min, genre,
    # synopsis, release, review, kind, mention
    value: Any
    start: int
    end: int
    extractor: str = ""
    confidence: float = 0.9
    film: str | None = None  # None: the page's main film; else the title of a mentioned film
    inferred: bool = False
    note: str | None = None


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

    def __post_init__(self) -> None:
        self.view = TextView(self.document.text)

    @cached_property
    def entities(self) -> list:  # list[filmkb.extract.learned.tagger.Entity]
        """PER / FILM / ORG spans of the learned tagger (computed once, on first use)."""
        from filmkb.extract.learned.tagger import tag_entities

        return tag_entities(self.text)

    @property
    def text(self) -> str:
        return self.document.text

    def add(self, found: Found) -> None:
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
    """A registered extractor: a name and version, and what it assigns."""

    name: str
    version: str
    assigns: tuple[str, ...]
    run: Callable[[Context], None]
