"""Questions about what pages say and knowledge bases lack: characters, releases per
territory, certifications, distributors, runtimes, reviews, and the credits the registry
gives question words (``facts_labels.tsv`` ``noun`` / ``question``: "who is the composer of
Escape", "which studio produced Escape").

A small grammar picks the field and the names ("who plays Gyu-nam in Escape", "when does
Escape open in the Philippines", "is Escape worth watching"); the film is linked through the
graph's title index; characters match under any spelling (``match_character``), actors via
``match_person``. The answer comes from the film record (``store.records``), each with the
sources that state it. A question the grammar does not know returns ``None`` (the relation
graph tries next); a known question about a film with no such fact says so.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from filmkb import facts
from filmkb.ask.evidence import value_span, verdict_span
from filmkb.ask.graph import FILM
from filmkb.ask.link import link
from filmkb.extract.territories import territory_named
from filmkb.resolve.names import match_character, match_person
from filmkb.store import records

if TYPE_CHECKING:
    from filmkb.ask.answer import Answer, Ask, Fact, Result

_END = r"\s*[?.!]*\s*$"
_FILM = r"(?P<film>.+?)"
_IN_FILM = r"(?:\s+in\s+(?:the\s+(?:film|movie)\s+)?" + _FILM + r")?"
_TERRITORY = r"(?:\s+in\s+(?P<territory>[^?]+?))?"
PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (field, re.compile(pattern + _END, re.IGNORECASE))
    for field, pattern in [
        ("actor", r"(?:who|which actor|which actress)\s+(?:plays|played|portrays|portrayed"
         r"|is playing|stars as|starred as)\s+(?:the\s+(?:role|character)\s+(?:of\s+)?)?"
         r"(?P<character>.+?)" + _IN_FILM),
        ("actor", r"who\s+(?:is|was)\s+(?P<character>.+?)\s+played\s+by" + _IN_FILM),
        ("character", r"(?:who|what\s+(?:role|character)|which\s+(?:role|character))\s+"
         r"(?:does|did)\s+(?P<actor>.+?)\s+play" + _IN_FILM),
        ("release", r"when\s+(?:does|did|will|is|was)\s+" + _FILM + r"\s+(?:open|opening|opened"
         r"|release|released|come out|coming out|premiere|premiered|hit cinemas|screen)"
         + _TERRITORY),
        ("release", r"(?:what\s+is\s+)?(?:the\s+)?release\s+dates?\s+(?:of|for)\s+" + _FILM
         + _TERRITORY),
        ("certification", r"(?:what\s+is\s+|what's\s+)" + _FILM + r"\s+rated" + _TERRITORY),
        ("certification", r"(?:what\s+is\s+)?(?:the\s+)?(?:certification|certificate"
         r"|classification|age\s+rating|content\s+rating)\s+(?:of|for)\s+" + _FILM + _TERRITORY),
        ("distributor", r"who\s+(?:distributes|distributed|is distributing|releases)\s+" + _FILM
         + _TERRITORY),
        ("distributor", r"(?:who\s+is\s+|what\s+is\s+)?(?:the\s+)?distributors?\s+(?:of|for)\s+"
         + _FILM + _TERRITORY),
        ("runtime", r"how\s+long\s+is\s+" + _FILM),
        ("runtime", r"(?:what\s+is\s+)?(?:the\s+)?(?:runtime|running\s+time|length)\s+of\s+"
         + _FILM),
        ("runtime", r"how\s+many\s+minutes\s+(?:is|long\s+is)\s+" + _FILM),
        ("reviews", r"is\s+" + _FILM + r"\s+(?:worth\s+(?:watching|seeing|it)|any\s+good|good)"),
        ("reviews", r"(?:what\s+(?:do|did)\s+(?:the\s+)?(?:critics|reviewers)\s+(?:think|say)"
         r"\s+(?:of|about)|how\s+(?:was|is)\s+(?:the\s+)?reception\s+of"
         r"|(?:what\s+are\s+)?(?:the\s+)?reviews?\s+(?:of|for))\s+" + _FILM),
        ("reviews", r"should\s+i\s+(?:watch|see)\s+" + _FILM),
    ]
]  # fmt: skip


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
    for field, pattern in PATTERNS:
        found = pattern.match(question)
        if found is None:
            continue
        parts = {k: v.strip(" \"'“”‘’") for k, v in found.groupdict().items() if v}
        result = _answer(ask, question, field, parts)
        if result is not None:
            return result
    return None


def _answer(ask: Ask, question: str, field: str, parts: dict[str, str]) -> Result | None:
    from filmkb.ask.answer import Result

    films = _films(ask, parts.get("film"))
    if parts.get("film") and not films:
        return None
    territory = None
    if parts.get("territory"):
        territory = territory_named(parts["territory"]) or parts["territory"].upper()
    best: list[Answer] = []
    stated = False  # does any of the films state this field at all?
    for film_id in films:
        record = records.film_record(ask.conn, film_id)
        if record is None:
            continue
        stated = stated or bool(record[_RECORD_KEY[field]])
        answers = _FIELDS[field](ask, record, parts, territory)
        if answers:
            best = answers
            break
    if not best and not stated:
        return None  # nothing from pages on this: the relation graph may still answer
    how = f"field: {field}" + (f" in {territory}" if territory else "")
    result = Result(question, best, parts.get("film") or parts.get("character"), [field], how)
    if not best:
        result.reason = f"no {field} stated for this film" + (
            f" in {territory}" if territory else ""
        )
    return result


def _films(ask: Ask, title: str | None) -> list[int]:
    """Film ids named ``title``, those with most page claims first; all films when None."""
    graph = ask.graph
    if title is None:
        nodes = [n for n, kind in enumerate(graph.kinds) if kind == FILM]
    else:
        nodes = [n for n in link(graph, title, fuzzy=False) if graph.kinds[n] == FILM]
    ids = [graph.entity_ids[n] for n in nodes if graph.entity_ids[n] is not None]
    if title is None:
        rows = ask.conn.execute(
            "SELECT DISTINCT c.film_id FROM claims c WHERE c.property = 'cast'"
            " AND c.character_id IS NOT NULL"
        )
        with_characters = {r[0] for r in rows}
        ids = [i for i in ids if i in with_characters]
    return sorted(ids, key=lambda i: (-_weight(ask, i), i))


def _weight(ask: Ask, film_id: int) -> int:
    row = ask.conn.execute(
        "SELECT count(DISTINCT document_id) FROM claims WHERE film_id = ?", (film_id,)
    ).fetchone()
    return int(row[0])


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

        out = []
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
    from filmkb.reviews.critics import film_critics

    if not record["reviews"]:
        return []
    critics = film_critics(record, ask.source_text)
    consensus = [part.text for part in critics.aggregate.consensus_parts]
    facts = []
    for item in critics.reviews:

        def sentence(text: str, fact: Fact, verdict: str | None = item["verdict"]) -> Any:
            return verdict_span(text, verdict, fact.start, fact.end, consensus)

        facts += _restate(ask, _facts(record, "review", _label(item), item), sentence)
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
