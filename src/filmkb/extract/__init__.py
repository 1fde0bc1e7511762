"""Per-document extraction: ``Document`` → ``DocumentExtraction`` (typed facts with evidence).

The pipeline runs these registered components in order; each reads the ``Context`` (the
document and what earlier components found) and adds ``Found`` facts:

1. ``kind.model``          document kind (review, press_release, news, listing, blog): learned
2. ``fields``              "Label: value" lines and label headings (runtime, rating, …)
3. ``castlist``            cast lists under a "Cast" heading (actor / character lines)
4. ``titles.main``         the page's film: title, year, original title
   ``mentions``            films named in passing: "Steel Rain (2017)", quoted titles, "film X"
5. ``credits.crew``        "directed by", "written by", "Director X"
6. ``credits.starring``    "starring A, B and C"
7. ``credits.roles``       "X, portrayed by Y", "Y as X", "Y plays X"
8. ``credits.parens``      "Kyu-nam (LEE Je-hoon)"; "Lee Je-Hoon (Time To Hunt)"
   ``credits.characters`` characters of actors found by any component: "Max (Hardy)"
9. ``credits.cues``        the registry's cue words: "music by X", "production company Y"
10. ``runtime``, ``years.block``, ``genres``, ``releases``, ``review``

Each component declares what it ``assigns``; ``Context.add`` refuses anything else.
``assemble`` then groups the facts by film, merges spellings within the page and returns a
``DocumentExtraction`` (films[0] = the film the page is about).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from filmkb.extract.pipeline import (
        EXTRACTOR_VERSION,
        PIPELINE,
        context_before,
        extract_document,
        extract_paths,
    )

# The pipeline (``extract.pipeline``) loads on first use (PEP 562): a submodule such as
# ``extract.territories`` can be imported without the extractors and their models.
__all__ = ["EXTRACTOR_VERSION", "PIPELINE", "context_before", "extract_document", "extract_paths"]
_EXPORTS = frozenset(__all__)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'filmkb.extract' has no attribute {name!r}")
    value = getattr(import_module("filmkb.extract.pipeline"), name)
    globals()[name] = value
    return value
