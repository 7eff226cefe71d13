"""Full runs re-analyse only what changed (checks/stamps.py), and store what a full
re-analysis would store: same findings, same index, same dismissals."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest

from tests.checks_support import add_document, set_target
from tests.conftest import RunCli, set_setting
from translator.checks.base import Check, CheckUnit
from translator.checks.stamps import suite_fingerprint, unit_stamp
from translator.core.models import ReviewStatus
from translator.project import Project
from translator.services import checks
from translator.services import glossary as glossary_service
from translator.store import ProjectStore

REPO = Path(__file__).resolve().parents[1]


def _corpus_pairs() -> list[tuple[str, str]]:
    """The parallel sample texts, paragraph by paragraph."""
    russian = (REPO / "corpora/ru_case_zhuravlev.txt").read_text("utf-8").split("\n\n")
    english = (REPO / "corpora/en_case_zhuravlev.txt").read_text("utf-8").split("\n\n")
    return [(ru.strip(), en.strip()) for ru, en in zip(russian, english, strict=True)]


@pytest.fixture
def paragraph_ids(project: Project, store: ProjectStore) -> list[int]:
    pairs = _corpus_pairs()
    first = add_document(project, store, "case.txt", pairs, ReviewStatus.MACHINE)
    # A second copy of the case, edited: name variants and a number across documents.
    edited = [(ru, en.replace("Dmitrii", "Dmitry").replace("IK-6", "IK-9")) for ru, en in pairs[:6]]
    second = add_document(project, store, "copy.txt", edited, ReviewStatus.EDITED)
    return [p.id for p in (*first, *second)]


def _state(store: ProjectStore) -> tuple[list[tuple[object, ...]], ...]:
    """Everything a check run stores, without row ids and times."""
    db = store._db  # type: ignore[attr-defined]
    findings = db.execute(
        "SELECT f.kind, f.severity, f.message, f.data, f.group_key, f.fingerprint, "
        "group_concat(l.paragraph_id || ':' || l.paragraph_version) "
        "FROM findings f LEFT JOIN finding_paragraphs l ON l.finding_id = f.id "
        "GROUP BY f.id ORDER BY 6, 3"
    ).fetchall()
    index = db.execute("SELECT * FROM check_groups ORDER BY 1, 2, 3").fetchall()
    stamps = db.execute("SELECT * FROM check_stamps ORDER BY 1").fetchall()
    return findings, index, stamps


def _edit(store: ProjectStore, ids: list[int], rng: random.Random) -> set[int]:
    """A few saves of the kind reviewers make: a name misspelt, a number changed, a
    paragraph approved unchanged, a target emptied."""
    touched: set[int] = set()
    for paragraph_id in rng.sample(ids, 6):
        paragraph = store.paragraph(paragraph_id)
        target = paragraph.target_text
        choice = rng.randrange(4)
        if choice == 0 and "Zhuravlev" in target:
            target = target.replace("Zhuravlev", "Zhurravlev", 1)
        elif choice == 1:
            target = target.replace("2026", "2025", 1)
        elif choice == 2:
            target = ""
        status = ReviewStatus.APPROVED if choice == 3 else ReviewStatus.EDITED
        set_target(store, paragraph_id, target, status)
        touched.add(paragraph_id)
    return touched


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_reusing_results_stores_what_a_full_run_stores(
    project: Project, store: ProjectStore, paragraph_ids: list[int], seed: int
) -> None:
    first = checks.run_checks(project, store)
    assert first.paragraphs_analysed == len(paragraph_ids)
    touched = _edit(store, paragraph_ids, random.Random(seed))
    reused = checks.run_checks(project, store)
    assert reused.paragraphs_analysed == len(touched)
    after_reuse = _state(store)
    full = checks.run_checks(project, store, full=True)
    assert full.paragraphs_analysed == len(paragraph_ids)
    assert _state(store) == after_reuse
    assert after_reuse[0] != _state_before_edits(project, store, paragraph_ids)


def _state_before_edits(
    project: Project, store: ProjectStore, paragraph_ids: list[int]
) -> list[tuple[object, ...]]:
    """The findings of the unedited project (so the edits above changed something)."""
    pairs = _corpus_pairs()
    for paragraph_id, (_, target) in zip(paragraph_ids, pairs, strict=False):
        set_target(store, paragraph_id, target, ReviewStatus.MACHINE)
    checks.run_checks(project, store)
    return _state(store)[0]


def test_nothing_changed_nothing_analysed_and_ids_kept(
    project: Project, store: ProjectStore, paragraph_ids: list[int]
) -> None:
    checks.run_checks(project, store)
    before = {s.id: s.finding.message for s in checks.findings_for(store)}
    assert before
    again = checks.run_checks(project, store)
    assert again.paragraphs_analysed == 0
    assert {s.id: s.finding.message for s in checks.findings_for(store)} == before


def test_a_finding_found_again_keeps_its_id_and_dismissal(
    project: Project, store: ProjectStore, paragraph_ids: list[int]
) -> None:
    checks.run_checks(project, store)
    [number] = [s for s in checks.findings_for(store, kinds=["number-mismatch"])]
    checks.dismiss_finding(store, number.id, "editor")
    [paragraph_id] = number.finding.paragraph_ids
    paragraph = store.paragraph(paragraph_id)
    set_target(store, paragraph_id, paragraph.target_text + " ", ReviewStatus.EDITED)
    report = checks.run_checks(project, store)
    assert report.paragraphs_analysed == 1
    [again] = checks.findings_for(store, kinds=["number-mismatch"], include_dismissed=True)
    assert again.id == number.id and again.dismissed
    assert again.checked_versions[paragraph_id] == store.paragraph(paragraph_id).version


def test_a_recheck_after_a_save_leaves_nothing_for_the_next_run(
    project: Project, store: ProjectStore, paragraph_ids: list[int]
) -> None:
    checks.run_checks(project, store)
    paragraph = store.paragraph(paragraph_ids[3])
    set_target(store, paragraph.id, paragraph.target_text.replace("Perm", "Perrm"))
    checks.recheck_paragraph(project, store, paragraph.id)
    after_recheck = _state(store)
    assert checks.run_checks(project, store).paragraphs_analysed == 0
    assert _state(store)[1:] == after_recheck[1:]


def test_a_glossary_change_makes_every_paragraph_stale(
    project: Project, store: ProjectStore, paragraph_ids: list[int]
) -> None:
    checks.run_checks(project, store)
    assert not checks.findings_for(store, kinds=["term-missing"], document="case.txt")
    # A rendering the reference translation does not use: term-missing everywhere it occurs.
    glossary_service.add_term(store, "инженер", "technical specialist", "editor")
    report = checks.run_checks(project, store)
    assert report.paragraphs_analysed == len(paragraph_ids)
    missing = checks.findings_for(store, kinds=["term-missing"], document="case.txt")
    assert any("technical specialist" in s.finding.message for s in missing)


def test_a_settings_change_makes_every_paragraph_stale(
    project: Project, store: ProjectStore, paragraph_ids: list[int]
) -> None:
    checks.run_checks(project, store)
    changed = set_setting(project.root / "translator.toml", "glossary", "article_style", '"short"')
    assert checks.run_checks(changed, store).paragraphs_analysed == len(paragraph_ids)


class _Configured(Check):
    kind = "configured"
    name = "configured"
    description = "a check with a setting"

    def __init__(self, setting: str) -> None:
        self.setting = setting

    def settings_fingerprint(self) -> str:
        return self.setting


def test_stamps_depend_on_the_unit_and_on_the_suite() -> None:
    unit = CheckUnit(1, 1, "a.txt", 0, "ru", "en", "Суд.", "The court.", "edited")
    suite = suite_fingerprint([_Configured("a")])
    assert suite != suite_fingerprint([_Configured("b")])
    assert unit_stamp(unit, suite) == unit_stamp(unit, suite)
    assert unit_stamp(unit, suite) != unit_stamp(unit, suite_fingerprint([_Configured("b")]))
    for field, value in (("target_text", "The court!"), ("status", "approved"), ("version", 2)):
        other = CheckUnit(**{**unit.__dict__, field: value})
        assert unit_stamp(other, suite) != unit_stamp(unit, suite), field


def test_cli_says_what_it_re_analysed_and_full_redoes_everything(
    project: Project, store: ProjectStore, paragraph_ids: list[int], run_cli: RunCli
) -> None:
    first = run_cli("--project", project.root, "check")
    assert first.exit_code == 0 and "re-analysed" not in first.stdout
    paragraph = store.paragraph(paragraph_ids[0])
    set_target(store, paragraph.id, paragraph.target_text + " (edited)")
    again = run_cli("--project", project.root, "check")
    assert f"in {len(paragraph_ids)} paragraphs, 1 re-analysed" in again.stdout
    full = run_cli("--project", project.root, "check", "--full", "--json")
    assert full.exit_code == 0
    assert {f["kind"] for f in json.loads(full.stdout)} == {f["kind"] for f in _json(again.stdout)}


def _json(report: str) -> list[dict[str, str]]:
    """The kinds a text report lists, as the JSON report would name them."""
    kinds = re.findall(r"^([a-z-]+) \(\d+\)$", report, flags=re.MULTILINE)
    return [{"kind": kind} for kind in kinds]


@pytest.mark.parametrize("seed", [4, 5, 6])
def test_rechecks_after_saves_store_what_a_full_run_stores(
    project: Project, store: ProjectStore, paragraph_ids: list[int], seed: int
) -> None:
    """Each save re-checked on its own (as the workbench does) leaves the store as a full
    re-analysis would: groups the paragraph's value did not change are not recomputed, and
    their findings' paragraph versions are brought up to date."""
    checks.run_checks(project, store)
    for paragraph_id in _edit(store, paragraph_ids, random.Random(seed)):
        checks.recheck_paragraph(project, store, paragraph_id)
    after_rechecks = _state(store)
    checks.run_checks(project, store, full=True)
    assert _state(store) == after_rechecks


def test_the_workbench_gets_a_one_line_summary(
    project: Project, store: ProjectStore, paragraph_ids: list[int]
) -> None:
    """The workbench's "run all checks" notification: one line, counts, no finding dumps."""
    from translator.services import workbench

    first = workbench.run_all_checks(project)
    count = len(checks.findings_for(store))
    assert first.startswith(f"{count} finding(s) in {len(paragraph_ids)} paragraphs (")
    assert "\n" not in first and "Finding(" not in first
    paragraph = store.paragraph(paragraph_ids[1])
    set_target(store, paragraph.id, paragraph.target_text + " (edited)")
    assert ", 1 re-analysed (" in workbench.run_all_checks(project)


def test_a_context_mark_in_the_glossary_makes_every_paragraph_stale(
    project: Project, store: ProjectStore, paragraph_ids: list[int]
) -> None:
    """A term marked context-dependent (TBX <descrip type="context">) is no longer required:
    the mark changes no MT output, but it changes the checks' results, so it must change
    the stamps."""
    from dataclasses import replace

    concept = glossary_service.add_term(store, "инженер", "technical specialist", "editor")
    checks.run_checks(project, store)
    assert checks.findings_for(store, kinds=["term-missing"])
    marked = replace(concept, terms=tuple(replace(t, context="sense") for t in concept.terms))
    store.put_glossary_concepts([marked], "editor")  # type: ignore[attr-defined]
    assert checks.run_checks(project, store).paragraphs_analysed == len(paragraph_ids)
    reused = _state(store)
    checks.run_checks(project, store, full=True)
    assert _state(store) == reused


def test_a_recheck_that_dies_halfway_leaves_nothing_stamped(
    project: Project, store: ProjectStore, paragraph_ids: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A re-check is one transaction: killed before the name check's update, it must not
    leave the paragraph stamped as current with its old name entry."""
    checks.run_checks(project, store)
    target = next(pid for pid in paragraph_ids if "Zhuravlev" in store.paragraph(pid).target_text)
    set_target(
        store, target, store.paragraph(target).target_text.replace("Zhuravlev", "Zhurravlev")
    )

    def killed(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt("killed between two writes of a re-check")

    monkeypatch.setattr(checks, "_recontribute", killed)
    with pytest.raises(KeyboardInterrupt):
        checks.recheck_paragraph(project, store, target)
    monkeypatch.undo()
    assert checks.run_checks(project, store).paragraphs_analysed == 1
    reused = _state(store)
    checks.run_checks(project, store, full=True)
    assert _state(store) == reused
