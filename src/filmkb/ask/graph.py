"""The store's facts as an in-memory graph for answering (built once per ``Ask``).

Nodes are ints: films (one per film entity), persons (one per person entity) and values
(years, languages, genres, tags, ratings — one node per distinct string). An edge is one
claim: ``fwd[prop][film][target] = claim id`` and ``rev[prop][target][film] = claim id`` (the
first claim stating it). ``support[claim id]`` is that edge's score as the film record ranks
it (``store.records``: the sum of the kind weights of the documents stating it);
``credit[claim id]`` is its place in credit order (the order of claims read from pages; a
knowledge base file's line order is no credit order, so its edges have none). A path is a
list of steps: ``"director"`` goes film → person, ``"~director"`` person → film.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from filmkb.ask.triples import DOCUMENT_KIND as TRIPLES_KIND
from filmkb.resolve.names import normalize_name, person_keys, title_key
from filmkb.store.records import weight

FILM, PERSON, VALUE = "film", "person", "value"
PERSON_PROPS = ("director", "writer", "cast")
VALUE_PROPS = ("year", "language", "genre", "tag", "imdb_rating", "imdb_votes")
EDGE_PROPS = PERSON_PROPS + VALUE_PROPS

Edges = dict[int, dict[int, int]]


@dataclass
class Graph:
    names: list[str] = field(default_factory=list)  # node → display name
    kinds: list[str] = field(default_factory=list)  # node → film | person | value
    entity_ids: list[int | None] = field(default_factory=list)  # film / person id in the store
    fwd: dict[str, Edges] = field(default_factory=lambda: defaultdict(dict))
    rev: dict[str, Edges] = field(default_factory=lambda: defaultdict(dict))
    exact: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    lower: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    folded: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    claims: dict[int, tuple[int, int | None, int | None]] = field(default_factory=dict)
    sources: dict[int, str] = field(default_factory=dict)  # document id → source
    support: dict[int, float] = field(default_factory=dict)  # first claim id → edge score
    credit: dict[int, int] = field(default_factory=dict)  # first claim id → credit order
    film_nodes: dict[int, int] = field(default_factory=dict)  # film id → node
    person_nodes: dict[int, int] = field(default_factory=dict)
    max_words: int = 1  # longest name in words (for n-gram linking)
    _person_keys: dict[str, set[int]] | None = None
    _aliases: dict[int, set[str]] = field(default_factory=lambda: defaultdict(set))

    # --- building ---------------------------------------------------------------------

    def _node(self, kind: str, name: str, entity_id: int | None) -> int:
        self.names.append(name)
        self.kinds.append(kind)
        self.entity_ids.append(entity_id)
        return len(self.names) - 1

    def _index(self, node: int, name: str) -> None:
        if name in self._aliases[node]:
            return
        self._aliases[node].add(name)
        self.exact[name].append(node)
        self.lower[name.lower()].append(node)
        key = title_key(name) if self.kinds[node] != PERSON else normalize_name(name)
        if key:
            self.folded[key].append(node)
        self.max_words = max(self.max_words, len(name.split()))

    def step(self, frontier: dict[int, int], step: str) -> dict[int, int]:
        """One hop: node → number of paths reaching it."""
        reverse = step.startswith("~")
        table = (self.rev if reverse else self.fwd).get(step.lstrip("~"), {})
        out: dict[int, int] = {}
        for node, count in frontier.items():
            for target in table.get(node, ()):
                out[target] = out.get(target, 0) + count
        return out

    def edge(self, node: int, step: str, target: int) -> int | None:
        reverse = step.startswith("~")
        table = (self.rev if reverse else self.fwd).get(step.lstrip("~"), {})
        return table.get(node, {}).get(target)

    def person_candidates(self, name: str) -> set[int]:
        """Person nodes whose blocking keys meet the name's (built on first use)."""
        if self._person_keys is None:
            index: dict[str, set[int]] = defaultdict(set)
            for node, aliases in self._aliases.items():
                if self.kinds[node] == PERSON:
                    for alias in aliases:
                        for key in person_keys(alias):
                            index[key].add(node)
            self._person_keys = index
        found: set[int] = set()
        for key in person_keys(name):
            found |= self._person_keys.get(key, set())
        return found

    def aliases(self, node: int) -> set[str]:
        return self._aliases.get(node, set())


def build_graph(conn: sqlite3.Connection) -> Graph:
    """Read every film claim once; films and people as nodes, claims as edges."""
    graph = Graph()
    kinds: dict[int, str | None] = {}
    for doc_id, source, kind in conn.execute("SELECT id, source, kind FROM documents"):
        graph.sources[doc_id] = source
        kinds[doc_id] = kind
    rows = conn.execute(
        'SELECT id, film_id, property, value, person_id, document_id, start, "end" FROM claims'
        " WHERE film_id IS NOT NULL AND property IN ('title', 'original_title', "
        + ", ".join(f"'{p}'" for p in EDGE_PROPS)
        + ") ORDER BY id"
    ).fetchall()
    titles: dict[int, Counter[str]] = defaultdict(Counter)
    spellings: dict[int, Counter[str]] = defaultdict(Counter)
    for _, film_id, prop, raw, person_id, *_ in rows:
        if prop in ("title", "original_title"):
            titles[film_id][str(json.loads(raw))] += 2 if prop == "title" else 1
        elif prop in PERSON_PROPS and person_id is not None:
            spellings[person_id][_person_name(json.loads(raw))] += 1
    for film_id, counts in titles.items():
        node = graph._node(FILM, counts.most_common(1)[0][0], film_id)
        graph.film_nodes[film_id] = node
        for title in counts:
            graph._index(node, title)
    for person_id, counts in spellings.items():
        counts.pop("", None)
        if not counts:
            continue
        display = max(counts, key=lambda n: (counts[n], not _shouted(n), n))
        node = graph._node(PERSON, display, person_id)
        graph.person_nodes[person_id] = node
        for spelling in counts:
            graph._index(node, spelling)
    values: dict[str, int] = {}
    stating: dict[int, set[int]] = defaultdict(set)  # first claim id → documents stating it
    for claim_id, film_id, prop, raw, person_id, doc_id, start, end in rows:
        if prop not in EDGE_PROPS:
            continue
        film = graph.film_nodes.get(film_id)
        if film is None:
            continue
        if prop in PERSON_PROPS:
            target = graph.person_nodes.get(person_id) if person_id is not None else None
        else:
            name = str(json.loads(raw))
            target = values.get(name)
            if target is None:
                target = values[name] = graph._node(VALUE, name, None)
                graph._index(target, name)
        if target is None:
            continue
        first = graph.fwd[prop].setdefault(film, {}).setdefault(target, claim_id)
        graph.rev[prop].setdefault(target, {}).setdefault(film, claim_id)
        graph.claims[claim_id] = (doc_id, start, end)
        stating[first].add(doc_id)
        if first == claim_id and kinds.get(doc_id) != TRIPLES_KIND:
            graph.credit[claim_id] = claim_id
    graph.support = {
        claim: sum(weight(kinds.get(doc)) for doc in docs) for claim, docs in stating.items()
    }
    return graph


def _shouted(name: str) -> bool:
    return any(len(w) > 1 and w.isupper() and w.isalpha() for w in name.split())


def _person_name(value: object) -> str:
    if isinstance(value, dict):
        return str(value.get("actor") or "")
    return str(value or "")
