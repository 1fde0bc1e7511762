"""Questions about what pages say and knowledge bases lack: characters, releases per
territory, certifications, distributors, runtimes, reviews, and the credits the registry
gives question words (``facts_labels.tsv`` ``noun`` / ``question``: "who is the composer of
Escape", "which studio produced Escape").

A small grammar (``field_questions.tsv``: the wordings are data) picks the field and the
names ("who plays Gyu-nam in Escape", "when does Escape open in the Philippines", "is Escape
worth watching"); the film is linked through the graph's title index; characters match under any spelling (``match_character``), actors via
``match_person``. The answer comes from the film record (``store.records``), each with the
sources that state it. A question the grammar does not know returns ``None`` (the relation
graph tries next); a known question about a film with no such fact says so.
"""

from __future__ import annotations

import re
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from filmkb import facts
from filmkb.ask.graph import FILM
from filmkb.ask.link import link
from filmkb.ask.templates import wordings
from filmkb.extract.territories import COUNTRY_RE, territory_named
from filmkb.resolve.names import match_character, match_person
from filmkb.store import kb as kb_store
from filmkb.store import records
from filmkb.types import REVIEW_FEED

if TYPE_CHECKING:
    from filmkb.ask.answer import Answer, Ask, Fact, Result

QUESTIONS_FILE = Path(__file__).with_name("field_questions.tsv")
_END = r"\s*[?.!]*\s*$"
_FILM = r"(?P<film>.+?)"
PLACEHOLDERS = {
    "film": _FILM,
    "in_film": r"(?:\s+in\s+(?:the\s+(?:film|movie)\s+)?" + _FILM + r")?",
    "territory": r"(?:\s+in\s+(?P<territory>[^?]+?))?",
    # a country named before a noun ("the UK release date"): only a name of a country, so
    # that "Midnight Tollgate UK release date" splits after the title
    "country": r"(?P<country>(?:the\s+)?(?:"
    + COUNTRY_RE.pattern
    + "|"
    + "|".join(re.escape(name) for name in sorted(wordings().territories, key=len, reverse=True))
    + r"|[a-z](?:\.[a-z])+\.?))",
}


def _read_patterns(path: Path = QUESTIONS_FILE) -> list[tuple[str, re.Pattern[str]]]:
    """``field_questions.tsv``: (field, whole-question pattern), in file order."""
    out = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        field, sep, pattern = line.partition("\t")
        if not sep:
            raise ValueError(f"{path}:{number}: expected FIELD<TAB>PATTERN")
        for name, value in PLACEHOLDERS.items():
            pattern = pattern.replace("{" + name + "}", value)
        out.append((field.strip(), re.compile(pattern + _END, re.IGNORECASE)))
    return out


PATTERNS: list[tuple[str, re.Pattern[str]]] = _read_patterns()


def _credit_patterns() -> list[tuple[str, re.Pattern[str]]]:
    """ "who is the composer of X", "what are the production companies of X", "who scored X":
    one field per fact type of people's or companies' names with question words."""
    out = []
    for fact in facts.of_kind(*facts.NAMES):
        words = [r"\s+".join(map(re.escape, w.split())) for w in fact.words("noun")]
        if words:
            noun = r"(?:who|what|which)\s+(?:is|are|was|were)\s+(?:the\s+)?(?:" + "|".join(words)
            out.append((fact.name, noun + r")\s+(?:of|for|on|behind|in)\s+" + _FILM))
        asked = [r"\s+".join(map(re.escape, w.split())) for w in fact.words("question")]
        if asked:
            out.append((fact.name, r"(?:" + "|".join(asked) + r")\s+" + _FILM))
    return [(field, re.compile(pattern + _END, re.IGNORECASE)) for field, pattern in out]


PATTERNS += _credit_patterns()


def answer_field(ask: Ask, question: str) -> Result | None:
    expanded = ask.templates.written.expand(question) if ask.templates.written else question
    for field, pattern in PATTERNS:
        found = pattern.match(expanded)
        if found is None:
            continue
        parts = {k: v.strip(" \"'“”‘’") for k, v in found.groupdict().items() if v}
        if "country" in parts:  # "the UK release date of X": only a country counts
            code = _territory(ask, parts.pop("country"))
            if code is None:
                continue
            parts["territory"] = code
        result = _answer(ask, question, field, parts)
        if result is not None:
            return result
    return None


def _territory(ask: Ask, text: str) -> str | None:
    """The territory code a question names: the extractor's country names, then the
    wordings' extra names ("the U.K.", "the States"), then a two-letter code."""
    text = " ".join(text.replace(".", "").split())  # "the U.K." → "the UK"
    written = ask.templates.written.territories if ask.templates.written else {}
    bare = re.sub(r"^the\s+", "", text, flags=re.IGNORECASE)
    found = territory_named(text) or written.get(bare.lower())
    if found is None and re.fullmatch(r"[A-Za-z]{2}", bare):
        found = bare.upper()
    return found


def _answer(ask: Ask, question: str, field: str, parts: dict[str, str]) -> Result | None:
    from filmkb.ask.answer import Result

    films = _films(ask, parts.get("film"))
    if parts.get("film") and not films:
        return None
    territory = None
    if parts.get("territory"):
        territory = _territory(ask, parts["territory"])
        if territory is None:
            return None  # "in 3D", "in a cinema near me": not a country
    best: list[Answer] = []
    stated = False  # does any of the films state this field at all?
    territories: set[str | None] = set()  # where the films' releases state it
    for film_id in films:
        record = records.film_record(ask.conn, film_id)
        if record is None:
            continue
        stated = stated or bool(record[_RECORD_KEY[field]])
        if _RECORD_KEY[field] == "releases":
            part = _RELEASE_PART.get(field, field)
            territories.update(st.get("territory") for st in record["releases"] if st.get(part))
        answers = _FIELDS[field](ask, record, parts, territory)
        if answers:
            best = answers
            break
    if not best and not stated and not (territory and films):
        return None  # nothing from pages on this: the relation graph may still answer
    how = f"field: {field}" + (f" in {territory}" if territory else "")
    result = Result(question, best, parts.get("film") or parts.get("character"), [field], how)
    if not best:
        result.reason = f"no {field} stated for this film" + (
            f" in {territory}" if territory else ""
        )
        stated_in = sorted({str(t) for t in territories if t})
        if territory and stated_in:
            result.reason += f" (stated for: {', '.join(stated_in)})"
    return result


def _films(ask: Ask, title: str | None) -> list[int]:
    """Film ids named ``title``, those with most page claims first; all films when None."""
    graph = ask.graph
    if title is None:
        with_characters = kb_store.films_with_characters(ask.conn)
        ids = [i for i in graph.film_entity_ids() if i in with_characters]
    else:
        nodes = [n for n in link(graph, title, fuzzy=False) if graph.kinds[n] == FILM]
        ids = [graph.entity_ids[n] for n in nodes if graph.entity_ids[n] is not None]
    weights = {i: kb_store.film_document_count(ask.conn, i) for i in ids}
    return sorted(ids, key=lambda i: (-weights[i], i))


def _title(record: dict[str, Any]) -> str:
    return str(records.best_value(record["title"]) or f"film {record['id']}")


def _facts(record: dict[str, Any], relation: str, obj: str, statement: dict) -> list[Fact]:
    from filmkb.ask.answer import Fact

    return [
        Fact(_title(record), relation, obj, s["source"], s["start"], s["end"], None, s["quote"])
        for s in statement.get("sources", [])
    ]


def _restate(ask: Ask, facts_: list[Fact], find: Any) -> list[Fact]:
    """The facts with the span ``find(text, fact)`` of their source (the span stating the
    value, ``ask.evidence``); sources that do not state it are left out — unless none does,
    then the claims' own spans stay."""
    out = []
    for fact in facts_:
        text = ask.source_text(fact.source) if fact.source else ""
        span = find(text, fact) if text and fact.start is not None else None
        if span is not None:
            fact.start, fact.end = span
            fact.quote = text[span[0] : span[1]]
            out.append(fact)
    return out or facts_


def _actor(ask: Ask, record: dict, parts: dict, territory: str | None) -> list[Answer]:
    from filmkb.ask.answer import Answer

    wanted = parts["character"]
    out = []
    for st in record["cast"]:
        names = [st.get("character")] + list(st.get("aliases") or [])
        if any(n and match_character(wanted, n).same for n in names):
            facts = _facts(record, "cast", f"{st['actor']} as {st['character']}", st)
            out.append(Answer(st["actor"], "person", 1.0, facts))
    return out


def _character(ask: Ask, record: dict, parts: dict, territory: str | None) -> list[Answer]:
    from filmkb.ask.answer import Answer

    wanted = parts["actor"]
    out = []
    for st in record["cast"]:
        names = [st["actor"]] + list(st.get("actor_aliases") or [])
        if st.get("character") and any(match_person(wanted, n).same for n in names):
            facts = _facts(record, "cast", f"{st['actor']} as {st['character']}", st)
            out.append(Answer(st["character"], "character", 1.0, facts))
    return out


def _release_field(name: str):  # noqa: ANN202 - a small factory of field answerers
    def answer(ask: Ask, record: dict, parts: dict, territory: str | None) -> list[Answer]:
        from filmkb.ask.answer import Answer

        out: list[Answer] = []
        for st in record["releases"]:
            if territory and st.get("territory") != territory:
                continue
            value = st.get(name)
            if not value:
                continue
            label = str(value) if territory else f"{value} ({st.get('territory') or 'territory?'})"
            facts = _facts(record, "release", f"{st.get('territory')}: {name} {value}", st)
            if name != "date":  # the claim's span is its date: quote where the value stands
                facts = _restate(ask, facts, _stating(str(value)))
            if all(a.name != label for a in out):
                out.append(Answer(label, "release", float(st.get("score", 1.0)), facts))
        return out

    return answer


def _stating(value: str):  # noqa: ANN202 - the span finder of one value
    from filmkb.ask.evidence import value_span

    return lambda text, fact: value_span(text, value, fact.start, fact.end)


def _runtime(ask: Ask, record: dict, parts: dict, territory: str | None) -> list[Answer]:
    from filmkb.ask.answer import Answer

    return [
        Answer(
            f"{st['value']} minutes",
            "value",
            1.0,
            _facts(record, "runtime_min", str(st["value"]), st),
        )
        for st in record["runtime_min"]
        if st["rank"] != "deprecated"
    ]


def _reviews(ask: Ask, record: dict, parts: dict, territory: str | None) -> list[Answer]:
    """The critics' aggregate of the film's reviews (``filmkb.reviews.critics``)."""
    from filmkb.ask.answer import Answer
    from filmkb.ask.evidence import verdict_span
    from filmkb.reviews.critics import film_critics

    if not record["reviews"]:
        return []
    critics = film_critics(record, ask.source_text)
    assert critics.aggregate is not None  # None only for a film without reviews
    consensus = [part.text for part in critics.aggregate.consensus_parts]
    facts = []
    feeds = {s["source"] for st in record["reviews"] for s in st["sources"]
             if s.get("kind") == REVIEW_FEED}  # fmt: skip

    def sentence(text: str, fact: Fact, verdict: str | None) -> tuple[int, int] | None:
        # _restate asks only for a claim with a span (start and end are stored together)
        assert fact.start is not None and fact.end is not None
        if fact.source in feeds:  # a feed's row is the review, verdict column and all
            return fact.start, fact.end
        return verdict_span(text, verdict, fact.start, fact.end, consensus)

    for item in critics.reviews:
        stating = partial(sentence, verdict=item["verdict"])
        facts += _restate(ask, _facts(record, "review", _label(item), item), stating)
    summary = _summary(critics.aggregate)
    return [Answer(summary, "review", float(len(critics.reviews)), facts)]


def _label(review: dict) -> str:
    who = review.get("author") or review.get("outlet") or "unsigned"
    verdict = review.get("verdict") or "no verdict"
    return f"{who}: {verdict}" + (f" ({review['score']})" if review.get("score") else "")


def _summary(aggregate: Any) -> str:
    counts = aggregate.distribution
    text = f"{aggregate.count} reviews: " + ", ".join(f"{n} {v}" for v, n in counts.items())
    unjudged = aggregate.count - sum(counts.values())
    if unjudged:
        text += f", {unjudged} without a verdict"
    if any(counts.values()):
        text += f" — mostly {max(counts, key=lambda v: counts[v])}"
    if aggregate.percent_positive is not None:
        text += f"; {aggregate.percent_positive}% positive"
    if aggregate.mean_score is not None:
        text += f"; mean score {aggregate.mean_score}/100"
    if aggregate.consensus:
        text += f". Consensus: {aggregate.consensus}"
    return text


def _credit_field(fact: facts.FactType):  # noqa: ANN202 - a small factory of field answerers
    """The film's people (or companies) of one fact type, with the sources stating each."""

    def answer(ask: Ask, record: dict, parts: dict, territory: str | None) -> list[Answer]:
        from filmkb.ask.answer import Answer

        kind = "person" if fact.value == facts.PERSON else "value"
        out: list[Answer] = []
        for st in record[fact.record]:
            name = st.get("name") or st.get("value")
            if name and st["rank"] != "deprecated":
                facts_ = _facts(record, fact.name, str(name), st)
                out.append(Answer(str(name), kind, 1.0, facts_))
        return out

    return answer


_RELEASE_PART = {"release": "date"}  # the part of a release statement a field asks for
_RECORD_KEY = {
    "actor": "cast", "character": "cast", "release": "releases", "certification": "releases",
    "distributor": "releases", "runtime": "runtime_min", "reviews": "reviews",
    **{f.name: f.record for f in facts.of_kind(*facts.NAMES)},
}  # fmt: skip
_FIELDS = {
    "actor": _actor,
    "character": _character,
    "release": _release_field("date"),
    "certification": _release_field("certification"),
    "distributor": _release_field("distributor"),
    "runtime": _runtime,
    "reviews": _reviews,
    **{f.name: _credit_field(f) for f in facts.of_kind(*facts.NAMES)},
}
