"""Review policy: roles, the four-eyes rule, saves, approvals, rejections, next work."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.review_helpers import configure_roles, import_document, machine_translate
from translator.core.errors import ParagraphConflict
from translator.core.models import ReviewStatus
from translator.project import Project
from translator.services import review
from translator.store import ProjectStore


def test_no_roles_configured_everyone_may_do_everything(project: Project) -> None:
    actor = review.actor_for(project, "anyone")
    assert actor.solo
    assert review.can_edit(actor) and review.can_approve(actor)
    assert review.can_resolve_conflicts(actor)


def test_roles_come_from_translator_toml(project: Project) -> None:
    project = configure_roles(
        project, translators=("tanya",), editors=("erin",), publishers=("pat",)
    )
    tanya, erin, pat, stranger = (
        review.actor_for(project, name) for name in ("tanya", "erin", "pat", "stranger")
    )
    assert review.can_edit(tanya) and not review.can_approve(tanya)
    assert review.can_approve(erin) and review.can_resolve_conflicts(erin)
    assert review.can_approve(pat) and not review.can_resolve_conflicts(pat)
    assert not review.can_edit(stranger) and not review.can_approve(stranger)


def test_acting_user_defaults_to_environment(project: Project) -> None:
    assert review.actor_for(project).name == "tester"


def test_save_moves_machine_to_edited_and_records_history(
    project: Project, store: ProjectStore
) -> None:
    paragraph = machine_translate(store, import_document(project, store))[0]
    actor = review.actor_for(project, "tanya")
    saved = review.save_target(
        project, store, paragraph.id, paragraph.version, "The court sentenced him.", actor
    )
    assert saved.status is ReviewStatus.EDITED
    assert saved.target_text == "The court sentenced him."
    last = store.history(paragraph.id)[-1]
    assert (last.actor, last.old_status, last.new_status) == (
        "tanya",
        ReviewStatus.MACHINE,
        ReviewStatus.EDITED,
    )


def test_saving_unchanged_text_writes_nothing(project: Project, store: ProjectStore) -> None:
    paragraph = machine_translate(store, import_document(project, store))[0]
    actor = review.actor_for(project, "tanya")
    saved = review.save_target(
        project, store, paragraph.id, paragraph.version, paragraph.target_text, actor
    )
    assert saved.version == paragraph.version
    assert saved.status is ReviewStatus.MACHINE
    assert len(store.history(paragraph.id)) == 1


def test_stranger_may_not_edit_once_roles_exist(project: Project, store: ProjectStore) -> None:
    paragraph = import_document(project, store)[0]
    project = configure_roles(project, editors=("erin",))
    with pytest.raises(review.ReviewRefused, match="may not edit"):
        review.save_target(
            project, store, paragraph.id, paragraph.version, "x", review.actor_for(project, "bob")
        )
    assert store.paragraph(paragraph.id).target_text == ""


def test_translator_may_not_approve(project: Project, store: ProjectStore) -> None:
    paragraph = machine_translate(store, import_document(project, store))[0]
    project = configure_roles(project, translators=("tanya",), editors=("erin",))
    with pytest.raises(review.ReviewRefused, match="only editors and publishers"):
        review.approve(
            project, store, paragraph.id, paragraph.version, review.actor_for(project, "tanya")
        )
    assert store.paragraph(paragraph.id).status is ReviewStatus.MACHINE


def test_four_eyes_refuses_the_last_editor(project: Project, store: ProjectStore) -> None:
    paragraph = machine_translate(store, import_document(project, store))[0]
    project = configure_roles(project, editors=("erin", "ed"))
    erin, ed = review.actor_for(project, "erin"), review.actor_for(project, "ed")
    edited = review.save_target(
        project, store, paragraph.id, paragraph.version, "Erin's text.", erin
    )
    with pytest.raises(review.ReviewRefused, match="four-eyes"):
        review.approve(project, store, paragraph.id, edited.version, erin)
    assert store.paragraph(paragraph.id).status is ReviewStatus.EDITED
    approved = review.approve(project, store, paragraph.id, edited.version, ed)
    assert approved.status is ReviewStatus.APPROVED
    assert store.history(paragraph.id)[-1].actor == "ed"


def test_four_eyes_ignores_machine_writes_and_status_changes(
    project: Project, store: ProjectStore
) -> None:
    paragraph = machine_translate(store, import_document(project, store))[0]
    project = configure_roles(project, editors=("erin", "ed"))
    erin = review.actor_for(project, "erin")
    # Raw MT written by nobody in particular: erin did not edit it, so she may approve.
    approved = review.approve(project, store, paragraph.id, paragraph.version, erin)
    assert approved.status is ReviewStatus.APPROVED


def test_four_eyes_can_be_switched_off(project: Project, store: ProjectStore) -> None:
    paragraph = machine_translate(store, import_document(project, store))[0]
    project = configure_roles(project, editors=("erin",), four_eyes=False)
    erin = review.actor_for(project, "erin")
    edited = review.save_target(project, store, paragraph.id, paragraph.version, "Mine.", erin)
    assert review.approve(project, store, paragraph.id, edited.version, erin).status is (
        ReviewStatus.APPROVED
    )


def test_solo_user_may_approve_own_edit(project: Project, store: ProjectStore) -> None:
    paragraph = machine_translate(store, import_document(project, store))[0]
    me = review.actor_for(project, "solo")
    edited = review.save_target(project, store, paragraph.id, paragraph.version, "Mine.", me)
    assert review.approve(project, store, paragraph.id, edited.version, me).status is (
        ReviewStatus.APPROVED
    )


def test_reject_needs_a_reason_and_records_it(project: Project, store: ProjectStore) -> None:
    paragraph = machine_translate(store, import_document(project, store))[0]
    me = review.actor_for(project)
    with pytest.raises(review.ReviewRefused, match="needs a reason"):
        review.reject(project, store, paragraph.id, paragraph.version, me, "  ")
    rejected = review.reject(project, store, paragraph.id, paragraph.version, me, "wrong court")
    assert rejected.status is ReviewStatus.REJECTED
    assert store.history(paragraph.id)[-1].note == "wrong court"


def test_cannot_approve_a_paragraph_without_target(project: Project, store: ProjectStore) -> None:
    paragraph = import_document(project, store)[0]
    with pytest.raises(review.ReviewRefused, match="cannot go from new to approved"):
        review.approve(project, store, paragraph.id, paragraph.version, review.actor_for(project))


def test_stale_version_raises_conflict_with_both_texts(
    project: Project, store: ProjectStore
) -> None:
    paragraph = machine_translate(store, import_document(project, store))[0]
    me = review.actor_for(project)
    review.save_target(project, store, paragraph.id, paragraph.version, "First save.", me)
    with pytest.raises(ParagraphConflict) as caught:
        review.save_target(project, store, paragraph.id, paragraph.version, "Second.", me)
    assert caught.value.stored_target == "First save."
    assert caught.value.attempted_target == "Second."
    assert store.paragraph(paragraph.id).target_text == "First save."


def test_next_needing_work_depends_on_role(project: Project, store: ProjectStore) -> None:
    paragraphs = machine_translate(store, import_document(project, store))
    project = configure_roles(project, translators=("tanya",), editors=("erin",))
    tanya, erin = review.actor_for(project, "tanya"), review.actor_for(project, "erin")
    review.save_target(project, store, paragraphs[1].id, paragraphs[1].version, "Edited.", tanya)
    approved = review.approve(project, store, paragraphs[2].id, paragraphs[2].version, erin)
    assert approved.status is ReviewStatus.APPROVED
    doc = paragraphs[0].document_id
    # After paragraph 0: the translator skips the edited (1) and approved (2) ones.
    assert review.next_needing_work(store, doc, 0, tanya).position == 3  # type: ignore[union-attr]
    assert review.next_needing_work(store, doc, 0, erin).position == 1  # type: ignore[union-attr]
    assert review.next_needing_work(store, doc, 3, erin, backwards=True).position == 1  # type: ignore[union-attr]
    assert review.next_needing_work(store, doc, 4, tanya) is None


def test_comments_are_stored_with_author(project: Project, store: ProjectStore) -> None:
    paragraph = import_document(project, store)[0]
    review.add_comment(store, paragraph.id, review.actor_for(project, "erin"), " check name ")
    [comment] = store.comments(paragraph.id)
    assert (comment.author, comment.body) == ("erin", "check name")
    with pytest.raises(review.ReviewRefused):
        review.add_comment(store, paragraph.id, review.actor_for(project), "   ")


def test_invalid_four_eyes_setting_is_a_config_error(project: Project) -> None:
    from translator.core.errors import ProjectConfigError
    from translator.project import load_config

    project.config_path.write_text('[review]\nfour_eyes = "yes"\n', encoding="utf-8")
    with pytest.raises(ProjectConfigError, match="four_eyes"):
        load_config(project.config_path)


@pytest.mark.parametrize("blank", ["", "   \n"])
def test_an_empty_target_cannot_be_approved(
    project: Project, store: ProjectStore, blank: str
) -> None:
    paragraph = machine_translate(store, import_document(project, store))[0]
    me = review.actor_for(project)
    saved = review.save_target(project, store, paragraph.id, paragraph.version, blank, me)
    with pytest.raises(review.ReviewRefused, match="nothing to approve: the target is empty"):
        review.approve(project, store, paragraph.id, saved.version, me)
    assert store.paragraph(paragraph.id).status is ReviewStatus.EDITED


def test_people_cannot_mark_their_text_as_machine(project: Project, store: ProjectStore) -> None:
    """A person's text marked machine would be replaced by `translate --retranslate`."""
    paragraph = machine_translate(store, import_document(project, store))[0]
    me = review.actor_for(project)
    saved = review.save_target(project, store, paragraph.id, paragraph.version, "Mine.", me)
    rejected = review.reject(project, store, paragraph.id, saved.version, me, "style")
    refusal = review.status_refusal(project, store, rejected, ReviewStatus.MACHINE, me)
    assert refusal is not None and "translator translate" in refusal


def test_user_names_are_compared_in_one_unicode_form(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = configure_roles(project, translators=("Zo\u00eb",))  # ë as one character
    actor = review.actor_for(project, "Zoe\u0308")  # e + combining diaeresis
    assert review.can_edit(actor) and actor.name == "Zo\u00eb"
    monkeypatch.setenv("TRANSLATOR_USER", "Zoe\u0308")
    assert review.can_edit(review.actor_for(project))


def test_only_people_with_a_role_import_sources(
    project: Project, store: ProjectStore, tmp_path: Path
) -> None:
    from translator import services

    project = configure_roles(project, translators=("tanya",), editors=("erin",))
    source = tmp_path / "case.txt"
    source.write_text("Суд отказал.\n\nАдвокат обжаловал.\n", encoding="utf-8")
    with pytest.raises(review.ReviewRefused, match="mallory may not import sources"):
        services.import_sources(project, store, [source], actor="mallory")
    assert store.documents() == []
    services.import_sources(project, store, [source], actor="mallory", dry_run=True)
    services.import_sources(project, store, [source], actor="tanya")
    assert [d.name for d in store.documents()] == ["case.txt"]


def test_a_source_update_merging_paragraphs_is_nobodys_edit(
    project: Project, store: ProjectStore
) -> None:
    """The importer joins the targets of two merged paragraphs but writes none of them:
    the person who edited them is still their last editor for the four-eyes rule."""
    from translator import services

    paragraphs = machine_translate(store, import_document(project, store, count=3))
    project = configure_roles(project, editors=("erin", "ed"))
    erin, ed = review.actor_for(project, "erin"), review.actor_for(project, "ed")
    for paragraph, text in zip(paragraphs[1:], ("Erin's first.", "Erin's second."), strict=True):
        review.save_target(project, store, paragraph.id, paragraph.version, text, erin)
    sources = [p.source_text for p in paragraphs]
    merged = [sources[0], f"{sources[1]} {sources[2]}"]
    path = project.root.parent / "sources" / "case.txt"
    path.write_text("\n\n".join(merged) + "\n", encoding="utf-8")
    services.import_sources(project, store, [path], actor="ed")
    [_, carried] = store.paragraphs(paragraphs[0].document_id)
    assert carried.id == paragraphs[1].id and "Erin's first." in carried.target_text
    assert store.history(carried.id)[-1].actor == "ed"  # the update, by ed
    assert carried.status is ReviewStatus.REJECTED  # the source changed: to be reviewed
    with pytest.raises(review.ReviewRefused, match="four-eyes"):
        review.approve(project, store, carried.id, carried.version, erin)
    assert review.approve(project, store, carried.id, carried.version, ed).status is (
        ReviewStatus.APPROVED
    )


def test_someone_without_a_role_is_refused_even_where_nothing_would_change(
    project: Project, store: ProjectStore
) -> None:
    paragraphs = machine_translate(store, import_document(project, store, count=2))
    project = configure_roles(project, editors=("erin",))
    erin, mallory = review.actor_for(project, "erin"), review.actor_for(project, "mallory")
    review.save_target(project, store, paragraphs[0].id, paragraphs[0].version, "Mine.", erin)
    current = [store.paragraph(p.id) for p in paragraphs]
    result = review.set_status(project, store, current, ReviewStatus.EDITED, mallory)
    assert result.unchanged == 0 and len(result.refused) == 2
    assert all("mallory may not change paragraphs" in r.reason for r in result.refused)
