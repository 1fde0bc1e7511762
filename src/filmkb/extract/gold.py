"""``DocumentExtraction`` → the gold JSON shape of ``shared/eval`` (plus evidence keys).

The keys are the fact types' gold keys (``filmkb.facts``): a new fact type appears here."""

from __future__ import annotations

from typing import Any

from filmkb import facts
from filmkb.types import DocumentExtraction, Fact, FilmExtraction


def to_gold(extraction: DocumentExtraction, evidence: bool = True) -> dict[str, Any]:
    out: dict[str, Any] = {
        "source": extraction.document.name,
        "kind": extraction.kind.value if extraction.kind else None,
        "films": [film_to_gold(f, evidence) for f in extraction.films],
    }
    if extraction.notes:
        out["notes"] = list(extraction.notes)
    if evidence:
        out["path"] = extraction.document.source
        out["sha256"] = extraction.document.sha256
    return out


def film_to_gold(film: FilmExtraction, evidence: bool = True) -> dict[str, Any]:
    """One film under each fact type's gold key (``filmkb.facts``): a list for a multi-valued
    type, else a value or null; structured values as dicts of their parts."""
    out: dict[str, Any] = {}
    ev: dict[str, Any] = {}
    for fact_type in facts.FACTS:
        if fact_type.gold is None:
            continue
        found = film.facts_of(fact_type)
        values = [_value(fact_type, f.value) for f in found]
        out[fact_type.gold] = values if fact_type.multi else (values[0] if values else None)
        if found:
            ev[fact_type.gold] = [_ev(f) for f in found] if fact_type.multi else _ev(found[0])
    if evidence:
        out["evidence"] = ev
    return out


def _value(fact_type: facts.FactType, value: Any) -> Any:
    if fact_type.parts:
        return {part: getattr(value, part, None) for part in fact_type.parts}
    return value


def _ev(fact: Fact) -> dict[str, Any]:
    e = fact.evidence
    d = {
        "start": e.start,
        "end": e.end,
        "extractor": f"{e.extractor}@{e.version}",
        "confidence": round(e.confidence, 3),
    }
    if e.inferred:
        d["inferred"] = True
        if e.note:
            d["note"] = e.note
    return d
