"""Read files into ``Document``s: expand paths, check bytes, decode, parse HTML.

Every failure is a ``ReadError`` naming the file and the reason; ``iter_documents``
yields it in place of the document so that one bad page never stops a batch.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from charset_normalizer import from_bytes

from filmkb.documents.html import parse_html
from filmkb.errors import ReadError
from filmkb.types import Document

MAX_BYTES = 20 * 1024 * 1024  # a web page larger than this is not a page
TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES
_MULTIBYTE = {
    "euc_kr",
    "cp949",
    "johab",
    "iso2022_kr",
    "shift_jis",
    "cp932",
    "euc_jp",
    "iso2022_jp",
    "gb2312",
    "gbk",
    "gb18030",
    "big5",
    "big5hkscs",
    "cp950",
    "hz",
    "utf_16",
    "utf_32",
}


def iter_paths(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named, and files under directories named (recursively, sorted)."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and not child.name.startswith("."):
                    yield child
        else:
            yield path


def iter_documents(paths: Iterable[str | Path]) -> Iterator[Document | ReadError]:
    """Read every file under ``paths``; bad files come out as ``ReadError`` values."""
    for path in iter_paths(paths):
        try:
            yield read_document(path)
        except ReadError as err:
            yield err


def read_document(path: str | Path, source: str | None = None) -> Document:
    path = Path(path)
    name = source or str(path)
    if not path.exists():
        raise ReadError("no such file", name)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ReadError(f"file too large ({size:,} bytes; limit {MAX_BYTES:,})", name)
        raw = path.read_bytes()
    except OSError as err:
        raise ReadError(f"cannot read file ({err.strerror})", name) from err
    return document_from_bytes(raw, name, suffix=path.suffix.lower())


def document_from_bytes(raw: bytes, source: str, suffix: str = "") -> Document:
    """Build a Document from raw bytes; ``suffix`` (".html", ".txt") picks the parser."""
    if len(raw) > MAX_BYTES:
        raise ReadError(f"file too large ({len(raw):,} bytes; limit {MAX_BYTES:,})", source)
    if not raw.strip():
        raise ReadError("empty file", source)
    if suffix and suffix not in SUFFIXES:
        if _looks_binary(raw):
            raise ReadError(f"binary file (unsupported type {suffix!r})", source)
    if _looks_binary(raw):
        raise ReadError("binary content, not text", source)
    text, encoding = decode(raw, source)
    sha = hashlib.sha256(raw).hexdigest()
    is_html = suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES and _looks_html(text))
    if is_html:
        parsed = parse_html(text, source)
        return Document(
            source=source,
            text=parsed.text,
            sha256=sha,
            media_type="text/html",
            title=parsed.title,
            structured=parsed.structured,
            meta=parsed.meta,
            encoding=encoding,
            blocks=parsed.blocks,
        )
    text = _normalize_newlines(text)
    if not text.strip():
        raise ReadError("no text after decoding", source)
    media = "text/markdown" if suffix in {".md", ".markdown"} else "text/plain"
    return Document(source=source, text=text, sha256=sha, media_type=media, encoding=encoding)


def decode(raw: bytes, source: str) -> tuple[str, str]:
    """UTF-8 (with or without BOM) first; otherwise the detected encoding."""
    for bom, enc in (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if raw.startswith(bom):
            try:
                return raw.decode(enc), enc
            except UnicodeDecodeError as err:
                raise ReadError(f"invalid {enc} text ({err.reason})", source) from err
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    results = from_bytes(raw)
    best = results.best()
    if best is not None:
        # Western web pages in a legacy code page are windows-1252 far more often than
        # windows-1250; on short text the detector cannot tell, so prefer 1252 when it fits.
        for cand in results:
            if cand.encoding in ("cp1252", "latin_1") and cand.chaos <= best.chaos + 0.05:
                best = cand
                break
    if best is None or best.encoding is None:
        raise ReadError("invalid text encoding (not UTF-8 and no other encoding fits)", source)
    text = str(best)
    # Text in a single-byte code page is mostly ASCII with a few accented letters; bytes that
    # are mostly ≥ 0x80 only make sense in a multi-byte East Asian encoding.
    high = sum(1 for b in raw if b >= 0x80) / len(raw)
    multibyte = best.encoding.lower().replace("-", "_") in _MULTIBYTE
    if high > 0.3 and not multibyte:
        raise ReadError(
            f"invalid text encoding (not UTF-8; {high:.0%} high bytes make no sense as {best.encoding})",
            source,
        )
    # A detector will always find *some* single-byte codec; refuse mojibake-looking results.
    bad = sum(1 for ch in text if (ord(ch) < 32 and ch not in "\r\n\t\f") or 0x80 <= ord(ch) < 0xA0)
    if bad > max(3, len(text) // 200):
        raise ReadError(f"invalid text encoding (best guess {best.encoding} gives garbage)", source)
    return text, best.encoding


def _looks_binary(raw: bytes) -> bool:
    head = raw[:8192]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False  # UTF-16 text has NULs
    if b"\x00" in head:
        return True
    control = sum(1 for b in head if b < 9 or 13 < b < 32)
    return control > len(head) * 0.05


def _looks_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in text)


def _normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
