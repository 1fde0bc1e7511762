"""Documents in: read .txt / .md / .html files (and directories) into ``Document``s.

Stage order: ``iter_inputs`` (expand directories: page types only, symlinks kept inside the
folders given) → ``read_bytes`` (regular files only, at most the limit + 1 byte) →
``decode`` (encoding detection, control characters stripped) → ``parse_html`` (main text,
JSON-LD, OpenGraph) → ``Document``.
"""

from filmkb.documents.read import (
    MAX_BYTES,
    Input,
    iter_documents,
    iter_inputs,
    iter_paths,
    read_document,
    read_input,
)

__all__ = [
    "MAX_BYTES",
    "Input",
    "iter_documents",
    "iter_inputs",
    "iter_paths",
    "read_document",
    "read_input",
]
