"""filmkb: read web pages about films, build sourced film records.

>>> from filmkb import FilmKB
>>> kb = FilmKB(":memory:")
>>> report = kb.ingest(["examples/escape-2024"])
>>> kb.find_films("Escape", year=2024)
"""

from filmkb.core import FilmKB, IngestReport, IngestResult
from filmkb.errors import FilmKBError, NotFound, ReadError, StoreError
from filmkb.types import (
    CastCredit,
    Claim,
    Document,
    DocumentExtraction,
    Evidence,
    Fact,
    FilmExtraction,
    Release,
    ReviewInfo,
)

__version__ = "0.1.0"

__all__ = [
    "CastCredit",
    "Claim",
    "Document",
    "DocumentExtraction",
    "Evidence",
    "Fact",
    "FilmExtraction",
    "FilmKB",
    "FilmKBError",
    "IngestReport",
    "IngestResult",
    "NotFound",
    "ReadError",
    "Release",
    "ReviewInfo",
    "StoreError",
    "__version__",
]
