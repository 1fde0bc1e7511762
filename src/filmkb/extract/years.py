"""The film's year from a credits block when nothing else gave one: "• 104'", "• South Korea",
"• 2012" — a line that is only a year, beside other lines of film facts."""

from __future__ import annotations

import re

from filmkb.extract.base import Context, Found
from filmkb.extract.runtime import parse_runtime
from filmkb.extract.territories import territory_named

_YEAR_LINE = re.compile(r"^[ \t]*(?:[•*·▪\-–][ \t]*)?(?P<y>(?:19|20)\d\d)[ \t]*$")
_RUNTIME_LINE = re.compile(r"^[ \t]*(?:[•*·▪\-–][ \t]*)?\d{2,3}[ \t]*(?:['’′]|min)", re.IGNORECASE)
NEAR = 2  # a fact line this many lines above or below
HEAD_LINES = 60  # the block sits in the page's first lines


def extract_year_lines(ctx: Context) -> None:
    if any(f.prop == "year" and f.film is None for f in ctx.found) or not ctx.main_title:
        return
    lines = [ln for ln in ctx.view.lines if ln.text.strip()][:HEAD_LINES]
    for i, line in enumerate(lines):
        m = _YEAR_LINE.match(line.text)
        if not m:
            continue
        near = lines[max(0, i - NEAR) : i] + lines[i + 1 : i + 1 + NEAR]
        if not any(_fact_line(n.text) for n in near):
            continue
        s = line.start + m.start("y")
        ctx.add(Found("year", int(m.group("y")), s, s + 4, "years.block", 0.7))
        return


def _fact_line(text: str) -> bool:
    """A short line of a credits block: a runtime ("104'") or a country alone."""
    bare = text.strip().lstrip("•*·▪-– \t")
    if len(bare) > 40:
        return False
    if _RUNTIME_LINE.match(text) and parse_runtime(bare.replace("'", " min")):
        return True
    return territory_named(bare) is not None and len(bare.split()) <= 3
