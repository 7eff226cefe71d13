"""The name-variant check's fast path agrees with the general path it stands for.

`contribution_json` (what the check stores per paragraph) must be byte for byte the JSON of
`name_contribution`; the rewritten run and word regexes must find exactly what the plain
ones find; the position test must answer as the plain slice does. Each is compared on the
sample corpus, on inputs built to hit the edge cases, and on seeded random texts.
"""

from __future__ import annotations

import json
import random
import re

import pytest

from tests.conftest import SAMPLE_CORPUS, sample_files
from translator.checks.base import CheckUnit
from translator.checks.name_variants import NameVariantCheck
from translator.ingest import parse_source, read_source
from translator.names import NameUnit
from translator.names import extract as names_extract
from translator.names.cluster import contribution_json, name_contribution

# The patterns as first written: lookbehind in front (see the comment on _EN_RUN).
PLAIN_EN_RUN = re.compile(
    rf"(?<![\w’'.-]){names_extract._EN_TOKEN}(?:[ \u00a0]{names_extract._EN_TOKEN})*(?![\w-])"
)
PLAIN_RU_WORD = re.compile(r"(?<![\w-])[А-ЯЁ][а-яё]+(?:-[А-ЯЁ]?[а-яё]+)*")

TRICKY_ENGLISH = [
    "",
    "no capital letter at all",
    "Perm",
    "Perm is a city. Perm is cold.",
    "Case No. 0-98. Zhuravlev said so; Perm agreed: Kharkiv too",
    "XPerm and Perm, McPerm and Perm-Krai, Perm-1 and Perm-krai.",
    "Sokolovs' Anna met Mr. Zhuravlev and Mrs Sokolova's son.",
    "The Sokolovs’ son met J. R. Tolkien and Dr.Smith and St. Petersburg.",
    "“Zhuravlev,” said Dmitry Zhuravlev. (Perm) «Perm» *Perm* #Perm [Perm _Perm >Perm",
    "." + " " * 20 + "Perm",
    "x" + " " * 20 + "Perm",
    "x" + " " * 15 + "Perm",
    "x" + " " * 16 + "Perm",
    "." + " " * 15 + "Perm",
    " " * 10 + "Perm",
    "x—Perm and x – Perm and x - Perm",
    "Perm\u00a0Krai Public Oversight Commission\nPerm\tPerm\r\nPerm…Perm!Perm?Perm",
    "Éric Zola and Ørsted and ÀB and Ève’s friend, Ångström.",
    "Mr",
    "Mr Perm",
    "Dmitrii Andreevich Zhuravlev and Dmitry Zhurravlev and Zhuarvlev",
    "Pavel, Anna and Irina Belousova. Judge Dmitry Kolesnikov of the Perm Regional Court.",
    "Legal Defence (Pravovaya Zashchita) and Severny Most",
    "He said \"Pravovaya Zashchita\" and 'Perm' and -Perm and _Perm_",
]

TRICKY_RUSSIAN = [
    "",
    "Дмитрий Журавлев и Журавлёв, Журавлева и Журавлевой.",
    "Пермь, Павел Журавлев и Анна. Пермь ещё раз; Дмитрий, Дмитрия.",
    "Судья Дмитрий Колесников, адвокат Ирина Белоусова, Соколов и Соколовых.",
    "Правовая Защита, Северный Мост, Харьков, Нижний Новгород, Санкт-Петербург.",
    "XЖуравлев и -Журавлев и Журавлев-Соколов",
]

# Pieces the random texts are glued from: names, ordinary words, and every character the
# patterns and the sentence test treat specially.
PIECES = [
    "Perm", "Case", "No.", "Dmitrii", "Dmitry", "Zhuravlev", "Zhuravleva", "Sokolovs", "Mr",
    "Mrs", "Judge", "Anna", "Pavel", "Krai", "Court", "The", "On", "In", "the", "and", "a",
    "J.", "St.", "É", "Éric", "Ø", "ß", "A", "Z", "s", "x", "1", ".", "'", "’", "-", "—", " ",
    " ", " ", "\u00a0", "\n", "\t", "(", "“", "«", "*", "#", "[", "_", ">", "!", "?", ":", ";",
    "…", ",", "\"",
]  # fmt: skip
RUSSIAN_PIECES = [
    "Дмитрий", "Журавлев", "Журавлёв", "Журавлева", "Пермь", "Павел", "Анна", "Соколов",
    "Колесников", "Харьков", "и", "в", " ", " ", ".", "-", "X", "ё",
]  # fmt: skip


def _plain_opens_sentence(text: str, position: int) -> bool:
    before = text[max(0, position - 16) : position].rstrip(names_extract._OPENERS)
    return not before or before[-1] in names_extract._SENTENCE_ENDS


def _serialised(english: str, russian: str) -> str:
    """The general path: the contribution's items, serialised as the check used to."""
    items = name_contribution(NameUnit(1, "en", english, "ru", russian))
    return json.dumps(items, ensure_ascii=False, separators=(",", ":")) if items else ""


def _random_texts(pieces: list[str], count: int, seed: int) -> list[str]:
    generator = random.Random(seed)
    return ["".join(generator.choices(pieces, k=generator.randint(1, 40))) for _ in range(count)]


def _corpus_paragraphs() -> list[str]:
    return [
        paragraph.source_text
        for path in sample_files()
        for paragraph in parse_source(read_source(path, 10**7)).paragraphs
    ]


def _english_texts() -> list[str]:
    return [*TRICKY_ENGLISH, *_corpus_paragraphs(), *_random_texts(PIECES, 3000, 5)]


def _russian_texts() -> list[str]:
    return [*TRICKY_RUSSIAN, *_random_texts(RUSSIAN_PIECES, 1000, 7)]


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [match.span() for match in pattern.finditer(text)]


def test_run_pattern_matches_the_plain_one() -> None:
    for text in [*_english_texts(), *_russian_texts()]:
        assert _spans(names_extract._EN_RUN, text) == _spans(PLAIN_EN_RUN, text), text


def test_russian_word_pattern_matches_the_plain_one() -> None:
    for text in [*_russian_texts(), *_corpus_paragraphs(), *_english_texts()[:50]]:
        assert names_extract.russian_words(text) == PLAIN_RU_WORD.findall(text), text


def test_opens_sentence_matches_the_plain_slice() -> None:
    for text in _english_texts():
        for position in range(len(text) + 1):
            expected = _plain_opens_sentence(text, position)
            assert names_extract.opens_sentence(text, position) == expected, (text, position)


def test_sentence_start_decides_a_lone_word() -> None:
    """The case the per-run cache must keep apart: the same run, opening a sentence or not."""
    opening, inside = contribution_json("Perm agreed.", ""), contribution_json("In Perm.", "")
    assert opening == '[["word",null,"Perm",false,null,null]]'
    assert inside == '[["word",null,"Perm",true,null,null]]'
    assert opening == _serialised("Perm agreed.", "")


def test_contribution_json_is_the_serialised_contribution() -> None:
    english_texts = _english_texts()
    russian_texts = _russian_texts()
    for index, english in enumerate(english_texts):
        russian = russian_texts[index % len(russian_texts)]
        assert contribution_json(english, russian) == _serialised(english, russian), english


def test_contribution_json_links_as_the_general_path() -> None:
    """Parallel paragraphs, so that most names are tied to a Russian form."""
    pairs = [
        parse_source(read_source(SAMPLE_CORPUS / name, 10**7)).paragraphs
        for name in ("en_case_zhuravlev.txt", "ru_case_zhuravlev.txt")
    ]
    linked = 0
    for english, russian in zip(*pairs, strict=True):
        expected = _serialised(english.source_text, russian.source_text)
        assert contribution_json(english.source_text, russian.source_text) == expected
        items = json.loads(expected or "[]")
        linked += sum(link is not None for item in items for link in item[4:])
    assert linked >= 10  # the comparison did cover links, not only nulls
    for russian in TRICKY_RUSSIAN:
        for english in TRICKY_ENGLISH:
            assert contribution_json(english, russian) == _serialised(english, russian)


@pytest.mark.parametrize(
    ("source_lang", "target_lang"), [("ru", "en"), ("en", "ru"), ("en", "en"), ("ru", "de")]
)
def test_check_contribution_is_the_serialised_contribution(
    source_lang: str, target_lang: str
) -> None:
    check = NameVariantCheck()
    source, target = TRICKY_RUSSIAN[1], "Dmitry Zhuravlev met Zhuravleva in Perm."
    if source_lang == "en":
        source, target = target, source
    unit = CheckUnit(1, 1, "d", 1, source_lang, target_lang, source, target, "edited")
    items = name_contribution(NameUnit(1, source_lang, source, target_lang, target))
    expected = json.dumps(items, ensure_ascii=False, separators=(",", ":")) if items else ""
    assert check.contribution(unit) == expected
    duplicate = CheckUnit(2, 1, "d", 2, source_lang, target_lang, source, target, "edited", 1)
    assert check.contribution(duplicate) == ""
