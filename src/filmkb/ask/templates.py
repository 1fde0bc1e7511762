"""Question templates → relation paths.

``templates.json`` (made by ``scripts/learn_ask_templates.py`` from the MetaQA dev files)
maps a template — the question with its entity replaced by ``NE`` — to the relation path
whose answers best matched the gold answers over that template's questions. A template not
in the table gets the path of the most similar known template (IDF-weighted word and
word-pair overlap), among the paths that can start from the linked entity; below
``MIN_SIMILARITY`` the question is left unanswered rather than guessed.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

TEMPLATES_FILE = Path(__file__).with_name("templates.json")
MIN_SIMILARITY = 0.35
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


class TemplateTable:
    def __init__(self, routes: dict[str, Route]):
        self.routes = routes
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
        self._nearest: dict[tuple[str, frozenset[str]], Route | None] = {}

    @classmethod
    def load(cls, path: Path = TEMPLATES_FILE) -> TemplateTable:
        data = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
        routes = {
            t: Route(tuple(e["path"]), str(e.get("exclude_topic", "none")), t)
            for t, e in data.get("templates", {}).items()
        }
        return cls(routes)

    def _weight(self, feats: set[str]) -> float:
        return math.sqrt(sum(self._idf.get(f, 0.0) ** 2 for f in feats)) or 1.0

    def get(self, template: str) -> Route | None:
        return self.routes.get(template)

    def nearest(self, template: str, first_steps: frozenset[str]) -> Route | None:
        """The route of the most similar template whose path starts with an allowed step."""
        key = (template, first_steps)
        if key in self._nearest:
            return self._nearest[key]
        feats = features(template)
        scores: dict[str, float] = defaultdict(float)
        for f in feats:
            w = self._idf.get(f, 0.0) ** 2
            for t in self._postings.get(f, ()):
                scores[t] += w
        norm = self._weight(feats)
        best: Route | None = None
        best_score = MIN_SIMILARITY
        for t, s in scores.items():
            route = self.routes[t]
            if route.path[0] not in first_steps:
                continue
            sim = s / (norm * self._norm[t])
            if sim > best_score or (sim == best_score and best and t < best.template):
                best_score = sim
                best = Route(route.path, route.exclude_topic, t, round(sim, 3))
        self._nearest[key] = best
        return best


@cache
def default_table() -> TemplateTable:
    return TemplateTable.load()
