"""Spec (issue 12, CLI and Python usability): ask in text and JSON in both modes, read
commands refuse a missing store, --version, readable help with examples, show's synopsis and
merge notes in words, merge refuses unknown names, serve on a busy port, the README's Python
snippet, packaging metadata."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from filmkb import __version__
from filmkb.serve.cli import app
from filmkb.serve.cli_common import describe_rule

from test_core_escape import EXAMPLES  # isort: skip

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()


def run(*args: str, stdin: str | None = None):  # noqa: ANN201
    return runner.invoke(app, list(args), input=stdin, env={"COLUMNS": "120"})


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "kb.db"
    result = run("ingest", str(EXAMPLES), "--db", str(path))
    assert result.exit_code == 0, result.output
    return path


# --- ask: text and JSON, single and batch ---------------------------------------------------


def test_ask_prints_answers_with_their_facts(db: Path) -> None:
    result = run("ask", "Who directed Escape?", "--db", str(db))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "Lee Jong-pil"  # the preferred director first
    assert "—director→" in lines[1] and "escape-2024" in lines[1] and "“" in lines[1]


def test_ask_json(db: Path) -> None:
    data = json.loads(run("ask", "What is Escape rated?", "--db", str(db), "--json").stdout)
    fact = data["answers"][0]["facts"][0]
    assert data["answers"][0]["name"].startswith("NC16") and fact["quote"] == "NC16"


def test_batch_prints_text_with_facts_like_a_single_question(db: Path) -> None:
    questions = "Who directed Escape?\n\nHow long is Escape?\nwhat is love?\n"
    result = run("ask", "--batch", "-", "--db", str(db), stdin=questions)
    assert result.exit_code == 0, result.output
    blocks = result.stdout.strip().split("\n\n")
    assert [b.splitlines()[0] for b in blocks] == [
        "Q: Who directed Escape?", "Q: How long is Escape?", "Q: what is love?",
    ]  # fmt: skip
    single = run("ask", "Who directed Escape?", "--db", str(db)).stdout
    assert blocks[0].split("\n", 1)[1] == single.strip()
    assert "—runtime_min→" in blocks[1]
    assert blocks[2].splitlines()[1].startswith("no answer:")


def test_batch_json_lines(db: Path, tmp_path: Path) -> None:
    file = tmp_path / "q.txt"
    file.write_text("Who is in Escape?\nWhat's the runtime of Escape?\n", encoding="utf-8")
    result = run("ask", "--batch", str(file), "--json", "--db", str(db))
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["question"] for r in rows] == ["Who is in Escape?", "What's the runtime of Escape?"]
    assert rows[0]["answers"][0]["name"] == "Lee Je-hoon"
    assert rows[0]["answers"][0]["facts"][0]["source"]
    assert rows[1]["answers"][0]["name"] == "94 minutes"


# --- a missing store --------------------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [["films"], ["export"], ["export-jsonld"], ["show", "Escape"], ["ask", "Who directed Escape?"],
     ["reviews", "Escape"], ["merge", "person", "A B", "A. B."]],
)  # fmt: skip
def test_read_commands_refuse_a_missing_store(tmp_path: Path, command: list[str]) -> None:
    missing = tmp_path / "typo.db"
    result = run(*command, "--db", str(missing))
    assert result.exit_code == 1
    assert f"no database {missing}" in result.stderr
    assert not missing.exists()


# --- help, version ------------------------------------------------------------------------


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0 and result.stdout.strip() == f"filmkb {__version__}"


def _commands() -> list[str]:
    import typer.main

    return sorted(typer.main.get_command(app).commands)


def test_help_has_no_python_type_names() -> None:
    for command in [[], *([c] for c in _commands())]:
        text = run(*command, "--help").stdout
        assert not re.search(r"<(?:list\[|str>|int>|bool>|float>|Path>)", text), command


def test_format_help_shows_its_choices() -> None:
    assert "<json|jsonld>" in run("export", "--help").stdout
    assert "<jsonl|json>" in run("extract", "--help").stdout
    assert run("export", "--format", "xml").exit_code != 0


@pytest.mark.parametrize(  # fmt: skip
    "command",
    [
        "films",
        "show",
        "reviews",
        "export",
        "ask",
        "merge",
        "split",
        "serve",
        "extract",
        "eval",
        "import-reviews",
        "import-triples",
        "export-jsonld",
    ],
)
def test_main_commands_show_examples(command: str) -> None:
    text = run(command, "--help").stdout
    assert "Example" in text and f"filmkb {command}" in text


def test_app_help_shows_examples_and_completion() -> None:
    text = run("--help").stdout
    assert "Examples" in text and "filmkb ask" in text
    assert "--install-completion" in text


# --- show and merge --------------------------------------------------------------------


def test_show_cuts_the_synopsis_at_a_word(db: Path) -> None:
    out = run("show", "Escape", "--year", "2024", "--db", str(db)).stdout
    [line] = [line for line in out.splitlines() if "synopsis" in line]
    shown = re.search(r"synopsis\s+(.+?)  ", line).group(1)
    record = json.loads(run("show", "Escape", "--year", "2024", "--db", str(db), "--json").stdout)
    full = " ".join(record["synopsis"][0]["value"].split())
    assert shown.endswith("…") and len(shown) <= 201
    kept = shown[:-1]
    assert full.startswith(kept) and full[len(kept)] in " ,.;:"  # ends where a word ends


def test_show_gives_merge_reasons_in_words(db: Path) -> None:
    out = run("show", "Escape", "--year", "2024", "--db", str(db)).stdout
    # which spelling is shown first depends on the canonical resolution order, not on the words
    assert re.search(
        r"= (?:Lee Jong Pil|LEE Jong-pil): same name written with other capitals, spaces or hyphens",
        out,
    )
    for internal in ("case-space-hyphen", "given-name-only", "romanization:", "new person"):
        assert internal not in out


def test_describe_rule() -> None:
    assert describe_rule("given-name-only+romanization:g/k; same actor") == (
        "the given name alone and another romanization (g/k); played by the same actor"
    )
    assert describe_rule("case-space-hyphen; shared film 'Escape'").endswith(
        "; both credited on the film 'Escape'"
    )
    assert describe_rule("some-new-rule") == "some-new-rule"  # shown as it is


def test_merge_person_refuses_a_name_not_in_the_store(db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "kb.db"
    shutil.copy(db, copy)
    result = run("merge", "person", "Lee Je-hoon", "Lee Jehoon", "--db", str(copy))
    assert result.exit_code == 1
    assert "no person named 'Lee Jehoon'" in result.stderr
    overrides = run("show", "Escape", "--year", "2024", "--db", str(copy)).stdout
    assert "user merge" not in overrides and "merged by hand" not in overrides
    result = run("merge", "person", "Lee Je-hoon", "LEE Je-hoon", "--db", str(copy))
    assert result.exit_code == 0, result.output


# --- serve ------------------------------------------------------------------------------


def test_serve_on_a_busy_port_fails_before_its_banner(db: Path) -> None:
    with socket.create_server(("127.0.0.1", 0)) as busy:
        port = busy.getsockname()[1]
        result = run("serve", "--db", str(db), "--port", str(port))
    assert result.exit_code == 1
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr
    assert "http://" not in result.output


# --- README and packaging ---------------------------------------------------------------


def _readme_block(heading: str, lang: str) -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split(f"## {heading}\n", 1)[1]
    return section.split(f"```{lang}\n", 1)[1].split("```", 1)[0]


def test_readme_python_snippet_runs_from_the_repo_root(tmp_path: Path) -> None:
    (tmp_path / "examples").symlink_to(ROOT / "examples")  # a repo root with a fresh store
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    done = subprocess.run(
        [sys.executable, "-c", _readme_block("Python", "python")],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "5 files: 5 ingested"
    assert lines[1].startswith("Escape ['Lee Jong-pil'")
    assert lines[2].startswith("['Lee Jong-pil'")
    assert lines[3]  # a quote


def test_readme_cli_list_names_every_command() -> None:
    block = _readme_block("CLI", "sh")
    listed = set(re.findall(r"^filmkb ([a-z-]+)", block, re.MULTILINE))
    assert set(_commands()) <= listed, set(_commands()) - listed
    assert "--install-completion" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_license_is_an_spdx_string_with_a_setuptools_that_reads_it() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert isinstance(project["project"]["license"], str)
    for pattern in project["project"]["license-files"]:
        assert list(ROOT.glob(pattern)), pattern
    [setuptools] = [r for r in project["build-system"]["requires"] if "setuptools" in r]
    floor = re.search(r">=\s*(\d+)", setuptools)
    assert floor and int(floor.group(1)) >= 77  # PEP 639 license expressions
