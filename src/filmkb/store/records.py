"""The film record: a view computed from claims, each value with its rank and sources.

Every property is a list of statements, best first. A statement is a dict holding the value
(``value`` for scalars, ``name`` for people, ``actor``/``character``/``aliases`` for cast,
``territory``/``date``/... for releases), its ``rank`` and ``sources`` (source, start, end,
quote, extractor, confidence, inferred, kind).

Ranks (as Wikidata): a value's *score* is the sum, over the distinct documents stating it,
of the document kind's weight (a listing or press release outweighs a blog). Each fact type
declares its ranking (``filmkb.facts``):

* ``many`` (directors, writers, cast, genres, releases, titles, composers, …): ``preferred``
  when the score is at least half the best score, else ``normal``;
* ``one`` (year, runtime, original title): the single best value is ``preferred`` and the
  others ``deprecated`` (tied best values are all ``normal``);
* ``each`` (reviews): every review is its own ``normal`` statement.

Values are grouped by kind: people by person entity, titles by title key, companies and
genres by their lower-case name, numbers by value, cast by actor and character, releases by
territory.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Hashable
from typing import Any

from filmkb import facts
from filmkb.resolve.names import title_key
from filmkb.store import summaries
from filmkb.store.summaries import DEFAULT_WEIGHT, KIND_WEIGHT, weight

__all__ = ["DEFAULT_WEIGHT", "KIND_WEIGHT", "best_value", "film_record", "score", "weight"]
RECORD_KEYS = tuple(f.record for f in facts.FACTS)
# certifications used by one territory only (territory inferred when a page omits it)
CERTIFICATION_TERRITORY = {"NC16": "SG", "M18": "SG", "R21": "SG"}

Row = dict[str, Any]


def film_claims(conn: sqlite3.Connection, film_id: int) -> list[Row]:
    """The film's claims with their document's source and kind and their stored quote."""
    rows = conn.execute(
        "SELECT c.*, d.source, d.kind FROM claims c JOIN documents d ON d.id = c.document_id"
        " WHERE c.film_id = ? ORDER BY c.id",
        (film_id,),
    )
    out = []
    unquoted: list[Row] = []
    for row in rows:
        item = dict(row)
        item["value"] = json.loads(item["value"])
        if item.get("quote") is None:  # added by a writer that has not synced yet
            unquoted.append(item)
        out.append(item)
    texts: dict[int, str] = {}
    for item in unquoted:  # each document's text read once, sliced here (never per claim)
        doc = item["document_id"]
        if doc not in texts:
            row = conn.execute("SELECT text FROM documents WHERE id = ?", (doc,)).fetchone()
            texts[doc] = str(row[0] or "")
        item["quote"] = summaries.quote_of(texts[doc], item["start"], item["end"])
    return out


def film_record(conn: sqlite3.Connection, film_id: int) -> Row | None:
    """The merged record of one film, or None when there is no such film."""
    if conn.execute("SELECT 1 FROM films WHERE id = ?", (film_id,)).fetchone() is None:
        return None
    claims = film_claims(conn, film_id)
    by_prop: dict[str, list[Row]] = defaultdict(list)
    for claim in claims:
        by_prop[claim["property"]].append(claim)
    record: Row = {"id": film_id}
    for fact_type in facts.FACTS:  # year before releases: a yearless date takes the year
        rank = _RANKERS[fact_type.value]
        record[fact_type.record] = rank(conn, by_prop[fact_type.name], fact_type, record)
    record["documents"] = sorted({c["source"] for c in claims})
    return record


Ranker = Callable[[sqlite3.Connection, list[Row], facts.FactType, Row], list[Row]]


def _by_key(key: Callable[[Any], Hashable]) -> Ranker:
    def rank(conn: sqlite3.Connection, claims: list[Row], fact: facts.FactType, _r: Row) -> list:
        if fact.rank == facts.EACH:
            return [
                {"value": c["value"], "rank": "normal", "sources": [_source(c)]} for c in claims
            ]
        return _scalars(claims, key, single=fact.rank == facts.ONE)

    return rank


def _company_key(value: Any) -> str:
    return " ".join(re.findall(r"[^\W_]+", str(value).lower()))


_RANKERS: dict[str, Ranker] = {
    facts.TITLE: _by_key(title_key),
    facts.NUMBER: _by_key(lambda v: _int(v)),
    facts.GENRE: _by_key(lambda v: str(v).lower()),
    facts.TEXT: _by_key(str),
    facts.COMPANY: _by_key(_company_key),
    facts.REVIEW: _by_key(str),
    facts.PERSON: lambda conn, claims, _f, _r: _people(conn, claims),
    facts.CAST: lambda conn, claims, _f, _r: _cast(conn, claims),
    facts.RELEASE: lambda conn, claims, _f, r: _releases(claims, best_value(r.get("year", []))),
}


def best_value(statements: list[Row]) -> Any:
    """The value of the first non-deprecated statement (lists are sorted best first)."""
    for st in statements:
        if st["rank"] != "deprecated":
            return st.get("value", st.get("name"))
    return None


def film_summary(conn: sqlite3.Connection, film_id: int) -> Row:
    """Title, year, directors and number of documents — for lists."""
    record = film_record(conn, film_id) or {}
    return {
        "id": film_id,
        "title": best_value(record.get("title", [])),
        "year": best_value(record.get("year", [])),
        "directors": [d["name"] for d in record.get("directors", []) if d["rank"] == "preferred"],
        "documents": len(record.get("documents", [])),
    }


def list_film_ids(conn: sqlite3.Connection) -> list[int]:
    return [r[0] for r in conn.execute("SELECT id FROM films ORDER BY id")]


def find_film_ids(conn: sqlite3.Connection, title: str, year: int | None = None) -> list[int]:
    rows = conn.execute(
        "SELECT DISTINCT film_id FROM film_keys WHERE key = ? ORDER BY film_id", (title_key(title),)
    )
    ids = [r[0] for r in rows]
    if year is None:
        return ids
    out = []
    for film_id in ids:
        years = _scalars(
            [c for c in film_claims(conn, film_id) if c["property"] == "year"], _int, single=True
        )
        if best_value(years) == year:
            out.append(film_id)
    return out


# --- ranking ------------------------------------------------------------------------------


def score(claims: list[Row]) -> float:
    docs = {c["document_id"]: c["kind"] for c in claims}
    return sum(weight(kind) for kind in docs.values())


def _rank(groups: list[tuple[float, Row]], single: bool) -> list[Row]:
    if not groups:
        return []
    groups.sort(key=lambda g: -g[0])
    top = groups[0][0]
    tied = sum(1 for s, _ in groups if s == top)
    out = []
    for s, st in groups:
        if single:
            st["rank"] = ("preferred" if tied == 1 else "normal") if s == top else "deprecated"
        else:
            st["rank"] = "preferred" if s >= top / 2 else "normal"
        st["score"] = s
        st["sources"] = st.pop("sources")  # value, rank, score first; sources last
        out.append(st)
    return out


def _source(claim: Row) -> Row:
    return {
        "source": claim["source"],
        "start": claim["start"],
        "end": claim["end"],
        "quote": claim["quote"],
        "kind": claim["kind"],
        "extractor": claim["extractor"],
        "version": claim["version"],
        "confidence": claim["confidence"],
        "inferred": bool(claim["inferred"]),
    }


def _group(claims: list[Row], key: Callable[[Any], Hashable]) -> dict[Hashable, list[Row]]:
    groups: dict[Hashable, list[Row]] = {}
    for claim in claims:
        k = key(claim)
        if k is None:
            continue
        groups.setdefault(k, []).append(claim)
    return groups


def _display(names: list[tuple[str, Row]]) -> str:
    """The spelling with the best support; plain names over ranks and SHOUTED surnames
    (``summaries.shown_spelling``; the first written among equals)."""
    rows = [(n, None, c["document_id"], c["kind"], i) for i, (n, c) in enumerate(names)]
    return summaries.shown_spelling(summaries.spellings_of(rows)).name


def _scalars(claims: list[Row], key: Callable[[Any], Hashable], single: bool) -> list[Row]:
    groups = _group(claims, lambda c: key(c["value"]))
    ranked = []
    for members in groups.values():
        if isinstance(members[0]["value"], str):
            value: Any = _display([(c["value"], c) for c in members])
        else:
            value = key(members[0]["value"])
        st = {"value": value, "sources": [_source(c) for c in members]}
        ranked.append((score(members), st))
    return _rank(ranked, single)


def _int(value: Any) -> int | None:
    match = re.search(r"\d+", str(value))
    return int(match.group()) if match else None


# --- people and cast ------------------------------------------------------------------------


PersonNames = dict[int, tuple[str, list[Row]]]


def _person_names(conn: sqlite3.Connection, claims: list[Row]) -> PersonNames:
    """``{person id: (display name, spellings with the rules that linked them)}`` of the
    persons of these claims, over all their claims (``summaries``: a few rows a person)."""
    ids = sorted({c["person_id"] for c in claims if c.get("person_id")})
    out: PersonNames = {}
    for person_id, spellings in summaries.person_spellings(conn, ids).items():
        shown = summaries.shown_spelling(spellings).name
        listed = [{"name": s.name, "rules": s.rules, "documents": s.documents} for s in spellings]
        out[person_id] = (shown, listed)
    return out


def _people(conn: sqlite3.Connection, claims: list[Row]) -> list[Row]:
    groups = _group(claims, lambda c: c["person_id"] or f"name:{c['value']}")
    names = _person_names(conn, claims)
    ranked = []
    for key, members in groups.items():
        if isinstance(key, int):
            name, spellings = names.get(key, (f"person {key}", []))
        else:
            name, spellings = str(members[0]["value"]), []
        st = {
            "name": name,
            "person_id": key if isinstance(key, int) else None,
            "aliases": [s["name"] for s in spellings if s["name"] != name],
            "merged": spellings,
            "sources": [_source(c) for c in members],
        }
        ranked.append((score(members), st))
    return _rank(ranked, single=False)


def _cast(conn: sqlite3.Connection, claims: list[Row]) -> list[Row]:
    by_person = _group(claims, lambda c: c["person_id"] or f"name:{c['value'].get('actor')}")
    names = _person_names(conn, claims)
    ranked = []
    for person, members in by_person.items():
        by_character = _group(members, lambda c: c["character_id"] or 0)
        unnamed = by_character.pop(0, [])
        if unnamed and by_character:
            best = max(by_character, key=lambda k: score(by_character[k]))
            by_character[best] = by_character[best] + unnamed
        elif unnamed:
            by_character[0] = unnamed
        if isinstance(person, int):
            actor, spellings = names.get(person, (f"person {person}", []))
        else:
            actor, spellings = str(members[0]["value"].get("actor")), []
        for character_id, roles in by_character.items():
            named = [(c["value"]["character"], c) for c in roles if c["value"].get("character")]
            aliases = list(dict.fromkeys(n for n, _ in named))
            merged: dict[str, list[str]] = {}
            for name, claim in named:
                rules = merged.setdefault(name, [])
                if claim["character_rule"] and claim["character_rule"] not in rules:
                    rules.append(claim["character_rule"])
            st = {
                "actor": actor,
                "person_id": person if isinstance(person, int) else None,
                "actor_aliases": [s["name"] for s in spellings if s["name"] != actor],
                "merged": spellings,
                "character": _display(named) if named else None,
                "character_id": character_id or None,
                "aliases": aliases,
                "character_merged": [{"name": n, "rules": r} for n, r in merged.items()],
                "sources": [_source(c) for c in roles],
            }
            ranked.append((score(roles), st))
    return _rank(ranked, single=False)


# --- releases -------------------------------------------------------------------------------

RELEASE_FIELDS = tuple(p for p in facts.fact("release").parts if not p.endswith("_inferred"))


def _releases(claims: list[Row], year: int | None) -> list[Row]:
    """One row per territory; a release without territory joins a row with its date."""
    items = []
    for claim in claims:
        value = dict(claim["value"])
        inferred: list[str] = []
        if value.get("territory_inferred"):
            inferred.append("territory")
        if value.get("date_inferred"):
            inferred.append("date")
        cert = str(value.get("certification") or "").upper().replace(" ", "")
        if not value.get("territory") and cert in CERTIFICATION_TERRITORY:
            value["territory"] = CERTIFICATION_TERRITORY[cert]
            inferred.append("territory")
        date = value.get("date")
        if isinstance(date, str) and date.startswith("--") and year:
            value["date"] = f"{year}-{date[2:]}"
            inferred.append("date")
        items.append((value, claim, inferred))
    rows: dict[str, list[tuple[Row, Row, list[str]]]] = {}
    for item in items:
        if item[0].get("territory"):
            rows.setdefault(f"t:{item[0]['territory']}", []).append(item)
    for item in items:
        if item[0].get("territory"):
            continue
        date = item[0].get("date")
        target = next(
            (k for k, v in rows.items() if date and any(i[0].get("date") == date for i in v)),
            f"d:{date}" if date else f"c:{item[1]['id']}",
        )
        rows.setdefault(target, []).append(item)
    ranked = []
    for members in rows.values():
        st: Row = {}
        conflicts: Row = {}
        for fld in RELEASE_FIELDS:
            values = _group([dict(c, _v=v.get(fld)) for v, c, _ in members], lambda c: c["_v"])
            ordered = sorted(values.items(), key=lambda kv: -score(kv[1]))
            st[fld] = ordered[0][0] if ordered else None
            if len(ordered) > 1:
                conflicts[fld] = [k for k, _ in ordered[1:]]
        st["inferred"] = sorted({f for _, _, inf in members for f in inf})
        if conflicts:
            st["conflicts"] = conflicts
        st["sources"] = [_source(c) for _, c, _ in members]
        ranked.append((score([c for _, c, _ in members]), st))
    return _rank(ranked, single=False)
