"""Genres: "Genre: Action/Thriller" and prose such as "a 2024 South Korean action-thriller film"."""

from __future__ import annotations

import re

from filmkb.extract.base import Context, Found


def _load() -> tuple[dict[str, str], frozenset[str]]:
    """genres.tsv: word as written → canonical genre, and the words that are nouns."""
    from importlib import resources

    words: dict[str, str] = {}
    nouns: set[str] = set()
    path = resources.files("filmkb.extract") / "data" / "genres.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        word, canonical, noun = line.split("\t")
        words[word] = canonical
        if noun.strip() == "yes":
            nouns.add(word)
    return words, frozenset(nouns)


GENRES, GENRE_NOUNS = _load()
_GENRE_ALT = "|".join(sorted((re.escape(g) for g in GENRES), key=len, reverse=True))
_HEAD = r"(?:film|movie|flick|feature|picture|blockbuster|thriller|drama|comedy)"
# "action-military-drama film", "action thriller", "horror comedy movie"
# matched against the lower-cased text (same offsets), much faster than re.IGNORECASE
_PROSE = re.compile(rf"\b(?P<run>(?:(?:{_GENRE_ALT})[\s\-/]+){{1,3}}){_HEAD}s?\b")
_WORD = re.compile(_GENRE_ALT)
# "the prison drama with a twist", "Jonathan Glazer's award-winning drama is", "a 1985 time
# travel comedy": a noun phrase about a film whose head is a genre noun
_NOUN_PHRASE = re.compile(
    rf"(?:\b(?:a|an|the|this|its|his|her|their)\s+|['’]s\s+|\b(?:19|20)\d\d\s+)"
    rf"(?:[a-z][\w\-]*\s+){{0,3}}?"
    rf"(?P<run>(?:{_GENRE_ALT})(?:[\s\-/]+(?:{_GENRE_ALT}))*)"
    rf"(?=\s*(?:[,.;:!?()—–]|$)|\s+(?:with|that|which|about|from|set|in|is|was|of|starring"
    rf"|directed|by|and|but|where|for|to|who|it|has|had|feels|follows|tells|centres|centers)\b"
    rf"|\s+[“\"‘']?(?P<named>[a-z0-9]))"  # "time travel comedy Back to the Future" (lower-cased)
)


def genres_in_list(value: str) -> list[tuple[str, int, int]]:
    """ "Action/Thriller", "Drama, Romance" → [(genre, start, end)], as the page words them."""
    out = []
    for m in re.finditer(rf"\b(?:{_GENRE_ALT})\b", value, re.IGNORECASE):
        out.append((m.group().lower(), m.start(), m.end()))
    return out


def extract_genres(ctx: Context) -> None:
    """Genre words in front of "film"/"movie" ("a 2024 South Korean action-thriller film"), in
    sentences about the page's film: a phrase right before another film's title
    ("the Korean action comedy "The Roundup"") describes that film instead."""
    from filmkb.extract.mentions import film_at

    seen = {GENRES.get(f.value, f.value) for f in ctx.found if f.prop == "genre"}
    others = [
        (s, e)
        for t, s, e in ctx.title_spans
        if not ctx.main_title or t.lower() != ctx.main_title.lower()
    ]
    lower = ctx.text.lower()
    if len(lower) != len(ctx.text):  # a few characters change length when lower-cased
        lower = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in ctx.text)
    for m in _PROSE.finditer(lower):
        run_end = m.end()
        after = ctx.text[run_end : run_end + 4]
        if (
            any(0 <= s - run_end <= 3 for s, _e in others)
            or re.match(r"\s*[“\"‘']", after)
            and any(0 <= s - run_end <= 4 for s, _e in others)
        ):
            continue
        if film_at(ctx, m.start(), m.end()) is not None:
            continue
        head = ctx.text[m.end("run") : run_end].lower().rstrip("s")
        words = [
            (w.group(), m.start("run") + w.start(), m.start("run") + w.end())
            for w in _WORD.finditer(m.group("run"))
        ]
        if head in GENRES:  # "action thriller": the head noun is a genre too
            words.append((head, m.end("run"), run_end))
        elif not words:
            continue
        for word, s, e in words:
            genre = GENRES[word.lower()]
            if genre in seen:
                continue
            seen.add(genre)
            ctx.add(Found("genre", word.lower(), s, e, "genres.prose", 0.75))
    if not ctx.main_title:
        return
    for m in _NOUN_PHRASE.finditer(lower):
        run = m.group("run")
        last = _WORD.findall(run)[-1] if _WORD.findall(run) else ""
        if last not in GENRE_NOUNS:
            continue
        run_end = m.end("run")
        if any(0 <= s - run_end <= 4 for s, _e in others) or film_at(ctx, m.start(), run_end):
            continue
        if m.group("named") is not None:  # a name follows: only the page's film's title
            if not any(s == m.start("named") for s, _e in ctx.main_title_spans):
                continue
        elif not _names_main_film(ctx, m.start(), m.start("run")):
            continue
        for w in _WORD.finditer(run):
            genre = GENRES[w.group()]
            if genre in seen:
                continue
            seen.add(genre)
            s, e = m.start("run") + w.start(), m.start("run") + w.end()
            ctx.add(Found("genre", w.group(), s, e, "genres.noun", 0.7))


def _names_main_film(ctx: Context, start: int, run_start: int) -> bool:
    """Whether the sentence of a genre phrase (from ``start``; its genre words from
    ``run_start``) names the page's film: its title, or its director as the owner ("Jonathan
    Glazer's award-winning drama")."""
    sent = next((x for x in ctx.view.sentences if x.start <= start < x.end), None)
    if sent is None:
        return False
    if any(sent.start <= s < sent.end for s, _e in ctx.main_title_spans):
        return True
    owner = re.search(
        r"(\S+(?:\s+\S+)?)['’]s\s+(?:[\w\-]+\s+){0,3}$", ctx.text[sent.start : run_start]
    )
    return bool(owner and "director" in ctx.role_of(owner.group(1)))
