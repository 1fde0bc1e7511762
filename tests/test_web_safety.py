"""Spec: everything from pages is escaped; ids cannot reach the file system."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from filmkb import FilmKB
from test_web_kit import client, made_page

EVIL = '<script>alert("x")</script>'
EVIL_TEXT = f"""Bad Film {EVIL} (2021)
Directed by <img src=x onerror=alert(1)>
Cast: Kim </script><script>alert(2)</script> as javascript:alert(3)
Release: 2021-05-01 by Dist <b onmouseover=alert(4)>
Review by Nasty &amp; </script>
"""
EVIL_HTML = """<html><head><title>Evil Film (2021)</title><script>alert("head")</script></head>
<body><h1>Evil Film (2021)</h1>
<p>Directed by <a href="javascript:alert('dir')">Park Chan-wook</a>.</p>
<p>Starring <a href="javascript:alert(1)">Song Kang-ho</a> as &lt;script&gt;alert(5)&lt;/script&gt;
and Lee Byung-hun as "<img src=x onerror=alert(6)>".</p>
<p>Runtime: 101 minutes. Genre: thriller.</p>
<script>document.write('<a href="javascript:alert(7)">x</a>')</script>
</body></html>
"""


@pytest.fixture(scope="module")
def evil(tmp_path_factory: Any) -> Any:
    kb = FilmKB(":memory:")
    page = made_page(
        "javascript:alert(9)",
        EVIL_TEXT,
        "review",
        title=f"Bad Film {EVIL}",
        year=2021,
        directors=["<img src=x onerror=alert(1)>"],
        cast=[("Kim </script><script>alert(2)</script>", "javascript:alert(3)")],
        releases=[
            {
                "territory": "KR",
                "date": "2021-05-01",
                "distributor": "Dist <b onmouseover=alert(4)>",
            }
        ],  # fmt: skip
        review={"author": "Nasty &amp; </script>", "verdict": "<script>", "score": EVIL},
    )
    kb.ingest_extraction(page)
    folder: Path = tmp_path_factory.mktemp("evil")
    (folder / "evil.html").write_text(EVIL_HTML)
    kb.ingest([folder])
    return client(kb)


def pages(web: Any) -> list[str]:
    paths = ["/", "/sources", "/search?q=%3Cscript%3Ealert(1)%3C/script%3E", "/search?q=kim"]
    paths += [f["url"] for f in web.get("/.json").json()["films"]]
    paths += [s["url"] for s in web.get("/sources.json").json()["sources"]]
    for film in web.get("/.json").json()["films"]:
        record = web.get(film["url"] + ".json").json()["record"]
        paths += [c["url"] for c in record["cast"] + record["directors"] if c.get("url")]
        paths += [s["url"].split("#")[0] for c in record["cast"] for s in c["sources"]]
    return paths


def test_the_malicious_film_is_there_to_be_rendered(evil: Any) -> None:
    titles = [f["title"] for f in evil.get("/.json").json()["films"]]
    assert f"Bad Film {EVIL}" in titles
    assert len(pages(evil)) >= 8


class Tags(HTMLParser):
    """Every element and attribute the browser would see."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


OUR_TAGS = {
    "html", "head", "meta", "title", "link", "body", "header", "a", "form", "input", "button",
    "nav", "main", "footer", "h1", "h2", "p", "span", "ul", "li", "table", "thead", "tbody",
    "tr", "th", "td", "dl", "dt", "dd", "div", "details", "summary", "q", "em", "strong",
    "pre", "mark", "section", "article", "code", "script",
}  # fmt: skip


def test_no_page_contains_markup_or_script_from_the_pages(evil: Any) -> None:
    for path in pages(evil):
        response = evil.get(path)
        assert response.status_code == 200, path
        parser = Tags()
        parser.feed(response.text)
        for tag, attrs in parser.tags:
            assert tag in OUR_TAGS, (path, tag)
            if tag == "script":
                assert attrs == {"type": "application/ld+json"}, path
            assert not [a for a in attrs if a.startswith("on")], (path, tag, attrs)
            for name in ("href", "src", "action"):
                value = (attrs.get(name) or "").strip().lower()
                assert not value.startswith(("javascript:", "data:", "vbscript:")), (path, value)
        assert "script-src 'none'" in response.headers["content-security-policy"]


def test_the_escaped_text_is_still_shown(evil: Any) -> None:
    film = next(f for f in evil.get("/.json").json()["films"] if "Bad Film" in f["title"])
    html = evil.get(film["url"]).text
    assert "Bad Film &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    assert "javascript:alert(3)" in html  # as text (a character name), never as a link


def test_json_ld_cannot_break_out_of_its_script_element(evil: Any) -> None:
    film = next(f for f in evil.get("/.json").json()["films"] if "Bad Film" in f["title"])
    html = evil.get(film["url"]).text
    (body,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert "<" not in body and ">" not in body
    import json

    data = json.loads(body)
    assert data["name"] == f"Bad Film {EVIL}"
    assert data["actor"][0]["actor"]["name"] == "Kim </script><script>alert(2)</script>"


def test_a_non_web_source_is_never_a_link(evil: Any) -> None:
    sources = evil.get("/sources.json").json()["sources"]
    (bad,) = [s for s in sources if s["source"].startswith("javascript:")]
    data = evil.get(bad["url"] + ".json").json()
    assert data["document"]["external_url"] is None


@pytest.mark.parametrize(
    "path",
    ["/sources/..%2F..%2F..%2Fetc%2Fpasswd", "/sources/../../etc/passwd", "/sources/1%2F..",
     "/static/..%2F..%2F..%2Fpyproject.toml", "/static/../app.py", "/films/..%2F..%2Fetc",
     "/people/-1", "/sources/1e3", "/films/%00", "/people/99999999999999999999"],
)  # fmt: skip
def test_ids_cannot_traverse_paths(evil: Any, path: str) -> None:
    response = evil.get(path)
    assert response.status_code == 404, path
    assert "root:" not in response.text and "[project]" not in response.text
