"""term-missing, term-forbidden and term-enforcement, as one-liners over small helpers."""

from __future__ import annotations

from collections.abc import Sequence

from translator.checks.base import CheckContext, CheckUnit, ParagraphCheck
from translator.checks.registry import PARAGRAPH_CHECKS
from translator.checks.terms import TermEnforcementCheck, TermForbiddenCheck, TermMissingCheck
from translator.glossary.loading import shipped_glossary
from translator.glossary.matcher import GlossaryIndex

INDEX = GlossaryIndex(shipped_glossary())
MISSING = TermMissingCheck(INDEX)
FORBIDDEN = TermForbiddenCheck(INDEX)


def unit(source: str, target: str, status: str = "edited", source_lang: str = "ru") -> CheckUnit:
    target_lang = "en" if source_lang == "ru" else "ru"
    return CheckUnit(7, 1, "doc", 0, source_lang, target_lang, source, target, status)


def messages(check: ParagraphCheck, source: str, target: str, source_lang: str = "ru") -> list[str]:
    return [f.message for f in check.check(unit(source, target, source_lang=source_lang))]


def fails(check: ParagraphCheck, source: str, target: str, source_lang: str = "ru") -> bool:
    return bool(messages(check, source, target, source_lang))


def test_registered() -> None:
    kinds = [check.kind for check in PARAGRAPH_CHECKS]
    assert {"term-missing", "term-forbidden", "term-enforcement"} <= set(kinds)


def test_term_missing() -> None:
    assert fails(MISSING, "Его этапировали в СИЗО.", "He was moved to a remand prison.")
    assert not fails(
        MISSING, "Его этапировали в СИЗО.", "He went on transfer under escort to SIZO."
    )
    assert not fails(
        MISSING, "в колониях строгого режима", "in strict-regime penal colonies"
    )  # lemma level
    assert not fails(MISSING, "Члены ОНК пришли.", "")  # untranslated is another check
    assert messages(MISSING, "по ст. 275 УК РФ", "under Article 276 of the Criminal Code") == [
        "«ст. 275 УК РФ» should be rendered «Article 275 of the Criminal Code»"
    ]
    assert not fails(MISSING, "по ст. 275 УК РФ", "under Art. 275 CC")  # any style will do
    assert not fails(MISSING, "Member of the ONK", "Член ОНК", source_lang="en")  # into Russian too


def test_term_forbidden() -> None:
    assert messages(FORBIDDEN, "Члены ОНК", "Members of the Public Monitoring Commission") == [
        "«Public Monitoring Commission» is a forbidden rendering; "
        "use «Public Oversight Commission (ONK)»"
    ]
    assert not fails(FORBIDDEN, "Члены ОНК", "Members of the Public Oversight Commission (ONK)")


def test_term_enforcement_reports_recorded_problems_while_raw_mt() -> None:
    recorded = {7: ["MT dropped the protected term «ОНК»", "MT dropped the protected term «ОНК»"]}

    def problems(paragraph_id: int) -> Sequence[str]:
        return recorded.get(paragraph_id, [])

    check = TermEnforcementCheck(problems)
    findings = list(check.check(unit("Члены ОНК", "Members", status="machine")))
    assert [f.message for f in findings] == ["MT dropped the protected term «ОНК»"]
    assert list(check.check(unit("Члены ОНК", "Members", status="edited"))) == []
    assert list(TermEnforcementCheck.from_context(CheckContext()).check(unit("a", "b"))) == []


def test_term_enforcement_prepared_for_a_run_asks_the_store_once() -> None:
    """A full run loads every paragraph's problems in one query before workers fork; the
    per-paragraph query (what a re-check uses) is not called again."""
    per_paragraph: list[int] = []
    bulk_calls: list[int] = []

    def problems(paragraph_id: int) -> Sequence[str]:
        per_paragraph.append(paragraph_id)
        return ["MT dropped the protected term «ОНК»"] if paragraph_id == 7 else []

    def all_problems() -> dict[int, list[str]]:
        bulk_calls.append(1)
        return {7: ["MT dropped the protected term «ОНК»"]}

    check = TermEnforcementCheck(problems, all_problems)
    units = [unit("Члены ОНК", "Members", status="machine")]
    check.prepare(units)
    assert [f.message for f in check.check(units[0])] == ["MT dropped the protected term «ОНК»"]
    assert bulk_calls == [1] and per_paragraph == []


def test_from_context_without_store_uses_the_shipped_glossary() -> None:
    check = TermMissingCheck.from_context(CheckContext())
    assert check.index.concept("onk") is not None
