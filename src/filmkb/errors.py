"""Errors with stable codes (E0xx reading, E1xx extraction, E2xx store, E3xx serve).

A ``ReadError`` carries the code of its reason (``NO_SUCH_FILE``, ``TOO_LARGE``, …) so
that a batch report can be grouped by reason; the class code is the catch-all.
"""

from __future__ import annotations

# reading (E0xx): one code per reason
CANNOT_READ = "E001"  # an OS error while opening or reading
NO_SUCH_FILE = "E002"
NOT_REGULAR = "E003"  # a FIFO, device, socket or directory where a page was expected
OUTSIDE_ROOT = "E004"  # a symlink leading out of the folders given
TOO_LARGE = "E005"
EMPTY = "E006"
BINARY = "E007"
BAD_ENCODING = "E008"
BAD_HTML = "E009"
NO_TEXT = "E010"
RESERVED = "E011"  # a source name filmkb keeps for itself ("user:")
NOT_A_PAGE = "E012"  # a folder walk passes over files that are not pages (.css, .jpg, .db)
# extraction (E1xx)
EXTRACTOR_FAILED = "E100"  # an extractor raised (a bug): the page is skipped
TIME_LIMIT = "E102"
MEMORY_LIMIT = "E103"
WORKER_DIED = "E104"


class FilmKBError(Exception):
    code = "E000"

    def __init__(self, message: str, source: str | None = None, code: str | None = None):
        self.source = source
        self.message = message
        if code is not None:
            self.code = code
        super().__init__(f"{source}: {message}" if source else message)

    def __reduce__(self) -> tuple[type, tuple[str, str | None, str]]:
        return (self.__class__, (self.message, self.source, self.code))  # source, code survive


class ReadError(FilmKBError):
    """A document could not be read (binary, empty, too large, undecodable, unparsable)."""

    code = CANNOT_READ


class UndeclaredFact(FilmKBError):
    """An extractor added a property its component does not declare in ``assigns``."""

    code = "E101"


class ExtractError(FilmKBError):
    """Extraction of one document failed: an extractor bug or a time / memory limit."""

    code = EXTRACTOR_FAILED


class StoreError(FilmKBError):
    code = "E200"


class NotFound(FilmKBError):
    code = "E301"


class AmbiguousSource(FilmKBError):
    """A reference (a file name) matches more than one stored thing; ``candidates`` lists them."""

    code = "E304"

    def __init__(self, message: str, candidates: list[str]):
        self.candidates = candidates
        super().__init__(message)
