"""Sentence splitting: abbreviations in legal and news text never end a sentence by mistake."""

from __future__ import annotations

import pytest

from translator.ingest.paragraphs import normalise_space
from translator.ingest.sentences import split_sentences

# (lang, first sentence with an abbreviation inside, a plain second sentence): the
# paragraph "first second" must split into exactly these two.
ABBREVIATIONS = [
    (
        "ru",
        "Суд признал его виновным по ч. 2 ст. 20.3 КоАП РФ и назначил штраф.",
        "Защита обжалует.",
    ),
    ("ru", "Его обвиняют по п. «а» ч. 2 ст. 161 УК РФ.", "Он вину не признает."),
    ("ru", "Он отбывает срок в колонии в г. Екатеринбург.", "Режим строгий."),
    ("ru", "Жалобу подал адвокат Д. А. Журавлев.", "Суд ее отклонил."),
    ("ru", "Его осудили по ч. 1 ст. 282.2 УК РФ.", "Он не согласен."),
    ("ru", "Он отбывает наказание в колонии № 6 г. Соликамска.", "Режим строгий."),
    ("ru", "Журналист (род. 1973) живет в Москве.", "Он работает."),
    ("ru", "В 2023 г. Минюст внес проект в реестр иноагентов.", "Суд согласился."),
    ("en", "He was fined under Art. 20.3 of the Code.", "The appeal failed."),
    ("en", "He is held in Colony No. 2 near Perm.", "It is a strict-regime colony."),
    ("en", "Mr. Smith visited the colony.", "He was turned away."),
    ("en", "The complaint was filed by A. Sokolov.", "It was rejected."),
    ("en", "The ruling came on 18 Dec. 2025 in Perm.", "Sokolov appealed."),
    ("en", "Sokolov (b. 1973) is a lawyer.", "He lives in Yekaterinburg."),
    ("en", "Platforms, e.g. Facebook, were banned.", "That was in 2022."),
    ("en", "She moved to St. Petersburg.", "It was 2010."),
]


@pytest.mark.parametrize(("lang", "first", "second"), ABBREVIATIONS)
def test_abbreviation_does_not_split_but_the_real_boundary_does(
    lang: str, first: str, second: str
) -> None:
    assert split_sentences(f"{first} {second}", lang) == (first, second)


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("ru", "Суд признал его виновным по ч. 2 ст. 20.3 КоАП РФ."),
        ("ru", "Адвокат Д. А. Журавлев заявил, что решение незаконно."),
        ("ru", "Его задержали в 2009 г. в Екатеринбурге."),
        ("en", "Under Part 2 of Art. 20.3 of the Code, he was fined."),
        ("en", "Mr. Smith met A. Sokolov in court."),
        ("en", "The order No. 2 was signed on 18 Dec. 2025 by the judge."),
    ],
)
def test_one_sentence_with_abbreviations_stays_whole(lang: str, sentence: str) -> None:
    assert split_sentences(sentence, lang) == (sentence,)


@pytest.mark.parametrize(
    ("lang", "paragraph", "expected"),
    [
        (
            "ru",
            "Первое предложение. Второе предложение.",
            ("Первое предложение.", "Второе предложение."),
        ),
        ("en", "It was cold. It was dark.", ("It was cold.", "It was dark.")),
        (
            "ru",
            "Приговор вынесен 18 декабря 2025 г. Суд назначил пять лет колонии.",
            ("Приговор вынесен 18 декабря 2025 г.", "Суд назначил пять лет колонии."),
        ),
        (
            "ru",
            "Постановление от 18.12.2025 г. Суд его отменил.",
            ("Постановление от 18.12.2025 г.", "Суд его отменил."),
        ),
        (
            "en",
            "He lives in Yekaterinburg. Mr. Smith visited him.",
            ("He lives in Yekaterinburg.", "Mr. Smith visited him."),
        ),
        (
            "en",
            "Sokolov was sentenced on 18 Dec. The court refused bail.",
            ("Sokolov was sentenced on 18 Dec.", "The court refused bail."),
        ),
        ("en", "See p. 5. Then see fig. 2.", ("See p. 5.", "Then see fig. 2.")),
        (
            "en",
            "The hearing is set for Jan. 5. Mr. Brown will attend.",
            ("The hearing is set for Jan. 5.", "Mr. Brown will attend."),
        ),
        (
            "ru",
            "Он сказал: «Я не виновен». Суд не поверил.",
            ("Он сказал: «Я не виновен».", "Суд не поверил."),
        ),
    ],
)
def test_real_boundaries_split(lang: str, paragraph: str, expected: tuple[str, ...]) -> None:
    assert split_sentences(paragraph, lang) == expected


PARAGRAPHS = [
    ("ru", "Суд признал его виновным по ч. 2 ст. 20.3 КоАП РФ. Защита обжалует. Дело в ЕСПЧ."),
    (
        "ru",
        "Приговор вынесен 18 декабря 2025 г. Суд назначил пять лет. Д. А. Журавлев не согласен.",
    ),
    ("en", "Under Art. 20.3 he was fined. Mr. Smith, No. 2 on the list, said so. See p. 5. Done."),
    ("en", "He was born c. 1973 in the Urals. On 18 Dec. 2025 the court ruled. A. Sokolov left."),
]


@pytest.mark.parametrize(("lang", "paragraph"), PARAGRAPHS)
def test_sentences_joined_with_spaces_give_back_the_paragraph(lang: str, paragraph: str) -> None:
    sentences = split_sentences(paragraph, lang)
    assert len(sentences) > 1
    assert " ".join(sentences) == paragraph


def test_joined_sentences_give_back_unnormalised_paragraph_words() -> None:
    paragraph = "Суд  отказал.\nЗащита\tобжалует   решение.  "
    sentences = split_sentences(paragraph, "ru")
    assert len(sentences) == 2
    assert normalise_space(" ".join(sentences)) == normalise_space(paragraph)


@pytest.mark.parametrize("paragraph", ["", "   "])
def test_empty_paragraph_has_no_sentences(paragraph: str) -> None:
    assert split_sentences(paragraph, "ru") == ()
