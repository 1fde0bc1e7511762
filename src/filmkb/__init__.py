"""filmkb: read web pages about films, build sourced film records.

>>> from filmkb import FilmKB
>>> kb = FilmKB(":memory:")
>>> report = kb.ingest(["examples/escape-2024"])
>>> kb.find_films("Escape", year=2024)
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

# Loaded on first use (PEP 562), so that ``import filmkb.ask`` or ``filmkb --help`` does not
# import the extractors, the models and numpy.
_EXPORTS = {
    "FilmKB": "filmkb.core",
    "IngestReport": "filmkb.core",
    "IngestResult": "filmkb.core",
    "FilmKBError": "filmkb.errors",
    "NotFound": "filmkb.errors",
    "ReadError": "filmkb.errors",
    "StoreError": "filmkb.errors",
    **dict.fromkeys(
        ("CastCredit", "Claim", "Document", "DocumentExtraction", "Evidence", "Fact",
         "FilmExtraction", "Release", "ReviewInfo"),
        "filmkb.types",
    ),
}  # fmt: skip


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'filmkb' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))


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
