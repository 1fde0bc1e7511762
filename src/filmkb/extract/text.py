"""Text helpers shared by the extractors: lines, sentences, paragraphs and name shapes."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cached_property

# One name token: "Lee", "LEE", "Je-hoon", "Kyo-Hwan", "O'Brien", "McDonagh", "Xa-bin", "Kore-eda"
_UP = r"[A-ZÀ-ÖØ-Þ]"
_LO = r"[a-zß-öø-ÿ]"
NAME_TOKEN = rf"(?:{_UP}(?:{_LO}+(?:{_UP}{_LO}+)?|{_UP}+)?(?:['’]{_UP}{_LO}+)?(?:-{_UP}?{_LO}+|-{_UP}{_UP}+)*\.?)"
# particles allowed inside a name: Lars von Trier, Guillermo del Toro
PARTICLE = r"(?:von|van|der|den|de|del|della|di|da|du|le|la|bin|al|ben|dos|das|y|St\.)"
NAME = rf"{NAME_TOKEN}(?:[ \t]+(?:{PARTICLE}[ \t]+)?{NAME_TOKEN}){{0,3}}"
NAME_RE = re.compile(NAME)

# Words that start with a capital but are not part of a person's name.
NOT_NAME_WORDS = {
    w.lower()
    for w in """
The A An And Or But Of In On At To For From With By As Is It Its This That These Those
He She They We You I His Her Their Our My Your Who What When Where Why How Which While
North South East West Korean Korea Japanese Japan Chinese China American America British
English French German Indian Italian Spanish Hollywood Netflix Disney Marvel Warner Pictures
Film Films Movie Movies Cinema Cinemas Studio Studios Entertainment Production Productions
Director Directed Writer Written Producer Starring Cast Crew Actor Actress Review Reviews
Rating Rated Runtime Genre Release Released Opening Day Official Website Synopsis Trailer
Photo Google YouTube Facebook Twitter Instagram Telegram Channel Read More Share Comments
Comment Post Posted Reply Leave Home News Movies Tv Series Season Episode Show Shows
January February March April May June July August September October November December
Monday Tuesday Wednesday Thursday Friday Saturday Sunday Mr Mrs Ms Dr Sgt Major Captain
Lieutenant General Officer Sergeant Colonel Private Commander Agent Detective Inspector
Mother Father Brother Sister Son Daughter Wife Husband King Queen Prince Princess Lord
State Security National Agency Army Military People's Republic Democratic Zone DMZ
Must See Watch Best Top New Old Part Chapter Volume Award Awards Festival Oscars
Academy Box Office Opening Weekend Screen Big Small Now Also Then However Meanwhile After
Before During Since Despite Although Though Even If Yes No Not All Some One Two Three
Plot Story Stellar Vision Conclusion Details Inside Summary Verdict Final Thoughts Overall
""".split()
}

STOP_TITLE_WORDS = {"a", "an", "the", "of", "and", "in", "on", "to", "for", "from", "with", "at"}

# A sentence ends at . ! ? before a capital — not after an initial ("Sterling K. Brown") or a
# title ("Mr. Hori", "Dr. Kim"), nor after "transl." / "lit." / "No." ("Miracle in Cell No. 7").
SENTENCE_END = re.compile(
    r"(?<=[.!?])(?<!\s[A-Z]\.)(?<!Mr\.)(?<!Ms\.)(?<!Dr\.)(?<!St\.)(?<!vs\.)(?<!Mrs\.)(?<!Jr\.)"
    r"(?<!transl\.)(?<!lit\.)(?<!No\.)(?<!Vol\.)(?<!Pt\.)[\"”’)]*(?:\[\d{1,3}\])*\s+(?=[\"“‘(]*[A-Z0-9À-Þ가-힣])|\n+"
)


@dataclass(frozen=True)
class Segment:
    """A piece of the document text with its offset."""

    text: str
    start: int

    @property
    def end(self) -> int:
        return self.start + len(self.text)


class TextView:
    """Lines, paragraphs and sentences of one document, each with offsets."""

    def __init__(self, text: str):
        self.text = text

    @cached_property
    def lines(self) -> list[Segment]:
        out: list[Segment] = []
        pos = 0
        for raw in self.text.split("\n"):
            out.append(Segment(raw, pos))
            pos += len(raw) + 1
        return out

    @cached_property
    def paragraphs(self) -> list[Segment]:
        out = []
        for m in re.finditer(r"(?:[^\n]|\n(?!\s*\n))+", self.text):
            if m.group().strip():
                out.append(Segment(m.group(), m.start()))
        return out

    @cached_property
    def sentences(self) -> list[Segment]:
        out: list[Segment] = []
        for para in self.paragraphs:
            pos = 0
            # Split on sentence ends, but not on the line breaks of a wrapped paragraph.
            wrapped = _wrapped_breaks(para.text)
            for m in SENTENCE_END.finditer(para.text):
                if m.group().startswith("\n") and m.start() in wrapped:
                    continue
                piece = para.text[pos : m.start()]
                if piece.strip():
                    out.append(_strip_segment(Segment(piece, para.start + pos)))
                pos = m.end()
            piece = para.text[pos:]
            if piece.strip():
                out.append(_strip_segment(Segment(piece, para.start + pos)))
        return out

    def paragraph_at(self, offset: int) -> Segment | None:
        return _segment_at(self.paragraphs, self._paragraph_starts, offset)

    def sentence_at(self, offset: int) -> Segment | None:
        return _segment_at(self.sentences, self._sentence_starts, offset)

    def sentences_between(self, lo: int, hi: int) -> list[Segment]:
        """The sentences starting in [lo, hi), in order."""
        starts = self._sentence_starts
        return self.sentences[bisect_left(starts, lo) : bisect_left(starts, hi)]

    # segments are in text order and do not overlap: a binary search finds the one at an
    # offset (a scan of every sentence per lookup made long pages quadratic)
    @cached_property
    def _paragraph_starts(self) -> list[int]:
        return [p.start for p in self.paragraphs]

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]


def _segment_at(segments: list[Segment], starts: list[int], offset: int) -> Segment | None:
    i = bisect_right(starts, offset) - 1
    if i >= 0 and segments[i].start <= offset < segments[i].end:
        return segments[i]
    return None


def _wrapped_breaks(text: str) -> set[int]:
    """Offsets of line breaks that wrap a long line of running text (not a list or heading)."""
    out = set()
    pos = 0
    for line in text.split("\n")[:-1]:
        end = pos + len(line)
        bare = line.rstrip()
        if len(bare) >= 50 and not bare.endswith((".", "!", "?", ":", ";", "”", '"', "|")):
            out.add(end)
        pos = end + 1
    return out


def _strip_segment(seg: Segment) -> Segment:
    lead = len(seg.text) - len(seg.text.lstrip())
    return Segment(seg.text.strip(), seg.start + lead)


def name_tokens(name: str) -> list[str]:
    return name.split()


def is_person_name(text: str, min_tokens: int = 2, max_tokens: int = 4) -> bool:
    """Shape test: "Lee Je-hoon", "LEE Je-hoon", "Samuel L. Jackson", "Guillermo del Toro"."""
    text = text.strip()
    if not text or not NAME_RE.fullmatch(text):
        return False
    tokens = [t for t in text.split() if not re.fullmatch(PARTICLE, t)]
    if not (min_tokens <= len(tokens) <= max_tokens):
        return False
    for i, tok in enumerate(tokens):
        bare = tok.rstrip(".")
        if tok.endswith(".") and i < len(tokens) - 1 and len(bare) > 2:
            return False  # "Ortiz. Hale": a sentence ends inside
        if bare.lower() in NOT_NAME_WORDS:
            return False
        if len(bare) == 1 and not tok.endswith("."):
            # a lone capital is an initial without its period, except a one-letter surname
            # before a hyphenated given name ("O Seung-baek")
            first_korean = i == 0 and len(tokens) > 1 and "-" in tokens[1]
            if not first_korean and not (0 < i < len(tokens) - 1):
                return False
    if len(tokens) == 1:
        return len(tokens[0]) >= 3 and not tokens[0].isupper()
    # "TV Actor", "DMZ Unit": two all-caps tokens are an acronym run, not a name.
    caps = [t for t in tokens if len(t.rstrip(".")) > 1 and t.replace("-", "").isupper()]
    return len(caps) <= 1


def clean_name(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip(" \t,.;:’'\"“”‘()")
    return text


def title_case_ratio(text: str) -> float:
    words = [w for w in re.findall(r"[^\W\d_]+", text)]
    if not words:
        return 0.0
    caps = sum(1 for w in words if w[0].isupper() or w.lower() in STOP_TITLE_WORDS)
    return caps / len(words)


def has_hangul(text: str) -> bool:
    return bool(re.search(r"[가-힣]", text))


def has_cjk(text: str) -> bool:
    return bool(re.search(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]", text))
