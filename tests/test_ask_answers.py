"""Spec (issue 12, Answers): answers follow the film record's ranks, support and credit
order; evidence is the span that states the fact; common wordings are answered."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from filmkb import FilmKB
from filmkb.ask import Ask
from filmkb.ask.fields import _read_patterns
from filmkb.ask.templates import wordings
from filmkb.resolve.names import normalize_name
from filmkb.reviews.aspects import clause_polarity

from test_core_escape import EXAMPLES  # isort: skip

NEWUSER = Path(__file__).resolve().parent / "corpus" / "newuser"
# a made-up film, written for this test: a UK release stated another way than in
# tests/corpus/newuser/uk_release_news.txt ("opens in UK cinemas on ...")
HARBOUR_NEWS = """Quayside Films sets UK date for Norwegian drama 'The Glass Harbour'

By Ada Penrose | 2 February 2025

Quayside Films will release The Glass Harbour, the second feature from director Sigrun Aas,
in UK cinemas on 9 May 2025. The drama stars Ingrid Vold and Tor Haugen as siblings who
inherit a failing ferry company on the western coast.

The film opened in Norway on 14 February 2025 through Nordlys Distribusjon.
"""


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> FilmKB:
    folder = tmp_path_factory.mktemp("pages")
    (folder / "glass_harbour_news.txt").write_text(HARBOUR_NEWS, encoding="utf-8")
    kb = FilmKB(":memory:")
    report = kb.ingest([EXAMPLES, NEWUSER / "uk_release_news.txt", folder])
    assert report.ok, [r.reason for r in report.errors]
    return kb


@pytest.fixture(scope="module")
def asker(kb: FilmKB) -> Ask:
    return Ask(kb)


@pytest.fixture(scope="module")
def escape(kb: FilmKB) -> dict:
    [film] = kb.find_films("Escape", year=2024)
    return kb.film_record(film["id"])


def _text(kb: FilmKB, source: str) -> str:
    row = kb.conn.execute("SELECT text FROM documents WHERE source = ?", (source,)).fetchone()
    return row[0]


# --- ranks, support, credit order ---------------------------------------------------------


def test_directors_in_the_records_order_preferred_first(asker: Ask, escape: dict) -> None:
    result = asker.ask("Who directed Escape?")
    assert result.names == [d["name"] for d in escape["directors"]]
    first = escape["directors"][0]
    assert first["rank"] == "preferred"
    assert first["score"] == max(d["score"] for d in escape["directors"])
    assert len({s["source"] for s in first["sources"]}) == 5  # the best-supported director


def test_cast_in_the_records_order_then_credit_order(kb: FilmKB, asker: Ask, escape: dict) -> None:
    names = asker.ask("Who acted in Escape?").names
    record_order = list(dict.fromkeys(c["actor"] for c in escape["cast"]))
    assert names == record_order
    preferred = [c["actor"] for c in escape["cast"] if c["rank"] == "preferred"]
    assert names[: len(preferred)] == preferred  # the leads first, no minor role
    # among actors one page alone credits (same support), the page's credit order
    source = str(EXAMPLES / "002_ebe7b3142c3b3145.txt")
    only_there = [c for c in escape["cast"] if {s["source"] for s in c["sources"]} == {source}]
    assert len(only_there) > 10
    starts = [min(s["start"] for s in c["sources"]) for c in only_there]
    positions = [names.index(c["actor"]) for c in only_there]
    assert [p for _, p in sorted(zip(starts, positions, strict=True))] == sorted(positions)


def test_writers_in_credit_order(asker: Ask, escape: dict) -> None:
    assert asker.ask("who wrote Escape?").names == [w["name"] for w in escape["writers"]]


# --- evidence: the span that states the fact -----------------------------------------------


def _assert_quote_is_span(kb: FilmKB, fact) -> None:  # noqa: ANN001
    assert fact.quote and fact.start is not None
    assert _text(kb, fact.source)[fact.start : fact.end] == fact.quote


@pytest.mark.parametrize(
    ("question", "value"),
    [
        ("What is Escape rated?", "NC16"),
        ("what is Escape rated in Singapore?", "NC16"),
        ("who distributes Escape in Singapore?", "Golden Village Pictures"),
        ("who distributes Escape in the Philippines?", "VIVA International Pictures"),
    ],
)
def test_release_parts_quote_their_own_span(
    kb: FilmKB, asker: Ask, question: str, value: str
) -> None:
    result = asker.ask(question)
    assert result.answers and result.answers[0].facts
    for fact in result.answers[0].facts:
        _assert_quote_is_span(kb, fact)
        assert fact.quote.lower() == value.lower()  # not the release date beside it


def test_dates_and_credits_quote_the_stated_value(kb: FilmKB, asker: Ask) -> None:
    fact = asker.ask("when does Escape open in Singapore?").answers[0].facts[0]
    _assert_quote_is_span(kb, fact)
    assert "2024" in fact.quote and "July" in fact.quote
    for answer in asker.ask("Who directed Escape?").answers:
        fact = answer.facts[0]
        _assert_quote_is_span(kb, fact)
        assert normalize_name(fact.quote) == normalize_name(answer.name)


def test_review_evidence_is_a_verdict_sentence_not_page_furniture(kb: FilmKB, asker: Ask) -> None:
    result = asker.ask("Is Escape worth watching?")
    facts = result.answers[0].facts
    assert len({f.source for f in facts}) == 3
    for fact in facts:
        _assert_quote_is_span(kb, fact)
        assert "Header Ads Widget" not in fact.quote
        assert "\n" not in fact.quote.strip()  # one sentence, not a page's opening lines
        assert len(fact.quote) >= 30
        verdict = fact.object.rsplit(": ", 1)[1]
        polarity = clause_polarity(fact.quote)
        if verdict == "positive":
            assert polarity > 0, fact.quote


# --- wordings --------------------------------------------------------------------------


def test_whats_the_runtime(asker: Ask) -> None:
    for question in ("What's the runtime of Escape?", "Escape's running time?"):
        result = asker.ask(question)
        assert result.names == ["94 minutes"], question
        assert result.answers[0].facts[0].quote  # "1 hr 34 mins"


@pytest.mark.parametrize(
    "question", ["Who is in Escape?", "Who's in Escape?", "who appears in Escape", "Cast of Escape"]
)
def test_who_is_in_answers_the_cast(asker: Ask, question: str) -> None:
    assert asker.ask(question).names == asker.ask("Who acted in Escape?").names


@pytest.mark.parametrize(
    ("question", "date"),
    [
        ("When was Midnight Tollgate released in the UK?", "2025-03-14"),
        ("When was The Glass Harbour released in the UK?", "2025-05-09"),
        ("When did The Glass Harbour come out in the U.K.?", "2025-05-09"),
        ("What is the UK release date of Midnight Tollgate?", "2025-03-14"),
        ("What's The Glass Harbour's UK release date?", "2025-05-09"),
        ("When is Midnight Tollgate out in the United Kingdom?", "2025-03-14"),
        ("When was Midnight Tollgate released in the US?", "2025-03-21"),
        ("When was The Glass Harbour released in Norway?", "2025-02-14"),
        ("Midnight Tollgate UK release date", "2025-03-14"),
        ("When will The Glass Harbour be released in the UK?", "2025-05-09"),
        ("When does The Glass Harbour come to UK cinemas?", "2025-05-09"),
        ("What date was Midnight Tollgate released in the UK?", "2025-03-14"),
    ],
)
def test_release_in_a_territory_for_any_film(asker: Ask, question: str, date: str) -> None:
    result = asker.ask(question)
    assert result.names == [date], (question, result.reason)
    assert result.answers[0].facts[0].quote


def test_no_release_in_that_territory_is_said_not_guessed(asker: Ask) -> None:
    result = asker.ask("When was Escape released in the UK?")
    assert result.answers == []
    assert "GB" in result.reason and "SG" in result.reason  # where it was released


def test_filmkb_ask(kb: FilmKB, escape: dict) -> None:
    result = kb.ask("Who directed Escape?")
    assert result.names[0] == escape["directors"][0]["name"]
    assert result.answers[0].facts[0].source


# --- wording patterns are data ----------------------------------------------------------


def test_field_questions_file_is_checked(tmp_path: Path) -> None:
    good = tmp_path / "q.tsv"
    good.write_text("# comment\nruntime\thow\\s+long\\s+is\\s+{film}\n", encoding="utf-8")
    [(field, pattern)] = _read_patterns(good)
    assert field == "runtime" and pattern.match("How long is Escape?")["film"] == "Escape"
    bad = tmp_path / "bad.tsv"
    bad.write_text("runtime how long is {film}\n", encoding="utf-8")
    with pytest.raises(ValueError, match=re.escape(f"{bad}:1")):
        _read_patterns(bad)


def test_wordings_expand_contractions_and_name_routes() -> None:
    words = wordings()
    assert words.expand("What's the runtime of NE") == "What is the runtime of NE"
    assert words.templates["who is in NE"].path == ("cast",)


def test_a_feed_review_quotes_its_own_row() -> None:
    kb = FilmKB(":memory:")
    kb.ingest([EXAMPLES])
    feed = Path(__file__).resolve().parent / "data" / "review_feed.csv"
    assert kb.import_reviews(feed).reviews
    facts = Ask(kb).ask("Is Escape worth watching?").answers[0].facts
    rows = [f for f in facts if f.source == str(feed)]
    assert len(rows) > 10
    for fact in rows:  # the row with this critic's verdict, never another critic's sentence
        author = fact.object.split(": ", 1)[0]
        assert fact.quote.startswith("Escape,") and f",{author}," in fact.quote
        assert "\n" not in fact.quote.strip()
