"""The page's film: title (and its casing), year, original title; films mentioned by year.

Candidates come from the heading, quoted titles, "X is a 2024 ... film" and structured data;
the candidate the page repeats most, with a bonus for headings, is the main film.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from typing import cast

from filmkb.extract.base import Context, Found
from filmkb.extract.structured import is_movie_object
from filmkb.extract.territories import territory_named
from filmkb.extract.text import (
    NOT_NAME_WORDS,
    STOP_TITLE_WORDS,
    has_cjk,
    is_person_name,
    title_case_ratio,
)

# English “…” / ‘…’, German „…“ / ‚…‘, French « … », Swiss/Nordic »…«
_QUOTED = re.compile(r"[“\"‘'„‚«»]\s?(?P<t>[^“”\"‘’'„‚«»\n]{1,80}?)\s?[”\"’'“‘»«](?=[\s,.:;!?)]|$)")
_TITLE_YEAR = re.compile(
    r"(?P<t>(?:[A-Z0-9][\w'’:&!?.\-]*|\b(?:a|an|the|of|and|in|on|to|for|from|with|at)\b)"
    r"(?:[ \t]+(?:[A-Z0-9][\w'’:&!?.\-]*|(?:a|an|the|of|in|on|to|for|from|with|at)\b)){0,8})"
    r"[ \t]*\((?P<y>(?:19|20)\d\d)\)"
)
_IS_A_FILM = re.compile(
    r"(?:^|\n|[.!?]\s+)[“\"‘']?(?P<t>[A-Z0-9][^\n.,“”\"()]{0,60}?)[”\"’']?"
    r"(?:\s*\([^()\n]{1,80}\))?,?\s+(?:is|was)\s+an?\s+"  # "X (Norwegian: Havnelys) is a"
    r"(?P<y>(?:19|20)\d\d)\s+(?:[\w\-]+\s+){0,5}?(?:film|movie|drama|thriller|comedy|picture|documentary)\b"
)
_APPOSITION_AT_START = re.compile(
    r"(?:\A|\n|[.!?]\s+)[“\"‘']?(?P<t>[A-Z0-9][\w'’:&!?.\-]*(?:[ \t]+(?:[A-Z0-9][\w'’:&!?.\-]*"
    r"|of|the|a|an|in|on|to|for|and)){0,6})[”\"’']?,\s+(?:the|a|an)\s+(?:(?:19|20)\d\d\s+)?"
    r"(?:[\w\-]+\s+){0,4}?(?:film|movie|drama|thriller|comedy|documentary|feature|blockbuster)\b"
)
_BEFORE_YEAR = re.compile(
    r"(?:^|[:|–—]\s+|\s-\s)[“\"‘']?(?P<t>[^:|–—()“”\"‘’]+?)[”\"’']?\s*\((?P<y>(?:19|20)\d\d)\)"
)
_HEADING = re.compile(
    r"^[“\"‘']?(?P<t>[^\n(“”\"‘’]{1,80}?)[”\"’']?\s*(?:\((?P<o>(?!(?:19|20)\d\d\b)[^)\n]{1,40})\))?\s*"
    r"(?:\((?P<y>(?:19|20)\d\d)(?:\s[\w\s-]{0,20}film)?\))?\s*(?:\s[-–—|]\s.*|:\s.*|(?:movie|film)?\s*review.*)?$",
    re.IGNORECASE,
)
# (never the part of a word after a hyphen, a one-letter word or the tail of a longer run)
_CAPS_RUN = re.compile(
    r"(?<![\w\-])(?<![A-Z0-9][ \t])[A-Z](?:[A-Z0-9'’.&:!?\-]+|(?=[ \t]+[A-Z]{2}))"  # "X FILES" is one run
    r"(?:[ \t]+[A-Z0-9][A-Z0-9'’.&:!?\-]*){0,6}\b"
)
_BAD_TITLES = {
    "header ads widget",
    "home",
    "menu",
    "reviews",
    "review",
    "movie review",
    "details",
    "cast & crew",
    "synopsis",
    "trailer",
    "news",
    "leave a reply",
    "post a comment",
}


def extract_title(ctx: Context) -> None:
    text = ctx.text
    # float weights: typeshed's Counter holds ints; a Counter for its 0 default on +=
    candidates = cast("dict[str, float]", Counter())
    spelled: dict[str, list[str]] = {}
    years: dict[str, tuple[int, int, int]] = {}
    originals: dict[str, tuple[str, int, int]] = {}

    def consider(title: str, weight: float) -> None:
        title = title.strip(" \t,.:;!?-–—|").strip()
        paren = re.fullmatch(r"(?P<t>.+?)\s*\((?P<p>[^()]{1,40})\)", title)
        if paren:  # "Believer (독전)", "The Mummy (2 stars)"
            title = paren.group("t")
            if has_cjk(paren.group("p")) and not has_cjk(title):
                s = text.find(paren.group("p"))
                originals.setdefault(
                    title.lower(), (paren.group("p"), s, s + len(paren.group("p")))
                )
        cjk = re.match(
            r"(?P<t>[^\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]+?)\s+(?P<o>[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af][^\s(]*(?:\s[^\s(]*[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af][^\s(]*)*)",
            title,
        )
        if cjk:  # "As One 코리아", "Being Natural 天然☆生活 Dir: …"
            title = cjk.group("t").strip()
            s = text.find(cjk.group("o"))
            originals.setdefault(title.lower(), (cjk.group("o"), s, s + len(cjk.group("o"))))
        if not _title_shaped(title) or _not_a_title(title):
            return
        key = title.lower()
        candidates[key] += weight
        spelled.setdefault(key, []).append(title)

    for obj in ctx.document.structured:
        if is_movie_object(obj) and obj.get("name"):
            consider(str(obj["name"]), 5)
    for f in ctx.found:
        if f.prop == "title_label":
            consider(f.value, 6)
    for key in ("og:title", "twitter:title"):
        if ctx.document.meta.get(key):
            head = _HEADING.match(ctx.document.meta[key].strip())
            if head:
                consider(head.group("t"), 1)

    # Headings: the first few non-empty short lines.
    from filmkb.extract.fields import label_of

    heads = [ln for ln in ctx.view.lines if ln.text.strip() and not _labelled(ln.text, label_of)][
        :4
    ]
    for ln in heads:
        line = ln.text.strip()
        if len(line) > 120:
            continue
        # "… Dir: Tadashi Nagayama (2018)"
        line = re.sub(r"\s+Dir(?:ector|\.)?:\s*[^()\n]+", "", line)
        # "Movie Night: Burning (2018) – A Slow-Burn Mystery": the words right before "(year)"
        before_year = _BEFORE_YEAR.search(line)
        if before_year:
            consider(before_year.group("t"), 3)
            ys = ln.start + ln.text.find("(" + before_year.group("y")) + 1
            year = (int(before_year.group("y")), ys, ys + 4)
            years.setdefault(before_year.group("t").strip().lower(), year)
        m = _HEADING.match(line)
        if m:
            consider(m.group("t"), 2)
            whole = re.sub(r"\s*\((?:19|20)\d\d\)\s*$", "", line)
            if whole != m.group("t") and ":" in whole:
                consider(whole, 2)  # "The Hobbit: An Unexpected Journey"
            if m.group("y"):
                ys = ln.start + ln.text.find("(" + m.group("y")) + 1
                year = (int(m.group("y")), ys, ys + 4)
                t_key = re.split(
                    r"\s+[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]", m.group("t").strip()
                )[0]
                years[t_key.strip().lower()] = year
                years[m.group("t").strip().lower()] = year
            if m.group("o") and has_cjk(m.group("o")):
                os_ = ln.start + ln.text.find(m.group("o"))
                originals[m.group("t").strip().lower()] = (
                    m.group("o"),
                    os_,
                    os_ + len(m.group("o")),
                )
        for q in _QUOTED.finditer(line):
            consider(q.group("t"), 2)

    own_lines = Counter(ln.text.strip() for ln in ctx.view.lines if ln.text.strip())
    for line, n in own_lines.items():
        bare = re.split(r"\s+[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]", line)[0]
        repeated = n + (own_lines.get(bare, 0) if bare != line else 0)
        if 0 < len(line.split()) <= 6 and repeated >= 2 and not line.endswith((".", ":", ",")):
            if not territory_named(line) and not is_person_name(bare):
                consider(line, 0.5)  # a short line of its own, repeated: "As One 코리아" / "As One"
    for q in _QUOTED.finditer(text):
        consider(q.group("t"), 1)
    for c in _CAPS_RUN.finditer(text):
        if len(c.group().split()) >= 2 or len(c.group()) >= 5:
            consider(c.group().title() if False else c.group(), 0.5)
    for m in _APPOSITION_AT_START.finditer(text):
        consider(m.group("t"), 2)  # "Running Man, the first Korean film to …"
    for m in _IS_A_FILM.finditer(text):
        t = m.group("t").strip()
        consider(t, 4)  # "Dust and Iron is a 2019 American western film"
        years.setdefault(t.lower(), (int(m.group("y")), m.start("y"), m.end("y")))

    for key, (orig, s, _e) in list(originals.items()):
        labelled = re.search(
            r"(?:Korean|Japanese|Chinese|Hangul|Hanja|original title)\s*[:：]\s*([^;,)]+)", orig
        )
        if labelled and has_cjk(labelled.group(1)):  # "Korean: 기생충; RR: Gisaengchung"
            value = labelled.group(1).strip()
            off = s + orig.find(value)
            originals[key] = (value, off, off + len(value))
        elif not has_cjk(orig):
            del originals[key]
    if not candidates:
        return

    def score(key: str) -> float:
        first = _title_re(key).search(text)
        early = 1.0 if first and first.start() < max(300, len(text) // 8) else 0.0
        return candidates[key] + _mentions(text, key) + early

    best = max(candidates, key=lambda k: (score(k), len(k)))
    # "The Hobbit: An Unexpected Journey" over "The Hobbit" when the page gives the full title
    for key in candidates:
        if key.startswith(best + ":") and _mentions(text, key) >= 2:
            best = key
    if _mentions(text, best) < 2 and candidates[best] < 4:
        return  # a title the page never repeats is a guess
    title = _best_spelling(text, best, spelled[best])
    # the page's mentions of the title: not the lower-case word ("to escape from the North")
    spans = [
        (m.start(), m.end()) for m in _title_re(best).finditer(text) if not m.group()[0].islower()
    ]
    ctx.main_title = title
    ctx.main_title_spans = spans
    exact = [s for s in spans if text[s[0] : s[1]] == title] or spans
    start, end = exact[0] if exact else (0, 0)
    ctx.add(Found("title", title, start, end, "titles.main", 0.9))

    best_year = years.get(best) or _year_after(text, spans)
    if best_year:
        ctx.add(Found("year", best_year[0], best_year[1], best_year[2], "titles.year", 0.85))
    original = originals.get(best) or _original_after(text, spans)
    if original:
        ctx.add(
            Found("original_title", original[0], original[1], original[2], "titles.original", 0.85)
        )
    for obj in ctx.document.structured:
        if is_movie_object(obj) and str(obj.get("name", "")).lower() == best:
            if obj.get("alternateName") and has_cjk(str(obj["alternateName"])):
                ctx.add(
                    Found(
                        "original_title",
                        str(obj["alternateName"]),
                        start,
                        end,
                        "titles.jsonld",
                        0.8,
                    )
                )


def extract_mentioned_by_year(ctx: Context) -> None:
    """ "Movies like Steel Rain (2017), The Spy Gone North (2018) and Hunt (2022)"."""
    main = (ctx.main_title or "").lower()
    for m in _TITLE_YEAR.finditer(ctx.text):
        title = _trim_title(m.group("t"))
        if not title or title.lower() == main or not _title_shaped(title):
            continue
        if re.match(r"(?:Dir|Director|Directed|Written|Starring)\b", title):
            continue
        if main and re.search(rf"[:–—-]\s*{re.escape(main)}$", title.lower()):
            continue  # "Movie Night: Burning (2018)" is the page's own film under a prefix
        start = m.start("t") + m.group("t").rindex(title)
        ctx.add(
            Found(
                "mention", title, start, start + len(title), "titles.mention_year", 0.8, film=title
            )
        )
        ctx.add(
            Found(
                "year",
                int(m.group("y")),
                m.start("y"),
                m.end("y"),
                "titles.mention_year",
                0.8,
                film=title,
            )
        )


def _trim_title(raw: str) -> str:
    """Cut a title run back to where the title starts: "Movies like Steel Rain" → "Steel Rain"."""
    words = raw.split()
    # A title run starts after the last lowercase non-title word or list separator.
    for i in range(len(words) - 1, -1, -1):
        w = words[i]
        if w[0].islower() and w.lower() not in STOP_TITLE_WORDS:
            words = words[i + 1 :]
            break
        if w.lower() in {"and", "or"}:
            words = words[i + 1 :]
            break
    while words and words[0].lower() in {
        "and",
        "or",
        "of",
        "in",
        "on",
        "to",
        "for",
        "from",
        "with",
        "at",
    }:
        words = words[1:]
    while words and words[0].lower() in {
        w.lower() for w in ("Movies", "Films", "Like", "Including", "Such", "As")
    }:
        words = words[1:]
    return " ".join(words).strip(" ,;:")


def _labelled(line: str, label_of) -> bool:  # noqa: ANN001
    """A "Label: value" line ("Sales: CJ E&M", "Theatrical release: …") is not a heading."""
    head = line.split(":", 1)[0].strip().lower()
    return label_of(line) is not None or head in {
        "sales",
        "production",
        "crew",
        "with",
        "reviewed at",
    }


def _not_a_title(title: str) -> bool:
    """A country ("South Korea"), a genre line ("Sports drama") or a byline is not a title."""
    from filmkb.extract.genres import genres_in_list

    words = re.findall(r"[^\W\d_]+", title.lower())
    if territory_named(title) and len(words) <= 3:
        return True
    genre_words = {g for g, _s, _e in genres_in_list(title)}
    if len(words) >= 2 and all(
        w in genre_words or w in {"film", "movie", "sports", "korean"} for w in words
    ):
        return True  # "Sports drama"
    if len(words) == 1 and words[0] in {
        "drama",
        "comedy",
        "action",
        "thriller",
        "horror",
        "romance",
    }:
        return True
    return bool(re.match(r"^(?:by|posted by|review by|written by)\b", title, re.IGNORECASE))


def _title_shaped(title: str) -> bool:
    if not title or len(title) > 80 or title.lower() in _BAD_TITLES:
        return False
    words = title.split()
    if len(words) > 9 or not (title[0].isupper() or title[0].isdigit() or has_cjk(title[0])):
        return False
    if title.endswith((".", ",")) and len(words) > 3:
        return False
    if title_case_ratio(title) < 0.7 and not has_cjk(title):
        return False
    return not (len(words) == 1 and words[0].lower() in NOT_NAME_WORDS)


@functools.lru_cache(maxsize=2048)
def _title_re(key: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w]){re.escape(key)}(?![\w])", re.IGNORECASE)


def _mentions(text: str, key: str) -> int:
    return len(_title_re(key).findall(text))


def _best_spelling(text: str, key: str, spellings: list[str]) -> str:
    """Prefer the page's title-case spelling over an all-caps heading ("ESCAPE" → "Escape")."""
    seen = Counter(m.group() for m in _title_re(key).finditer(text))
    seen.update(spellings)
    ranked = sorted(
        seen, key=lambda s: (s[:1].isupper() and not s.isupper(), seen[s]), reverse=True
    )
    return ranked[0]


def _year_after(text: str, spans: list[tuple[int, int]]) -> tuple[int, int, int] | None:
    for _s, e in spans:
        # "(2004)", "(Hanyo, 1960)", "(Florian Henckel von Donnersmarck, 2006)", "(2006, Name)"
        m = re.match(
            r"[”\"’']?\s*(?:\([^)\n]{1,40}\)\s*)?\((?:[^()\n]{1,60}?,\s*)?(?P<y>(?:19|20)\d\d)"
            r"(?:\s*,[^()\n]{1,60})?\)",
            text[e : e + 90],
        )
        if m:
            return int(m.group("y")), e + m.start("y"), e + m.end("y")
    return None


def _original_after(text: str, spans: list[tuple[int, int]]) -> tuple[str, int, int] | None:
    for _s, e in spans:
        m = re.match(
            r"[”\"’']?\s*\((?:(?:Korean|Japanese|Chinese|Hangul|original(?: title)?)\s*[:：]\s*)?"
            r"(?P<o>[^)\n,;]{1,40})[),;]",
            text[e : e + 60],
        )
        if m and has_cjk(m.group("o")):
            return m.group("o").strip(), e + m.start("o"), e + m.end("o")
    return None
