"""Spec: the web pages a new user expects (issue 12) — film references without a year, an
``/ask`` page, people pages, merged character names and reasons in words, the critics'
verdict by the title, tables that scroll on a phone, API docs that load offline."""

from __future__ import annotations

import re
from typing import Any

import pytest

from filmkb import FilmKB
from test_web_kit import EXAMPLES, client, made_page, reviewed_film


@pytest.fixture(scope="module")
def web() -> Any:
    kb = FilmKB(":memory:")
    kb.ingest([EXAMPLES])
    reviewed_film(kb)
    return client(kb)


# --- film references ---------------------------------------------------------------------------


def test_a_title_without_year_redirects_to_the_one_film(web: Any) -> None:
    for ref, target in (("escape", "/films/escape-2024"), ("Escape", "/films/escape-2024")):
        response = web.get(f"/films/{ref}", follow_redirects=False)
        assert response.status_code == 307 and response.headers["location"] == target
    response = web.get("/films/escape.json", follow_redirects=False)
    assert response.headers["location"] == "/films/escape-2024.json"
    moved = web.get("/films/escape/reviews.json", follow_redirects=False)
    assert moved.headers["location"] == "/films/escape-2024/reviews.json"
    assert web.get("/films/escape").status_code == 200  # followed


def test_a_title_naming_several_films_lists_them() -> None:
    kb = FilmKB(":memory:")
    for year, director in ((1999, "Ann Older"), (2022, "Bo Newer")):
        text = f"Hunt ({year}) directed by {director}."
        kb.ingest_extraction(made_page(f"hunt{year}.txt", text, "listing", title="Hunt",
                                       year=year, directors=[director]))  # fmt: skip
    web = client(kb)
    response = web.get("/films/hunt.json")
    assert response.status_code == 300
    assert sorted(f["url"] for f in response.json()["films"]) == [
        "/films/hunt-1999",
        "/films/hunt-2022",
    ]
    html = web.get("/films/hunt").text
    assert 'href="/films/hunt-1999"' in html and 'href="/films/hunt-2022"' in html
    assert web.get("/films/hunt-2022.json").status_code == 200
    assert web.get("/films/hunting").status_code == 404


# --- people --------------------------------------------------------------------------------------


def lee(web: Any) -> dict:
    (person,) = [
        p for p in web.get("/search.json", params={"q": "Lee Je-hoon"}).json()["people"]
        if p["name"] == "Lee Je-hoon"
    ]  # fmt: skip
    return web.get(person["url"] + ".json").json()


def test_the_person_page_shows_the_merged_character_name(web: Any) -> None:
    data = lee(web)
    (escape,) = [f for f in data["filmography"] if f["title"] == "Escape"]
    film = web.get("/films/escape-2024.json").json()
    (credit,) = [c for c in film["record"]["cast"] if c["actor"] == "Lee Je-hoon"]
    assert escape["roles"] == [{"role": "actor", "characters": [credit["character"]]}]
    html = web.get(data["person"]["url"]).text
    filmography = html[html.index("Filmography") : html.index("<h2>Names")]
    assert f'as <span class="character">{credit["character"]}</span>' in filmography
    raw = [a for a in credit["aliases"] if a not in credit["character"]]
    assert raw  # "Gyu Nam": one page's spelling, not the role's name
    for spelling in raw:
        assert spelling not in filmography


def test_the_person_page_says_why_in_words(web: Any) -> None:
    data = lee(web)
    person = data["person"]
    assert person["variants"][0]["name"] == person["name"] == "Lee Je-hoon"
    reason = person["name_reason"]
    assert "new person" not in reason and re.search(r"\d+ of \d+ documents", reason)
    whys = [w for v in person["variants"] for w in v["why"]]
    assert whys and not any(
        token in w for w in whys for token in ("new person", "case-space-hyphen", "romanization:")
    )
    html = web.get(person["url"]).text
    assert f"Shown as “{person['name']}”: {reason}" in html.replace("&#34;", '"')
    assert "case-space-hyphen" not in html and "new person" not in html


@pytest.mark.parametrize(
    ("rule", "words"),
    [("case-space-hyphen; shared film 'Escape'",
      "the same name apart from capitals, spaces or hyphens; both are credited on the film 'Escape'"),
     ("romanization:k/g+surname-variant:Lee/Ri",
      "the same Korean name in another romanization (k/g); another spelling of the surname (Lee/Ri)"),
     ("new person", "the first spelling stored for this person"),
     ("user merge A = B", "merged by hand (A = B)"),
     ("some-future-rule", "some-future-rule")],
)  # fmt: skip
def test_rules_read_as_words(rule: str, words: str) -> None:
    from filmkb.serve.web.views import rule_words

    assert rule_words(rule) == words


def test_people_have_a_paged_index(web: Any) -> None:
    data = web.get("/people.json", params={"per_page": 5}).json()
    assert (
        data["count"] >= 30 and len(data["people"]) == 5 and data["next"].startswith("/people.json")
    )
    html = web.get("/people").text
    for p in web.get("/people.json").json()["people"][:10]:
        assert f'href="{p["url"]}"' in html
    assert 'href="/people"' in web.get("/").text  # in the navigation


# --- film page layout ----------------------------------------------------------------------------


def test_the_critics_verdict_sits_next_to_the_title(web: Any) -> None:
    html = web.get("/films/hunt-2022").text
    title, verdict, facts = (
        html.index("<h1>"),
        html.index('class="verdict-line"'),
        html.index('id="facts"'),
    )
    assert title < verdict < facts
    line = html[verdict : html.index("</p>", verdict)]
    assert "verdict-positive" in line and "5 reviews" in line and "mean score 70/100" in line
    no_reviews = web.get("/films/the-sound-of-a-flower").text
    assert "verdict-line" not in no_reviews


def test_wide_tables_scroll_inside_their_box(web: Any) -> None:
    html = web.get("/films/escape-2024").text
    for table in ("releases", "cast"):
        assert re.search(rf'<div class="scroll">\s*<table class="{table}">', html), table
    css = web.get("/static/style.css").text
    assert re.search(r"\.scroll \{[^}]*overflow-x: auto", css)


# --- /ask ----------------------------------------------------------------------------------------


def test_the_ask_page_has_a_form_and_shows_answers_with_their_facts(web: Any) -> None:
    empty = web.get("/ask").text
    assert '<form class="ask" action="/ask" method="get">' in empty and 'name="q"' in empty
    response = web.get("/ask", params={"q": "Who directed Escape?"})
    assert response.status_code == 200
    html = response.text
    data = web.get("/ask.json", params={"q": "Who directed Escape?"}).json()
    names = [a["name"] for a in data["answer"]["answers"]]
    assert "Lee Jong-pil" in names
    for name in names:
        assert f"<strong>{name}</strong>" in html
    assert "<q>" in html  # the quoted evidence
    assert 'href="/ask.json?q=Who%20directed%20Escape%3F"' in html  # the JSON twin
    odd = web.get("/ask", params={"q": "<script>alert(1)</script>"}).text
    assert "<script>alert" not in odd


# --- /docs offline -------------------------------------------------------------------------------


def test_the_api_docs_are_one_page_with_no_outside_resource(web: Any) -> None:
    response = web.get("/docs")
    assert response.status_code == 200
    html = response.text
    assert "script-src 'none'" in response.headers["content-security-policy"]
    assert not re.search(r'(?:src|href)="(?:https?:)?//', html)  # nothing from a CDN
    assert "<script" not in html
    schema = web.get("/openapi.json").json()
    for path, methods in schema["paths"].items():
        for method in methods:
            assert (
                f'<span class="method">{method.upper()}</span> <code class="path">{path}</code>'
                in html
            )
    for name in ("FilmPage", "SearchPage", "Error", "SourceRef"):
        assert f'id="schema-{name}"' in html
    assert "≤ 200" in html  # the per_page limit is shown
    assert web.get("/redoc").status_code == 404
