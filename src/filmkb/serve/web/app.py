"""The FastAPI app: ``create_app(kb_or_db_path)``. Read-only; every page has a JSON twin.

``/films/escape-2024`` renders ``film.html`` from ``views.film_view``; ``/films/escape-2024.json``
returns the very same dict. Handlers are plain ``def`` functions, so Starlette runs them on
its thread pool; with a database path each thread opens its own read-only connection
(``PRAGMA query_only``), with a ``FilmKB`` object the calls share it under a lock.

Routes: ``/`` (films), ``/films/{ref}``, ``/films/{ref}/reviews.json``, ``/films/{ref}.jsonld``,
``/people/{id}``, ``/characters/{id}.json``, ``/sources`` and ``/sources/{id}``, ``/search``,
``/ask.json``, ``/healthz``; OpenAPI at ``/docs`` and ``/openapi.json``.
"""

from __future__ import annotations

import json
import threading
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.exceptions import HTTPException as StarletteHTTPException

from filmkb import __version__
from filmkb.core import FilmKB
from filmkb.errors import FilmKBError, NotFound
from filmkb.serve.web import jsonld, views

HERE = Path(__file__).parent
CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; script-src 'none';"
    " base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
RANK_MARK = {"preferred": "★", "normal": "·", "deprecated": "✗"}


class KBSource:
    """Hands a ``FilmKB`` to each request: one per thread for a file, a shared one otherwise."""

    def __init__(self, kb_or_path: FilmKB | str | Path):
        self._local = threading.local()
        self._lock = threading.Lock()
        if isinstance(kb_or_path, FilmKB):
            self._shared: FilmKB | None = kb_or_path
            self.path = kb_or_path.db_path
        else:
            self.path = str(kb_or_path)
            self._shared = FilmKB(self.path) if self.path == ":memory:" else None
            if self._shared is None:
                FilmKB(self.path).close()  # create/migrate once, before the readers

    @contextmanager
    def kb(self) -> Iterator[FilmKB]:
        if self._shared is not None:
            with self._lock:
                yield self._shared
            return
        kb = getattr(self._local, "kb", None)
        if kb is None:
            kb = FilmKB(self.path)
            kb.conn.execute("PRAGMA query_only = ON")
            self._local.kb = kb
        yield kb


def create_app(kb_or_db_path: FilmKB | str | Path) -> FastAPI:
    """The web app over a ``FilmKB`` or a database path (read-only)."""
    kbs = KBSource(kb_or_db_path)
    app = FastAPI(
        title="filmkb",
        version=__version__,
        description="Sourced film records: every fact with its sources. Read-only.",
    )
    app.state.kb_source = kbs
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["rank_mark"] = RANK_MARK
    env.filters["jsonld"] = jsonld.script_text
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    def read(fn: Callable[[FilmKB], Any]) -> Any:
        with kbs.kb() as kb:
            return fn(kb)

    def page(
        name: str, data: dict[str, Any], status: int = 200, twin: str | None = None
    ) -> HTMLResponse:
        html = env.get_template(name).render(data=data, page=name, twin=twin)
        return HTMLResponse(html, status_code=status, headers={"Content-Security-Policy": CSP})

    def film_id(kb: FilmKB, ref: str) -> int:
        return views.resolve_film_ref(kb, ref)

    # --- errors ------------------------------------------------------------------------

    def error(request: Request, status: int, message: str, code: str, extra: Any = None):
        body: dict[str, Any] = {"error": message, "code": code, "status": status}
        if extra is not None:
            body["films"] = extra
        if request.url.path.endswith((".json", ".jsonld")) or "/docs" in request.url.path:
            return JSONResponse(body, status_code=status)
        return page("error.html", body, status)

    @app.exception_handler(views.Ambiguous)
    def ambiguous(request: Request, exc: views.Ambiguous):
        return error(request, 300, exc.message, exc.code, exc.films)

    @app.exception_handler(NotFound)
    def not_found(request: Request, exc: NotFound):
        return error(request, 404, exc.message, exc.code)

    @app.exception_handler(FilmKBError)
    def filmkb_error(request: Request, exc: FilmKBError):
        return error(request, 400, exc.message, exc.code)

    @app.exception_handler(StarletteHTTPException)
    def http_error(request: Request, exc: StarletteHTTPException):
        message = "not found" if exc.status_code == 404 else str(exc.detail)
        return error(request, exc.status_code, message, f"HTTP{exc.status_code}")

    # --- JSON API (documented) ---------------------------------------------------------

    @app.get("/healthz", tags=["meta"])
    def healthz() -> dict[str, bool]:
        """Static answer, no database: the latency baseline."""
        return {"ok": True}

    @app.get("/.json", tags=["films"])
    @app.get("/films.json", tags=["films"])
    def films_json(page_no: int = Query(1, alias="page", ge=1)) -> Response:
        """Films, 50 a page: id, title, year, slug, url."""
        return as_json(read(lambda kb: views.home_view(kb, page_no)))

    @app.get("/search.json", tags=["search"])
    def search_json(q: str = Query("", max_length=200)) -> Response:
        """Films by title and people by name, in any stored spelling."""
        return as_json(read(lambda kb: views.search_view(kb, q)))

    @app.get("/films/{ref}.json", tags=["films"])
    def film_json(request: Request, ref: str) -> Response:
        """A film: every fact with rank and sources, reviews, aggregate, JSON-LD."""
        base = str(request.base_url)
        return as_json(read(lambda kb: views.film_view(kb, film_id(kb, ref), base)))

    @app.get("/films/{ref}.jsonld", tags=["films"], response_class=Response)
    def film_jsonld(request: Request, ref: str) -> Response:
        """The film as schema.org ``Movie`` JSON-LD."""
        base = str(request.base_url)
        data = read(lambda kb: views.film_view(kb, film_id(kb, ref), base))["jsonld"]
        text = json.dumps(data, ensure_ascii=False, indent=1)
        return Response(text, media_type="application/ld+json")

    @app.get("/films/{ref}/reviews.json", tags=["reviews"])
    def reviews_json(ref: str) -> Response:
        """The film's reviews (verdict, normalised score, source) and the critics' aggregate."""
        return as_json(read(lambda kb: views.reviews_view(kb, film_id(kb, ref))))

    @app.get("/people/{ref}.json", tags=["people"])
    def person_json(ref: str) -> Response:
        """A person: name variants and the filmography across films."""
        return as_json(read(lambda kb: views.person_view(kb, _int_id(ref, "person"))))

    @app.get("/characters/{ref}.json", tags=["people"])
    def character_json(ref: str) -> Response:
        """A character: its names (aliases), the film and the actors."""
        return as_json(read(lambda kb: views.character_view(kb, _int_id(ref, "character"))))

    @app.get("/sources.json", tags=["sources"])
    def sources_json() -> Response:
        """The stored documents (sources): id, source, kind, sha256."""
        return as_json(read(views.sources_view))

    @app.get("/sources/{ref}.json", tags=["sources"])
    def source_json(ref: str, start: int | None = None, end: int | None = None) -> Response:
        """A document: its text, its claims and the text cut into marked segments."""
        return as_json(read(lambda kb: views.source_view(kb, _int_id(ref, "document"), start, end)))

    @app.get("/ask.json", tags=["ask"])
    def ask_json(q: str = Query(..., min_length=1, max_length=500)) -> Response:
        """A question in words, answered from the stored facts (when ``filmkb.ask`` is there)."""
        answer = read(lambda kb: _ask(kb, q))
        if answer is None:
            return JSONResponse(
                {"error": "question answering is not available", "code": "E303", "q": q},
                status_code=501,
            )
        return as_json({"q": q, "answer": answer})

    # --- HTML pages (same dicts) -------------------------------------------------------

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    @app.get("/films", response_class=HTMLResponse, include_in_schema=False)
    def home(page_no: int = Query(1, alias="page", ge=1)) -> HTMLResponse:
        data = read(lambda kb: views.home_view(kb, page_no))
        return page("home.html", data, twin=f"/.json?page={page_no}")

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search(q: str = Query("", max_length=200)) -> HTMLResponse:
        data = read(lambda kb: views.search_view(kb, q))
        return page("search.html", data, twin=f"/search.json?q={quote(q)}")

    @app.get("/films/{ref}", response_class=HTMLResponse, include_in_schema=False)
    def film(request: Request, ref: str) -> HTMLResponse:
        base = str(request.base_url)
        data = read(lambda kb: views.film_view(kb, film_id(kb, ref), base))
        return page("film.html", data, twin=data["film"]["url"] + ".json")

    @app.get("/people/{ref}", response_class=HTMLResponse, include_in_schema=False)
    def person(ref: str) -> HTMLResponse:
        data = read(lambda kb: views.person_view(kb, _int_id(ref, "person")))
        return page("person.html", data, twin=data["person"]["url"] + ".json")

    @app.get("/sources", response_class=HTMLResponse, include_in_schema=False)
    def sources() -> HTMLResponse:
        return page("sources.html", read(views.sources_view), twin="/sources.json")

    @app.get("/sources/{ref}", response_class=HTMLResponse, include_in_schema=False)
    def source(ref: str, start: int | None = None, end: int | None = None) -> HTMLResponse:
        data = read(lambda kb: views.source_view(kb, _int_id(ref, "document"), start, end))
        return page("source.html", data, twin=data["document"]["url"] + ".json")

    return app


def as_json(data: Any) -> Response:
    """The page's dict as JSON, dumped directly (no response-model validation of big dicts)."""
    return Response(json.dumps(data, ensure_ascii=False), media_type="application/json")


def _int_id(ref: str, what: str) -> int:
    if not ref.isdigit() or len(ref) > 12:
        raise NotFound(f"no {what} {ref!r}")
    return int(ref)


_ASKERS: weakref.WeakKeyDictionary[FilmKB, Any] = weakref.WeakKeyDictionary()


def _ask(kb: FilmKB, question: str) -> Any:
    """``filmkb.ask.Ask(kb).ask(question)``, the graph built once per connection; None if absent."""
    try:
        from filmkb.ask import Ask
    except ImportError:
        return None
    asker = _ASKERS.get(kb)
    if asker is None:
        asker = _ASKERS[kb] = Ask(kb)
    return _plain(asker.ask(question))


def _plain(value: Any) -> Any:
    import dataclasses

    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    if hasattr(value, "model_dump"):
        return value.model_dump()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value
