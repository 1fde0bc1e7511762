"""Resolve many person-name mentions into clusters without comparing all pairs.

Stages: distinct spellings -> one representative per `normalize_name` form (case, hyphen
and space variants are one spelling) -> blocking keys (`person_keys`) -> pairwise matching
inside each block -> complete-link merging, strongest matches first. Complete link keeps an
ambiguous spelling from chaining two people together: "Jeon Do-youn" may be 전도연 or
전도윤, but "Jeon Do-yeon" and "Jeon Do-yoon" never end up in one cluster, because a
cluster only grows when every member matches every newcomer.
"""

from __future__ import annotations

from collections.abc import Sequence

from filmkb.resolve.names import _parse_person, _parsed_keys, _person_score, normalize_name

# Pairs compared per member of one block: a cap against a key that is not selective.
MAX_BLOCK = 2_000


def cluster_people(names: Sequence[str]) -> list[int]:
    """Cluster id (0..k-1, in order of first appearance) for each name in `names`."""
    spelling: dict[str, int] = {}
    ids = [spelling.setdefault(name, len(spelling)) for name in names]
    form: dict[str, int] = {}
    form_of = [form.setdefault(normalize_name(name), len(form)) for name in spelling]
    representative: dict[int, str] = {}
    for name, f in zip(spelling, form_of, strict=True):
        representative.setdefault(f, name)
    parsed = [_parse_person(representative[f]) for f in range(len(form))]

    blocks: dict[str, list[int]] = {}
    for i, p in enumerate(parsed):
        for key in _parsed_keys(p):
            blocks.setdefault(key, []).append(i)

    scores: dict[tuple[int, int], float] = {}
    for members in blocks.values():
        for pos, i in enumerate(members):
            for j in members[pos + 1 : pos + 1 + MAX_BLOCK]:
                pair = (i, j) if i < j else (j, i)
                if pair not in scores:
                    scores[pair] = _person_score(parsed[pair[0]], parsed[pair[1]])

    cluster_of = list(range(len(parsed)))
    members_of: dict[int, list[int]] = {i: [i] for i in range(len(parsed))}
    edges = sorted(((s, p) for p, s in scores.items() if s > 0), reverse=True)
    for _, (i, j) in edges:
        ci, cj = cluster_of[i], cluster_of[j]
        if ci == cj:
            continue
        a, b = members_of[ci], members_of[cj]
        if not all(scores.get((x, y) if x < y else (y, x), -1.0) > 0 for x in a for y in b):
            continue
        if len(a) < len(b):
            ci, cj, a, b = cj, ci, b, a
        for y in b:
            cluster_of[y] = ci
        a.extend(b)
        del members_of[cj]

    labels: dict[int, int] = {}
    form_label = [labels.setdefault(cluster_of[f], len(labels)) for f in range(len(form))]
    return [form_label[form_of[i]] for i in ids]
