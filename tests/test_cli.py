"""Spec: the command line — each command builds FilmKB, calls it, prints."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from filmkb.serve.cli import app

from test_core_escape import EXAMPLES  # isort: skip

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "kb.db"
    result = runner.invoke(app, ["ingest", str(EXAMPLES), "--db", str(path)])
    assert result.exit_code == 0, result.output
    assert "5 ingested" in result.stdout
    return path


def run(*args: str) -> object:
    return runner.invoke(app, list(args))


def test_help_lists_the_commands() -> None:
    result = run("--help")
    for command in ("ingest", "films", "show", "export", "forget", "merge", "split"):
        assert command in result.stdout


def test_ingesting_again_changes_nothing(db: Path) -> None:
    result = run("ingest", str(EXAMPLES), "--db", str(db))
    assert result.exit_code == 0
    assert "5 unchanged" in result.stdout


def test_films_lists_titles_and_years(db: Path) -> None:
    result = run("films", "--db", str(db))
    assert "Escape" in result.stdout and "2024" in result.stdout
    rows = json.loads(run("films", "--db", str(db), "--json").stdout)
    assert {"id", "title", "year", "directors", "documents"} <= set(rows[0])


def test_show_prints_facts_with_rank_sources_and_merges(db: Path) -> None:
    result = run("show", "Escape", "--year", "2024", "--db", str(db))
    assert result.exit_code == 0
    out = result.stdout
    assert "Lee Jong-pil" in out and "preferred" in out
    assert "Park Dong-jin" in out and "normal" in out
    assert "002_ebe7b3142c3b3145.txt" in out
    assert "= Lee Jong Pil:" in out  # why the spellings were merged
    assert "both credited on the film 'Escape'" in out  # the rule in words


def test_show_unknown_title_fails(db: Path) -> None:
    result = run("show", "No Such Film", "--db", str(db))
    assert result.exit_code == 1
    assert "no film" in result.stderr


def test_export_json_has_films_with_ranked_sourced_values(db: Path) -> None:
    result = run("export", "--format", "json", "--db", str(db))
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    (escape,) = [f for f in data["films"] if f["title"][0]["value"] == "Escape"]
    for key in ("title", "original_title", "year", "directors", "writers", "cast",
                "runtime_min", "genres", "releases", "id", "synopsis"):  # fmt: skip
        assert key in escape
    director = escape["directors"][0]
    assert {"name", "rank", "sources"} <= set(director)
    assert {"source", "start", "end", "quote"} <= set(director["sources"][0])
    assert {"actor", "character", "aliases", "rank", "sources"} <= set(escape["cast"][0])
    assert {"territory", "date", "distributor", "certification", "rank", "sources"} <= set(
        escape["releases"][0]
    )


def test_export_other_formats_fail(db: Path) -> None:
    result = run("export", "--format", "xml", "--db", str(db))
    assert result.exit_code == 2  # a usage error, naming the choices
    assert "'xml'" in result.stderr


def test_merge_split_and_forget(tmp_path: Path) -> None:
    db = str(tmp_path / "kb.db")
    assert run("ingest", str(EXAMPLES), "--db", db).exit_code == 0
    result = run("split", "character", "Hyeon-sang", "--film", "Escape", "--year", "2024",
                 "--db", db)  # fmt: skip
    assert result.exit_code == 0, result.output
    record = json.loads(run("show", "Escape", "--db", db, "--json").stdout)
    koo = [c for c in record["cast"] if c["actor"] == "Koo Kyo-hwan"]
    assert len(koo) == 2
    assert run("merge", "character", "Hyeon-sang", "Hyun-sang", "--film", "Escape",
               "--db", db).exit_code == 0  # fmt: skip
    record = json.loads(run("show", "Escape", "--db", db, "--json").stdout)
    assert len([c for c in record["cast"] if c["actor"] == "Koo Kyo-hwan"]) == 1
    assert run("merge", "film", "a", "b", "--db", db).exit_code == 1
    source = str(EXAMPLES / "002_ebe7b3142c3b3145.txt")
    assert run("forget", source, "--db", db).exit_code == 0
    assert run("forget", source, "--db", db).exit_code == 1
    record = json.loads(run("show", "Escape", "--db", db, "--json").stdout)
    assert [d["name"] for d in record["directors"]] == ["Lee Jong-pil"]
