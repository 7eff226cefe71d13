"""Russian or English by script, and a refusal when the script does not say."""

from __future__ import annotations

import pytest

from translator.core.errors import TranslatorError
from translator.ingest.language import TARGET_OF, LanguageUnknown, detect_language


def test_russian_with_a_few_latin_words_is_russian() -> None:
    text = (
        "Соколова оштрафовали за логотип Facebook, опубликованный в его канале в Telegram, "
        "хотя сам пост был написан задолго до признания компании Meta экстремистской."
    )
    assert detect_language(text) == "ru"


def test_english_with_one_cyrillic_typo_is_english() -> None:
    text = "Тhe court fined the lawyer over a post on Facebook."  # Cyrillic "Т" in "The"
    assert any("\u0400" <= char <= "\u04ff" for char in text)
    assert detect_language(text) == "en"


def test_plain_english_is_english() -> None:
    assert detect_language("The appeal was rejected on Tuesday.") == "en"


@pytest.mark.parametrize("text", ["", "   ", "OK", "Да", "12 34 — 56", "«…»"])
def test_too_short_is_unknown(text: str) -> None:
    with pytest.raises(LanguageUnknown, match="too few letters"):
        detect_language(text)


@pytest.mark.parametrize(
    "text",
    ["Привет world", "Адвокат lawyer суд court", "Суд постановил: the court ruled"],
)
def test_evenly_mixed_is_unknown(text: str) -> None:
    with pytest.raises(LanguageUnknown, match="mixed"):
        detect_language(text)


def test_unknown_language_message_says_what_to_do() -> None:
    with pytest.raises(LanguageUnknown) as caught:
        detect_language("Привет world")
    assert "--lang" in str(caught.value)
    assert isinstance(caught.value, TranslatorError)  # the CLI reports it, not a crash


@pytest.mark.parametrize(("source", "target"), [("ru", "en"), ("en", "ru")])
def test_each_language_translates_into_the_other(source: str, target: str) -> None:
    assert TARGET_OF[source] == target
