"""Project-wide checks, stored findings, dismissals and the incremental re-check."""

from __future__ import annotations

import random

import pytest

from tests.checks_support import add_document, set_target
from translator.checks.base import CheckUnit, GroupMember
from translator.checks.duplicates import DuplicateMismatchCheck
from translator.checks.term_consistency import TermInconsistentCheck
from translator.core.errors import DocumentNotFound, TranslatorError
from translator.core.findings import Severity
from translator.core.models import ReviewStatus
from translator.project import Project
from translator.services import checks
from translator.store import ProjectStore
from translator.store.check_queries import StoredFinding

APPROVED = ReviewStatus.APPROVED


def units(*pairs: tuple[str, str], status: str = "approved") -> list[CheckUnit]:
    return [
        CheckUnit(i, 1, "d", i, "ru", "en", source, target, status)
        for i, (source, target) in enumerate(pairs, 1)
    ]


# -- duplicate-mismatch -------------------------------------------------------------------
def test_identical_sources_with_different_approved_targets() -> None:
    check = DuplicateMismatchCheck()
    found = list(
        check.check_project(
            units(
                ("Суд отказал.", "The court refused."),
                ("Суд  отказал.", "The court declined."),
                ("Суд отказал.", "The court refused."),
                ("Другое.", "Other."),
            )
        )
    )
    assert len(found) == 1
    assert found[0].paragraph_ids == (1, 2, 3)
    assert found[0].data["targets"] == {"The court refused.": 2, "The court declined.": 1}


def test_duplicates_agreeing_or_unapproved_are_fine() -> None:
    check = DuplicateMismatchCheck()
    same = units(("Суд отказал.", "The court refused."), ("Суд отказал.", "The court  refused."))
    assert list(check.check_project(same)) == []
    unapproved = units(("А.", "A."), ("А.", "B."), status="edited")
    assert list(check.check_project(unapproved)) == []


# -- term-inconsistent --------------------------------------------------------------------
def test_abbreviation_spelt_two_ways_is_inconsistent() -> None:
    check = TermInconsistentCheck()
    found = list(
        check.check_project(
            units(
                ("Его отправили в ШИЗО.", "He was sent to ShIZO."),
                ("ШИЗО и ПКТ.", "SHIZO and PKT."),
                ("Снова ШИЗО.", "ShIZO again."),
                ("В ПКТ.", "In the PKT."),
            )
        )
    )
    assert len(found) == 1
    assert found[0].data["renderings"] == {"ShIZO": 2, "SHIZO": 1}
    assert found[0].paragraph_ids == (1, 2, 3)


def test_translated_terms_are_not_renderings() -> None:
    """«ШИЗО» translated as "punishment cell" is not visible to this check: no finding."""
    check = TermInconsistentCheck()
    both = units(("В ШИЗО.", "In ShIZO."), ("В ШИЗО.", "In the punishment cell."))
    assert list(check.check_project(both)) == []


def test_english_source_abbreviation_in_russian_targets() -> None:
    entries = TermInconsistentCheck().group_entries(
        CheckUnit(1, 1, "d", 0, "en", "ru", "The FSB came.", "Пришли из ФСБ.", "edited")
    )
    assert entries == {"en>ru:FSB": "ФСБ"}


def test_group_check_sees_only_members() -> None:
    check = DuplicateMismatchCheck()
    members = [GroupMember(1, "A"), GroupMember(2, "B")]
    assert [f.paragraph_ids for f in check.check_group("k", members)] == [(1, 2)]


# -- stored findings ------------------------------------------------------------------------
@pytest.fixture
def checked(project: Project, store: ProjectStore) -> list[int]:
    first = add_document(
        project,
        store,
        "a.txt",
        [
            ("Суд отказал 5 июля 2024 года.", "The court refused on 5 July 2024."),
            ("Его отправили в ШИЗО.", "He was sent to ShIZO."),
            ("Адвокат подала жалобу.", ""),
        ],
        status=APPROVED,
    )
    second = add_document(
        project,
        store,
        "b.txt",
        [
            ("Суд отказал 5 июля 2024 года.", "The court declined on 5 July 2024."),
            ("Снова ШИЗО.", "SHIZO again."),
            ("Срок 13 лет.", "A term of 12 years."),
        ],
        status=APPROVED,
    )
    return [p.id for p in first + second]


def kinds_of(findings: list[StoredFinding]) -> dict[str, list[tuple[int, ...]]]:
    result: dict[str, list[tuple[int, ...]]] = {}
    for stored in findings:
        result.setdefault(stored.finding.kind, []).append(stored.finding.paragraph_ids)
    return {kind: sorted(ids) for kind, ids in result.items()}


def test_full_run_stores_findings(
    project: Project, store: ProjectStore, checked: list[int]
) -> None:
    a1, a2, a3, b1, b2, b3 = checked
    report = checks.run_checks(project, store, kinds=_OWN_KINDS)
    found = kinds_of(report.findings)
    assert found["untranslated"] == [(a3,)]
    assert found["number-mismatch"] == [(b3,)]
    assert found["duplicate-mismatch"] == [(a1, b1)]
    assert found["term-inconsistent"] == [(a2, b2)]
    assert kinds_of(checks.findings_for(store, kinds=_OWN_KINDS)) == found
    assert report.has_at_least(Severity.ERROR)


_OWN_KINDS = [
    "untranslated",
    "number-mismatch",
    "whitespace-punctuation",
    "duplicate-mismatch",
    "term-inconsistent",
]


def test_findings_by_document_and_paragraph(
    project: Project, store: ProjectStore, checked: list[int]
) -> None:
    a1, _a2, a3, b1, _b2, b3 = checked
    checks.run_checks(project, store, kinds=_OWN_KINDS)
    in_b = kinds_of(checks.findings_for(store, document="b.txt", kinds=_OWN_KINDS))
    assert "untranslated" not in in_b and in_b["number-mismatch"] == [(b3,)]
    assert in_b["duplicate-mismatch"] == [(a1, b1)]  # touches b.txt too
    on_a3 = checks.findings_for(store, paragraph_id=a3)
    assert [s.finding.kind for s in on_a3] == ["untranslated"]
    counts = checks.open_finding_counts(store)
    assert counts["a.txt"] >= 3 and counts["b.txt"] >= 3
    with pytest.raises(DocumentNotFound, match=r"nope\.txt"):
        checks.findings_for(store, document="nope.txt")


def test_document_run_checks_only_that_document(
    project: Project, store: ProjectStore, checked: list[int]
) -> None:
    _a1, _a2, _a3, _b1, _b2, b3 = checked
    report = checks.run_checks(project, store, document="a.txt", kinds=["number-mismatch"])
    assert report.findings == [] and report.paragraphs_checked == 3
    report = checks.run_checks(project, store, document="b.txt", kinds=["number-mismatch"])
    assert [s.finding.paragraph_ids for s in report.findings] == [(b3,)]


def test_unknown_kind_is_refused(project: Project, store: ProjectStore) -> None:
    with pytest.raises(TranslatorError, match="unknown check kind"):
        checks.run_checks(project, store, kinds=["spelling"])


def test_dismissed_finding_stays_dismissed_across_runs(
    project: Project, store: ProjectStore, checked: list[int]
) -> None:
    b3 = checked[5]
    report = checks.run_checks(project, store, kinds=["number-mismatch"])
    [stored] = report.findings
    dismissed = checks.dismiss_finding(store, stored.id, "editor1")
    assert dismissed.dismissed_by == "editor1"
    report = checks.run_checks(project, store, kinds=["number-mismatch"])
    assert report.findings == [] and report.dismissed == 1
    # a different problem in the same paragraph is a new finding
    set_target(store, b3, "A term of 11 years.", APPROVED)
    assert [f.kind for f in checks.recheck_paragraph(project, store, b3)] == ["number-mismatch"]
    [again] = checks.findings_for(store, kinds=["number-mismatch"])
    restored = checks.restore_finding(store, again.id)
    assert not restored.dismissed


# -- incremental re-check ---------------------------------------------------------------------
def _snapshot(store: ProjectStore) -> set[tuple[str, tuple[int, ...], str]]:
    return {
        (s.finding.kind, s.finding.paragraph_ids, s.finding.message)
        for s in checks.findings_for(store, include_dismissed=True)
    }


def test_recheck_fixes_and_creates_findings(
    project: Project, store: ProjectStore, checked: list[int]
) -> None:
    _a1, _a2, a3, b1, _b2, b3 = checked
    checks.run_checks(project, store, kinds=None)
    set_target(store, b1, "The court refused on 5 July 2024.", APPROVED)  # duplicates agree
    set_target(store, b3, "A term of 13 years.", APPROVED)  # number fixed
    set_target(store, a3, "The lawyer  filed a complaint in 2025.", ReviewStatus.EDITED)
    for paragraph_id in (b1, b3, a3):
        checks.recheck_paragraph(project, store, paragraph_id)
    found = kinds_of(checks.findings_for(store, kinds=_OWN_KINDS))
    assert "duplicate-mismatch" not in found and "untranslated" not in found
    assert found["number-mismatch"] == [(a3,)]
    assert found["whitespace-punctuation"] == [(a3,)]
    incremental = _snapshot(store)
    checks.run_checks(project, store)
    assert _snapshot(store) == incremental


def test_recheck_matches_full_run_after_random_edits(project: Project, store: ProjectStore) -> None:
    """Many random saves, each followed by a re-check: the findings equal a full run's."""
    rng = random.Random(5)
    sources = ["Суд отказал.", "Его отправили в ШИЗО.", "В ИК-2 было 5 человек.", "Снова ШИЗО."]
    targets = {
        0: ["The court refused.", "The court declined.", ""],
        1: ["He was sent to ShIZO.", "He was sent to SHIZO.", "He went to the punishment cell."],
        2: ["IK-2 held 5 people.", "IK-6 held 5 people.", "IK-2 held  five people."],
        3: ["ShIZO again.", "Shizo again.", "SHIZO again."],
    }
    pairs = [(sources[i % 4], targets[i % 4][0]) for i in range(4)]
    ids = [
        p.id
        for doc in range(3)
        for p in add_document(
            project, store, f"d{doc}.txt", [*pairs, (f"Часть {doc}", f"Part {doc}")]
        )
        if p.source_text in sources
    ]
    checks.run_checks(project, store)
    for _ in range(60):
        paragraph_id = rng.choice(ids)
        paragraph = store.paragraph(paragraph_id)
        index = sources.index(paragraph.source_text)
        status = rng.choice([ReviewStatus.EDITED, APPROVED])
        set_target(store, paragraph_id, rng.choice(targets[index]), status)
        checks.recheck_paragraph(project, store, paragraph_id)
    incremental = _snapshot(store)
    checks.run_checks(project, store)
    assert _snapshot(store) == incremental
    print(
        sorted(incremental),
        [
            (p.id, p.status, p.target_text)
            for d in store.documents()
            for p in store.paragraphs(d.id)
        ],
    )
    assert any(kind == "duplicate-mismatch" for kind, _, _ in incremental)


def test_recheck_before_any_full_run_is_complete(
    project: Project, store: ProjectStore, checked: list[int]
) -> None:
    """With no index yet, a re-check runs the project checks in full rather than guess."""
    checks.recheck_paragraph(project, store, checked[0])
    found = kinds_of(checks.findings_for(store, kinds=_OWN_KINDS))
    assert found["duplicate-mismatch"] == [(checked[0], checked[3])]
    assert found["term-inconsistent"] == [(checked[1], checked[4])]


def test_recheck_unknown_paragraph(project: Project, store: ProjectStore) -> None:
    with pytest.raises(TranslatorError, match=r"no paragraph with id 999"):
        checks.recheck_paragraph(project, store, 999)


# -- full runs write only what changed --------------------------------------------------------
def _ids(store: ProjectStore) -> dict[tuple[str, tuple[int, ...], str], int]:
    return {
        (s.finding.kind, s.finding.paragraph_ids, s.finding.message): s.id
        for s in checks.findings_for(store, include_dismissed=True)
    }


def _index_rows(store: ProjectStore) -> list[tuple[object, ...]]:
    return list(store._db.execute("SELECT * FROM check_groups ORDER BY 1, 2, 3"))  # type: ignore[attr-defined]


def test_rerun_keeps_unchanged_findings_and_refreshes_versions(
    project: Project, store: ProjectStore, checked: list[int]
) -> None:
    _a1, _a2, _a3, b1, _b2, b3 = checked
    checks.run_checks(project, store)
    first = _ids(store)
    checks.run_checks(project, store)
    assert _ids(store) == first  # nothing changed: every finding keeps its row
    # b3 saved again with the same wrong number: the same finding, on a newer version
    saved = set_target(store, b3, "The term: 12 years.", APPROVED)
    set_target(store, b1, "The court refused on 5 July 2024.", APPROVED)  # duplicates agree
    checks.run_checks(project, store)
    after = _ids(store)
    gone = set(first) - set(after)
    assert {kind for kind, _, _ in gone} == {"duplicate-mismatch"}
    assert {key: after[key] for key in set(first) & set(after)} == {
        key: first[key] for key in set(first) & set(after)
    }
    [number] = checks.findings_for(store, kinds=["number-mismatch"])
    assert number.checked_versions == {b3: saved.version}


def test_rerun_index_equals_a_rebuilt_one(
    project: Project, store: ProjectStore, checked: list[int]
) -> None:
    checks.run_checks(project, store)
    set_target(store, checked[4], "Shizo again.", APPROVED)
    set_target(store, checked[3], "The court refused on 5 July 2024.", APPROVED)
    checks.run_checks(project, store)
    by_difference = _index_rows(store)
    store._db.execute("DELETE FROM check_entries")  # type: ignore[attr-defined]
    store._db.commit()  # type: ignore[attr-defined]
    checks.run_checks(project, store, full=True)  # re-analyses every paragraph
    assert _index_rows(store) == by_difference != []


@pytest.mark.parametrize("full", [True, False], ids=["full", "reusing"])
def test_runs_drop_keys_no_paragraph_has_any_more(
    project: Project, store: ProjectStore, checked: list[int], full: bool
) -> None:
    """Each group key is stored once (check_keys); when its last paragraph leaves the group,
    a run removes the key too (a --full one, and one that re-analyses only the changed
    paragraph), and the index still equals a rebuilt one."""

    def keys() -> set[tuple[str, str]]:
        return set(store._db.execute("SELECT kind, group_key FROM check_keys"))  # type: ignore[attr-defined]

    set_target(store, checked[4], "SHIZO again, said Aleksei Sokolov.", APPROVED)
    checks.run_checks(project, store)
    before = keys()
    assert before == {(kind, key) for kind, key, _, _ in _index_rows(store)}
    assert any(kind == "name-variant" for kind, _ in before)  # the name's contribution
    set_target(store, checked[4], "SHIZO again.", APPROVED)
    report = checks.run_checks(project, store, full=full)
    assert report.paragraphs_analysed == (len(checked) if full else 1)
    after = keys()
    assert after < before  # the contribution lost its only paragraph
    assert not any(kind == "name-variant" for kind, _ in after)
    assert after == {(kind, key) for kind, key, _, _ in _index_rows(store)}


def test_removing_a_paragraphs_entries_does_not_visit_every_key(
    project: Project, store: ProjectStore, checked: list[int]
) -> None:
    """A save's re-check removes its paragraph's index entries by probing their keys: the
    work (SQLite virtual-machine steps) does not grow with the kind's keys (one per source
    text for duplicate-mismatch, 50,000 in a big reviewed project)."""
    from translator.store.check_writes import add_entries, remove_entries

    db = store._db  # type: ignore[attr-defined]

    def steps_to_remove(paragraph_id: int) -> int:
        count = 0

        def step() -> int:
            nonlocal count
            count += 1
            return 0

        db.set_progress_handler(step, 1)
        try:
            remove_entries(db, [("duplicate-mismatch", paragraph_id)])
        finally:
            db.set_progress_handler(None, 1)
        return count

    add_entries(db, [("duplicate-mismatch", "source 0", checked[0], "a")])
    few = steps_to_remove(checked[0])
    add_entries(
        db, [("duplicate-mismatch", f"source {n}", checked[1 + n % 5], "a") for n in range(1, 3000)]
    )
    add_entries(db, [("duplicate-mismatch", "source 0", checked[0], "a")])
    many = steps_to_remove(checked[0])
    assert store._db.execute(  # type: ignore[attr-defined]
        "SELECT COUNT(*) FROM check_groups WHERE paragraph_id = ?", (checked[0],)
    ).fetchone() == (0,)
    assert many < few + 200, (few, many)  # a scan of 3,000 keys would take many thousands


def test_bulk_write_rebuilds_indexes_as_declared(
    project: Project, store: ProjectStore, checked: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A big first run drops the secondary indexes and builds them again: same definitions."""
    from translator.store import check_writes

    def schema() -> list[tuple[object, ...]]:
        return list(store._db.execute("SELECT name, sql FROM sqlite_master ORDER BY name"))  # type: ignore[attr-defined]

    declared = schema()
    monkeypatch.setattr(check_writes, "REBUILD_INDEX_ROWS", 0)
    checks.run_checks(project, store)
    assert schema() == declared
    assert store._db.execute("PRAGMA integrity_check").fetchone() == ("ok",)  # type: ignore[attr-defined]
    assert checks.findings_for(store, paragraph_id=checked[5])  # the paragraph index answers


def _links(store: ProjectStore) -> list[tuple[object, ...]]:
    return list(
        store._db.execute(  # type: ignore[attr-defined]
            "SELECT f.kind, f.message, l.paragraph_id, l.paragraph_version "
            "FROM finding_paragraphs l JOIN findings f ON f.id = l.finding_id ORDER BY 1, 2, 3"
        )
    )


def test_staged_bulk_insert_stores_what_row_by_row_inserts_store(
    project: Project, store: ProjectStore, checked: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Big inserts go through a temporary table and one INSERT ... SELECT: the stored index
    and finding links are the same rows as when inserted one by one."""
    from translator.store import check_writes

    checks.run_checks(project, store)
    row_by_row = (_index_rows(store), _links(store))
    assert row_by_row[0] and row_by_row[1]
    store._db.execute("DELETE FROM check_entries")  # type: ignore[attr-defined]
    store._db.execute("DELETE FROM findings")  # type: ignore[attr-defined]
    store._db.commit()  # type: ignore[attr-defined]
    monkeypatch.setattr(check_writes, "STAGE_ROWS", 0)
    checks.run_checks(project, store, full=True)
    assert (_index_rows(store), _links(store)) == row_by_row


def test_staged_bulk_insert_still_enforces_foreign_keys(
    project: Project, store: ProjectStore, checked: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An index entry for a paragraph that does not exist fails the whole write: staging
    skips no constraint, and nothing of the failed write is kept."""
    import sqlite3

    from translator.store import check_writes
    from translator.store.check_queries import FindingsWrite

    monkeypatch.setattr(check_writes, "STAGE_ROWS", 0)
    checks.run_checks(project, store)
    before = _index_rows(store)
    write = FindingsWrite(
        reset_index_kinds=["term-inconsistent"],
        index_add=[
            ("term-inconsistent", "ru>en:x", checked[0], "a"),
            ("term-inconsistent", "ru>en:x", 999_999, "b"),
        ],
    )
    with pytest.raises(sqlite3.IntegrityError):
        checks.check_store(store).write_findings(write)
    assert _index_rows(store) == before


def test_cli_kind_list_matches_the_registry() -> None:
    from translator.checks.kinds import KINDS

    assert list(KINDS) == checks.known_kinds()


def _write_group_finding(
    store: ProjectStore,
    paragraph_ids: list[int],
    message: str,
    doomed: list[int],
    kind: str = "name-variant",
) -> None:
    from translator.core.findings import Finding
    from translator.store.check_queries import FindingsWrite, NewFinding

    finding = Finding(kind, Severity.ERROR, message, tuple(paragraph_ids))
    write = FindingsWrite(delete_finding_ids=doomed, findings=[NewFinding(finding)])
    checks.check_store(store).write_findings(write)


@pytest.mark.parametrize(
    ("kept", "added", "rewritten"),
    [
        ([0, 1, 2, 3, 4], [5], True),  # one paragraph more: the row rewritten in place
        ([0, 1, 2, 3], [], True),  # one fewer
        ([0], [4, 5], False),  # most links change: deleted and inserted
        ([], [5], False),  # no paragraph in common
    ],
)
def test_a_changed_finding_is_rewritten_in_place_or_replaced(
    project: Project,
    store: ProjectStore,
    checked: list[int],
    kept: list[int],
    added: list[int],
    rewritten: bool,
) -> None:
    """A finding no longer found, replaced by one of its kind and group on mostly the same
    paragraphs, keeps its row: the same stored state as a delete and insert (message,
    links with the current versions, no dismissal of the old text), but for the id."""
    _write_group_finding(store, checked[:5], "Zhuravlev: misspelt: Zhurravlev (1)", [])
    _write_group_finding(store, checked[5:], "13 is 12", [], kind="number-mismatch")
    [old] = checks.findings_for(store, kinds=["name-variant"])  # not the highest id
    checks.dismiss_finding(store, old.id, "editor1")
    saved = set_target(store, checked[kept[0] if kept else 5], "Edited.", APPROVED)
    paragraphs = [checked[i] for i in (*kept, *added)]
    _write_group_finding(store, paragraphs, "Zhuravlev: misspelt: Zhurravlev (2)", [old.id])
    [new] = checks.findings_for(store, kinds=["name-variant"], include_dismissed=True)
    assert (new.id == old.id) is rewritten
    assert new.finding.message.endswith("(2)") and not new.dismissed
    assert set(new.checked_versions) == set(paragraphs)
    versions = {p: store.paragraph(p).version for p in paragraphs}
    assert new.checked_versions == versions and versions[saved.id] == saved.version
    stored = store._db.execute("SELECT COUNT(*) FROM findings").fetchone()[0]  # type: ignore[attr-defined]
    assert stored == 2


def test_pairing_changed_findings_stops_at_its_budget(
    project: Project, store: ProjectStore, checked: list[int]
) -> None:
    """Many findings of one group on the same paragraphs: pairing each new one with an old
    one would visit every old one per paragraph; past a budget the rest are inserted, and
    the stored result is the same."""
    from translator.core.findings import Finding
    from translator.store.check_queries import FindingsWrite, NewFinding

    def findings(version: int) -> list[NewFinding]:
        return [
            NewFinding(Finding("name-variant", Severity.ERROR, f"{n}/{version}", tuple(checked)))
            for n in range(60)
        ]

    queries = checks.check_store(store)
    queries.write_findings(FindingsWrite(findings=findings(1)))
    old = {s.id for s in checks.findings_for(store, kinds=["name-variant"])}
    _write_group_finding(store, checked[5:], "13 is 12", [], kind="number-mismatch")  # last id
    queries.write_findings(FindingsWrite(delete_finding_ids=sorted(old), findings=findings(2)))
    stored = checks.findings_for(store, kinds=["name-variant"])
    assert sorted(s.finding.message for s in stored) == sorted(f"{n}/2" for n in range(60))
    assert 0 < len(old & {s.id for s in stored}) < 10  # a few rewritten, then the budget ran out
    assert all(set(s.checked_versions) == set(checked) for s in stored)


@pytest.mark.parametrize("document", ["a.txt", "b.txt"])
def test_a_document_run_keeps_the_ids_of_findings_found_again(
    project: Project, store: ProjectStore, checked: list[int], document: str
) -> None:
    checks.run_checks(project, store)
    first = _ids(store)
    assert any(kind == "number-mismatch" for kind, _, _ in first)
    checks.run_checks(project, store, document=document)
    assert _ids(store) == first
    set_target(store, checked[5], "A term of 14 years.", APPROVED)  # b.txt's number finding
    checks.run_checks(project, store, document=document)
    changed = {key: fid for key, fid in _ids(store).items() if key not in first}
    assert bool(changed) is (document == "b.txt")
    assert {k: v for k, v in _ids(store).items() if k in first} == {
        k: v for k, v in first.items() if k[0] != "number-mismatch" or document == "a.txt"
    }
