"""Credits in prose: directors, writers, "starring A, B and C", who plays whom.

Patterns (each a registered component in ``filmkb.extract``):
* crew: "directed by X", "Director X", "written by X and Y", "screenplay by X"
* starring: "starring A, B and C", "stars A and B"
* roles: "X, portrayed by Y", "Y plays X", "Y as X", "Y's portrayal of X", "played by Y"
* parentheticals: "Dong-hyuk (HONG Xa-bin)" (character, actor) and
  "LEE Jong-pil (Samjin Company English Class, The Sound of a Flower)" (person, their films)
"""

from __future__ import annotations

import functools
import re

from filmkb.extract.base import Context, Found
from filmkb.extract.text import NAME_TOKEN, PARTICLE, Segment, is_person_name, title_case_ratio
from filmkb.resolve.names import split_rank
from filmkb.types import CastCredit

_TOKEN_RE = re.compile(rf"{NAME_TOKEN}|{PARTICLE}(?=\s)")
RANK = (
    r"(?:Sgt\.?|Sergeant|Major|Maj\.|Captain|Capt\.|Lieutenant|Lt\.|Colonel|Col\.|General|Gen\."
    r"|Private|Pvt\.|Corporal|Cpl\.|Officer|Detective|Det\.|Agent|Inspector|Dr\.|Doctor|Professor"
    r"|Prof\.|Mr\.|Mrs\.|Ms\.|Miss|Father|Sister|Brother|King|Queen|Prince|Princess|Lord|Lady"
    r"|Chief|Commander|Admiral|Judge|Uncle|Aunt|Grandma|Grandpa|Madam|Sir)"
)


def take_name(
    text: str, pos: int, min_tokens: int = 2, max_tokens: int = 4
) -> tuple[str, int, int] | None:
    """The longest person-shaped name starting at ``pos`` (tokens separated by single spaces)."""
    tokens: list[tuple[int, int]] = []
    i = pos
    while len(tokens) < max_tokens:
        m = _TOKEN_RE.match(text, i)
        if not m:
            break
        tokens.append((m.start(), m.end()))
        nxt = re.match(r"[ \t]+", text[m.end() :])
        if not nxt:
            break
        i = m.end() + nxt.end()
    for n in range(len(tokens), 0, -1):
        start, end = tokens[0][0], tokens[n - 1][1]
        cand = text[start:end].rstrip(".")
        end = start + len(cand)
        if is_person_name(cand, min_tokens=min_tokens, max_tokens=max_tokens):
            return cand, start, end
    return None


def take_name_before(text: str, end: int, min_tokens: int = 1) -> tuple[str, int, int] | None:
    """The person-shaped name ending at ``end`` (longest first, optional rank prefix stripped)."""
    head = text[max(0, end - 80) : end]
    offset = end - len(head)
    best = None
    for m in re.finditer(r"(?<![\w'’-])(?=[A-Z])", head):
        cand = head[m.start() :].rstrip()
        if not cand or len(cand.split()) > 5:
            continue
        rank_m = re.match(rf"{RANK}\s+", cand)
        bare = cand[rank_m.end() :] if rank_m else cand
        if is_person_name(bare, min_tokens=min_tokens):
            s = offset + m.start() + (rank_m.end() if rank_m else 0)
            best = (bare, s, s + len(bare))
            break
    return best


def take_names(text: str, pos: int, min_tokens: int = 2) -> list[tuple[str, int, int]]:
    """A list "A, B and C" starting at ``pos``; stops at the first item that is not a name.

    Lower-case descriptions before an item are skipped: "the popular X", "singer-and-actress Y".
    """
    out: list[tuple[str, int, int]] = []
    i = pos
    while True:
        desc = re.match(r"(?:(?:the|a|an|[a-z][\w\-]*)\s+){0,3}(?=[A-Z])", text[i : i + 60])
        got = take_name(text, i, min_tokens)
        if not got and out:  # "Oscar Isaac, Zendaya and Sterling K. Brown": a one-word name
            one = take_name(text, i, 1, 1)
            if one and re.match(r"\s*(?:,|;|\band\b|&|\.(?:\s|$)|$)", text[one[2] :]):
                got = one
        if not got and desc and desc.end() and not set(desc.group().split()) & _NOT_DESCRIPTORS:
            got = take_name(text, i + desc.end(), min_tokens)
        if not got:
            break
        out.append(got)
        sep = re.match(r"\s*(?:,\s*(?:and\s+|&\s+)?|\s+and\s+|\s*&\s*)", text[got[2] :])
        if not sep or not sep.group().strip(" "):
            break
        i = got[2] + sep.end()
    return out


# --- crew ---------------------------------------------------------------------------------

_NOT_DESCRIPTORS = {
    "starring",
    "stars",
    "with",
    "and",
    "who",
    "which",
    "featuring",
    "written",
    "directed",
    "produced",
    "as",
    "by",
    "in",
    "on",
    "at",
    "from",
    "of",
    "to",
    "while",
    "but",
    "also",
    "is",
    "was",
    "are",
    "were",
    "has",
    "have",
    "had",
    "plays",
    "played",
    "that",
}
_DIRECTED = re.compile(
    r"\b(?:(?:co-)?directed(?:\s+(?:and|&)\s+(?:co-)?(?:written|produced))?|helmed"
    r"|directorial debut of|direction|written\s+(?:and|&)\s+directed)\s+by\s+"
    r"(?:(?:the\s+)?(?:director|filmmaker)\s+)?"
    # "great direction from the legendary John Ford"
    r"|\bdirection\s+from\s+(?:the\s+)?(?-i:(?:[a-z][\w\-]*\s+){0,2}(?=[A-Z]))",
    re.IGNORECASE,
)
# "Art Director X", "festival director X": directors, but not of the film
_NOT_FILM_DIRECTOR = (
    "assistant",
    "art",
    "music",
    "casting",
    "photography",
    "executive",
    "festival",
    "program",
    "programme",
    "creative",
    "managing",
    "artistic",
    "technical",
    "marketing",
    "action",
    "stunt",
    "unit",
    "animation",
    "musical",
    "dance",
    "theatre",
    "theater",
    "stage",
    "company",
    "sales",
    "general",
    "deputy",
    "regional",
    "associate",
    "script",
    "dialogue",
    "dubbing",
    "vfx",
    "effects",
)
_DIRECTOR_TITLE = re.compile(
    r"\b(?:[Dd]irector|[Ff]ilmmaker|DIRECTOR|[Hh]elmer|[Aa]uteur)\s+(?=[A-Z])"
)
_WRITTEN = re.compile(
    r"\b(?:(?:co-)?written(?:\s+(?:and|&)\s+directed)?|directed\s+(?:and|&)\s+(?:co-)?written"
    r"|penned|scripted|screenplay|script|story)\s+(?:was\s+)?by\s+"
    r"|\bco-wrote\s+(?:the\s+(?:screenplay|script|film|story)\s+)?with\s+",
    re.IGNORECASE,
)
_WRITER_TITLE = re.compile(r"\b(?:[Ss]creenwriter|[Ww]riter-director|[Ww]riter)\s+(?=[A-Z])")


def extract_crew(ctx: Context) -> None:
    text = ctx.text
    for m in _DIRECTED.finditer(text):
        for name, s, e in _tight(text, m.end(), take_names(text, m.end())):
            _add_crew(ctx, "director", name, s, e, "credits.directed_by", 0.9)
    for m in _DIRECTOR_TITLE.finditer(text):
        if text[max(0, m.start() - 12) : m.start()].lower().rstrip().endswith(_NOT_FILM_DIRECTOR):
            continue
        got = take_name(text, m.end())
        if got:
            _add_crew(ctx, "director", *got, "credits.director_title", 0.8)
    for m in _WRITTEN.finditer(text):
        if _SOURCE_WORK.search(text[max(0, m.start() - 40) : m.start()]):
            continue  # "based on a short story by X": the source's author, not a screenwriter
        for name, s, e in _tight(text, m.end(), take_names(text, m.end())):
            _add_crew(ctx, "writer", name, s, e, "credits.written_by", 0.85)
    for m in _WRITER_TITLE.finditer(text):
        got = take_name(text, m.end())
        if got:
            _add_crew(ctx, "writer", *got, "credits.writer_title", 0.75)
            if m.group().lower().startswith("writer-director"):
                _add_crew(ctx, "director", *got, "credits.writer_title", 0.75)


_SOURCE_WORK = re.compile(r"(?i)\b(?:based\s+on|adapt(?:ed|ing|ation)|inspired\s+by)\b[^.;]*$")
# what may stand between the names of one credit: "A, B and C", "A and co-writer B"
_GAP = re.compile(r"^(?:\s*(?:,|;|&|\band\b|\bwith\b|\bco-writers?\b|\bco-directors?\b)\s*)+$")


def _tight(text: str, start: int, names: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """A credit's names up to the first one the sentence reaches through other words ("written
    by A, adapting B's novel" / "co-written by A, based on …, and follows C": A only)."""
    out: list[tuple[str, int, int]] = []
    end = start
    for item in names:
        gap = text[end : item[1]]
        if out and not _GAP.match(gap):
            break
        out.append(item)
        end = item[2]
    return out


def _add_crew(
    ctx: Context, prop: str, name: str, s: int, e: int, extractor: str, conf: float
) -> None:
    from filmkb.extract.mentions import film_at

    ctx.add(Found(prop, name, s, e, extractor, conf, film=film_at(ctx, s, e)))
    _films_in_parens(ctx, prop, name, e)


# --- cast ---------------------------------------------------------------------------------

_STARRING = re.compile(
    r"\b(?:starring|stars|co-starring|co-stars?|alongside|featuring|performances of|lead actors?"
    r"|led by|headlined by|to star|star)\s+"
    r"(?:(?:lead\s+)?actors?\s+|actress(?:es)?\s+)?"
    # "With A and B in smaller roles, …"
    r"|(?:^|(?<=[.!?]\s))With\s+(?=[A-Z][^.\n]{0,120}?\bin\s+(?:\w+\s+){0,2}roles?\b)",
    re.MULTILINE,
)
_PLAYED_BY = re.compile(
    r",?\s+(?:(?:who\s+is|is|was)\s+)?(?:[a-z]+ly\s+)?(?:portr?ayed|played|essayed|embodied|brought to life)"
    r"(?:\s+\w+ly)?\s+by\s+"
)
_ACTOR_VERB_AS = re.compile(
    r"(?:’s portrayal of|'s portrayal of|’s turn as|'s turn as|\s+[a-z]+ly\s+(?:plays|portrays)"
    r"|\s+(?:plays|played|portrays|portrayed|stars as|starred as|appears as|is cast as|was cast as"
    r"|as|in the role of|in the (?:lead|title|main|leading|central) role of|takes on the role of|steps into the shoes of|delivers an?\s+[\w\s]{0,40}?performance as"
    r"|gives\s+(?:an?\s+)?[\w\s\-]{0,40}?(?:performance|support|turn|portrayal)\s+as))\s+"
    r"(?:the\s+(?:[a-z\-]+\s+){0,3}|(?:young|old|older|younger|little|adult|teenage|elderly)\s+)?"
)
# "Ryan Reynolds’ Michael Bryce", "Yota Kawase’s good-natured lead character Taka"
_POSSESSIVE = re.compile(r"(?:’s|'s|’|')\s+(?P<desc>(?:[a-z][\w\-]*\s+){0,4})(?=[A-Z])")
_DESCRIBED = re.compile(
    r"(?:his|her|their|its|a|an)\s+(?:[a-z][\w\-]*\s+){0,4}?[a-z][\w\-]*,\s+(?=[A-Z])"
)
_DESCRIPTOR = re.compile(r"(?:[a-z][\w\-]*\s+|TV\s+|K-drama\s+){0,5}(?=[A-Z])")


# "the film features Waheeda Rehman as the compassionate Gulabo, Mala Sinha as …": names a
# feature verb introduces count only when each is followed by its role ("as …")
_FEATURES = re.compile(r"\b(?:film|movie|picture|it|cast)\s+(?:also\s+)?(?:features|featured)\s+")


def extract_starring(ctx: Context) -> None:
    text = ctx.text
    for m in _STARRING.finditer(text):
        for name, s, e in take_names(text, m.end()):
            _add_cast(ctx, name, None, s, e, "credits.starring", 0.85)
    for m in _FEATURES.finditer(text):
        for name, s, e in take_names(text, m.end()):
            if not re.match(r"\s+as\s", text[e : e + 4]):
                break
            _add_cast(ctx, name, None, s, e, "credits.features", 0.8)


def extract_roles(ctx: Context) -> None:
    for sent in ctx.view.sentences:
        if _headline(sent):
            continue
        _roles_played_by(ctx, sent)
        _roles_actor_as(ctx, sent)
        _roles_possessive(ctx, sent)


def _headline(sent: Segment) -> bool:
    """A title-cased line of several words: a headline, not a sentence about roles."""
    return len(sent.text.split()) > 4 and title_case_ratio(sent.text) > 0.85


def _known_actor(ctx: Context, text: str, end: int) -> tuple[str, int, int] | None:
    """The actor whose name (or surname alone: "Cruise plays") ends at ``end``."""
    got = take_name_before(text, end, min_tokens=2)
    if got and "actor" in ctx.role_of(got[0]):
        return got
    one = take_name_before(text, end, min_tokens=1)
    if one and len(one[0].split()) == 1 and "actor" in ctx.role_of(one[0]):
        return one  # a one-word name the page credits ("Zendaya plays …")
    if one and len(one[0].split()) == 1:
        full = actor_by_part(ctx, one[0])
        if full:
            return full, one[1], one[2]
    return got


def actor_by_part(ctx: Context, word: str) -> str | None:
    """The one actor the page credits whose surname is ``word``: "Cruise" → Tom Cruise, and
    surname first as in Korean names, "Kwak" → Kwak Do-won. None when no actor or several."""
    found = {
        name
        for name, roles in list(ctx.roles.items())
        if "actor" in roles
        and len(name.split()) > 1
        and word in (name.split()[-1], name.split()[0])
        and "character" not in roles
    }
    return found.pop() if len(found) == 1 else None


def _roles_possessive(ctx: Context, sent: Segment) -> None:
    text = ctx.text
    for m in _POSSESSIVE.finditer(sent.text):
        abs_start = sent.start + m.start()
        actor = _known_actor(ctx, text, _before_aside(text, abs_start))
        if not actor or "actor" not in ctx.role_of(actor[0]):
            continue
        desc = m.group("desc")
        min_tokens = 1 if re.search(r"\b(?:character|role|alter ego)\s+$", desc) else 2
        character = take_name(text, sent.start + m.end(), min_tokens=min_tokens, max_tokens=3)
        if (
            not character
            or "actor" in ctx.role_of(character[0])
            or ctx.role_of(character[0]) & {"director", "writer"}
        ):
            continue
        if text[character[2] : character[2] + 2] in ("'s", "’s"):
            continue
        _add_cast(
            ctx,
            actor[0],
            character[0],
            actor[1],
            actor[2],
            "credits.possessive",
            0.7,
            char_span=character[1:],
        )


def _roles_played_by(ctx: Context, sent: Segment) -> None:
    """ "Sergeant Lim Gyu-nam, portrayed by Lee Je-Hoon" / "fellow soldier played by Hong Xa-bin"."""
    text = ctx.text
    for m in _PLAYED_BY.finditer(sent.text):
        abs_start = sent.start + m.start()
        after = sent.start + m.end()
        desc = _DESCRIPTOR.match(text, after)
        actor = take_name(text, desc.end() if desc else after)
        if not actor:
            continue
        character = take_name_before(text, abs_start, min_tokens=1)
        # "a party guest played by ...": a lowercase description is not a character's name
        char_name = (
            character[0] if character and not _lowercase_right_before(text, abs_start) else None
        )
        _add_cast(
            ctx,
            actor[0],
            char_name,
            actor[1],
            actor[2],
            "credits.played_by",
            0.85,
            char_span=character[1:] if char_name and character else None,
        )


def _lowercase_right_before(text: str, pos: int) -> bool:
    word = re.search(r"(\S+)\s*$", text[max(0, pos - 40) : pos])
    return bool(word and word.group(1)[0].islower())


def _roles_actor_as(ctx: Context, sent: Segment) -> None:
    """ "Koo Kyo Hwan delivers a brilliant performance as Ri Hyun Sang"."""
    text = ctx.text
    for m in _ACTOR_VERB_AS.finditer(sent.text):
        verb = m.group().strip()
        abs_start = sent.start + m.start()
        actor = _known_actor(ctx, text, _before_aside(text, abs_start))
        if not actor:
            # "Koo Kyo-hwan's portrayal of": the name ends before the apostrophe
            continue
        if verb == "as" and "actor" not in ctx.role_of(actor[0]):
            continue  # bare "as" is too common; trust it only for names already known as actors
        char_start = sent.start + m.end()
        rank = re.match(rf"{RANK}\s+", text[char_start:])
        if rank:
            char_start += rank.end()
        character = take_name(text, char_start, min_tokens=1, max_tokens=4)
        if not character and rank:  # "Capt. Ko": after a rank, one short word is a name
            one = re.match(r"[A-Z][a-z'’\-]{1,12}\b", text[char_start : char_start + 14])
            if one:
                character = (one.group(), char_start, char_start + one.end())
        if not character:
            # "plays his estranged daughter, Mira": a description, then the name
            described = _DESCRIBED.match(text, char_start)
            character = take_name(text, described.end(), 1, 4) if described else None
        if not character:
            continue
        after = text[character[2] : character[2] + 3]
        if after.startswith(("'s", "’s")):
            continue  # "as Kyu-nam's mother": a different character, and a description
        _add_cast(
            ctx,
            actor[0],
            character[0],
            actor[1],
            actor[2],
            "credits.actor_as",
            0.8,
            char_span=character[1:],
        )


# a last word "Claros-MG", "Anápolis-GO": a place with its region code, never a person's name
_PLACE_CODE = re.compile(r"\b[A-ZÀ-Þ][a-zà-ÿ]{3,}\s?-[A-Z]{2}$")


def _before_aside(text: str, end: int) -> int:
    """Where a name ends when an aside in brackets stands between it and what follows: "Ryu
    Seung-ryong (he played the villain in …) stars as"."""
    head = text[max(0, end - 200) : end].rstrip()
    if not head.endswith(")"):
        return end
    opening = head.rfind("(")
    if opening < 0 or ")" in head[opening:-1]:
        return end
    return max(0, end - 200) + len(head[:opening].rstrip())


def _add_cast(
    ctx: Context,
    actor: str,
    character: str | None,
    s: int,
    e: int,
    extractor: str,
    conf: float,
    char_span: tuple[int, int] | None = None,
) -> None:
    if character:
        character = split_rank(character)[1]
    if character and _same(character, actor):
        character = None
    if _PLACE_CODE.search(actor) or (
        character and " " in character and actor.lower().startswith(character.lower())
    ):
        return  # "Cinemais Araxá (Cinemais Araxá-MG)": a place and its state code, no credit
    from filmkb.extract.mentions import film_at

    found = Found(
        "cast", CastCredit(actor, character), s, e, extractor, conf, film=film_at(ctx, s, e)
    )
    if char_span:
        found.note = f"character at {char_span[0]}-{char_span[1]}"
    ctx.add(found)
    _films_in_parens(ctx, "cast", actor, e)


def _same(a: str, b: str) -> bool:
    from filmkb.resolve.names import normalize_name

    return normalize_name(a) == normalize_name(b)


# --- parentheticals -----------------------------------------------------------------------

_PAREN = re.compile(r"\s?\((?P<p>[^()\n]{2,120})\)")


def extract_parentheticals(ctx: Context) -> None:
    """ "Kyu-nam (LEE Je-hoon)" → cast; "Lee Je-Hoon (Time To Hunt)" → a film of that actor."""
    text = ctx.text
    for m in _PAREN.finditer(text):
        inner = m.group("p").strip()
        dash = re.match(r"(?P<n>[^–—]+?)\s+[–—-]\s+(?P<f>.+)$", inner)
        if dash and is_person_name(dash.group("n"), min_tokens=2):
            before = take_name_before(text, m.start(), min_tokens=1)
            actor = dash.group("n")
            a_start = m.start("p") + m.group("p").find(actor)
            character = before[0] if before and not text[before[2] : m.start()].strip() else None
            _add_cast(
                ctx,
                actor,
                character,
                a_start,
                a_start + len(actor),
                "credits.character_paren",
                0.8,
                char_span=before[1:] if character and before else None,
            )
            _film_list(
                ctx,
                "cast",
                actor,
                dash.group("f"),
                m.start("p") + m.group("p").find(dash.group("f")),
            )
            continue
        before = take_name_before(text, m.start(), min_tokens=1)
        if not before:
            continue
        name, s, e = before
        if text[e : m.start()].strip():
            continue
        inner_is_person = is_person_name(inner, min_tokens=2)
        roles_before = ctx.role_of(name)
        roles_inner = ctx.role_of(inner) if inner_is_person else set()
        if (
            inner_is_person
            and "character" not in roles_inner
            and not roles_before & {"actor", "director", "writer"}
        ):
            if "character" in roles_before or not _caps_surname(name) or _caps_surname(inner):
                _add_cast(
                    ctx,
                    inner,
                    name,
                    m.start("p"),
                    m.start("p") + len(inner),
                    "credits.character_paren",
                    0.85,
                    char_span=(s, e),
                )
                continue
        if inner_is_person and "character" in roles_inner and "actor" in roles_before:
            _add_cast(ctx, name, inner, s, e, "credits.actor_paren", 0.8)


def _caps_surname(name: str) -> bool:
    return any(len(t) > 1 and t.isupper() for t in name.split())


_FILM_LIST_SPLIT = re.compile(r"\s*(?:,|;|\band\b|&)\s*")


def _films_in_parens(ctx: Context, role: str, person: str, end: int) -> None:
    """ "LEE Jong-pil (Samjin Company English Class, The Sound of a Flower)": films of a person."""
    m = _PAREN.match(ctx.text, end)
    if not m:
        return
    inner = m.group("p")
    if is_person_name(inner.strip(), min_tokens=2) or re.fullmatch(r"\s*(?:19|20)\d\d\s*", inner):
        return
    if re.match(r"[^–—]+?\s+[–—-]\s+", inner):
        return  # "(Name – films)": read by extract_parentheticals
    _film_list(ctx, role, person, inner, m.start("p"))


def _film_list(ctx: Context, role: str, person: str, inner: str, pos: int) -> None:
    for part in _FILM_LIST_SPLIT.split(inner):
        title = part.strip()
        idx = ctx.text.find(title, pos)
        pos = idx + len(title) if idx >= 0 else pos
        if not title or idx < 0 or not _film_title_shaped(title):
            continue
        year = re.search(r"\b((?:19|20)\d\d)\b", title)
        if year and title.strip() == year.group(1):
            continue
        ctx.add(
            Found("mention", title, idx, idx + len(title), "credits.person_films", 0.75, film=title)
        )
        if role == "cast":
            value = CastCredit(person, None)
            ctx.add(
                Found("cast", value, idx, idx + len(title), "credits.person_films", 0.7, film=title)
            )
        else:
            ctx.add(
                Found(role, person, idx, idx + len(title), "credits.person_films", 0.7, film=title)
            )


def _film_title_shaped(title: str) -> bool:
    words = title.split()
    if not words or len(words) > 9 or not (words[0][0].isupper() or words[0][0].isdigit()):
        return False
    if title.lower() in {"uncredited", "voice", "cameo", "archive footage", "tv", "left", "right"}:
        return False
    return title_case_ratio(title) >= 0.7


# --- second pass: characters, once every actor is known ---------------------------------

_PLAYED_BY_INNER = re.compile(
    r"(?:(?:who\s+is\s+|is\s+)?(?:played|portrayed|voiced)\s+by\s+)?(?P<a>[^,;()]+)"
)


def extract_character_links(ctx: Context) -> None:
    """Characters tied to actors the page credits (by the rules or the role model, so this runs
    after both): "Max (Hardy)", "Young-il (played by Song)", "Commander Lee (Jung Jae Young,
    from Someone Special)", and the sentence rules again ("Kwak as Jong-goo", "Theron's
    Furiosa") for actors only the role model found. Adds credits that name a character only."""
    text = ctx.text
    for sent in ctx.view.sentences:
        if _headline(sent):
            continue
        _roles_actor_as(ctx, sent)
        _roles_possessive(ctx, sent)
    for m in _PAREN.finditer(text):
        inner = _PLAYED_BY_INNER.match(m.group("p").strip())
        if not inner:
            continue
        who = inner.group("a").strip()
        if "actor" in ctx.role_of(who) and len(who.split()) > 1:
            actor = who
        elif len(who.split()) == 1:
            actor = actor_by_part(ctx, who)
        else:
            actor = None
        if not actor:
            continue
        before = take_name_before(text, m.start(), min_tokens=1)
        if not before or text[before[2] : m.start()].strip():
            continue
        name, s, e = before
        roles = ctx.role_of(name)
        if roles & {"actor", "director", "writer"} or _same(name, ctx.main_title or ""):
            continue
        a_start = m.start("p") + m.group("p").find(who)
        _add_cast(
            ctx,
            actor,
            name,
            a_start,
            a_start + len(who),
            "credits.character_link",
            0.8,
            char_span=(s, e),
        )


# --- the film's title in context: "THE LIVES OF OTHERS (Florian Henckel von Donnersmarck,
# 2006)", "Danny Boyle's Trainspotting" ------------------------------------------------------

_TITLE_PAREN = re.compile(
    r"[”\"’']?\s*\((?:(?P<y1>(?:19|20)\d\d),\s*(?P<n1>[^(),\n]{3,50})"
    r"|(?P<n2>[^(),\n]{3,50}),\s*(?P<y2>(?:19|20)\d\d))\)"
)
# the possessive as pages type it: ' ’ and the left quote ‘ that CMS "smart quotes" put there
_POSS = r"(?:[’'‘ʼ]s|[’'‘ʼ])"
_OWNER = re.compile(rf"{_POSS}\s+(?:(?:latest|new|newest|debut|acclaimed|classic)\s+)?$")


def extract_title_context(ctx: Context) -> None:
    """Directors named next to the page's film title: "Title (Name, 2006)" / "Title (2006,
    Name)", and "Name's Title" for a name the page does not credit otherwise (an actor's or a
    character's name before the title is not a director)."""
    text = ctx.text
    for s, e in ctx.main_title_spans:
        m = _TITLE_PAREN.match(text, e)
        if m:
            group = "n1" if m.group("n1") else "n2"
            name = m.group(group).strip()
            if is_person_name(name, min_tokens=2) and not ctx.role_of(name) & {
                "actor",
                "character",
            }:
                ns = m.start(group) + m.group(group).find(name)
                _add_crew(ctx, "director", name, ns, ns + len(name), "credits.title_paren", 0.75)
        owner = _OWNER.search(text[max(0, s - 20) : s])
        if not owner:
            continue
        got = take_name_before(text, s - len(owner.group()), min_tokens=2)
        if not got or ctx.role_of(got[0]) & {"actor", "character", "writer"}:
            continue
        if text[got[2] : s - len(owner.group())].strip():
            continue
        _add_crew(ctx, "director", got[0], got[1], got[2], "credits.owner", 0.65)
    _owner_of_film_noun(ctx)


# "Jonathan Glazer's award-winning drama", "Bong Joon-ho's latest film": the owner of a film noun
# (a genre noun too) in the page's opening or in a sentence naming the page's film
_FILM_NOUNS = ("film", "movie", "feature", "picture", "flick", "documentary", "masterpiece",
               "direction")  # fmt: skip


@functools.lru_cache(maxsize=1)
def _owned_noun() -> re.Pattern[str]:
    from filmkb.extract.genres import GENRE_NOUNS

    nouns = sorted({*_FILM_NOUNS, *GENRE_NOUNS}, key=len, reverse=True)
    alt = "|".join(re.escape(n) for n in nouns)
    return re.compile(rf"{_POSS}\s+(?:[a-z][\w\-]*\s+){{0,3}}?(?P<noun>{alt})\b(?!['’\-])")


OPENING_CHARS = 700  # the headline, standfirst and first sentences


def _owner_of_film_noun(ctx: Context) -> None:
    from filmkb.extract.mentions import film_at

    text = ctx.text
    if not ctx.main_title:
        return
    for m in _owned_noun().finditer(text):
        sent = ctx.view.sentence_at(m.start())
        names_film = sent is not None and any(
            sent.start <= s < sent.end for s, _e in ctx.main_title_spans
        )
        if m.start() > OPENING_CHARS and not names_film:
            continue
        if film_at(ctx, m.start(), m.end()) is not None:
            continue
        after = text[m.end() : m.end() + 6]
        if any(
            0 <= s - m.end() <= 4 for t, s, _e in ctx.title_spans if not _same(t, ctx.main_title)
        ):
            continue  # "Nolan's 2010 film Inception": another film's
        if re.match(r"\s*[“\"‘]", after) and not names_film:
            continue
        got = take_name_before(text, m.start(), min_tokens=2)
        if not got or text[got[2] : m.start()].strip():
            continue
        if ctx.role_of(got[0]) & {"actor", "character", "writer"} or _same(got[0], ctx.main_title):
            continue
        _add_crew(ctx, "director", got[0], got[1], got[2], "credits.owner_noun", 0.6)
