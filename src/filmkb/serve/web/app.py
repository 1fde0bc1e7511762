"""The FastAPI app: ``create_app(kb_or_db_path)``. Read-only; every page has a JSON twin.

``/films/escape-2024`` renders ``film.html`` from ``views.film_view``; ``/films/escape-2024.json``
returns the very same dict. Handlers are plain ``def`` functions, so Starlette runs them on
its thread pool; with a database path each thread opens its own read-only connection
(SQLite URI ``mode=ro``, no migration: a store that needs one is refused at start), with a
``FilmKB`` object the calls share it under a lock.

Limits: every parameter is bounded (422 otherwise), every list is paged (``page``,
``per_page`` ≤ 200; past the last page is a 404), and a request's queries stop after
``query_ms`` milliseconds (503, code E304). Every response carries
``X-Content-Type-Options: nosniff``; HTML pages a strict CSP (no script).

Routes: ``/`` (films), ``/films/{ref}``, ``/films/{ref}/reviews.json``, ``/films/{ref}.jsonld``,
``/people`` and ``/people/{id}``, ``/characters/{id}.json``, ``/sources`` and ``/sources/{id}``,
``/search``, ``/ask``, ``/healthz``; the API described at ``/openapi.json`` and shown at
``/docs`` (``apidocs``: a page rendered from the schema, no CDN, no script).
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.exceptions import HTTPException as StarletteHTTPException

from filmkb import __version__
from filmkb.core import FilmKB
from filmkb.errors import FilmKBError, NotFound, StoreError
from filmkb.serve.web import apidocs, jsonld, models, views
from filmkb.store.db import data_version, pending_migrations
from filmkb.store.schema import all_migrations

HERE = Path(__file__).parent
CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; script-src 'none';"
    " base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
RANK_MARK = {"preferred": "★", "normal": "·", "deprecated": "✗"}
QUERY_MS = 2000  # default per-request query time limit
MAX_ID = 10**12

Page = Query(
    1, alias="page", ge=1, le=views.MAX_PAGE, description="page number, from 1", examples=[1, 2]
)
PerPage = Query(
    views.PAGE_SIZE, ge=1, le=views.MAX_PER_PAGE, description="items per page", examples=[10]
)
Ref = PathParam(
    max_length=300,
    description="film id, slug (escape-2024), slug--id, or a title alone (escape)",
    examples=["escape-2024", "1", "escape"],
)
IdRef = PathParam(max_length=40, description="numeric id", examples=["1", "2"])
SpanStart = Query(
    None, ge=0, le=2**31, description="start of the span to highlight", examples=[281]
)
SpanEnd = Query(None, ge=0, le=2**31, description="end of the span to highlight", examples=[293])
SearchText = Query(
    "", max_length=200, description="part of a title or a name", examples=["escpe", "Lee"]
)
Question = Query(
    ..., min_length=1, max_length=500, description="a question", examples=["Who directed Escape?"]
)


class ViewCache:
    """Built film views kept until the store changes (a read-only server over a file).

    Before each use, the request's connection reports ``PRAGMA data_version``, which moves
    whenever another connection (an ingest, a merge, a forget) commits: then every view is
    dropped. A view built while the store changed under it is not kept (``epoch``). A
    connection seen for the first time drops the views too (its baseline is unknown).
    """

    def __init__(self, size: int = 512):
        self.size = size
        self._lock = threading.Lock()
        self._items: OrderedDict[tuple, Any] = OrderedDict()
        self._seen: dict[int, int] = {}
        self._epoch = 0

    def epoch(self, kb: FilmKB) -> int:
        version = data_version(kb.conn)
        with self._lock:
            if self._seen.get(id(kb.conn)) != version:
                self._seen[id(kb.conn)] = version
                self._items.clear()
                self._epoch += 1
            return self._epoch

    def get(self, key: tuple, epoch: int) -> Any:
        with self._lock:
            if epoch != self._epoch or key not in self._items:
                return None
            self._items.move_to_end(key)
            return self._items[key]

    def put(self, key: tuple, epoch: int, value: Any) -> None:
        with self._lock:
            if epoch != self._epoch:
                return  # the store changed while this view was built
            self._items[key] = value
            while len(self._items) > self.size:
                self._items.popitem(last=False)


class KBSource:
    """Hands a ``FilmKB`` to each request: one per thread for a file, a shared one otherwise.

    A file is opened read-only (``mode=ro``, no migration); a missing file or one that needs
    a migration is a ``StoreError`` here, before the server starts.
    """

    def __init__(self, kb_or_path: FilmKB | str | Path, query_ms: int = QUERY_MS):
        self._local = threading.local()
        self._lock = threading.Lock()
        self.query_ms = query_ms
        if isinstance(kb_or_path, FilmKB):
            self._shared: FilmKB | None = kb_or_path
            self.path = kb_or_path.db_path
        else:
            self.path = str(kb_or_path)
            self._shared = FilmKB(self.path) if self.path == ":memory:" else None
            if self._shared is None:
                with FilmKB(self.path, read_only=True) as kb:
                    missing = pending_migrations(kb.conn, all_migrations())
                if missing:
                    raise StoreError(
                        "the store needs migrations " + ", ".join(missing) + " (open it once"
                        " with a writing command, e.g. `filmkb ingest`, to apply them)",
                        self.path,
                    )

    @property
    def cacheable(self) -> bool:
        """Views may be cached: the store is a file this server only reads."""
        return self._shared is None

    @contextmanager
    def kb(self, limited: bool = True) -> Iterator[FilmKB]:
        """The request's ``FilmKB``; its queries stop after ``query_ms`` (QueryTimeLimit)."""
        if self._shared is not None:
            with self._lock:
                with self._limit(self._shared, limited):
                    yield self._shared
            return
        kb = getattr(self._local, "kb", None)
        if kb is None:
            kb = FilmKB(self.path, read_only=True)
            self._local.kb = kb
        with self._limit(kb, limited):
            yield kb

    @contextmanager
    def _limit(self, kb: FilmKB, limited: bool) -> Iterator[None]:
        if not limited:
            yield
            return
        deadline = time.monotonic() + self.query_ms / 1000

        def past_deadline() -> int:
            return 1 if time.monotonic() > deadline else 0

        kb.conn.set_progress_handler(past_deadline, 1000)
        try:
            yield
        except sqlite3.OperationalError as err:
            if "interrupt" in str(err):
                raise views.QueryTimeLimit(
                    f"the request took longer than its {self.query_ms} ms limit"
                ) from err
            raise
        finally:
            kb.conn.set_progress_handler(None, 0)


def _responses(model: Any, *statuses: int) -> dict[int | str, Any]:
    """The OpenAPI responses of a JSON route: its model, errors as ``models.Error``."""
    out: dict[int | str, Any] = {200: {"model": model}}
    described = {
        300: "several films match the reference: the candidates",
        307: "the reference names one film by another URL (Location header)",
        404: "no such thing, or a page past the last",
        503: "the request took longer than its query time limit",
    }
    for status in (*statuses, 503):
        out[status] = {"description": described[status]}
        if status != 307:
            out[status]["model"] = models.Error
    return out


class NoSniff:
    """ASGI middleware: ``X-Content-Type-Options: nosniff`` on every response."""

    def __init__(self, app: Any):
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_header(message: Any) -> None:
            if message["type"] == "http.response.start":
                headers = [
                    h
                    for h in message.get("headers", [])
                    if h[0].lower() != b"x-content-type-options"
                ]
                headers.append((b"x-content-type-options", b"nosniff"))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_header)


def create_app(kb_or_db_path: FilmKB | str | Path, query_ms: int = QUERY_MS) -> FastAPI:
    """The web app over a ``FilmKB`` or a database path (read-only)."""
    kbs = KBSource(kb_or_db_path, query_ms)
    asker = _Asker(kbs)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        asker.start()  # the question-answering graph, built while the server starts serving
        yield

    app = FastAPI(
        lifespan=lifespan,
        title="filmkb",
        version=__version__,
        description="Sourced film records: every fact with its sources. Read-only.",
        docs_url=None,
        redoc_url=None,
    )
    app.add_middleware(NoSniff)
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

    views_cache = ViewCache() if kbs.cacheable else None

    def cached(key: tuple, build: Callable[[FilmKB], Any]) -> Any:
        """``build(kb)``, kept in the view cache under ``key`` while the store has not changed."""
        with kbs.kb() as kb:
            if views_cache is None:
                return build(kb)
            epoch = views_cache.epoch(kb)
            value = views_cache.get(key, epoch)
            if value is None:
                value = build(kb)
                views_cache.put(key, epoch, value)
            return value

    def film_data(ref: str, base: str, html: bool = False) -> Any:
        """The film's view (``html``: its rendered page), from the cache while the store has
        not changed (a file only: a shared in-process store changes through its own
        connection, which the cache cannot see)."""

        def build(kb: FilmKB, fid: int) -> Any:
            data = views.film_view(kb, fid, base)
            if not html:
                return data
            twin = data["film"]["url"] + ".json"
            return env.get_template("film.html").render(data=data, page="film.html", twin=twin)

        with kbs.kb() as kb:
            fid = film_id(kb, ref)
            if views_cache is None:
                return build(kb, fid)
            epoch = views_cache.epoch(kb)
            key = ("film.html" if html else "film", fid, base)
            value = views_cache.get(key, epoch)
            if value is None:
                value = build(kb, fid)
                views_cache.put(key, epoch, value)
            return value

    def page(
        name: str, data: dict[str, Any], status: int = 200, twin: str | None = None
    ) -> HTMLResponse:
        html = env.get_template(name).render(data=data, page=name, twin=twin)
        return HTMLResponse(html, status_code=status, headers={"Content-Security-Policy": CSP})

    def film_id(kb: FilmKB, ref: str) -> int:
        return views.resolve_film_ref(kb, ref)

    # --- errors ------------------------------------------------------------------------

    def error(
        request: Request, status: int, message: str, code: str, extra: Any = None, headers=None
    ):
        body: dict[str, Any] = {"error": message, "code": code, "status": status}
        if extra is not None:
            body["films"] = extra
        if request.url.path.endswith((".json", ".jsonld")):
            return JSONResponse(body, status_code=status, headers=headers)
        response = page("error.html", body, status)
        response.headers.update(headers or {})
        return response

    @app.exception_handler(views.Moved)
    def moved(request: Request, exc: views.Moved):
        tail = ".json" if request.url.path.endswith(".json") else ""
        tail = ".jsonld" if request.url.path.endswith(".jsonld") else tail
        if request.url.path.endswith("/reviews.json"):
            tail = "/reviews.json"
        return RedirectResponse(exc.url + tail, status_code=307)

    @app.exception_handler(views.Ambiguous)
    def ambiguous(request: Request, exc: views.Ambiguous):
        return error(request, 300, exc.message, exc.code, exc.films)

    @app.exception_handler(NotFound)
    def not_found(request: Request, exc: NotFound):
        return error(request, 404, exc.message, exc.code)

    @app.exception_handler(views.QueryTimeLimit)
    def too_slow(request: Request, exc: views.QueryTimeLimit):
        return error(request, 503, exc.message, exc.code, headers={"Retry-After": "1"})

    @app.exception_handler(FilmKBError)
    def filmkb_error(request: Request, exc: FilmKBError):
        return error(request, 400, exc.message, exc.code)

    @app.exception_handler(StarletteHTTPException)
    def http_error(request: Request, exc: StarletteHTTPException):
        message = "not found" if exc.status_code == 404 else str(exc.detail)
        headers = dict(exc.headers or {})  # the Allow header of a 405
        return error(request, exc.status_code, message, f"HTTP{exc.status_code}", None, headers)

    # --- JSON API (documented) ---------------------------------------------------------

    @app.get("/healthz", tags=["meta"], response_model=models.Health)
    def healthz() -> dict[str, bool]:
        """Static answer, no database: the latency baseline."""
        return {"ok": True}

    @app.get("/.json", include_in_schema=False)
    @app.get("/films.json", tags=["films"], responses=_responses(models.FilmsPage, 404))
    def films_json(page_no: int = Page, per_page: int = PerPage) -> Response:
        """Films, a page at a time (``per_page`` ≤ 200): id, title, year, slug, url."""
        return as_json(read(lambda kb: views.home_view(kb, page_no, per_page, "/films.json")))

    @app.get("/search.json", tags=["search"], responses=_responses(models.SearchPage))
    def search_json(q: str = SearchText) -> Response:
        """Films, people and characters by name: any stored spelling, part of a name
        ("godfather", "Spielberg") or a typo ("escpe"); at most 20 of each, best first."""
        return as_json(read(lambda kb: views.search_view(kb, q)))

    @app.get(
        "/films/{ref}.json", tags=["films"], responses=_responses(models.FilmPage, 300, 307, 404)
    )
    def film_json(request: Request, ref: str = Ref) -> Response:
        """A film: every fact with rank and sources, reviews, aggregate, JSON-LD.
        A title without year (``escape``) redirects to the one film so titled, or lists them."""
        return as_json(film_data(ref, str(request.base_url)))

    @app.get(
        "/films/{ref}.jsonld",
        tags=["films"],
        response_class=Response,
        responses={
            **_responses(models.FilmPage, 300, 307, 404),
            200: {
                "description": "schema.org Movie",
                "content": {"application/ld+json": {"schema": {"type": "object"}}},
            },
        },
    )
    def film_jsonld(request: Request, ref: str = Ref) -> Response:
        """The film as schema.org ``Movie`` JSON-LD."""
        data = film_data(ref, str(request.base_url))["jsonld"]
        text = json.dumps(data, ensure_ascii=False, indent=1)
        return Response(text, media_type="application/ld+json")

    @app.get(
        "/films/{ref}/reviews.json",
        tags=["reviews"],
        responses=_responses(models.ReviewsPage, 300, 307, 404),
    )
    def reviews_json(ref: str = Ref) -> Response:
        """The film's reviews (verdict, normalised score, source) and the critics' aggregate."""
        return as_json(read(lambda kb: views.reviews_view(kb, film_id(kb, ref))))

    @app.get("/people.json", tags=["people"], responses=_responses(models.PeoplePage, 404))
    def people_json(page_no: int = Page, per_page: int = PerPage) -> Response:
        """People, a page at a time: id, display name, url."""
        return as_json(read(lambda kb: views.people_view(kb, page_no, per_page, "/people.json")))

    @app.get("/people/{ref}.json", tags=["people"], responses=_responses(models.PersonPage, 404))
    def person_json(ref: str = IdRef, page_no: int = Page, per_page: int = PerPage) -> Response:
        """A person: the name shown and why, name variants (and why they are one person),
        a page of the filmography (newest first) with merged character names."""
        person_id = _int_id(ref, "person")
        base = f"/people/{person_id}.json"
        return as_json(
            cached(
                ("person", person_id, page_no, per_page, base),
                lambda kb: views.person_view(kb, person_id, page_no, per_page, base),
            )
        )

    @app.get(
        "/characters/{ref}.json", tags=["people"], responses=_responses(models.CharacterPage, 404)
    )
    def character_json(ref: str = IdRef) -> Response:
        """A character: its names (aliases), the film and the actors."""
        return as_json(read(lambda kb: views.character_view(kb, _int_id(ref, "character"))))

    @app.get("/sources.json", tags=["sources"], responses=_responses(models.SourcesPage, 404))
    def sources_json(page_no: int = Page, per_page: int = PerPage) -> Response:
        """The stored documents (sources), a page at a time: id, source, kind, sha256."""
        return as_json(read(lambda kb: views.sources_view(kb, page_no, per_page, "/sources.json")))

    @app.get("/sources/{ref}.json", tags=["sources"], responses=_responses(models.SourcePage, 404))
    def source_json(ref: str = IdRef, start: int | None = SpanStart, end: int | None = SpanEnd):
        """A document: its text (a window of 100,000 characters, around the highlighted span
        when one is given), its claims and the text cut into marked segments."""
        return as_json(read(lambda kb: views.source_view(kb, _int_id(ref, "document"), start, end)))

    @app.get(
        "/ask.json",
        tags=["ask"],
        responses={**_responses(models.AskPage), 501: {"model": models.Error}},
    )
    def ask_json(q: str = Question) -> Response:
        """A question in words, answered from the stored facts with the facts behind it."""
        answer = asker.ask(q)
        if answer is None:
            return JSONResponse(
                {"error": "question answering is not available", "code": "E303", "status": 501},
                status_code=501,
            )
        return as_json({"q": q, "answer": answer})

    # --- HTML pages (same dicts) -------------------------------------------------------

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    @app.get("/films", response_class=HTMLResponse, include_in_schema=False)
    def home(page_no: int = Page, per_page: int = PerPage) -> HTMLResponse:
        data = read(lambda kb: views.home_view(kb, page_no, per_page, "/"))
        return page("home.html", data, twin=_twin("/films.json", page_no, per_page))

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search(q: str = Query("", max_length=200)) -> HTMLResponse:
        data = read(lambda kb: views.search_view(kb, q))
        return page("search.html", data, twin=f"/search.json?q={quote(q)}")

    @app.get("/ask", response_class=HTMLResponse, include_in_schema=False)
    def ask(q: str = Query("", max_length=500)) -> HTMLResponse:
        q = q.strip()
        answer = asker.ask(q) if q else None
        data = {"q": q, "answer": answer, "available": asker.available()}
        return page("ask.html", data, twin=f"/ask.json?q={quote(q)}" if q else None)

    @app.get("/films/{ref}", response_class=HTMLResponse, include_in_schema=False)
    def film(request: Request, ref: str = Ref) -> HTMLResponse:
        text = film_data(ref, str(request.base_url), html=True)
        return HTMLResponse(text, headers={"Content-Security-Policy": CSP})

    @app.get("/people", response_class=HTMLResponse, include_in_schema=False)
    def people(page_no: int = Page, per_page: int = PerPage) -> HTMLResponse:
        data = read(lambda kb: views.people_view(kb, page_no, per_page, "/people"))
        return page("people.html", data, twin=_twin("/people.json", page_no, per_page))

    @app.get("/people/{ref}", response_class=HTMLResponse, include_in_schema=False)
    def person(ref: str = IdRef, page_no: int = Page, per_page: int = PerPage) -> HTMLResponse:
        person_id = _int_id(ref, "person")

        def render(kb: FilmKB) -> str:
            data = views.person_view(kb, person_id, page_no, per_page)
            twin = _twin(data["person"]["url"] + ".json", page_no, per_page)
            return env.get_template("person.html").render(data=data, page="person.html", twin=twin)

        text = cached(("person.html", person_id, page_no, per_page), render)
        return HTMLResponse(text, headers={"Content-Security-Policy": CSP})

    @app.get("/sources", response_class=HTMLResponse, include_in_schema=False)
    def sources(page_no: int = Page, per_page: int = PerPage) -> HTMLResponse:
        data = read(lambda kb: views.sources_view(kb, page_no, per_page, "/sources"))
        return page("sources.html", data, twin=_twin("/sources.json", page_no, per_page))

    @app.get("/sources/{ref}", response_class=HTMLResponse, include_in_schema=False)
    def source(
        ref: str = IdRef, start: int | None = SpanStart, end: int | None = SpanEnd
    ) -> HTMLResponse:
        data = read(lambda kb: views.source_view(kb, _int_id(ref, "document"), start, end))
        return page("source.html", data, twin=data["document"]["url"] + ".json")

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def docs() -> HTMLResponse:
        return page("docs.html", apidocs.operations(app.openapi()), twin="/openapi.json")

    return app


class _Asker:
    """One ``filmkb.ask.Ask`` per app; questions are answered one at a time.

    Over a file its graph is built on a read-only connection of its own, in a background
    thread started with the server (a large store takes seconds); a question asked before
    it is ready waits up to ``WARMUP_WAIT`` seconds, then gets a 503 (retry later). Over a
    shared ``FilmKB`` it is built on the first question.
    """

    WARMUP_WAIT = 5.0

    def __init__(self, kbs: KBSource):
        self.kbs = kbs
        self.lock = threading.Lock()
        self.asker: Any = None
        self.kb: FilmKB | None = None
        self.ready = threading.Event()
        self.started = False
        self.failed: str | None = None

    def available(self) -> bool:
        try:
            import filmkb.ask  # noqa: F401
        except ImportError:
            return False
        return True

    def start(self) -> None:
        """Build the graph in the background (file stores only; idempotent)."""
        with self.lock:
            if self.started or self.kbs._shared is not None or not self.available():
                return
            self.started = True
        threading.Thread(target=self._build, name="filmkb-ask-graph", daemon=True).start()

    def _build(self) -> None:
        from filmkb.ask import Ask

        try:
            self.kb = FilmKB(self.kbs.path, read_only=True)
            self.asker = Ask(self.kb)
        except Exception as err:  # reported on every question, not lost in a thread
            self.failed = f"{type(err).__name__}: {err}"
        self.ready.set()

    def ask(self, question: str) -> Any:
        """The answer as plain data, or None when ``filmkb.ask`` is not there."""
        try:
            from filmkb.ask import Ask
        except ImportError:
            return None
        if self.kbs._shared is not None:
            with self.lock:
                if self.asker is None:
                    with self.kbs.kb(limited=False) as kb:
                        self.asker = Ask(kb)
                with self.kbs.kb():
                    return _plain(self.asker.ask(question))
        self.start()
        if not self.ready.wait(self.WARMUP_WAIT):
            raise views.QueryTimeLimit("question answering is still loading its graph: retry")
        if self.failed or self.kb is None:
            raise FilmKBError(f"question answering failed to load ({self.failed})")
        with self.lock, self.kbs._limit(self.kb, True):
            return _plain(self.asker.ask(question))


def _twin(base: str, page_no: int, per_page: int) -> str:
    size = "" if per_page == views.PAGE_SIZE else f"&per_page={per_page}"
    return f"{base}?page={page_no}{size}"


def as_json(data: Any) -> Response:
    """The page's dict as JSON, dumped directly (``models`` declares it; tests check it)."""
    return Response(json.dumps(data, ensure_ascii=False), media_type="application/json")


def _int_id(ref: str, what: str) -> int:
    if not ref.isascii() or not ref.isdigit() or len(ref) > 12:
        raise NotFound(f"no {what} {ref!r}")
    return int(ref)


def _plain(value: Any) -> Any:
    import dataclasses

    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    if hasattr(value, "model_dump"):
        return value.model_dump()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value
