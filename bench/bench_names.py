"""Benchmark: resolve ~1M synthetic person-name mentions into clusters.

Mentions are drawn from synthetic people with Zipf-like popularity: Korean names built
from Hangul (common surnames and given-name syllables) and spelled the many ways pages do
(RR / McCune-Reischauer / common syllables, surname variants, case, hyphen/space/joined,
Western order, Hangul), plus Western names (MetaQA credits when /work/shared is present)
with case changes and dropped middle initials.

Printed: mentions/s for `cluster_person_names` (blocking + matching + complete-link
clustering) and for a baseline measured in the same run (exact-string dict grouping), their
ratio, peak RSS, and pairwise precision/recall of the clusters against the true people.
Run: .venv/bin/python bench/bench_names.py [--mentions 1000000] [--seed 7]
"""

from __future__ import annotations

import argparse
import random
import resource
import time
from collections import Counter
from pathlib import Path

from filmkb.resolve import _hangul, _romanize
from filmkb.resolve._namedata import SURNAME_SPELLINGS
from filmkb.resolve.names import cluster_person_names

KB = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "metaqa" / "kb.txt"
SURNAMES = "김 이 박 최 정 강 조 윤 장 임 한 오 서 신 권 황 안 송 전 홍 유 고 문 양 손 배 백 허 남 류 구 마"
GIVEN = (
    "민 서 지 현 준 우 영 수 진 호 은 성 정 재 하 윤 동 희 훈 혁 석 철 상 규 남 경 태 종 필 "
    "교 환 빈 연 용 기 원 범 선 식 균 숙 미 혜 주 아 인 나 소 다 유 승 한 중 길 국 명 세 찬 욱"
).split()
FIRST = "John Mary David Susan Michael Linda Robert Karen James Anna Peter Laura Paul Emma".split()
LAST = "Smith Brown Jones Miller Davis Wilson Moore Taylor Clark Lewis Walker Young Hall".split()


def _western_people(rng: random.Random, n: int) -> list[str]:
    if KB.exists():
        names = set()
        for line in KB.read_text(encoding="utf-8").splitlines():
            parts = line.split("|")
            if len(parts) == 3 and parts[1] in {"directed_by", "written_by", "starred_actors"}:
                names.add(parts[2])
        people = sorted(names)
        rng.shuffle(people)
        return people[:n]
    return [f"{rng.choice(FIRST)} {chr(65 + i % 26)}. {rng.choice(LAST)}{i}" for i in range(n)]


def _spell_syllable(rng: random.Random, syllable: str) -> str:
    options = list(_hangul.spellings(_hangul.syllable_key(syllable)))
    return options[0] if rng.random() < 0.6 else rng.choice(options)


def _spell_korean(rng: random.Random, surname: str, given: str) -> str:
    roll = rng.random()
    if roll < 0.05:
        return surname + given
    spelled_surname = rng.choice(SURNAME_SPELLINGS.get(surname, (_hangul.romanize_rr(surname),)))
    parts = [_spell_syllable(rng, s) for s in given]
    sep = rng.choice(["-", "-", " ", ""])
    text = sep.join(parts) if sep != " " else " ".join(p.capitalize() for p in parts)
    text = text.capitalize() if sep != " " else text
    spelled_surname = spelled_surname.upper() if rng.random() < 0.2 else spelled_surname.title()
    if rng.random() < 0.15:
        return f"{text} {spelled_surname}"
    return f"{spelled_surname} {text}"


def _spell_western(rng: random.Random, name: str) -> str:
    roll = rng.random()
    if roll < 0.1:
        return name.upper()
    if roll < 0.2:
        words = name.split()
        return " ".join(w for w in words if len(w.strip(".")) > 1) or name
    return name


def make_mentions(n: int, seed: int) -> tuple[list[str], list[str]]:
    """(mention, true person) pairs: n mentions of about n/20 people."""
    rng = random.Random(seed)
    n_people = max(10, n // 20)
    people: list[tuple[str, str]] = []
    for _ in range(n_people * 7 // 10):
        surname = rng.choice(SURNAMES.split())
        given = "".join(rng.choice(GIVEN) for _ in range(rng.choice([2, 2, 2, 1])))
        people.append(("ko", surname + "\t" + given))
    people.extend(("w", name) for name in _western_people(rng, n_people - len(people)))
    weights = [1 / (rank + 1) ** 0.8 for rank in range(len(people))]
    mentions, truth = [], []
    for kind, person in rng.choices(people, weights=weights, k=n):
        if kind == "ko":
            surname, given = person.split("\t")
            mentions.append(_spell_korean(rng, surname, given))
            truth.append(_romanize.fold_surname(surname) + given)
        else:
            mentions.append(_spell_western(rng, person))
            truth.append(person)
    return mentions, truth


def pair_scores(labels: list[int], truth: list[str]) -> tuple[float, float]:
    """Pairwise precision and recall over mentions (pairs counted by combinatorics)."""

    def pairs(counter: Counter) -> int:
        return sum(c * (c - 1) // 2 for c in counter.values())

    both = pairs(Counter(zip(labels, truth, strict=True)))
    predicted, actual = pairs(Counter(labels)), pairs(Counter(truth))
    return both / max(predicted, 1), both / max(actual, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mentions", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    mentions, truth = make_mentions(args.mentions, args.seed)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    start = time.perf_counter()
    groups: dict[str, int] = {}
    baseline_labels = [groups.setdefault(m, len(groups)) for m in mentions]
    baseline_s = time.perf_counter() - start

    start = time.perf_counter()
    labels = cluster_person_names(mentions)
    resolve_s = time.perf_counter() - start
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    n = len(mentions)
    precision, recall = pair_scores(labels, truth)
    base_p, base_r = pair_scores(baseline_labels, truth)
    print(
        f"mentions            {n:,} ({len(groups):,} distinct spellings, {len(set(truth)):,} people)"
    )
    print(f"baseline exact dict {n / baseline_s:,.0f} mentions/s ({baseline_s:.2f} s)")
    print(f"resolve (blocking)  {n / resolve_s:,.0f} mentions/s ({resolve_s:.1f} s)")
    print(f"ratio               {resolve_s / baseline_s:,.0f}x the baseline's time")
    print(f"clusters            {len(set(labels)):,} (baseline {len(groups):,})")
    print(
        f"pairwise P / R      {precision:.4f} / {recall:.4f} (baseline {base_p:.4f} / {base_r:.4f})"
    )
    print(
        f"peak RSS            {rss_after:,.0f} MiB (after generating mentions: {rss_before:,.0f} MiB)"
    )


if __name__ == "__main__":
    main()
