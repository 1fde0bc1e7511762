"""Spec: resolution reads small evidence tables kept up to date, and an ingest re-resolves
only the documents connected to the new one.

* ``film_evidence`` / ``evidence_person_films`` / ``evidence_person_names`` always equal what recomputing them
  from the claims gives — after ingest, replace, forget, a rebuild, a triples import;
* ingesting a page about an unrelated film leaves the other films' claims untouched (they
  are not resolved again), while a page connected to them is resolved with them in the
  canonical order;
* in a connected group too large to resolve whole, only the documents after the new one
  that share a rare key with it are resolved again (a star's name is not followed).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from filmkb import FilmKB
from filmkb import core as core_module
from filmkb.ask.triples import import_triples
from filmkb.resolve.films import FilmFacts, FilmMention, facts_from_evidence, judge_candidate
from filmkb.store import evidence, resolution

HARBOUR = (
    "Harbour (2019)\n\nHarbour is a 2019 South Korean thriller film directed by Kim Min-ho. "
    "It stars Park Ji-woo and Lee Seo-yeon.\n\nRunning time: 112 minutes\n"
)
HARBOUR_REVIEW = (
    "Review: Harbour (2019)\n\nKim Min-ho's Harbour is a tense thriller. Park Ji-woo is "
    "superb as the pilot.\n\nDirected by Min-ho Kim. Running time: 112 minutes.\n"
)
MEADOW = (
    "Green Meadow (2003)\n\nGreen Meadow is a 2003 drama film directed by Tomas Varga. It "
    "stars Ilse Brandt and Jonas Ek.\n\nRunning time: 95 minutes\n"
)
TRIPLES = "Green Meadow|directed_by|Tomas Varga\nGreen Meadow|release_year|2003\n"


def _evidence_rows(kb: FilmKB) -> dict[str, list[tuple]]:
    out = {}
    for table in ("film_evidence", "evidence_person_films", "evidence_person_names"):
        out[table] = sorted(tuple(r) for r in kb.conn.execute(f"SELECT * FROM {table}"))
    return out


def _assert_evidence_consistent(kb: FilmKB) -> None:
    kept = _evidence_rows(kb)
    kb.conn.execute("BEGIN")
    evidence.recompute(kb.conn)
    recomputed = _evidence_rows(kb)
    kb.conn.execute("ROLLBACK")
    assert kept == recomputed
    assert kept["film_evidence"] and kept["evidence_person_films"] and kept["evidence_person_names"]


def _write(folder: Path, pages: dict[str, str]) -> dict[str, Path]:
    folder.mkdir(exist_ok=True)
    out = {}
    for name, text in pages.items():
        (folder / name).write_text(text)
        out[name] = folder / name
    return out


def test_evidence_tables_follow_every_write(tmp_path: Path) -> None:
    paths = _write(tmp_path / "p", {"h.txt": HARBOUR, "r.txt": HARBOUR_REVIEW, "m.txt": MEADOW})
    kb = FilmKB(":memory:")
    kb.ingest(list(paths.values()))
    _assert_evidence_consistent(kb)
    paths["r.txt"].write_text(HARBOUR_REVIEW.replace("tense", "taut"))  # replaced
    kb.ingest([paths["r.txt"]])
    _assert_evidence_consistent(kb)
    assert kb.forget(str(paths["h.txt"]))
    _assert_evidence_consistent(kb)
    kb_file = tmp_path / "kb.txt"
    kb_file.write_text(TRIPLES)
    import_triples(kb.conn, kb_file)
    _assert_evidence_consistent(kb)
    kb.merge("person", "Kim Min-ho", "Min-ho Kim")  # a whole rebuild
    _assert_evidence_consistent(kb)


def test_a_film_year_counts_documents_not_claims(tmp_path: Path) -> None:
    paths = _write(tmp_path / "p", {"h.txt": HARBOUR, "r.txt": HARBOUR_REVIEW})
    kb = FilmKB(":memory:")
    kb.ingest(list(paths.values()))
    (film_id,) = [f["id"] for f in kb.films()]
    found = evidence.film_evidence(kb.conn, film_id)
    facts = facts_from_evidence(found)
    assert facts.best_year == 2019
    assert facts.years[2019] == 2  # two documents, however many year claims each makes
    assert "Kim Min-ho" in facts.directors


def test_an_unrelated_page_leaves_other_films_untouched(tmp_path: Path) -> None:
    paths = _write(tmp_path / "p", {"h.txt": HARBOUR, "r.txt": HARBOUR_REVIEW, "m.txt": MEADOW})
    kb = FilmKB(":memory:")
    kb.ingest([paths["h.txt"], paths["r.txt"]])
    before = kb.conn.execute("SELECT id, person_id, film_id FROM claims ORDER BY id").fetchall()
    kb.ingest([paths["m.txt"]])
    after = kb.conn.execute(
        "SELECT id, person_id, film_id FROM claims WHERE id <= ? ORDER BY id", (before[-1][0],)
    ).fetchall()
    assert [tuple(r) for r in after] == [tuple(r) for r in before]  # not resolved again
    # a page connected to Harbour is resolved with it: Harbour's claims are stored again
    # (in the canonical order), Green Meadow's are not touched
    meadow = _claim_ids(kb, "m.txt")
    harbour = _claim_ids(kb, "h.txt")
    paths["r.txt"].write_text(HARBOUR_REVIEW + "\nPark Ji-woo returns.\n")
    kb.ingest([paths["r.txt"]])
    assert _claim_ids(kb, "m.txt") == meadow
    assert not _claim_ids(kb, "h.txt") & harbour
    assert resolution.pending_documents(kb.conn) == []


def _claim_ids(kb: FilmKB, name: str) -> set[int]:
    rows = kb.conn.execute(
        "SELECT c.id FROM claims c JOIN documents d ON d.id = c.document_id WHERE d.source LIKE ?",
        (f"%/{name}",),
    )
    return {r[0] for r in rows}


def test_the_group_is_the_documents_sharing_keys(tmp_path: Path) -> None:
    paths = _write(tmp_path / "p", {"h.txt": HARBOUR, "r.txt": HARBOUR_REVIEW, "m.txt": MEADOW})
    kb = FilmKB(":memory:")
    kb.ingest(list(paths.values()))
    ids = kb.document_ids([str(p.resolve()) for p in paths.values()])
    h, r, m = (ids[str(paths[n].resolve())] for n in ("h.txt", "r.txt", "m.txt"))
    assert resolution.connected_documents(kb.conn, [h]) == {h, r}
    assert resolution.connected_documents(kb.conn, [m]) == {m}
    assert resolution.connected_documents(kb.conn, [h], limit=1) is None
    near = resolution.nearby_documents(kb.conn, [h, r], set(), max_key_documents=10)
    assert near == {h, r}
    # a key more documents share than the bound is not followed
    assert resolution.nearby_documents(kb.conn, [h], set(), max_key_documents=1) == {h}


def test_a_large_group_is_resolved_near_the_new_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(core_module, "MAX_GROUP", 1)
    paths = _write(tmp_path / "p", {"h.txt": HARBOUR, "r.txt": HARBOUR_REVIEW, "m.txt": MEADOW})
    kb = FilmKB(":memory:")
    for path in paths.values():
        assert kb.ingest([path]).ok
    titles = sorted(f["title"] for f in kb.films())
    assert titles == ["Green Meadow", "Harbour"]  # the review still joins its film
    _assert_evidence_consistent(kb)


def test_judging_a_candidate_needs_no_database() -> None:
    facts = FilmFacts(titles={"Harbour"}, directors={"Kim Min-ho"}, people={"Kim Min-ho"})
    facts.years[2019] += 2
    same = FilmMention(title="Harbour", year=2019, directors=["Min-ho Kim"], people=["Min-ho Kim"])
    other = FilmMention(title="Harbour", year=2021, directors=["Choi Dae-jung"])
    assert judge_candidate(same, facts) is not None
    assert judge_candidate(other, facts) is None
