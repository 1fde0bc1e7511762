"""Stored claims → ``DocumentExtraction`` again (used to re-resolve after user overrides)."""

from __future__ import annotations

import json
import sqlite3

from filmkb.types import (
    PROPERTY_SINGULAR,
    Document,
    DocumentExtraction,
    Evidence,
    Fact,
    FilmExtraction,
)

PLURAL = {singular: plural for plural, singular in PROPERTY_SINGULAR.items()}


def stored_extraction(conn: sqlite3.Connection, document_id: int) -> DocumentExtraction:
    doc = conn.execute("SELECT * FROM documents WHERE id = ?", (document_id,)).fetchone()
    document = Document(
        source=doc["source"],
        text=doc["text"],
        sha256=doc["sha256"],
        media_type=doc["media_type"] or "text/plain",
        title=doc["title"],
    )
    extraction = DocumentExtraction(document=document)
    count = conn.execute(
        "SELECT max(film_index) FROM mentions WHERE document_id = ?", (document_id,)
    ).fetchone()[0]
    films = [FilmExtraction() for _ in range((count + 1) if count is not None else 0)]
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
        prop = row["property"]
        if prop in PLURAL:
            getattr(film, PLURAL[prop]).append(fact)
        elif prop in FilmExtraction.SINGLE:
            setattr(film, prop, fact)
    if films:
        films[0].main = True
    extraction.films = films
    return extraction
