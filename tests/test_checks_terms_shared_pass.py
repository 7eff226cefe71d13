"""The three term checks share one analysis per paragraph (issue 5 speed): a run analyses
each unit once, whatever checks ask, and sharing changes no finding."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from translator.checks import terms
from translator.checks.base import CheckContext, CheckUnit
from translator.checks.parallel import unit_results
from translator.checks.runner import CheckSuite
from translator.checks.term_consistency import TermInconsistentCheck
from translator.checks.terms import TermForbiddenCheck, TermMissingCheck, term_analyses
from translator.glossary.loading import shipped_glossary
from translator.glossary.matcher import GlossaryIndex
from translator.glossary.model import Glossary, TermStatus

CORPUS = Path(__file__).resolve().parents[1] / "corpora"
TERM_KINDS = ["term-missing", "term-forbidden", "term-inconsistent"]
# Renderings the shipped term base forbids, planted into the reference translation.
FORBIDDEN = ["Federal Prison Service", "Penal Code", "labour camp", "gaol", "attorney"]
MISRENDERED = [("colony", "camp"), ("court", "tribunal"), ("prosecutor", "accuser")]


def _units() -> list[CheckUnit]:
    """The sample case's paragraph pairs, every third with a forbidden rendering planted
    and every other with its colony, court and prosecutor renamed (missing terms)."""
    russian = (CORPUS / "ru_case_zhuravlev.txt").read_text("utf-8").split("\n\n")
    english = (CORPUS / "en_case_zhuravlev.txt").read_text("utf-8").split("\n\n")
    units = []
    for number, (ru, en) in enumerate(zip(russian, english, strict=True), 1):
        if number % 3 == 0:
            en += f" The {FORBIDDEN[number % len(FORBIDDEN)]} said so."
        if number % 2 == 0:
            for rendered, instead in MISRENDERED:
                en = en.replace(rendered, instead)
        units.append(
            CheckUnit(number, 1, "case", number, "ru", "en", ru.strip(), en.strip(), "edited")
        )
    return units


@pytest.fixture
def analysed(monkeypatch: pytest.MonkeyPatch) -> Iterator[Counter[tuple[str, str]]]:
    """Counts the analyses of each unit's texts."""
    calls: Counter[tuple[str, str]] = Counter()
    original = terms._analyse

    def counting(index: GlossaryIndex, unit: CheckUnit) -> tuple[terms.RequiredTerm, ...]:
        calls[(unit.source_text, unit.target_text)] += 1
        return original(index, unit)

    monkeypatch.setattr(terms, "_analyse", counting)
    yield calls


def test_a_run_analyses_each_unit_once_for_all_three_checks(
    analysed: Counter[tuple[str, str]],
) -> None:
    units = _units()
    suite = CheckSuite.build(CheckContext(), TERM_KINDS)
    results = unit_results(suite, units, None)
    assert {f.kind for f in results.findings} == {"term-missing", "term-forbidden"}
    assert results.entries["term-inconsistent"]
    assert len(analysed) == len({(u.source_text, u.target_text) for u in units})
    assert set(analysed.values()) == {1}


def test_checks_built_apart_on_one_index_share_its_analyses() -> None:
    index = GlossaryIndex(shipped_glossary())
    missing, inconsistent = TermMissingCheck(index), TermInconsistentCheck(index)
    assert missing.analyses is inconsistent.analyses is term_analyses(index)
    assert term_analyses(GlossaryIndex(shipped_glossary())) is not missing.analyses


def test_sharing_changes_no_finding() -> None:
    """Each check alone, on its own freshly compiled index, finds what the shared pass finds."""
    units = _units()
    suite = CheckSuite.build(CheckContext(), TERM_KINDS)
    shared = unit_results(suite, units, None)
    alone_missing = TermMissingCheck(GlossaryIndex(shipped_glossary()))
    alone_forbidden = TermForbiddenCheck(GlossaryIndex(shipped_glossary()))
    alone_inconsistent = TermInconsistentCheck(GlossaryIndex(shipped_glossary()))
    alone = [f for u in units for f in alone_missing.check(u)]
    alone += [f for u in units for f in alone_forbidden.check(u)]
    by_kind = sorted(shared.findings, key=lambda f: f.kind != "term-missing")
    assert by_kind == alone
    found = Counter(f.kind for f in alone)  # the planted problems were found
    assert found["term-forbidden"] >= len(units) // 3 and found["term-missing"] >= 5
    entries = [
        (key, u.paragraph_id, value)
        for u in units
        for key, value in alone_inconsistent.group_entries(u).items()
    ]
    assert shared.entries["term-inconsistent"] == entries


def test_an_index_of_another_glossary_does_not_reuse_an_analysis() -> None:
    """The same unit under a glossary without the colony concept requires nothing of it."""
    full = GlossaryIndex(shipped_glossary())
    unit = CheckUnit(
        1,
        1,
        "d",
        1,
        "ru",
        "en",
        "Его этапировали в исправительную колонию.",
        "He was moved.",
        "edited",
    )
    concepts = {m.concept for m in full.find(unit.source_text, "ru")}
    assert concepts
    reduced = GlossaryIndex(
        Glossary.of([c for c in shipped_glossary().concepts if c.key not in concepts])
    )
    assert [f.kind for f in TermMissingCheck(full).check(unit)]
    assert list(TermMissingCheck(reduced).check(unit)) == []


def test_the_forbidden_prefilter_never_hides_a_forbidden_rendering() -> None:
    """`may_hold_forbidden` looks up only the words the forbidden scan stops at; every text
    holding a forbidden term must still pass it."""
    index = GlossaryIndex(shipped_glossary())
    forbidden_terms = [
        term.text
        for concept in index.glossary.concepts
        for term in concept.terms
        if term.lang == "en" and term.status is TermStatus.FORBIDDEN
    ]
    assert len(forbidden_terms) > 10
    texts = [u.target_text for u in _units()]
    texts += [f"Then the {term} replied." for term in forbidden_terms]
    texts += [f"«{term.upper()}»" for term in forbidden_terms]
    holding = 0
    for text in texts:
        found = [
            m
            for m in index.find_terms(text, "en")
            if m.term is not None and m.term.status is TermStatus.FORBIDDEN
        ]
        if found:
            holding += 1
            assert index.may_hold_forbidden(text, "en"), text
        assert GlossaryIndex(index.glossary).forbidden_in(text, "en") == found, text
    assert holding >= len(forbidden_terms)
