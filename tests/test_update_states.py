"""A source update on hand-written before/after versions: each paragraph lands in the right
state, approvals never survive a source change, and the update is one transaction."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from tests.conftest import write
from translator import services
from translator.core.errors import TranslatorError
from translator.core.models import Paragraph, ReviewStatus
from translator.project import Project
from translator.services import update as update_services
from translator.store import ProjectStore, SqliteStore
from translator.store.update_queries import StaleUpdatePlan, UpdateQueries
from translator.update.align import ChangeKind

TITLE = "Алексей Соколов"
MOVED = "Этот абзац переедет в конец текста."
BIO = "Биография правозащитника из Екатеринбурга."
SPLIT = "13 мая 2009 года он был задержан. На следующий день его взяли под стражу."
SPLIT_1 = "13 мая 2009 года он был задержан."
SPLIT_2 = "На следующий день его взяли под стражу."
DATED = "Суд приговорил его к пяти годам лишения свободы 12 июня 2010 года."
DATED_FIXED = "Суд приговорил его к пяти годам лишения свободы 14 июня 2010 года."
REMOVED = "Этот абзац будет удалён из текста, потому что он устарел."
MERGE_1 = "Защита подала апелляцию в областной суд."
MERGE_2 = "Апелляционная жалоба осталась без удовлетворения."
LAST = "Последний абзац о деле Соколова."
TOP = "Новый абзац в начале: дело передано в Европейский суд."

BEFORE = [TITLE, MOVED, BIO, SPLIT, DATED, REMOVED, MERGE_1, MERGE_2, LAST]
AFTER = [TOP, TITLE, BIO, SPLIT_1, SPLIT_2, DATED_FIXED, f"{MERGE_1} {MERGE_2}", LAST, MOVED]


def text_file(path: Path, paragraphs: list[str]) -> Path:
    return write(path, "\n\n".join(paragraphs) + "\n")


def import_file(project: Project, store: ProjectStore, path: Path, **options: object) -> None:
    services.import_sources(project, store, [path], actor="tester", **options)


def approve_all(store: ProjectStore, document_id: int) -> dict[int, Paragraph]:
    """Give every paragraph a target and approve it; returns the approved rows by id."""
    approved = {}
    for paragraph in store.paragraphs(document_id):
        saved = store.save_target(
            paragraph.id, paragraph.version, f"EN[{paragraph.source_text}]",
            ReviewStatus.APPROVED, "editor",
        )  # fmt: skip
        approved[saved.id] = saved
    return approved


def dump(project: Project) -> list[str]:
    with sqlite3.connect(project.database_path) as raw:
        return list(raw.iterdump())


@pytest.fixture
def approved_v1(project: Project, store: ProjectStore, tmp_path: Path) -> dict[int, Paragraph]:
    import_file(project, store, text_file(tmp_path / "doc.txt", BEFORE))
    document = store.find_document("doc.txt")
    assert document is not None
    return approve_all(store, document.id)


def by_source(store: ProjectStore) -> dict[str, Paragraph]:
    document = store.find_document("doc.txt")
    assert document is not None
    return {p.source_text: p for p in store.paragraphs(document.id)}


def test_each_paragraph_lands_in_the_right_state(
    project: Project, store: ProjectStore, tmp_path: Path, approved_v1: dict[int, Paragraph]
) -> None:
    old = {p.source_text: p for p in approved_v1.values()}
    report = services.import_sources(
        project, store, [text_file(tmp_path / "doc.txt", AFTER)], actor="updater"
    )
    [summary] = report.updated
    assert summary.applied
    assert {k: v for k, v in summary.counts.items() if v} == {
        ChangeKind.UNCHANGED: 3,
        ChangeKind.MOVED: 1,
        ChangeKind.EDITED: 1,
        ChangeKind.SPLIT: 1,
        ChangeKind.MERGED: 1,
        ChangeKind.NEW: 1,
        ChangeKind.REMOVED: 1,
    }
    now = by_source(store)
    assert [p.source_text for p in sorted(now.values(), key=lambda p: p.position)] == AFTER
    assert [p.position for p in sorted(now.values(), key=lambda p: p.position)] == list(range(9))

    for text in (TITLE, BIO, LAST):  # unchanged: same row, target, status, version, history
        assert now[text] == replace(old[text], position=AFTER.index(text))
        assert [e.action for e in store.history(now[text].id)] == ["edit"]
    moved = now[MOVED]
    assert (moved.id, moved.status, moved.target_text) == (
        old[MOVED].id, ReviewStatus.APPROVED, old[MOVED].target_text,
    )  # fmt: skip
    assert store.history(moved.id)[-1].note == "moved from position 2 to 9"

    edited = now[DATED_FIXED]
    assert edited.id == old[DATED].id
    assert edited.status is ReviewStatus.REJECTED
    assert edited.target_text == old[DATED].target_text  # kept as a starting point
    assert edited.previous_source == DATED
    assert edited.version == old[DATED].version + 1
    event = store.history(edited.id)[-1]
    assert (event.action, event.actor, event.note) == ("source-update", "updater", "source changed")
    assert (event.old_status, event.new_status) == (ReviewStatus.APPROVED, ReviewStatus.REJECTED)

    first, second = now[SPLIT_1], now[SPLIT_2]
    assert first.id == old[SPLIT].id and first.status is ReviewStatus.REJECTED
    assert first.previous_source == SPLIT and first.target_text == old[SPLIT].target_text
    assert second.id not in approved_v1 and second.status is ReviewStatus.NEW
    assert second.target_text == ""

    merged = now[f"{MERGE_1} {MERGE_2}"]
    assert merged.id == old[MERGE_1].id and merged.status is ReviewStatus.REJECTED
    assert merged.target_text == f"{old[MERGE_1].target_text} {old[MERGE_2].target_text}"
    assert merged.previous_source == f"{MERGE_1}\n{MERGE_2}"

    top = now[TOP]
    assert top.id not in approved_v1
    assert (top.status, top.target_text) == (ReviewStatus.NEW, "")

    document = store.find_document("doc.txt")
    assert document is not None and document.revision == 2
    assert REMOVED not in now and MERGE_2 not in now
    archived = {p.source_text: p for p in update_services.archived_paragraphs(store, document)}
    assert set(archived) == {REMOVED, MERGE_2}
    gone = archived[REMOVED]
    assert gone.is_archived and gone.archived_by == "updater"
    assert gone.status is ReviewStatus.APPROVED and gone.target_text == old[REMOVED].target_text
    assert [e.action for e in store.history(gone.id)] == ["edit", "source-update"]
    assert store.paragraph(gone.id).archived_at is not None  # still readable by id
    assert store.status_counts(document.id).total == 9  # archived rows are not counted

    lost = {item.paragraph_id for item in summary.lost_approval}
    assert lost == {old[t].id for t in (SPLIT, DATED, MERGE_1, MERGE_2)}


def test_nothing_approved_stays_approved_after_its_source_changed(
    project: Project, store: ProjectStore, tmp_path: Path, approved_v1: dict[int, Paragraph]
) -> None:
    import_file(project, store, text_file(tmp_path / "doc.txt", AFTER))
    for paragraph in by_source(store).values():
        if paragraph.status is ReviewStatus.APPROVED:
            assert paragraph.id in approved_v1
            assert paragraph.source_text == approved_v1[paragraph.id].source_text


def test_machine_only_targets_go_back_to_new_and_unchanged_sentences_keep_their_mt(
    project: Project, store: ProjectStore, tmp_path: Path
) -> None:
    import_file(project, store, text_file(tmp_path / "doc.txt", BEFORE))
    with sqlite3.connect(project.database_path) as raw:
        raw.execute("UPDATE sentences SET machine_translation = 'MT: ' || source_text")
        raw.execute("UPDATE paragraphs SET status = 'machine', target_text = 'MT'")
    old = by_source(store)
    old_sentences = {s.source_text: s.id for s in store.sentences(old[SPLIT].id)}
    import_file(project, store, text_file(tmp_path / "doc.txt", AFTER))
    now = by_source(store)
    assert (now[DATED_FIXED].status, now[DATED_FIXED].target_text) == (ReviewStatus.NEW, "")
    assert now[TITLE].status is ReviewStatus.MACHINE  # unchanged: untouched
    [dated] = store.sentences(now[DATED_FIXED].id)
    assert dated.source_text == DATED_FIXED and dated.machine_translation is None
    for part in (SPLIT_1, SPLIT_2):  # split: each half takes over its old sentence row
        [sentence] = store.sentences(now[part].id)
        assert sentence.id == old_sentences[part]
        assert sentence.machine_translation == f"MT: {part}"
    merged = store.sentences(now[f"{MERGE_1} {MERGE_2}"].id)
    assert [(s.position, s.machine_translation) for s in merged] == [
        (0, f"MT: {MERGE_1}"),
        (1, f"MT: {MERGE_2}"),
    ]
    [top] = store.sentences(now[TOP].id)
    assert top.machine_translation is None


def test_dry_run_changes_nothing(
    project: Project, store: ProjectStore, tmp_path: Path, approved_v1: dict[int, Paragraph]
) -> None:
    before = dump(project)
    report = services.import_sources(
        project, store, [text_file(tmp_path / "doc.txt", AFTER)], actor="tester", dry_run=True
    )
    [summary] = report.updated
    assert not summary.applied and summary.counts[ChangeKind.EDITED] == 1
    assert dump(project) == before


def test_a_failure_mid_update_changes_nothing(
    project: Project,
    store: ProjectStore,
    tmp_path: Path,
    approved_v1: dict[int, Paragraph],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = dump(project)

    def fail(*args: object) -> None:
        raise RuntimeError("disk on fire")

    # Paragraphs are archived, moved, rewritten and inserted before sentences are written.
    monkeypatch.setattr(UpdateQueries, "_write_sentences", fail)
    with pytest.raises(RuntimeError, match="disk on fire"):
        import_file(project, store, text_file(tmp_path / "doc.txt", AFTER))
    assert dump(project) == before


def _plan_update_to_after(
    project: Project, store: ProjectStore, tmp_path: Path
) -> update_services.UpdatePlan:
    """The plan of updating doc.txt to AFTER, made now and applied later by the test."""
    document = store.find_document("doc.txt")
    assert document is not None
    parsed = services.parse_sources(
        project, [text_file(tmp_path / "doc.txt", AFTER)], "ru", None
    ).__next__()
    assert not isinstance(parsed, Exception)
    return update_services.plan_update(store, document, parsed, "updater")


def test_a_plan_made_before_someone_saved_is_refused(
    project: Project, store: ProjectStore, tmp_path: Path, approved_v1: dict[int, Paragraph]
) -> None:
    plan = _plan_update_to_after(project, store, tmp_path)
    dated = by_source(store)[DATED]
    store.save_target(dated.id, dated.version, "a newer translation", ReviewStatus.EDITED, "ann")
    before = dump(project)
    with pytest.raises(StaleUpdatePlan, match="saved meanwhile"):
        update_services.apply_update(store, plan)
    assert dump(project) == before


def test_a_second_update_builds_on_the_first(
    project: Project, store: ProjectStore, tmp_path: Path, approved_v1: dict[int, Paragraph]
) -> None:
    import_file(project, store, text_file(tmp_path / "doc.txt", AFTER))
    again = [*AFTER[:-1], "Совершенно новый заключительный абзац."]
    report = services.import_sources(
        project, store, [text_file(tmp_path / "doc.txt", again)], actor="tester"
    )
    [summary] = report.updated
    assert summary.counts[ChangeKind.REMOVED] == 1 and summary.counts[ChangeKind.NEW] == 1
    document = store.find_document("doc.txt")
    assert document is not None and document.revision == 3
    assert [p.source_text for p in store.paragraphs(document.id)] == again
    assert len(update_services.archived_paragraphs(store, document)) == 3


def test_archived_paragraphs_leave_the_review_list_and_the_mt_work_list(
    project: Project, store: ProjectStore, tmp_path: Path
) -> None:
    import_file(project, store, text_file(tmp_path / "doc.txt", BEFORE))
    import_file(project, store, text_file(tmp_path / "doc.txt", AFTER))
    document = store.find_document("doc.txt")
    assert isinstance(store, SqliteStore) and document is not None
    archived = {p.id for p in update_services.archived_paragraphs(store, document)}
    assert len(archived) == 2
    review_list = {row.id for row in store.paragraph_summaries(document.id)}
    mt_work = {row.id for row in store.paragraphs_for_mt(document.id)}
    live = {p.id for p in store.paragraphs(document.id)}
    assert review_list == live and mt_work == live
    assert not archived & (review_list | mt_work)


def test_an_archived_paragraph_cannot_be_saved_any_more(
    project: Project, store: ProjectStore, tmp_path: Path, approved_v1: dict[int, Paragraph]
) -> None:
    import_file(project, store, text_file(tmp_path / "doc.txt", AFTER))
    document = store.find_document("doc.txt")
    assert document is not None
    gone = next(
        p for p in update_services.archived_paragraphs(store, document) if p.source_text == REMOVED
    )
    with pytest.raises(TranslatorError, match="removed from its source"):
        store.save_target(gone.id, gone.version, "late edit", ReviewStatus.EDITED, "ann")
    assert store.paragraph(gone.id) == gone


@pytest.mark.parametrize("which", ["removed", "merged"])
def test_a_plan_made_before_someone_saved_a_paragraph_it_archives_is_refused(
    project: Project,
    store: ProjectStore,
    tmp_path: Path,
    approved_v1: dict[int, Paragraph],
    which: str,
) -> None:
    """A paragraph the update archives (removed, or the second half of a merge) saved or
    approved meanwhile: its new text would be kept only in the archive, unreported."""
    plan = _plan_update_to_after(project, store, tmp_path)
    [archived] = [a for a in plan.revision.archived if ("merged" in a.note) == (which == "merged")]
    paragraph = store.paragraph(archived.paragraph_id)
    store.save_target(paragraph.id, paragraph.version, "NEW WORK", ReviewStatus.EDITED, "ann")
    before = dump(project)
    with pytest.raises(StaleUpdatePlan, match=f"paragraph {paragraph.id} was saved meanwhile"):
        update_services.apply_update(store, plan)
    assert dump(project) == before
