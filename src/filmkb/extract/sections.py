"""Pages that present several films one after another (festival programmes, listings).

A film section starts at a line of its own that is a title with its year ("Gravel Saints
(2023)") and is followed within a few lines by labelled credit lines ("Director: …"). With two
or more such sections, the facts found inside a later section belong to that section's film,
not the page's main film; the first section's film is the main film when the ranker chose
none of them (a programme's own name is not a film).
"""

from __future__ import annotations

import re

from filmkb.extract.base import Context, Found
from filmkb.resolve.names import title_key

_HEAD = re.compile(r"^[ \t]*(?P<t>[^\n:|]{1,80}?)[ \t]*\((?P<y>(?:19|20)\d\d)\)[ \t]*$", re.M)
_LABEL = re.compile(r"^[ \t]*(?:Dir(?:ector|\.)?|Directed by|Cast|Starring|Runtime|Running time)\b"
                    r"[ \t]*[:.\-–]", re.M | re.I)  # fmt: skip
_LOOKAHEAD = 300


def film_sections(text: str) -> list[tuple[str, int, int, int]]:
    """(title, year, start, end) of each film section, in page order."""
    heads = []
    for m in _HEAD.finditer(text):
        after = text[m.end() : m.end() + _LOOKAHEAD]
        if _LABEL.search(after):
            heads.append((m.group("t").strip(), int(m.group("y")), m.start(), m.start("t")))
    if len(heads) < 2:
        return []
    out = []
    for i, (title, year, start, _ts) in enumerate(heads):
        end = heads[i + 1][2] if i + 1 < len(heads) else len(text)
        out.append((title, year, start, end))
    return out


def extract_sections(ctx: Context) -> None:
    sections = film_sections(ctx.text)
    if not sections:
        return
    keys = [title_key(t) for t, _y, _s, _e in sections]
    main_key = title_key(ctx.main_title) if ctx.main_title else None
    if main_key not in keys:
        first, year, start, _end = sections[0]
        ctx.found = [f for f in ctx.found if not (f.film is None and f.prop in ("title", "year"))]
        s = ctx.text.index(first, start)
        ctx.add(Found("title", first, s, s + len(first), "sections.films", 0.8))
        ctx.add(Found("year", year, s, s + len(first), "sections.films", 0.8))
        ctx.main_title, main_key = first, keys[0]
    for (title, year, start, end), key in zip(sections, keys, strict=True):
        if key == main_key:
            continue
        for f in ctx.found:
            if f.film is None and start <= f.start < end and f.prop not in ("kind", "review"):
                f.film = title
        s = ctx.text.index(title, start)
        ctx.add(Found("mention", title, s, s + len(title), "sections.films", 0.8, film=title))
        ctx.add(Found("year", year, s, s + len(title), "sections.films", 0.8, film=title))
