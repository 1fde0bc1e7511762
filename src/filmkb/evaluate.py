"""Score extractions against hand-written gold files (shape of ``shared/eval/README.md``).

Per fact, for the main film (films[0]), every fact type of ``filmkb.facts`` with a gold key
(scored by its value kind): title, year, original title, directors, writers, cast actors, cast
characters, runtime, genres, release dates / territories / distributors / certifications,
review verdict and author, composers, production companies. A fact type the gold film does
not annotate (an older gold file) is not scored. Mentioned films are scored on their titles.
Names match ignoring case, hyphens and spaces; a name of two or more words matches a longer
one that contains it ("Gyu-nam" ~ "Lim Gyu-nam"); ranks ("Sgt.", "Major") are ignored; a gold
value "a|b" accepts either spelling; gold territory null accepts any value.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from filmkb import facts

RANK_WORDS = {
    "sgt",
    "sergeant",
    "major",
    "maj",
    "captain",
    "capt",
    "lieutenant",
    "lt",
    "colonel",
    "col",
    "general",
    "gen",
    "private",
    "pvt",
    "corporal",
    "cpl",
    "officer",
    "dr",
    "mr",
    "mrs",
    "ms",
    "second",
    "first",
}


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Tally) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn


@dataclass
class Report:
    fields: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    mentioned: Tally = field(default_factory=Tally)
    kind_right: int = 0
    documents: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)  # fp / fn details

    @property
    def main(self) -> Tally:
        total = Tally()
        for t in self.fields.values():
            total.add(t)
        return total

    def to_dict(self) -> dict[str, Any]:
        def row(t: Tally) -> dict[str, Any]:
            return {
                "tp": t.tp,
                "fp": t.fp,
                "fn": t.fn,
                "precision": round(t.precision, 4),
                "recall": round(t.recall, 4),
                "f1": round(t.f1, 4),
            }

        return {
            "documents": self.documents,
            "main": row(self.main),
            "fields": {k: row(v) for k, v in sorted(self.fields.items())},
            "mentioned_titles": row(self.mentioned),
            "kind_accuracy": round(self.kind_right / self.documents, 4) if self.documents else None,
        }


def name_tokens(name: str) -> list[str]:
    text = unicodedata.normalize("NFKC", name).lower()
    words = re.findall(r"[^\W_]+", text)
    while len(words) > 1 and words[0] in RANK_WORDS:
        words = words[1:]
    return words


def names_match(pred: str | None, gold: str | None) -> bool:
    if pred is None or gold is None:
        return False
    for alt in gold.split("|"):
        p, g = name_tokens(pred), name_tokens(alt)
        if not p or not g:
            continue
        if "".join(p) == "".join(g):
            return True
        short, long_ = (p, g) if len(p) <= len(g) else (g, p)
        if len(short) >= 2 and any(long_[i : i + len(short)] == short for i in range(len(long_))):
            return True
    return False


def titles_match(pred: str | None, gold: str | None) -> bool:
    if pred is None or gold is None:
        return False
    key = lambda s: re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", s).lower())  # noqa: E731
    return any(key(pred) == key(alt) for alt in gold.split("|"))


def dates_match(pred: str | None, gold: str | None) -> bool:
    if not pred or not gold:
        return False
    if pred == gold:
        return True
    if gold.startswith("--"):
        return pred.endswith(gold[1:]) or pred == gold
    return False


def _match_lists(pred: list[Any], gold: list[Any], same) -> tuple[Tally, list[tuple[Any, Any]]]:  # noqa: ANN001
    used: set[int] = set()
    pairs = []
    tally = Tally()
    for p in pred:
        hit = next((i for i, g in enumerate(gold) if i not in used and same(p, g)), None)
        if hit is None:
            tally.fp += 1
        else:
            used.add(hit)
            tally.tp += 1
            pairs.append((p, gold[hit]))
    tally.fn += len(gold) - len(used)
    return tally, pairs


def score_document(pred: dict[str, Any], gold: dict[str, Any], report: Report) -> None:
    report.documents += 1
    if pred.get("kind") == gold.get("kind"):
        report.kind_right += 1
    pfilms, gfilms = pred.get("films") or [], gold.get("films") or []
    p0 = pfilms[0] if pfilms else {}
    g0 = gfilms[0] if gfilms else {}
    src = gold.get("source")

    def note(field_name: str, tally: Tally, pv: Any, gv: Any) -> None:
        report.fields[field_name].add(tally)
        if tally.fp or tally.fn:
            report.errors.append({"source": src, "field": field_name, "pred": pv, "gold": gv})

    for fact_type in facts.FACTS:
        key, score = fact_type.gold, _SCORERS.get(fact_type.value)
        if key is None or score is None or (g0 and key not in g0):
            continue  # not scored, or the gold file does not annotate this fact type
        score(key, p0, g0, note)
    mt, _ = _match_lists(
        [f.get("title") for f in pfilms[1:]], [f.get("title") for f in gfilms[1:]], titles_match
    )
    report.mentioned.add(mt)
    if mt.fp or mt.fn:
        report.errors.append(
            {
                "source": src,
                "field": "mentioned",
                "pred": [f.get("title") for f in pfilms[1:]],
                "gold": [f.get("title") for f in gfilms[1:]],
            }
        )


Note = Callable[[str, "Tally", Any, Any], None]  # report one field's tally (and its errors)


def _score_single(same: Callable[[Any, Any], bool]) -> Callable[..., None]:
    def score(key: str, p0: dict, g0: dict, note: Note) -> None:
        pv, gv = p0.get(key), g0.get(key)
        t = Tally()
        _count_value(t, pv, gv, same, stated=lambda v: v is not None)
        note(key, t, pv, gv)

    return score


def _score_names(key: str, p0: dict, g0: dict, note: Note) -> None:
    t, _ = _match_lists(p0.get(key) or [], g0.get(key) or [], names_match)
    note(key, t, p0.get(key), g0.get(key))


def _score_genres(key: str, p0: dict, g0: dict, note: Note) -> None:
    t, _ = _match_lists(
        [g.lower() for g in p0.get(key) or []],
        [g.lower() for g in g0.get(key) or []],
        lambda a, b: a == b or a.rstrip("s") == b.rstrip("s"),
    )
    note(key, t, p0.get(key), g0.get(key))


def _score_cast(key: str, p0: dict, g0: dict, note: Note) -> None:
    pcast, gcast = p0.get(key) or [], g0.get(key) or []
    t, pairs = _match_lists(pcast, gcast, lambda a, b: names_match(a.get("actor"), b.get("actor")))
    note(f"{key}_actors", t, [c.get("actor") for c in pcast], [c.get("actor") for c in gcast])
    ct = Tally()
    for p, g in pairs:
        _count_value(ct, p.get("character"), g.get("character"), names_match)
    matched_gold = {id(g) for _, g in pairs}
    matched_pred = {id(p) for p, _ in pairs}
    ct.fn += sum(1 for g in gcast if g.get("character") and id(g) not in matched_gold)
    ct.fp += sum(1 for p in pcast if p.get("character") and id(p) not in matched_pred)
    note(
        f"{key}_characters",
        ct,
        [(c.get("actor"), c.get("character")) for c in pcast],
        [(c.get("actor"), c.get("character")) for c in gcast],
    )


def _score_review(key: str, p0: dict, g0: dict, note: Note) -> None:
    pr, gr = p0.get(key), g0.get(key)
    for part in ("verdict", "author"):
        pv = (pr or {}).get(part)
        gv = (gr or {}).get(part)
        t = Tally()
        same = (lambda a, b: a == b) if part == "verdict" else names_match
        _count_value(t, pv, gv, same)
        note(f"{key}_{part}", t, pv, gv)


def _count_value(t: Tally, pred: Any, gold: Any, same, stated=bool) -> None:  # noqa: ANN001
    """One stated fact: right (tp), wrong (fp + fn), extra (fp) or missed (fn)."""
    if stated(pred) and stated(gold):
        if same(pred, gold):
            t.tp += 1
        else:
            t.fp += 1
            t.fn += 1
    elif stated(pred):
        t.fp += 1
    elif stated(gold):
        t.fn += 1


def _same_code(a: Any, b: Any) -> bool:
    return str(a).replace("-", "").upper() == str(b).replace("-", "").upper()


_RELEASE_PART_MATCH = {
    "date": dates_match,
    "territory": _same_code,
    "distributor": names_match,
    "certification": _same_code,
}


def _score_releases(pred: list[dict], gold: list[dict], note) -> None:  # noqa: ANN001
    """Releases pair by date; each stated part (date, territory, distributor, certification)
    is a fact. Gold territory null accepts any value."""
    tallies = {
        k: Tally()
        for k in (
            "release_date",
            "release_territory",
            "release_distributor",
            "release_certification",
        )
    }
    used: set[int] = set()
    pairs: list[tuple[dict | None, dict | None]] = []
    for p in pred:
        same_date = [
            i
            for i, g in enumerate(gold)
            if i not in used
            and (
                dates_match(p.get("date"), g.get("date"))
                or (not p.get("date") and not g.get("date"))
            )
        ]
        # many releases share a date (a box-office table): pair with the one of the same
        # territory first, then one whose territory is not stated, then any
        hit = max(same_date, key=lambda i: _territory_fit(p, gold[i]), default=None)
        if hit is None and len(gold) == 1 and len(pred) == 1 and 0 not in used:
            hit = 0
        if hit is not None:
            used.add(hit)
            pairs.append((p, gold[hit]))
        else:
            pairs.append((p, None))
    for i, g in enumerate(gold):
        if i not in used:
            pairs.append((None, g))
    for pred_release, gold_release in pairs:
        p = pred_release or {}
        g = gold_release or {}
        for part, key in (
            ("date", "release_date"),
            ("territory", "release_territory"),
            ("distributor", "release_distributor"),
            ("certification", "release_certification"),
        ):
            pv, gv = p.get(part), g.get(part)
            t = tallies[key]
            if part == "territory" and g and gv is None:
                continue
            _count_value(t, pv, gv, _RELEASE_PART_MATCH[part])
    for key, t in tallies.items():
        note(key, t, pred, gold)


def _territory_fit(p: dict, g: dict) -> int:
    if g.get("territory") is None:
        return 1
    return 2 if _RELEASE_PART_MATCH["territory"](p.get("territory"), g.get("territory")) else 0


def _score_release_list(key: str, p0: dict, g0: dict, note: Note) -> None:
    _score_releases(p0.get(key) or [], g0.get(key) or [], note)


# how each value kind is scored (a text such as the synopsis is not)
_SCORERS: dict[str, Callable[[str, dict, dict, Note], None]] = {
    facts.TITLE: _score_single(titles_match),
    facts.NUMBER: _score_single(lambda a, b: int(a) == int(b)),
    facts.PERSON: _score_names,
    facts.COMPANY: _score_names,
    facts.GENRE: _score_genres,
    facts.CAST: _score_cast,
    facts.RELEASE: _score_release_list,
    facts.REVIEW: _score_review,
}


def load_gold(gold_dir: str | Path) -> dict[str, dict[str, Any]]:
    out = {}
    for path in sorted(Path(gold_dir).glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        out[data.get("source") or path.stem] = data
    return out


def pool_documents(pool: str | Path, wanted: set[str]):  # noqa: ANN201
    """Documents of a page pool (JSONL rows with ``id`` and ``text``, as in
    ``shared/data/film-pages``) whose id is in ``wanted``; the id is the document's source."""
    from filmkb.documents.read import document_from_bytes

    with Path(pool).open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            if row.get("id") in wanted:
                yield document_from_bytes(row["text"].encode("utf-8"), row["id"], ".txt")


def evaluate(gold_dir: str | Path, paths: Sequence[str | Path]) -> Report:
    """Extract every document under ``paths`` and score those that have a gold file. A
    ``.jsonl`` path is a page pool: its rows named by a gold file's ``source`` are scored."""
    from filmkb.errors import ReadError
    from filmkb.extract import extract_document, extract_paths
    from filmkb.extract.gold import to_gold

    gold = load_gold(gold_dir)
    report = Report()
    pools = [p for p in paths if str(p).endswith(".jsonl")]
    files = [p for p in paths if not str(p).endswith(".jsonl")]
    extractions = [] if not files else extract_paths(files)
    for ex in extractions:
        if isinstance(ex, ReadError):
            continue
        name = ex.document.name
        if name in gold:
            score_document(to_gold(ex, evidence=False), gold[name], report)
    for pool in pools:
        for doc in pool_documents(pool, set(gold)):
            score_document(to_gold(extract_document(doc), evidence=False), gold[doc.source], report)
    return report
