"""Spec, in a real browser: the Escape page served by uvicorn shows cast, characters, releases
and reviews; a fact opens its source at the quoted span; a hostile page runs nothing; search
finds a surname and a character and leads to a person page; ``/docs`` lists the operations
with no network; at 390 px wide the Escape page does not overflow.

Debian's ``chromium`` driven by ``playwright`` (never a downloaded browser). Skipped when
either is missing. Screenshots go to ``screenshots/`` (git-ignored), or to
``$FILMKB_SCREENSHOTS`` when set.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from filmkb import FilmKB
from test_web_kit import EXAMPLES, made_page

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox", "--disable-background-networking", "--disable-gpu",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip
SCREENSHOTS = Path(
    os.environ.get("FILMKB_SCREENSHOTS", Path(__file__).resolve().parents[1] / "screenshots")
)
HOSTILE = 'Trap <script>window.pwned = 1; alert("pwned")</script>'

pytestmark = pytest.mark.browser


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory: Any) -> Iterator[str]:
    uvicorn = pytest.importorskip("uvicorn")
    from filmkb.serve.web import create_app

    db = tmp_path_factory.mktemp("browser") / "kb.db"
    with FilmKB(db) as kb:
        assert kb.ingest([EXAMPLES]).ok
        text = f"{HOSTILE} (2021) directed by <img src=x onerror=alert(1)>"
        kb.ingest_extraction(made_page("javascript:alert(2)", text, "blog", title=HOSTILE,
                                       year=2021, directors=["<img src=x onerror=alert(1)>"]))  # fmt: skip
        jaws = "Jaws (1975) is directed by Steven Spielberg. Roy Scheider is Chief Brody."
        kb.ingest_extraction(made_page("jaws.txt", jaws, "listing", title="Jaws", year=1975,
                                       directors=["Steven Spielberg"],
                                       cast=[("Roy Scheider", "Chief Brody")]))  # fmt: skip
    port = free_port()
    config = uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not shutil.which(CHROMIUM):
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


def test_escape_page_in_a_browser(server: str, browser: Any) -> None:
    from playwright.sync_api import expect

    dialogs: list[str] = []
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(f"{server}/", wait_until="load")
    page.get_by_role("link", name="Escape", exact=True).click()
    expect(page).to_have_url(f"{server}/films/escape-2024")
    expect(page.locator("h1")).to_contain_text("Escape")
    expect(page.locator(".subtitle")).to_contain_text("탈주")

    lee = page.locator("table.cast tr.credit").filter(has_text="Lee Je-hoon")
    expect(lee).to_be_visible()
    expect(lee.locator("td.character")).to_contain_text("Lim Kyu-nam")
    expect(lee.locator("td.character .aliases")).to_contain_text("Gyu Nam")
    expect(page.locator("table.cast tr.credit")).to_have_count(36)

    sg = page.locator("table.releases tr.release").filter(has_text="Golden Village Pictures")
    expect(sg).to_be_visible()
    expect(sg.locator("td.territory")).to_contain_text("SG")
    expect(sg.locator("td.territory .inferred")).to_be_visible()
    expect(sg.locator("td.certification")).to_have_text("NC16")

    reviews = page.locator("#reviews")
    expect(reviews.locator("li.review")).to_have_count(3)
    expect(reviews).to_contain_text("MovieGuys")
    expect(reviews).to_contain_text("John Li")
    expect(reviews.locator(".aggregate")).to_contain_text("3 reviews")

    ld = json.loads(page.locator('script[type="application/ld+json"]').text_content() or "{}")
    assert ld["@type"] == "Movie" and ld["duration"] == "PT1H34M"

    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "escape-2024.png"), full_page=True)

    # follow a fact to its source: the director, stated by 5 pages
    director = page.locator("#facts .statement").filter(has_text="Lee Jong-pil")
    sources = director.locator("details.sources")
    expect(sources.locator("summary")).to_have_text("5 sources")
    link = sources.locator("a.source-link").first
    expect(link).to_be_hidden()
    sources.locator("summary").click()
    expect(link).to_be_visible()
    quote = sources.locator("li q").first.text_content()
    link.click()
    expect(page).to_have_url(re.compile(r"/sources/\d+\?start=\d+&end=\d+#hl$"))
    mark = page.locator("mark#hl")
    expect(mark).to_be_visible()
    expect(mark).to_have_text(quote or "?")
    expect(page.get_by_role("link", name="Escape").first).to_be_visible()
    page.screenshot(path=str(SCREENSHOTS / "escape-2024-source.png"))
    assert not dialogs
    page.close()


def test_a_hostile_page_runs_nothing(server: str, browser: Any) -> None:
    dialogs: list[str] = []
    page = browser.new_page()
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(f"{server}/search?q=trap", wait_until="load")
    page.locator("ul.films a").first.click()
    page.wait_for_load_state("load")
    assert "<script>" in (page.locator("h1").text_content() or "")  # shown as text
    page.locator("#documents a").first.click()
    page.wait_for_load_state("load")
    assert "onerror" in (page.locator("pre.document").text_content() or "")
    assert page.locator("img").count() == 0
    assert page.evaluate("typeof window.pwned") == "undefined"
    assert not dialogs
    page.close()


def test_search_a_surname_and_a_character_then_open_the_person(server: str, browser: Any) -> None:
    from playwright.sync_api import expect

    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{server}/", wait_until="load")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "home.png"), full_page=True)
    page.get_by_label("Search").fill("spielberg")
    page.get_by_label("Search").press("Enter")
    expect(page).to_have_url(re.compile(r"/search\?q=spielberg$"))
    page.locator("ul.people").get_by_role("link", name="Steven Spielberg").click()
    expect(page.locator("h1")).to_have_text("Steven Spielberg")
    expect(page.locator("ul.filmography")).to_contain_text("Jaws")

    page.get_by_label("Search").fill("Gyu Nam")  # one page's spelling of Lim Kyu-nam
    page.get_by_label("Search").press("Enter")
    character = page.locator("ul.characters li").filter(has_text="Lim Kyu-nam")
    expect(character).to_contain_text("Escape")
    character.get_by_role("link", name="Lee Je-hoon").click()
    expect(page.locator("h1")).to_have_text("Lee Je-hoon")
    escape = page.locator("ul.filmography li").filter(has_text="Escape")
    expect(escape.locator(".character")).to_have_text("Lim Kyu-nam")
    expect(page.locator(".name-reason")).to_contain_text("documents")
    expect(page.locator("table.variants")).not_to_contain_text("new person")
    page.screenshot(path=str(SCREENSHOTS / "person.png"), full_page=True)
    page.close()


def test_the_api_docs_list_the_operations_offline(server: str, browser: Any) -> None:
    from playwright.sync_api import expect

    outside: list[str] = []
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()

    def only_local(route: Any) -> None:
        if route.request.url.startswith(server):
            route.continue_()
        else:  # a CDN: offline, nothing answers
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", only_local)
    page.goto(f"{server}/docs", wait_until="load")
    schema = page.request.get(f"{server}/openapi.json").json()
    operations = [(m.upper(), p) for p, ms in schema["paths"].items() for m in ms]
    assert len(operations) >= 12
    expect(page.locator("section.operation")).to_have_count(len(operations))
    for method, path in operations:
        op = page.locator("section.operation h2").filter(has_text=path).first
        expect(op).to_be_visible()
        expect(op.locator(".method")).to_have_text(method)
    page.screenshot(path=str(SCREENSHOTS / "docs.png"), full_page=False)
    page.get_by_role("link", name="GET /search.json").click()
    expect(page.locator("section.operation:target")).to_contain_text("typo")
    assert outside == []
    context.close()


def test_the_escape_page_fits_a_390_px_phone(server: str, browser: Any) -> None:
    from playwright.sync_api import expect

    page = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2)
    page.goto(f"{server}/films/escape-2024", wait_until="load")
    expect(page.locator(".verdict-line")).to_contain_text("3 reviews")
    widths = page.evaluate(
        "({doc: document.documentElement.scrollWidth, body: document.body.scrollWidth,"
        " view: window.innerWidth})"
    )
    assert widths["doc"] <= widths["view"] and widths["body"] <= widths["view"], widths
    releases = page.locator("#releases .scroll")
    box = releases.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert page.evaluate(  # the table scrolls inside its box, the page does not
        "(() => { const s = document.querySelector('#releases .scroll');"
        " return s.scrollWidth > s.clientWidth; })()"
    )
    page.screenshot(path=str(SCREENSHOTS / "escape-2024-390px.png"), full_page=False)
    wide = browser.new_page(viewport={"width": 1280, "height": 900})
    wide.goto(f"{server}/films/escape-2024", wait_until="load")
    wide.screenshot(path=str(SCREENSHOTS / "film.png"), full_page=False)
    wide.close()
    page.close()
