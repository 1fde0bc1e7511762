"""Read a review feed (CSV or JSON Lines) into ``Review`` objects.

Columns / keys: film_title, film_year, author, outlet, date, score, verdict, text (plus
optional url, id). Only film_title and text are required. Each review gets its normalised
score; a missing verdict comes from the score when there is one, else from the text model.
A bad row becomes a ``FeedError(line, reason)`` and is skipped; a file that cannot be read
at all raises ``filmkb.errors.ReadError`` naming the file.

``read_feed`` gives the same rows with where each lies in the file's text (``FeedRow``: line,
character span, review or reason) and the file's sha256, for storing a feed as a document.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date as Date
from pathlib import Path
from typing import Any

from filmkb.errors import ReadError
from filmkb.reviews.review import Review
from filmkb.reviews.scores import normalize_score, verdict_from_score
from filmkb.reviews.verdict import classify_verdict

COLUMNS = ("film_title", "film_year", "author", "outlet", "date", "score", "verdict", "text")
REQUIRED = ("film_title", "text")
VERDICTS = ("positive", "mixed", "negative")
MAX_BYTES = 200 * 1024 * 1024

_MONTHS = {
    name: i + 1
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ]
    )
    for name in names
}


@dataclass
class FeedError:
    line: int  # 1-based line of the file where the bad row starts
    reason: str


@dataclass
class FeedRow:
    """One row of a feed: its review, or the reason it is skipped; ``text[start:end]`` is it."""

    line: int  # 1-based line where the row starts
    start: int
    end: int
    review: Review | None = None
    error: str | None = None


@dataclass
class Feed:
    text: str  # the file's text (BOM removed); every row's span indexes into it
    sha256: str  # of the file's bytes
    rows: list[FeedRow]
    media_type: str = "text/csv"  # or application/x-ndjson


def read_review_feed(path: str | Path) -> tuple[list[Review], list[FeedError]]:
    """The reviews of a CSV / JSONL feed and the rows that were skipped, with reasons."""
    feed = read_feed(path)
    reviews = [row.review for row in feed.rows if row.review is not None]
    errors = [FeedError(row.line, row.error) for row in feed.rows if row.error is not None]
    return reviews, errors


def read_feed(path: str | Path) -> Feed:
    """Every row of a CSV / JSONL feed with its character span in the file's text."""
    path = Path(path)
    data = _read_bytes(path)
    text = _decode(data, path)
    jsonl = _is_jsonl(path, text)
    if jsonl:
        rows, breaks = _jsonl_rows(text), _line_starts(text.splitlines(keepends=True))
    else:
        rows, breaks = _csv_rows(text, path), _line_starts(io.StringIO(text, newline=""))
    out: list[FeedRow] = []
    for line, last, row in rows:
        start, end = breaks[line - 1], breaks[min(last, len(breaks) - 1)]
        end = start + len(text[start:end].rstrip("\r\n"))
        if isinstance(row, str):
            out.append(FeedRow(line, start, end, error=row))
            continue
        try:
            out.append(FeedRow(line, start, end, review=_to_review(row, f"{path.name}:{line}")))
        except ValueError as exc:
            out.append(FeedRow(line, start, end, error=str(exc)))
    media = "application/x-ndjson" if jsonl else "text/csv"
    return Feed(text, hashlib.sha256(data).hexdigest(), out, media)


def _line_starts(lines: Iterable[str]) -> list[int]:
    """Offset of the start of each line, then the end of the text."""
    starts = [0]
    for piece in lines:
        starts.append(starts[-1] + len(piece))
    return starts


def _read_bytes(path: Path) -> bytes:
    try:
        if path.stat().st_size > MAX_BYTES:
            raise ReadError(f"feed is larger than {MAX_BYTES // 2**20} MiB", str(path))
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(f"cannot read review feed: {exc.strerror or exc}", str(path)) from exc
    return data


def _decode(data: bytes, path: Path) -> str:
    if b"\x00" in data[:4096]:
        raise ReadError("review feed is binary, expected CSV or JSON Lines", str(path))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReadError(f"review feed is not UTF-8 ({exc.reason})", str(path)) from exc
    if not text.strip():
        raise ReadError("review feed is empty", str(path))
    return text


def _is_jsonl(path: Path, text: str) -> bool:
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson", ".json"):
        return True
    if suffix in (".csv", ".tsv"):
        return False
    return text.lstrip().startswith("{")


def _jsonl_rows(text: str) -> list[tuple[int, int, dict[str, Any] | str]]:
    """(first line, last line, row or reason) for each non-blank line."""
    rows: list[tuple[int, int, dict[str, Any] | str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            rows.append((number, number, f"invalid JSON: {exc.msg}"))
            continue
        if not isinstance(value, dict):
            rows.append((number, number, "expected a JSON object"))
            continue
        rows.append((number, number, value))
    return rows


def _csv_rows(text: str, path: Path) -> list[tuple[int, int, dict[str, Any] | str]]:
    """(first line, last line, row or reason) for each non-blank record after the header."""
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [name.strip().lower() for name in next(reader)]
    except (csv.Error, StopIteration) as exc:
        raise ReadError(f"cannot read CSV header: {exc}", str(path)) from exc
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise ReadError(f"review feed lacks required column(s): {', '.join(missing)}", str(path))
    rows: list[tuple[int, int, dict[str, Any] | str]] = []
    start = reader.line_num + 1
    while True:
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            rows.append((start, reader.line_num, f"malformed CSV: {exc}"))
            start = reader.line_num + 1
            continue
        line, start = start, reader.line_num + 1
        if not any(v.strip() for v in values):
            continue
        if len(values) > len(header):
            rows.append((line, start - 1, f"{len(values)} fields, header has {len(header)}"))
            continue
        rows.append((line, start - 1, dict(zip(header, values, strict=False))))
    return rows


def _to_review(row: dict[str, Any], source: str) -> Review:
    title = _text(row.get("film_title"))
    if not title:
        raise ValueError("film_title is missing")
    body = _text(row.get("text"))
    if not body:
        raise ValueError("text is missing")
    score = _text(row.get("score"))
    normalized = normalize_score(score) if score else None
    verdict = _text(row.get("verdict"))
    if verdict:
        verdict = verdict.lower()
        if verdict not in VERDICTS:
            raise ValueError(f"verdict {verdict!r} is not one of {', '.join(VERDICTS)}")
    elif normalized is not None:
        verdict = verdict_from_score(normalized)
    else:
        verdict = classify_verdict(body).label
    return Review(
        film_title=title,
        film_year=_year(row.get("film_year")),
        author=_text(row.get("author")),
        outlet=_text(row.get("outlet")),
        date=_date(row.get("date")),
        score=score,
        score_normalized=normalized,
        verdict=verdict,
        text=body,
        source=source,
        url=_text(row.get("url")),
        id=_text(row.get("id")),
    )


def _text(value: Any) -> str | None:
    if value is None:
        return None
    value = str(value).strip()
    return value or None


def _year(value: Any) -> int | None:
    value = _text(value)
    if value is None:
        return None
    if not re.fullmatch(r"\d{4}(?:\.0)?", value) or not 1870 <= int(float(value)) <= 2100:
        raise ValueError(f"film_year {value!r} is not a year")
    return int(float(value))


def _date(value: Any) -> str | None:
    """ISO date (YYYY-MM-DD, YYYY-MM or YYYY) from the common printed forms."""
    value = _text(value)
    if value is None:
        return None
    if m := re.fullmatch(r"(\d{4})(?:[-/](\d{1,2})(?:[-/](\d{1,2}))?)?(?:[T ].*)?", value):
        year, month, day = m.group(1), m.group(2), m.group(3)
        return _iso(int(year), int(month) if month else None, int(day) if day else None, value)
    words = re.findall(r"[a-z]+|\d+", value.lower())
    months = [_MONTHS[w] for w in words if w in _MONTHS]
    numbers = [int(w) for w in words if w.isdigit()]
    years = [n for n in numbers if n >= 1000]
    days = [n for n in numbers if n < 32]
    if len(months) == 1 and len(years) == 1 and len(days) <= 1:
        return _iso(years[0], months[0], days[0] if days else None, value)
    raise ValueError(f"date {value!r} is not understood")


def _iso(year: int, month: int | None, day: int | None, raw: str) -> str:
    try:
        Date(year, month or 1, day or 1)
    except ValueError as exc:
        raise ValueError(f"date {raw!r} is not a valid date") from exc
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"
