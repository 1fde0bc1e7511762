"""``Ask``: questions in plain English → answers with the facts (and sources) behind them.

Order of work for one question: clean it (batch line: TAB, bAbI number) → questions about
page-only fields (characters, releases, certifications, distributors, runtimes, reviews;
``ask.fields``) → find the entity (``[bracketed]``, else the longest n-gram naming a graph
node whose template is known) → template → relation path (``ask.templates``: learned table,
else nearest known template) → walk the graph → answers ranked by the number of paths that
reach them. Nothing found, or nothing close enough → no answers and a ``reason``.
"""

from __future__ import annotations

import re
import sqlite3
import time
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from typing import Any

from filmkb.ask.graph import FILM, Graph, open_graph, refresh_graph
from filmkb.ask.link import Span, bracketed, clean_question, link, spans, template_of
from filmkb.ask.templates import Route, TemplateTable, default_table, path_relations
from filmkb.store import kb as kb_store


@dataclass
class Fact:
    """One stored claim behind an answer: film —relation→ object, with its source."""

    subject: str
    relation: str
    object: str
    source: str | None
    start: int | None = None
    end: int | None = None
    claim_id: int | None = None
    quote: str | None = None  # filled by ``Ask.quote`` or the field answerers


@dataclass
class Answer:
    name: str
    kind: str  # film | person | value | character | release | review
    score: float = 1.0  # number of paths reaching it (fields: 1)
    facts: list[Fact] = field(default_factory=list)


@dataclass
class Result:
    question: str
    answers: list[Answer] = field(default_factory=list)
    entity: str | None = None
    path: list[str] = field(default_factory=list)
    how: str | None = None  # template | nearest template: ... | field: ...
    reason: str | None = None  # why there is no answer

    @property
    def names(self) -> list[str]:
        return [a.name for a in self.answers]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


_ROLES = {
    "director": "director", "directors": "director", "writer": "writer", "writers": "writer",
    "screenwriter": "writer", "screenwriters": "writer", "actor": "cast", "actors": "cast",
    "stars": "cast", "cast": "cast",
}  # fmt: skip
_ROLE_PHRASE = re.compile(r"\bthe (" + "|".join(_ROLES) + r") (?:of|in) NE\b")
COMPOSED_MIN_SIMILARITY = 0.6
_FILM_WORD = re.compile(r"\b(?:films?|movies?|pictures?)\b")
_FUNCTION_WORDS = frozenset(
    "NE who whom whose what which is was are were the a an of in by did does do was be".split()
)


class Ask:
    """Answer questions from one store: ``Ask(kb)`` or ``Ask(conn)``. The graph is the
    store's (``ask.graph``): opened, refreshed only when the store changed since it was built."""

    def __init__(self, kb: Any, templates: TemplateTable | None = None):
        self.kb = kb
        self.conn: sqlite3.Connection = getattr(kb, "conn", kb)
        self.templates = templates or default_table()
        start = time.perf_counter()
        self.graph: Graph = open_graph(kb)
        self.load_seconds = time.perf_counter() - start
        self._source_texts: dict[str, str] = {}  # source → text, for the fields' quotes

    def ask(self, question: str, facts: bool = True) -> Result:
        if refresh_graph(self.kb) or self.graph.is_stale():  # the store changed meanwhile
            self.graph = Graph(self.conn)
        text = clean_question(question)
        from filmkb.ask.fields import answer_field

        found = answer_field(self, text)
        if found is not None:
            return found
        result = self._ask_graph(text, facts)
        result.question = text
        for answer in result.answers:
            for fact in answer.facts:
                fact.quote = self.quote(fact)
        return result

    def batch(self, lines: Iterable[str], facts: bool = False) -> Iterator[Result]:
        for line in lines:
            yield self.ask(line, facts=facts)

    # --- the relation graph -------------------------------------------------------------

    def _ask_graph(self, text: str, facts: bool) -> Result:
        marked = bracketed(text)
        candidates = [marked] if marked else spans(self.graph, text)
        if not candidates:
            return Result(text, reason="no film, person or value of the knowledge base is named")
        lacking: Result | None = None  # a known template whose entity lacks the facts
        for span in candidates:  # a known template first
            route = self.templates.get(template_of(text, span))
            if route is None:
                continue
            nodes = self._start_nodes(span, route.path[0])
            if nodes:
                return self._walk(text, span, nodes, route, "template", facts)
            if lacking is None:
                relation = route.path[0].lstrip("~")
                lacking = Result(
                    text,
                    entity=span.text,
                    path=list(route.path),
                    how="template",
                    reason=f"no {relation} facts about {span.text!r}",
                )
        if lacking is not None:  # say so rather than guess another relation
            return lacking
        for span in candidates[:3]:  # "the director of NE": a role phrase, then the rest
            composed = self._composed(text, span, facts)
            if composed is not None:
                return composed
        for span in candidates[:3]:  # else the nearest template, longest names first
            nodes = link(self.graph, span.text)
            steps = frozenset(self._first_steps(nodes))
            if not steps:
                continue
            route = self.templates.nearest(template_of(text, span), steps)
            if route is not None:
                nodes = [n for n in nodes if self._can_start(n, route.path[0])]
                how = f"nearest template: {route.template!r} ({route.similarity})"
                return self._walk(text, span, nodes, route, how, facts)
        return Result(
            text,
            entity=candidates[0].text,
            reason="the question's wording matches no known relation",
        )

    def _composed(self, text: str, span: Span, facts: bool) -> Result | None:
        """ "films by the director of NE": step to the role's people, answer the remainder
        with them as the entity (known or nearest template; else films in the same role)."""
        template = template_of(text, span)
        found = _ROLE_PHRASE.search(template)
        if found is None:
            return None
        role = _ROLES[found.group(1)]
        nodes = self._start_nodes(span, role)
        if not nodes:
            return None
        rest = template[: found.start()] + "NE" + template[found.end() :]
        named = self.templates.named(rest)
        if not named and not _FILM_WORD.search(rest):
            return None  # "who's the director of NE": the role phrase is the whole question
        # the rest goes on from the role's people through the same role ("the films written
        # by NE", "who starred films for NE"), then on to what it names
        back = "~" + role
        route = self.templates.get(rest)
        if route is None or route.path[0] != back:
            route = self.templates.nearest(rest, frozenset({back}))
            if route is not None and not (
                route.similarity >= COMPOSED_MIN_SIMILARITY
                or (named - {role} and named - {role} <= path_relations(route.path))
            ):
                route = None
            if route is None:
                route = Route((back,), "all", rest, 0.0)
        full = Route((role, *route.path), "all", rest, route.similarity)
        how = f"composed: {found.group(0)!r} + {route.template!r}"
        return self._walk(text, span, nodes, full, how, facts)

    def _start_nodes(self, span: Span, step: str) -> list[int]:
        return [n for n in link(self.graph, span.text) if self._can_start(n, step)]

    def _can_start(self, node: int, step: str) -> bool:
        reverse = step.startswith("~")
        if (self.graph.kinds[node] == FILM) == reverse:
            return False
        return self.graph.has_step(node, step)

    def _first_steps(self, nodes: list[int]) -> set[str]:
        out: set[str] = set()
        for node in nodes:
            prefix = "" if self.graph.kinds[node] == FILM else "~"
            out.update(
                prefix + p for p in self.graph.props() if self.graph.has_step(node, prefix + p)
            )
        return out

    def _walk(
        self, text: str, span: Span, nodes: list[int], route: Route, how: str, facts: bool
    ) -> Result:
        graph = self.graph
        topic = set(nodes)
        hops = [{n: 1 for n in nodes}]
        for step in route.path:
            nxt = graph.step(hops[-1], step)
            if route.exclude_topic == "all":
                for n in topic:
                    nxt.pop(n, None)
            hops.append(nxt)
        graph.load_nodes(list(topic) + list(hops[-1]))
        drop = {graph.names[n] for n in topic} if route.exclude_topic != "none" else set()
        merged: dict[str, tuple[float, int]] = {}
        for node, count in hops[-1].items():
            name = graph.names[node]
            if name in drop:
                continue
            old = merged.get(name)
            merged[name] = (count + (old[0] if old else 0), node)
        if len(route.path) == 1:  # one hop: as the record ranks them, then credit order
            step = route.path[0]
            rank = {name: self._edge_rank(nodes, step, n) for name, (_, n) in merged.items()}
            order = sorted(merged.items(), key=lambda kv: (-kv[1][0], *rank[kv[0]], kv[0]))
        else:
            order = sorted(merged.items(), key=lambda kv: (-kv[1][0], kv[0]))
        answers = [
            Answer(
                name, graph.kinds[node], score, self._facts(hops, route.path, node) if facts else []
            )
            for name, (score, node) in order
        ]
        result = Result(text, answers, span.text, list(route.path), how)
        if not answers:
            result.reason = "the knowledge base has no facts that answer this"
        return result

    def _edge_rank(self, nodes: list[int], step: str, target: int) -> tuple[float, int]:
        """(−support, credit order) of the best edge from a topic node to ``target``: the
        film record's ranking (documents stating it, by kind) and a page's credit order."""
        edges = (self.graph.edge(node, step, target) for node in nodes)
        ranks = [(-support, credit or 0) for _, support, credit in filter(None, edges)]
        return min(ranks, default=(0.0, 0))

    def _facts(self, hops: list[dict[int, int]], path: tuple[str, ...], node: int) -> list[Fact]:
        """One chain of claims from the asked-about entity to ``node`` (walked backwards)."""
        chain: list[Fact] = []
        for depth in range(len(path), 0, -1):
            step = path[depth - 1]
            back = "~" + step if not step.startswith("~") else step[1:]
            previous = hops[depth - 1]
            parents = [p for p in self.graph.step({node: 1}, back) if p in previous]
            if not parents:
                break
            parent = max(parents, key=lambda p: previous[p])
            edge = self.graph.edge(parent, step, node)
            claim = edge[0] if edge else None
            film, other = (node, parent) if step.startswith("~") else (parent, node)
            chain.append(self._fact(film, step.lstrip("~"), other, claim))
            node = parent
        return list(reversed(chain))

    def _fact(self, film: int, relation: str, other: int, claim: int | None) -> Fact:
        graph = self.graph
        span = kb_store.claim_spans(self.conn, [claim]).get(claim) if claim else None
        _, source, start, end = span or (None, None, None, None)
        return Fact(graph.names[film], relation, graph.names[other], source, start, end, claim)

    def source_text(self, source: str) -> str:
        """The stored text of a (page) document, by source (cached)."""
        if source not in self._source_texts:
            self._source_texts[source] = kb_store.document_text(self.conn, source)
        return self._source_texts[source]

    def quote(self, fact: Fact) -> str | None:
        """The text of the source span that states the fact: the claim's own line for a
        knowledge-base file, a substring read by SQLite otherwise (no text is loaded)."""
        if fact.quote is not None or fact.claim_id is None:
            return fact.quote
        span = kb_store.claim_spans(self.conn, [fact.claim_id]).get(fact.claim_id)
        if span is None or span[2] is None or span[3] is None:
            return None
        return kb_store.quote(self.conn, span[0], span[2], span[3])


def ask(kb: Any, question: str) -> Result:
    """Answer one question from ``kb`` (a ``FilmKB`` or a connection); builds the graph."""
    return Ask(kb).ask(question)
