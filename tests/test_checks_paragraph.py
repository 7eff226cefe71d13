"""Paragraph checks as one-liners over helpers (Translate Toolkit's `fails(...)` style)."""

from __future__ import annotations

import random
from collections import Counter
from typing import Any

import pytest

from translator.checks import number_words, punctuation
from translator.checks.base import CheckUnit, ParagraphCheck
from translator.checks.number_facts import _tokenize, number_facts
from translator.checks.numbers import NumberMismatchCheck
from translator.checks.punctuation import WhitespacePunctuationCheck
from translator.checks.untranslated import UntranslatedCheck
from translator.core.findings import Finding


def unit(
    source: str,
    target: str,
    source_lang: str = "ru",
    target_lang: str = "en",
    status: str = "machine",
    duplicate_of: int | None = None,
) -> CheckUnit:
    return CheckUnit(
        7, 1, "doc.txt", 0, source_lang, target_lang, source, target, status, duplicate_of
    )


def findings(check: type[ParagraphCheck], source: str, target: str, **kw: Any) -> list[Finding]:
    return list(check().check(unit(source, target, **kw)))


def fails(check: type[ParagraphCheck], source: str, target: str, **kw: Any) -> bool:
    return bool(findings(check, source, target, **kw))


def passes(check: type[ParagraphCheck], source: str, target: str, **kw: Any) -> bool:
    return not findings(check, source, target, **kw)


# -- number-mismatch: equal facts written differently ------------------------------------
EQUIVALENT_RU_EN = [
    (
        "date, day first",
        "18 декабря 2025 г. суд отказал.",
        "On 18 December 2025 the court refused.",
    ),
    ("date, US order", "18 декабря 2025 года", "December 18, 2025"),
    ("numeric date", "Решение от 18.12.2025.", "The decision of 18 December 2025."),
    ("article with part", "по ч. 2 ст. 20.3 КоАП РФ", "under Part 2 of Article 20.3 of the CAO"),
    ("article, inflected", "по статье 275 УК РФ", "under Article 275 of the Criminal Code"),
    ("colony", "в ИК-2", "in IK-2"),
    ("colony with number sign", "колонию № 6 (ИК-6)", "Penal Colony No. 6 (IK-6)"),
    ("number words", "пять лет", "five years"),
    ("capitalised number word", "Тринадцать лет за снимки", "Thirteen years for photos"),
    ("inflected numeral", "к трем годам", "to three years"),
    ("compound numeral", "двадцать пять человек", "twenty-five people"),
    ("hundreds", "двести пятьдесят рублей", "two hundred and fifty roubles"),
    ("thousands with a space", "штраф 2 000 рублей", "a fine of 2,000 roubles"),
    ("thousands with no-break space", "штраф 2\u00a0000 рублей", "a fine of 2,000 roubles"),
    ("digits and words mixed", "13 лет", "thirteen years"),
    ("adverb", "четырежды", "four times"),
    ("collective numeral", "двоих детей", "two children"),
    ("compound adjective", "13-летний срок", "a 13-year term"),
    ("compound adjective in words", "пятилетний срок", "a five-year term"),
    ("millions", "1,5 млн рублей", "1.5 million roubles"),
    ("month and year", "в феврале 2025 года", "in February 2025"),
    ("month range", "с февраля по май 2026 г.", "from February to May 2026"),
    ("years", "в 1989 году", "in 1989"),
    ("one is not counted", "один из адвокатов", "one of the lawyers"),
    ("a thousand", "тысяча рублей", "a thousand roubles"),
    ("temperature", "+16 °C", "+16 °C"),
    ("decimal comma", "1,5 кг", "1.5 kg"),
]


@pytest.mark.parametrize(("label", "source", "target"), EQUIVALENT_RU_EN)
def test_numbers_written_differently_are_equal(label: str, source: str, target: str) -> None:
    assert passes(NumberMismatchCheck, source, target), label
    assert passes(NumberMismatchCheck, target, source, source_lang="en", target_lang="ru"), label


MISMATCHES = [
    ("wrong day", "18 декабря 2025 г.", "19 December 2025"),
    ("wrong month", "18 декабря 2025 г.", "18 November 2025"),
    ("wrong year", "в 2023 году", "in 2024"),
    ("wrong article", "по ст. 20.3 КоАП", "under Article 20.2 of the CAO"),
    ("article 20.30 is not 20.3", "по ст. 20.30", "under Article 20.3"),
    ("wrong part", "ч. 2 ст. 207.3", "Part 1 of Article 207.3"),
    ("wrong colony", "в ИК-2", "in IK-6"),
    ("wrong number word", "пять лет", "six years"),
    ("digits against words", "16 лет", "six years"),
    ("thousands lost", "2 000 рублей", "200 roubles"),
    ("number dropped", "51 сутки в ШИЗО", "days in the punishment cell"),
    ("number added", "в ШИЗО", "in ShIZO for 14 days"),
    ("English 'may' is a month only with a date", "в мае 2026 года", "in June 2026"),
]


@pytest.mark.parametrize(("label", "source", "target"), MISMATCHES)
def test_changed_numbers_are_caught(label: str, source: str, target: str) -> None:
    assert fails(NumberMismatchCheck, source, target), label


def test_number_finding_says_what_differs() -> None:
    [finding] = findings(NumberMismatchCheck, "в 2023 году, 5 июля", "in 2024, 5 July")
    assert finding.data["missing"] == ["2023"]
    assert finding.data["extra"] == ["2024"]
    assert "2023" in finding.message and finding.paragraph_ids == (7,)


def test_modal_may_is_not_a_month() -> None:
    assert number_facts("He may appeal. May I ask?", "en") == number_facts("", "en")
    assert number_facts("On 9 May he appealed", "en")["month:5"] == 1


def test_plural_thousands_are_not_a_number() -> None:
    assert not number_facts("thousands of people", "en")
    assert not number_facts("тысячи людей", "ru")


def test_number_check_skips_empty_and_copied_targets() -> None:
    assert passes(NumberMismatchCheck, "в 2023 году", "")
    assert passes(NumberMismatchCheck, "в 2023 году", "в 2023 году")


def test_parallel_sample_pair_has_no_number_mismatch() -> None:
    """The hand-written reference translation in corpora/ agrees on every number."""
    from tests.conftest import SAMPLE_CORPUS

    russian = (SAMPLE_CORPUS / "ru_case_zhuravlev.txt").read_text("utf-8").split("\n\n")
    english = (SAMPLE_CORPUS / "en_case_zhuravlev.txt").read_text("utf-8").split("\n\n")
    assert len(russian) == len(english) == 14
    for index, (source, target) in enumerate(zip(russian, english, strict=True), 1):
        assert passes(NumberMismatchCheck, source.strip(), target.strip()), index
        changed = target.replace("2024", "2021")
        if changed != target:
            assert fails(NumberMismatchCheck, source.strip(), changed.strip()), index


# -- untranslated -------------------------------------------------------------------------
def test_untranslated() -> None:
    assert fails(UntranslatedCheck, "Текст", "")
    assert fails(UntranslatedCheck, "Текст", "   ")
    assert fails(UntranslatedCheck, "Суд отказал.", "Суд отказал.")
    assert fails(UntranslatedCheck, "The court", "The court", source_lang="en", target_lang="ru")
    assert passes(UntranslatedCheck, "Суд отказал.", "The court refused.")
    assert passes(UntranslatedCheck, "2025", "2025")  # nothing to translate
    assert fails(UntranslatedCheck, "IK-6", "IK-6", source_lang="en", target_lang="ru")
    assert passes(UntranslatedCheck, "Текст", "", duplicate_of=3)


def test_untranslated_reasons_differ() -> None:
    [empty] = findings(UntranslatedCheck, "Текст", "")
    [copied] = findings(UntranslatedCheck, "Текст", "Текст")
    assert (empty.data["reason"], copied.data["reason"]) == ("empty", "copied")


# -- whitespace-punctuation -----------------------------------------------------------------
def problems(source: str, target: str, **kw: Any) -> list[str]:
    return [
        str(f.data["problem"]) for f in findings(WhitespacePunctuationCheck, source, target, **kw)
    ]


def test_clean_targets_pass() -> None:
    assert problems("Он сказал «да».", "He said “yes”.") == []
    assert problems("Он сказал «да».", 'He said "yes".') == []
    assert problems("He said “yes”.", "Он сказал «да».", source_lang="en", target_lang="ru") == []
    nested_ru = "«Это „командировка“», — говорит она."
    nested_en = "“It is a ‘business trip’,” she says."
    assert problems(nested_ru, nested_en) == []
    assert problems(nested_en, nested_ru, source_lang="en", target_lang="ru") == []


@pytest.mark.parametrize(
    ("target", "problem"),
    [
        (" He refused.", "leading-space"),
        ("He refused. ", "trailing-space"),
        ("He  refused.", "double-space"),
        ("He refused , then left.", "space-before-punctuation"),
        ("He (a lawyer said no.", "unbalanced"),
        ("He said “no.", "unbalanced"),
        ('He said "no.', "unbalanced"),
        ("He said «no».", "quote-style"),
    ],
)
def test_english_target_problems(target: str, problem: str) -> None:
    assert problem in problems("Он отказался (адвокат) «нет».", target)


@pytest.mark.parametrize(
    ("target", "problem"),
    [
        ('Он сказал "нет".', "quote-style"),
        ("Он сказал “нет”.", "quote-style"),
        ("Он сказал «нет.", "unbalanced"),
    ],
)
def test_russian_target_problems(target: str, problem: str) -> None:
    assert problem in problems("He said “no”.", target, source_lang="en", target_lang="ru")


def test_problems_the_source_already_has_are_not_blamed_on_the_target() -> None:
    assert problems("Он (адвокат сказал", "He (a lawyer said") == []
    assert problems("Он  сказал", "He  said") == []


# -- number words: the written-out table and the tokenizer's word filter ---------------------
def test_numeral_forms_are_pymorphy_lexemes() -> None:
    """The table of Russian numeral forms is what pymorphy3 generates from the lemmas."""
    import pymorphy3  # type: ignore[import-untyped]

    morph = pymorphy3.MorphAnalyzer()
    generated: dict[str, tuple[int, str]] = {}
    for lemma, meaning in number_words.RU_LEMMAS.items():
        parses = [p for p in morph.parse(lemma) if p.normal_form == lemma] or morph.parse(lemma)
        numeral = next((p for p in parses if "NUMR" in p.tag), parses[0])
        for form in numeral.lexeme:
            generated.setdefault(form.word.replace("ё", "е"), meaning)
        generated.setdefault(lemma, meaning)
    assert generated == number_words.RU_NUMBER_FORMS


def _meaningful_words() -> list[str]:
    months_ru = [
        stem + ending
        for stem in number_words.MONTH_STEMS_RU
        for ending in ("ь", "я", "е", "ю", "ем", "ём", "й", "а", "у", "ом")
        if stem != "ма" or ending in {"й", "я", "е", "ю"}
    ]
    words = [
        *number_words.EN_NUMBER_WORDS,
        *number_words.MONTHS_EN,
        *number_words.MONTH_ABBREVIATIONS_EN,
        *number_words.RU_NUMBER_FORMS,
        *number_words.RU_ADVERBS,
        *(word for word in number_words.BIG_ABBREVIATIONS if word != "m"),
        *months_ru,
        "пятилетний",
        "двадцатиминутного",
        "трехкратно",
    ]
    return [
        variant
        for word in words
        for variant in {word, word.capitalize(), word.upper(), word.replace("е", "ё")}
    ]


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_every_number_word_is_a_token(lang: str) -> None:
    """The tokenizer skips words inside its regex: none that can mean a number or a month
    may be skipped, whatever its case or ё, and each is taken whole."""
    for word in _meaningful_words():
        for text in (word, f"«{word}», 5 {word}"):
            tokens = [token for token in _tokenize(text) if token[0] == "word"]
            assert word in [token[3] for token in tokens], (word, text)


def test_other_words_are_not_tokens() -> None:
    text = "Thousands fivefold сторона стал the twoish ЛЕТ семьи maybe tenth мама"
    assert _tokenize(text) == []
    assert [token[3] for token in _tokenize("forty-twoish, 5 May")] == ["forty", "5", "May"]


def test_yo_and_rare_forms_count() -> None:
    assert number_facts("к трём годам", "ru") == Counter({"3": 1})
    assert number_facts("одиннадцать лет", "ru") == Counter({"11": 1})
    assert number_facts("к 9 маю", "ru") == Counter({"9": 1, "month:5": 1})
    assert passes(NumberMismatchCheck, "к трём годам", "to three years")
    # a letter whose lower case is longer: the text is matched as it is
    assert number_facts("İstanbul, пять лет", "ru") == Counter({"5": 1})


def test_punctuation_prefilters_never_hide_a_problem() -> None:
    """The fast scans that let most targets skip the slower patterns must let through every
    text those patterns match (random texts of spaces, marks and words)."""
    rng = random.Random(11)
    pieces = [*" \t\u00a0\n.,;:!?()[]{}«»„“”\"'", "  ", " ,", " .", "..", "word", "Слово", "5"]
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        assert punctuation._double_space(text) == bool(punctuation._DOUBLE_SPACE.search(text))
        fast = punctuation._space_before_punctuation(text)
        slow = punctuation._SPACE_BEFORE_PUNCTUATION.search(text)
        assert (fast and fast.span()) == (slow and slow.span()), text
    marks = {mark for pair in punctuation._BRACKETS for mark in pair} | {'"'}
    marks |= {m for pairs in punctuation._QUOTE_PAIRS.values() for p in pairs for m in p}
    assert all(punctuation._PAIRED_MARKS.fullmatch(mark) for mark in marks)
