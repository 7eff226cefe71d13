"""The article/colony pattern scan's prefilter: it only skips work, never a match.

The oracle is the scan without any prefilter: every pattern over the whole text.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from translator.glossary import patterns
from translator.glossary.patterns import (
    ARTICLE_CONCEPT,
    COLONY_CONCEPT,
    EN_ARTICLE,
    EN_COLONY,
    INSTITUTIONS_LATIN_TO_RU,
    INSTITUTIONS_RU_TO_LATIN,
    RU_ARTICLE,
    RU_COLONY,
    ColonyRef,
    PatternMatch,
    _article,
    find_patterns,
)

CORPUS = Path(__file__).resolve().parents[1] / "corpora"

TRICKY = [
    "п. «а» ч. 2 ст. 161 УК РФ и ст.ст. 30, 105 УК РФ",
    "по статьям 275 и 284.1 УК РФ, статей 20 и 21, Статья 5",
    "ст. 3 Конвенции, ст 5, ст.5, ст. ст. 7 и 8 УПК",
    "ИК-2, ИК‑3 (неразрывный дефис), СИЗО № 1, СИЗО-№2, ЛИУ, ЛИУ-5, ВИК-3, ИКП-1, ПФРСИ при ИК-1",
    "ТБ-1 и ЕПКТ-4ИК-5",
    "paragraph (a) of Part 2 of Article 161 of the Criminal Code, Art. 20.3(2) CAO",
    "ARTICLE 5, article 6, ARTS. 7 and 8, arts.9, Article 3 of the European Convention",
    "IK-2/IK-3, SIZO No. 1, SIZO No.2, LIU, LIU-4, TB-1, PIK-3, EPKT-1",
    "a party, a start, heart 5, Part 2, art 5, smart. 5",
    "",
]

# What references and institution names are made of, to shuffle into random texts.
PIECES = (
    *("ст.", "ч.", "п.", "«а»", "статья", "статей", "Ст.ст.", "УК", "РФ", "КоАП", "и"),
    *(",", "-", "‑", "№", "No.", "(", ")", "1", "2", "20.3", "5"),
    *("Art.", "Arts.", "Article", "articles", "ARTICLE", "Part", "paragraph", "of", "the"),
    *("Criminal", "Code", "CC"),
)
GAPS = ("", " ", " ", " ", "-", "\n")


def unfiltered(text: str, lang: str) -> list[PatternMatch]:
    """What find_patterns returns, computed the slow way: no trigger, no early exit."""
    article, colony = (RU_ARTICLE, RU_COLONY) if lang == "ru" else (EN_ARTICLE, EN_COLONY)
    to_latin = (
        INSTITUTIONS_RU_TO_LATIN if lang == "ru" else {k: k for k in INSTITUTIONS_LATIN_TO_RU}
    )
    found = [
        PatternMatch(m.start(), m.end(), ARTICLE_CONCEPT, _article(m, lang))
        for m in article.finditer(text)
    ]
    for m in colony.finditer(text):
        kind = to_latin[m.group("kind") or m.group("bare")]
        found.append(
            PatternMatch(m.start(), m.end(), COLONY_CONCEPT, ColonyRef(kind, m.group("number")))
        )
    return sorted(found, key=lambda item: (item.start, -item.end))


def _corpus_paragraphs() -> list[str]:
    return [
        part
        for path in sorted(CORPUS.glob("*_*.*"))
        for part in path.read_text(encoding="utf-8").split("\n\n")
    ]


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_prefilter_finds_what_the_full_scan_finds(lang: str) -> None:
    texts = [*TRICKY, *_corpus_paragraphs()]
    assert any(unfiltered(text, lang) for text in texts)  # the comparison is not vacuous
    for text in texts:
        assert find_patterns(text, lang) == unfiltered(text, lang), text


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_prefilter_agrees_on_random_mixtures_of_pattern_pieces(lang: str) -> None:
    pieces = [
        *PIECES,
        *INSTITUTIONS_RU_TO_LATIN,
        *INSTITUTIONS_LATIN_TO_RU,
        " ",
        "  ",
        "x",
        "Журавлев",
    ]
    rng = random.Random(20240)
    hits = 0
    for _ in range(5000):
        words = (rng.choice(pieces) + rng.choice(GAPS) for _ in range(rng.randint(1, 14)))
        text = "".join(words)
        expected = unfiltered(text, lang)
        hits += bool(expected)
        assert find_patterns(text, lang) == expected, text
    assert hits > 400, hits


class _Untouchable:
    """A pattern that fails the test if the prefilter lets a text through to it."""

    def __getattr__(self, name: str) -> object:
        raise AssertionError(f"the full pattern was run ({name})")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Суд продлил срок содержания под стражей на 2 месяца, до 3 мая.", "ru"),
        ("Статус заявителя: 12 жалоб.", "ru"),
        ("The court extended his detention by 2 months; a party of 3 started.", "en"),
        ("Нет чисел вообще", "ru"),
    ],
)
def test_texts_without_a_trigger_never_reach_the_full_patterns(
    monkeypatch: pytest.MonkeyPatch, text: str, lang: str
) -> None:
    scan = patterns._SCANS[lang]
    blind = type(scan)(
        _Untouchable(),  # type: ignore[arg-type]
        scan.article_trigger,
        scan.article_letters,
        _Untouchable(),  # type: ignore[arg-type]
        scan.colony_trigger,
        scan.to_latin,
    )
    monkeypatch.setitem(patterns._SCANS, lang, blind)
    assert find_patterns(text, lang) == []


def test_triggers_come_from_the_patterns_themselves() -> None:
    """Each trigger is a piece of its pattern, so a pattern match always holds a trigger."""
    for lang, article in (("ru", RU_ARTICLE), ("en", EN_ARTICLE)):
        scan = patterns._SCANS[lang]
        assert scan.article_trigger.pattern in article.pattern
        kinds = scan.colony_trigger.pattern
        assert f"(?P<kind>{kinds})" in scan.colony.pattern
    assert re.fullmatch(patterns._SCANS["en"].colony_trigger, "TB") is None  # tuberculosis
