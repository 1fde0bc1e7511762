"""The ``filmkb`` command line: each command parses, builds ``FilmKB`` and prints.

Commands call one library method each; add yours as one more small function below
(``extract`` / ``eval``, ``import-reviews`` / ``reviews``, ``import-triples`` / ``ask``,
``serve``). Exit codes: 0 all good, 1 not found (or no such store), 2 bad usage (an unknown
option or choice), 3 partial ingest.
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from filmkb import facts
from filmkb.core import FilmKB, IngestResult
from filmkb.documents import iter_paths
from filmkb.errors import FilmKBError
from filmkb.serve.cli_common import DEFAULT_DB, Db, describe_rule, open_store, plain_type_names
from filmkb.store.lookups import person_spelled

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


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or directories of pages.")],
    db: Db = DEFAULT_DB,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Read, extract and store pages; bad files are reported and skipped."""
    total = sum(1 for _ in iter_paths(paths))
    with open_kb(db) as kb:
        show_bar = not quiet and total >= PROGRESS_MIN_FILES
        with Progress(
            TextColumn("ingest"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[f]}"),
            console=err, transient=True, disable=not show_bar,
        ) as bar:  # fmt: skip
            task = bar.add_task("ingest", total=total, f="")

            def step(result: IngestResult) -> None:
                bar.update(task, advance=1, f=Path(result.source).name)

            report = kb.ingest(paths, progress=step)
    for result in report.errors:
        err.print(f"[red]error[/] {result.source}: {result.reason}", highlight=False)
    out.print(f"{len(report.results)} files: {report.summary()}", highlight=False)
    if not report.ok:
        err.print(
            f"partial: {len(report.errors)} of {len(report.results)} files failed", highlight=False
        )
        raise typer.Exit(EXIT_PARTIAL)


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
            str(row["id"]), row["title"] or "", str(row["year"] or ""),
            ", ".join(row["directors"]), str(row["documents"]),
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
            err.print(f"no film titled {title!r}" + (f" ({year})" if year else ""))
            raise typer.Exit(1)
        try:
            records = [kb.film_record(i) for i in ids]
        except FilmKBError as error:
            err.print(str(error))
            raise typer.Exit(1) from error
    if as_json:
        out.print_json(json.dumps(records if len(records) > 1 else records[0], ensure_ascii=False))
        return
    if len(records) > 1:
        out.print(f"{len(records)} films titled {title!r}; use --year or --id to pick one.")
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
            err.print(f"[red]error[/] [{error.code}] {error}", highlight=False)
            raise typer.Exit(1) from error
    for bad in report.errors:
        err.print(f"[red]skipped[/] {report.source}:{bad.line}: {bad.reason}", highlight=False)
    out.print(report.summary(), highlight=False)
    if not report.ok:
        err.print(f"partial: {len(report.errors)} rows skipped", highlight=False)
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
        err.print(f"no film titled {title!r}" + (f" ({year})" if year else ""))
        raise typer.Exit(1)
    if as_json:
        data = [_film_reviews(r) for r in records]
        out.print_json(json.dumps(data if len(data) > 1 else data[0], ensure_ascii=False))
        return
    for record in records:
        out.rule(f"[bold]{_first(record['title']) or '?'}[/] ({_first(record['year']) or '?'})")
        table = Table("author", "outlet", "date", "verdict", "score", "normalised")
        for r in record["reviews"]:
            normalised = r["score_normalized"]
            table.add_row(
                r["author"] or "", r["outlet"] or "", r["date"] or "", r["verdict"] or "",
                r["score"] or "", "" if normalised is None else f"{normalised:g}",
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
    source: Annotated[str, typer.Argument(help="Source (path/URL) as it was ingested.")],
    db: Db = DEFAULT_DB,
) -> None:
    """Retract every claim of one source (entities left without claims go too)."""
    with open_kb(db) as kb:
        found = kb.forget(source)
    if not found:
        err.print(f"no document with source {source!r}")
        raise typer.Exit(1)
    out.print(f"forgot {source}", highlight=False)


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
    with open_store(db) as kb:
        if entity == "person":
            missing = [name for name in (a, b) if not person_spelled(kb.conn, name)]
            if missing:
                names = " or ".join(repr(n) for n in missing)
                err.print(f"error: no person named {names} in {db} (names as `show` prints them)")
                raise typer.Exit(1)
        _override(lambda: kb.merge(entity, a, b, film=film, year=year))
    out.print(f"merged {entity} {a!r} = {b!r}", highlight=False)


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
    out.print(f"split {entity} {name!r} in {film!r}", highlight=False)


def _override(action: Any) -> None:
    try:
        action()
    except FilmKBError as error:
        err.print(str(error))
        raise typer.Exit(1) from error


def print_record(record: dict[str, Any]) -> None:
    title = _first(record["title"]) or "?"
    year = _first(record["year"])
    out.rule(f"[bold]{title}[/] ({year or 'year unknown'}) · film {record['id']}")
    for fact in facts.of_kind(facts.TITLE, facts.NUMBER, facts.GENRE):
        for st in record[fact.record]:
            _line(fact.record, str(st["value"]), st)
    for fact in facts.of_kind(*facts.NAMES):  # directors, writers, composers, companies
        for st in record[fact.record]:
            _line(fact.noun, st.get("name") or str(st.get("value")), st)
            _merges(st.get("merged", []), st.get("name"))
    for st in record["cast"]:
        role = f" as {st['character']}" if st["character"] else ""
        _line("cast", f"{st['actor']}{role}", st)
        _merges(st["merged"], st["actor"])
        for alias in st["character_merged"]:
            if alias["name"] != st["character"]:
                why = "; ".join(describe_rule(r) for r in alias["rules"])
                out.print(f"      ~ {alias['name']}: {why}", highlight=False)
    for st in record["releases"]:
        parts = [st.get(k) for k in ("territory", "date", "distributor", "certification")]
        text = " · ".join(str(p) for p in parts if p)
        if st["inferred"]:
            text += f" (inferred: {', '.join(st['inferred'])})"
        _line("release", text, st)
    for st in record["synopsis"][:1]:
        _line("synopsis", _shorten(st["value"], SYNOPSIS_CHARS), st)
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
        out.print(f"  {'consensus':<15} {critics['consensus']}", highlight=False)


def _line(key: str, text: str, st: dict[str, Any]) -> None:
    mark = {"preferred": "[green]★[/]", "normal": " ", "deprecated": "[red]✗[/]"}[st["rank"]]
    sources = ", ".join(sorted({Path(s["source"]).name for s in st["sources"]}))
    out.print(f"{mark} {key:<15} {text}  [dim]{st['rank']} · {sources}[/]", highlight=False)


def _merges(spellings: list[dict[str, Any]], shown: str | None) -> None:
    for spelling in spellings:
        if spelling["name"] != shown:
            rules = "; ".join(describe_rule(r) for r in spelling["rules"])
            out.print(f"      = {spelling['name']}: {rules}", highlight=False)


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
