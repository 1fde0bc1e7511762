"""The ``filmkb`` command line: each command parses, builds ``FilmKB`` and prints.

Commands call one library method each; add yours as one more small function below
(``extract`` / ``eval``, ``import-reviews`` / ``reviews``, ``import-triples`` / ``ask``,
``serve``). Exit codes: 0 all good, 1 not found (or no such store), 2 bad usage (an unknown
option or choice), 3 partial ingest.
"""

from __future__ import annotations

import json
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from filmkb.errors import NO_SUCH_FILE, AmbiguousSource, FilmKBError
from filmkb.errors import NOT_A_PAGE as NOT_A_PAGE_CODE
from filmkb.serve.cli_common import (
    DEFAULT_DB,
    MAX_BYTES,
    Db,
    describe_rule,
    open_store,
    plain_type_names,
    plural,
)
from filmkb.serve.terminal import safe

if TYPE_CHECKING:  # the store, the readers and the extractors load when a command runs
    from filmkb.core import FilmKB, IngestResult

app = typer.Typer(
    help="""Build sourced film records from web pages.

    \b
    Examples:
      filmkb ingest examples/escape-2024 --db filmkb.db
      filmkb show Escape --year 2024
      filmkb ask "Who directed Escape?"
      filmkb serve
    """,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
plain_type_names()
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

EXIT_PARTIAL = 3
PROGRESS_MIN_FILES = 20  # show a progress bar from this many files on

Year = Annotated[int | None, typer.Option("--year", help="Release year of the film.")]
AsJson = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]


def open_kb(db: Path) -> FilmKB:
    from filmkb.core import FilmKB

    return FilmKB(db)


def _version(value: bool) -> None:
    if value:
        from filmkb import __version__

        out.print(f"filmkb {__version__}", highlight=False)
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """Options of every command (``--version``); the help is the app's."""


MaxBytes = Annotated[
    int, typer.Option("--max-bytes", min=1, help="Refuse files larger than this (bytes).")
]


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or directories of pages.")],
    db: Db = DEFAULT_DB,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    max_bytes: MaxBytes = MAX_BYTES,
    timeout: Annotated[
        float, typer.Option("--timeout", min=0.1, help="Seconds allowed per document.")
    ] = 30.0,
    max_memory: Annotated[
        int, typer.Option("--max-memory", min=16, help="Memory a worker may add per document (MB).")
    ] = 1024,
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", min=0, help="Worker processes (default: cores; 0: none)."),
    ] = None,
) -> None:
    """Read, extract and store pages; bad files are reported and skipped.

    Folders are walked for page files (.txt .md .html .htm .xhtml); other files are
    counted as skipped. Each document is read and extracted in a worker process under the
    time and memory limits; one over a limit is reported and the batch goes on.
    """
    from filmkb.documents import iter_inputs
    from filmkb.documents.read import NOT_A_PAGE
    from filmkb.workers import Limits

    missing = [p for p in paths if not os.path.lexists(p)]
    for path in missing:
        err.print(f"[red]error[/] [{NO_SUCH_FILE}] {safe(path)}: no such file or directory")
    if missing:
        raise typer.Exit(1)
    limits = Limits(
        max_bytes=max_bytes,
        timeout=timeout,
        max_memory=max_memory * 2**20,
        jobs=Limits.default_jobs() if jobs is None else jobs,
    )
    total = sum(1 for item in iter_inputs(paths) if item.is_page_type)
    with open_kb(db) as kb:
        show_bar = not quiet and total >= PROGRESS_MIN_FILES
        with Progress(
            TextColumn("ingest"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[f]}"),
            console=err,
            transient=True,
            disable=not show_bar,
            auto_refresh=False,
        ) as bar:  # fmt: skip  (no refresh thread: workers are forked while it shows)
            task = bar.add_task("ingest", total=total, f="")

            def step(result: IngestResult) -> None:
                if result.code != NOT_A_PAGE_CODE:
                    bar.update(task, advance=1, f=safe(Path(result.source).name))
                    bar.refresh()

            report = kb.ingest(paths, progress=step, limits=limits)
    for result in report.results:
        if result.status == "error":
            err.print(f"[red]error[/] {safe(result.source)}: {safe(result.reason)}")
        elif result.status == "skipped" and result.reason != NOT_A_PAGE:
            err.print(f"[yellow]skipped[/] {safe(result.source)}: {safe(result.reason)}")
        elif result.status == "duplicate":
            err.print(f"[dim]duplicate[/] {safe(result.source)}: {safe(result.reason)}")
    out.print(report.summary(), highlight=False)
    if not report.ok:
        failed = len(report.errors)
        total_read = len(report.results) - len(report.skipped)
        err.print(f"partial: {failed:,} of {plural(total_read, 'file')} failed", highlight=False)
        raise typer.Exit(EXIT_PARTIAL)


@app.command()
def sources(db: Db = DEFAULT_DB, as_json: AsJson = False) -> None:
    """List the stored documents: id, source, kind, size, hash, number of films."""
    with open_store(db) as kb:
        rows = kb.sources()
    if as_json:
        out.print_json(json.dumps(rows, ensure_ascii=False))
        return
    table = Table("id", "source", "kind", "bytes", "sha256", "films")
    table.columns[1].overflow = "fold"
    for row in rows:
        size = "" if row["bytes"] is None else f"{row['bytes']:,}"
        table.add_row(
            str(row["id"]), safe(row["source"]), safe(row["kind"] or ""), size,
            row["sha256"][:12], str(row["films"]),
        )  # fmt: skip
    out.print(table)
    out.print(plural(len(rows), "document"), highlight=False)


@app.command()
def films(db: Db = DEFAULT_DB, as_json: AsJson = False) -> None:
    """List the films: id, title, year, directors, number of documents.

    \b
    Example:
      filmkb films --db filmkb.db --json
    """
    with open_store(db) as kb:
        rows = kb.films()
    if as_json:
        out.print_json(json.dumps(rows, ensure_ascii=False))
        return
    table = Table("id", "title", "year", "directors", "documents")
    for row in rows:
        table.add_row(
            str(row["id"]), safe(row["title"] or ""), str(row["year"] or ""),
            safe(", ".join(row["directors"])), str(row["documents"]),
        )  # fmt: skip
    out.print(table)


@app.command()
def show(
    title: Annotated[str, typer.Argument(help="Title of the film.")],
    year: Year = None,
    film_id: Annotated[int | None, typer.Option("--id", help="Film id (from `films`).")] = None,
    db: Db = DEFAULT_DB,
    as_json: AsJson = False,
) -> None:
    """The merged record of a film: every fact with its rank, sources, and merges.

    \b
    Examples:
      filmkb show Escape --year 2024
      filmkb show Escape --id 1 --json
    """
    with open_store(db) as kb:
        ids = [film_id] if film_id is not None else [f["id"] for f in kb.find_films(title, year)]
        if not ids:
            err.print(f"no film titled {safe(repr(title))}" + (f" ({year})" if year else ""))
            raise typer.Exit(1)
        try:
            records = [kb.film_record(i) for i in ids]
        except FilmKBError as error:
            err.print(safe(error))
            raise typer.Exit(1) from error
    if as_json:
        out.print_json(json.dumps(records if len(records) > 1 else records[0], ensure_ascii=False))
        return
    if len(records) > 1:
        out.print(
            f"{len(records)} films titled {safe(repr(title))}; use --year or --id to pick one."
        )
    for record in records:
        print_record(record)


@app.command("import-reviews")
def import_reviews(
    path: Annotated[Path, typer.Argument(help="CSV or JSON Lines review feed.")],
    db: Db = DEFAULT_DB,
) -> None:
    """Attach a feed's reviews to their films (created if needed); bad rows are skipped.

    \b
    Example:
      filmkb import-reviews reviews.csv --db filmkb.db
    """
    with open_kb(db) as kb:
        try:
            report = kb.import_reviews(path)
        except FilmKBError as error:
            err.print(f"[red]error[/] [{error.code}] {safe(error)}", highlight=False)
            raise typer.Exit(1) from error
    for bad in report.errors:
        where = f"{safe(report.source)}:{bad.line}"
        err.print(f"[red]skipped[/] {where}: {safe(bad.reason)}", highlight=False)
    out.print(report.summary(), highlight=False)
    if not report.ok:
        err.print(f"partial: {plural(len(report.errors), 'row')} skipped", highlight=False)
        raise typer.Exit(EXIT_PARTIAL)


@app.command()
def reviews(
    title: Annotated[str, typer.Argument(help="Title of the film.")],
    year: Year = None,
    db: Db = DEFAULT_DB,
    as_json: AsJson = False,
) -> None:
    """A film's reviews (author, outlet, date, verdict, score) and the critics' aggregate.

    \b
    Example:
      filmkb reviews Escape --year 2024
    """
    with open_store(db) as kb:
        found = kb.find_films(title, year)
        records = [kb.film_record(f["id"]) for f in found]
    if not records:
        err.print(f"no film titled {safe(repr(title))}" + (f" ({year})" if year else ""))
        raise typer.Exit(1)
    if as_json:
        data = [_film_reviews(r) for r in records]
        out.print_json(json.dumps(data if len(data) > 1 else data[0], ensure_ascii=False))
        return
    for record in records:
        title = safe(_first(record["title"]) or "?")
        out.rule(f"[bold]{title}[/] ({_first(record['year']) or '?'})")
        table = Table("author", "outlet", "date", "verdict", "score", "normalised")
        for r in record["reviews"]:
            normalised = r["score_normalized"]
            table.add_row(
                safe(r["author"] or ""), safe(r["outlet"] or ""), safe(r["date"] or ""),
                r["verdict"] or "", safe(r["score"] or ""), "" if normalised is None else f"{normalised:g}",
            )  # fmt: skip
        out.print(table)
        print_critics(record["critics"])


def _film_reviews(record: dict[str, Any]) -> dict[str, Any]:
    keys = ("id", "reviews", "critics")
    return {**{k: record[k] for k in keys}, "title": _first(record["title"])}


class ExportFormat(StrEnum):
    json = "json"
    jsonld = "jsonld"


@app.command()
def export(
    fmt: Annotated[
        ExportFormat,
        typer.Option("--format", help="json: the records; jsonld: schema.org Movie objects."),
    ] = ExportFormat.json,
    db: Db = DEFAULT_DB,
) -> None:
    """Print every film record as {"films": [...]} (or schema.org Movie objects as JSON-LD).

    \b
    Examples:
      filmkb export > films.json
      filmkb export --format jsonld > films.jsonld
    """
    with open_store(db) as kb:
        if fmt == ExportFormat.jsonld:
            from filmkb.serve.cli_web import write_jsonld

            write_jsonld(kb, sys.stdout)
            return
        data = kb.export()
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=1) + "\n")


@app.command()
def forget(
    source: Annotated[
        str,
        typer.Argument(help="The source (path/URL), its file name as `show` prints it, or its id."),
    ],
    db: Db = DEFAULT_DB,
) -> None:
    """Retract every claim of one document (entities left without claims go too)."""
    with open_store(db) as kb:
        try:
            found = kb.find_document(source)
        except AmbiguousSource as error:
            err.print(
                f"[red]error[/] [{error.code}] {safe(error.message)}; pick one by source or id:"
            )
            for candidate in error.candidates:
                err.print(f"  {safe(candidate)}")
            raise typer.Exit(1) from error
        if found is None:
            err.print(f"no document with source, file name or id {safe(repr(source))}")
            raise typer.Exit(1)
        kb.forget(found["source"])
    out.print(f"forgot {safe(found['source'])} (document {found['id']})", highlight=False)


Entity = Annotated[str, typer.Argument(help="'person' or 'character'.")]
Film = Annotated[str | None, typer.Option("--film", help="Film title (required for characters).")]


@app.command()
def merge(
    entity: Entity,
    a: Annotated[str, typer.Argument(help="One name.")],
    b: Annotated[str, typer.Argument(help="Another name for the same one.")],
    film: Film = None,
    year: Year = None,
    db: Db = DEFAULT_DB,
) -> None:
    """Record that two names are one person (or one character of --film).

    \b
    Examples:
      filmkb merge person "Lee Je-hoon" "LEE Je-hoon"
      filmkb merge character "Gyu-nam" "Lim Kyu-nam" --film Escape --year 2024
    """
    from filmkb.store.lookups import person_spelled

    with open_store(db) as kb:
        if entity == "person":
            missing = [name for name in (a, b) if not person_spelled(kb.conn, name)]
            if missing:
                names = " or ".join(repr(n) for n in missing)
                err.print(f"error: no person named {names} in {db} (names as `show` prints them)")
                raise typer.Exit(1)
        _override(lambda: kb.merge(entity, a, b, film=film, year=year))
    out.print(f"merged {safe(entity)} {safe(repr(a))} = {safe(repr(b))}", highlight=False)


@app.command()
def split(
    entity: Entity,
    name: Annotated[str, typer.Argument(help="The name to split off.")],
    film: Annotated[str, typer.Option("--film", help="The film where it is someone else.")],
    year: Year = None,
    db: Db = DEFAULT_DB,
) -> None:
    """Record that NAME in --film is its own person (or character).

    \b
    Example:
      filmkb split person "Kim Dong-hun" --film Escape --year 2024
    """
    with open_store(db) as kb:
        _override(lambda: kb.split(entity, name, film=film, year=year))
    out.print(f"split {safe(entity)} {safe(repr(name))} in {safe(repr(film))}", highlight=False)


def _override(action: Any) -> None:
    try:
        action()
    except FilmKBError as error:
        err.print(safe(error))
        raise typer.Exit(1) from error


def print_record(record: dict[str, Any]) -> None:
    from filmkb import facts

    title = safe(_first(record["title"]) or "?")
    year = safe(_first(record["year"]))
    out.rule(f"[bold]{title}[/] ({year or 'year unknown'}) · film {record['id']}")
    for fact in facts.of_kind(facts.TITLE, facts.NUMBER, facts.GENRE):
        for st in record[fact.record]:
            _line(fact.record, safe(st["value"]), st)
    for fact in facts.of_kind(*facts.NAMES):  # directors, writers, composers, companies
        for st in record[fact.record]:
            _line(fact.noun, safe(st.get("name") or st.get("value")), st)
            _merges(st.get("merged", []), st.get("name"))
    for st in record["cast"]:
        role = f" as {safe(st['character'])}" if st["character"] else ""
        _line("cast", f"{safe(st['actor'])}{role}", st)
        _merges(st["merged"], st["actor"])
        for alias in st["character_merged"]:
            if alias["name"] != st["character"]:
                why = safe("; ".join(describe_rule(r) for r in alias["rules"]))
                out.print(f"      ~ {safe(alias['name'])}: {why}", highlight=False)
    for st in record["releases"]:
        parts = [st.get(k) for k in ("territory", "date", "distributor", "certification")]
        text = safe(" · ".join(str(p) for p in parts if p))
        if st["inferred"]:
            text += f" (inferred: {safe(', '.join(st['inferred']))})"
        _line("release", text, st)
    for st in record["synopsis"][:1]:
        _line("synopsis", safe(_shorten(st["value"], SYNOPSIS_CHARS)), st)
    print_critics(record["critics"])


SYNOPSIS_CHARS = 200


def _shorten(text: str, limit: int) -> str:
    """At most ``limit`` characters, cut at a word boundary with "…" when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit + 1].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
    return cut.rstrip(" ,;:-") + "…"


def print_critics(critics: dict[str, Any]) -> None:
    """Count, distribution, % positive and mean score when shown, consensus sentences."""
    if not critics["count"]:
        return
    counts = critics["distribution"]
    parts = [f"{critics['count']} reviews", ", ".join(f"{n} {v}" for v, n in counts.items())]
    if critics["percent_positive"] is not None:
        parts.append(f"{critics['percent_positive']:g}% positive")
    if critics["mean_score"] is not None:
        parts.append(f"mean score {critics['mean_score']:g}/100")
    out.print(f"  {'critics':<15} {' · '.join(parts)}", highlight=False)
    if critics["consensus"]:
        out.print(f"  {'consensus':<15} {safe(critics['consensus'])}", highlight=False)


def _line(key: str, text: str, st: dict[str, Any]) -> None:
    mark = {"preferred": "[green]★[/]", "normal": " ", "deprecated": "[red]✗[/]"}[st["rank"]]
    sources = safe(", ".join(sorted({Path(s["source"]).name for s in st["sources"]})))
    out.print(f"{mark} {key:<15} {text}  [dim]{st['rank']} · {sources}[/]", highlight=False)


def _merges(spellings: list[dict[str, Any]], shown: str | None) -> None:
    for spelling in spellings:
        if spelling["name"] != shown:
            rules = safe("; ".join(describe_rule(r) for r in spelling["rules"]))
            out.print(f"      = {safe(spelling['name'])}: {rules}", highlight=False)


def _first(statements: list[dict[str, Any]]) -> Any:
    return statements[0]["value"] if statements else None


def _register_stage_commands() -> None:
    """Commands whose code lives with their stage: extract/eval, ask, web."""
    from filmkb.serve import cli_ask, cli_extract, cli_web

    for module in (cli_extract, cli_ask, cli_web):
        module.register(app)


_register_stage_commands()


def main() -> None:
    app()


if __name__ == "__main__":
    main()
