"""Structured blocks: "Label: value" lines and label headings followed by value lines.

"Runtime: 1 hr 34 mins", "Released By: Golden Village Pictures", "Director(s)" then one name
a line, "Cast: A, B, C", "Rating: NC16 (Some Violence)", "Opening Day: 11 July 2024".
"""

from __future__ import annotations

import re

from filmkb.extract.base import Context, Found
from filmkb.extract.dates import find_dates
from filmkb.extract.text import clean_name, is_person_name
from filmkb.types import CastCredit

LABELS: dict[str, str] = {
    "director": r"directors?|director\(s\)|directed by|direction by|film director",
    "writer": r"writers?|writer\(s\)|written by|screenplay(?: by)?|screenwriters?|script(?: by)?"
    r"|story by|screenplay & story",
    "cast": r"cast|starring|stars|main cast|lead cast|leading cast|cast members|actors?|voice cast"
    r"|voice actors|voices|with",
    "runtime": r"runtime|running time|run time|duration|length",
    "genre": r"genres?",
    "rating": r"rating|rated|certificate|cert|certification|classification|age rating|mpaa rating"
    r"|mpa rating|content rating|film rating|maturity rating|parental rating",
    "distributor": r"released by|distributors?|distributed by|distribution|local distributor",
    "release_date": r"(?:[A-Z][\w.]*(?: [A-Z][\w.]*)? )?(?:opening day|opening date|release date"
    r"|released|release|in cinemas|in theaters|in theatres|opens|theatrical release|date of release"
    r"|premiere date|showing from|screening from|theatrical)(?: in [\w .]{2,25}| \([\w .]{2,25}\))?",
    "original_title": r"original title|korean title|native title|hangul|original name",
    "title": r"film title|movie title|title|english title",
    "year": r"year|production year|release year",
    "country": r"country|countries|country of origin",
    "language": r"languages?|original language",
    "score": r"score|grade|our rating|movie rating|verdict|stars",
    "review_author": r"review by|reviewed by|reviewer|critic",
    "synopsis": r"synopsis|film synopsis|official synopsis|plot summary|plot|storyline|summary"
    r"|brief synopsis|story",
}
_LABEL_RE = {
    key: re.compile(
        rf"^\s*[-•*·]?\s*(?P<label>{pat})(?:\s*\([^()\n]{{1,30}}\))?\s*[:：\-–]\s*(?P<value>.*)$",
        re.IGNORECASE,
    )
    for key, pat in LABELS.items()
}
# "Release Date: April 5, 2023 (USA) | Length: 92 min | Genre: …" and
# "Script: A, B. Adaptation: C. Music: D." hold several labelled fields on one line.
_SEGMENT_SPLIT = re.compile(
    r"\s+\|\s+|(?<=[.;])\s+(?=(?i:" + "|".join(LABELS.values()) + r"|music|editing|photography"
    r"|adaptation|producers?|executive producer|costumes|sound|production design|visual effects"
    r"|sales|presented by|produced by)\s?[:：]\s)"
    r"|\s+(?=(?:Directors?|Writers?|Stars|Starring|Cast|Release Date|Runtime|Running Time|Genres?"
    r"|Rated|Rating|Certificate|Distributor|Language|Country)\s?[:：]\s)"
)
_HEADING_RE = {
    key: re.compile(rf"^\s*(?:{pat})\s*(?:&\s*crew)?\s*:?\s*$", re.IGNORECASE)
    for key, pat in LABELS.items()
    if key in ("director", "writer", "cast")
}
_LABEL_ALONE_KEYS = {
    "synopsis": r"synopsis|film synopsis|official synopsis|plot summary|plot|storyline|brief synopsis",
    "runtime": r"running time|runtime|duration",
    "release_date": r"release dates?|released",
    "genre": r"genres?",
    "distributor": r"distributed by|distributor",
    "country": r"country",
}
_LABEL_ALONE = re.compile(
    r"^\s*(" + "|".join(_LABEL_ALONE_KEYS.values()) + r")\s*:?\s*$", re.IGNORECASE
)
NAME_SPLIT = re.compile(r"\s*(?:,|;|/|\band\b|&|\|)\s*")


def label_of(line: str) -> tuple[str, str, str] | None:
    """("Runtime: 1 hr 34 mins") → ("runtime", "1 hr 34 mins", "Runtime")."""
    for key, pattern in _LABEL_RE.items():
        m = pattern.match(line)
        if m:
            return key, m.group("value").strip(), m.group("label")
    return None


def segments(line: str) -> list[tuple[str, int]]:
    """A line cut into labelled segments, each with its offset in the line."""
    out, pos = [], 0
    for m in _SEGMENT_SPLIT.finditer(line):
        before = line[pos : m.start()].rstrip()
        if ":" not in before and "：" not in before and not before.endswith((".", "|", "!", "?")):
            continue  # "Singapore Release Date: …" is one label, not two segments
        out.append((line[pos : m.start()], pos))
        pos = m.end()
    out.append((line[pos:], pos))
    return out


def extract_fields(ctx: Context) -> None:
    lines = ctx.view.lines
    i = 0
    while i < len(lines):
        line = lines[i]
        if len(line.text) > 3000:
            i += 1
            continue
        hit = False
        for seg, seg_off in segments(line.text):
            labelled = label_of(seg)
            if labelled and labelled[1]:
                key, value, label = labelled
                value = value.rstrip(" .;") if key not in ("cast", "synopsis") else value
                vstart = line.start + seg_off + seg.rindex(value)
                ctx.labels.setdefault(key, []).append((value, vstart, vstart + len(value)))
                if key in ("release_date", "rating"):
                    ctx.labels.setdefault(key.split("_")[0] + "_label", []).append(
                        (label, vstart, vstart)
                    )
                _emit(ctx, key, value, vstart)
                hit = True
        if hit:
            i += 1
            continue
        alone = _LABEL_ALONE.match(line.text)
        if alone and i + 1 < len(lines):
            nxt = next((ln for ln in lines[i + 1 : i + 3] if ln.text.strip()), None)
            key = next(
                k for k, pat in _LABEL_ALONE_KEYS.items() if re.fullmatch(pat, alone.group(1), re.I)
            )
            limit = 3000 if key == "synopsis" else 120
            if nxt is not None and label_of(nxt.text) is None and len(nxt.text) < limit:
                value = nxt.text.strip().lstrip("•*·- ").strip()
                vstart = nxt.start + nxt.text.index(value)
                ctx.labels.setdefault(key, []).append((value, vstart, vstart + len(value)))
                _emit(ctx, key, value, vstart)
        heading = next((k for k, p in _HEADING_RE.items() if p.match(line.text)), None)
        if heading in ("director", "writer"):
            i = _names_below(ctx, heading, i + 1)
            continue
        i += 1


def _names_below(ctx: Context, prop: str, i: int) -> int:
    """Names one a line under a "Director(s)" heading, until a line that is not a name."""
    lines = ctx.view.lines
    count = 0
    while i < len(lines) and count < 8:
        text = lines[i].text.strip()
        if not text:
            if count:
                break
            i += 1
            continue
        if not is_person_name(text, min_tokens=1):
            break
        start = lines[i].start + lines[i].text.index(text)
        ctx.add(Found(prop, text, start, start + len(text), "fields.block", 0.95))
        count += 1
        i += 1
    return i


def _emit(ctx: Context, key: str, value: str, vstart: int) -> None:
    if key == "cast":
        for actor, character, start in cast_items(value):
            s = vstart + start
            ctx.add(
                Found("cast", CastCredit(actor, character), s, s + len(actor), "fields.label", 0.95)
            )
    elif key in ("director", "writer"):
        prop = key
        pos = 0
        for part in NAME_SPLIT.split(value):
            name = clean_name(re.sub(r"\(.*?\)", "", part))
            idx = value.find(part, pos)
            pos = max(pos, idx + len(part)) if idx >= 0 else pos
            if not name or not is_person_name(name, min_tokens=1):
                continue
            start = vstart + value.find(name, max(idx, 0))
            ctx.add(Found(prop, name, start, start + len(name), "fields.label", 0.95))
    elif key == "runtime":
        from filmkb.extract.runtime import parse_runtime

        minutes = parse_runtime(value)
        if minutes:
            ctx.add(
                Found("runtime_min", minutes, vstart, vstart + len(value), "fields.label", 0.95)
            )
    elif key == "genre":
        from filmkb.extract.genres import genres_in_list

        for genre, s, e in genres_in_list(value):
            ctx.add(Found("genre", genre, vstart + s, vstart + e, "fields.label", 0.95))
    elif key == "synopsis":
        text = value.strip()
        if len(text) >= 60:
            ctx.add(Found("synopsis", text, vstart, vstart + len(text), "fields.label", 0.9))
    elif key == "title":
        title = value.strip().strip("\"“”'‘’")
        if title and len(title) < 100:
            s = vstart + value.find(title)
            ctx.add(Found("title_label", title, s, s + len(title), "fields.label", 0.95))
    elif key == "year":
        m = re.fullmatch(r"((?:19|20)\d\d)", value.strip())
        if m:
            ctx.add(Found("year", int(m.group(1)), vstart, vstart + 4, "fields.label", 0.9))
    elif key == "original_title":
        title = value.strip().strip("\"“”'‘’")
        if title and len(title) < 100:
            s = vstart + value.find(title)
            ctx.add(Found("original_title", title, s, s + len(title), "fields.label", 0.9))
    elif key == "review_author":
        name = clean_name(value)
        if is_person_name(name, min_tokens=1):
            s = vstart + value.find(name)
            ctx.add(Found("review_author", name, s, s + len(name), "fields.label", 0.9))
    elif key == "release_date":
        dates = find_dates(value, vstart)
        if dates:
            d = dates[0]
            ctx.add(Found("release_date", d, d.start, d.end, "fields.label", 0.95))
    # rating / distributor / country are read by the releases and review extractors from
    # ctx.labels, since they need each other (a certification implies a territory).


_ITEM_AS = re.compile(r"^(?P<a>.+?)\s+(?:as|As|AS|\.{3,}|…|–|—|-)\s+(?P<c>.+)$")


def cast_items(value: str) -> list[tuple[str, str | None, int]]:
    """ "A (Char), B as Char, C" → [(actor, character, offset)]: commas inside () don't split."""
    items, depth, start = [], 0, 0
    for i, ch in enumerate(value + ","):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif depth == 0 and (
            ch in ",;" or value.startswith(" and ", i) or value.startswith(" & ", i)
        ):
            items.append((value[start:i], start))
            start = i + (
                5 if value.startswith(" and ", i) else 3 if value.startswith(" & ", i) else 1
            )
    out = []
    for raw, off in items:
        text = raw.strip().rstrip(".")
        if text.lower().startswith("and "):
            text = text[4:]
        if not text:
            continue
        actor, character = text, None
        paren = re.fullmatch(r"(?P<a>[^()]+?)\s*\((?P<c>[^()]+)\)", text)
        if paren:
            actor, character = paren.group("a"), paren.group("c")
        else:
            m = _ITEM_AS.match(text)
            if m and is_person_name(m.group("a").strip(), min_tokens=1):
                actor, character = m.group("a"), m.group("c")
        actor = clean_name(actor)
        if character is not None:
            character = re.split(r"\s*[,/;]\s*", character.strip())[0].strip() or None
            if character and character.lower() in {"voice", "uncredited", "cameo", "narrator"}:
                character = None
        if not is_person_name(actor, min_tokens=1):
            continue
        out.append((actor, character, off + raw.find(actor) if actor in raw else off))
    return out
