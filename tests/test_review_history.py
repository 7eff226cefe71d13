"""History as versions with diffs, post-edit effort, and concurrent edits on one database."""

from __future__ import annotations

import pytest

from tests.review_helpers import import_document, machine_translate
from translator import services
from translator.core.errors import ParagraphConflict
from translator.core.models import ReviewStatus
from translator.diffs import DiffOp
from translator.project import Project
from translator.services import review
from translator.services.review_history import (
    describe_conflict,
    diff_texts,
    edit_distance,
    history_with_diffs,
    merge_texts,
)
from translator.store import ProjectStore


def _joined(chunks: list, op: DiffOp) -> str:  # type: ignore[type-arg]
    return "".join(chunk.text for chunk in chunks if chunk.op is op)


def test_diff_marks_insertions_and_deletions() -> None:
    chunks = diff_texts("The court sentenced him.", "The city court sentenced him today.")
    inserted = _joined(chunks, DiffOp.INSERT)
    assert "city" in inserted and "today" in inserted
    assert _joined(chunks, DiffOp.DELETE) == ""
    old = "".join(c.text for c in chunks if c.op is not DiffOp.INSERT)
    new = "".join(c.text for c in chunks if c.op is not DiffOp.DELETE)
    assert (old, new) == ("The court sentenced him.", "The city court sentenced him today.")


def test_edit_distance_counts_characters() -> None:
    assert edit_distance("Sokolov", "Sokolova") == 1
    assert edit_distance("same", "same") == 0


def test_history_lists_every_version_with_actor_and_status(
    project: Project, store: ProjectStore
) -> None:
    paragraph = machine_translate(store, import_document(project, store))[0]
    tanya = review.actor_for(project, "tanya")
    edited = review.save_target(
        project, store, paragraph.id, paragraph.version, "The court gave him five years.", tanya
    )
    review.reject(project, store, paragraph.id, edited.version, tanya, "too loose")
    review.add_comment(store, paragraph.id, tanya, "see the verdict")
    history = history_with_diffs(store, paragraph.id)
    assert [v.text for v in history.versions] == [
        "",
        paragraph.target_text,
        "The court gave him five years.",
        "The court gave him five years.",
    ]
    assert [v.actor for v in history.versions] == [None, "mt", "tanya", "tanya"]
    assert history.versions[-1].status is ReviewStatus.REJECTED
    assert history.versions[-1].note == "too loose"
    assert [c.body for c in history.comments] == ["see the verdict"]
    between = history.diff(2, 3)
    assert "gave him five years" in _joined(between, DiffOp.INSERT)


def test_machine_diff_and_post_edit_effort(project: Project, store: ProjectStore) -> None:
    paragraphs = import_document(project, store)
    # The MT area stores machine translations per sentence; join them as the suggestion.
    store._db.execute(  # type: ignore[attr-defined]
        "UPDATE sentences SET machine_translation = 'The court sentenced Sokolov.' "
        "WHERE paragraph_id = ?",
        (paragraphs[0].id,),
    )
    saved = review.save_target(
        project,
        store,
        paragraphs[0].id,
        paragraphs[0].version,
        "The court sentenced Sokolov to five years.",
        review.actor_for(project),
    )
    history = history_with_diffs(store, saved.id)
    assert history.machine_translation == "The court sentenced Sokolov."
    effort = history.post_edit_effort()
    assert effort is not None
    assert effort.distance == edit_distance(
        "The court sentenced Sokolov.", "The court sentenced Sokolov to five years."
    )
    assert 0 < effort.ratio < 1
    machine_diff = history.machine_diff()
    assert machine_diff is not None and "to five years" in _joined(machine_diff, DiffOp.INSERT)


def test_no_machine_translation_means_no_effort(project: Project, store: ProjectStore) -> None:
    paragraph = import_document(project, store)[0]
    history = history_with_diffs(store, paragraph.id)
    assert history.machine_translation is None
    assert history.post_edit_effort() is None and history.machine_diff() is None


def test_merge_applies_both_sides_when_they_touch_different_words() -> None:
    base = "The court sentenced Sokolov to five years in a colony."
    mine = "The district court sentenced Sokolov to five years in a colony."
    theirs = "The court sentenced Sokolov to five years in a penal colony."
    merged = merge_texts(base, mine, theirs)
    assert merged.clean
    assert merged.text == "The district court sentenced Sokolov to five years in a penal colony."


def test_two_stores_on_one_database_conflict_and_resolve(
    project: Project, store: ProjectStore
) -> None:
    """Two sessions (e.g. two TUIs) edit the same paragraph; the second save is refused
    with both texts, then the user chooses a merge and nothing is lost silently."""
    paragraph = machine_translate(store, import_document(project, store))[0]
    base = paragraph.target_text
    alice = review.actor_for(project, "alice")
    bob = review.actor_for(project, "bob")
    with services.open_project_store(project) as other:
        seen_by_bob = other.paragraph(paragraph.id)
        review.save_target(
            project,
            store,
            paragraph.id,
            paragraph.version,
            base.replace("court", "city court"),
            alice,
        )
        bob_text = base.replace("penal colony", "general-regime penal colony")
        with pytest.raises(ParagraphConflict) as caught:
            review.save_target(project, other, paragraph.id, seen_by_bob.version, bob_text, bob)
        view = describe_conflict(caught.value, base)
        assert view.theirs == base.replace("court", "city court")
        assert view.mine == bob_text
        assert view.merge.clean
        assert "city court" in view.merge.text and "general-regime" in view.merge.text
        resolved = review.resolve_conflict(project, other, caught.value, view.merge.text, bob)
    assert store.paragraph(paragraph.id).target_text == resolved.target_text == view.merge.text
    actors = [event.actor for event in store.history(paragraph.id)]
    assert actors == ["mt", "alice", "bob"]
