"""Tell Russian from English by script: the only two languages this tool translates between."""

from __future__ import annotations

import re

from translator.core.errors import TranslatorError

TARGET_OF = {"ru": "en", "en": "ru"}
_MIN_LETTERS = 3
_MIN_MAJORITY = 0.6
_SAMPLE_CHARS = 200_000  # enough to decide; a 40 MB file need not be scanned whole
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_LATIN = re.compile("[A-Za-z]")


class LanguageUnknown(TranslatorError):
    """The text is neither clearly Russian nor clearly English."""


def detect_language(text: str) -> str:
    """'ru' or 'en' by the share of Cyrillic and Latin letters; LanguageUnknown when unclear."""
    if len(text) > _SAMPLE_CHARS:
        step = len(text) // 4
        text = "".join(text[i * step : i * step + _SAMPLE_CHARS // 4] for i in range(4))
    cyrillic = len(_CYRILLIC.findall(text))
    latin = len(_LATIN.findall(text))
    letters = cyrillic + latin
    if letters < _MIN_LETTERS:
        raise LanguageUnknown("too few letters to tell the language; pass --lang ru or --lang en")
    if cyrillic / letters >= _MIN_MAJORITY:
        return "ru"
    if latin / letters >= _MIN_MAJORITY:
        return "en"
    raise LanguageUnknown(
        f"mixed Russian and English ({cyrillic} Cyrillic, {latin} Latin letters); "
        "pass --lang ru or --lang en"
    )
