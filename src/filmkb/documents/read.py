"""Read files into ``Document``s: walk the paths given, read bytes safely, decode, parse HTML.

Stages: ``iter_inputs`` (expand folders: page types only, symlinks kept inside the folders
given) → ``read_bytes`` (regular files only, never more than the limit + 1 byte, never
blocking on a FIFO) → ``decode`` (BOM, UTF-16, UTF-8 with replacement characters when it
is mostly UTF-8, a legacy code page only on clear evidence; control characters stripped) →
``parse_html`` → ``Document``.

Every failure is a ``ReadError`` naming the file, the reason and its code
(``filmkb.errors``); ``iter_documents`` yields it in place of the document so that one bad
page never stops a batch. A document's ``source`` is canonical: the resolved absolute path.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

from filmkb import errors
from filmkb.documents.html import parse_html
from filmkb.errors import ReadError
from filmkb.types import Document

MAX_BYTES = 20 * 1024 * 1024  # a web page larger than this is not a page
TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES  # the page types a folder walk reads
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
NOT_A_PAGE = "not a page type"  # the reason given to files a folder walk passes over
_READ_CHUNK = 1 << 20


@dataclass(frozen=True)
class Input:
    """One file to read (or a reason not to): ``path`` as found, ``source`` canonical."""

    path: Path
    source: str
    skipped: str | None = None  # why it is not read
    code: str | None = None  # the error code of that reason

    @property
    def is_page_type(self) -> bool:
        return self.skipped != NOT_A_PAGE


def iter_inputs(paths: Iterable[str | Path]) -> Iterator[Input]:
    """Files named, and page files under folders named (recursively, sorted).

    A folder walk reads only page types (``SUFFIXES``), skips hidden names, does not
    follow symlinked folders, and reads a symlinked file only when its target lies inside
    the folder given. A file named on its own is read whatever its name.
    """
    for raw in paths:
        path = Path(raw)
        if not os.path.lexists(path):
            yield Input(path, str(path), "no such file or directory", errors.NO_SUCH_FILE)
        elif path.is_dir():
            yield from _walk(path)
        elif not path.exists():
            yield Input(path, str(path), "broken symlink", errors.NO_SUCH_FILE)
        else:
            yield Input(path, str(path.resolve()))


def _walk(folder: Path) -> Iterator[Input]:
    root = folder.resolve()
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        here = Path(dirpath)
        real_here = root / here.relative_to(folder)
        entries = sorted(
            [(name, True) for name in dirnames] + [(name, False) for name in filenames]
        )
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name, is_dir in entries:
            if name.startswith("."):
                continue
            path = here / name
            if path.is_symlink():
                target = path.resolve()
                if not target.exists():
                    yield Input(path, str(path), "broken symlink", errors.NO_SUCH_FILE)
                elif not _inside(target, root):
                    reason = f"symlink leads outside {folder} (to {target})"
                    yield Input(path, str(target), reason, errors.OUTSIDE_ROOT)
                elif not target.is_dir():  # a folder inside is walked on its own
                    yield _page_input(path, str(target))
            elif not is_dir:
                yield _page_input(path, str(real_here / name))


def _page_input(path: Path, source: str) -> Input:
    if path.suffix.lower() in SUFFIXES:
        return Input(path, source)
    return Input(path, source, NOT_A_PAGE, errors.NOT_A_PAGE)


def _inside(target: Path, root: Path) -> bool:
    return target == root or root in target.parents


def iter_paths(paths: Iterable[str | Path]) -> Iterator[Path]:
    """The files ``iter_inputs`` would read (page types under folders; files named)."""
    for item in iter_inputs(paths):
        if item.skipped is None:
            yield item.path


def iter_documents(
    paths: Iterable[str | Path], max_bytes: int = MAX_BYTES
) -> Iterator[Document | ReadError]:
    """Read every page under ``paths``; bad files come out as ``ReadError`` values.

    Files a folder walk passes over (not a page type) are left out silently."""
    for item in iter_inputs(paths):
        if not item.is_page_type:
            continue
        try:
            yield read_input(item, max_bytes)
        except ReadError as err:
            yield err


def read_input(item: Input, max_bytes: int = MAX_BYTES) -> Document:
    """Read one ``Input``; its skip reason, if any, is raised as a ``ReadError``."""
    if item.skipped is not None:
        raise ReadError(item.skipped, str(item.path), item.code)
    return read_document(item.path, source=item.source, max_bytes=max_bytes)


def read_document(
    path: str | Path, source: str | None = None, max_bytes: int = MAX_BYTES
) -> Document:
    """Read one file; ``source`` defaults to its resolved absolute path."""
    path = Path(path)
    if source is None:
        source = str(path.resolve()) if path.exists() else str(path)
    raw = read_bytes(path, max_bytes)
    return document_from_bytes(raw, source, suffix=path.suffix.lower(), max_bytes=max_bytes)


def read_bytes(path: Path, max_bytes: int = MAX_BYTES) -> bytes:
    """At most ``max_bytes`` of a regular file (more is an error); FIFOs and devices refused.

    ``st_size`` is not trusted (``/proc`` files, growing files): the read stops at
    ``max_bytes + 1``. The file is opened non-blocking, so a FIFO cannot hang the reader.
    """
    name = str(path)
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError as err:
        raise ReadError("no such file or directory", name, errors.NO_SUCH_FILE) from err
    except OSError as err:
        raise ReadError(f"cannot read file ({err.strerror})", name, errors.CANNOT_READ) from err
    if not stat.S_ISREG(mode):
        raise ReadError(f"not a regular file ({_kind(mode)})", name, errors.NOT_REGULAR)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as err:
        raise ReadError(f"cannot read file ({err.strerror})", name, errors.CANNOT_READ) from err
    try:
        mode = os.fstat(fd).st_mode  # the file may have been swapped since the stat
        if not stat.S_ISREG(mode):
            raise ReadError(f"not a regular file ({_kind(mode)})", name, errors.NOT_REGULAR)
        chunks: list[bytes] = []
        total = 0
        while total <= max_bytes:
            chunk = os.read(fd, min(_READ_CHUNK, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except BlockingIOError as err:
        raise ReadError("cannot read file (it would block)", name, errors.NOT_REGULAR) from err
    except OSError as err:
        raise ReadError(f"cannot read file ({err.strerror})", name, errors.CANNOT_READ) from err
    finally:
        os.close(fd)
    if total > max_bytes:
        raise ReadError(_too_large(max_bytes), name, errors.TOO_LARGE)
    return b"".join(chunks)


def _kind(mode: int) -> str:
    for test, kind in (
        (stat.S_ISDIR, "a directory"),
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return kind
    return "not a file"


def _too_large(max_bytes: int) -> str:
    return f"file too large (more than {max_bytes:,} bytes; limit --max-bytes {max_bytes:,})"


def document_from_bytes(
    raw: bytes, source: str, suffix: str = "", max_bytes: int = MAX_BYTES
) -> Document:
    """Build a Document from raw bytes; ``suffix`` (".html", ".txt") picks the parser."""
    if len(raw) > max_bytes:
        raise ReadError(_too_large(max_bytes), source, errors.TOO_LARGE)
    if not raw.strip():
        raise ReadError("empty file", source, errors.EMPTY)
    utf16 = _utf16_without_bom(raw)
    if utf16 is None and _looks_binary(raw):
        kind = f" (unsupported type {suffix!r})" if suffix and suffix not in SUFFIXES else ""
        raise ReadError(f"binary content, not text{kind}", source, errors.BINARY)
    text, encoding = decode(raw, source, utf16)
    text = strip_controls(text)
    sha = hashlib.sha256(raw).hexdigest()
    is_html = suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES and _looks_html(text))
    if is_html:
        parsed = parse_html(text, source)
        return Document(
            source=source,
            text=parsed.text,
            sha256=sha,
            media_type="text/html",
            title=strip_controls(parsed.title) if parsed.title else parsed.title,
            structured=parsed.structured,
            meta=parsed.meta,
            encoding=encoding,
            blocks=parsed.blocks,
            size=len(raw),
        )
    if not text.strip():
        raise ReadError("no text after decoding", source, errors.NO_TEXT)
    media = "text/markdown" if suffix in {".md", ".markdown"} else "text/plain"
    return Document(
        source=source, text=text, sha256=sha, media_type=media, encoding=encoding, size=len(raw)
    )


# --- decoding ---------------------------------------------------------------------------------

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE, whose BOM is its prefix
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]{2,40})""", re.I
)


def decode(raw: bytes, source: str, utf16: str | None = None) -> tuple[str, str]:
    """Bytes → text, choosing a legacy encoding only on clear evidence.

    In order: a byte-order mark; UTF-16 without BOM (``utf16``, from the NUL pattern);
    valid UTF-8; a ``<meta charset>`` the page declares; UTF-8 with replacement characters
    when most non-ASCII sequences are valid UTF-8 (one stray 0xFF byte does not make a page
    Mac-Roman); otherwise the detected encoding, refused when it gives garbage.
    """
    for bom, enc in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(enc), enc
            except UnicodeDecodeError as err:
                raise ReadError(
                    f"invalid {enc} text ({err.reason})", source, errors.BAD_ENCODING
                ) from err
    if utf16 is not None:
        return raw.decode(utf16, errors="replace"), utf16
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    declared = _declared_charset(raw)
    if declared is not None and declared != "utf-8":
        return raw.decode(declared, errors="replace"), declared
    text = raw.decode("utf-8", errors="replace")
    replaced = text.count("\ufffd")
    valid = sum(1 for ch in text if ord(ch) > 0x7F) - replaced
    if declared == "utf-8" or valid >= max(1, replaced):
        return text, "utf-8"
    try:
        return _detect(raw, source)
    except ReadError:
        if replaced <= max(3, len(raw) // 1000):  # ASCII with a stray byte or two
            return text, "utf-8"
        raise


def _declared_charset(raw: bytes) -> str | None:
    """The codec a page's ``<meta charset>`` names (normalised), if Python knows it."""
    match = _META_CHARSET.search(raw[:4096])
    if match is None:
        return None
    try:
        name = codecs.lookup(match.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None
    return "utf-8" if name in ("utf-8", "utf-8-sig") else name


def _detect(raw: bytes, source: str) -> tuple[str, str]:
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
        raise ReadError(
            "invalid text encoding (not UTF-8 and no other encoding fits)",
            source,
            errors.BAD_ENCODING,
        )
    text = str(best)
    # Text in a single-byte code page is mostly ASCII with a few accented letters; bytes that
    # are mostly ≥ 0x80 only make sense in a multi-byte East Asian encoding.
    high = sum(1 for b in raw if b >= 0x80) / len(raw)
    multibyte = best.encoding.lower().replace("-", "_") in _MULTIBYTE
    if high > 0.3 and not multibyte:
        raise ReadError(
            f"invalid text encoding (not UTF-8; {high:.0%} high bytes make no sense as {best.encoding})",
            source,
            errors.BAD_ENCODING,
        )
    # A detector will always find *some* single-byte codec; refuse mojibake-looking results.
    bad = sum(1 for ch in text if (ord(ch) < 32 and ch not in "\r\n\t\f") or 0x80 <= ord(ch) < 0xA0)
    if bad > max(3, len(text) // 200):
        raise ReadError(
            f"invalid text encoding (best guess {best.encoding} gives garbage)",
            source,
            errors.BAD_ENCODING,
        )
    return text, best.encoding


def _utf16_without_bom(raw: bytes) -> str | None:
    """``utf-16-le`` / ``utf-16-be`` when the bytes look like mostly-ASCII UTF-16 (every
    other byte NUL), else None."""
    head = raw[:8192]
    if len(head) < 8 or len(raw) % 2:
        return None
    even, odd = head[0::2], head[1::2]
    zeros_even, zeros_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    if zeros_odd > 0.4 and zeros_even < 0.05:
        return "utf-16-le"
    if zeros_even > 0.4 and zeros_odd < 0.05:
        return "utf-16-be"
    return None


# C0 controls but \n \t (\r becomes \n), DEL and C1 controls: never part of a page's text
_CONTROLS_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x9f]+")
_ASCII_CONTROLS = {c: None for c in (*range(0, 9), 11, 12, *range(14, 32), 127)}


def strip_controls(text: str) -> str:
    """Text without NUL and control characters; CR LF and CR become LF; no leading BOM."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.isascii():  # str.translate is fast on ASCII only (~10x slower than re otherwise)
        return text.translate(_ASCII_CONTROLS)
    return _CONTROLS_RE.sub("", text).lstrip("\ufeff")


def _looks_binary(raw: bytes) -> bool:
    head = raw[:8192]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False  # UTF-16 text has NULs
    nul = head.count(0)
    control = sum(1 for b in head if b < 9 or 13 < b < 32)
    # a stray NUL is stripped later; NUL-ridden or control-heavy bytes are not text
    return nul > max(8, len(head) // 64) or control > len(head) * 0.05


def _looks_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in text)
