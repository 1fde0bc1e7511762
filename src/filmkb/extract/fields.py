"""Structured blocks: "Label: value" lines and label headings followed by value lines.

"Runtime: 1 hr 34 mins", "Released By: Golden Village Pictures", "Director(s)" then one name
a line, "Cast: A, B, C", "Rating: NC16 (Some Violence)", "Opening Day: 11 July 2024",
"Music\nPark In-Young" inside a credit block. The label words are data: ``facts_labels.tsv``
(read through ``filmkb.facts``); a label key names the fact (or the part of one) it states.
"""

from __future__ import annotations

import re
from collections import Counter

from filmkb import facts
from filmkb.extract.base import Context, Found
from filmkb.extract.cues import is_company_name, split_companies
from filmkb.extract.dates import find_dates
from filmkb.extract.territories import _NAME_TO_CODE
from filmkb.extract.text import Segment, clean_name, is_person_name
from filmkb.types import CastCredit

# "Singapore Release Date: …", "Release date in Korea: …", "Release Date (USA): …"
_PLACE_BEFORE = r"(?:[A-Z][\w.]*(?: [A-Z][\w.]*)? )?"
_PLACE_AFTER = r"(?: in [\w .]{2,25}| \([\w .]{2,25}\))?"


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in words)


def _label_pattern(key: str, use: str) -> str:
    rows = [w for w in facts.label_words(use) if w.key == key]
    placed = [w.words for w in rows if "place" in w.uses]
    plain = [w.words for w in rows if "place" not in w.uses]
    parts = [f"{_PLACE_BEFORE}(?:{_alternation(placed)}){_PLACE_AFTER}"] if placed else []
    return "|".join(parts + ([_alternation(plain)] if plain else []))


# label key → pattern of its label words, keys in the order they are tried
LABELS: dict[str, str] = {key: _label_pattern(key, "label") for key in facts.label_keys("label")}
_LABEL_RE = {
    key: re.compile(
        # "Director: X", "Director - X", "Director. X" (a capital or digit follows), "Dir. X"
        rf"^\s*[-•*·]?\s*(?P<label>{pat})(?:\s*\([^()\n]{{1,30}}\))?"
        rf"(?:\s*[:：\-–]\s*|\.\s+(?=[A-Z0-9])|(?<=\.)\s+)(?P<value>.*)$",
        re.IGNORECASE,
    )
    for key, pat in LABELS.items()
}
_SPLIT_ONLY = [w.words for w in facts.label_words("split") if "label" not in w.uses]
_INLINE = [w.words.title() for w in facts.label_words("inline")]
# "Release Date: April 5, 2023 (USA) | Length: 92 min | Genre: …" and
# "Script: A, B. Adaptation: C. Music: D." hold several labelled fields on one line.
_SEGMENT_SPLIT = re.compile(
    r"\s+\|\s+|(?<=[.;])\s+(?=(?i:"
    + "|".join([*LABELS.values(), _alternation(_SPLIT_ONLY)])
    + r")\s?[:：]\s)"
    + r"|\s+(?=(?:"
    + _alternation(_INLINE)
    + r")\s?[:：](?:\s|(?=[A-Z0-9])))"  # "… 1994 Director:Quentin Tarantino Writer:…"
)
_HEADING_RE = {
    key: re.compile(rf"^\s*(?:{_label_pattern(key, 'heading')})\s*(?:&\s*crew)?\s*:?\s*$", re.I)
    for key in facts.label_keys("heading")
}
_LABEL_ALONE_KEYS = {key: _label_pattern(key, "alone") for key in facts.label_keys("alone")}
_LABEL_ALONE = re.compile(
    r"^\s*(" + "|".join(_LABEL_ALONE_KEYS.values()) + r")\s*:?\s*$", re.IGNORECASE
)
# any label word alone on a line ("Sound Design", "Producer"): the lines of a credit block
_ANY_LABEL_ALONE = re.compile(
    r"^\s*(?:" + _alternation([w.words for w in facts.label_words()]) + r")\s*:?\s*$",
    re.IGNORECASE,
)
_STRICT = {(w.key, w.words) for w in facts.label_words("strict")}
# " · " and " • " between spaces too ("Dir. X · Ukraine 2025 · 94'"); not a bare "·", which
# Catalan writes inside names ("Marcel·lí")
NAME_SPLIT = re.compile(r"\s*(?:,|;|/|\band\b|&|\|)\s*|\s+[·•]\s+")
_PERSON_LABELS = "|".join(
    LABELS[k]
    for k in LABELS
    if (f := facts.for_label_key(k)) is not None and f.value == facts.PERSON
)
_TWO_LABELS = re.compile(
    rf"^\s*(?P<l1>{_PERSON_LABELS})\s*(?:/|&|\band\b)\s*(?P<l2>{_PERSON_LABELS})\s*[:：]\s*"
    r"(?P<value>\S.*)$",
    re.IGNORECASE,
)


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
        if (
            ":" not in before
            and "：" not in before
            and not before.endswith((".", "|", "!", "?"))
            and not (m.group().strip() == "|" and label_of(before))
        ):
            continue  # "Singapore Release Date: …" is one label, not two segments
        out.append((line[pos : m.start()], pos))
        pos = m.end()
    out.append((line[pos:], pos))
    return out


# A credit label on this many lines is a list of films ("Režie: X Hrají: Y" under each of a
# page's related films): only its first line is about the page's film.
LIST_OF_FILMS = 3


def _repeated_credit_keys(lines: list[Segment]) -> set[str]:
    counts: Counter[str] = Counter()
    for line in lines:
        if len(line.text) > 3000:
            continue
        keys = {hit[0] for seg, _o in segments(line.text) if (hit := label_of(seg))}
        counts.update(k for k in keys if k == "cast" or _names_fact(k) is not None)
    return {k for k, n in counts.items() if n >= LIST_OF_FILMS}


def extract_fields(ctx: Context) -> None:
    lines = ctx.view.lines
    repeated = _repeated_credit_keys(lines)
    seen: set[str] = set()
    i = 0
    while i < len(lines):
        line = lines[i]
        if len(line.text) > 3000:
            i += 1
            continue
        hit = False
        both = _TWO_LABELS.match(line.text) if len(line.text) < 300 else None
        if both:  # "Directors/Screenwriters: Ethan and Joel Coen": one value, two labels
            keys = [label_of(both.group(g) + ": x") for g in ("l1", "l2")]
            if all(keys):
                vstart = line.start + both.start("value")
                for key in {k[0] for k in keys if k}:
                    _emit(ctx, key, both.group("value").rstrip(" .;"), vstart)
                i += 1
                continue
        for seg, seg_off in segments(line.text):
            labelled = label_of(seg)
            if labelled and labelled[1]:
                key, value, label = labelled
                if key in repeated and key in seen:
                    continue  # another film's credit in a list of films
                seen.add(key)
                value = value.rstrip(" .;") if key not in ("cast", "synopsis") else value
                vstart = line.start + seg_off + seg.rindex(value)
                ctx.labels.setdefault(key, []).append((value, vstart, vstart + len(value)))
                if key in ("release_date", "rating"):
                    ctx.labels.setdefault(key.split("_")[0] + "_label", []).append(
                        (label, vstart, vstart)
                    )
                _emit(ctx, key, value, vstart, _is_strict(key, label))
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
                if _names_fact(key) is None or _in_credit_block(lines, i, nxt):
                    ctx.labels.setdefault(key, []).append((value, vstart, vstart + len(value)))
                    _emit(ctx, key, value, vstart, _is_strict(key, alone.group(1)))
        heading = next((k for k, p in _HEADING_RE.items() if p.match(line.text)), None)
        if heading is not None:
            seen.add(heading)  # its later one-line repeats in a list of films are not this film's
            named = facts.for_label_key(heading)
            i = _names_below(ctx, named.name if named else heading, i + 1)
            continue
        i += 1


def _is_strict(key: str, label: str) -> bool:
    return (key, " ".join(label.lower().split())) in _STRICT


def _names_fact(key: str) -> facts.FactType | None:
    """The fact a label key states when its values are people's or companies' names."""
    fact_type = facts.for_label_key(key)
    return fact_type if fact_type is not None and fact_type.value in facts.NAMES else None


def _in_credit_block(lines: list[Segment], label: int, value: Segment) -> bool:
    """A label alone on its line and its value sit among other credits ("Sound Design" /
    "Lee Seung-Yeop" / "Music" / "Park In-Young" / "Cast"), not in running text or a menu."""
    after = next(j for j in range(label + 1, len(lines)) if lines[j] is value) + 1
    near = [ln.text for ln in lines[max(0, label - 2) : label] + lines[after : after + 2]]
    return any(_ANY_LABEL_ALONE.match(t) or label_of(t) for t in near if t.strip())


def name_list(line: Segment) -> list[tuple[str, int, int]]:
    """The items of a line of names ("A, B and C"), each with its span in the document."""
    out, pos = [], 0
    for part in NAME_SPLIT.split(line.text):
        part = part.strip()
        if part:
            start = line.text.index(part, pos)
            pos = start + len(part)
            out.append((part, line.start + start, line.start + pos))
    return out


def _credit(prop: str, name: str) -> str | CastCredit:
    return CastCredit(name, None) if prop == "cast" else name


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
        if _ANY_LABEL_ALONE.match(text):
            break  # "Sound Design", "Music": the next credit's label, not a name
        if not is_person_name(text, min_tokens=1):
            # "Lilly Wachowski, Lana Wachowski": the names on one line, then the block ends
            parts = name_list(lines[i])
            people = [p for p in parts if is_person_name(p[0], min_tokens=2)]
            if count == 0 and len(parts) >= 2 and len(people) >= 0.8 * len(parts):
                for name, start, end in people:
                    ctx.add(Found(prop, _credit(prop, name), start, end, "fields.block", 0.9))
                i += 1
            break
        start = lines[i].start + lines[i].text.index(text)
        ctx.add(Found(prop, _credit(prop, text), start, start + len(text), "fields.block", 0.95))
        count += 1
        i += 1
    return i


def _shared_surname(parts: list[str], n: int) -> str | None:
    """ "Ethan and Joel Coen": a lone given name before the last name of a list of two takes
    its surname ("Ethan Coen"); None otherwise."""
    if len(parts) != 2 or n != 0:
        return None
    first, last = parts[0].strip(), parts[1].strip()
    words = last.split()
    if len(first.split()) != 1 or len(words) != 2 or not first[:1].isupper():
        return None
    from filmkb.extract.learned.tokens import word_lists

    if first.lower() not in word_lists()["first_names"]:
        return None
    return f"{first} {words[-1]}"


def _emit(ctx: Context, key: str, value: str, vstart: int, strict: bool = False) -> None:
    names = _names_fact(key)
    if key == "cast":
        for actor, character, start in cast_items(value):
            s = vstart + start
            ctx.add(
                Found("cast", CastCredit(actor, character), s, s + len(actor), "fields.label", 0.95)
            )
    elif names is not None and names.value == facts.PERSON:
        prop = names.name
        pos = 0
        parts = NAME_SPLIT.split(value)
        for n, part in enumerate(parts):
            name = clean_name(re.sub(r"\(.*?\)", "", part))
            shared = _shared_surname(parts, n)
            if shared:  # "Ethan and Joel Coen": Ethan Coen
                start = vstart + value.find(part, max(pos, 0))
                pos += len(part)
                ctx.add(Found(prop, shared, start, start + len(part), "fields.label", 0.9))
                continue
            idx = value.find(part, pos)
            pos = max(pos, idx + len(part)) if idx >= 0 else pos
            if not name or not is_person_name(name, min_tokens=2 if strict else 1):
                continue
            if name.lower() in _NAME_TO_CODE:
                continue  # "Dir. X | 2025 | UK/Ireland": a country, not a person
            start = vstart + value.find(name, max(idx, 0))
            ctx.add(Found(prop, name, start, start + len(name), "fields.label", 0.95))
    elif names is not None:
        for name, offset in split_companies(value):
            if is_company_name(name, strict):
                s = vstart + offset
                ctx.add(Found(names.name, name, s, s + len(name), "fields.label", 0.9))
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
