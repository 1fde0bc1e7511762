"""Genres: "Genre: Action/Thriller" and prose such as "a 2024 South Korean action-thriller film"."""

from __future__ import annotations

import re

from filmkb.extract.base import Context, Found

GENRES = {
    "action": "action",
    "thriller": "thriller",
    "drama": "drama",
    "comedy": "comedy",
    "horror": "horror",
    "romance": "romance",
    "romantic": "romance",
    "sci-fi": "science fiction",
    "science fiction": "science fiction",
    "science-fiction": "science fiction",
    "fantasy": "fantasy",
    "animation": "animation",
    "animated": "animation",
    "documentary": "documentary",
    "crime": "crime",
    "mystery": "mystery",
    "war": "war",
    "military": "military",
    "musical": "musical",
    "western": "western",
    "adventure": "adventure",
    "family": "family",
    "biographical": "biography",
    "biography": "biography",
    "biopic": "biography",
    "historical": "history",
    "history": "history",
    "period": "period",
    "noir": "noir",
    "disaster": "disaster",
    "superhero": "superhero",
    "sports": "sport",
    "sport": "sport",
    "spy": "spy",
    "heist": "heist",
    "zombie": "zombie",
    "psychological": "psychological",
    "suspense": "suspense",
    "satire": "satire",
    "slasher": "slasher",
    "monster": "monster",
    "coming-of-age": "coming-of-age",
    "martial arts": "martial arts",
    "melodrama": "melodrama",
    "rom-com": "romantic comedy",
    "romantic comedy": "romantic comedy",
    "black comedy": "black comedy",
    "dark comedy": "dark comedy",
    "mockumentary": "mockumentary",
    "epic": "epic",
    "political": "political",
    "legal": "legal",
    "teen": "teen",
    "anime": "anime",
}
_GENRE_ALT = "|".join(sorted((re.escape(g) for g in GENRES), key=len, reverse=True))
_HEAD = r"(?:film|movie|flick|feature|picture|blockbuster|thriller|drama|comedy)"
# "action-military-drama film", "action thriller", "horror comedy movie"
# matched against the lower-cased text (same offsets), much faster than re.IGNORECASE
_PROSE = re.compile(rf"\b(?P<run>(?:(?:{_GENRE_ALT})[\s\-/]+){{1,3}}){_HEAD}s?\b")
_WORD = re.compile(_GENRE_ALT)


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
