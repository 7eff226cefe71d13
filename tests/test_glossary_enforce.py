"""The term guard: protection markers, restoration with inflection, and loud failures."""

from __future__ import annotations

import pytest

from translator.glossary.enforce import GlossaryTermGuard
from translator.glossary.loading import shipped_glossary
from translator.glossary.matcher import GlossaryIndex
from translator.glossary.model import Concept, Glossary, Term
from translator.glossary.patterns import ArticleStyle

GUARD = GlossaryTermGuard(GlossaryIndex(shipped_glossary()))


def round_trip(source: str, source_lang: str, target_lang: str, fake_mt: str) -> tuple[str, ...]:
    protected = GUARD.protect(source, source_lang, target_lang)
    restored = GUARD.restore(fake_mt, protected)
    return (restored.text, *restored.problems)


def test_protect_replaces_terms_with_markers_and_keeps_renderings() -> None:
    protected = GUARD.protect("Члены ОНК посетили ИК-2 по ч. 2 ст. 20.3 КоАП РФ.", "ru", "en")
    assert protected.text == "Члены ZX1 посетили ZX2 по ZX3."
    assert [(t.source, t.target) for t in protected.terms] == [
        ("ОНК", "ONK"),
        ("ИК-2", "IK-2"),
        ("ч. 2 ст. 20.3 КоАП РФ", "Part 2 of Article 20.3 of the Code of Administrative Offences"),
    ]


def test_restore_into_english_with_plural_and_capital() -> None:
    assert round_trip(
        "Колония строгого режима переполнена.", "ru", "en", "ZX1 is overcrowded."
    ) == ("Strict-regime penal colony is overcrowded.",)
    assert round_trip(
        "Его держали в колониях строгого режима.", "ru", "en", "He was held in ZX1."
    ) == ("He was held in strict-regime penal colonies.",)


@pytest.mark.parametrize(
    ("source", "mt", "expected"),
    [
        (
            "A letter from the pre-trial detention centre.",
            "Письмо из ZX1.",
            "Письмо из следственного изолятора.",
        ),
        (
            "He wrote about the strict-regime colony.",
            "Он написал о ZX1.",
            "Он написал о колонии строгого режима.",
        ),
        ("Thanks to the lawyer.", "Благодаря ZX1.", "Благодаря адвокату."),
        (
            "Members of the Public Oversight Commission (ONK) came.",
            "Члены ZX1 пришли.",
            "Члены общественной наблюдательной комиссии пришли.",
        ),
        ("The foreign agent spoke.", "ZX1 выступил.", "Иностранный агент выступил."),
    ],
)
def test_russian_target_is_inflected_when_context_decides(
    source: str, mt: str, expected: str
) -> None:
    assert round_trip(source, "en", "ru", mt) == (expected,)


def test_undetermined_case_inserts_lemma_and_flags_it() -> None:
    text, problem = round_trip("He saw the strict-regime colony.", "en", "ru", "Он видел ZX1.")
    assert text == "Он видел колония строгого режима."
    assert "dictionary form" in problem


def test_abbreviations_and_patterns_are_inserted_unchanged() -> None:
    assert round_trip("Sent to IK-2 from the FSIN.", "en", "ru", "Отправлен в ZX1 из ZX2.") == (
        "Отправлен в ИК-2 из ФСИН.",
    )


def test_dropped_marker_is_flagged_not_hidden() -> None:
    text, problem = round_trip("He was in IK-2 and SIZO-1.", "en", "ru", "Он был в ZX1.")
    assert text == "Он был в ИК-2."
    assert "dropped" in problem and "SIZO-1" in problem


@pytest.mark.parametrize("garbled", ["zx2", "ZX 2", "ЗХ2"])
def test_garbled_marker_is_put_back_and_flagged(garbled: str) -> None:
    text, problem = round_trip(
        "He was in IK-2 and SIZO-1.", "en", "ru", f"Он был в ZX1 и {garbled}."
    )
    assert text == "Он был в ИК-2 и СИЗО-1."
    assert "garbled" in problem


def test_unknown_and_repeated_markers_are_flagged() -> None:
    restored = round_trip("He was in IK-2.", "en", "ru", "Он был в ZX1, ZX1 и ZX7.")
    assert restored[0] == "Он был в ИК-2, ИК-2 и ZX7."
    assert any("unknown" in p for p in restored[1:])
    assert any("more than once" in p for p in restored[1:])


def test_sentence_without_terms_passes_through() -> None:
    protected = GUARD.protect("Погода хорошая.", "ru", "en")
    assert protected.text == "Погода хорошая." and protected.terms == ()
    assert GUARD.restore("The weather is fine.", protected).text == "The weather is fine."


def test_fingerprint_follows_glossary_and_style() -> None:
    base = Glossary.of([Concept("a", (Term("обыск", "ru"), Term("search", "en")))])
    changed = Glossary.of([Concept("a", (Term("обыск", "ru"), Term("house search", "en")))])
    fingerprints = {
        GlossaryTermGuard(GlossaryIndex(base)).fingerprint,
        GlossaryTermGuard(GlossaryIndex(changed)).fingerprint,
        GlossaryTermGuard(GlossaryIndex(base, ArticleStyle.SHORT)).fingerprint,
    }
    assert len(fingerprints) == 3
    assert GlossaryTermGuard(GlossaryIndex(base)).fingerprint in fingerprints


@pytest.mark.parametrize(
    ("source", "source_lang", "target_lang", "mt", "expected"),
    [
        ("He was freed from the penal colony.", "en", "ru", "Его освободили из ZX1ы.",
         "Его освободили из исправительной колонии."),
        ("Он в ИК-6.", "ru", "en", "He is in ZX1s.", "He is in IK-6."),
        ("Его поместили в ШИЗО.", "ru", "en", "He was ZX1ed.", "He was punishment cell."),
    ],
)  # fmt: skip
def test_letters_glued_to_a_marker_are_dropped_and_flagged(
    source: str, source_lang: str, target_lang: str, mt: str, expected: str
) -> None:
    """A model may write an ending onto a marker («ZX1ы»); stuck to the term it would read
    «колонииы» or "IK-6s" unnoticed: the term goes back without it, and a person checks."""
    text, *problems = round_trip(source, source_lang, target_lang, mt)
    assert text == expected
    assert len(problems) == 1 and "onto a term marker" in problems[0]
