"""Resolve many person-name mentions into clusters without comparing all pairs.

Stages: distinct spellings -> blocking keys (`person_keys`) -> pairwise `match_person`
inside each block -> complete-link merging, strongest matches first. Complete link keeps
an ambiguous spelling from chaining two people together: "Jeon Do-youn" may be 전도연 or
전도윤, but "Jeon Do-yeon" and "Jeon Do-yoon" never end up in one cluster, because a
cluster only grows when every member matches every newcomer.
"""

from __future__ import annotations

from collections.abc import Sequence

from filmkb.resolve.names import match_person, person_keys

# A block this large is a key that is not selective (e.g. a very common exact spelling
# repeated under many keys); its pairs are still compared, but in sorted windows.
MAX_BLOCK = 2_000


def cluster_people(names: Sequence[str]) -> list[int]:
    """Cluster id (0..k-1, in order of first appearance) for each name in `names`."""
    index: dict[str, int] = {}
    ids = [index.setdefault(name, len(index)) for name in names]
    distinct = list(index)

    blocks: dict[str, list[int]] = {}
    for i, name in enumerate(distinct):
        for key in person_keys(name):
            blocks.setdefault(key, []).append(i)

    matched: dict[tuple[int, int], float] = {}
    for members in blocks.values():
        if len(members) < 2:
            continue
        for pos, i in enumerate(members):
            for j in members[pos + 1 : pos + 1 + MAX_BLOCK]:
                pair = (i, j) if i < j else (j, i)
                if pair in matched:
                    continue
                found = match_person(distinct[pair[0]], distinct[pair[1]])
                matched[pair] = found.score if found.same else -1.0

    cluster_of = list(range(len(distinct)))
    members_of: dict[int, list[int]] = {i: [i] for i in range(len(distinct))}
    edges = sorted((s, p) for p, s in matched.items() if s > 0)
    for _, (i, j) in reversed(edges):
        ci, cj = cluster_of[i], cluster_of[j]
        if ci == cj:
            continue
        a, b = members_of[ci], members_of[cj]
        if not all(matched.get((x, y) if x < y else (y, x), -1.0) > 0 for x in a for y in b):
            continue
        if len(a) < len(b):
            ci, cj, a, b = cj, ci, b, a
        for y in b:
            cluster_of[y] = ci
        a.extend(b)
        del members_of[cj]

    labels: dict[int, int] = {}
    distinct_label = [labels.setdefault(cluster_of[i], len(labels)) for i in range(len(distinct))]
    return [distinct_label[i] for i in ids]
