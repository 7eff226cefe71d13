"""Sentence translations back into a paragraph, and the text normalisation of model input."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

_SPACES = re.compile(r"\s+")


def normalise_sentence(text: str) -> str:
    """What the model sees and the cache is keyed on: NFC, one space between words."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def join_sentences(
    source_text: str, source_sentences: Sequence[str], translations: Sequence[str]
) -> str:
    """Join translations in sentence order; a line break between two source sentences
    stays a line break, anything else becomes one space."""
    if len(source_sentences) != len(translations):
        raise ValueError("one translation per sentence expected")
    parts: list[str] = []
    cursor = 0
    for index, (sentence, translation) in enumerate(
        zip(source_sentences, translations, strict=True)
    ):
        found = source_text.find(sentence, cursor)
        if index:
            gap = source_text[cursor:found] if found >= 0 else " "
            parts.append("\n" if "\n" in gap else " ")
        if found >= 0:
            cursor = found + len(sentence)
        parts.append(translation.strip())
    return "".join(parts)
