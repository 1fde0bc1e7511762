"""CLI commands of the web: ``filmkb serve`` and ``filmkb export-jsonld``.

``register(app)`` adds them to the Typer app of ``filmkb.serve.cli``; ``write_jsonld(kb, out)``
is what ``filmkb export --format jsonld`` calls. Both parse, build ``FilmKB`` and print.
"""

from __future__ import annotations

import json
import os
import socket
import sys
from typing import TYPE_CHECKING, Annotated, TextIO

import typer

if TYPE_CHECKING:
    from filmkb.core import FilmKB
from filmkb.errors import FilmKBError
from filmkb.serve.cli_common import DEFAULT_DB, Db, open_store


def write_jsonld(kb: FilmKB, out: TextIO, base_url: str = "") -> None:
    """Every film as schema.org ``Movie`` JSON-LD, one ``@graph``."""
    from filmkb.serve.web.views import export_jsonld

    out.write(json.dumps(export_jsonld(kb, base_url), ensure_ascii=False, indent=1) + "\n")


def serve(
    db: Db = DEFAULT_DB,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port (0: any free port).")] = 8001,
) -> None:
    """Serve the film pages, their JSON twins and the API (read-only; docs at /docs).

    \b
    Examples:
      filmkb serve --db filmkb.db
      filmkb serve --port 0    (any free port)
    """
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
    try:  # bind first: a busy port is an error before any banner
        sock = socket.create_server((host, port))
    except OSError as error:
        reason = os.strerror(error.errno) if error.errno else str(error)
        typer.echo(f"error: cannot listen on {host}:{port}: {reason} (try --port)", err=True)
        raise typer.Exit(1) from error
    port = sock.getsockname()[1]
    typer.echo(f"filmkb: http://{host}:{port}/ (API docs at /docs)", err=True)
    config = uvicorn.Config(app, host=host, port=port, log_level="warning")
    uvicorn.Server(config).run(sockets=[sock])


def export_jsonld(
    db: Db = DEFAULT_DB,
    base_url: Annotated[
        str, typer.Option("--base-url", help="Prefix for @id/url, e.g. https://films.example")
    ] = "",
) -> None:
    """Print every film as schema.org Movie JSON-LD ({"@context", "@graph": [...]}).

    \b
    Example:
      filmkb export-jsonld --base-url https://films.example > films.jsonld
    """
    with open_store(db) as kb:
        write_jsonld(kb, sys.stdout, base_url)


def register(app: typer.Typer) -> None:
    """Add ``serve`` and ``export-jsonld`` to the ``filmkb`` command line."""
    app.command("serve")(serve)
    app.command("export-jsonld")(export_jsonld)
