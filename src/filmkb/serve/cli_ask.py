"""CLI commands ``import-triples`` and ``ask``; ``register(app)`` adds them to the app.

Each command parses, calls ``filmkb.ask`` and prints. ``ask`` prints each answer with the
facts (source, quote) behind it; ``--batch FILE`` does so for every line (``Q: question``
first), in order; ``--json`` prints the result instead (with ``--batch``, one JSON line per
question).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from filmkb.errors import FilmKBError
from filmkb.serve.cli_common import DEFAULT_DB, Db, store_must_exist

if TYPE_CHECKING:
    from filmkb.ask.answer import Result


def import_triples_command(
    file: Annotated[Path, typer.Argument(help="Lines subject|relation|object (MetaQA kb.txt).")],
    db: Db = DEFAULT_DB,
) -> None:
    """Import a knowledge base of triples; each fact keeps the file as its source.

    The file is streamed (memory stays bounded whatever its size); the question graph is
    brought up to date afterwards, so that ``filmkb ask`` opens it.

    \b
    Example:
      filmkb import-triples ../shared/data/metaqa/kb.txt --db filmkb.db
    """
    from filmkb.ask.graph import refresh_graph
    from filmkb.ask.triples import import_triples
    from filmkb.core import FilmKB

    with FilmKB(db) as kb:
        try:
            result = import_triples(kb, file)
        except FilmKBError as err:
            typer.echo(f"error: [{err.code}] {err.message}", err=True)
            raise typer.Exit(1) from err
        start = time.perf_counter()
        built = refresh_graph(kb)
        graph_s = time.perf_counter() - start
    typer.echo(
        f"{result.source}: {result.status}, {result.triples} triples, {result.films} new films"
        f" ({result.linked_films} linked), {result.persons} new people"
        f" ({result.linked_persons} linked), {result.skipped_lines} lines skipped"
        + (f"; question graph built in {graph_s:.1f} s" if built else "")
    )


def ask_command(
    question: Annotated[str | None, typer.Argument(help="A question in plain English.")] = None,
    batch: Annotated[
        Path | None, typer.Option("--batch", help="One question per line ('-' for stdin).")
    ] = None,
    db: Db = DEFAULT_DB,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print JSON (with --batch: one JSON line each).")
    ] = False,
) -> None:
    """Answer a question from the facts, with the facts (and sources) behind each answer.

    \b
    Examples:
      filmkb ask "Who directed Escape?"
      filmkb ask "What is Escape rated?" --json
      printf 'Who is in Escape?\nHow long is Escape?\n' | filmkb ask --batch -
    """
    if (question is None) == (batch is None):
        typer.echo("give a QUESTION or --batch FILE", err=True)
        raise typer.Exit(1)
    if batch is not None and str(batch) != "-" and not batch.is_file():
        typer.echo(f"error: no question file {batch}", err=True)
        raise typer.Exit(1)
    from filmkb.ask.answer import Ask
    from filmkb.ask.link import clean_question
    from filmkb.store.db import connect, migrate
    from filmkb.store.schema import all_migrations

    store_must_exist(db)
    conn = connect(db)  # no FilmKB: asking needs neither the extractors nor the models
    try:
        migrate(conn, all_migrations())
        asker = Ask(conn)
        if batch is not None:
            stream = sys.stdin if str(batch) == "-" else batch.open(encoding="utf-8")
            with stream:
                first = True
                for line in stream:
                    line = line.rstrip("\n")
                    if not clean_question(line):
                        continue
                    result = asker.ask(line)
                    if as_json:
                        typer.echo(json.dumps(result.to_dict(), ensure_ascii=False))
                    else:
                        if not first:
                            typer.echo("")
                        typer.echo(f"Q: {result.question}")
                        _print_text(result)
                    first = False
            return
        result = asker.ask(question or "")
        if as_json:
            typer.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=1))
            return
        if not _print_text(result):
            raise typer.Exit(1)
    finally:
        conn.close()


FACTS_SHOWN = 3  # supporting facts printed per answer (all of them with --json)


def _print_text(result: Result) -> bool:
    """Each answer, then the facts behind it with source and quote; False: no answer."""
    if not result.answers:
        typer.echo(f"no answer: {result.reason}")
        return False
    for answer in result.answers:
        typer.echo(answer.name)
        for fact in answer.facts[:FACTS_SHOWN]:
            quote = f" “{' '.join(fact.quote.split())}”" if fact.quote else ""
            typer.echo(f"  {fact.subject} —{fact.relation}→ {fact.object}  [{fact.source}]{quote}")
    return True


def register(app: typer.Typer) -> None:
    """Add ``import-triples`` and ``ask`` to a Typer app."""
    app.command("import-triples")(import_triples_command)
    app.command("ask")(ask_command)
