"""Credits named by the registry's cue words in running text (``facts_labels.tsv``).

For every fact type whose value is a person's or a company's name (``filmkb.facts.NAMES``):

* ``prose`` cues before the names: "music by Walter Carlos", "production company Hive Media
  Corp", "produced by Universal Pictures" (a ``strict`` cue needs a name that is clearly a
  company's — "produced by Kevin Feige" is a producer, not a company — or one the learned
  tagger reads as a person's: "a score from Miklos Rozsa", not "from Rotten Tomatoes");
* ``title`` cues right before one name: "composer Hans Zimmer";
* ``possessive`` cues after a name's possessive: "Max Steiner's thrilling score" (not
  "Rotten Tomatoes' score of 90%").

The fact types' own extractors (``credits``) still read directors and writers; this component
adds the fact types that have cue words and no extractor of their own.
"""

from __future__ import annotations

import re
from functools import cache

from filmkb import facts
from filmkb.extract.base import Context, Found
from filmkb.extract.credits import take_name, take_name_before, take_names
from filmkb.extract.text import is_person_name

# legal forms that end a company's name and never stand alone ("Finecut Co., Ltd.")
_LEGAL = frozenset("ltd inc llc co corp gmbh sa plc ag bv srl pty limited kk".split())
_CONNECTORS = frozenset("of and the de du des la le et y von van del di da & + for".split())
_NOT_COMPANY = frozenset("n/a na tba tbc tbd none unknown various".split())
_MONTHS = frozenset(
    "january february march april may june july august september october november december"
    .split()
)  # fmt: skip
# a score that is a rating, not music: "the overall score", "Metacritic's average score"
_RATING_WORDS = frozenset(
    "overall average aggregate final total critics critic audience review rating approval test"
    " high low perfect tomatometer metacritic imdb user users fan fans".split()
)


@cache
def _company_words() -> tuple[frozenset[str], frozenset[str]]:
    """(words that end a company's name, company words and brands) from extract/data."""
    from filmkb.extract.learned.tokens import word_lists

    lists = word_lists()
    suffixes = lists.get("company_suffixes", frozenset()) | {"cinema", "films", "pictures"}
    return frozenset(suffixes | _LEGAL), frozenset(lists["company_words"])


def is_company_name(text: str, strict: bool = False) -> bool:
    """Shape of a company's name: capitalised words, "Zip Cinema", "Warner Bros. Pictures",
    "A24". ``strict``: clearly a company ("… Pictures", "Studio Ghibli", "MGM"), not a person.
    """
    words = text.split()
    if not 1 <= len(words) <= 7 or not 2 <= len(text) <= 70 or text.lower() in _NOT_COMPANY:
        return False
    if not re.match(r"[A-Z0-9À-Þ]", text) or not re.search(r"[^\W\d_]", text):
        return False
    for i, word in enumerate(words):
        bare = word.strip(".,'’()")
        if not bare:
            return False
        if bare.lower() in _CONNECTORS and 0 < i < len(words) - 1:
            continue
        if not re.match(r"[A-Z0-9À-Þ]", bare) or bare.lower() in _MONTHS:
            return False
    if not strict:
        return True
    suffixes, company = _company_words()
    first, last = words[0].lower().strip(".,"), words[-1].lower().strip(".,")
    if last in suffixes or first in ("studio", "studios"):
        return True
    if len(words) == 1:
        return last in company
    return last in company and not is_person_name(text, min_tokens=2)


_COMPANY_SPLIT = re.compile(r"\s*(?:[,;/|]|\band\b)\s*")
_ABBREVIATIONS = _LEGAL | {"bros"}
_COMPANY_TOKEN = re.compile(r"[A-Z0-9À-Þ][\w.'’&+-]*|&|\+|(?:of|the|de|du|des|la|le|et|y)\b")
_TRAILING = re.compile(r"(?:\s+(?:of|and|the|de|du|des|la|le|et|y|&|\+))+$", re.IGNORECASE)


def split_companies(value: str) -> list[tuple[str, int]]:
    """ "A Pictures, B Films and C" → [(name, offset)]; "Finecut Co, Ltd" stays one name."""
    if value.strip(" .").lower() in _NOT_COMPANY:
        return []
    pieces, pos = [], 0
    for sep in _COMPANY_SPLIT.finditer(value):
        pieces.append((value[pos : sep.start()], pos))
        pos = sep.end()
    pieces.append((value[pos:], pos))
    out: list[tuple[str, int]] = []
    for raw, offset in pieces:
        name = facts.company_name(re.sub(r"\s*\([^()]*\)", "", raw))
        if not name:
            continue
        start = offset + max(0, raw.find(name))
        if out and name.lower().strip(".") in _LEGAL:
            previous = out[-1][1]
            out[-1] = (value[previous : start + len(name)], previous)
            continue
        out.append((name, start))
    return out


def _company_end(text: str, start: int) -> int:
    """Where a run of company-name tokens from ``start`` ends (one line, no possessive)."""
    j = end = start
    while True:
        m = _COMPANY_TOKEN.match(text, j)
        if not m or m.group().lower().endswith(("’s", "'s")):
            return end
        end = m.end()
        if m.group().endswith(".") and m.group().lower().rstrip(".") not in _ABBREVIATIONS:
            return end  # a period ends the sentence, except after "Bros." or "Inc."
        gap = re.match(r"[ \t]+", text[end : end + 8])
        if not gap:
            return end
        j = end + gap.end()


def take_companies(text: str, pos: int, strict: bool) -> list[tuple[str, int, int]]:
    """Company names listed from ``pos``: "Hive Media Corp", "CJ ENM and Zip Cinema"."""
    out: list[tuple[str, int, int]] = []
    i = pos
    while len(out) < 6:
        lead = re.match(r"the\s+", text[i : i + 8])
        start = i + (lead.end() if lead else 0)
        name = _TRAILING.sub("", text[start : _company_end(text, start)]).rstrip(",")
        last = name.rsplit(None, 1)[-1].lower().rstrip(".") if name else ""
        if name.endswith(".") and last not in _ABBREVIATIONS:
            name = name[:-1]
        if not name or not is_company_name(name, strict):
            break
        out.append((name, start, start + len(name)))
        sep = re.match(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)", text[start + len(name) :])
        if not sep:
            break
        i = start + len(name) + sep.end()
    return out


@cache
def _cues(use: str) -> list[tuple[facts.FactType, re.Pattern[str], bool]]:
    out = []
    for fact_type in facts.of_kind(*facts.NAMES):
        for words in facts.label_words(use):
            if words.key not in fact_type.keys:
                continue
            phrase = r"\s+".join(re.escape(w) for w in words.words.split())
            if use == "possessive":
                pattern = rf"(?:’s|'s|’|')\s+(?P<adj>(?:[a-z][\w-]*,?\s+){{0,4}}?){phrase}\b"
                regex = re.compile(pattern)
            else:
                regex = re.compile(rf"(?<![\w-]){phrase}[ \t]+", re.IGNORECASE)
            out.append((fact_type, regex, "strict" in words.uses))
    return out


def cue_facts() -> tuple[str, ...]:
    """The fact types this component reads (what it assigns)."""
    uses = ("prose", "title", "possessive")
    return tuple(f.name for f in facts.of_kind(*facts.NAMES) if any(f.words(use) for use in uses))


def extract_cues(ctx: Context) -> None:
    text = ctx.text
    for fact_type, regex, strict in _cues("prose"):
        for m in regex.finditer(text):
            if fact_type.value == facts.COMPANY:
                names = take_companies(text, m.end(), strict)
            else:
                names = take_names(text, m.end(), min_tokens=2)
                if strict:  # "a score from Rotten Tomatoes" is no composer
                    names = [n for n in names if _tagged_person(ctx, n[1], n[2])]
            for name, s, e in names:
                _add(ctx, fact_type, name, s, e, "cues.prose", 0.85)
    for fact_type, regex, _strict in _cues("title"):
        for m in regex.finditer(text):
            got = take_name(text, m.end(), min_tokens=2)
            if fact_type.value == facts.PERSON and got:
                _add(ctx, fact_type, *got, "cues.title", 0.8)
    for fact_type, regex, _strict in _cues("possessive"):
        for m in regex.finditer(text):
            adjectives = set(re.findall(r"[a-z][\w-]*", m.group("adj")))
            after = text[m.end() : m.end() + 12]
            if adjectives & _RATING_WORDS or re.match(r"\s*(?:of\b|is\s+\d|[:=/\d])", after):
                continue
            got = take_name_before(text, m.start(), min_tokens=2)
            if fact_type.value == facts.PERSON and got and got[2] == m.start():
                if _tagged_person(ctx, got[1], got[2]):  # not "Blade Runner's score"
                    _add(ctx, fact_type, *got, "cues.possessive", 0.8)


def _tagged_person(ctx: Context, start: int, end: int) -> bool:
    """The learned tagger reads a person (PER) at [start, end)."""
    return any(e.label == "PER" and e.start < end and start < e.end for e in ctx.entities)


def _add(
    ctx: Context, fact_type: facts.FactType, name: str, s: int, e: int, how: str, conf: float
) -> None:
    from filmkb.extract.mentions import film_at

    ctx.add(Found(fact_type.name, name, s, e, how, conf, film=film_at(ctx, s, e)))
