"""The visible text of an HTML page, one paragraph per block element, at any nesting depth."""

from __future__ import annotations

import enum
import re
from collections.abc import Iterator, Mapping

import lxml.html
from lxml import etree

from translator.ingest.text_format import normalise_space

_BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "caption",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
        "title",
    ]
)
_HIDDEN_TAGS = frozenset(
    ["script", "style", "noscript", "template", "head", "svg", "math", "iframe", "object"]
)
# Form controls are page UI, not article text; their labels would glue together ("OptClick").
_FORM_CONTROLS = frozenset(
    ["button", "datalist", "input", "optgroup", "option", "select", "textarea"]
)
_HIDING_STYLE = re.compile(
    r"(?:^|[;\s])(?:display\s*:\s*none|visibility\s*:\s*(?:hidden|collapse))\b", re.IGNORECASE
)
_VOID_TAGS = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
# A dropped block start or end still ends the paragraph: two <br> in a row, a blank line.
_BLOCK_BREAK = "<br><br>"
_RAW_TEXT_TAGS = frozenset(["script", "style", "textarea", "title", "xmp", "plaintext"])
# libxml2 stops building the tree (and drops the rest of the page) past this depth even with
# huge_tree; pages that deep are unclosed tags, nested again from this depth down.
_MAX_DEPTH = 512
_MARKUP = re.compile(
    r"<!--.*?(?:-->|\Z)|<![^>]*>|<(/?)([A-Za-z][^\s/>]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>",
    re.DOTALL,
)
_ATTRIBUTE = re.compile(r"""([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")


class _LineBreak(enum.Enum):
    """A <br>: a line break inside the paragraph (as in Markdown), not a new block.

    Pages break lines inside a sentence ("…жалобу защиты,<br>поданную адвокатом…"), and a
    paragraph is the unit of review, so half a sentence must not be one. Two in a row (a
    blank line) do end the paragraph, as a blank line does in a text file.
    """

    BR = "br"


def _hidden(tag: str, attributes: Mapping[str, str]) -> bool:
    """Whether an element and all it holds are invisible to a reader of the page."""
    if tag in _HIDDEN_TAGS or tag in _FORM_CONTROLS or "hidden" in attributes:
        return True
    if attributes.get("aria-hidden", "").strip().lower() == "true":
        return True
    return bool(_HIDING_STYLE.search(attributes.get("style", "")))


def _html_chunks(root: lxml.html.HtmlElement) -> Iterator[str | _LineBreak | None]:
    """Text pieces in document order; None marks a block boundary. Iterative: any depth."""
    walker = etree.iterwalk(root, events=("start", "end", "comment", "pi"))
    skipped: object = None  # skip_subtree() still delivers the element's end, next
    for event, element in walker:
        if event in ("comment", "pi"):
            if element.tail:
                yield element.tail
            continue
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            if tag == "head":
                for title in element.iter("title"):
                    yield None
                    yield title.text_content()
                    yield None
                walker.skip_subtree()
                skipped = element
            elif _hidden(tag, element.attrib):
                walker.skip_subtree()
                skipped = element
                if tag in _FORM_CONTROLS:
                    yield " "
            else:
                if tag in _BLOCK_TAGS:
                    yield None
                elif tag == "br":
                    yield _LineBreak.BR
                if element.text:
                    yield element.text
            continue
        if element is skipped:
            skipped = None
        elif tag in _BLOCK_TAGS:
            yield None
        if element.tail and element is not root:
            yield element.tail


def _parse_html(text: str) -> tuple[lxml.html.HtmlElement | None, bool]:
    """The page's tree, and whether libxml2 gave up on its depth (then the tree is cut short)."""
    parser = lxml.html.HTMLParser(
        encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True, huge_tree=True
    )
    try:
        root = lxml.html.document_fromstring(text.encode("utf-8"), parser=parser)
    except (etree.ParserError, ValueError):
        return None, False
    too_deep = any("Excessive depth" in error.message for error in parser.error_log)
    return root, too_deep


def _flatten_deep_nesting(text: str, limit: int = _MAX_DEPTH) -> str:
    """The page with start tags beyond `limit` open elements dropped (blocks become <br><br>).

    A hidden element that deep is cut out whole when its end tag can be found. Implied end
    tags are not modelled, so the count may run high: that only flattens a little early.
    """
    parts: list[str] = []
    open_tags: list[str] = []
    unclosed: dict[str, int] = {}  # no end tag for this name after this position
    position = 0
    while (match := _MARKUP.search(text, position)) is not None:
        parts.append(text[position : match.start()])
        position = match.end()
        closing, name = match.group(1), (match.group(2) or "").lower()
        if not name:  # comment, doctype
            parts.append(match.group())
        elif closing:
            if name in open_tags:
                while open_tags.pop() != name:
                    pass
                parts.append(match.group())
            elif name in _BLOCK_TAGS:
                parts.append(_BLOCK_BREAK)  # the end of a block whose start tag was dropped
        elif name in _RAW_TEXT_TAGS:
            raw_end = re.compile(rf"</{re.escape(name)}\s*>", re.IGNORECASE).search(text, position)
            stop = raw_end.end() if raw_end else len(text)
            parts.append(match.group() + text[position:stop])
            position = stop
        elif name in _VOID_TAGS:
            parts.append(match.group())
        elif len(open_tags) < limit:
            open_tags.append(name)
            parts.append(match.group())
        elif _hidden(name, _attributes(match.group(3))):
            if position < unclosed.get(name, len(text) + 1):
                end = _element_end(text, position, name)
                if end == position:
                    unclosed[name] = position
                position = end
        elif name in _BLOCK_TAGS:
            parts.append(_BLOCK_BREAK)
    parts.append(text[position:])
    return "".join(parts)


def _attributes(source: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for match in _ATTRIBUTE.finditer(source):
        name = match.group(1).lower()
        found.setdefault(name, next((v for v in match.groups()[1:] if v is not None), ""))
    return found


def _element_end(text: str, position: int, name: str) -> int:
    """Where the element named `name` that opened just before `position` ends; else position."""
    tags = re.compile(rf"<(/?){re.escape(name)}(?=[\s/>])[^>]*>", re.IGNORECASE)
    depth = 1
    for match in tags.finditer(text, position):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            return match.end()
    return position


def _paragraph_chunks(chunks: Iterator[str | _LineBreak | None]) -> Iterator[str | None]:
    """The chunks with each <br> read as a newline, or as a block boundary when it is the
    second with only white space since the first: a blank line, as in a text file.
    """
    breaks = 0  # <br>s since the last visible text or block boundary
    for chunk in chunks:
        if isinstance(chunk, _LineBreak):
            breaks += 1
            yield None if breaks == 2 else "\n"
            continue
        if chunk is None or chunk.strip():
            breaks = 0
        yield chunk


def html_paragraphs(text: str) -> list[str]:
    """Visible text of an HTML page, one paragraph per block element.

    Scripts, styles, form controls and hidden elements (the hidden attribute,
    aria-hidden="true", inline display:none or visibility:hidden) are dropped. A <br> is a
    space within the paragraph; two with no text between them end it.
    """
    root, too_deep = _parse_html(text)
    if too_deep:
        root, _ = _parse_html(_flatten_deep_nesting(text))
    if root is None:
        return []
    paragraphs: list[str] = []
    current: list[str] = []
    for chunk in _paragraph_chunks(_html_chunks(root)):
        if chunk is None:
            if current:
                paragraphs.append(normalise_space("".join(current)))
                current = []
        else:
            current.append(chunk)
    if current:
        paragraphs.append(normalise_space("".join(current)))
    return [p for p in paragraphs if p]
