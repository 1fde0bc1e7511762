"""Entity linking: find the name a question is about, and the graph nodes it may mean.

* ``clean_question``: drop what follows a TAB and a leading bAbI line number.
* ``bracketed``: MetaQA marks the entity, ``[Tom Hanks]``.
* ``spans``: otherwise every word n-gram that names a node (case-insensitive), longest first.
* ``link``: a name → nodes, trying exact, lower case, folded (punctuation, diacritics, "The"),
  then — for people — spelling variants confirmed by ``match_person`` (Lee Je Hoon ~ Lee
  Je-hoon; Kyu-nam ~ Gyu-nam).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from filmkb.ask.graph import PERSON, Graph
from filmkb.resolve.names import match_person, normalize_name, title_key

_BABI = re.compile(r"^\s*\d+\s+")
_BRACKET = re.compile(r"\[([^\]]+)\]")
_TOKEN = re.compile(r"\S+")
_EDGE_PUNCT = "?!.,;:\"'“”‘’()"


@dataclass(frozen=True)
class Span:
    text: str
    start: int
    end: int


def clean_question(line: str) -> str:
    """The question of a batch line: nothing after a TAB, no leading bAbI number."""
    return _BABI.sub("", line.split("\t", 1)[0]).strip()


def bracketed(question: str) -> Span | None:
    found = _BRACKET.search(question)
    return Span(found.group(1).strip(), found.start(), found.end()) if found else None


def template_of(question: str, span: Span) -> str:
    """The question with the entity replaced by ``NE``: lower case, end punctuation dropped."""
    text = question[: span.start] + " NE " + question[span.end :]
    words = [w.strip(_EDGE_PUNCT) if w != "NE" else w for w in text.split()]
    return " ".join(w.lower() if w != "NE" else w for w in words if w)


def spans(graph: Graph, question: str) -> list[Span]:
    """Word n-grams naming a node, longest first (then leftmost)."""
    tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(question)]
    found: list[Span] = []
    for i in range(len(tokens)):
        for j in range(i, min(len(tokens), i + graph.max_words)):
            start, stop = tokens[i][0], tokens[j][1]
            s = start
            while s < stop and question[s] in _EDGE_PUNCT:
                s += 1
            # "'night, Mother", "(Untitled)", ".45": with the leading punctuation, then without
            for first in dict.fromkeys((start, s)):
                end = stop
                while end > first:  # "Mars Attacks!?": with, then without, end punctuation
                    if _known(graph, question[first:end]):
                        found.append(Span(question[first:end], first, end))
                        break
                    if question[end - 1] not in _EDGE_PUNCT:
                        break
                    end -= 1
    found.sort(key=lambda sp: (-(sp.end - sp.start), sp.start))
    return list(dict.fromkeys(found))


def _known(graph: Graph, text: str) -> bool:
    return graph.is_named(text.lower())


def link(graph: Graph, name: str, fuzzy: bool = True) -> list[int]:
    """Nodes a name may mean, best tier first: exact, lower case, folded, person variants."""
    for column, key in (
        ("name", name),
        ("lower", name.lower()),
        ("folded", title_key(name)),
        ("folded", normalize_name(name)),
    ):
        nodes = graph.named(column, key)
        if nodes:
            return nodes
    if not fuzzy:
        return []
    out = []
    for node in sorted(graph.person_candidates(name)):
        if graph.kinds[node] == PERSON and any(
            match_person(name, alias).same for alias in graph.aliases(node)
        ):
            out.append(node)
    return out
