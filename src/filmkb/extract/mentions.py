"""Films mentioned in passing: "Steel Rain (2017)", quoted titles in news style
("…after "The Witch: Part 2. The Other One" and "The Roundup""), "Johnnie To's film Drug War".

Each mention becomes a film of its own in the extraction (``Found.film`` = its title), and
``ctx.title_spans`` remembers where every film is named so that credits in a sentence about
another film ("Oblivion starring Tom Cruise") are given to that film, not the page's.
"""

from __future__ import annotations

import re

from filmkb.extract.base import Context, Found
from filmkb.extract.text import STOP_TITLE_WORDS, is_person_name
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
    r"(?!['’]s\b)"  # "X, the film's UK distributor": X is not the film
)


def extract_mentions(ctx: Context) -> None:
    extract_mentioned_by_year(ctx)
    main = title_key(ctx.main_title) if ctx.main_title else None
    text = ctx.text
    seen = {title_key(f.film) for f in ctx.found if f.prop == "mention" and f.film}

    def mention(title: str, start: int, extractor: str, conf: float, person_ok: bool) -> None:
        """Add a mentioned film unless it is the page's film, already named, or not a title."""
        key = title_key(title) if title else ""
        if not title or key == main or key in seen or len(title) < 2:
            return
        if not _title_shaped(title) or _not_a_title(title) or ctx.role_of(title):
            return  # a name the page gives a role is a person, not a film
        if not person_ok and is_person_name(title):
            return
        seen.add(key)
        ctx.add(Found("mention", title, start, start + len(title), extractor, conf, film=title))

    for q in _QUOTED.finditer(text):
        before = text[max(0, q.start() - 40) : q.start() + 1]
        if _CONTEXT_BEFORE.search(before):  # quoted and called a film: "the thriller “Cold Case”"
            mention(q.group("t").strip().rstrip(",."), q.start("t"), "mentions.quoted", 0.7, True)
    for m in _APPOSITION.finditer(text):
        title = _trim_title(m.group("t"))
        start = m.start("t") + m.group("t").rfind(title)
        mention(title, start, "mentions.apposition", 0.6, False)
    for m in _NOUN_TITLE.finditer(text):
        title = _trim_title(_cut_title(m.group("t")))
        if len(title) >= 3:
            mention(title, m.start("t"), "mentions.film_noun", 0.6, False)
    # every place each film is named (as written), so later credits find the film nearest them
    spans = [(ctx.main_title or "", s, e) for s, e in ctx.main_title_spans]
    for title in {f.film for f in ctx.found if f.prop == "mention" and f.film}:
        for m in re.finditer(rf"(?<![\w]){re.escape(title)}(?![\w])", text):
            spans.append((title, m.start(), m.end()))
    ctx.title_spans = sorted(set(spans), key=lambda t: t[1])


def _cut_title(raw: str) -> str:
    """Stop a capitalised run where a verb or a person's role starts ("Oblivion starring")."""
    out = []
    for w in raw.split():
        if w[0].islower() and w not in STOP_TITLE_WORDS:
            break
        out.append(w)
    while out and out[-1].lower() in STOP_TITLE_WORDS:
        out.pop()
    return " ".join(out).rstrip(".,;:")


def film_at(ctx: Context, start: int, end: int) -> str | None:
    """The film a credit at [start, end) belongs to: the title named last before it in the
    same sentence, when that title is another film's; None for the page's film."""
    sent = ctx.view.sentence_at(start)
    lo = sent.start if sent else max(0, start - 200)
    last = None
    main_key = title_key(ctx.main_title) if ctx.main_title else None
    for title, s, _e in getattr(ctx, "title_spans", []):
        if lo <= s < start:
            if main_key and title_key(title) != main_key and _alias_of_main(ctx, s):
                continue  # "Pyaasa (transl. Thirst)": another name of the page's film
            if ctx.role_of(title) & {"character", "actor", "director"}:
                continue  # "in the lead role of Vijay": a name the page gives a person
            if _in_closed_aside(ctx.text, s, start):
                continue  # "X (he played the villain in Other Film) stars as …"
            last = title
    if last is None or (main_key and title_key(last) == main_key):
        return None
    return last


def _in_closed_aside(text: str, pos: int, start: int) -> bool:
    """Whether ``pos`` lies inside brackets that close before ``start``."""
    opening = text.rfind("(", max(0, pos - 200), pos)
    if opening < 0 or ")" in text[opening:pos]:
        return False
    closing = text.find(")", pos, start)
    return closing >= 0


def _alias_of_main(ctx: Context, start: int) -> bool:
    """Whether a title starting at ``start`` stands in brackets right after the page's film's
    title: "Pyaasa (transl. Thirst)", "The Handmaiden (Ah-ga-ssi)"."""
    return any(
        0 <= start - e <= 40 and _ALIAS_AFTER.fullmatch(ctx.text, e, start)
        for _s, e in ctx.main_title_spans
    )


# what stands between a film's title and another name of it: " (transl. ", " (aka ", " ("
_ALIAS_AFTER = re.compile(
    r"\s*[(\[]\s*(?:(?:transl\.|lit\.|literally|aka|a\.k\.a\.|also known as|English title"
    r"|original title|[A-Z][a-z]+)\s*:?\s*)?[“\"‘']?"
)
