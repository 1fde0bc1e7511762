"""Structure-aware reading of HTML: the page as typed blocks with offsets into its text.

One pass over the lxml tree gives every block — heading (with level), paragraph, list item,
table row (cells and the table's column headers), definition term/description pairs, infobox
rows (a header cell and a value cell) — and marks what is boilerplate: navigation, header and
footer bars, sidebars and "related"/"trending" rails, comments, ads, share and sign-in widgets
(by tag, ARIA role, or class/id words from ``boilerplate_words.txt``, never an element that holds
the page's main heading). The document text is the content blocks one per line, then the
boilerplate blocks after a blank line; every block knows its span, so extractors can ask
whether a span is boilerplate (and ``Context.add`` refuses facts there).

Rendering: an infobox row or a <dt>/<dd> pair becomes "Label: value"; a table row with
column headers keeps its cells; a cast table is preceded by its caption or heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

_SKIP = {"script", "style", "noscript", "template", "svg", "iframe", "button", "select", "option",
         "input", "textarea", "head", "title", "meta", "link", "object", "embed", "canvas"}  # fmt: skip
_BOILER_TAGS = {"nav", "footer", "aside", "form"}
_BOILER_ROLES = {
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "search",
    "menu",
    "menubar",
}
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_PARA = {"p", "div", "section", "article", "main", "blockquote", "header", "figcaption", "caption",
         "center", "address", "pre", "body", "html", "td", "th", "fieldset",
         "details", "summary", "figure", "ul", "ol", "dl", "table", "tbody", "thead", "tfoot"}  # fmt: skip
_WS = re.compile(r"\s+")
_CONTENT_MARKER = re.compile(
    r"(?i)(?:movie|film|title)[-_]?(?:profile|info|details|data|facts)|infobox|credits|premieres"
)


@dataclass
class Block:
    kind: str  # heading | paragraph | list_item | table_row | infobox_row | definition
    text: str
    start: int = -1
    end: int = -1
    level: int = 0  # heading level 1–6
    cells: list[str] = field(default_factory=list)  # table row cells
    headers: list[str] = field(default_factory=list)  # the table's column headers
    label: str | None = None  # infobox row / definition: the label ("Director")
    value: str | None = None  # … and its value
    boilerplate: bool = False
    section: str | None = None  # the nearest heading above (content blocks)
    # the elements the block sits in (numbers of its ancestors, outermost first, unique within
    # the page): where a rail ends
    scope: tuple[int, ...] = field(default=(), repr=False, compare=False)


@lru_cache(maxsize=1)
def _word_lists() -> tuple[frozenset[str], re.Pattern[str]]:
    path = resources.files("filmkb.documents") / "boilerplate_words.txt"
    words, rails = set(), []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith(">"):
            rails.append(re.escape(line[1:].strip().lower()))
        else:
            words.add(line.lower())
    rail = re.compile(r"^\W*(?:" + "|".join(rails) + r")\b", re.IGNORECASE)
    return frozenset(words), rail


def _boiler_words() -> frozenset[str]:
    return _word_lists()[0]


def mark_rails(blocks: list[Block]) -> None:
    """A heading (or a short heading-like line) such as "More like this", "Related",
    "People who liked this also liked…", "Comments" opens a rail: it and what follows are
    boilerplate, up to the next heading of the same or a higher level or the end of the element
    that holds the rail (the nearest one holding the heading and what comes after it), so a
    "Related" box inside an article does not swallow the rest of the article."""
    rail = _word_lists()[1]
    level: int | None = None
    box: int | None = None
    for i, b in enumerate(blocks):
        if level is not None and (
            (b.kind == "heading" and b.level <= level) or (box is not None and box not in b.scope)
        ):
            level = None
        short = b.kind in ("heading", "paragraph") and len(b.text) <= 80
        if level is None and short and (rail.search(b.text) or rail.search(_strip_who(b.text))):
            level = b.level if b.kind == "heading" else 7
            box = _holder(b, blocks[i + 1] if i + 1 < len(blocks) else None)
        if level is not None:
            b.boilerplate = True


def _holder(b: Block, after: Block | None) -> int | None:
    """The innermost element holding both blocks (None when the scopes are unknown)."""
    if after is None or not b.scope or not after.scope:
        return None
    common = None
    for x, y in zip(b.scope, after.scope, strict=False):
        if x != y:
            break
        common = x
    return common


def _strip_who(text: str) -> str:
    # "People who liked this also liked..." → "also liked"
    return re.sub(r"^(?:people|users|viewers|fans)\s+who\s+\w+\s+this\s+", "", text, flags=re.I)


def boilerplate_marker(marker: str) -> bool:
    """Whether a class / id string names boilerplate: one of its words ("site-nav" → "nav"),
    camelCase parts ("relatedPosts" → "related") or hyphenated runs ("more-like-this")."""
    words = _boiler_words()
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", marker).lower()
    tokens = [t for t in re.split(r"[^a-z0-9]+", spaced) if t]
    if any(t in words for t in tokens):
        return True
    return any("-".join(tokens[i : i + n]) in words for n in (2, 3) for i in range(len(tokens)))


def _clean(text: str) -> str:
    return _WS.sub(" ", text).strip()


def _glued_links(node: Any) -> bool:
    """A link followed straight by another link, nothing between them (a list of names or
    genres laid out by CSS: "<a>Jean Seberg</a><a>Jean-Paul Belmondo</a>"): the page shows them
    apart, so the text keeps them apart with a comma."""
    if node.tag != "a" or (node.tail or "") != "":
        return False
    nxt = node.getnext()
    return nxt is not None and nxt.tag == "a" and bool((node.text_content() or "").strip())


def _hidden(el: Any) -> bool:
    """An element the page does not show (style display:none, the hidden attribute)."""
    style = (el.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or el.get("hidden") is not None


def _text_of(el: Any, items: bool = False) -> str:
    """The element's text on one line. ``items``: a value cell, where list items and line
    breaks separate values ("Ines Marlowe<br>Petr Novak" → "Ines Marlowe; Petr Novak")."""
    parts: list[str] = []

    def rec(node: Any) -> None:
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in _SKIP or (tag and _hidden(node)):  # hidden copies ("(2019-09-06)") are not text
            if node.tail and node is not el:
                parts.append(node.tail)
            return
        if tag == "br":
            parts.append("; " if items else " ")
        if node.text and tag:
            parts.append(node.text)
        for child in node:
            rec(child)
            if _glued_links(child):
                parts.append(", ")
        if items and tag == "li" and node.getnext() is not None:
            parts.append("; ")
        elif tag in ("p", "div", "li", "td", "th", "dd", "dt"):
            parts.append(" ")
        if node.tail and node is not el:
            parts.append(node.tail)

    rec(el)
    text = _clean("".join(parts))
    return re.sub(r"(?:\s*;\s*)+", "; ", text).strip(" ;") if items else text


class _Walker:
    def __init__(self, main: Any | None):
        self.blocks: list[Block] = []
        # numbers of the elements being walked, outermost first: each element walked gets the
        # next number, unique within the page (not ``id(el)``: lxml makes an element's Python
        # proxy anew and frees it after use, so a later element may get an earlier one's id —
        # which one depended on memory layout, and a rail's end with it)
        self.stack: list[int] = []
        self.walked = 0
        self.buf: list[str] = []
        self.main = main  # the element holding the main heading: never boilerplate
        self.protected: set[Any] = set()
        if main is not None:
            node = main
            while node is not None:
                self.protected.add(node)
                node = node.getparent()

    def is_boiler(self, el: Any) -> bool:
        if el in self.protected:
            return False
        tag = el.tag
        marker = " ".join(filter(None, (el.get("class"), el.get("id"))))
        if tag in _BOILER_TAGS:
            # an <aside> that says it holds the film's own profile is content
            return not (tag == "aside" and _CONTENT_MARKER.search(marker))
        if (el.get("role") or "").lower() in _BOILER_ROLES:
            return True
        if tag == "header" and el.find(".//h1") is None:
            return True
        if marker and boilerplate_marker(marker):
            return True
        return _hidden(el)

    def add(self, block: Block) -> None:
        block.scope = tuple(self.stack)
        self.blocks.append(block)

    def flush(self, boiler: bool) -> None:
        text = _clean("".join(self.buf))
        self.buf = []
        if text:
            self.add(Block("paragraph", text, boilerplate=boiler))

    def walk(self, el: Any, boiler: bool) -> None:
        self.walked += 1
        self.stack.append(self.walked)
        try:
            self._walk(el, boiler)
        finally:
            self.stack.pop()

    def _walk(self, el: Any, boiler: bool) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if not tag or tag in _SKIP:
            return
        tag = tag.lower()
        boiler = boiler or self.is_boiler(el)
        if tag in _HEADINGS:
            self.flush(boiler)
            text = _text_of(el)
            if text:
                self.add(Block("heading", text, level=_HEADINGS[tag], boilerplate=boiler))
            return
        if tag == "table":
            self.flush(boiler)
            self.table(el, boiler)
            return
        if tag == "dl":
            self.flush(boiler)
            self.definitions(el, boiler)
            return
        if tag == "li":
            self.flush(boiler)
            if el.find(".//li") is None and el.find(".//p") is None and el.find(".//div") is None:
                text = _text_of(el)
                if text:
                    self.add(Block("list_item", text, boilerplate=boiler))
                return
            self.children(el, boiler)
            self.flush(boiler)
            return
        if tag == "br":
            self.flush(boiler)
            return
        pair = _label_value(el) if tag in ("div", "p", "li") else None
        if pair:
            self.flush(boiler)
            label, value = pair
            self.add(Block("definition", f"{label}: {value}", label=label, value=value,
                           boilerplate=boiler))  # fmt: skip
            return
        block = tag in _PARA
        if block:
            self.flush(boiler)
        self.children(el, boiler)
        if block:
            self.flush(boiler)

    def children(self, el: Any, boiler: bool) -> None:
        if el.text:
            self.buf.append(el.text)
        for child in el:
            self.walk(child, boiler)
            if child.tail:
                self.buf.append(child.tail)
            elif _glued_links(child):
                self.buf.append(", ")

    def table(self, table: Any, boiler: bool) -> None:
        caption = table.find("caption")
        if caption is not None and _text_of(caption):
            self.add(Block("heading", _text_of(caption), level=6, boilerplate=boiler))
        rows = [tr for tr in table.iter("tr") if _own_table(tr, table)]
        headers: list[str] = []
        for tr in rows:
            cells_el = [c for c in tr if isinstance(c.tag, str) and c.tag in ("td", "th")]
            if not cells_el:
                continue
            if tr.find(".//table") is not None:  # a layout table: read the cells as blocks
                for c in cells_el:
                    self.walk(c, boiler)
                self.flush(boiler)
                continue
            # a header cell is a label: its line breaks are spaces ("Production<br>companies")
            cells = [_text_of(c, items=c.tag != "th") for c in cells_el]
            kinds = [c.tag for c in cells_el]
            if all(k == "th" for k in kinds) and len(cells) > 1 and not headers:
                headers = [c.lower() for c in cells]
                continue
            nonempty = [c for c in cells if c and c not in ("...", "…")]
            if not nonempty:
                continue
            if len(cells_el) == 2 and kinds[0] == "th" and kinds[1] == "td" and cells[0]:
                label = cells[0].rstrip(":： ")
                self.add(Block("infobox_row", f"{label}: {cells[1]}", label=label,
                                         value=cells[1], boilerplate=boiler))  # fmt: skip
                continue
            self.add(Block("table_row", " ... ".join(nonempty), cells=cells,
                                     headers=list(headers), boilerplate=boiler))  # fmt: skip

    def definitions(self, dl: Any, boiler: bool) -> None:
        term: str | None = None
        for child in dl:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag == "dt":
                term = _text_of(child).rstrip(":： ")
            elif tag == "dd":
                value = _text_of(child, items=True)
                if term and value:
                    self.add(Block("definition", f"{term}: {value}", label=term,
                                             value=value, boilerplate=boiler))  # fmt: skip
                elif value:
                    self.add(Block("paragraph", value, boilerplate=boiler))
            elif tag == "div":  # <dl><div><dt/><dd/></div></dl>
                self.definitions(child, boiler)


_LABEL_SHAPE = re.compile(r"^[^\W\d][\w .&'’/()-]{0,38}:?$")


def _label_value(el: Any) -> tuple[str, str] | None:
    """``<div><span>Running Time</span><span>1 hr 54 min</span></div>``: a label element and a
    value element side by side with nothing else between them — one "label: value" line (the
    page's own layout would otherwise glue them into "Running Time1 hr 54 min")."""
    if (el.text or "").strip():
        return None
    kids = [c for c in el if isinstance(c.tag, str)]
    if len(kids) != 2 or any((c.tail or "").strip() for c in kids):
        return None
    if any(c.tag not in ("span", "div", "strong", "b", "label", "em", "a") for c in kids):
        return None
    if kids[0].tag == "a" or len(kids[0]) > 1:
        return None
    label, value = _text_of(kids[0]), _text_of(kids[1])
    if not label or not value or not _LABEL_SHAPE.match(label) or len(label.split()) > 5:
        return None
    return label.rstrip(":： "), value


def _own_table(tr: Any, table: Any) -> bool:
    node = tr.getparent()
    while node is not None and node.tag != "table":
        node = node.getparent()
    return node is table


def read_blocks(tree: Any) -> list[Block]:
    """Blocks of a parsed page in document order (offsets not yet assigned)."""
    body = tree.find(".//body")
    walker = _Walker(tree.find(".//h1"))
    walker.walk(body if body is not None else tree, False)
    walker.flush(False)
    blocks = [b for b in walker.blocks if b.text]
    mark_rails(blocks)
    return blocks


def layout(blocks: list[Block]) -> str:
    """The document text: content blocks one per line (a blank line before headings), then the
    boilerplate blocks; assigns each block its span and its section heading."""
    parts: list[str] = []
    pos = 0
    section: str | None = None
    for boiler in (False, True):
        if boiler and any(b.boilerplate for b in blocks):
            parts.append("\n")
            pos += 1
        for b in blocks:
            if b.boilerplate != boiler:
                continue
            if b.kind == "heading" and parts and not parts[-1].endswith("\n\n"):
                parts.append("\n")
                pos += 1
            b.start, b.end = pos, pos + len(b.text)
            if b.kind == "heading":
                section = b.text
            elif not boiler:
                b.section = section
            parts.append(b.text + "\n")
            pos += len(b.text) + 1
    return "".join(parts)
