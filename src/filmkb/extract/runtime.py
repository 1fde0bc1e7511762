"""Runtime: "1 hr 34 mins", "94 minutes", "this 94 minute movie", "1h 34m", "runs 94 min"."""

from __future__ import annotations

import re

from filmkb.extract.base import Context, Found

_HM = re.compile(
    r"\b(?P<h>[1-4])\s*(?:hours?|hrs?|h)\.?,?\s*(?:and\s*)?"
    r"(?:(?P<m>[0-5]?\d)(?:\s*(?:minutes?|mins?|m)\b\.?|(?<=h\d\d)(?!\d)|(?<=h\d)(?!\d)))?",  # 1h37
    re.IGNORECASE,
)
_M = re.compile(r"\b(?P<m>[4-9]\d|1\d\d|2\d\d)[\s\-]*(?:minutes?|mins?|min)\b\.?", re.IGNORECASE)
_PROSE = re.compile(
    r"(?:\b(?:runtime|running time|run time|runs|running|clocking in at|clocks in at|lasts|length"
    r"|duration)(?![a-z])[^.\n]{0,25}?(?P<a>\d+\s*(?:hours?|hrs?|h)\.?(?:,?\s*(?:and\s*)?\d+\s*(?:minutes?|mins?|m)\b)?"
    r"|\d+\s*(?:minutes?|mins?)\b)"
    r"|(?P<b>\b(?:[4-9]\d|1\d\d|2\d\d)[\s\-]minutes?[\s\-](?:long\s+)?(?:movie|film|feature|runtime|running time|drama|thriller|epic|picture)\b)"
    r"|(?P<c>\b(?:[4-9]\d|1\d\d|2\d\d)\s*(?:min|mins|minutes)\.?\s*(?:\)|$))"
    # a field of a credits line: "Dir. X | 2025 | UK/Ireland | 1h 47m", "1951, · 101 min ·",
    # "Dir. X · Ukraine 2025 · 94'"
    r"|(?:^|[|·•,/]\s*)(?P<d>[1-4]\s*(?:h|hrs?|hours?)\.?\s*[0-5]?\d\s*(?:m|mins?|minutes?)\.?"
    r"|(?:[4-9]\d|1\d\d|2\d\d)\s*(?:min|mins|minutes)\.?|(?:[4-9]\d|1\d\d|2\d\d)['’′])"
    r"[ \t]*(?=[|·•,/]|$))"
    # a line of its own: "• 104'", "106 minutes B&W"
    r"|^[ \t]*(?:[•*·\-][ \t]*)?(?P<e>(?:[4-9]\d|1\d\d|2\d\d)[ \t]*(?:['’′]|min\.?|mins\.?|minutes))"
    r"(?:[ \t]+(?:B&W|b/w|colou?r|black and white))?[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)


def parse_runtime(text: str) -> int | None:
    """Minutes in a runtime string, or None when it does not read as a film's length."""
    m = _HM.search(text)
    if m:
        minutes = int(m.group("h")) * 60 + int(m.group("m") or 0)
        return minutes if 40 <= minutes <= 300 else None
    m = _M.search(text)
    if m:
        minutes = int(m.group("m"))
        return minutes if 40 <= minutes <= 300 else None
    return None


def extract_runtime(ctx: Context) -> None:
    if any(f.prop == "runtime_min" for f in ctx.found):
        return
    for m in _PROSE.finditer(ctx.text):
        group = next(g for g in ("a", "b", "c", "d", "e") if m.group(g))
        value = re.sub(r"[\s]*['’′]$", " min", m.group(group))  # 104' = 104 minutes
        minutes = parse_runtime(value)
        if minutes:
            ctx.add(
                Found("runtime_min", minutes, m.start(group), m.end(group), "runtime.prose", 0.8)
            )
            return
