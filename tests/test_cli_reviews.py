"""Spec: the review commands — `import-reviews FILE`, `reviews TITLE`, and the critics in
`show` and `export`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from filmkb.serve.cli import app

from test_reviews_feed import FEED  # isort: skip

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli-reviews") / "kb.db"
    result = runner.invoke(app, ["import-reviews", str(FEED), "--db", str(path)])
    assert result.exit_code == 3, result.output  # partial: 4 bad rows
    assert "ingested, 107 reviews of 6 films, 4 rows skipped" in result.stdout
    assert "partial: 4 rows skipped" in result.stderr
    assert f"{FEED}:62: film_year '20x1' is not a year" in result.stderr
    return path


def run(*args: str):
    return runner.invoke(app, list(args))


def test_help_lists_the_review_commands() -> None:
    result = run("--help")
    assert "import-reviews" in result.stdout and "reviews" in result.stdout


def test_import_again_is_unchanged(db: Path) -> None:
    result = run("import-reviews", str(FEED), "--db", str(db))
    assert result.exit_code == 3 and "unchanged" in result.stdout


def test_a_clean_feed_exits_0_and_an_unreadable_one_1(db: Path, tmp_path: Path) -> None:
    clean = tmp_path / "clean.csv"
    clean.write_text("film_title,film_year,score,text\nNightjar,2021,4/5,Overall a fine film.\n")
    result = run("import-reviews", str(clean), "--db", str(db))
    assert result.exit_code == 0, result.output
    assert "1 reviews of 1 films, 0 rows skipped" in result.stdout
    result = run("import-reviews", str(tmp_path / "missing.csv"), "--db", str(db))
    assert result.exit_code == 1 and "missing.csv" in result.stderr
    assert "E001" in result.stderr


def test_reviews_lists_verdicts_and_scores(db: Path) -> None:
    result = run("reviews", "Harbour Lights", "--db", str(db))
    assert result.exit_code == 0, result.output
    for column in ("author", "outlet", "date", "verdict", "score", "normalised"):
        assert column in result.stdout
    assert "22 reviews" in result.stdout and "13.6% positive" in result.stdout
    assert "mean score 35.4/100" in result.stdout


def test_reviews_as_json(db: Path) -> None:
    result = run("reviews", "Escape", "--year", "2024", "--db", str(db), "--json")
    data = json.loads(result.stdout)
    assert data["title"] == "Escape" and len(data["reviews"]) == 24
    assert data["critics"]["distribution"] == {"positive": 18, "mixed": 4, "negative": 2}


def test_reviews_of_an_unknown_film_exit_1(db: Path) -> None:
    result = run("reviews", "No Such Film", "--db", str(db))
    assert result.exit_code == 1 and "no film titled" in result.stderr


def test_show_prints_the_critics_and_consensus(db: Path) -> None:
    result = run("show", "Escape", "--db", str(db))
    assert result.exit_code == 0, result.output
    assert "critics" in result.stdout
    assert "24 reviews · 18 positive, 4 mixed, 2 negative · 75% positive" in result.stdout
    assert "mean score 76.9/100" in result.stdout
    assert "consensus       Overall, Escape is a gripping" in result.stdout
    few = run("show", "Small Hours", "--db", str(db)).stdout
    assert "3 reviews · 2 positive, 1 mixed, 0 negative" in few
    assert "% positive" not in few and "mean score" not in few


def test_export_json_has_reviews_and_critics(db: Path) -> None:
    result = run("export", "--format", "json", "--db", str(db))
    films = {f["title"][0]["value"]: f for f in json.loads(result.stdout)["films"]}
    escape = films["Escape"]
    assert len(escape["reviews"]) == 24
    assert {"author", "outlet", "date", "verdict", "score", "score_normalized", "source"} <= set(
        escape["reviews"][0]
    )
    critics = escape["critics"]
    assert (critics["count"], critics["percent_positive"], critics["mean_score"]) == (
        24,
        75.0,
        76.9,
    )
    assert critics["consensus"].startswith("Overall, Escape")
