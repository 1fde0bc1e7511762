"""Spec: the same documents give the same films, people and ranks whatever the ingest order.

A corpus made up here has the traps: two films titled "Harbour" (2019, 2021), a page about
"Harbour" with no year and nobody named, two different people both called Kim Min-ho (the
2019 film's director, an actor elsewhere), spelling variants. Ingesting it in shuffled
orders, one document per call, or in two ingests running at once into one store, gives one
result.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

from filmkb import FilmKB

ROOT = Path(__file__).resolve().parent.parent

PAGES = {
    "harbour-2019.txt": "Harbour (2019)\n\nHarbour is a 2019 South Korean thriller film "
    "directed by Kim Min-ho. It stars Park Ji-woo and Lee Seo-yeon.\n\nRunning time: 112 "
    "minutes\nGenre: Thriller\n",
    "harbour-2019-review.txt": "Review: Harbour (2019)\n\nKim Min-ho's Harbour is a tense "
    "thriller. Park Ji-woo is superb as the pilot, and Lee Seo-yeon matches her.\n\n"
    "Directed by Min-ho Kim. Running time: 112 minutes.\n",
    "harbour-2021.txt": "Harbour (2021)\n\nHarbour is a 2021 drama film directed by Choi "
    "Dae-jung. It stars Kim Min-ho and Han Hye-jin.\n\nRunning time: 98 minutes\nGenre: "
    "Drama\n",
    "harbour-noyear.txt": "Harbour\n\nHarbour is a film about a port town and the people who "
    "leave it.\n\nGenre: Drama\n",
    "night-train-2020.txt": "Night Train (2020)\n\nNight Train is a 2020 action film directed "
    "by Yoon Tae-hoon. It stars Kim Min-ho and Jung Hye-jin.\n\nRunning time: 104 minutes\n",
    "night-train-news.txt": "Night Train (2020) opens in July\n\nYoon Tae-hoon's Night Train, "
    "starring Kim Min-ho and Jung Hye-jin, opens on 3 July 2020.\n",
    "winter-glass-2018.txt": "Winter Glass (2018)\n\nWinter Glass is a 2018 film directed by "
    "Kim Min-ho. It stars Lee Seo-yeon and Park Ji-woo.\n\nRunning time: 101 minutes\n",
    "winter-glass-blog.txt": "Winter Glass\n\nI finally saw Winter Glass, the film directed by "
    "Kim Minho. Lee Seo-yeon plays the lead.\n",
}


def _write(folder: Path) -> list[Path]:
    folder.mkdir()
    for name, text in PAGES.items():
        (folder / name).write_text(text)
    return sorted(folder.iterdir())


def _canonical(kb: FilmKB) -> list[str]:
    """The export without database ids and ingest times, as sorted JSON strings."""

    def strip(value: Any) -> Any:
        if isinstance(value, dict):
            return {
                k: strip(v)
                for k, v in value.items()
                if k not in ("id", "person_id", "character_id", "document_id", "ingested_at")
            }
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    return sorted(json.dumps(strip(f), sort_keys=True) for f in kb.export()["films"])


def test_shuffled_orders_give_one_result(tmp_path: Path) -> None:
    paths = _write(tmp_path / "pages")
    results = []
    for seed in range(4):
        order = list(paths)
        random.Random(seed).shuffle(order)
        kb = FilmKB(":memory:")
        for path in order:  # one call per document: the worst case for order
            assert kb.ingest([path]).ok
        results.append(_canonical(kb))
    kb = FilmKB(":memory:")
    kb.ingest([tmp_path / "pages"])  # one call, path order
    results.append(_canonical(kb))
    harbours = [json.loads(f) for f in results[0] if '"Harbour"' in f]
    assert len(harbours) >= 2  # 2019 and 2021 stay two films
    assert all(r == results[0] for r in results[1:])


def test_two_concurrent_ingests_give_the_same_result(tmp_path: Path) -> None:
    paths = _write(tmp_path / "pages")
    alone = FilmKB(":memory:")
    alone.ingest(paths)
    expected = _canonical(alone)
    db = tmp_path / "kb.db"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    half = len(paths) // 2
    runs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "filmkb.serve.cli",
                "ingest",
                *map(str, part),
                "--db",
                str(db),
                "--jobs",
                "1",
                "--quiet",
            ],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )  # fmt: skip
        for part in (paths[half:][::-1], paths[:half])
    ]
    for run in runs:
        _out, err = run.communicate(timeout=300)
        assert run.returncode == 0, err
    with FilmKB(db) as kb:
        assert _canonical(kb) == expected
