"""Fast paths of the term checks (issue 5 speed) agree with the general paths they stand for."""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

from translator.checks.term_consistency import (
    _CYRILLIC_ABBREVIATION,
    _LATIN_ABBREVIATION,
    _LATIN_CASED,
    _TOKEN,
    _latin_cased,
)
from translator.glossary import patterns
from translator.glossary.loading import shipped_glossary
from translator.glossary.matcher import GlossaryIndex, TermMatch, _sort_by_position
from translator.glossary.model import TermStatus

CORPUS = Path(__file__).resolve().parents[1] / "corpora"
FORBIDDEN = ["Federal Prison Service", "Penal Code", "labour camp", "gaol", "attorney"]
TRICKY = [
    "ShIZO, SHIZO and shizo; O'Brien’s IK-2, naïve Ébert ФСИН-ShIZO x_ABC _Abc",
    "The FSIN's «SIZO-1» and pre-trial detention-centres’ LABOUR-CAMP gaols",
    "ATTORNEY attorneys’ Gaol, labour camps, Federal Prison Services",
]


def _texts() -> list[str]:
    english = (CORPUS / "en_case_zhuravlev.txt").read_text("utf-8").split("\n\n")
    planted = [
        f"{text} The {FORBIDDEN[n % len(FORBIDDEN)]} said so." for n, text in enumerate(english)
    ]
    return [*english, *planted, *TRICKY]


def test_forbidden_prefilter_agrees_with_the_full_candidates() -> None:
    """`forbidden_in` walks only from words that can start a forbidden term; it must find
    a forbidden candidate exactly when the full candidate list holds one."""
    index = GlossaryIndex(shipped_glossary())
    held = 0
    for text in _texts():
        full = any(
            m.term is not None and m.term.status is TermStatus.FORBIDDEN
            for m in GlossaryIndex(index.glossary).candidates(text, "en", patterns=False)
        )
        assert index._holds_forbidden_candidate(text, "en") == full, text
        held += full
    assert held > 10


def test_latin_cased_tokens_are_the_ascii_tokens_not_in_lower_case() -> None:
    texts = [*_texts(), *(CORPUS / "ru_case_zhuravlev.txt").read_text("utf-8").split("\n\n")]
    found = 0
    for text in texts:
        general = [t for t in _TOKEN.findall(text) if t.isascii() and not t.islower()]
        assert _LATIN_CASED.findall(text) == general, text
        found += len(general)
    assert found > 100


# -- second round: start scan, article starts, match order, walk steps -------------------

TRICKY_STARTS = [
    ("колония-поселение и колонии-поселения, x-колония, «колония» 'колония", "ru"),
    ("écolony _colony 1colony é colony, l'colony and l’colony: colony's colony’s", "en"),
    ("Колония строгого режима ФСИН России", "ru"),  # a hit at the very start
    ("strict-regime colonies, pre-trial detention-centres’ ShIZO", "en"),
    ("İstanbul colony and ФСИН", "en"),  # lower-casing İ changes the length
    (" colony", "en"),
    ("-колония", "ru"),
    ("", "ru"),
]


def _start_texts() -> list[tuple[str, str]]:
    texts = [(text, "en") for text in _texts()]
    russian = (CORPUS / "ru_case_zhuravlev.txt").read_text("utf-8").split("\n\n")
    return [*texts, *((text, "ru") for text in russian), *TRICKY_STARTS]


def test_start_scan_after_a_separator_finds_what_the_lookbehind_pattern_finds() -> None:
    """`StartScan.hits` (a separator-first pattern after one anchored try at the start)
    stops at exactly the tokens, with the same next token, as `first.finditer` alone."""
    index = GlossaryIndex(shipped_glossary())
    hits = 0
    for text, lang in _start_texts():
        scan = index._start_scan[lang]
        lowered = text.lower()
        pattern = scan.first if len(lowered) == len(text) else scan._cased()[0]
        expected = [
            (m.span(1), m.span(2))
            for m in pattern.finditer(lowered if len(lowered) == len(text) else text)
        ]
        assert [(m.span(1), m.span(2)) for m in scan.hits(text)] == expected, text
        hits += len(expected)
    assert hits > 300


def test_article_start_classes_hold_every_case_form_of_their_letters() -> None:
    """EN_ARTICLE_START lists the first letters of the English words in every form that
    (?i) matches (a cased class under (?i) would defeat the engine's skip-ahead)."""
    folded = re.compile("(?i:[pica])")
    listed = re.compile("[pPiIıİcCaA]")
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        assert bool(folded.fullmatch(char)) == bool(listed.fullmatch(char)), hex(code)


ARTICLE_TEXTS = [
    (
        "п. «а» ч. 2 ст. 161 УК РФ и ст.ст. 5, 6; пст. 5, .ст. 7, ч.2 ст.5, частью 3 статьи 20.2",
        "ru",
    ),
    ("Статьей 5 и статей 6 и 7 УИК; пункт «б» части 1 статьи 9 Конвенции; cт. 8", "ru"),
    ("İtem (a) of Part 2 of Article 5; ıtem (b) of art. 6; ARTICLES 7 and 8 CC", "en"),
    ("paragraph (c) of Art.9(2) CAO, para. (d) of Arts. 3, 4; clause (e) of Article 10", "en"),
    ("part 3 of Article 4 of the European Convention; Particle 5; art5; apart 6", "en"),
]


def test_article_starts_find_what_the_full_article_pattern_finds() -> None:
    """`_PatternScan.articles` tries the article pattern only where a reference may start;
    it returns the matches of the unfiltered `finditer`."""
    russian = (CORPUS / "ru_case_zhuravlev.txt").read_text("utf-8").split("\n\n")
    english = (CORPUS / "en_case_zhuravlev.txt").read_text("utf-8").split("\n\n")
    texts = [*((t, "ru") for t in russian), *((t, "en") for t in english), *ARTICLE_TEXTS]
    found = 0
    for text, lang in texts:
        scan = patterns._SCANS[lang]
        expected = [m.span() for m in scan.article.finditer(text)]
        assert [m.span() for m in scan.articles(text)] == expected, text
        found += len(expected)
    assert found > 15


def test_sort_by_position_is_the_start_then_longest_first_stable_sort() -> None:
    rng = random.Random(5)
    for _ in range(500):
        matches = [
            TermMatch(start, start + rng.randint(1, 4), "x", f"c{n}", "ru")
            for n, start in enumerate(rng.randint(0, 6) for _ in range(rng.randint(0, 12)))
        ]
        expected = sorted(matches, key=lambda m: (m.start, -m.end))
        _sort_by_position(matches)
        assert matches == expected


def test_cached_walk_steps_agree_with_the_full_token_walk() -> None:
    """The walk steps are cached per word sequence: a second pass over the same texts
    (served from the cache, proper names in either case) finds what a full walk finds."""
    index = GlossaryIndex(shipped_glossary())
    texts = [
        *_start_texts(),
        ("Правовая основа и правовая основа; ПРАВОВАЯ ОСНОВА", "ru"),
        ("the Public Monitoring Commission and the public monitoring commission", "en"),
    ]
    for _ in range(2):
        for text, lang in texts:
            index._memo.clear()
            fast = sorted(index.candidates(text, lang, patterns=False))
            assert fast == sorted(index.full_scan(text, lang)), text
    assert index._steps["ru"] and index._steps["en"]


def test_required_rendering_is_the_rendering_unless_context_dependent() -> None:
    index = GlossaryIndex(shipped_glossary())
    russian = (CORPUS / "ru_case_zhuravlev.txt").read_text("utf-8")
    matches = index.candidates(russian + " Прогулка во дворе. ст. 5 УК", "ru")
    assert any(index.context_dependent(m) for m in matches)
    for match in matches * 2:  # the second time from the cache
        expected = None if index.context_dependent(match) else index.rendering(match, "en")
        assert index.required_rendering(match, "en") == expected


def test_abbreviation_patterns_match_as_with_the_lookbehind_first() -> None:
    """The abbreviation patterns test "not after a letter" after their first capital (so
    the engine skips ahead in C); they find what the lookbehind-first patterns find."""
    russian = (CORPUS / "ru_case_zhuravlev.txt").read_text("utf-8").split("\\n\\n")
    english = (CORPUS / "en_case_zhuravlev.txt").read_text("utf-8").split("\\n\\n")
    tricky = "ФСИН ШИЗО ПКТ-2 xФСИН 1ФСИН _ФСИН ёШИЗО ФСИНx ФСИН1 ABC aABC éABC SHIZO ShIZO"
    found = 0
    for fast in (_CYRILLIC_ABBREVIATION, _LATIN_ABBREVIATION):
        general = re.compile(r"(?<![^\W\d_])" + fast.pattern.replace(r"(?<![^\W\d_].)", "", 1))
        for text in [*russian, *english, tricky, "ФСИН", "ABC"]:
            assert [m.span() for m in fast.finditer(text)] == [
                m.span() for m in general.finditer(text)
            ], text
            found += len(general.findall(text))
    assert found > 50


def test_capital_first_latin_tokens_are_the_general_ones() -> None:
    texts = [*_texts(), *(CORPUS / "ru_case_zhuravlev.txt").read_text("utf-8").split("\n\n")]
    texts += ["iPhone ShIZO", "ShIZO eBay", "éABC ABC1 _Abc xY", "ABC", "aB", "Ab", ""]
    found = 0
    for text in texts:
        assert _latin_cased(text) == _LATIN_CASED.findall(text), text
        found += len(_LATIN_CASED.findall(text))
    assert found > 100
