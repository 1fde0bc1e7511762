"""Per-document extraction: ``Document`` → ``DocumentExtraction`` (typed facts with evidence).

PLACEHOLDER while the extractors are written: the signatures are the contract.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from filmkb.documents import iter_documents
from filmkb.errors import ReadError
from filmkb.types import Document, DocumentExtraction

EXTRACTOR_VERSION = "0.1.0"


def extract_document(document: Document) -> DocumentExtraction:
    """All facts one document states, films[0] being the film the page is about."""
    return DocumentExtraction(document=document)


def extract_paths(paths: Iterable[str | Path]) -> Iterator[DocumentExtraction | ReadError]:
    for item in iter_documents(paths):
        yield item if isinstance(item, ReadError) else extract_document(item)
