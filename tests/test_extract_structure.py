"""Spec tests for reading a whole HTML page's structure: label/value pairs laid out side by side,
rails that end with their box, the site's own name never the film's title, edition notes, and
characters tied to an actor by surname. Pages are small invented ones written for these tests."""

from __future__ import annotations

from filmkb.documents.read import document_from_bytes
from filmkb.extract import extract_document
from filmkb.extract.base import content_text
from filmkb.extract.gold import to_gold


def html_doc(body: str, head: str = "", name: str = "page.html"):  # noqa: ANN201
    page = f"<html><head>{head}</head><body>{body}</body></html>"
    return document_from_bytes(page.encode("utf-8"), name, ".html")


def film_of(doc) -> dict:  # noqa: ANN001
    ex = to_gold(extract_document(doc), evidence=False)
    assert ex["films"], ex.get("notes")
    return ex["films"][0]


LISTING = """
<h1>Harbour Lights (2021)</h1>
<p>A lighthouse keeper and her estranged brother spend one last winter on a remote island.</p>
<div class="summary">
  <div class="row"><span>Running Time</span><span>1 hr 48 min</span></div>
  <div class="row"><span>Genres</span><span>Drama</span></div>
  <div class="row"><span>Director</span><span>Ines Marlowe</span></div>
  <div class="row"><span>Release Date</span><span>March 4, 2022</span></div>
</div>
"""


def test_label_and_value_side_by_side_are_one_labelled_line():
    doc = html_doc(LISTING, "<title>Harbour Lights - Box Office Stats</title>")
    definitions = [b for b in doc.blocks if b.kind == "definition"]
    assert ("Running Time", "1 hr 48 min") in [(b.label, b.value) for b in definitions]
    assert "Running Time1 hr" not in doc.text
    film = film_of(doc)
    assert film["title"] == "Harbour Lights"
    assert film["runtime_min"] == 108
    assert film["directors"] == ["Ines Marlowe"]


def test_a_listing_of_labelled_facts_is_a_film_page_whatever_its_words():
    # hardly any prose: the labelled runtime, genre and director make it a film page
    body = "<h1>Harbour Lights (2021)</h1>" + LISTING.split("</p>", 1)[1]
    film = film_of(html_doc(body))
    assert film["title"] == "Harbour Lights"


ARTICLE = """
<header class="masthead"><a href="/">The Daily Reel</a></header>
<article>
  <h1>How 'Paper Kites' found its ending</h1>
  <p>The makers of "Paper Kites" rewrote the last act three times before the shoot began in
  Lisbon. Director Tomas Vell said the first version felt too neat. The second was too sad.</p>
  <section class="c-box"><h3>Related</h3><ul><li>Ten films about kites</li>
  <li>Why "Glass Harbour" flopped</li></ul></section>
  <p>In the final version, Anna Brook plays Mira, a courier who keeps the kites of a dead friend.
  The film opens in cinemas on Friday. Vell calls it the film he always wanted to make.</p>
</article>
<footer><p>© 2024 The Daily Reel. All rights reserved.</p><p>The Daily Reel</p></footer>
"""


def test_a_related_box_inside_an_article_does_not_swallow_the_rest_of_it():
    doc = html_doc(ARTICLE, "<title>How 'Paper Kites' found its ending - The Daily Reel</title>")
    content = content_text(doc)
    assert "Anna Brook plays Mira" in content  # the paragraph after the box is content
    assert "Ten films about kites" not in content  # the box itself is boilerplate


def test_the_sites_own_name_is_never_the_films_title():
    doc = html_doc(ARTICLE, "<title>How 'Paper Kites' found its ending - The Daily Reel</title>")
    ex = to_gold(extract_document(doc), evidence=False)
    titles = [f["title"] for f in ex["films"]]
    assert "The Daily Reel" not in titles
    assert titles[:1] == ["Paper Kites"]


def test_a_shops_edition_note_is_not_part_of_the_title():
    body = """<h1>Harbour Lights [Exclusive Blu-ray Steelbook]</h1>
    <p>Harbour Lights [Exclusive Blu-ray Steelbook] - the 2021 drama directed by Ines Marlowe,
    starring Ada Quinn and Joel Fenn. Running time: 108 minutes.</p>"""
    film = film_of(html_doc(body, "<title>Harbour Lights [Exclusive Blu-ray Steelbook]</title>"))
    assert film["title"] == "Harbour Lights"


def test_characters_tied_to_actors_by_surname():
    text = (
        "Harbour Lights review: a quiet triumph\n\n"
        "Harbour Lights, directed by Ines Marlowe and starring Ada Quinn and Joel Fenn, is the "
        "best drama of the winter. Nell (Quinn) keeps the lighthouse running while her brother "
        "Ewan (played by Fenn) tries to sell the island. Marlowe films the sea as a third "
        "character. Rating: 4/5\n"
    )
    doc = document_from_bytes(text.encode("utf-8"), "review.txt", ".txt")
    film = film_of(doc)
    cast = {c["actor"]: c["character"] for c in film["cast"]}
    assert cast.get("Ada Quinn") == "Nell"
    assert cast.get("Joel Fenn") == "Ewan"


def test_genre_nouns_about_the_film_and_not_about_another():
    text = (
        "Harbour Lights review\n\n"
        "Harbour Lights is the prison drama with a twist that everyone is talking about. "
        "Director Ines Marlowe made her name with the gangster comedy “Glass Harbour”, and "
        "there is nothing of that here. Rating: 4/5\n"
    )
    doc = document_from_bytes(text.encode("utf-8"), "review.txt", ".txt")
    film = film_of(doc)
    assert "prison" in film["genres"] and "drama" in film["genres"]
    assert "comedy" not in film["genres"]  # the director's earlier film


def test_director_and_year_next_to_the_title():
    text = (
        "HARBOUR LIGHTS (Ines Marlowe, 2021)\n\n"
        "A lighthouse keeper and her estranged brother spend one last winter on a remote island. "
        "It is a slow, patient film, and a beautiful one.\n"
    )
    film = film_of(document_from_bytes(text.encode("utf-8"), "notes.txt", ".txt"))
    assert film["directors"] == ["Ines Marlowe"]
    assert film["year"] == 2021


def test_the_owner_of_the_title_is_its_director_unless_credited_otherwise():
    text = (
        "Movie Review: Harbour Lights (2021)\n\n"
        "Ines Marlowe’s Harbour Lights is a slow, patient film, starring Ada Quinn as a "
        "lighthouse keeper. Ada Quinn’s Harbour Lights performance is the best of her career. "
        "Rating: 4/5\n"
    )
    film = film_of(document_from_bytes(text.encode("utf-8"), "review.txt", ".txt"))
    assert film["directors"] == ["Ines Marlowe"]  # and not the actress


RELEASES_TABLE = """
<h1>Harbour Lights (2021)</h1>
<p>A lighthouse keeper and her estranged brother spend one last winter on a remote island.
Directed by Ines Marlowe. Running time: 108 minutes.</p>
<h2>Releases by market</h2>
<table>
  <tr><th>Market</th><th>Release date</th><th>Opening</th></tr>
  <tr><td>Domestic</td><td>04-Mar-2022</td><td>$1,204,000</td></tr>
  <tr><td>United Kingdom</td><td>11-Mar-2022</td><td>$310,000</td></tr>
  <tr><td>Germany</td><td>10-Mar-2022</td><td>$120,500</td></tr>
  <tr><td>South Korea</td><td>10-Mar-2022</td><td>$98,000</td></tr>
</table>
"""


def test_a_table_pairing_countries_with_dates_gives_releases():
    film = film_of(html_doc(RELEASES_TABLE))
    got = {(r["territory"], r["date"]) for r in film["releases"]}
    assert {("GB", "2022-03-11"), ("DE", "2022-03-10"), ("KR", "2022-03-10")} <= got
    # "Domestic" names no country: no territory is made up for it
    assert all(r["territory"] in ("GB", "DE", "KR", None) for r in film["releases"])


def test_releases_on_the_same_date_pair_by_territory_when_scored():
    from filmkb.evaluate import Report, score_document

    gold = {"films": [{"title": "X", "releases": [
        {"territory": "DE", "date": "2022-03-10"}, {"territory": "KR", "date": "2022-03-10"}]}]}  # fmt: skip
    pred = {"films": [{"title": "X", "releases": [
        {"territory": "KR", "date": "2022-03-10"}, {"territory": "DE", "date": "2022-03-10"}]}]}  # fmt: skip
    report = Report()
    score_document(pred, gold, report)
    territory = report.fields["release_territory"]
    assert (territory.tp, territory.fp, territory.fn) == (2, 0, 0)


def test_labels_in_other_languages_and_related_films_credits_kept_apart():
    text = (
        "Přístav světel\n\nDrama\nČesko 2021 108 min\n\n"
        "Režie:\nInes Marlowová, Petr Novák\n\nHrají:\nAda Kvinová, Jan Fenn, Olga Horká\n\n"
        "Podobné filmy\n"
        "Režie: Karel Zeman\nHrají: Eva Nová, Josef Abrhám\n"
        "Režie: Věra Chytilová\nHrají: Jitka Cerhová, Ivana Karbanová\n"
        "Režie: Miloš Forman\nHrají: Vladimír Pucholt, Hana Brejchová\n"
    )
    film = film_of(document_from_bytes(text.encode("utf-8"), "listing.txt", ".txt"))
    assert sorted(film["directors"]) == ["Ines Marlowová", "Petr Novák"]
    actors = {c["actor"] for c in film["cast"]}
    assert {"Ada Kvinová", "Jan Fenn", "Olga Horká"} <= actors
    assert not actors & {"Eva Nová", "Jitka Cerhová", "Vladimír Pucholt"}


def test_links_side_by_side_are_kept_apart_and_a_cast_line_is_read():
    body = """<h1>Harbour Lights</h1><p>2021 Directed by <a href="/d">Ines Marlowe</a></p>
    <p>A lighthouse keeper and her estranged brother spend one last winter on an island.</p>
    <div id="tab-cast"><h3>Cast</h3><p class="cast-list"><a href="/a">Ada Quinn</a><a
    href="/b">Joel Fenn</a><a href="/c">Olga Horka</a></p></div>
    <div id="tab-genres"><h3>Genres</h3><p><a href="/g1">Drama</a><a href="/g2">Mystery</a></p></div>
    <p>108 mins</p>"""
    doc = html_doc(body)
    assert "Ada Quinn, Joel Fenn, Olga Horka" in doc.text
    film = film_of(doc)
    assert [c["actor"] for c in film["cast"]] == ["Ada Quinn", "Joel Fenn", "Olga Horka"]
    assert sorted(film["genres"]) == ["drama", "mystery"]


INFOBOX = """<h1 id="firstHeading">Harbour Lights</h1>
<table class="infobox vevent"><tr><th colspan="2">Harbour Lights</th></tr>
<tr><th>Directed by</th><td>Ines Marlowe</td></tr>
<tr><th>Written by</th><td>Ines Marlowe<br>Petr Novak</td></tr>
<tr><th>Starring</th><td><div class="plainlist"><ul><li>Ada Quinn</li><li>Joel Fenn</li>
<li>Olga Horka</li></ul></div></td></tr>
<tr><th>Release dates</th><td><ul><li>4 March 2022 (Berlin)</li>
<li>11 March 2022 (United Kingdom)</li></ul></td></tr>
<tr><th>Running time</th><td>108 minutes</td></tr></table>
<p><b>Harbour Lights</b> is a 2021 British drama film directed by Ines Marlowe.</p>"""


def test_an_infobox_keeps_its_list_items_and_line_breaks_apart():
    doc = html_doc(INFOBOX, "<title>Harbour Lights - Wikipedia</title>")
    assert "Written by: Ines Marlowe; Petr Novak" in doc.text
    film = film_of(doc)
    assert sorted(film["writers"]) == ["Ines Marlowe", "Petr Novak"]
    assert [c["actor"] for c in film["cast"]] == ["Ada Quinn", "Joel Fenn", "Olga Horka"]
    releases = {(r["territory"], r["date"]) for r in film["releases"]}
    assert ("GB", "2022-03-11") in releases  # each item with its own place
    assert ("GB", "2022-03-04") not in releases  # not the Berlin date with the UK's name
    assert film["runtime_min"] == 108


def test_a_user_reviews_heading_over_navigation_is_no_review():
    text = (
        "Harbour Lights (2021)\n\nDirector: Ines Marlowe\nStars: Ada Quinn, Joel Fenn\n"
        "Runtime: 108 min\nGenres: Drama\n\nUser Reviews\n\nMessage Boards\n"
        "Discuss Harbour Lights (2021) on the message boards »\n"
    )
    film = film_of(document_from_bytes(text.encode("utf-8"), "listing.txt", ".txt"))
    assert film["review"] is None


WRAPPED_LD = """<script type="application/ld+json">
/* <![CDATA[ */
{"@context":"http://schema.org","@type":["Movie","CreativeWork"],"name":"Quiet Harbour",
 "director":[{"@type":"Person","name":"Ines Marlowe"}],
 "actor":[{"@type":"Person","name":"Tomas Reyes"},{"@type":"Person","name":"Ada Lind"}],
 "genre":["Drama"],"duration":"PT1H48M",
 "description":"A keeper	and her brother."}
/* ]]> */
</script>"""


def test_json_ld_wrapped_in_cdata_with_a_type_list_is_read():
    doc = html_doc("<h1>Quiet Harbour</h1><p>Members' notes on the film.</p>", WRAPPED_LD)
    assert [o["name"] for o in doc.structured if "Movie" in o["@type"]] == ["Quiet Harbour"]
    film = film_of(doc)
    assert film["title"] == "Quiet Harbour"
    assert film["directors"] == ["Ines Marlowe"]
    assert {c["actor"] for c in film["cast"]} >= {"Tomas Reyes", "Ada Lind"}
    assert film["runtime_min"] == 108


def test_the_film_a_json_ld_review_is_about_is_read():
    ld = """<script type="application/ld+json">{"@context":"https://schema.org","@type":"Review",
    "author":{"@type":"Person","name":"Jo Critic"},
    "itemReviewed":{"@type":"Movie","name":"Quiet Harbour","director":{"@type":"Person","name":"Ines Marlowe"}},
    "reviewRating":{"@type":"Rating","ratingValue":"4","bestRating":"5"}}</script>"""
    doc = html_doc("<h1>A quiet triumph</h1><p>It is a gentle, moving film.</p>", ld)
    assert "Quiet Harbour" in [o.get("name") for o in doc.structured]
    assert film_of(doc)["directors"] == ["Ines Marlowe"]


def test_an_encyclopedia_article_layout():
    """An invented film in the layout of an encyclopedia article (tests/data/encyclopedia_layout
    .html, written for this test): infobox rows with list values, labels broken over two lines,
    hidden copies of dates, a lead "X (Language: Y) is a 2019 … film", a cast section, a navbox
    of the director's other films and a festival premiere in prose."""
    from pathlib import Path

    raw = (Path(__file__).parent / "data" / "encyclopedia_layout.html").read_bytes()
    doc = document_from_bytes(raw, "encyclopedia_layout.html", ".html")
    assert "(2019-09-06)" not in doc.text  # a hidden copy is not text
    assert "Production companies:" in doc.text
    film = film_of(doc)
    assert film["title"] == "Harbour Lights"
    assert film["year"] == 2019
    assert film["directors"] == ["Ines Marlowe"]
    assert set(film["writers"]) == {"Ines Marlowe", "Per Holm"}
    assert {c["actor"]: c["character"] for c in film["cast"]} == {
        "Ada Lind": "Kari",
        "Tomas Reyes": "Jonas",
        "Mia Sand": "Liv",
    }
    assert film["runtime_min"] == 108
    assert film["genres"] == ["drama"]
    assert film["composers"] == ["Ragnar Eide"]
    assert set(film["production_companies"]) == {"Nordlys Film", "Fjord Pictures"}
    releases = {(r["territory"], r["date"]) for r in film["releases"]}
    assert ("NO", "2019-10-18") in releases
    assert ("NO", "2019-09-06") not in releases  # the Toronto premiere is not Norway's
