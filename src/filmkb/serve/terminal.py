"""Text taken from files (file names, titles, names) made safe to print on a terminal.

A file name may hold a newline (which would forge a line of output), an ESC (which would
drive the terminal), or ``[red]`` (which rich would read as markup). ``safe`` shows control
characters as escapes (``\\n``, ``\\x1b``, ``\\u202e``) and escapes rich markup; every
command prints what came from a file through it.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from rich.markup import escape

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape_char(ch: str) -> str:
    if ch in _NAMED:
        return _NAMED[ch]
    code = ord(ch)
    if code < 0x20 or 0x7F <= code < 0xA0:
        return f"\\x{code:02x}"
    if unicodedata.category(ch) in ("Cf", "Zl", "Zp", "Co", "Cs", "Cn"):
        return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"  # bidi overrides, …
    return ch


def plain(value: Any) -> str:
    """``value`` as one line with every control / format character escaped (no markup)."""
    text = "" if value is None else str(value)
    if text.isprintable():
        return text
    return "".join(_escape_char(ch) for ch in text)


def safe(value: Any) -> str:
    """``plain(value)`` with rich markup escaped, for ``Console.print`` and table cells."""
    return escape(plain(value))
