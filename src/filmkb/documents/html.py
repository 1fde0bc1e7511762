"""HTML → main text (trafilatura), schema.org JSON-LD objects and OpenGraph metadata."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

import lxml.html
import trafilatura
from lxml import etree

from filmkb.errors import ReadError

BLOCK_TAGS = {
    "p",
    "div",
    "br",
    "li",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "header",
    "footer",
    "dt",
    "dd",
    "table",
    "ul",
    "ol",
    "blockquote",
    "td",
    "th",
}


@dataclass
class ParsedHTML:
    text: str
    title: str | None = None
    structured: list[dict[str, Any]] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)


def parse_html(html: str, source: str) -> ParsedHTML:
    try:
        tree = lxml.html.fromstring(html)
    except (etree.ParserError, ValueError) as err:
        raise ReadError(f"malformed HTML ({err})", source) from err
    if tree is None:
        raise ReadError("malformed HTML (no document element)", source)
    structured = _json_ld(tree)
    meta = _meta(tree)
    rating = _rating_widget(tree)
    if rating:
        meta.setdefault("filmkb:rating", rating)
    title = meta.get("og:title") or _first_text(tree, "//title") or _first_text(tree, "//h1")
    text = _main_text(html, tree)
    text += _dropped_tables(tree, text)
    heading = _first_text(tree, "//h1") or title
    if heading and heading.strip() not in text[:500]:
        text = heading.strip() + "\n\n" + text
    if not text.strip():
        raise ReadError("malformed HTML (no readable text)", source)
    return ParsedHTML(text=text, title=title, structured=structured, meta=meta)


def _main_text(html: str, tree: Any) -> str:
    text = None
    try:
        text = trafilatura.extract(
            html,
            include_tables=True,
            include_comments=False,
            include_links=False,
            include_images=False,
            favor_recall=True,
            deduplicate=False,
        )
    except Exception:  # trafilatura raises assorted errors on odd markup; fall back below
        text = None
    fallback = _plain_text(tree)
    if not text or len(text) < 0.2 * len(fallback):
        text = fallback
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def _dropped_tables(tree: Any, text: str) -> str:
    """Credit tables the main-text extractor left out (IMDb's cast list), as text lines.

    Each row becomes "cell ... cell"; a table whose class, id or first row says "cast" gets a
    "Cast" heading so the cast-list extractor reads it like any other cast list.
    """
    out = []
    for table in tree.xpath("//table[not(.//table)]"):
        rows = []
        for tr in table.xpath(".//tr"):
            cells = [" ".join(td.text_content().split()) for td in tr.xpath("./td|./th")]
            cells = [c for c in cells if c and c not in {"...", "…"}]
            if cells:
                rows.append(cells)
        pairs = [r for r in rows if 2 <= len(r) <= 4]
        if len(pairs) < 3 or sum(r[-1] in text for r in pairs) >= len(pairs) / 2:
            continue
        marker = " ".join(
            [table.get("class") or "", table.get("id") or "", " ".join(rows[0])]
        ).lower()
        heading = "Cast" if "cast" in marker else "Table"
        lines = [" ... ".join(r) for r in pairs]
        out.append("\n\n" + heading + "\n" + "\n".join(lines) + "\n")
    return "".join(out)


def _plain_text(tree: Any) -> str:
    """Text of the body with block elements on their own lines (scripts/styles dropped)."""
    for bad in tree.xpath("//script|//style|//noscript|//template"):
        bad.drop_tree()
    parts: list[str] = []

    def walk(el: Any) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in BLOCK_TAGS:
            parts.append("\n")
        if el.text and tag:
            parts.append(el.text)
        for child in el:
            walk(child)
        if tag in BLOCK_TAGS:
            parts.append("\n")
        if el.tail:
            parts.append(el.tail)

    body = tree.find(".//body")
    walk(body if body is not None else tree)
    text = "".join(parts)
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    text = re.sub(r" *\n *", "\n", text)
    return text.strip()


def _json_ld(tree: Any) -> list[dict[str, Any]]:
    objects: list[dict[str, Any]] = []
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        raw = (script.text or "").strip()
        if not raw:
            continue
        try:
            data = json.loads(raw)
        except json.JSONDecodeError:
            continue
        _collect(data, objects)
    return objects


def _collect(data: Any, out: list[dict[str, Any]]) -> None:
    if isinstance(data, list):
        for item in data:
            _collect(item, out)
    elif isinstance(data, dict):
        if "@graph" in data:
            _collect(data["@graph"], out)
        if "@type" in data:
            out.append(data)


_RATING_CLASS = re.compile(r"rating|stars|score|grade|verdict", re.IGNORECASE)
_RATING_TEXT = re.compile(
    r"\d+(?:\.\d+)?\s*(?:/|out of)\s*\d+(?:\s*stars?)?|[★☆]{3,}½?|\b[A-F][+-]?$"
)


def _rating_widget(tree: Any) -> str | None:
    """A review's rating shown as a widget the main text drops: "★★★★☆", aria-label "4 out of 5"."""
    for el in tree.xpath("//*[@class or @itemprop or @aria-label]")[:3000]:
        marker = " ".join(filter(None, (el.get("class"), el.get("itemprop"), el.get("aria-label"))))
        if not _RATING_CLASS.search(marker):
            continue
        for value in (el.get("aria-label"), el.get("content"), el.get("title"), el.text_content()):
            value = " ".join((value or "").split())
            if value and len(value) <= 40:
                m = _RATING_TEXT.search(value)
                if m:
                    return m.group().strip()
    return None


def _meta(tree: Any) -> dict[str, str]:
    meta: dict[str, str] = {}
    for el in tree.xpath("//meta"):
        key = el.get("property") or el.get("name")
        value = el.get("content")
        if key and value and key.lower() not in meta:
            meta[key.lower()] = value.strip()
    return meta


def _first_text(tree: Any, xpath: str) -> str | None:
    found = tree.xpath(xpath)
    if not found:
        return None
    text = " ".join(found[0].text_content().split())
    return text or None
