"""Questions in plain English over filmkb's facts, and importing knowledge bases.

    from filmkb.ask import Ask, import_triples
    import_triples(kb.conn, "kb.txt")          # MetaQA / WikiMovies subject|relation|object
    result = Ask(kb).ask("who plays Hyun-sang in Escape?")
    result.names, result.answers[0].facts      # answers, and the sourced claims behind each

Modules, in the order a question goes through them: ``link`` (clean the line, find the
entity), ``fields`` (page-only fields: characters, releases, certifications, distributors,
runtimes, reviews), ``templates`` (template → relation path, learned by
``scripts/learn_ask_templates.py``), ``graph`` (the store as an in-memory graph),
``answer`` (``Ask``). ``triples`` imports KB files; ``evaluate`` scores QA files.
"""

from filmkb.ask.answer import Answer, Ask, Fact, Result, ask
from filmkb.ask.triples import ImportResult, import_triples

__all__ = ["Answer", "Ask", "Fact", "ImportResult", "Result", "ask", "import_triples"]
