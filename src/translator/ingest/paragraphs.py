"""Split decoded text into paragraphs per format: plain text, Markdown, HTML (visible text)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

import lxml.html
from lxml import etree
from markdown_it import MarkdownIt

_SPACE = re.compile(r"\s+")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SENTENCE_END = tuple('.!?:;»"”)…')
_WRAP_SHARE = 0.6
_WRAP_LOWERCASE_SHARE = 0.3  # wrapped prose: most breaks fall before a lowercase word
_MIN_BROKEN_LINE = 30  # shorter lines (titles, menu items) never run on into the next line


def normalise_space(text: str) -> str:
    """Collapse all white space (including no-break spaces) to single spaces, drop zero-widths."""
    return _SPACE.sub(" ", _INVISIBLE.sub("", text)).strip()


def _looks_hard_wrapped(lines: list[str]) -> int:
    """The wrap width if most lines followed by another line stop near one width, else 0.

    Wrapping breaks lines between any two words, so many continuation lines start in
    lowercase; a list of similar-length titles or items, each its own line, has none.
    """
    pairs = [
        (line, following) for line, following in itertools.pairwise(lines) if line and following
    ]
    if len(pairs) < 3:
        return 0
    width = max(len(line) for line, _ in pairs)
    if width > 100:
        return 0
    near = [following for line, following in pairs if len(line) >= 0.7 * width]
    if len(near) / len(pairs) < _WRAP_SHARE:
        return 0
    lowercase = sum(1 for following in near if following[:1].islower())
    return width if lowercase / len(near) >= _WRAP_LOWERCASE_SHARE else 0


def text_paragraphs(text: str) -> list[str]:
    """Blank lines and line breaks end paragraphs, except inside hard-wrapped or broken prose.

    A line break continues the paragraph when the line stops mid-sentence and the next line
    starts in lowercase, or when the file is hard-wrapped and the line reaches the wrap width.
    """
    lines = [line.strip() for line in text.splitlines()]
    width = _looks_hard_wrapped(lines)
    paragraphs: list[str] = []
    current: list[str] = []
    for index, line in enumerate(lines):
        if not line:
            if current:
                paragraphs.append(" ".join(current))
                current = []
            continue
        current.append(line)
        following = lines[index + 1] if index + 1 < len(lines) else ""
        continues = bool(following) and (
            (
                len(line) >= _MIN_BROKEN_LINE
                and not line.endswith(_SENTENCE_END)
                and following[:1].islower()
            )
            or (width > 0 and len(line) >= 0.7 * width)
        )
        if not continues:
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return [p for p in (normalise_space(p) for p in paragraphs) if p]


_MARKDOWN = MarkdownIt("commonmark").enable("table")


def markdown_paragraphs(text: str) -> list[str]:
    """The visible text of each Markdown block (headings, paragraphs, list items, cells)."""
    paragraphs: list[str] = []
    for token in _MARKDOWN.parse(text):
        if token.type == "inline":
            parts: list[str] = []
            for child in token.children or []:
                if child.type in ("text", "code_inline"):
                    parts.append(child.content)
                elif child.type in ("softbreak", "hardbreak"):
                    parts.append(" ")
            paragraph = normalise_space("".join(parts))
            if paragraph:
                paragraphs.append(paragraph)
        elif token.type in ("code_block", "fence"):
            for block in token.content.split("\n\n"):
                paragraph = normalise_space(block)
                if paragraph:
                    paragraphs.append(paragraph)
    return paragraphs


_BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
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


def _html_chunks(element: lxml.html.HtmlElement) -> Iterator[str | None]:
    """Text pieces in document order; None marks a block boundary."""
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in _HIDDEN_TAGS and tag != "head":
        return
    if tag == "head":
        for title in element.iter("title"):
            yield None
            yield title.text_content()
            yield None
        return
    is_block = tag in _BLOCK_TAGS
    if is_block:
        yield None
    if element.text and tag:
        yield element.text
    for child in element:
        if isinstance(child.tag, str):
            yield from _html_chunks(child)
        if child.tail:
            yield child.tail
    if is_block:
        yield None


def html_paragraphs(text: str) -> list[str]:
    """Visible text of an HTML page, one paragraph per block element; scripts and styles dropped."""
    parser = lxml.html.HTMLParser(
        encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True
    )
    try:
        root = lxml.html.document_fromstring(text.encode("utf-8"), parser=parser)
    except (etree.ParserError, ValueError):
        return []
    paragraphs: list[str] = []
    current: list[str] = []
    for chunk in _html_chunks(root):
        if chunk is None:
            if current:
                paragraphs.append(normalise_space("".join(current)))
                current = []
        else:
            current.append(chunk)
    if current:
        paragraphs.append(normalise_space("".join(current)))
    return [p for p in paragraphs if p]


def split_paragraphs(text: str, fmt: str) -> list[str]:
    if fmt == "md":
        return markdown_paragraphs(text)
    if fmt == "html":
        return html_paragraphs(text)
    return text_paragraphs(text)
