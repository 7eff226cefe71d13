"""Split decoded text into paragraphs, one reader module per source format."""

from __future__ import annotations

from translator.ingest.html_format import html_paragraphs
from translator.ingest.markdown_format import markdown_paragraphs
from translator.ingest.text_format import normalise_space, text_paragraphs

__all__ = [
    "html_paragraphs",
    "markdown_paragraphs",
    "normalise_space",
    "split_paragraphs",
    "text_paragraphs",
]


def split_paragraphs(text: str, fmt: str) -> list[str]:
    if fmt == "md":
        return markdown_paragraphs(text)
    if fmt == "html":
        return html_paragraphs(text)
    return text_paragraphs(text)
