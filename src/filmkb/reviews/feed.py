"""Read a review feed (CSV or JSON Lines) into ``Review`` objects.

Columns / keys: film_title, film_year, author, outlet, date, score, verdict, text (plus
optional url, id). Only film_title and text are required. Each review gets its normalised
score; a missing verdict comes from the score when there is one, else from the text model.
A bad row becomes a ``FeedError(line, reason)`` and is skipped; a file that cannot be read
at all raises ``filmkb.errors.ReadError`` naming the file.
"""

from __future__ import annotations

import csv
import io
import json
import re
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


def read_review_feed(path: str | Path) -> tuple[list[Review], list[FeedError]]:
    """The reviews of a CSV / JSONL feed and the rows that were skipped, with reasons."""
    path = Path(path)
    text = _read_text(path)
    if _is_jsonl(path, text):
        rows = _jsonl_rows(text)
    else:
        rows = _csv_rows(text, path)
    reviews: list[Review] = []
    errors: list[FeedError] = []
    for line, row in rows:
        if isinstance(row, str):
            errors.append(FeedError(line, row))
            continue
        try:
            reviews.append(_to_review(row, f"{path.name}:{line}"))
        except ValueError as exc:
            errors.append(FeedError(line, str(exc)))
    return reviews, errors


def _read_text(path: Path) -> str:
    try:
        if path.stat().st_size > MAX_BYTES:
            raise ReadError(f"feed is larger than {MAX_BYTES // 2**20} MiB", str(path))
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(f"cannot read review feed: {exc.strerror or exc}", str(path)) from exc
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


def _jsonl_rows(text: str) -> list[tuple[int, dict[str, Any] | str]]:
    rows: list[tuple[int, dict[str, Any] | str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            rows.append((number, f"invalid JSON: {exc.msg}"))
            continue
        if not isinstance(value, dict):
            rows.append((number, "expected a JSON object"))
            continue
        rows.append((number, value))
    return rows


def _csv_rows(text: str, path: Path) -> list[tuple[int, dict[str, Any] | str]]:
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [name.strip().lower() for name in next(reader)]
    except (csv.Error, StopIteration) as exc:
        raise ReadError(f"cannot read CSV header: {exc}", str(path)) from exc
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise ReadError(f"review feed lacks required column(s): {', '.join(missing)}", str(path))
    rows: list[tuple[int, dict[str, Any] | str]] = []
    start = reader.line_num + 1
    while True:
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            rows.append((start, f"malformed CSV: {exc}"))
            start = reader.line_num + 1
            continue
        line, start = start, reader.line_num + 1
        if not any(v.strip() for v in values):
            continue
        if len(values) > len(header):
            rows.append((line, f"{len(values)} fields, header has {len(header)}"))
            continue
        rows.append((line, dict(zip(header, values, strict=False))))
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
