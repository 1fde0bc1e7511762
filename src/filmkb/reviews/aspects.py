"""Sentence-level pros and cons of a review, per aspect of the film.

Stages: split the text into sentences (with character offsets) → split each sentence into
clauses at contrast words ("but", "however", ";") → a clause that names an aspect (acting,
story, direction, visuals, pacing, music) and carries an evaluation gets a polarity from a
small evaluative lexicon with negation ("not", "n't" flip the next 3 words) and con markers
("could have been", "fails to", "lacks"). Plot sentences without evaluative words yield
nothing, so a synopsis does not turn into pros and cons.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ASPECTS_VERSION = "aspects.lexicon.v1"

ASPECT_TERMS: dict[str, tuple[str, ...]] = {
    "acting": (
        r"act(?:ing|or|ors|ress|resses)",
        r"performances?",
        r"performers?",
        r"cast",
        r"portrayals?",
        r"played by",
        r"plays",
        r"roles?",
        r"chemistry",
        r"turn as",
    ),
    "story": (
        r"story(?:line)?",
        r"stories",
        r"plot(?:ting)?",
        r"script",
        r"screenplay",
        r"writing",
        r"written",
        r"dialogue",
        r"narrative",
        r"characters?",
        r"characteri[sz]ations?",
        r"premise",
        r"ending",
        r"twists?",
        r"conclusion",
    ),
    "direction": (
        r"director",
        r"direction",
        r"directed",
        r"directs",
        r"directorial",
        r"filmmak(?:er|ers|ing)",
        r"helm(?:er|ed)",
    ),
    "visuals": (
        r"action(?![- ](?:thriller|film|movie|blockbuster|drama|comedy|genre))",
        r"visuals?",
        r"visually",
        r"cinematography",
        r"camera(?:work)?",
        r"shots?",
        r"effects",
        r"cgi",
        r"vfx",
        r"set[- ]pieces?",
        r"sequences?",
        r"chases?",
        r"fights?",
        r"stunts?",
        r"production design",
        r"imagery",
        r"photograph(?:y|ed)",
        r"looks?",
    ),
    "pacing": (
        r"pace",
        r"pacing",
        r"paced",
        r"tension",
        r"suspense",
        r"runtime",
        r"running time",
        r"editing",
        r"momentum",
        r"rhythm",
        r"drags?",
        r"overlong",
        r"repetitive",
    ),
    "music": (
        r"music(?:al)?",
        r"soundtrack",
        r"(?:musical |film )?score",
        r"songs?",
        r"composer",
        r"sound design",
    ),
}

POSITIVE = (
    r"good|great|excellent|superb|brilliant(?:ly)?|terrific|wonderful(?:ly)?|fantastic|outstanding"
    r"|impressive(?:ly)?|powerful|magnificent|masterful(?:ly)?|compelling|gripping|riveting"
    r"|engaging|intriguing(?:ly)?|fascinating|captivating|satisfying|strong|solid|decent|fine"
    r"|wellmade|beautiful(?:ly)?|stunning(?:ly)?|gorgeous|memorable|effective(?:ly)?|thrilling"
    r"|taut|tight(?:ly)?|poignant(?:ly)?|moving|convincing(?:ly)?|nuanced|charming|funny|clever"
    r"|sharp|slick|stylish|haunting|intense|intensity|heart-pounding|conviction|enjoyable|fun"
    r"|entertaining|interesting|thought-provoking|layers|rich|perfect(?:ly)?|best|shines?"
    r"|standout|delight(?:ful)?|kinetic|propulsive|assured|confident|confidence|inventive|evocative"
    r"|breathtaking|rousing|sublime|affecting|authentic|heartfelt|energetic|crisp|brisk"
    r"|lively|rendered|first-rate|top-notch|dazzling|exhilarating|career-best|touching|tense"
)
NEGATIVE = (
    r"bad|poor(?:ly)?|weak|awful|terrible|dull|boring|bland|flat|clumsy|clumsily|uneven"
    r"|repetitive|tiresome|tedious|slow|sluggish|drags?|overlong|predictable|clich[eé]d?"
    r"|forgettable|messy|confusing|contrived|wooden|stiff|lifeless|generic|mediocre"
    r"|disappointing|disappointed|annoying|silly|ridiculous|nonsense|lacks|lacking|waste"
    r"|worst|mess|thin|shallow|underwritten|hollow|overwrought|cheesy|laughable|muddled"
    r"|plodding|bloated|incoherent|choppy|grating|overbearing|intrusive|forced|stilted"
    r"|unconvincing|lazy|tired|derivative|listless|meandering|pedestrian|bombastic|numbing"
    r"|misfires?|squanders?|wasted|unfocused|dissipates?|monotonous|flimsy|rote"
)
CON_MARKERS = (
    r"could have been|should have been|would have been better|might have been|fails? to"
    r"|failed to|falls? short|lacks|lacking|didn't quite|doesn't quite|not quite|too much|too long"
    r"|too slow|too many|if only|in need of"
)
NEGATORS = r"not|n't|never|no|hardly|barely|neither|nor|without"

_TERMS = {
    aspect: re.compile(r"\b(?:" + "|".join(terms) + r")\b", re.IGNORECASE)
    for aspect, terms in ASPECT_TERMS.items()
}
_POSITIVE = re.compile(r"^(?:" + POSITIVE + r")$")
_NEGATIVE = re.compile(r"^(?:" + NEGATIVE + r")$")
_CON = re.compile(r"\b(?:" + CON_MARKERS + r")\b", re.IGNORECASE)
_NEGATOR = re.compile(r"^(?:" + NEGATORS + r")$")
_WORD = re.compile(r"[a-z]+(?:[-'][a-z]+)*|n't")
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+[\"'”’)]*|\n|$)")
_CLAUSE = re.compile(r"\bbut\b|\balthough\b|\bthough\b|\bwhile\b|\byet\b|;|\s[-–—]\s")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'"})
# "well" is praise only in "well acted", "well-written" …, not in "as well as" or "alive and well"
_WELL_DONE = re.compile(
    r"\b(?:very |so )?well[- ](?:acted|written|made|crafted|paced|directed|shot|executed|done"
    r"|played|rendered|cast|drawn|observed|judged|staged|edited|worth)\b"
)


@dataclass
class Aspect:
    aspect: str  # acting | story | direction | visuals | pacing | music
    polarity: str  # pro | con
    sentence: str
    start: int  # character offsets of the sentence in the review text
    end: int


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of ``text``, whitespace trimmed."""
    spans = []
    for match in _SENTENCE.finditer(text):
        start, end = match.start(), match.end()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end - start >= 3:
            spans.append((start, end))
    return spans


def clause_polarity(clause: str) -> int:
    """+1 / -1 / 0: the evaluation a clause carries, from the lexicon with negation."""
    lowered = _WELL_DONE.sub("wellmade", clause.translate(_APOSTROPHES).lower())
    if _CON.search(lowered):
        return -1
    score = 0
    flip_until = -1
    for i, word in enumerate(_WORD.findall(lowered)):
        if _NEGATOR.match(word):
            flip_until = i + 3
            continue
        value = 1 if _POSITIVE.match(word) else -1 if _NEGATIVE.match(word) else 0
        if value and i <= flip_until:
            value = -value
        score += value
    return (score > 0) - (score < 0)


def extract_aspects(text: str) -> list[Aspect]:
    """Pros and cons per aspect, one per (sentence, aspect), in reading order."""
    found: list[Aspect] = []
    for start, end in split_sentences(text):
        sentence = text[start:end]
        polarities: dict[str, int] = {}
        for clause in _CLAUSE.split(sentence):
            aspects = [name for name, pattern in _TERMS.items() if pattern.search(clause)]
            if not aspects:
                continue
            polarity = clause_polarity(clause)
            if polarity == 0:
                continue
            for name in aspects:
                polarities[name] = polarities.get(name, 0) + polarity
        for name, total in polarities.items():
            if total:
                side = "pro" if total > 0 else "con"
                found.append(Aspect(name, side, sentence, start, end))
    return found
