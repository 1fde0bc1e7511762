"""CLI commands of the extract stage: ``filmkb extract`` and ``filmkb eval``."""

from __future__ import annotations

import json
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from filmkb.errors import NO_SUCH_FILE, ReadError
from filmkb.serve.cli_common import MAX_BYTES, plural
from filmkb.serve.terminal import safe

err = Console(stderr=True, soft_wrap=True)


class ExtractFormat(StrEnum):
    jsonl = "jsonl"
    json = "json"


def extract(
    paths: Annotated[list[Path], typer.Argument(help="Files or directories (.txt, .md, .html).")],
    format: Annotated[
        ExtractFormat,
        typer.Option("--format", "-f", help="jsonl: one line per document; json: one list."),
    ] = ExtractFormat.jsonl,
    evidence: Annotated[
        bool, typer.Option(help="Include evidence spans and extractor names.")
    ] = True,
    max_bytes: Annotated[
        int, typer.Option("--max-bytes", min=1, help="Refuse files larger than this (bytes).")
    ] = MAX_BYTES,
) -> None:
    """Extract each document's films and facts; one JSON line per document (gold shape).

    \b
    Example:
      filmkb extract examples/escape-2024 --format json
    """
    from filmkb.documents import iter_documents
    from filmkb.extract import extract_document
    from filmkb.extract.gold import to_gold

    missing = [p for p in paths if not os.path.lexists(p)]
    for path in missing:
        err.print(f"[red]error[/red] [{NO_SUCH_FILE}] {safe(path)}: no such file or directory")
    if missing:
        raise typer.Exit(1)
    failed = 0
    rows = []
    for item in iter_documents(paths, max_bytes=max_bytes):
        if isinstance(item, ReadError):
            failed += 1
            err.print(f"[red]error[/red] {safe(item.source)}: [{item.code}] {safe(item.message)}")
            continue
        extraction = extract_document(item)
        if not extraction.films:
            err.print(f"{safe(item.source)}: no film (the page gives no evidence of one)")
        row = to_gold(extraction, evidence=evidence)
        if format == "jsonl":
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
        else:
            rows.append(row)
    if format == "json":
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1) + "\n")
    if failed:
        err.print(f"partial: {plural(failed, 'file')} could not be read")
        raise typer.Exit(3)


def eval_command(
    gold_dir: Annotated[Path, typer.Argument(help="Folder of gold JSON files (one per page).")],
    paths: Annotated[list[Path], typer.Argument(help="The pages the gold files describe.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    errors: Annotated[
        bool, typer.Option("--errors", help="List each wrong or missed fact.")
    ] = False,
) -> None:
    """Precision / recall / F1 per field against hand-written gold files.

    \b
    Example:
      filmkb eval tests/gold/general tests/corpus/general --errors
    """
    if not gold_dir.is_dir():
        raise typer.BadParameter(f"{gold_dir}: not a directory", param_hint="GOLD_DIR")
    from filmkb.evaluate import evaluate

    report = evaluate(gold_dir, paths)
    data = report.to_dict()
    if as_json:
        if errors:
            data["errors"] = report.errors
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=1) + "\n")
        return
    out = Console()
    table = Table(title=f"filmkb eval — {data['documents']} documents")
    for col in ("field", "P", "R", "F1", "tp", "fp", "fn"):
        table.add_column(col, justify="left" if col == "field" else "right")
    for name, row in data["fields"].items():
        table.add_row(
            name,
            f"{row['precision']:.3f}",
            f"{row['recall']:.3f}",
            f"{row['f1']:.3f}",
            str(row["tp"]),
            str(row["fp"]),
            str(row["fn"]),
        )
    for name, row in (("main film", data["main"]), ("mentioned titles", data["mentioned_titles"])):
        table.add_row(
            f"[bold]{name}[/bold]",
            f"{row['precision']:.3f}",
            f"{row['recall']:.3f}",
            f"[bold]{row['f1']:.3f}[/bold]",
            str(row["tp"]),
            str(row["fp"]),
            str(row["fn"]),
        )
    out.print(table)
    out.print(f"document kind accuracy: {data['kind_accuracy']}")
    if errors:
        for e in report.errors:
            out.print(
                f"{e['source']} {e['field']}: pred={e['pred']!r} gold={e['gold']!r}", markup=False
            )


def register(app: typer.Typer) -> None:
    app.command("extract")(extract)
    app.command("eval")(eval_command)
