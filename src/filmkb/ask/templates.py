"""Question templates → relation paths.

``templates.json`` (made by ``scripts/learn_ask_templates.py`` from the MetaQA dev files)
maps a template — the question with its entity replaced by ``NE`` — to the relation path
whose answers best matched the gold answers over that template's questions. A template not
in the table gets the path of the most similar known template (IDF-weighted Jaccard overlap
of words and word pairs), among the paths that can start from the linked entity; below
``MIN_SIMILARITY`` the question is left unanswered rather than guessed.

``wordings.json`` (hand-written) adds common wordings the dev files never ask ("who is in
NE"), matched exactly after the learned table (with contractions expanded: "who's" → "who
is"); they take no part in the nearest-template vote.
"""

from __future__ import annotations

import json
import math
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

TEMPLATES_FILE = Path(__file__).with_name("templates.json")
WORDINGS_FILE = Path(__file__).with_name("wordings.json")
MIN_SIMILARITY = 0.12
MAX_UNKNOWN_WORDS = 1  # more words never seen in a template → no guess
LEXICON_MIN, LEXICON_SHARE = 5, 0.9
K = 5  # known templates that vote on an unseen one
POWER = 2  # a vote weighs similarity ** POWER
# words that name no relation: an unseen template must share another word with its route
FUNCTION_WORDS = frozenset(
    "NE who whom whose what which when where how is was are were be been the a an of in on"
    " by for to with and or did does do has have had that this these those there it its"
    " their they his her".split()
)
ALPHA = 0.1  # additive smoothing of word counts
_STOP = frozenset({"NE"})


@dataclass(frozen=True)
class Route:
    """How to answer one template: the path, and where the asked-about entity is left out
    (``none``; ``final``: of the answers; ``all``: of every hop)."""

    path: tuple[str, ...]
    exclude_topic: str = "none"
    template: str = ""
    similarity: float = 1.0  # 1.0 for a known template


def features(template: str) -> set[str]:
    words = [w for w in template.split() if w not in _STOP]
    pairs = {f"{a} {b}" for a, b in zip(words, words[1:], strict=False)}
    return set(words) | pairs


@dataclass(frozen=True)
class Wordings:
    """``wordings.json``: contractions, hand-written templates, extra territory names."""

    contractions: dict[str, str]
    templates: dict[str, Route]
    territories: dict[str, str]

    def expand(self, text: str) -> str:
        """The text with its contractions spelled out ("what's" → "what is")."""
        return _CONTRACTION.sub(
            lambda m: _case_like(m.group(), self.contractions.get(_plain(m.group()), m.group())),
            text,
        )


_CONTRACTION = re.compile(r"\b\w+['’]\w+\b")


def _plain(word: str) -> str:
    return word.lower().replace("’", "'")


def _case_like(original: str, replacement: str) -> str:
    return replacement[:1].upper() + replacement[1:] if original[:1].isupper() else replacement


@cache
def wordings(path: Path = WORDINGS_FILE) -> Wordings:
    data = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    return Wordings(
        {k.lower(): v for k, v in data.get("contractions", {}).items()},
        {t: Route(tuple(p), "none", t) for t, p in data.get("templates", {}).items()},
        {k.lower(): v for k, v in data.get("territories", {}).items()},
    )


class TemplateTable:
    def __init__(
        self,
        routes: dict[str, Route],
        min_similarity: float = MIN_SIMILARITY,
        written: Wordings | None = None,
    ):
        self.routes = routes
        self.written = written
        self.min_similarity = min_similarity
        self._nearest: dict[tuple[str, frozenset[str]], Route | None] = {}
        self._indexed = False  # the similarity index is built on first need (``_index``)

    def _index(self) -> None:
        """Features, IDF, postings, the relation lexicon and the naive-Bayes counts: what
        ``named`` and ``nearest`` need and an exact ``get`` does not (a one-question process
        skips it)."""
        if self._indexed:
            return
        self._indexed = True
        routes = self.routes
        self._features = {t: features(t) for t in routes}
        df: dict[str, int] = defaultdict(int)
        for feats in self._features.values():
            for f in feats:
                df[f] += 1
        n = max(1, len(routes))
        self._idf = {f: math.log(1 + n / c) for f, c in df.items()}
        self._postings: dict[str, list[str]] = defaultdict(list)
        for t, feats in self._features.items():
            for f in feats:
                self._postings[f].append(t)
        self._norm = {t: self._weight(feats) for t, feats in self._features.items()}
        self._lexicon = _relation_words(routes)
        # naive Bayes over words and word pairs: which route do a template's words point to
        self._class_counts: dict[tuple[tuple[str, ...], str], dict[str, int]] = defaultdict(
            lambda: defaultdict(int)
        )
        for t, route in routes.items():
            counts = self._class_counts[(route.path, route.exclude_topic)]
            for f in self._features[t]:
                counts[f] += 1
        self._class_totals = {c: sum(v.values()) for c, v in self._class_counts.items()}

    @classmethod
    def load(cls, path: Path = TEMPLATES_FILE) -> TemplateTable:
        data = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
        routes = {
            t: Route(tuple(e["path"]), str(e.get("exclude_topic", "none")), t)
            for t, e in data.get("templates", {}).items()
        }
        return cls(routes, written=wordings())

    def _weight(self, feats: set[str]) -> float:
        return sum(self._idf.get(f, 1.0) for f in feats) or 1.0

    def get(self, template: str) -> Route | None:
        """The learned route of a template, else the learned or hand-written route of the
        template with its contractions expanded."""
        route = self.routes.get(template)
        if route is not None or self.written is None:
            return route
        expanded = self.written.expand(template)
        return self.routes.get(expanded) or self.written.templates.get(expanded)

    def named(self, template: str) -> set[str]:
        """Relations the template's words name ("directed" → director), by the lexicon
        learned from the table."""
        self._index()
        return {self._lexicon[w] for w in template.split() if w in self._lexicon}

    def nearest(self, template: str, first_steps: frozenset[str]) -> Route | None:
        """The route for an unseen template, among paths starting with an allowed step: the
        ``K`` most similar known templates that share a word naming a relation (not only
        ``FUNCTION_WORDS``) vote, weighted by similarity ** ``POWER``."""
        self._index()
        key = (template, first_steps)
        if key not in self._nearest:
            self._nearest[key] = self._vote(template, first_steps)
        return self._nearest[key]

    def _vote(self, template: str, first_steps: frozenset[str]) -> Route | None:
        feats = features(template)
        unknown = [w for w in template.split() if w not in self._idf and w not in _STOP]
        if len(unknown) > MAX_UNKNOWN_WORDS:
            return None  # likely a name the linker missed ("what movies was Ryan Rowe ...")
        scores: dict[str, float] = defaultdict(float)
        for f in feats:
            w = self._idf.get(f, 0.0)
            for t in self._postings.get(f, ()):
                scores[t] += w
        norm = self._weight(feats)
        content = {f for f in feats if " " not in f} - FUNCTION_WORDS
        named = {self._lexicon[w] for w in content if w in self._lexicon}
        candidates = [
            (s / (norm + self._norm[t] - s), t)
            for t, s in scores.items()
            if content & self._features[t]
        ]
        paths = {t: self.routes[t].path for _, t in candidates}
        candidates = [c for c in candidates if paths[c[1]][0] in first_steps]
        agreeing = [c for c in candidates if named <= path_relations(paths[c[1]])]
        if named and max(agreeing, default=(0.0, ""))[0] < self.min_similarity:
            # nothing close asks for what the question names: swap the last step
            paths = {t: _swapped(path, named) for t, path in paths.items()}
            agreeing = [c for c in candidates if named <= path_relations(paths[c[1]])]
        if agreeing and named:  # and no relation the question does not name, if possible
            fewest = min(len(path_relations(paths[t]) - named) for _, t in agreeing)
            agreeing = [c for c in agreeing if len(path_relations(paths[c[1]]) - named) == fewest]
        ranked = sorted(agreeing or candidates, key=lambda x: (-x[0], x[1]))[:K]
        if not ranked or ranked[0][0] < self.min_similarity:
            return None
        votes: dict[tuple[tuple[str, ...], str], float] = defaultdict(float)
        best_of: dict[tuple[tuple[str, ...], str], tuple[float, str]] = {}
        for sim, t in ranked:
            cls = (paths[t], self.routes[t].exclude_topic)
            votes[cls] += sim**POWER
            best_of.setdefault(cls, (sim, t))
        cls = max(votes, key=lambda c: (votes[c], best_of[c][0]))
        sim, t = best_of[cls]
        return Route(cls[0], cls[1], t, round(sim, 3))

    def _classify(self, template: str, first_steps: frozenset[str]) -> Route | None:
        self._index()
        feats = [f for f in features(template) if f in self._idf]
        if not feats:
            return None
        vocab = len(self._idf)
        best: tuple[float, tuple[tuple[str, ...], str]] | None = None
        for cls, counts in self._class_counts.items():
            if cls[0][0] not in first_steps:
                continue
            total = self._class_totals[cls] + ALPHA * vocab
            score = sum(math.log((counts.get(f, 0) + ALPHA) / total) for f in feats)
            if best is None or score > best[0] or (score == best[0] and cls < best[1]):
                best = (score, cls)
        if best is None:
            return None
        (path, exclude) = best[1]
        return Route(path, exclude, "naive Bayes: " + " ".join(path), 0.0)


def _swapped(path: tuple[str, ...], named: set[str]) -> tuple[str, ...]:
    """A known path worded like the question but asking for another relation at the end:
    the question names one relation the path lacks and the path's last step (film → value or
    person) is the one relation it has that the question does not name (the films sharing
    directors "were in which languages" like "… were in which genres") → that last step
    with the named relation. Otherwise the path unchanged."""
    missing, extra = named - path_relations(path), path_relations(path) - named
    last = path[-1]
    if len(missing) != 1 or extra != {last} or last.startswith("~") or len(path) < 2:
        return path
    return (*path[:-1], next(iter(missing)))


def path_relations(path: tuple[str, ...]) -> set[str]:
    return {step.lstrip("~") for step in path}


def _relation_words(routes: dict[str, Route]) -> dict[str, str]:
    """Words that name one relation: in ≥ ``LEXICON_MIN`` templates, and that relation is on
    the path of ≥ ``LEXICON_SHARE`` of them ("directed" → director, "languages" → language)."""
    seen: dict[str, int] = defaultdict(int)
    with_relation: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for template, route in routes.items():
        for word in set(template.split()) - FUNCTION_WORDS:
            seen[word] += 1
            for relation in path_relations(route.path):
                with_relation[word][relation] += 1
    lexicon = {}
    for word, count in seen.items():
        if count < LEXICON_MIN:
            continue
        relation, hits = max(with_relation[word].items(), key=lambda kv: (kv[1], kv[0]))
        if hits / count >= LEXICON_SHARE:
            lexicon[word] = relation
    return lexicon


@cache
def default_table() -> TemplateTable:
    return TemplateTable.load()
