"""Date expressions → ISO strings with precision ("2024-07-11", "2024-07", "2024", "--07-17")."""

from __future__ import annotations

import re
from dataclasses import dataclass

MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"

DATE_PATTERNS = [
    re.compile(rf"\b{_YEAR}[-/.](?P<m2>[01]\d)[-/.](?P<d2>[0-3]\d)\b"),
    re.compile(rf"\b{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?\b"),
    re.compile(rf"\b{_DAY}(?:\s+of)?\s+{_MONTH}(?:,?\s+{_YEAR})?\b"),
    # "21-Jul-2023", "05-Sep-19" is not read (two-digit years are ambiguous)
    re.compile(rf"\b(?P<day>[0-3]?\d)-{_MONTH[:-3]}-{_YEAR}\b"),
    re.compile(rf"\b{_MONTH},?\s+{_YEAR}\b"),
    re.compile(rf"(?P<ko>{_YEAR}년\s*(?P<km>[01]?\d)월(?:\s*(?P<kd>[0-3]?\d)일)?)"),
    # day.month.year with dots, as most of Europe writes it: "14.09.2017"
    re.compile(rf"(?<![\d.])(?P<d3>[0-3]?\d)\.(?P<m3>[01]?\d)\.{_YEAR}\b"),
]


@dataclass(frozen=True)
class DateMatch:
    iso: str
    precision: str  # day | month | year
    start: int
    end: int
    has_year: bool
    inferred: bool = False  # the year came from the document's context


def find_dates(text: str, offset: int = 0) -> list[DateMatch]:
    """Every date expression in ``text`` (non-overlapping, longest first)."""
    found: list[DateMatch] = []
    taken: list[tuple[int, int]] = []
    for pattern in DATE_PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            parsed = _parse(m)
            if parsed is None:
                continue
            iso, precision, has_year = parsed
            taken.append((m.start(), m.end()))
            found.append(DateMatch(iso, precision, offset + m.start(), offset + m.end(), has_year))
    return sorted(found, key=lambda d: d.start)


def _parse(m: re.Match[str]) -> tuple[str, str, bool] | None:
    g = m.groupdict()
    month: int | None
    day: int | None
    year: int | None
    if g.get("m2"):
        month, day, year = int(g["m2"]), int(g["d2"]), int(g["year"])
    elif g.get("m3"):
        month, day, year = int(g["m3"]), int(g["d3"]), int(g["year"])
    elif g.get("ko"):
        year, month = int(g["year"]), int(g["km"])
        day = int(g["kd"]) if g.get("kd") else None
    else:
        month = MONTHS.get(g["month"].lower().rstrip("."))
        if month is None:
            return None
        day = int(g["day"]) if g.get("day") else None
        year = int(g["year"]) if g.get("year") else None
        if g["month"].lower() == "may" and day is None:
            # "May 2024" is fine; bare "may" is a verb and never reaches here without a number
            pass
    if not 1 <= month <= 12 or (day is not None and not 1 <= day <= 31):
        return None
    if year is None and day is None:
        return None
    if year is None:
        return f"--{month:02d}-{day:02d}", "day", False
    if day is None:
        return f"{year:04d}-{month:02d}", "month", True
    return f"{year:04d}-{month:02d}-{day:02d}", "day", True


def with_year(iso: str, year: int) -> str:
    """ "--07-17" + 2024 → "2024-07-17"."""
    return f"{year:04d}{iso[1:]}" if iso.startswith("--") else iso
