"""Films mentioned in passing: "Steel Rain (2017)", quoted titles in news style
("…after "The Witch: Part 2. The Other One" and "The Roundup""), "Johnnie To's film Drug War".

Each mention becomes a film of its own in the extraction (``Found.film`` = its title), and
``ctx.title_spans`` remembers where every film is named so that credits in a sentence about
another film ("Oblivion starring Tom Cruise") are given to that film, not the page's.
"""

from __future__ import annotations

import re

from filmkb.extract.base import Context, Found
from filmkb.extract.text import is_person_name
from filmkb.extract.titles import (
    _QUOTED,
    _not_a_title,
    _title_shaped,
    _trim_title,
    extract_mentioned_by_year,
)
from filmkb.resolve.names import title_key

_FILM_NOUN = (
    r"(?:film|movie|flick|hit|sequel|prequel|remake|blockbuster|drama|thriller|comedy|documentary"
    r"|feature|debut|follow-up|adaptation|series|franchise|musical|horror|animation|work"
    r"|after|beating|including|like|such as|and|or|with|than)"
)
_CONTEXT_BEFORE = re.compile(
    rf"\b{_FILM_NOUN}s?\b[\s,:]*(?:\b(?:the|a|an)\s+)?[“\"‘']?$", re.IGNORECASE
)
_NOUN_TITLE = re.compile(
    r"\b(?:film|movie|flick|documentary)s?[ \t]+(?P<t>[A-Z0-9][\w'’:&!?.\-]*"
    r"(?:[ \t]+(?:[A-Z0-9][\w'’:&!?.\-]*|of|the|a|an|in|on|to|for|from|with|at|and)){0,7})"
)


# "with 48 Hrs, his 1982 thriller": a title followed by an apposition that calls it a film
_APPOSITION = re.compile(
    r"(?P<t>(?:[A-Z0-9][\w'’:&!?.\-]*)(?:[ \t]+(?:[A-Z0-9][\w'’:&!?.\-]*|of|the|a|an|in|on|to|for|and)){0,6}),"
    r"\s+(?:his|her|their|its|the|a|an)\s+(?:(?:19|20)\d\d\s+)?(?:[a-z\-]+\s+){0,2}?"
    r"(?:film|movie|thriller|drama|comedy|documentary|feature|debut|sequel|hit|blockbuster)\b"
)


def extract_mentions(ctx: Context) -> None:
    extract_mentioned_by_year(ctx)
    main = title_key(ctx.main_title) if ctx.main_title else None
    text = ctx.text
    seen = {title_key(f.film) for f in ctx.found if f.prop == "mention" and f.film}
    for q in _QUOTED.finditer(text):
        title = q.group("t").strip().rstrip(",.")
        key = title_key(title)
        if (
            not title
            or key == main
            or key in seen
            or not _title_shaped(title)
            or _not_a_title(title)
        ):
            continue
        if ctx.role_of(title):
            continue  # a quoted name the page gives a role is a person, not a film
        before = text[max(0, q.start() - 40) : q.start() + 1]
        if not _CONTEXT_BEFORE.search(before):
            continue
        seen.add(key)
        s = q.start("t")
        ctx.add(Found("mention", title, s, s + len(title), "mentions.quoted", 0.7, film=title))
    for m in _APPOSITION.finditer(text):
        title = _trim_title(m.group("t"))
        key = title_key(title) if title else ""
        if (
            not title
            or key == main
            or key in seen
            or not _title_shaped(title)
            or _not_a_title(title)
        ):
            continue
        if is_person_name(title) or ctx.role_of(title) or len(title) < 2:
            continue
        seen.add(key)
        s = m.start("t") + m.group("t").rfind(title)
        ctx.add(Found("mention", title, s, s + len(title), "mentions.apposition", 0.6, film=title))
    for m in _NOUN_TITLE.finditer(text):
        title = _trim_title(_cut_title(m.group("t")))
        key = title_key(title) if title else ""
        if (
            not title
            or key == main
            or key in seen
            or not _title_shaped(title)
            or _not_a_title(title)
        ):
            continue
        if is_person_name(title) or ctx.role_of(title) or len(title) < 3:
            continue
        seen.add(key)
        s = m.start("t")
        ctx.add(Found("mention", title, s, s + len(title), "mentions.film_noun", 0.6, film=title))
    # every place each film is named (as written), so later credits find the film nearest them
    spans = [(ctx.main_title or "", s, e) for s, e in ctx.main_title_spans]
    for title in {f.film for f in ctx.found if f.prop == "mention" and f.film}:
        for m in re.finditer(rf"(?<![\w]){re.escape(title)}(?![\w])", text):
            spans.append((title, m.start(), m.end()))
    ctx.title_spans = sorted(set(spans), key=lambda t: t[1])


def _cut_title(raw: str) -> str:
    """Stop a capitalised run where a verb or a person's role starts ("Oblivion starring")."""
    words = raw.split()
    out = []
    for w in words:
        if w[0].islower() and w not in {
            "of",
            "the",
            "a",
            "an",
            "in",
            "on",
            "to",
            "for",
            "from",
            "with",
            "at",
            "and",
        }:
            break
        out.append(w)
    while out and out[-1].lower() in {
        "of",
        "the",
        "a",
        "an",
        "in",
        "on",
        "to",
        "for",
        "from",
        "with",
        "at",
        "and",
    }:
        out.pop()
    return " ".join(out).rstrip(".,;:")


def film_at(ctx: Context, start: int, end: int) -> str | None:
    """The film a credit at [start, end) belongs to: the title named last before it in the
    same sentence, when that title is another film's; None for the page's film."""
    sent = ctx.view.sentence_at(start)
    lo = sent.start if sent else max(0, start - 200)
    last = None
    for title, s, _e in getattr(ctx, "title_spans", []):
        if lo <= s < start:
            last = title
    if last is None or (ctx.main_title and title_key(last) == title_key(ctx.main_title)):
        return None
    return last
