"""CLI commands of the web: ``filmkb serve`` and ``filmkb export-jsonld``.

``register(app)`` adds them to the Typer app of ``filmkb.serve.cli``; ``write_jsonld(kb, out)``
is what ``filmkb export --format jsonld`` calls. Both parse, build ``FilmKB`` and print.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, TextIO

import typer

from filmkb.core import FilmKB
from filmkb.errors import FilmKBError

Db = Annotated[Path, typer.Option("--db", help="SQLite database file.")]
DEFAULT_DB = Path("filmkb.db")


def write_jsonld(kb: FilmKB, out: TextIO, base_url: str = "") -> None:
    """Every film as schema.org ``Movie`` JSON-LD, one ``@graph``."""
    from filmkb.serve.web.views import export_jsonld

    out.write(json.dumps(export_jsonld(kb, base_url), ensure_ascii=False, indent=1) + "\n")


def serve(
    db: Db = DEFAULT_DB,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port (0: any free port).")] = 8001,
) -> None:
    """Serve the film pages, their JSON twins and the API (read-only; docs at /docs)."""
    try:
        import uvicorn

        from filmkb.serve.web import create_app
    except ImportError as error:  # the [web] extra is missing
        typer.echo(f"filmkb serve needs fastapi and uvicorn: pip install 'filmkb[web]' ({error})")
        raise typer.Exit(1) from error
    if not db.exists():
        typer.echo(f"no database {db} (run `filmkb ingest PAGES --db {db}` first)", err=True)
        raise typer.Exit(1)
    try:  # read-only, no migration: a store that is not one, or needs one, is refused here
        app = create_app(db)
    except FilmKBError as error:
        typer.echo(f"cannot serve: {error}", err=True)
        raise typer.Exit(1) from error
    typer.echo(f"filmkb: http://{host}:{port}/ (API docs at /docs)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


def export_jsonld(
    db: Db = DEFAULT_DB,
    base_url: Annotated[
        str, typer.Option("--base-url", help="Prefix for @id/url, e.g. https://films.example")
    ] = "",
) -> None:
    """Print every film as schema.org Movie JSON-LD ({"@context", "@graph": [...]})."""
    with FilmKB(db) as kb:
        write_jsonld(kb, sys.stdout, base_url)


def register(app: typer.Typer) -> None:
    """Add ``serve`` and ``export-jsonld`` to the ``filmkb`` command line."""
    app.command("serve")(serve)
    app.command("export-jsonld")(export_jsonld)
