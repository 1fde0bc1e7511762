"""The store's facts as a graph for answering — stored tables (``store.ask_graph``), opened,
not rebuilt per process.

Nodes are ints: films (one per film entity), persons (one per person entity) and values
(years, languages, genres, tags, ratings — one node per distinct string). An edge is one
(property, film, target) with the first claim stating it, its support as the film record
ranks it (``store.records``: the sum of the kind weights of the documents stating it) and
its credit order (the order of claims read from pages; a knowledge base file's line order is
no credit order, so its edges have none). A path is a list of steps: ``"director"`` goes
film → person, ``"~director"`` person → film.

``refresh_graph(kb)`` builds the tables when the store changed since they were built (the
decisions — display names, the keys names are found by — are made here; the rows are read
and written by ``store.ask_graph``). ``Graph(conn)`` reads them lazily, caching the nodes and
edges it has read, so a process pays only for what its questions touch.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

from filmkb.resolve.names import normalize_name, person_keys, title_key
from filmkb.store import ask_graph as tables
from filmkb.store.kb import DOCUMENT_KIND as TRIPLES_KIND
from filmkb.store.kb import Transaction, is_read_only
from filmkb.store.records import weight

FILM, PERSON, VALUE = tables.FILM, tables.PERSON, tables.VALUE
PERSON_PROPS = tables.PERSON_PROPS
VALUE_PROPS = tables.VALUE_PROPS
EDGE_PROPS = tables.EDGE_PROPS
CACHE_NODES = 200_000  # nodes / adjacency lists kept per Graph before the cache is dropped

Edge = tables.Edge


class _Column:
    """``graph.names[node]`` / ``graph.kinds[node]`` / ``graph.entity_ids[node]``."""

    def __init__(self, graph: Graph, field: int):
        self.graph, self.field = graph, field

    def __getitem__(self, node: int) -> Any:
        return self.graph.node(node)[self.field]

    def __len__(self) -> int:
        return tables.node_count(self.graph.conn)


class Graph:
    """The stored question graph of one connection (``refresh_graph`` first)."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self.built = tables.built_at(conn)
        self.max_words = tables.max_words(conn)
        self.names = _Column(self, 1)
        self.kinds = _Column(self, 0)
        self.entity_ids = _Column(self, 2)
        self._nodes: dict[int, tuple[str, str, int | None]] = {}
        self._edges: dict[tuple[str, bool], dict[int, dict[int, Edge]]] = {}
        self._props: list[str] | None = None

    def is_stale(self) -> bool:
        """Whether the tables were rebuilt since this graph was opened (its caches are old)."""
        return tables.built_at(self.conn) != self.built

    # --- nodes ----------------------------------------------------------------------------

    def node(self, node: int) -> tuple[str, str, int | None]:
        """(kind, display name, entity id)."""
        found = self._nodes.get(node)
        if found is None:
            self.load_nodes([node])
            found = self._nodes.get(node, (VALUE, "", None))
        return found

    def load_nodes(self, nodes: Iterable[int]) -> None:
        missing = [n for n in dict.fromkeys(nodes) if n not in self._nodes]
        if missing:
            if len(self._nodes) > CACHE_NODES:
                self._nodes.clear()
            self._nodes.update(tables.nodes(self.conn, missing))

    def named(self, column: str, key: str) -> list[int]:
        """Nodes with a name equal to ``key`` as ``column`` compares (name | lower | folded)."""
        return tables.nodes_named(self.conn, column, key) if key else []

    def is_named(self, lower: str) -> bool:
        return tables.is_named(self.conn, lower)

    def person_candidates(self, name: str) -> set[int]:
        """Person nodes whose blocking keys meet the name's."""
        return tables.person_key_nodes(self.conn, person_keys(name))

    def aliases(self, node: int) -> set[str]:
        return set(tables.aliases(self.conn, node))

    def film_entity_ids(self) -> list[int]:
        return tables.film_entity_ids(self.conn)

    # --- edges ----------------------------------------------------------------------------

    def props(self) -> list[str]:
        if self._props is None:
            self._props = tables.edge_props(self.conn)
        return self._props

    def adjacent(self, step: str, nodes: Iterable[int]) -> dict[int, dict[int, Edge]]:
        """node → {other node: edge} for one step (read once, then cached)."""
        reverse = step.startswith("~")
        prop = step.lstrip("~")
        cache = self._edges.setdefault((prop, reverse), {})
        wanted = list(dict.fromkeys(nodes))
        out = {n: cache[n] for n in wanted if n in cache}
        missing = [n for n in wanted if n not in out]
        if missing:
            fetched = tables.adjacent(self.conn, prop, reverse, missing)
            if len(cache) > CACHE_NODES:
                cache.clear()
            cache.update(fetched)
            out.update(fetched)
        return out

    def step(self, frontier: dict[int, int], step: str) -> dict[int, int]:
        """One hop: node → number of paths reaching it."""
        table = self.adjacent(step, frontier)
        out: dict[int, int] = {}
        for node, count in frontier.items():
            for target in table[node]:
                out[target] = out.get(target, 0) + count
        return out

    def edge(self, node: int, step: str, target: int) -> Edge | None:
        return self.adjacent(step, [node])[node].get(target)

    def has_step(self, node: int, step: str) -> bool:
        """Whether ``step`` leads anywhere from ``node``."""
        return bool(self.adjacent(step, [node])[node])


# --- building ---------------------------------------------------------------------------------


def open_graph(kb: Any) -> Graph:
    """The graph of ``kb`` (a ``FilmKB`` or a connection), refreshed first if stale."""
    refresh_graph(kb)
    return Graph(getattr(kb, "conn", kb))


def refresh_graph(kb: Any) -> bool:
    """Build the graph tables if the store changed since they were built; True if built.

    A writable store gets them stored (one write transaction of its writer); a read-only one
    gets TEMP tables of its connection (built once per connection)."""
    conn: sqlite3.Connection = getattr(kb, "conn", kb)
    if tables.is_current(conn):
        return False
    if tables.main_is_current(conn):  # a writer rebuilt the stored graph: use it
        tables.drop_temp(conn)
        return True
    if is_read_only(conn) or not tables.has_graph(conn):
        with tables.temp_tables(conn):  # the file stays untouched
            build_graph(conn)
        return True
    if conn.in_transaction:  # inside the caller's write transaction: build there
        build_graph(conn)
        return True
    writer = getattr(kb, "transaction", None)
    with writer() if writer is not None else Transaction(conn):
        if not tables.is_current(conn):  # another process may have built it meanwhile
            build_graph(conn)
    return True


def build_graph(conn: sqlite3.Connection) -> None:
    """Rebuild the graph tables from the claims (inside the caller's transaction)."""
    tables.clear(conn)
    words = 1
    films = tables.number_films(conn)
    names: list[tuple[int, str, str, str | None]] = []
    displays: list[tuple[str, int]] = []
    for node, counts in _grouped(tables.film_title_rows(conn), _title_weight):
        displays.append((counts.most_common(1)[0][0], node))
        names += _index(node, counts, title_key)
        words = _flush(conn, names, displays, words)
    words = _flush(conn, names, displays, words, force=True)
    people = tables.number_people(conn, films)
    keys: list[tuple[str, int]] = []
    for node, counts in _grouped(tables.person_spelling_rows(conn), _spelling):
        counts.pop("", None)
        displays.append((max(counts, key=lambda n: (counts[n], not _shouted(n), n)), node))
        names += _index(node, counts, normalize_name)
        keys += [(key, node) for spelling in counts for key in person_keys(spelling) if key]
        words = _flush(conn, names, displays, words)
        if len(keys) >= tables.BATCH:
            tables.add_person_keys(conn, keys)
            keys.clear()
    words = _flush(conn, names, displays, words, force=True)
    tables.add_person_keys(conn, keys)
    tables.number_values(conn, people)
    for node, value in tables.value_nodes(conn):
        names += _index(node, Counter([value]), title_key)
        words = _flush(conn, names, displays, words)
    words = _flush(conn, names, displays, words, force=True)
    tables.add_edges(conn, weight, TRIPLES_KIND)
    tables.mark_built(conn, words)


def _title_weight(prop: str, raw: str) -> tuple[str, int]:
    return str(json.loads(raw)), 2 if prop == "title" else 1


def _spelling(name: str) -> tuple[str, int]:
    return name, 1


def _grouped(rows: Iterator[tuple], read: Any) -> Iterator[tuple[int, Counter[str]]]:
    """(node, Counter of names) from rows sorted by node."""
    current: int | None = None
    counts: Counter[str] = Counter()
    for node, *rest in rows:
        if node != current:
            if current is not None:
                yield current, counts
            current, counts = node, Counter()
        name, weight = read(*rest)
        counts[name] += weight
    if current is not None:
        yield current, counts


def _index(node: int, counts: Counter[str], fold: Any) -> list[tuple[int, str, str, str | None]]:
    return [(node, name, name.lower(), fold(name) or None) for name in counts]


def _flush(
    conn: sqlite3.Connection,
    names: list[tuple[int, str, str, str | None]],
    displays: list[tuple[str, int]],
    words: int,
    force: bool = False,
) -> int:
    if not force and len(names) < tables.BATCH:
        return words
    words = max([words] + [len(n[1].split()) for n in names])
    tables.add_names(conn, names)
    tables.set_names(conn, displays)
    names.clear()
    displays.clear()
    return words


def _shouted(name: str) -> bool:
    return any(len(w) > 1 and w.isupper() and w.isalpha() for w in name.split())
