"""Term checks on text a person translated well: the corpus's own reference translation
raises nothing, and each way a good rendering used to be missed is pinned down here, next
to the bad rendering that must still be caught."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.checks_support import add_document, set_target
from translator.checks.base import CheckContext, CheckUnit
from translator.checks.term_consistency import NONE, TermInconsistentCheck
from translator.checks.terms import TermForbiddenCheck, TermMissingCheck
from translator.core.models import ReviewStatus
from translator.glossary.morphology import english_verb_forms
from translator.project import Project
from translator.services import checks
from translator.store import ProjectStore

CORPUS = Path(__file__).resolve().parents[1] / "corpora"
TERM_KINDS = ["term-missing", "term-forbidden"]


def _paragraphs(name: str) -> list[str]:
    text = (CORPUS / name).read_text(encoding="utf-8")
    return [part.strip() for part in text.split("\n\n") if part.strip()]


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_reference_translation_raises_no_term_finding(
    project: Project, store: ProjectStore, lang: str
) -> None:
    russian = _paragraphs("ru_case_zhuravlev.txt")
    english = _paragraphs("en_case_zhuravlev.txt")
    assert len(russian) == len(english) > 10
    pairs = list(zip(russian, english, strict=True))
    if lang == "en":
        pairs = [(en, ru) for ru, en in pairs]
    add_document(project, store, f"case.{lang}.txt", pairs, ReviewStatus.APPROVED, lang=lang)
    checks.run_checks(project, store, kinds=TERM_KINDS)
    found = checks.findings_for(store, kinds=TERM_KINDS)
    assert [stored.finding.message for stored in found] == []


def _unit(source: str, target: str, source_lang: str = "ru", pid: int = 1) -> CheckUnit:
    target_lang = "en" if source_lang == "ru" else "ru"
    return CheckUnit(pid, 1, "d", pid, source_lang, target_lang, source, target, "edited")


MISSING = TermMissingCheck.from_context(CheckContext())
FORBIDDEN = TermForbiddenCheck.from_context(CheckContext())


def missing(source: str, target: str, source_lang: str = "ru") -> list[str]:
    return [str(f.data["required"]) for f in MISSING.check(_unit(source, target, source_lang))]


@pytest.mark.parametrize(
    ("source", "good", "bad", "lang"),
    [
        # a context-dependent term is not required; the same concept's other terms still are
        (
            "Снимки сделаны на прогулке с сыном.",
            "The photos were taken on a walk with his son.",
            None,
            "ru",
        ),
        # a verb concept: "transfer under escort" inflects as a verb
        (
            "Журавлева этапировали в ИК-2.",
            "Zhuravlev was transferred under escort to IK-2.",
            "Zhuravlev was moved to IK-2.",
            "ru",
        ),
        # a nested concept is rendered inside a longer target term
        (
            "Обе колонии — строгого режима.",
            "Both are strict-regime colonies.",
            "Both are high-security camps.",
            "ru",
        ),
        # a numbered institution renders its kind
        (
            "He was placed in pre-trial detention centre SIZO-1.",
            "Его поместили в СИЗО-1.",
            "Его поместили в изолятор.",
            "en",
        ),
        # an abbreviation holding another: the regional directorate names the service
        (
            "Семья узнала о переводе из ответа ГУФСИН.",
            "The family learnt of it from a reply by the directorate of the FSIN.",
            "The family learnt of it from a reply by the prison authorities.",
            "ru",
        ),
        # a long descriptive term rendered part by part
        (
            "Адвокат направила жалобу в прокуратуру по надзору за соблюдением законов "
            "в исправительных учреждениях.",
            "The lawyer complained to the prosecutor’s office that supervises compliance "
            "with the law in penal institutions.",
            "The lawyer complained to the authorities that supervise prisons.",
            "ru",
        ),
    ],
)
def test_good_renderings_pass_and_bad_ones_are_caught(
    source: str, good: str, bad: str | None, lang: str
) -> None:
    assert missing(source, good, lang) == []
    if bad is not None:
        assert missing(source, bad, lang) != []


def test_context_dependent_terms_come_from_the_term_base() -> None:
    [walk] = [m for m in MISSING.index.find("на прогулке с сыном", "ru")]
    assert MISSING.index.context_dependent(walk)
    [court] = MISSING.index.find("районный суд", "ru")
    assert not MISSING.index.context_dependent(court)
    # an ordinary required term is still required
    assert missing("Суд отклонил жалобу на обыск.", "The court rejected the complaint.") == [
        "search"
    ]


def test_verb_forms() -> None:
    forms = set(english_verb_forms("transfer"))
    assert {"transfers", "transferred", "transferring"} <= forms
    assert {"places", "placed", "placing"} <= set(english_verb_forms("place"))
    assert {"carries", "carried"} <= set(english_verb_forms("carry"))
    assert "held" in english_verb_forms("hold")


def test_a_forbidden_rendering_is_still_reported() -> None:
    forbidden = FORBIDDEN.index.glossary.concepts
    concept, term = next(
        (c, t) for c in forbidden for t in c.terms if t.lang == "en" and t.status == "forbidden"
    )
    target = f"The report mentions the {term.text} twice."
    found = list(FORBIDDEN.check(_unit("Доклад.", target)))
    assert [f.data["concept"] for f in found] == [concept.key]


# -- term-inconsistent ---------------------------------------------------------------------


def test_one_term_rendered_two_ways_across_paragraphs(
    project: Project, store: ProjectStore
) -> None:
    pairs = [
        (
            "Его отправили в колонию строгого режима.",
            "He was sent to a strict-regime penal colony.",
        ),
        (
            "Он отбывает срок в колонии строгого режима.",
            "He is serving in a strict-regime penal colony.",
        ),
        ("Суд назначил колонию строгого режима.", "The court chose a high-security prison camp."),
    ]
    paragraphs = add_document(project, store, "camps.txt", pairs)
    checks.run_checks(project, store, kinds=["term-inconsistent"])
    [stored] = checks.findings_for(store, kinds=["term-inconsistent"])
    data = stored.finding.data
    assert data["concept"] == "strict-regime-colony"
    assert data["renderings"] == {"strict-regime penal colony": 2, NONE: 1}
    assert data["paragraphs_by_rendering"][NONE] == [paragraphs[2].id]
    # the save that makes the project consistent clears it, re-checking only that paragraph
    set_target(store, paragraphs[2].id, "The court chose a strict-regime penal colony.")
    checks.recheck_paragraph(project, store, paragraphs[2].id)
    assert checks.findings_for(store, kinds=["term-inconsistent"]) == []


def test_inflected_renderings_are_one_rendering_and_walks_are_left_out() -> None:
    check = TermInconsistentCheck.from_context(CheckContext())
    units = [
        _unit(
            "Его перевели в колонию строгого режима.",
            "He was moved to a strict-regime colony.",
            pid=1,
        ),
        _unit("В колониях строгого режима холодно.", "Strict-regime colonies are cold.", pid=2),
        _unit("Прогулки сократили.", "Exercise time was cut.", pid=3),
        _unit("Мы говорили на прогулке.", "We talked on a walk.", pid=4),
    ]
    assert list(check.check_project(units)) == []


def test_a_capital_opening_a_sentence_is_not_another_rendering() -> None:
    """A "Lawyer" opening a sentence is the glossary's "lawyer"; a one-word rendering written
    another way inside the word (SHIZO for ShIZO) still is another rendering."""
    check = TermInconsistentCheck.from_context(CheckContext())
    units = [
        _unit("Адвокат подала жалобу.", "Lawyer Anna Petrova filed a complaint.", pid=1),
        _unit("Его адвокат подала жалобу.", "His lawyer filed a complaint.", pid=2),
        _unit("Адвоката не пустили.", "The lawyer was not let in.", pid=3),
    ]
    assert list(check.check_project(units)) == []
    units += [
        _unit("Его отправили в ШИЗО.", "He was sent to ShIZO.", pid=4),
        _unit("Снова ШИЗО.", "SHIZO again.", pid=5),
    ]
    [finding] = check.check_project(units)
    assert finding.data["renderings"] == {"ShIZO": 1, "SHIZO": 1}


def test_abbreviations_outside_the_glossary_are_still_compared() -> None:
    check = TermInconsistentCheck.from_context(CheckContext())
    units = [
        _unit("Его допрашивали в ЦПЭ.", "He was questioned at the TsPE.", pid=1),
        _unit("Сотрудники ЦПЭ пришли снова.", "Officers of the CPE came again.", pid=2),
        _unit("В ЦПЭ его били.", "At the TsPE he was beaten.", pid=3),
    ]
    [finding] = check.check_project(units)
    assert finding.data["renderings"] == {"TsPE": 2, "CPE": 1}
