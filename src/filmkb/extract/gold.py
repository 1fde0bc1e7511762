"""``DocumentExtraction`` → the gold JSON shape of ``shared/eval`` (plus evidence keys)."""

from __future__ import annotations

from typing import Any

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
    def val(fact: Fact | None) -> Any:
        return fact.value if fact else None

    review = None
    if film.review:
        r = film.review.value
        review = {"author": r.author, "outlet": r.outlet, "verdict": r.verdict, "score": r.score}
    out: dict[str, Any] = {
        "title": val(film.title),
        "original_title": val(film.original_title),
        "year": val(film.year),
        "directors": [f.value for f in film.directors],
        "writers": [f.value for f in film.writers],
        "cast": [{"actor": f.value.actor, "character": f.value.character} for f in film.cast],
        "runtime_min": val(film.runtime_min),
        "genres": [f.value for f in film.genres],
        "releases": [
            {
                "territory": f.value.territory,
                "date": f.value.date,
                "distributor": f.value.distributor,
                "certification": f.value.certification,
                "release_type": f.value.release_type,
                "territory_inferred": f.value.territory_inferred,
            }
            for f in film.releases
        ],
        "review": review,
        "synopsis": val(film.synopsis),
    }
    if evidence:
        ev: dict[str, Any] = {}
        for key in ("title", "original_title", "year", "runtime_min", "review", "synopsis"):
            fact = getattr(film, key)
            if fact is not None:
                ev[key] = _ev(fact)
        for key in ("directors", "writers", "cast", "genres", "releases"):
            facts = getattr(film, key)
            if facts:
                ev[key] = [_ev(f) for f in facts]
        out["evidence"] = ev
    return out


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
