"""Tell Russian from English by script: the only two languages this tool translates between."""

from __future__ import annotations

from translator.core.errors import TranslatorError

TARGET_OF = {"ru": "en", "en": "ru"}
_MIN_LETTERS = 3
_MIN_MAJORITY = 0.6


class LanguageUnknown(TranslatorError):
    """The text is neither clearly Russian nor clearly English."""


def detect_language(text: str) -> str:
    """'ru' or 'en' by the share of Cyrillic and Latin letters; LanguageUnknown when unclear."""
    cyrillic = latin = 0
    for char in text:
        if char.isalpha():
            if "\u0400" <= char <= "\u04ff":
                cyrillic += 1
            elif char.isascii():
                latin += 1
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
