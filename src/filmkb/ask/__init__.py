"""Questions in plain English over filmkb's facts, and importing knowledge bases.

    from filmkb.ask import Ask, import_triples
    import_triples(kb, "kb.txt")               # MetaQA / WikiMovies subject|relation|object
    result = Ask(kb).ask("who plays Hyun-sang in Escape?")
    result.names, result.answers[0].facts      # answers, and the sourced claims behind each

Modules, in the order a question goes through them: ``link`` (clean the line, find the
entity), ``fields`` (page-only fields: characters, releases, certifications, distributors,
runtimes, reviews), ``templates`` (template → relation path, learned by
``scripts/learn_ask_templates.py``), ``graph`` (the store's question graph: tables built
once when the store changed, ``store.ask_graph``, read lazily), ``answer`` (``Ask``).
``triples`` imports KB files (streamed, ``store.kb``); ``evaluate`` scores QA files.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from filmkb.ask.answer import Answer, Ask, Fact, Result, ask

if TYPE_CHECKING:
    from filmkb.ask.triples import ImportResult, import_triples

__all__ = ["Answer", "Ask", "Fact", "ImportResult", "Result", "ask", "import_triples"]


def __getattr__(name: str) -> Any:
    """``import_triples`` / ``ImportResult`` load the importer (and the film resolver) on
    first use: answering a question does not need them."""
    if name in ("ImportResult", "import_triples"):
        from filmkb.ask import triples

        return getattr(triples, name)
    raise AttributeError(f"module 'filmkb.ask' has no attribute {name!r}")
