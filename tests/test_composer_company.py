"""Spec: composers and production companies, two fact types added through the registry —
read from label lines, credit blocks, prose and JSON-LD; stored; shown; exported; asked."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from filmkb import FilmKB
from filmkb.ask import Ask
from filmkb.serve.cli import app

from test_extract_specs import extract, main_film  # isort: skip
from test_web_kit import client  # isort: skip

LABELS = """Night Train (2023)

Director: Park Min-ho
Music: Kim Tae-seong
Production companies: Zip Cinema, Finecut Co., Ltd. and CJ ENM
Runtime: 112 min
"""

CREDIT_BLOCK = """Winter Sea

Director
Jane Ocampo
Sound Design
Lee Seung-yeop
Music
Park In-young
Production Company
Kim Ki-duk Film
Cast
Maria Santos, Lena Cruz
"""

PROSE = """Night Train is a 2023 Korean thriller directed by Park Min-ho.
The music by Kim Tae-seong is haunting, and the production company Hive Media Corp announced
a sequel yesterday. Night Train was produced by Lotte Entertainment Pictures.
"""

JSONLD_PAGE = """<html><head><title>Night Train (2023)</title>
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "Movie",
 "name": "Night Train", "director": {"@type": "Person", "name": "Park Min-ho"},
 "musicBy": {"@type": "Person", "name": "Kim Tae-seong"},
 "productionCompany": [{"@type": "Organization", "name": "Zip Cinema"},
                       {"@type": "Organization", "name": "CJ ENM"}]}</script></head>
<body><article><h1>Night Train (2023)</h1>
<p>Night Train is a 2023 thriller directed by Park Min-ho about a conductor on the last train
of the night, her rival and a passenger who never gets off.</p></article></body></html>
"""


def composers(film: dict) -> list[str]:
    return film["composers"]


def companies(film: dict) -> list[str]:
    return film["production_companies"]


def test_label_lines_name_composer_and_companies_each_with_its_span() -> None:
    film = main_film(LABELS)
    assert composers(film) == ["Kim Tae-seong"]
    assert companies(film) == ["Zip Cinema", "Finecut Co., Ltd.", "CJ ENM"]
    for key, values in (("composers", composers(film)), ("production_companies", companies(film))):
        for value, ev in zip(values, film["evidence"][key], strict=True):
            assert LABELS[ev["start"] : ev["end"]] == value
            assert ev["extractor"].startswith("fields.label@")


@pytest.mark.parametrize(
    ("line", "composer"),
    [
        ("Music by: Kim Tae-seong", "Kim Tae-seong"),
        ("Composer: Jang Young-gyu", "Jang Young-gyu"),
        ("Original Score: Mowg", "Mowg"),
        ("Music: Excellent", None),  # "music" also labels a rating: a full name is needed
        ("Music: 4/5", None),
    ],
)
def test_composer_label_words(line: str, composer: str | None) -> None:
    film = main_film(f"Night Train (2023)\n\nDirector: Park Min-ho\n{line}\n")
    assert composers(film) == ([composer] if composer else [])


@pytest.mark.parametrize(
    ("line", "company"),
    [
        ("Production company: Moonwatcher", "Moonwatcher"),
        ("Studio: Warner Brothers Pictures", "Warner Brothers Pictures"),
        ("Production: Zip Cinema", "Zip Cinema"),
        ("Produced by: Universal Pictures", "Universal Pictures"),
        ("Produced by: Kevin Feige", None),  # a producer, not a company
        ("Production: 2019", None),
        ("Production company: N/A", None),
    ],
)
def test_company_label_words(line: str, company: str | None) -> None:
    film = main_film(f"Night Train (2023)\n\nDirector: Park Min-ho\n{line}\n")
    assert companies(film) == ([company] if company else [])


def test_a_credit_block_gives_values_under_label_headings() -> None:
    film = main_film(CREDIT_BLOCK)
    assert film["directors"] == ["Jane Ocampo"]  # "Sound Design" is the next label, no name
    assert composers(film) == ["Park In-young"]
    assert companies(film) == ["Kim Ki-duk Film"]


def test_a_menu_word_alone_is_not_a_credit() -> None:
    page = "Night Train (2023)\n\nMusic\nTaylor Swift\n\nNight Train is a thriller by Park Min-ho."
    assert composers(main_film(page)) == []


def test_prose_cues_name_composer_and_companies() -> None:
    film = main_film(PROSE)
    assert composers(film) == ["Kim Tae-seong"]
    assert companies(film) == ["Hive Media Corp", "Lotte Entertainment Pictures"]
    [ev] = film["evidence"]["composers"]
    assert ev["extractor"].startswith("cues.prose@")


@pytest.mark.parametrize(
    "sentence",
    [
        "Night Train was produced by Kevin Feige and Amy Pascal.",  # people
        "Rotten Tomatoes' score of 90% says it all.",  # a rating
        "The production company behind it is small.",
        "Bong Joon-ho's score: 4/5.",
        "It has a score from Rotten Tomatoes of 90%.",
    ],
)
def test_prose_that_is_not_a_credit(sentence: str) -> None:
    film = main_film(f"Night Train (2023)\n\nNight Train is a thriller by Park Min-ho. {sentence}")
    assert composers(film) == [] and companies(film) == []


def test_composer_title_possessive_score_and_score_from() -> None:
    page = (
        "Night Train (2023)\n\nNight Train is a thriller directed by Park Min-ho. Composer "
        "Jang Young-gyu wrote its theme, and Bernard Herrmann's original score is quoted twice, "
        "in a sweeping score from Miklos Rozsa."
    )
    assert composers(main_film(page)) == ["Jang Young-gyu", "Bernard Herrmann", "Miklos Rozsa"]


def test_jsonld_music_by_and_production_company() -> None:
    film = main_film(JSONLD_PAGE, "night-train.html")
    assert composers(film) == ["Kim Tae-seong"]
    assert companies(film) == ["Zip Cinema", "CJ ENM"]
    assert all(
        ev["extractor"].startswith("structured.jsonld@") for ev in film["evidence"]["composers"]
    )


def test_credits_of_a_film_named_in_passing_stay_with_that_film() -> None:
    page = (
        "Night Train (2023)\n\nNight Train is a thriller by Park Min-ho. It recalls the "
        "thriller “Winter Sea”, with music by Jung Jae-il."
    )
    films = extract(page)["films"]
    assert composers(films[0]) == []
    assert [(f["title"], composers(f)) for f in films[1:]] == [("Winter Sea", ["Jung Jae-il"])]


# --- stored, shown, exported, asked ---------------------------------------------------------


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("night-train")
    (folder / "labels.txt").write_text(LABELS, encoding="utf-8")
    (folder / "prose.txt").write_text(PROSE, encoding="utf-8")
    (folder / "night-train.html").write_text(JSONLD_PAGE, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def kb(pages: Path) -> FilmKB:
    kb = FilmKB(":memory:")
    assert kb.ingest([pages]).ok
    return kb


def _night_train(kb: FilmKB) -> dict[str, Any]:
    [film] = kb.find_films("Night Train")
    return kb.film_record(film["id"])


def test_the_record_ranks_them_with_their_sources(kb: FilmKB) -> None:
    record = _night_train(kb)
    [composer] = record["composers"]
    assert composer["name"] == "Kim Tae-seong" and composer["rank"] == "preferred"
    assert composer["person_id"] is not None  # a person, like a director
    assert {Path(s["source"]).name for s in composer["sources"]} == {
        "labels.txt",
        "prose.txt",
        "night-train.html",
    }
    assert all(s["quote"] == "Kim Tae-seong" for s in composer["sources"] if s["end"])
    names = {st["value"]: st for st in record["production_companies"]}
    assert set(names) >= {"Zip Cinema", "CJ ENM", "Hive Media Corp"}
    assert len(names["Zip Cinema"]["sources"]) == 2 and names["Zip Cinema"]["rank"] == "preferred"


def test_export_json_and_jsonld(kb: FilmKB) -> None:
    [film] = [f for f in kb.export()["films"] if f["composers"]]
    assert film["composers"][0]["name"] == "Kim Tae-seong"
    from filmkb.serve.web.views import export_jsonld

    [movie] = [m for m in export_jsonld(kb)["@graph"] if m.get("musicBy")]
    assert movie["musicBy"] == [{"@type": "Person", "name": "Kim Tae-seong"}]
    assert {"@type": "Organization", "name": "Zip Cinema"} in movie["productionCompany"]


def test_the_film_page_shows_them(kb: FilmKB) -> None:
    web = client(kb)
    html = web.get("/films/night-train-2023").text
    assert "Music by" in html and "Kim Tae-seong" in html
    assert "Production companies" in html and "Hive Media Corp" in html
    assert '"musicBy"' in html and '"productionCompany"' in html  # the page's JSON-LD


def test_ask_who_composed_and_which_studio(kb: FilmKB) -> None:
    asker = Ask(kb)
    result = asker.ask("who is the composer of Night Train?")
    assert result.names == ["Kim Tae-seong"] and result.answers[0].facts
    result = asker.ask("which production company made Night Train?")
    assert "Zip Cinema" in result.names


def test_cli_show_export_and_extract(pages: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    db = str(tmp_path / "kb.db")
    assert runner.invoke(app, ["ingest", str(pages), "--db", db]).exit_code == 0
    shown = runner.invoke(app, ["show", "Night Train", "--db", db]).stdout
    assert "composer" in shown and "Kim Tae-seong" in shown
    assert "production company" in shown and "Zip Cinema" in shown
    exported = json.loads(runner.invoke(app, ["export", "--db", db]).stdout)
    assert any(f["composers"] for f in exported["films"])
    linked = json.loads(runner.invoke(app, ["export", "--format", "jsonld", "--db", db]).stdout)
    assert any("musicBy" in m and "productionCompany" in m for m in linked["@graph"])
    lines = runner.invoke(app, ["extract", str(pages / "labels.txt"), "--format", "jsonl"]).stdout
    [row] = [json.loads(line) for line in lines.splitlines()]
    assert row["films"][0]["composers"] == ["Kim Tae-seong"]
    assert row["films"][0]["production_companies"][0] == "Zip Cinema"
