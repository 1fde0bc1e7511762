"""Role of a person the page names: director, writer, cast (or none), from context features.

The tagger finds PER spans; for each, features of its sentence (the words around it, the
nearest cue word before it and whether only a list of names separates them, a label the line
starts with, brackets, possessives, films named nearby) go to three binary logistic models
trained by ``scripts/train_roles.py`` (Wikipedia leads with kb.txt roles, and the annotated dev
pages). A person's probability for a role is the highest over the page's mentions of them.
"""

from __future__ import annotations

import re
from collections import Counter

from filmkb.extract.learned.linear import load_model
from filmkb.extract.learned.tagger import Entity, pieces
from filmkb.extract.learned.tokens import tokenize, word_lists

MODEL = "roles"
ROLES = ("director", "writer", "cast")
THRESHOLDS = {
    "director": 0.7,
    "writer": 0.8,
    "cast": 0.65,
}  # dev 5-fold: +0.1 over 0.6/0.7/0.55 buys precision (scripts/cv_dev.py roles)
CONFLICT = 0.95  # a role the rules contradict needs this much
_LIST_WORDS = {",", "and", "&", "as", "well", "also", "with", "plus", "(", ")", ";", "/", "."}
_LABEL = re.compile(r"^\s*([A-Za-z][A-Za-z &/()'-]{1,30}?)\s*(?:[:：]|\s[-–—]\s|\.\s)")


def _bucket(n: int, edges: tuple[int, ...]) -> str:
    for i, edge in enumerate(edges):
        if n <= edge:
            return str(i)
    return str(len(edges))


def mention_features(text: str, ent: Entity, piece: str, offset: int, others: list[Entity],
                     main_spans: list[tuple[int, int]], count: int) -> list[str]:  # fmt: skip
    """Features of one PER mention; ``others`` are the other entities of its piece."""
    cues = word_lists()["cue_words"]
    rel_s, rel_e = ent.start - offset, ent.end - offset
    left = tokenize(piece[:rel_s])
    right = tokenize(piece[rel_e:])
    lw = [t.text.lower() for t in left]
    rw = [t.text.lower() for t in right]
    f = ["b", "ntok=" + _bucket(len(ent.text.split()), (1, 2, 3))]
    for d in range(1, 4):
        if len(lw) >= d:
            f.append(f"L{d}={lw[-d]}")
        if len(rw) >= d:
            f.append(f"R{d}={rw[d - 1]}")
    if len(lw) >= 2:
        f.append(f"L12={lw[-2]}|{lw[-1]}")
    if len(rw) >= 2:
        f.append(f"R12={rw[0]}|{rw[1]}")
    for w in sorted(set(lw[-10:])):  # sorted: a set's order depends on PYTHONHASHSEED, and
        f.append("Lb=" + w)  # the training's float sums on the features' order
    for w in sorted(set(rw[:6])):
        f.append("Rb=" + w)
    # nearest cue word before the mention, and whether only names / commas / "and" separate them
    other_spans = [(o.start - offset, o.end - offset) for o in others if o.label == "PER"]
    listy = True
    for i in range(len(left) - 1, max(-1, len(left) - 40), -1):
        tok = left[i]
        w = tok.text.lower()
        inside_name = any(s <= tok.start < e for s, e in other_spans)
        if w in cues and not inside_name:
            f.append("cueL=" + w)
            f.append(f"cueL={w}|list={int(listy)}")
            f.append(f"cueL={w}|d=" + _bucket(len(left) - 1 - i, (0, 1, 3, 8)))
            break
        if not inside_name and w not in _LIST_WORDS:
            listy = False
    for i, tok in enumerate(right[:6]):
        w = tok.text.lower()
        if w in cues:
            f.append("cueR=" + w)
            f.append(f"cueR={w}|d=" + _bucket(i, (0, 1, 3)))
            break
    m = _LABEL.match(piece)
    if m and m.end() <= rel_s + 1:
        label = m.group(1).strip().lower()
        f.append("label=" + label)
        for w in label.split():
            f.append("labelw=" + w)
    if rw[:1] == ["("]:
        f.append("paren_after")
    if lw[-1:] == ["("]:
        f.append("in_paren")
    if rw[:1] in (["'s"], ["’s"]) or piece[rel_e : rel_e + 2] in ("'s", "’s"):
        f.append("possessive")
    if len(left) + len(right) <= 8:
        f.append("short_piece")
    if not left:
        f.append("piece_start")
    if lw in (["by"], ["written", "by"], ["words", "by"], ["posted", "by"], ["reviewed", "by"]):
        f.append("byline")
    n_per = sum(1 for o in others if o.label == "PER")
    f.append("nper=" + _bucket(n_per, (1, 2, 4)))
    for o in others:
        if o.label == "FILM" and 0 < o.start - ent.end < 40:
            f.append("film_after")
        if o.label == "FILM" and 0 < ent.start - o.end < 40:
            f.append("film_before")
    if any(offset <= s < offset + len(piece) for s, _ in main_spans):
        f.append("main_in_piece")
    f.append("count=" + _bucket(count, (1, 2, 4)))
    if ent.start < 300:
        f.append("early")
    return f


def person_mentions(
    text: str, entities: list[Entity]
) -> list[tuple[Entity, str, int, list[Entity]]]:
    """(PER entity, its piece, the piece's offset, the piece's other entities)."""
    out = []
    by_piece = sorted(entities, key=lambda e: e.start)
    i = 0
    for piece, offset in pieces(text):
        end = offset + len(piece)
        inside = []
        while i < len(by_piece) and by_piece[i].start < end:
            if by_piece[i].start >= offset:
                inside.append(by_piece[i])
            i += 1
        for ent in inside:
            if ent.label == "PER":
                out.append((ent, piece, offset, [o for o in inside if o is not ent]))
    return out


_WORD_RUN = re.compile(r"\w+")
_word_counts: list[tuple[str, Counter[str]]] = []  # the last text's word-run counts


def surname_count(text: str, name: str) -> int:
    """How often the name's last word stands alone in the text (not inside a longer word)."""
    last = name.split()[-1]
    if _WORD_RUN.fullmatch(last):  # one word run: count it among the text's word runs
        if not _word_counts or _word_counts[0][0] is not text:
            _word_counts[:] = [(text, Counter(_WORD_RUN.findall(text)))]
        return _word_counts[0][1][last]
    return len(re.findall(r"(?<!\w)" + re.escape(last) + r"(?!\w)", text))


def score_people(text: str, entities: list[Entity], main_spans: list[tuple[int, int]]
                 ) -> list[tuple[Entity, dict[str, float]]]:  # fmt: skip
    model = load_model(MODEL)
    if model is None:
        return []
    out = []
    counts: dict[str, int] = {}  # one scan of the text per surname, not per mention
    for ent, piece, offset, others in person_mentions(text, entities):
        last = ent.text.split()[-1]
        if last not in counts:
            counts[last] = surname_count(text, ent.text)
        feats = mention_features(text, ent, piece, offset, others, main_spans, counts[last])
        out.append((ent, model.proba_each(feats)))
    return out


def _cut_short(ctx, ent: Entity, name: str) -> bool:  # noqa: ANN001
    """Whether a tagged name is the start of a longer name the page credits, continued right
    after it in the text ("Lee Jong" in "Lee Jong Pil Crafts a …")."""
    after = ctx.text[ent.end : ent.end + 40]
    for known in ctx.roles:
        if len(known) > len(name) and known.startswith(name + " "):
            if after.startswith(known[len(name) :]):
                return True
    return False


def extract_learned_credits(ctx) -> None:  # noqa: ANN001
    """Director / writer / cast credits for the people the tagger finds, where the role model is
    confident; each credit cites the mention that scored highest."""
    from filmkb.extract.base import Found
    from filmkb.extract.mentions import film_at
    from filmkb.extract.text import is_person_name
    from filmkb.resolve.names import normalize_name
    from filmkb.types import CastCredit

    def words_of(name: str) -> list[str]:
        return re.findall(r"[^\W_]+", name.lower())

    characters = [
        words_of(f.value.character) for f in ctx.found if f.prop == "cast" and f.value.character
    ]
    best: dict[tuple[str, str], tuple[float, Entity]] = {}
    for ent, probs in score_people(ctx.text, ctx.entities, ctx.main_title_spans):
        name = ent.text.strip(" .,'’")
        if not is_person_name(name) or len(name) > 40:
            continue
        key = normalize_name(name)
        words = words_of(name)
        known = ctx.role_of(name)
        if "character" in known or any(
            words == c[len(c) - len(words) :] for c in characters if len(c) >= len(words)
        ):
            continue  # a character's name ("Hyun Sang" of "Ri Hyun Sang")
        if _cut_short(ctx, ent, name):
            continue  # "Lee Jong" of "Lee Jong Pil Crafts …": a credited name goes on
        for role in ROLES:
            p = probs[role]
            crew = role in ("director", "writer")
            if known and (("actor" in known) == crew) and p < CONFLICT:
                continue  # the rules gave this person another kind of role
            if p >= THRESHOLDS[role] and p > best.get((key, role), (0.0, None))[0]:
                best[(key, role)] = (p, ent)
    for (_key, role), (p, ent) in sorted(best.items(), key=lambda kv: kv[1][1].start):
        name = ent.text.strip(" .,'’")
        film = film_at(ctx, ent.start, ent.end)
        conf = round(min(0.9, p), 3)
        if role == "cast":
            value = CastCredit(name, None)
            ctx.add(Found("cast", value, ent.start, ent.end, "credits.learned", conf, film=film))
        else:
            ctx.add(Found(role, name, ent.start, ent.end, "credits.learned", conf, film=film))
