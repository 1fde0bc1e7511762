"""Documents in: read .txt / .md / .html files (and directories) into ``Document``s.

Stage order: ``iter_paths`` (expand directories) → ``read_bytes`` (size / binary checks)
→ ``decode`` (encoding detection) → ``parse_html`` (main text via trafilatura, JSON-LD,
OpenGraph) → ``Document``.
"""

from filmkb.documents.read import MAX_BYTES, iter_documents, iter_paths, read_document

__all__ = ["MAX_BYTES", "iter_documents", "iter_paths", "read_document"]
