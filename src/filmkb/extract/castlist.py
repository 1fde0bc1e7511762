"""Cast lists: a "Cast" heading followed by actor / character lines.

Two layouts: one credit a line ("Lee Je-hoon as Lim Kyu-nam", "Lee Je-hoon ... Lim Kyu-nam",
"Lee Je-hoon – Lim Kyu-nam") and alternating lines (actor, then character), blank lines
between credits or not. A character "-" marks a crew credit.
"""

from __future__ import annotations

import re

from filmkb.extract.base import Context, Found
from filmkb.extract.fields import _ANY_LABEL_ALONE, name_list
from filmkb.extract.text import Segment, is_person_name
from filmkb.types import CastCredit

_HEADING = re.compile(
    r"^\s*(?:full\s+)?(?:cast|cast\s*(?:&|and)\s*crew|cast\s+list|the\s+cast|main\s+cast|starring|voice\s+cast"
    r"|(?:additional|supporting|other|more|minor)\s+cast(?:\s+members)?)"
    r"\s*(?:\(.*\))?\s*:?\s*$",
    re.IGNORECASE,
)
_STOP = re.compile(
    r"^\s*(?:details|reviews?|user reviews|crew|directed by|director\(s\)|directors?|writers?|produced by"
    r"|producers?|music|cinematography|synopsis|plot|storyline|photos|videos|trivia|more like this"
    r"|see also|related|comments?|share|technical specs|box office|release dates?|company credits"
    r"|production|soundtrack|external links|references)\s*:?\s*$",
    re.IGNORECASE,
)
# a paragraph of prose: a long line of many words with a sentence's end in it
_PARAGRAPH = re.compile(r"^(?=.{120,})(?:\S+\s+){15,}.*[.!?](?:\s|$)")
_ONE_LINE = re.compile(
    r"^\s*[-•*·]?\s*(?P<a>[^\n]{2,60}?)\s+(?:as|\.{3,}|…|–|—|-|:|\t)\s+(?P<c>[^\n]{1,80}?)\s*$"
)


def extract_cast_list(ctx: Context) -> None:
    lines = ctx.view.lines
    i = 0
    while i < len(lines):
        if _HEADING.match(lines[i].text):
            block: list[Segment] = []
            j = i + 1
            while (
                j < len(lines)
                and not _STOP.match(lines[j].text)
                and not _HEADING.match(lines[j].text)
                and not _ANY_LABEL_ALONE.match(lines[j].text)  # "Genres", "Music": next field
                and not _PARAGRAPH.match(lines[j].text)  # the cast list ends where prose starts
                and len(block) < 800
            ):
                block.append(lines[j])
                j += 1
            _read_block(ctx, block)
            i = j
        else:
            i += 1
    _one_line_runs(ctx)


def _read_block(ctx: Context, block: list[Segment]) -> None:
    first = next((ln for ln in block if ln.text.strip()), None)
    if first is not None and _name_list(ctx, first):
        return  # "Ada Quinn, Joel Fenn, Olga Horka": the cast on one line
    credits = [_ONE_LINE.match(ln.text) for ln in block if ln.text.strip()]
    one_line = [m for m in credits if m and is_person_name(m.group("a").strip(), min_tokens=1)]
    if one_line and len(one_line) >= 0.6 * len([c for c in credits]):
        pairs = [(ln, m) for ln in block if (m := _ONE_LINE.match(ln.text))]
        if _characters_first(ctx, block, [m for _ln, m in pairs]):
            for ln, m in pairs:  # "Eun Joo – Jun Ji-hyun": character, then actor
                _credit(ctx, ln.start + m.start("c"), m.group("c"), m.group("a"))
            return
        for ln, m in pairs:
            _credit(ctx, ln.start + m.start("a"), m.group("a"), m.group("c"))
        return
    # alternating lines, grouped by blank lines
    groups: list[list[Segment]] = [[]]
    for ln in block:
        if ln.text.strip():
            groups[-1].append(ln)
        elif groups[-1]:
            groups.append([])
    for group in groups:
        if len(group) == 1:
            name = group[0].text.strip()
            if is_person_name(name, min_tokens=2):
                s = group[0].start + group[0].text.index(name)
                ctx.add(
                    Found("cast", CastCredit(name, None), s, s + len(name), "castlist.lines", 0.8)
                )
            continue
        for k in range(0, len(group) - 1, 2):
            actor, character = group[k], group[k + 1]
            if not is_person_name(actor.text.strip(), min_tokens=1):
                break  # out of step: stop rather than pair the wrong lines
            _credit(
                ctx, actor.start + actor.text.index(actor.text.strip()), actor.text, character.text
            )


def _name_list(ctx: Context, line: Segment) -> bool:
    """A line of two or more comma-separated person names: each one an actor."""
    parts = name_list(line)
    if len(parts) < 2 or not all(is_person_name(p[0], min_tokens=2) for p in parts):
        return False
    for name, s, e in parts:
        ctx.add(Found("cast", CastCredit(name, None), s, e, "castlist.lines", 0.85))
    return True


def _characters_first(ctx: Context, block: list[Segment], pairs: list[re.Match[str]]) -> bool:
    """Whether "A – B" lines give the character first: every right side is a full person's
    name and the left sides are named more often in the rest of the page (characters are what
    the prose talks about; actors are named once, in the list)."""
    if len(pairs) < 2 or " as " in pairs[0].group():
        return False
    rights = [m.group("c").strip() for m in pairs]
    lefts = [m.group("a").strip() for m in pairs]
    if not all(is_person_name(r, min_tokens=2) for r in rights):
        return False
    end = block[-1].end if block else 0
    rest = ctx.text[: block[0].start] + ctx.text[end:] if block else ctx.text
    left_n = sum(rest.count(x) for x in lefts)
    right_n = sum(rest.count(x) for x in rights)
    return left_n >= 2 * len(pairs) and left_n > 2 * right_n


def _credit(ctx: Context, start: int, actor: str, character: str) -> None:
    actor = actor.strip()
    character = character.strip().strip("()")
    if not is_person_name(actor, min_tokens=1):
        return
    if character in {"-", "–", "—", ""}:
        ctx.roles[actor].add("crew")
        return
    # "Kim Ki-taek, the patriarch of the Kim family" / "Choi Yeon-gyo, Dong-ik's wife"
    character = re.split(
        r",\s+(?=(?:the|a|an|his|her|their|who|whose)\b|[A-Z][\w\-]*['’]s\b)|\s+[–—]\s+", character
    )[0].strip()
    if len(character) > 80:
        return
    character = re.sub(
        r"\s*\((?:voice|uncredited|as [^)]*)\)\s*$", "", character, flags=re.IGNORECASE
    )
    ctx.add(
        Found(
            "cast",
            CastCredit(actor, character or None),
            start,
            start + len(actor),
            "castlist.lines",
            0.9,
        )
    )


def _one_line_runs(ctx: Context) -> None:
    """Runs of ≥ 3 consecutive "Actor as Character" lines outside a heading."""
    if any(f.extractor == "castlist.lines" for f in ctx.found):
        return
    run: list[tuple[Segment, re.Match[str]]] = []
    for ln in [*ctx.view.lines, Segment("", -1)]:
        m = _ONE_LINE.match(ln.text) if ln.text.strip() else None
        if (
            m
            and " as " in ln.text
            and is_person_name(m.group("a").strip().lstrip("-•*· "), min_tokens=2)
        ):
            run.append((ln, m))
            continue
        if ln.text.strip() == "" and run:
            continue
        if len(run) >= 3:
            for seg, mm in run:
                _credit(ctx, seg.start + mm.start("a"), mm.group("a"), mm.group("c"))
        run = []
