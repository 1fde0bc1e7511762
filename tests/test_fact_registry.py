"""Spec: fact types are declared once (``filmkb.facts``) and everything loops over them;
components may only add what they declare."""

from __future__ import annotations

import dataclasses
import hashlib

import pytest

from filmkb import FilmKB, facts
from filmkb.errors import UndeclaredFact
from filmkb.evaluate import Report, score_document
from filmkb.extract import PIPELINE
from filmkb.extract.base import Component, Context, Found
from filmkb.extract.gold import to_gold
from filmkb.serve.web import jsonld
from filmkb.serve.web.views import film_view
from filmkb.store.records import film_record
from filmkb.types import Document, DocumentExtraction, Evidence, Fact, FilmExtraction

TEXT = "Night Train (2023). Edited by Kim Sang-bum. Directed by Park Min-ho."


def _page(*extra: tuple[facts.FactType, str]) -> DocumentExtraction:
    doc = Document("night-train.txt", TEXT, hashlib.sha256(TEXT.encode()).hexdigest())

    def fact(value: object, quote: str) -> Fact:
        start = TEXT.index(quote)
        return Fact(value, Evidence(doc.source, start, start + len(quote), "hand", "1"))

    film = FilmExtraction(main=True, title=fact("Night Train", "Night Train"))
    film.year = fact(2023, "2023")
    film.directors = [fact("Park Min-ho", "Park Min-ho")]
    for fact_type, name in extra:
        film.set_facts(fact_type, [*film.facts_of(fact_type), fact(name, name)])
    kind = Fact("review", Evidence(doc.source, 0, 0, "hand", "1"))
    return DocumentExtraction(document=doc, kind=kind, films=[film])


EDITOR = facts.FactType(
    name="editor",
    field="editors",
    value=facts.PERSON,
    multi=True,
    rank=facts.MANY,
    label="Edited by",
    noun="editor",
    record="editors",
    gold="editors",
    jsonld="editor",
)


@pytest.fixture
def with_editor(monkeypatch: pytest.MonkeyPatch) -> facts.FactType:
    """A fact type declared in the registry only: no field, no code of its own."""
    monkeypatch.setattr(facts, "FACTS", (*facts.FACTS, EDITOR))
    return EDITOR


def test_the_label_words_file_names_only_declared_keys_and_uses() -> None:
    assert facts.check_labels() == []


def test_every_fact_type_is_declared_once_with_a_film_field() -> None:
    names = [f.name for f in facts.FACTS]
    assert len(names) == len(set(names))
    assert len({f.gold for f in facts.FACTS if f.gold}) == len([f for f in facts.FACTS if f.gold])
    fields = {f.name for f in dataclasses.fields(FilmExtraction)}
    for fact_type in facts.FACTS:
        assert fact_type.field in fields, fact_type.name
        assert fact_type.rank in (facts.ONE, facts.MANY, facts.EACH)
    assert FilmExtraction.MULTI == tuple(f.field for f in facts.FACTS if f.multi)
    assert set(FilmExtraction.SINGLE) == {f.field for f in facts.FACTS if not f.multi}


def test_a_new_entry_appears_in_gold_claims_record_export_jsonld_and_eval(
    with_editor: facts.FactType,
) -> None:
    extraction = _page((with_editor, "Kim Sang-bum"))
    film = to_gold(extraction)["films"][0]
    assert film["editors"] == ["Kim Sang-bum"]
    assert film["evidence"]["editors"][0]["start"] == TEXT.index("Kim Sang-bum")
    claims = [c for c in extraction.iter_claims() if c.property == "editor"]
    assert [c.value for c in claims] == ["Kim Sang-bum"]

    kb = FilmKB(":memory:")
    kb.ingest_extraction(extraction)
    [summary] = kb.find_films("Night Train")
    record = film_record(kb.conn, summary["id"])
    assert record is not None
    [editor] = record["editors"]
    assert editor["name"] == "Kim Sang-bum" and editor["rank"] == "preferred"
    assert editor["sources"][0]["quote"] == "Kim Sang-bum"
    assert kb.export()["films"][0]["editors"][0]["name"] == "Kim Sang-bum"
    movie = jsonld.movie(film_view(kb, summary["id"]))
    assert movie["editor"] == [{"@type": "Person", "name": "Kim Sang-bum"}]
    assert movie["director"] == [{"@type": "Person", "name": "Park Min-ho"}]

    report = Report()
    gold = {"source": "night-train.txt", "films": [{**film, "editors": ["Kim Sang-bum"]}]}
    score_document(to_gold(extraction, evidence=False), gold, report)
    assert report.fields["editors"].tp == 1


def test_a_gold_file_without_a_fact_type_does_not_score_it(with_editor: facts.FactType) -> None:
    extraction = _page((with_editor, "Kim Sang-bum"))
    gold = to_gold(extraction, evidence=False)
    del gold["films"][0]["editors"]
    report = Report()
    score_document(to_gold(extraction, evidence=False), gold, report)
    assert "editors" not in report.fields
    assert report.main.fp == 0


def test_stored_claims_replay_into_the_same_fields(with_editor: facts.FactType) -> None:
    kb = FilmKB(":memory:")
    kb.ingest_extraction(
        _page((with_editor, "Kim Sang-bum"), (facts.fact("composer"), "Park Min-ho"))
    )
    kb.rebuild()  # replays stored claims through the registry
    [summary] = kb.find_films("Night Train")
    record = kb.film_record(summary["id"])
    assert [st["name"] for st in record["editors"]] == ["Kim Sang-bum"]
    assert [st["name"] for st in record["composers"]] == ["Park Min-ho"]


# --- components declare what they assign --------------------------------------------------


def _context() -> Context:
    return Context(Document("page.txt", TEXT, "0"))


def _adds_director(ctx: Context) -> None:
    ctx.add(Found("director", "Park Min-ho", 46, 57, "test"))


def test_context_refuses_a_fact_its_component_does_not_declare() -> None:
    ctx = _context()
    genres_only = Component("test.genres", "1", ("genre",), _adds_director)
    with pytest.raises(UndeclaredFact, match="'test.genres' added 'director'"):
        genres_only.apply(ctx)
    assert ctx.found == [] and ctx.component is None


def test_a_declared_fact_is_kept_and_normalised() -> None:
    ctx = _context()
    Component("test.crew", "1", ("director",), _adds_director).apply(ctx)
    [found] = ctx.found
    assert found.prop == "director" and found.value == "Park Min-ho"
    ctx.add(Found("director", "  Park \n Min-ho ", 0, 0, "outside any component"))
    assert ctx.found[-1].value == "Park Min-ho"  # the fact type's normaliser


def test_outside_strict_mode_an_undeclared_fact_is_dropped() -> None:
    ctx = _context()
    ctx.strict = False
    Component("test.genres", "1", ("genre",), _adds_director).apply(ctx)
    assert ctx.found == []


def test_a_component_cannot_declare_an_unknown_property() -> None:
    with pytest.raises(ValueError, match="unknown properties"):
        Component("test.bad", "1", ("directorz",), _adds_director)


def test_every_pipeline_component_declares_known_properties() -> None:
    for component in PIPELINE:
        assert component.assigns and all(facts.known_prop(p) for p in component.assigns)
    names = {p for c in PIPELINE for p in c.assigns}
    assert {"composer", "production_company"} <= names
