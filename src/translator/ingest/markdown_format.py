"""The visible text of Markdown blocks; inline and block HTML read through the HTML reader."""

from __future__ import annotations

import html
import re

from markdown_it import MarkdownIt
from markdown_it.token import Token

from translator.ingest.html_format import html_paragraphs
from translator.ingest.text_format import normalise_space, text_paragraphs

# markdown-it drops everything after its nesting limit (20 in CommonMark), so a list nested
# 30 deep loses the rest of the file; deeper than Python's recursion allows, fall back below.
_MARKDOWN_MAX_NESTING = 1000
_MARKDOWN = MarkdownIt("commonmark", {"maxNesting": _MARKDOWN_MAX_NESTING}).enable("table")
# Front matter fences (Jekyll, Hugo, Pandoc): YAML closes with --- or ..., TOML with +++.
_FRONT_MATTER_CLOSERS = {"---": ("---", "..."), "+++": ("+++",)}
# The line after the opening fence: a YAML `key:` or a TOML `key =` / `[table]`, or a comment.
_FRONT_MATTER_FIRST_LINE = {
    "---": re.compile(r"[ \t]*(?:#|[^\s#:][^:\r\n]*:(?:\s|$))"),
    "+++": re.compile(r"[ \t]*(?:#|\[|[^\s#=\[][^=\r\n]*=)"),
}

# Other lines a metadata block holds: an indented continuation or a YAML list item.
_FRONT_MATTER_MORE = re.compile(r"[ \t]+\S|- ")


def markdown_paragraphs(text: str) -> list[str]:
    """The visible text of each Markdown block (headings, paragraphs, list items, cells).

    Inline HTML and HTML blocks keep their visible text. A file nested too deeply to parse
    is split as plain text instead: its markup shows, but no text is lost. Front matter at
    the top of the file is metadata for a site generator, not text to translate.
    """
    text = _without_front_matter(text)
    try:
        tokens = _MARKDOWN.parse(text)
    except RecursionError:
        return text_paragraphs(text)
    if any(token.level >= _MARKDOWN_MAX_NESTING - 1 for token in tokens):
        return text_paragraphs(text)  # markdown-it skipped the rest of the file
    paragraphs: list[str] = []
    for token in tokens:
        if token.type == "inline":
            paragraph = _markdown_inline_text(token)
            if paragraph:
                paragraphs.append(paragraph)
        elif token.type in ("code_block", "fence"):
            for block in token.content.split("\n\n"):
                paragraph = normalise_space(block)
                if paragraph:
                    paragraphs.append(paragraph)
        elif token.type == "html_block":
            paragraphs.extend(html_paragraphs(token.content))
    return paragraphs


def _without_front_matter(text: str) -> str:
    """The file after a YAML (---) or TOML (+++) front-matter block at its very start, if any.

    CommonMark reads `---` / key lines / `---` as a rule and a heading, so the metadata would
    become a paragraph. Only a closed block of metadata lines counts: each line blank, a key
    (`title:`, `key =`, `[table]`), a comment, a list item or an indented continuation. A
    file that merely starts with a rule keeps its text, even when a line after the rule reads
    like a key («Внимание: перевод предварительный.» and the paragraphs after it).
    """
    lines = text.splitlines(keepends=True)
    fence = lines[0].rstrip() if lines else ""
    closers = _FRONT_MATTER_CLOSERS.get(fence)
    if closers is None or len(lines) < 2:
        return text
    key = _FRONT_MATTER_FIRST_LINE[fence]
    for index in range(1, len(lines)):
        line = lines[index]
        if line.rstrip() in closers:
            return "".join(lines[index + 1 :]) if index > 1 else text
        if line.strip() and not (key.match(line) or _FRONT_MATTER_MORE.match(line)):
            return text  # prose: this is no metadata block
    return text


def _markdown_inline_text(token: Token) -> str:
    """The visible text of one inline run; with inline HTML, read as HTML (<br> is a space)."""
    children = token.children or []
    if not any(child.type == "html_inline" for child in children):
        parts: list[str] = []
        for child in children:
            if child.type in ("text", "code_inline"):
                parts.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                parts.append(" ")
        return normalise_space("".join(parts))
    markup: list[str] = []
    for child in children:
        if child.type in ("text", "code_inline"):
            markup.append(html.escape(child.content, quote=False))
        elif child.type in ("softbreak", "hardbreak"):
            markup.append(" ")
        elif child.type == "html_inline":
            markup.append(child.content)
    return " ".join(html_paragraphs("".join(markup)))
