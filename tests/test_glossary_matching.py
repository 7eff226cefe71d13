"""Term matching: Russian inflection, English variants, longest match, proper-name case,
article and colony patterns in both directions, and recall/precision on the labelled set."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from translator.glossary.loading import shipped_glossary
from translator.glossary.matcher import GlossaryIndex
from translator.glossary.model import Concept, Glossary, Term, TermStatus
from translator.glossary.patterns import ArticleRef, ArticleStyle, ColonyRef, find_patterns

LABELLED = Path(__file__).parent / "data" / "glossary_labelled.jsonl"

SMALL = GlossaryIndex(
    Glossary.of(
        [
            Concept("onk", (Term("ОНК", "ru"), Term("ONK", "en"))),
            Concept("colony", (Term("колония", "ru"), Term("colony", "en"))),
            Concept(
                "strict",
                (Term("колония строгого режима", "ru"), Term("strict-regime colony", "en")),
            ),
            Concept("sokolov", (Term("Соколов", "ru", pos="properNoun"), Term("Sokolov", "en"))),
            Concept(
                "basis",
                (
                    Term("Правовая основа", "ru", pos="properNoun"),
                    Term("Legal Basis", "en", pos="properNoun"),
                ),
            ),
            Concept("prosecutor", (Term("прокурор", "ru"), Term("prosecutor's office", "en"))),
            Concept(
                "recognisance",
                (Term("подписка о невыезде", "ru"), Term("recognisance not to abscond", "en")),
            ),
        ]
    )
)


def found(text: str, lang: str, index: GlossaryIndex = SMALL) -> list[tuple[str, str]]:
    return [(m.text, m.concept) for m in index.find(text, lang)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Его отправили в колонию строгого режима.", [("колонию строгого режима", "strict")]),
        ("в колониях строгого режима", [("колониях строгого режима", "strict")]),
        ("Он был в ИК-2.", [("ИК-2", "pattern:colony")]),
        ("Мнение члена ОНК", [("ОНК", "onk")]),
        ("Письмо Соколову", [("Соколову", "sokolov")]),
        ("Он дал подписку о невыезде", [("подписку о невыезде", "recognisance")]),
        ("колонии, строгого режима", [("колонии", "colony")]),
    ],
)
def test_russian_terms_match_inflected(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text, "ru") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Two Strict-Regime Colonies", [("Strict-Regime Colonies", "strict")]),
        ("the colony's gate", [("colony's", "colony")]),
        ("the colonies' gates", [("colonies'", "colony")]),
        ("the strict regime colony", [("strict regime colony", "strict")]),
        ("THE PROSECUTOR'S OFFICE", [("PROSECUTOR'S OFFICE", "prosecutor")]),
        ("he was colonised", []),
    ],
)
def test_english_case_plural_possessive(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text, "en") == expected


def test_proper_names_and_acronyms_are_case_sensitive() -> None:
    assert found("Юристы «Правовой основы» и правовой основы", "ru") == [
        ("Правовой основы", "basis")
    ]
    assert found("a legal basis for Legal Basis", "en") == [("Legal Basis", "basis")]
    assert found("онк и онкодиспансер", "ru") == []


def test_longest_match_wins_and_ties_are_deterministic() -> None:
    assert found("колония строгого режима", "ru") == [("колония строгого режима", "strict")]
    twins = GlossaryIndex(
        Glossary.of(
            [
                Concept("b", (Term("обыск", "ru", TermStatus.ADMITTED),)),
                Concept("a", (Term("обыск", "ru", TermStatus.ADMITTED),)),
                Concept("c", (Term("обыск", "ru"),)),
            ]
        )
    )
    assert found("обыск", "ru", twins) == [("обыск", "c")]  # best status, then concept key
    twins_reversed = GlossaryIndex(Glossary.of(reversed(twins.glossary.concepts)))
    assert found("обыск", "ru", twins_reversed) == [("обыск", "c")]


def test_pattern_beats_the_code_name_inside_it() -> None:
    index = GlossaryIndex(shipped_glossary())
    assert found("по ч. 2 ст. 20.3 КоАП РФ и КоАП", "ru", index) == [
        ("ч. 2 ст. 20.3 КоАП РФ", "pattern:article"),
        ("КоАП", "administrative-code"),
    ]


def values(text: str, lang: str) -> list[ArticleRef | ColonyRef]:
    return [m.value for m in find_patterns(text, lang)]


@pytest.mark.parametrize(
    ("ru", "en"),
    [
        ("ч. 2 ст. 20.3 КоАП РФ", "Part 2 of Article 20.3 of the Code of Administrative Offences"),
        (
            "п. «а» ч. 2 ст. 161 УК РФ",
            "paragraph (a) of Part 2 of Article 161 of the Criminal Code",
        ),
        (
            "п. «в» ч. 3 ст. 158 УК РФ",
            "paragraph (c) of Part 3 of Article 158 of the Criminal Code",
        ),
        ("ст. 275 УК РФ", "Article 275 of the Criminal Code"),
        ("ст. 275 и 284.1 УК РФ", "Articles 275 and 284.1 of the Criminal Code"),
        ("ст. 207.3", "Article 207.3"),
    ],
)
def test_article_references_both_directions(ru: str, en: str) -> None:
    [from_ru] = values(ru, "ru")
    [from_en] = values(en, "en")
    assert from_ru == from_en
    assert from_ru.render("en") == en
    assert from_en.render("ru") == ru


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("по статье 275 УК РФ", ArticleRef("275", "uk")),
        ("обвинение по статьи 275", ArticleRef("275")),
        ("частью 1 статьи 207.3 Уголовного кодекса РФ", ArticleRef("207.3", "uk", "1")),
        ("по статьям 275 и 284.1 УК", ArticleRef("275", "uk", more=("284.1",))),
    ],
)
def test_inflected_russian_article_references(text: str, expected: ArticleRef) -> None:
    assert values(text, "ru") == [expected]


PLURAL = ArticleRef("275", "uk", more=("284.1",))


@pytest.mark.parametrize(
    ("text", "reference", "source"),
    [
        ("осуждён по ст.ст. 275 и 284.1 УК РФ.", PLURAL, "ст.ст. 275 и 284.1 УК РФ"),
        ("осуждён по ст. ст. 275, 284.1 УК РФ.", PLURAL, "ст. ст. 275, 284.1 УК РФ"),
        ("осуждён статьями 275 и 284.1 УК РФ.", PLURAL, "статьями 275 и 284.1 УК РФ"),
        (
            "по признакам статей 205.2 и 280 УК.",
            ArticleRef("205.2", "uk", more=("280",)),
            "статей 205.2 и 280 УК",
        ),
        (
            "Ст. 275, 280 и 284.1 УК РФ предусматривают",
            ArticleRef("275", "uk", more=("280", "284.1")),
            "Ст. 275, 280 и 284.1 УК РФ",
        ),
    ],
)
def test_plural_russian_article_references(text: str, reference: ArticleRef, source: str) -> None:
    index = GlossaryIndex(shipped_glossary())
    [match] = index.find(text, "ru")
    assert (match.text, match.pattern) == (source, reference)
    english = index.rendering(match, "en")
    assert english is not None and english.startswith("Articles ")
    # the English rendering is recognised as the same reference, and the Russian again
    [back] = index.find(f"under {english}.", "en")
    assert back.pattern == reference
    assert index.satisfied_by(back, index.find(text, "ru"))
    assert index.satisfied_by(match, index.find(f"under {english}.", "en"))


@pytest.mark.parametrize(
    "english",
    [
        "Articles 275 and 284.1 of the Criminal Code",
        "Articles 275, and 284.1 of the Criminal Code",
        "Arts. 275 and 284.1 CC",
    ],
)
def test_plural_english_article_references(english: str) -> None:
    assert values(f"charged under {english}.", "en") == [PLURAL]
    assert PLURAL.render("ru") == "ст. 275 и 284.1 УК РФ"
    assert values(f"по {PLURAL.render('ru')}", "ru") == [PLURAL]


@pytest.mark.parametrize(
    "text",
    [
        "Статья 3 Конвенции запрещает пытки.",
        "В своей статье журналист описал колонию.",
        "Article 5 of the Convention",
    ],
)
def test_articles_of_other_instruments_are_not_code_articles(text: str) -> None:
    assert values(text, "ru" if "Статья" in text or "статье" in text else "en") == []


def test_house_styles() -> None:
    reference = ArticleRef("20.3", "koap", "2")
    assert reference.render("en", ArticleStyle.SHORT) == "Art. 20.3(2) CAO"
    assert values("Art. 20.3(2) CAO", "en") == [reference]
    assert ArticleStyle.parse("Art. 20.3(2) CAO") is ArticleStyle.SHORT
    assert (
        ArticleStyle.parse("Part 2 of Article 20.3 of the Code of Administrative Offences")
        is ArticleStyle.LONG
    )
    with pytest.raises(ValueError):
        ArticleStyle.parse("medium")


@pytest.mark.parametrize(
    ("ru", "en"), [("ИК-2", "IK-2"), ("СИЗО-1", "SIZO-1"), ("ЛИУ-3", "LIU-3"), ("КП-8", "KP-8")]
)
def test_colonies_both_directions(ru: str, en: str) -> None:
    [from_ru] = values(f"в {ru} и", "ru")
    [from_en] = values(f"in {en} and", "en")
    assert from_ru == from_en
    assert (from_ru.render("en"), from_en.render("ru")) == (en, ru)
    assert values("в ИК № 9", "ru") == [ColonyRef("IK", "9")]


def test_labelled_set_precision_and_recall() -> None:
    index = GlossaryIndex(shipped_glossary())
    expected_total = found_total = correct = 0
    for line in LABELLED.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        expected = {(t["start"], t["end"], t["concept"]) for t in item["terms"]}
        got = {(m.start, m.end, m.concept) for m in index.find(item["text"], item["lang"])}
        expected_total += len(expected)
        found_total += len(got)
        correct += len(expected & got)
    assert expected_total >= 150
    assert correct / found_total >= 0.97
    assert correct / expected_total >= 0.97


def test_start_regex_path_finds_what_a_full_token_walk_finds() -> None:
    """The fast path (a regex finds where terms may start) loses nothing against walking
    from every token, on the labelled set and both sample texts, in either language."""
    index = GlossaryIndex(shipped_glossary())
    labelled = Path(__file__).parent / "data" / "glossary_labelled.jsonl"
    texts = [
        (record["text"], record["lang"])
        for record in map(json.loads, labelled.read_text(encoding="utf-8").splitlines())
    ]
    corpus = Path(__file__).resolve().parents[1] / "corpora"
    for name, lang in (("ru_case_zhuravlev.txt", "ru"), ("en_case_zhuravlev.txt", "en")):
        texts += [(part, lang) for part in (corpus / name).read_text("utf-8").split("\n\n")]
    texts.append(("«Колонии-поселения» и PRE-TRIAL detention-centres’ «ШИЗО»", "ru"))
    texts.append(("«Colonies-settlements» and PRE-TRIAL detention-centres’ ShIZO", "en"))
    found = 0
    for text, lang in texts:
        fast = sorted(index.candidates(text, lang, patterns=False))
        assert fast == sorted(index.full_scan(text, lang)), text
        found += len(fast)
    assert found > 500


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("He was transferred under escort to IK-2.", "transfer under escort"),
        ("Transferring under escort takes weeks.", "transfer under escort"),
        ("The FSIN transfers under escort every month.", "transfer under escort"),
    ],
)
def test_terms_of_verb_concepts_match_verb_forms(text: str, term: str) -> None:
    assert term in [
        m.term.text for m in GlossaryIndex(shipped_glossary()).find(text, "en") if m.term
    ]


def test_nested_terms_are_candidates_though_overlaps_resolve_to_the_longest() -> None:
    index = GlossaryIndex(shipped_glossary())
    text = "Both are strict-regime colonies."
    assert [m.concept for m in index.find(text, "en")] == ["strict-regime-colony"]
    concepts = {m.concept for m in index.candidates(text, "en")}
    assert {"strict-regime-colony", "strict-regime", "penal-colony"} <= concepts
