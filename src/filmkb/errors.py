"""Errors with stable codes (E0xx reading, E1xx extraction, E2xx store, E3xx serve)."""

from __future__ import annotations


class FilmKBError(Exception):
    code = "E000"

    def __init__(self, message: str, source: str | None = None):
        self.source = source
        self.message = message
        super().__init__(f"{source}: {message}" if source else message)


class ReadError(FilmKBError):
    """A document could not be read (binary, empty, too large, undecodable, unparsable)."""

    code = "E001"


class UndeclaredFact(FilmKBError):
    """An extractor added a property its component does not declare in ``assigns``."""

    code = "E101"


class StoreError(FilmKBError):
    code = "E200"


class NotFound(FilmKBError):
    code = "E301"
