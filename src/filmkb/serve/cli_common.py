"""What the command-line modules share: the ``--db`` option, opening a store that must
exist, merge rules in words, and help text without Python type names."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:  # loaded when a command opens a store, not for --help
    from filmkb.core import FilmKB

Db = Annotated[Path, typer.Option("--db", help="SQLite database file.")]
DEFAULT_DB = Path("filmkb.db")
RULE_WORDS_FILE = Path(__file__).with_name("rule_words.tsv")
# ``filmkb.documents.MAX_BYTES``, written here so that the commands' defaults do not import
# the readers (tests/test_cli_usability.py checks that the two agree)
MAX_BYTES = 20 * 1024 * 1024


def store_must_exist(db: Path) -> None:
    """A command that reads a store: a missing file (a mistyped ``--db``) is an error on
    stderr and exit 1, and no file is created."""
    if str(db) != ":memory:" and not db.exists():
        typer.echo(f"error: no database {db} (run `filmkb ingest PAGES --db {db}` first)", err=True)
        raise typer.Exit(1)


def open_store(db: Path) -> FilmKB:
    """The store at ``db`` for a command that reads it (``store_must_exist``)."""
    from filmkb.core import FilmKB

    store_must_exist(db)
    return FilmKB(db)


def plural(n: int, noun: str) -> str:
    """ "1 file", "2,000 files" (as ``filmkb.core.plural``)."""
    return f"{n:,} {noun}" + ("" if n == 1 else "s")


@cache
def _rule_words(path: Path = RULE_WORDS_FILE) -> dict[str, str]:
    words = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rule, _, text = line.partition("\t")
            words[rule.strip()] = text.strip()
    return words


def describe_rule(rule: str) -> str:
    """A resolver's merge rule in words: "case-space-hyphen; shared film 'Escape'" → "same
    name written with other capitals, spaces or hyphens; both credited on the film 'Escape'"."""
    words = _rule_words()
    out = []
    for reason in rule.split("; "):
        if reason in words:
            out.append(words[reason])
            continue
        prefix = next(
            (p for p in sorted(words, key=len, reverse=True) if reason.startswith(p + " ")), None
        )
        if prefix is not None:  # "shared film 'Escape'", "user merge A = B"
            rest = reason[len(prefix) :].strip()
            out.append(f"{words[prefix]} {rest}")
            continue
        parts = []
        for part in reason.split("+"):
            name, _, detail = part.partition(":")
            text = words.get(name, name)
            parts.append(f"{text} ({detail})" if detail else text)
        out.append(" and ".join(parts))
    return "; ".join(out)


_TYPE_WORDS = {"str": "text", "int": "integer", "float": "number", "Path": "path"}
_LIST = re.compile(r"^list\[(.*)\]$")


def plain_type_names() -> None:
    """Help shows ``<text>``, ``<integer>``, ``<path>`` and no type for flags, where Typer
    (≥ 0.20) shows Python's names (``<str>``, ``<list[Path]>``, ``<bool>``)."""
    from typer import core

    original = core._TyperParameter.display_type
    if getattr(original, "_filmkb", False):
        return

    # ctx: the (vendored) click Context of the method replaced; typer.Context subclasses it
    def display_type(self: core._TyperParameter, ctx: core._click.Context) -> str:
        label = original(self, ctx)
        inner = label[1:-1] if label.startswith("<") and label.endswith(">") else label
        many = _LIST.match(inner)
        if many:
            inner = many.group(1)
        if inner == "bool":
            return ""
        return f"<{_TYPE_WORDS.get(inner, inner)}>"

    display_type._filmkb = True  # type: ignore[attr-defined]
    core._TyperParameter.display_type = display_type  # type: ignore[method-assign]
