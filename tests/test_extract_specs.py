"""What the extractor reads from small hand-built pages: each test is one pattern."""

from __future__ import annotations

import pytest

from filmkb.documents.read import document_from_bytes
from filmkb.extract import extract_document
from filmkb.extract.dates import find_dates
from filmkb.extract.gold import to_gold
from filmkb.extract.runtime import parse_runtime
from filmkb.extract.territories import normalize_certification, territory_for_certification


def extract(text: str, name: str = "page.txt") -> dict:
    doc = document_from_bytes(text.encode("utf-8"), name, suffix=name[name.rfind(".") :])
    return to_gold(extract_document(doc), evidence=True)


def main_film(text: str, name: str = "page.txt") -> dict:
    films = extract(text, name)["films"]
    assert films, "no film extracted"
    return films[0]


def cast_map(film: dict) -> dict:
    return {c["actor"]: c["character"] for c in film["cast"]}


PRESS = """“Night Train” opens in cinemas

Directed by PARK Min-ho (The Long Road, Winter Sea), the Korean thriller film “Night Train”
follows Ji-woo (KIM Soo-ah), a conductor, and her rival Tae-suk (CHOI Dong-il).
In Singapore, the film is distributed by Encore Films. It opens August 8 in cinemas nationwide.
“Night Train” is a must-see.
"""


def test_press_release_characters_in_parentheses():
    film = main_film(PRESS)
    assert film["title"] == "Night Train"
    assert film["directors"] == ["PARK Min-ho"]
    assert cast_map(film) == {"KIM Soo-ah": "Ji-woo", "CHOI Dong-il": "Tae-suk"}


def test_person_followed_by_film_list_names_their_films():
    films = extract(PRESS)["films"]
    titles = {f["title"]: f for f in films[1:]}
    assert set(titles) == {"The Long Road", "Winter Sea"}
    assert titles["Winter Sea"]["directors"] == ["PARK Min-ho"]


def test_release_territory_from_paragraph_and_yearless_date():
    film = main_film(PRESS)
    [release] = film["releases"]
    assert release["territory"] == "SG"
    assert release["date"] == "--08-08"
    assert release["distributor"] == "Encore Films"


LISTING = """Harbour Lights

Director(s)
Jane Ocampo
Cast & crew

Maria Santos
Lena Cruz

Paulo Reyes
Captain Diaz
Ana Lim
Lena's Mother

Jane Ocampo
-
Details
"""


def test_listing_pairs_actor_and_character_lines():
    film = main_film(LISTING)
    assert film["directors"] == ["Jane Ocampo"]
    assert cast_map(film) == {
        "Maria Santos": "Lena Cruz",
        "Paulo Reyes": "Captain Diaz",
        "Ana Lim": "Lena's Mother",
    }


REVIEW = """BLUE HOUR (푸른 시간) (2021)

Genre: Drama/Romance
Director: Han Ji-soo
Cast: Oh Min-jae, Seo Yu-na
Runtime: 1 hr 52 mins
Rating: M18 (Sexual Scenes)
Released By: Clover Films
Opening Day: 3 March 2022

The story written by Lee Ha-na and Moon Joon-ho follows Min-gyu, portrayed by Oh Min-jae
(Silent Street), as he returns home. Blue Hour is a slow, rewarding drama.

Review by Alex Tan
"""


def test_structured_review_block():
    film = main_film(REVIEW)
    assert film["title"] == "Blue Hour"
    assert film["original_title"] == "푸른 시간"
    assert film["year"] == 2021
    assert film["runtime_min"] == 112
    assert film["genres"] == ["drama", "romance"]
    assert film["writers"] == ["Lee Ha-na", "Moon Joon-ho"]
    assert cast_map(film)["Oh Min-jae"] == "Min-gyu"
    [release] = film["releases"]
    assert release["certification"] == "M18"
    assert release["territory"] == "SG"  # inferred from the M18 scheme
    assert release["territory_inferred"] is True
    assert release["date"] == "2022-03-03"
    assert release["distributor"] == "Clover Films"
    assert film["review"]["author"] == "Alex Tan"


def test_every_fact_has_a_span_quoting_the_page():
    doc = document_from_bytes(REVIEW.encode(), "r.txt", ".txt")
    ex = extract_document(doc)
    film = ex.films[0]
    for fact in [film.title, film.runtime_min, *film.directors, *film.cast, *film.writers]:
        ev = fact.evidence
        assert 0 <= ev.start < ev.end <= len(doc.text)
        assert ev.extractor and ev.version
    assert (
        doc.text[film.directors[0].evidence.start : film.directors[0].evidence.end] == "Han Ji-soo"
    )


PROSE = """Dust and Iron is a 2019 American western film directed by Carla Mendes, starring
Tom Hale, Rita Moreno-Vance and Sam Ortiz. Hale plays Jack Turner, a retired sheriff, while
Rita Moreno-Vance's bitter widow Ellen Turner wants him gone. The movie was released on
June 14, 2019.
"""


def test_prose_credits_and_release():
    film = main_film(PROSE)
    assert film["title"] == "Dust and Iron"
    assert film["year"] == 2019
    assert film["directors"] == ["Carla Mendes"]
    cast = cast_map(film)
    assert cast["Tom Hale"] == "Jack Turner"
    assert cast["Rita Moreno-Vance"] == "Ellen Turner"
    assert cast["Sam Ortiz"] is None
    assert "western" in film["genres"]
    assert [r["date"] for r in film["releases"]] == ["2019-06-14"]


def test_credits_in_a_sentence_about_another_film_go_to_that_film():
    text = (
        "“Harbor” is the new drama from director Ana Ruiz.\n"
        "It opened after the thriller “Cold Case” starring Mark Dunn topped the box office.\n"
        "“Harbor” stars Lia Wong and Ben Fox.\n"
    )
    films = extract(text)["films"]
    assert films[0]["title"] == "Harbor"
    assert {c["actor"] for c in films[0]["cast"]} == {"Lia Wong", "Ben Fox"}
    other = {f["title"]: f for f in films[1:]}
    assert [c["actor"] for c in other["Cold Case"]["cast"]] == ["Mark Dunn"]


def test_no_film_no_facts_on_unrelated_text():
    ex = extract("The weather in Seoul was mild on Tuesday, and markets rose slightly.\n")
    assert ex["films"] == []


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("1 hr 34 mins", 94),
        ("94 minutes", 94),
        ("2 hours, 49 minutes", 169),
        ("1h 52m", 112),
        ("163 min | Germany: 189 min", 163),
        ("10-year service", None),
        ("3 mins", None),
    ],
)
def test_runtime_notations(text, minutes):
    assert parse_runtime(text) == minutes


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("11 July 2024", "2024-07-11"),
        ("July 3, 2024", "2024-07-03"),
        ("July 17", "--07-17"),
        ("July 2024", "2024-07"),
        ("2011/11/17", "2011-11-17"),
        ("March 23rd, 2019", "2019-03-23"),
        ("2024년 7월 3일", "2024-07-03"),
    ],
)
def test_date_notations(text, iso):
    assert find_dates(text)[0].iso == iso


@pytest.mark.parametrize(
    ("raw", "cert", "territory"),
    [
        ("NC16", "NC16", "SG"),
        ("M18", "M18", "SG"),
        ("R21", "R21", "SG"),
        ("12A", "12A", "GB"),
        ("PG-13", "PG-13", "US"),
        ("MA15+", "MA15+", "AU"),
        ("PG", "PG", None),
    ],
)
def test_certification_schemes(raw, cert, territory):
    assert normalize_certification(raw) == cert
    assert territory_for_certification(cert) == territory


def test_html_page_main_text_and_json_ld():
    html = b"""<html><head><title>Paper Moon Review</title>
    <script type="application/ld+json">{"@type": "Movie", "name": "Paper Moon",
     "director": {"@type": "Person", "name": "Rosa Lind"}, "duration": "PT1H41M"}</script>
    </head><body><nav>Home | Films</nav><article><h1>Paper Moon</h1>
    <p>Paper Moon is a gentle comedy film about a travelling printer and her nephew.</p>
    <p>Paper Moon is showing now. Review by Kai Berg</p></article></body></html>"""
    doc = document_from_bytes(html, "paper.html", ".html")
    film = to_gold(extract_document(doc))["films"][0]
    assert film["title"] == "Paper Moon"
    assert film["directors"] == ["Rosa Lind"]
    assert film["runtime_min"] == 101


DATA = __import__("pathlib").Path(__file__).resolve().parent / "data"


def test_encyclopedia_style_lead_and_cast_list():
    """Written for this test in the style of an encyclopedia article."""
    film = main_film((DATA / "wiki_style.txt").read_text(encoding="utf-8"))
    assert (film["title"], film["year"], film["original_title"]) == ("Parasite", 2019, "기생충")
    assert film["directors"] == ["Bong Joon-ho"]
    assert film["writers"] == ["Han Jin-won"]  # "co-wrote the screenplay with Han Jin-won"
    assert film["runtime_min"] == 132
    cast = cast_map(film)
    assert cast["Song Kang-ho"] == "Kim Ki-taek"  # the description after the comma is dropped
    assert cast["Cho Yeo-jeong"] == "Choi Yeon-gyo"
    releases = {(r["territory"], r["date"]): r for r in film["releases"]}
    assert releases[("KR", "2019-05-30")]["distributor"] == "CJ Entertainment"
    assert releases[("US", "2019-10-11")]["distributor"] is None  # not the KR distributor


def test_trade_review_header():
    """Written for this test in the style of a trade-paper review."""
    ex = extract((DATA / "trade_review.txt").read_text(encoding="utf-8"))
    film = ex["films"][0]
    assert ex["kind"] == "review"
    assert film["title"] == "Monster"
    assert film["directors"] == ["Hirokazu Kore-eda"]
    assert film["writers"] == ["Yuji Sakamoto"]
    assert film["runtime_min"] == 126
    assert cast_map(film)["Sakura Ando"] == "Saori"
    assert film["review"]["author"] == "Peter Debruge"
    assert film["review"]["score"] == "★★★★"
    assert "Broker" in [f["title"] for f in ex["films"][1:]]


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("cp1252", "Café crème — a review of Amélie, the film"),
        ("euc_kr", "이제훈 주연의 영화 탈주는 2024년 7월 3일 개봉했다."),
        ("shift_jis", "是枝裕和監督の映画「怪物」は2023年に公開された。"),
    ],
)
def test_legacy_encodings_are_detected(encoding, text):
    doc = document_from_bytes(text.encode(encoding), "legacy.txt", ".txt")
    assert doc.text.strip() == text


def test_random_high_bytes_are_refused_with_the_reason():
    import random

    from filmkb.errors import ReadError

    for seed in range(20):
        rng = random.Random(seed)
        raw = bytes(rng.randint(0x80, 0xFF) for _ in range(64))
        with pytest.raises(ReadError, match="invalid text encoding"):
            document_from_bytes(raw, "noise.txt", ".txt")


def test_newspaper_review_html_byline_and_rating_widget():
    """Written for this test in the style of a newspaper's review page: the byline and the
    star widget sit outside the main text, in <meta name=author> and an aria-label."""
    raw = (DATA / "newspaper_review.html").read_bytes()
    ex = to_gold(extract_document(document_from_bytes(raw, "review.html", ".html")))
    film = ex["films"][0]
    assert ex["kind"] == "review"
    assert film["title"] == "Decision to Leave"
    assert film["review"]["author"] == "Peter Bradshaw"
    assert film["review"]["score"] == "4 out of 5 stars"
    assert film["review"]["outlet"] == "the Guardian"
    assert cast_map(film) == {"Tang Wei": "Seo-rae", "Park Hae-il": "Hae-joon"}
    assert film["writers"] == ["Jeong Seo-kyeong"]
    assert [(r["territory"], r["date"]) for r in film["releases"]] == [("GB", "--10-21")]
    assert [f["title"] for f in ex["films"][1:]] == ["The Handmaiden"]


def test_database_profile_page():
    """Written for this test in the style of a film database profile (labels, then a cast list
    of actor / character lines, then an 'Additional Cast Members' list with dashes)."""
    ex = extract((DATA / "database_profile.txt").read_text(encoding="utf-8"))
    film = ex["films"][0]
    assert ex["kind"] == "listing"
    assert (film["title"], film["year"], film["original_title"]) == ("Escape", 2024, "탈주")
    assert film["writers"] == ["Kwon Sung-Hwi", "Kim Woo-Geun"]
    assert film["runtime_min"] == 94
    assert film["genres"] == ["action", "thriller"]
    cast = cast_map(film)
    assert cast["Lee Je-Hoon"] == "Lim Kyu-Nam"
    assert cast["Song Kang"] == "Sun-Woo"
    assert cast["Seo Hyun-Woo"] == "Major Cha"
    [release] = film["releases"]
    assert (release["date"], release["distributor"]) == ("2024-07-03", "Plus M Entertainment")


def test_synopsis_from_a_label_or_a_heading():
    film = main_film(
        REVIEW.replace(
            "Opening Day", "Synopsis: " + "A widow returns to her island. " * 3 + "\nOpening Day"
        )
    )
    assert film["synopsis"].startswith("A widow returns to her island.")
    text = (
        "Harbour Lights (2020)\n\nHarbour Lights is a 2020 drama film.\n\nPlot\n"
        + "A lighthouse keeper waits for a ship that never comes. " * 2
        + "\n"
    )
    assert main_film(text)["synopsis"].startswith("A lighthouse keeper waits")


def test_trade_news_release_announcement():
    """Written for this test in the style of a trade-paper news story."""
    ex = extract((DATA / "trade_news.txt").read_text(encoding="utf-8"))
    film = ex["films"][0]
    assert film["title"] == "The Last Frontier"
    assert film["directors"] == ["Ava Collins"]
    assert film["writers"] == ["Marcus Lee"]  # "a script she co-wrote with Marcus Lee"
    assert cast_map(film) == {"Oscar Isaac": None, "Zendaya": "Mira", "Sterling K. Brown": None}
    assert film["runtime_min"] == 131  # "runs 2 hours and 11 minutes"
    us, gb = film["releases"]
    assert (us["territory"], us["date"], us["certification"]) == ("US", "2025-11-14", "PG-13")
    assert (gb["territory"], gb["date"]) == ("GB", "--11-21")
    assert [f["title"] for f in ex["films"][1:]] == ["Salt Water"]


def test_blog_review_with_a_prefixed_heading():
    """Written for this test in the style of a personal blog review."""
    ex = extract((DATA / "blog_review.txt").read_text(encoding="utf-8"))
    film = ex["films"][0]
    assert ex["kind"] == "blog"
    assert (film["title"], film["year"]) == ("Burning", 2018)  # not "Movie Night: Burning"
    assert film["directors"] == ["Lee Chang-dong"]
    assert cast_map(film) == {
        "Yoo Ah-in": "Jong-su",
        "Jeon Jong-seo": "Hae-mi",
        "Steven Yeun": "Ben",
    }
    assert film["runtime_min"] == 148
    assert (film["review"]["author"], film["review"]["score"]) == ("Jenny Park", "9/10")
    assert film["review"]["verdict"] == "positive"
    assert [f["title"] for f in ex["films"][1:]] == ["Poetry"]


def test_the_owner_of_a_film_noun_in_the_opening_is_its_director():
    film = main_film(
        "‘Harbour Lights’ review: a quiet winter on the island\n"
        "Ines Marlowe's latest film – about a keeper and her brother – is a gentle triumph.\n"
        "By Jo Critic\n"
        "Ines Marlowe’s award-winning drama is as beautiful as it is sad. Inspired by Tomas "
        "Reyes’s novel of the same name, it follows a lighthouse keeper (Ada Lind).\n"
    )
    assert film["title"] == "Harbour Lights"
    assert [d["name"] if isinstance(d, dict) else d for d in film["directors"]] == ["Ines Marlowe"]
    assert "drama" in [g["value"] if isinstance(g, dict) else g for g in film["genres"]]


def test_a_genre_noun_right_before_the_films_title_is_its_genre():
    film = main_film(
        "Harbour Lights\n\nWhile many films of the era were forgettable, Ines Marlowe’s "
        "1985 time travel comedy Harbour Lights manages to stand out. Harbour Lights stars Ada "
        "Lind and Tomas Reyes.\n"
    )
    genres = [g["value"] if isinstance(g, dict) else g for g in film["genres"]]
    assert genres == ["comedy"]


def test_another_name_in_brackets_after_the_title_is_the_same_film():
    film = main_film(
        "Harbour Lights\nHarbour Lights (transl. Sea Lamps) is a 1957 Norwegian romantic drama "
        "film about a keeper and her brother.[1] Released on 28 March 1957, Harbour Lights was a "
        "success.\n"
    )
    genres = {g["value"] if isinstance(g, dict) else g for g in film["genres"]}
    assert genres == {"romantic", "drama"}
    assert [r["date"] for r in film["releases"]] == ["1957-03-28"]


def test_the_film_features_names_with_their_roles_and_a_lead_role_of():
    film = main_film(
        "Harbour Lights\nHarbour Lights is a 1957 Norwegian drama film. Directed by Ines Marlowe "
        "and starring Tomas Reyes in the lead role of Vijay, the film features Ada Lind as the "
        "compassionate Gulabo, Mia Sand as the former lover Meena, and a score by Per Holm.\n"
    )
    assert cast_map(film) == {"Tomas Reyes": "Vijay", "Ada Lind": "Gulabo", "Mia Sand": "Meena"}


def test_a_list_of_places_with_region_codes_is_no_cast():
    film = main_film(
        "Harbour Lights (2021)\nDirected by Ines Marlowe. Starring Ada Lind.\n\nCinemas\n"
        "Cinemais Araxá (Cinemais Araxá-MG)\nCinemais Lorena (Cinemais Lorena-SP)\n"
        "Cinemais Montes Claros (Montes Claros-MG)\nCinemais Uberaba (Uberaba-MG)\n"
    )
    assert set(cast_map(film)) == {"Ada Lind"}


BLOG_CAST_CHARACTER_FIRST = """Harbour Lights | Review

Released in 2000
Directed by Ines Marlowe
Overall Rating: A+

Main Cast:
Eun Joo – Ada Lind
Sung-hyun – Tomas Reyes

The time is December of 1999 and the year is ending. Eun Joo seems out of place, a loner who moves out of a house by the sea and leaves a card for whoever lives there next.

Harbour Lights

Sung-hyun finds the card a year earlier, and Eun Joo writes back. Sung-hyun answers every letter that Eun Joo sends, and the two fall for each other across the years.
"""


def test_a_cast_list_that_names_the_character_first_and_ends_where_prose_starts():
    film = main_film(BLOG_CAST_CHARACTER_FIRST)
    assert film["title"] == "Harbour Lights"
    assert cast_map(film) == {"Ada Lind": "Eun Joo", "Tomas Reyes": "Sung-hyun"}


def test_one_value_under_two_labels_and_a_shared_surname():
    film = main_film(
        "Review: Harbour Lights (1996)\n\nDirectors/Screenwriters: Ethan and Joel Marlowe\n"
        "Starring: Ada Lind, Tomas Reyes\nGenres: Comedy, Drama\n"
    )
    names = {d["name"] if isinstance(d, dict) else d for d in film["directors"]}
    writers = {d["name"] if isinstance(d, dict) else d for d in film["writers"]}
    assert names == writers == {"Ethan Marlowe", "Joel Marlowe"}


def test_direction_from_names_the_director():
    film = main_film(
        "Harbour Lights\n\nHarbour Lights just about shades it, given a hard performance from "
        "Ada Lind, great direction from the legendary Ines Marlowe and stunning location shots.\n"
        "Harbour Lights is a classic.\n"
    )
    assert [d["name"] if isinstance(d, dict) else d for d in film["directors"]] == ["Ines Marlowe"]


def test_an_aside_between_the_actor_and_stars_as():
    film = main_film(
        "Harbour Lights\n\nHarbour Lights stars Ada Lind and Tomas Reyes. Tomas Reyes (he played "
        "the villain in Night Train) stars as Capt. Ko, the head of a small police unit.\n"
    )
    assert cast_map(film)["Tomas Reyes"] == "Ko"


def test_review_bylines_and_a_credit_that_is_not_one():
    film = main_film(
        "Harbour Lights (1999)\nReview Written by: Jo Critic\n\nDirected by: Ines Marlowe\n"
        "Written by: Ines Marlowe\nStarring: Ada Lind, Tomas Reyes\n\nI loved this film. A "
        "gentle, moving and beautifully acted drama; it is a must-see.\n"
    )
    assert film["review"]["author"] == "Jo Critic"
    film = main_film(
        "Harbour Lights, reviewed by Jo Critic\n\nHarbour Lights (1999) stars Ada Lind. I loved "
        "this film: a gentle, moving and beautifully acted drama, a must-see.\n"
    )
    assert film["review"]["author"] == "Jo Critic"
    film = main_film(
        "Harbour Lights (1999)\nReview by: Jo Critic FCCA AACTA\n\nHarbour Lights stars Ada "
        "Lind. I loved this film: gentle, moving and beautifully acted, a must-see.\n"
    )
    assert film["review"]["author"] == "Jo Critic"


def test_a_writing_credit_stops_where_the_sentence_moves_on():
    film = main_film(
        "Harbour Lights\n\nHarbour Lights is directed and co-written by Ines Marlowe, based on a "
        "short story by Per Holm, and follows Ada Lind as a keeper. Coppola-like in scope "
        "(working from a script co-written by Jon Vik, adapting Ola Berg’s novel), it moves.\n"
    )
    writers = {w["name"] if isinstance(w, dict) else w for w in film["writers"]}
    assert writers == {"Ines Marlowe", "Jon Vik"}


@pytest.mark.parametrize(
    ("line", "minutes"),
    [
        ("Running Time: 1h37", 97),
        ("Duration115 mins", 115),
        ("  • 104'", 104),
        ("106 minutes B&W", 106),
    ],
)
def test_runtime_as_listings_write_it(line, minutes):
    film = main_film(
        f"Harbour Lights (1999)\nDirected by: Ines Marlowe\n{line}\nStarring: Ada Lind\n"
    )
    assert film["runtime_min"] == minutes


def test_a_release_year_only_when_no_dated_release_is_given():
    film = main_film(
        "Harbour Lights\nReleased 1994\n\nWhen this prison drama was released in 1994, critics "
        "said Harbour Lights was too long. Ines Marlowe directed it.\n"
    )
    assert [(r["date"], r["territory"]) for r in film["releases"]] == [("1994", None)]
    film = main_film(
        "Harbour Lights\n\nHarbour Lights opens in UK cinemas on 4 March 2022. Ines Marlowe, "
        "whose first film was released in 1994, directed it.\n"
    )
    assert [r["date"] for r in film["releases"]] == ["2022-03-04"]


def test_a_release_row_with_a_bare_company_name_gives_the_distributor():
    film = main_film(
        "Harbour Lights (1999)\nDirected by: Ines Marlowe\nStarring: Ada Lind\n\nPremieres\n"
        "In cinemas from\n14.09.2017 AČFK\nIn cinemas from\n05.08.1999 Warner Bros. CZ\n"
        "On DVD from\n11.02.2004 United Kingdom\n"
    )
    rows = {r["date"]: r["distributor"] for r in film["releases"]}
    assert rows["2017-09-14"] == "AČFK"
    assert rows["1999-08-05"] == "Warner Bros. CZ"
    assert rows.get("2004-02-11") is None


def test_labels_glued_to_their_values_on_one_line():
    film = main_film(
        "Harbour Lights (1994): Watch Trailers Release Date:October 14th, 1994 Starring: Ada "
        "Lind Tomas Reyes Director:Ines Marlowe Writer:Ines Marlowe, Per Holm Studio:Nordlys "
        "Films Genre:Crime, Drama Rating: R\n"
    )
    assert {w["name"] if isinstance(w, dict) else w for w in film["writers"]} == {
        "Ines Marlowe",
        "Per Holm",
    }
    assert [d["name"] if isinstance(d, dict) else d for d in film["directors"]] == ["Ines Marlowe"]


def _read(text: str, name: str = "page.txt") -> dict:
    return to_gold(extract_document(document_from_bytes(text.encode(), name, ".txt")))


def test_festival_note_runtime_field_and_adjective_release_territory():
    """Written for this test in the style of a festival programme note: "94'" as a field of a
    credits line, "Ukrainian release by X on <date>" (an adjective, a company with no
    company word)."""
    ex = _read(
        "Sundance 2025: Midnight Section\n\nThe Quiet Hours\n\n"
        "Dir. Anna Kovalenko · Ukraine 2025 · 94'\n\n"
        "A night nurse in a frontline hospital keeps the lights on for patients who cannot "
        "sleep. Kovalenko's debut is tender and tense. Ukrainian release by Arthouse Traffic "
        "on 12 March 2026.\n"
    )
    film = ex["films"][0]
    assert film["title"] == "The Quiet Hours"
    assert film["directors"] == ["Anna Kovalenko"]
    assert film["runtime_min"] == 94
    assert [(r["territory"], r["date"], r["distributor"]) for r in film["releases"]] == [
        ("UA", "2026-03-12", "Arthouse Traffic")
    ]


def test_adjective_names_a_territory_only_before_a_scheduled_release():
    from filmkb.extract.territories import find_territories

    assert [c for c, _, _ in find_territories("French release on 3 May")] == ["FR"]
    assert [c for c, _, _ in find_territories("the UK release date is")] == ["GB"]
    assert find_territories("the latest Korean release, Exhuma, is a hit") == []
    assert find_territories("the best Korean release of the year") == []


def test_news_distributor_named_by_apposition_is_not_a_film():
    """ "X, the film's UK distributor": X is the release's company (no company word needed)
    and not a film called "Koo Kyo-hwan. X"."""
    ex = _read(
        "Escape: Korean thriller gets UK release date\n\n"
        "Korean action thriller Escape has been given a UK release date of 6 September "
        "2024. The film, directed by Lee Jong-pil, stars Lee Je-hoon and Koo Kyo-hwan. "
        "Trinity CineAsia, the film's UK distributor, will open it in cinemas nationwide.\n\n"
        "Escape follows a North Korean sergeant who plans to defect across the border, and the "
        "officer who hunts him. It premiered in South Korea in July.\n"
    )
    film = ex["films"][0]
    assert film["title"] == "Escape"
    assert ("GB", "2024-09-06", "Trinity CineAsia") in [
        (r["territory"], r["date"], r["distributor"]) for r in film["releases"]
    ]
    assert all("Trinity" not in f["title"] for f in ex["films"])


def test_release_via_a_company_and_a_rating_body_make_one_release():
    ex = _read(
        "Review: Paper Moons (2023)\n\n"
        "Paper Moons opens in UK cinemas on Friday 6 October via Curzon. It is rated 15 by "
        "the BBFC and runs 1hr 52min. Directed by Hugo Lind, it stars Emma Dale as Rose, a "
        "photographer.\n"
    )
    film = ex["films"][0]
    assert film["runtime_min"] == 112
    rows = [
        (r["territory"], r["date"], r["distributor"], r["certification"]) for r in film["releases"]
    ]
    assert rows == [("GB", "--10-06", "Curzon", "15")]


def test_a_person_is_not_a_distributor_by_position():
    ex = _read(
        "Night Drive (2024)\n\nNight Drive, the new thriller directed by Maria Santos and "
        "starring Tom Reed and Ana Cruz, opens in UK cinemas on 4 April 2025 via Maria Santos. "
        "The film follows a taxi driver across one long night in Lisbon; critics at its "
        "festival premiere praised the performances and the cinematography.\n"
    )
    releases = ex["films"][0]["releases"]
    assert releases and all(r["distributor"] is None for r in releases)


@pytest.mark.parametrize(
    ("byline", "author"),
    [
        ("Listen to the review by Dennis Morton, above.", "Dennis Morton"),
        ("Par Alexandre Hervaud et Jérémy Piette — 24 novembre 2017", "Alexandre Hervaud"),
        ("Von Katja Nicodemus", "Katja Nicodemus"),
        ("Adam Chandler: Dec 29 2014, 12:16 PM ET", "Adam Chandler"),
    ],
)
def test_review_bylines_in_other_forms(byline: str, author: str) -> None:
    """Written for this test: the byline of a review page in other words and languages."""
    ex = _read(
        "Review: Paper Moons (2023)\n\n"
        f"{byline}\n\n"
        "Paper Moons is a slight but lovely film. Directed by Hugo Lind, it stars Emma Dale as "
        "Rose, a photographer who returns to her island home. I found the performances moving "
        "and the cinematography gorgeous; the pacing sags in the middle, but my verdict is "
        "warm: a film worth seeing on a big screen.\n"
    )
    assert ex["kind"] in ("review", "blog")
    assert ex["films"][0]["review"]["author"] == author


def test_an_award_line_is_no_cast_credit():
    """Written for this test: a review's fact box lists the awards after the cast."""
    ex = _read(
        "Night Harbour (1976)\n\nDirected by Anna Berg\nStarring Oscar Reed, Emmy Lund, Tom Hall "
        "Oscar Nominations - Best Picture, Best Actor (Oscar Reed), Best Original Score "
        "(Bernard Kemp)\n\nNight Harbour follows a dock worker through one long winter; Oscar "
        "Reed plays him with a quiet fury and the film is a classic of its decade.\n"
    )
    cast = cast_map(ex["films"][0])
    assert "Bernard Kemp" not in cast and not any("Nomination" in a for a in cast)
    assert {"Oscar Reed", "Emmy Lund"} <= set(cast)
    assert cast["Oscar Reed"] is None


def test_year_from_a_credits_block_and_a_label_above_its_value():
    """Written for this test: a festival listing's fact bullets, and "Year:" alone on its line."""
    film = _read(
        "Pieta\n\n  • 104'\n  • South Korea\n  • 2012\nThis feature by Kim Ki-duk, which won "
        "the Golden Lion, is a harrowing film about a loan shark and a woman who says she is "
        "his mother. Lee Jung-jin plays the loan shark.\n"
    )["films"][0]
    assert (film["title"], film["year"], film["runtime_min"]) == ("Pieta", 2012, 104)
    listing = _read(
        "Ben-Hur\n\nDirector:\nWilliam Wyler\nYear:\n1959\nCountry:\nUSA\nRuntime:\n212 min\n\n"
        "Charlton Heston stars as Judah Ben-Hur, a Jewish prince betrayed by his friend.\n"
    )["films"][0]
    assert listing["year"] == 1959
    blog = _read(
        "Archive\n\n2012\n\nMy week: I watched a film about a loan shark and thought about it "
        "for days; the cinema was cold.\n"
    )
    assert all(f["year"] is None for f in blog["films"])


def test_the_year_closing_a_subtitled_headline_is_the_films():
    film = _read(
        "[mov] Tae Guk Gi: The Brotherhood of War (2004)\n\nGenre : war, drama\n\nTae Guk Gi "
        "follows two brothers conscripted into the Korean War. Jang Dong-gun and Won Bin star as "
        "the brothers, and Kang Je-gyu's battle scenes are staggering. Tae Guk Gi is a "
        "harrowing film.\n"
    )["films"][0]
    assert film["title"] in ("Tae Guk Gi", "Tae Guk Gi: The Brotherhood of War")
    assert film["year"] == 2004


@pytest.mark.parametrize(
    "sentence",
    [
        "Jong-Bin Yoon‘s The Night Crossing (2018) takes us back to the border.",
        "Two things make The Night Crossing work: Jong-Bin Yoon's direction and its cast.",
        "Jong-Bin Yoon’s masterpiece The Night Crossing is a film that rewards patience.",
    ],
)
def test_the_owner_of_the_film_or_its_direction_is_the_director(sentence: str) -> None:
    film = _read(
        f"The Night Crossing\n\n{sentence} Park Min-su stars as a spy who crosses the line "
        "between two countries; the film is tense and beautifully shot.\n"
    )["films"][0]
    assert film["directors"] == ["Jong-Bin Yoon"]
