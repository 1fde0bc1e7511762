"""CLI commands ``import-triples`` and ``ask``; ``register(app)`` adds them to the app.

Each command parses, calls ``filmkb.ask`` and prints. ``ask --batch FILE`` prints one JSON
line ``{"question": ..., "answers": [...]}`` per input line, in order.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from filmkb.ask import Ask, import_triples
from filmkb.ask.link import clean_question
from filmkb.core import FilmKB
from filmkb.errors import FilmKBError

DEFAULT_DB = Path("filmkb.db")
Db = Annotated[Path, typer.Option("--db", help="SQLite database file.")]


def import_triples_command(
    file: Annotated[Path, typer.Argument(help="Lines subject|relation|object (MetaQA kb.txt).")],
    db: Db = DEFAULT_DB,
) -> None:
    """Import a knowledge base of triples; each fact keeps the file as its source."""
    with FilmKB(db) as kb:
        try:
            result = import_triples(kb.conn, file)
        except FilmKBError as err:
            typer.echo(f"error: [{err.code}] {err.message}", err=True)
            raise typer.Exit(1) from err
    typer.echo(
        f"{result.source}: {result.status}, {result.triples} triples, {result.films} new films"
        f" ({result.linked_films} linked), {result.persons} new people"
        f" ({result.linked_persons} linked), {result.skipped_lines} lines skipped"
    )


def ask_command(
    question: Annotated[str | None, typer.Argument(help="A question in plain English.")] = None,
    batch: Annotated[
        Path | None, typer.Option("--batch", help="One question per line ('-' for stdin).")
    ] = None,
    db: Db = DEFAULT_DB,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Answer a question from the facts, with the facts (and sources) behind each answer."""
    if (question is None) == (batch is None):
        typer.echo("give a QUESTION or --batch FILE", err=True)
        raise typer.Exit(1)
    with FilmKB(db) as kb:
        asker = Ask(kb)
        if batch is not None:
            stream = sys.stdin if str(batch) == "-" else batch.open(encoding="utf-8")
            with stream:
                for line in stream:
                    line = line.rstrip("\n")
                    result = asker.ask(line, facts=False)
                    row = {"question": clean_question(line), "answers": result.names}
                    typer.echo(json.dumps(row, ensure_ascii=False))
            return
        result = asker.ask(question or "")
        for answer in result.answers:
            for fact in answer.facts:
                if fact.quote is None:
                    fact.quote = asker.quote(fact)
        if as_json:
            typer.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=1))
            return
        if not result.answers:
            typer.echo(f"no answer: {result.reason}")
            raise typer.Exit(1)
        for answer in result.answers:
            typer.echo(answer.name)
            for fact in answer.facts[:3]:
                quote = f" “{fact.quote.strip()}”" if fact.quote else ""
                typer.echo(
                    f"  {fact.subject} —{fact.relation}→ {fact.object}  [{fact.source}]{quote}"
                )


def register(app: typer.Typer) -> None:
    """Add ``import-triples`` and ``ask`` to a Typer app."""
    app.command("import-triples")(import_triples_command)
    app.command("ask")(ask_command)
