"""Territories (ISO 3166-1 alpha-2) and the certification schemes that imply them."""

from __future__ import annotations

import re
from importlib import resources


def _load_countries() -> dict[str, list[str]]:
    path = resources.files("filmkb.extract") / "data" / "territories.tsv"
    out: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            code, names = line.split("\t", 1)
            out[code.strip()] = [n.strip() for n in names.split("|") if n.strip()]
    return out


def _load_adjectives() -> dict[str, str]:
    path = resources.files("filmkb.extract") / "data" / "territory_adjectives.tsv"
    out: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            code, names = line.split("\t", 1)
            out.update({n.strip().lower(): code.strip() for n in names.split("|") if n.strip()})
    return out


COUNTRIES = _load_countries()
_ADJECTIVES = _load_adjectives()
# "Ukrainian release by X", "French release on 3 May", "the UK release date": an adjective
# names the territory only before a release noun that a date, company or schedule word follows
ADJECTIVE_RELEASE_RE = re.compile(
    r"\b(?P<a>"
    + "|".join(re.escape(n) for n in sorted(_ADJECTIVES, key=len, reverse=True))
    + r")\s+(?:theatrical\s+|cinema\s+|cinematic\s+)?(?:release|premiere|opening|bow)"
    r"(?:\s+date)?\s+(?:(?:is\s+|was\s+|will\s+be\s+)?(?:set\s+|slated\s+|scheduled\s+|planned\s+)?"
    r"(?:by|on|in|for|via|through|from|date|is|was|will)\b|:)",
    re.IGNORECASE,
)
_NAME_TO_CODE = {name.lower(): code for code, names in COUNTRIES.items() for name in names}
COUNTRY_RE = re.compile(
    r"\b(?:"
    + "|".join(re.escape(n) for n in sorted(_NAME_TO_CODE, key=len, reverse=True))
    + r")\b",
    re.IGNORECASE,
)


def find_territories(text: str) -> list[tuple[str, int, int]]:
    """(code, start, end) for each country named in ``text`` as a place ("in the Philippines").

    Demonyms ("Korean film") are not places. "South Korea" counts only where the text says
    "in South Korea"/"South Korean cinemas"-style; plain "Korea" in "North and South Korea" is a
    subject, not a release territory, so it counts only after a place preposition.
    """
    out = []
    for m in COUNTRY_RE.finditer(text):
        word = m.group()
        if (
            text[m.end() : m.end() + 2].lower() in {"an", "n "}
            or text[m.end() : m.end() + 1] == "n"
        ):
            continue  # "Korean", "American"
        code = _NAME_TO_CODE[word.lower()]
        before = text[max(0, m.start() - 12) : m.start()].lower()
        after = text[m.end() : m.end() + 30].lower()
        if (
            code in {"KR", "KP", "US", "CN", "JP", "IN"}
            and not re.search(r"\b(?:in|across|to|throughout)\s+(?:the\s+)?$", before)
            and not _RELEASE_NOUN.match(after)
        ):
            continue
        out.append((code, m.start(), m.end()))
    for m in ADJECTIVE_RELEASE_RE.finditer(text):
        if not any(s <= m.start("a") < e for _, s, e in out):
            out.append((_ADJECTIVES[m.group("a").lower()], m.start("a"), m.end("a")))
    out.sort(key=lambda t: t[1])
    return out


_RELEASE_NOUN = re.compile(
    r"\s*(?:theatrical\s+|cinema\s+|home\s+)?(?:release|rights|distribut|premiere|opening|debut)"
)


def territory_named(text: str) -> str | None:
    """The one country a short label or value names ("Singapore Release Date", "(USA)")."""
    codes = {
        _NAME_TO_CODE[m.group().lower()]
        for m in COUNTRY_RE.finditer(text)
        if not text[m.end() : m.end() + 1].isalpha()
    }
    return codes.pop() if len(codes) == 1 else None


# certification → territory it implies (only certifications that one scheme alone uses)
_CERT_TERRITORY = [
    (r"NC-?16|M-?18|R-?21|PG-?13(?=\s*\()", "SG"),
    (r"MA\s?15\+|R\s?18\+|M15\+", "AU"),
    (r"12A|BBFC\s*\w+", "GB"),
    (r"PG-13|NC-17|TV-MA|TV-14|TV-PG", "US"),
    (r"R-13|R-16|R-18", "PH"),
    (r"U/A|UA\s?\d+\+?", "IN"),
    (r"14A|18A", "CA"),
    (r"18SG|18SX|18PA|18PL|P13", "MY"),
    (r"IIA|IIB", "HK"),
]
CERT_PATTERN = (
    r"(?:NC-?16|M-?18|R-?21|PG-?13|NC-17|MA\s?15\+|R\s?18\+|M15\+|12A|R-1[368]|R-18"
    r"|TV-(?:MA|14|PG|G|Y7?)|U/A|UA\s?\d+\+?|14A|18A|18SG|18SX|18PA|18PL|P13|IIA|IIB|III"
    r"|PG|G|R|M|U|12|15|18|A)"
)
CERT_RE = re.compile(rf"^{CERT_PATTERN}$")


def normalize_certification(raw: str) -> str | None:
    value = raw.strip().strip(".,;:()").upper().replace(" ", "")
    value = {"PG13": "PG-13", "NC17": "NC-17"}.get(value, value)
    if CERT_RE.match(value):
        return value
    return None


def _load_boards() -> dict[str, str]:
    """Name of a rating body (as written: "BBFC", "Eirin") → its territory."""
    path = resources.files("filmkb.extract") / "data" / "rating_boards.tsv"
    out: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            code, names = line.split("\t", 1)
            out.update({n.strip(): code.strip() for n in names.split("|") if n.strip()})
    return out


_BOARDS = _load_boards()
_BOARD_RE = re.compile(  # case-sensitive: "MPA", not "mpa"
    r"\b(?:" + "|".join(re.escape(n) for n in sorted(_BOARDS, key=len, reverse=True)) + r")\b"
)


def territory_of_board(text: str) -> str | None:
    """The territory whose rating body ``text`` names first ("by the BBFC" → GB)."""
    m = _BOARD_RE.search(text)
    return _BOARDS[m.group()] if m else None


def territory_for_certification(cert: str) -> str | None:
    for pattern, code in _CERT_TERRITORY:
        if re.fullmatch(pattern, cert):
            return code
    if cert == "R":
        return "US"
    return None
