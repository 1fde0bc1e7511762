"""Stored claims → ``DocumentExtraction`` again (used to re-resolve after user overrides)."""

from __future__ import annotations

import json
import sqlite3

from filmkb import facts
from filmkb.types import Document, DocumentExtraction, Evidence, Fact, FilmExtraction


def stored_extraction(
    conn: sqlite3.Connection, document_id: int, films_count: int | None = None
) -> DocumentExtraction:
    """``films_count``: the number of film mentions, when its mentions are already dropped."""
    doc = conn.execute("SELECT * FROM documents WHERE id = ?", (document_id,)).fetchone()
    document = Document(
        source=doc["source"],
        text=doc["text"],
        sha256=doc["sha256"],
        media_type=doc["media_type"] or "text/plain",
        title=doc["title"],
    )
    extraction = DocumentExtraction(document=document)
    if films_count is None:
        count = conn.execute(
            "SELECT max(film_index) FROM mentions WHERE document_id = ?", (document_id,)
        ).fetchone()[0]
        films_count = (count + 1) if count is not None else 0
    films = [FilmExtraction() for _ in range(films_count)]
    rows = conn.execute(
        "SELECT * FROM claims WHERE document_id = ? ORDER BY id", (document_id,)
    ).fetchall()
    for row in rows:
        fact = Fact(
            json.loads(row["value"]),
            Evidence(
                source=doc["source"],
                start=row["start"],
                end=row["end"],
                extractor=row["extractor"],
                version=row["version"],
                confidence=row["confidence"],
                inferred=bool(row["inferred"]),
                note=row["note"],
            ),
        )
        if row["film_index"] is None:
            if row["property"] == "kind":
                extraction.kind = fact
            continue
        while len(films) <= row["film_index"]:
            films.append(FilmExtraction())
        film = films[row["film_index"]]
        fact_type = facts.find(row["property"])
        if fact_type is not None:
            earlier = film.facts_of(fact_type) if fact_type.multi else []
            film.set_facts(fact_type, [*earlier, fact])
    if films:
        films[0].main = True
    extraction.films = films
    return extraction
