"""name-variant as a contribution check: a save re-clusters stored contributions only, and
the stored findings always equal a full run's."""

from __future__ import annotations

import random

from tests.checks_support import add_document, set_target
from translator.checks.base import CheckUnit
from translator.checks.name_variants import NameVariantCheck
from translator.core.models import ReviewStatus
from translator.project import Project
from translator.services import checks
from translator.store import ProjectStore

KIND = "name-variant"
SOURCES = [
    "Дмитрий Журавлев отказался от дачи показаний.",
    "Адвокат Журавлева подала жалобу.",
    "Суд отказал.",
    "Журавлева отправили в ШИЗО.",
]
TARGETS = {
    0: [
        "Dmitrii Zhuravlev refused to testify.",
        "Dmitry Zhuravlev refused to testify.",
        "Dmitrii Zhurravlev refused to testify.",
    ],
    1: ["Zhuravlev's lawyer filed a complaint.", "Zhuravlyov's lawyer filed a complaint."],
    2: ["The court refused.", "The court declined."],
    3: ["Zhuravlev was sent to the ShIZO.", "Zhuravlev was put in the ShIZO."],
}


def _names(store: ProjectStore) -> set[tuple[tuple[int, ...], str]]:
    return {
        (s.finding.paragraph_ids, s.finding.message)
        for s in checks.findings_for(store, kinds=[KIND], include_dismissed=True)
    }


def _project(project: Project, store: ProjectStore) -> list[int]:
    pairs = [(SOURCES[i], TARGETS[i][0]) for i in range(4)]
    return [
        p.id
        for doc in range(3)
        for p in add_document(project, store, f"n{doc}.txt", [*pairs, (f"Том {doc}.", "")])
        if p.source_text in SOURCES
    ]


def test_contribution_ignores_text_around_the_names() -> None:
    check = NameVariantCheck()

    def unit(target: str) -> CheckUnit:
        return CheckUnit(1, 1, "d", 1, "ru", "en", SOURCES[0], target, "edited")

    same = check.contribution(unit("Dmitrii Zhuravlev said nothing."))
    assert same == check.contribution(unit("Dmitrii Zhuravlev refused to testify."))
    assert same != check.contribution(unit("Dmitry Zhuravlev said nothing."))
    assert check.contribution(unit("The court refused.")) == ""


def test_recheck_matches_full_run_after_random_name_edits(
    project: Project, store: ProjectStore
) -> None:
    rng = random.Random(7)
    ids = _project(project, store)
    checks.run_checks(project, store)
    seen_findings = False
    for _ in range(40):
        paragraph_id = rng.choice(ids)
        index = SOURCES.index(store.paragraph(paragraph_id).source_text)
        set_target(store, paragraph_id, rng.choice(TARGETS[index]), ReviewStatus.EDITED)
        checks.recheck_paragraph(project, store, paragraph_id)
        incremental = _names(store)
        seen_findings = seen_findings or bool(incremental)
        checks.run_checks(project, store)
        assert _names(store) == incremental
    assert seen_findings


def test_save_without_name_change_keeps_finding_and_dismissal(
    project: Project, store: ProjectStore
) -> None:
    ids = _project(project, store)
    set_target(store, ids[4], TARGETS[0][2])  # a typo of the surname, once
    report = checks.run_checks(project, store, kinds=[KIND])
    [stored] = report.findings
    assert stored.finding.data["reason"] == "typo"
    checks.dismiss_finding(store, stored.id, "editor1")
    set_target(store, ids[4], "Dmitrii Zhurravlev declined to testify.")  # names unchanged
    checks.recheck_paragraph(project, store, ids[4])
    [after] = checks.findings_for(store, kinds=[KIND], include_dismissed=True)
    assert after.id == stored.id and after.dismissed
    set_target(store, ids[4], TARGETS[0][0])  # the typo fixed: the finding goes
    checks.recheck_paragraph(project, store, ids[4])
    assert checks.findings_for(store, kinds=[KIND], include_dismissed=True) == []


def test_paragraphs_swapping_spellings_update_the_stored_data(
    project: Project, store: ProjectStore
) -> None:
    """Two paragraphs that swap spellings in one re-check leave the message and the
    paragraphs of the finding as they were, but not which paragraph has which spelling."""
    sources = [
        "Дмитрий Журавлев отказался от дачи показаний.",
        "Дмитрий Журавлев подал жалобу.",
        "Дмитрий Журавлев объявил голодовку.",
        "Дмитрий Журавлев вышел на свободу.",
    ]
    targets = [
        "Dmitry Zhuravlev refused to testify.",
        "Dmitrii Zhuravlev filed a complaint.",
        "Dmitry Zhuravlev went on hunger strike.",
        "Dmitrii Zhuravlev was released.",
    ]
    pairs = list(zip(sources, targets, strict=True))
    ids = [p.id for p in add_document(project, store, "swap.txt", pairs)]
    checks.run_checks(project, store, kinds=[KIND])
    [before] = checks.findings_for(store, kinds=[KIND])
    set_target(store, ids[0], "Dmitrii Zhuravlev refused to testify.")
    set_target(store, ids[1], "Dmitry Zhuravlev filed a complaint.")
    checks.recheck_paragraphs(project, store, [ids[0], ids[1]])
    [after] = checks.findings_for(store, kinds=[KIND])
    assert after.finding.message == before.finding.message
    by_spelling = after.finding.data["paragraphs_by_spelling"]
    assert by_spelling != before.finding.data["paragraphs_by_spelling"]
    checks.run_checks(project, store, kinds=[KIND], full=True)
    [full] = checks.findings_for(store, kinds=[KIND])
    assert by_spelling == full.finding.data["paragraphs_by_spelling"]
