"""HTML → structured blocks and text (``blocks``), schema.org JSON-LD / microdata, OpenGraph and
<meta> metadata, a rating widget's value. One lxml parse per page."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

import lxml.html
from lxml import etree

from filmkb import errors
from filmkb.documents.blocks import Block, layout, read_blocks
from filmkb.errors import ReadError

# The parser checks each attribute against the tag's others (quadratic): a tag of a million
# attributes took minutes. An oversized tag keeps its first ``_MAX_ATTRIBUTES`` attributes.
_BIG_TAG = re.compile(r"<([A-Za-z][\w:.-]*)(\s[^<>]{4096,})>")
_ATTRIBUTE = re.compile(r"""[^\s=/>"']+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']+))?""")
_MAX_ATTRIBUTES = 64


def _tame_tags(html: str) -> str:
    def tame(match: re.Match[str]) -> str:
        kept: dict[str, str] = {}
        for attr in _ATTRIBUTE.finditer(match.group(2)):
            name = attr.group().split("=", 1)[0].strip().lower()
            kept.setdefault(name, attr.group())
            if len(kept) >= _MAX_ATTRIBUTES:
                break
        return f"<{match.group(1)} {' '.join(kept.values())}>"

    return _BIG_TAG.sub(tame, html)


@dataclass
class ParsedHTML:
    text: str
    title: str | None = None
    structured: list[dict[str, Any]] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
    blocks: list[Block] = field(default_factory=list)


def parse_html(html: str, source: str) -> ParsedHTML:
    try:
        tree = lxml.html.fromstring(_tame_tags(html))
    except (etree.ParserError, ValueError) as err:
        raise ReadError(f"malformed HTML ({err})", source, errors.BAD_HTML) from err
    if tree is None:
        raise ReadError("malformed HTML (no document element)", source, errors.BAD_HTML)
    structured = _json_ld(tree) + _microdata(tree)
    meta = _meta(tree)
    rating = _rating_widget(tree)
    if rating:
        meta.setdefault("filmkb:rating", rating)
    title = meta.get("og:title") or _first_text(tree, "//title") or _first_text(tree, "//h1")
    for bad in tree.xpath("//script|//style|//noscript|//template"):
        bad.drop_tree()
    blocks = read_blocks(tree)
    text = layout(blocks)
    if not text.strip():
        raise ReadError("malformed HTML (no readable text)", source, errors.NO_TEXT)
    return ParsedHTML(text=text, title=title, structured=structured, meta=meta, blocks=blocks)


_MOVIE_TYPES = ("schema.org/Movie", "schema.org/Film")


def _microdata(tree: Any) -> list[dict[str, Any]]:
    """schema.org Movie microdata (itemscope / itemprop) as JSON-LD-shaped objects."""
    out: list[dict[str, Any]] = []
    for scope in tree.xpath("//*[@itemscope and @itemtype]")[:50]:
        if not any(t in (scope.get("itemtype") or "") for t in _MOVIE_TYPES):
            continue
        obj: dict[str, Any] = {"@type": "Movie", "filmkb:source": "microdata"}
        for el in scope.xpath(".//*[@itemprop]"):
            owner = el.getparent()
            while owner is not None and owner.get("itemscope") is None:
                owner = owner.getparent()
            if owner is not scope:
                continue
            prop = el.get("itemprop")
            value: Any
            if el.get("itemscope") is not None:
                names = el.xpath(".//*[@itemprop='name']")
                if not names:
                    continue
                value = {
                    "name": " ".join((names[0].get("content") or names[0].text_content()).split())
                }
            else:
                raw = el.get("content") or el.get("datetime") or el.text_content()
                value = " ".join(raw.split())
            if not value:
                continue
            if prop in obj:
                if not isinstance(obj[prop], list):
                    obj[prop] = [obj[prop]]
                obj[prop].append(value)
            else:
                obj[prop] = value
        if obj.get("name"):
            out.append(obj)
    return out


def _json_ld(tree: Any) -> list[dict[str, Any]]:
    objects: list[dict[str, Any]] = []
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        data = _load_json((script.text or "").strip())
        if data is not None:
            _collect(data, objects)
    return objects


# wrappers sites put around a JSON-LD block: "/* <![CDATA[ */ … /* ]]> */", "//<![CDATA[", "<!-- … -->"
_JSON_WRAPPER = re.compile(
    r"^\s*(?:/\*\s*)?(?://\s*)?(?:<!\[CDATA\[|\]\]>|<!--|-->)\s*(?:\*/)?\s*$"
)


def _load_json(raw: str) -> Any:
    """A JSON-LD block as sites write it: wrapped in CDATA or comment markers, raw newlines and
    tabs inside strings, a trailing ";". None when it is still not JSON."""
    if not raw:
        return None
    lines = [line for line in raw.splitlines() if not _JSON_WRAPPER.match(line)]
    text = "\n".join(lines).strip()
    for wrapper in ("/* <![CDATA[ */", "/*<![CDATA[*/", "/* ]]> */", "/*]]>*/", "<![CDATA[", "]]>"):
        text = text.replace(wrapper, "")
    text = text.strip().rstrip(";").strip()
    if text.startswith("<!--"):
        text = text[4:]
    if text.endswith("-->"):
        text = text[:-3]
    try:
        return json.loads(text, strict=False)
    except json.JSONDecodeError:
        return None


# keys under which a page's JSON-LD nests the film it is about (a Review's itemReviewed, …)
_NESTED_FILM_KEYS = ("itemReviewed", "about", "mainEntity", "mainEntityOfPage", "workPresented")


def _collect(data: Any, out: list[dict[str, Any]], depth: int = 0) -> None:
    if depth > 6:
        return
    if isinstance(data, list):
        for item in data:
            _collect(item, out, depth + 1)
    elif isinstance(data, dict):
        if "@graph" in data:
            _collect(data["@graph"], out, depth + 1)
        if "@type" in data:
            out.append(data)
        for key in _NESTED_FILM_KEYS:
            nested = data.get(key)
            for item in nested if isinstance(nested, list) else [nested]:
                if isinstance(item, dict) and has_schema_type(item, "movie", "film"):
                    _collect(item, out, depth + 1)


def has_schema_type(obj: dict[str, Any], *names: str) -> bool:
    """Whether a schema.org object's ``@type`` (a name, an IRI, or a list of them) is one of
    ``names`` (lower case): ``["Movie", "CreativeWork"]``, ``"http://schema.org/Movie"``."""
    kind = obj.get("@type", "")
    kinds = kind if isinstance(kind, list) else [kind]
    return any(str(k).lower().rsplit("/", 1)[-1] in names for k in kinds)


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
