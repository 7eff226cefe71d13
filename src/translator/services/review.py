"""Review use cases: who may do what (roles, four-eyes) and the writes that follow the rules.

The CLI (`translator set-status`) and the TUI call the same functions, so a rule holds
however a change is made. Every write goes through the store, which records history.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from translator.core.errors import DocumentNotFound, ParagraphConflict, TranslatorError
from translator.core.models import Document, Paragraph, ReviewStatus, can_transition
from translator.project import Project
from translator.services.projects import current_user
from translator.store import ProjectStore
from translator.store.review_queries import ParagraphSummary, ReviewQueries, StatusChange


class ReviewRefused(TranslatorError):
    """The acting user may not make this change (role, four-eyes, transition, missing reason)."""


class Role(StrEnum):
    TRANSLATOR = "translator"
    EDITOR = "editor"
    PUBLISHER = "publisher"


@dataclass(frozen=True, slots=True)
class Actor:
    """The acting user and their roles. `solo`: the project lists no roles, so everyone may
    do everything (one person working alone) and the four-eyes rule does not apply."""

    name: str
    roles: frozenset[Role]
    solo: bool = False

    def has_any(self, *roles: Role) -> bool:
        return self.solo or bool(self.roles.intersection(roles))

    def describe(self) -> str:
        if self.solo:
            return f"{self.name} (no roles configured: may do everything)"
        shown = ", ".join(sorted(self.roles)) or "no role"
        return f"{self.name} ({shown})"


def actor_for(project: Project, name: str | None = None) -> Actor:
    """The acting user (--as, $TRANSLATOR_USER, OS user) with their roles from translator.toml."""
    user = current_user(name)
    roles = project.config.roles
    if not roles.configured:
        return Actor(user, frozenset(Role), solo=True)
    held = {
        role
        for role, names in (
            (Role.TRANSLATOR, roles.translators),
            (Role.EDITOR, roles.editors),
            (Role.PUBLISHER, roles.publishers),
        )
        if user in {unicodedata.normalize("NFC", listed) for listed in names}
    }
    return Actor(user, frozenset(held))


def can_edit(actor: Actor) -> bool:
    return actor.has_any(Role.TRANSLATOR, Role.EDITOR, Role.PUBLISHER)


def can_approve(actor: Actor) -> bool:
    """Only editors and publishers approve (and reject)."""
    return actor.has_any(Role.EDITOR, Role.PUBLISHER)


def can_resolve_conflicts(actor: Actor) -> bool:
    """Only editors choose canonical spellings for name variants."""
    return actor.has_any(Role.EDITOR)


def four_eyes_applies(project: Project, actor: Actor) -> bool:
    return project.config.review.four_eyes and not actor.solo


def role_refusal(status: ReviewStatus, actor: Actor) -> str | None:
    """Why `actor` may not set `status` on any paragraph, or None."""
    if status is ReviewStatus.MACHINE:
        # Only `translator translate` writes machine targets: a person's text marked machine
        # would be replaced by the next `translate --retranslate`.
        return "machine is set by `translator translate` only; use edited for a person's text"
    if status in (ReviewStatus.APPROVED, ReviewStatus.REJECTED):
        if not can_approve(actor):
            verb = "approve" if status is ReviewStatus.APPROVED else "reject"
            return f"{actor.name} may not {verb}: only editors and publishers may"
    elif not can_edit(actor):
        return f"{actor.name} may not change paragraphs: not listed in [roles]"
    return None


def status_refusal(
    project: Project,
    store: ProjectStore,
    paragraph: Paragraph,
    status: ReviewStatus,
    actor: Actor,
    reason: str | None = None,
) -> str | None:
    """Why `actor` may not move `paragraph` to `status`, or None when allowed."""
    refusal = role_refusal(status, actor)
    if refusal is not None:
        return refusal
    if not can_transition(paragraph.status, status):
        return f"cannot go from {paragraph.status.value} to {status.value}"
    if status is ReviewStatus.APPROVED and not paragraph.target_text.strip():
        return "nothing to approve: the target is empty"
    if status is ReviewStatus.REJECTED and not (reason and reason.strip()):
        return "rejecting needs a reason (--reason TEXT)"
    if status is ReviewStatus.APPROVED and four_eyes_applies(project, actor):
        last_editor = store_last_editor(store, paragraph.id)
        if last_editor == actor.name:
            return (
                f"{actor.name} edited this target last; "
                "another editor or publisher must approve it (four-eyes rule)"
            )
    return None


def store_last_editor(store: ProjectStore, paragraph_id: int) -> str | None:
    """Who last changed the target text by hand, from the paragraph's history."""
    return _review_store(store).last_text_editor(paragraph_id)


def save_target(
    project: Project,
    store: ProjectStore,
    paragraph_id: int,
    expected_version: int,
    text: str,
    actor: Actor,
    recheck_now: bool = True,
) -> Paragraph:
    """Save a person's target: status becomes `edited`, history records it, checks re-run.

    An unchanged text writes nothing. A stale `expected_version` raises ParagraphConflict
    carrying both texts (unless the stored text already equals ours). The TUI passes
    `recheck_now=False` and re-checks in a worker, so typing never waits for the checks.
    """
    if not can_edit(actor):
        raise ReviewRefused(f"{actor.name} may not edit: not listed in [roles] of translator.toml")
    current = store.paragraph(paragraph_id)
    if text == current.target_text:  # nothing to write, even if someone saved the same text
        return current
    saved = store.save_target(paragraph_id, expected_version, text, ReviewStatus.EDITED, actor.name)
    if recheck_now:
        recheck(project, store, paragraph_id)
    return saved


def change_status(
    project: Project,
    store: ProjectStore,
    paragraph_id: int,
    expected_version: int,
    status: ReviewStatus,
    actor: Actor,
    reason: str | None = None,
) -> Paragraph:
    """Move one paragraph to `status` if the rules allow it (ReviewRefused otherwise)."""
    paragraph = store.paragraph(paragraph_id)
    refusal = status_refusal(project, store, paragraph, status, actor, reason)
    if refusal is not None:
        raise ReviewRefused(refusal)
    note = reason.strip() if reason and reason.strip() else None
    return store.set_status(paragraph_id, expected_version, status, actor.name, note)


def approve(
    project: Project, store: ProjectStore, paragraph_id: int, expected_version: int, actor: Actor
) -> Paragraph:
    return change_status(
        project, store, paragraph_id, expected_version, ReviewStatus.APPROVED, actor
    )


def reject(
    project: Project,
    store: ProjectStore,
    paragraph_id: int,
    expected_version: int,
    actor: Actor,
    reason: str,
) -> Paragraph:
    return change_status(
        project, store, paragraph_id, expected_version, ReviewStatus.REJECTED, actor, reason
    )


def add_comment(store: ProjectStore, paragraph_id: int, actor: Actor, body: str) -> None:
    if not body.strip():
        raise ReviewRefused("a comment cannot be empty")
    store.add_comment(paragraph_id, actor.name, body.strip())


@dataclass(frozen=True, slots=True)
class BatchRefusal:
    paragraph: Paragraph
    reason: str


@dataclass(frozen=True, slots=True)
class BatchResult:
    changed: list[Paragraph]
    unchanged: int  # already in the requested status
    refused: list[BatchRefusal]


def set_status(
    project: Project,
    store: ProjectStore,
    paragraphs: Sequence[Paragraph],
    status: ReviewStatus,
    actor: Actor,
    reason: str | None = None,
) -> BatchResult:
    """Set many paragraphs' status all or nothing: if the rules refuse any, none changes.

    Paragraphs already in `status` are left alone (not a refusal); every change is one
    history event, written in a single transaction.
    """
    to_change: list[StatusChange] = []
    refused: list[BatchRefusal] = []
    unchanged = 0
    note = reason.strip() if reason and reason.strip() else None
    for paragraph in paragraphs:
        if paragraph.status is status and role_refusal(status, actor) is None:
            unchanged += 1  # nothing to do; someone without the role is refused below
            continue
        refusal = status_refusal(project, store, paragraph, status, actor, reason)
        if refusal is not None:
            refused.append(BatchRefusal(paragraph, refusal))
        else:
            to_change.append(StatusChange(paragraph.id, paragraph.version, status, note))
    if refused:
        return BatchResult([], unchanged, refused)
    changed = _review_store(store).set_statuses(to_change, actor.name) if to_change else []
    return BatchResult(changed, unchanged, [])


# Which statuses "next needing work" stops at: translators fix new, raw and sent-back
# targets; reviewers also look at edited ones waiting for approval.
TRANSLATOR_WORK = (ReviewStatus.NEW, ReviewStatus.MACHINE, ReviewStatus.REJECTED)
REVIEWER_WORK = (*TRANSLATOR_WORK, ReviewStatus.EDITED)


def work_statuses(actor: Actor) -> tuple[ReviewStatus, ...]:
    return REVIEWER_WORK if can_approve(actor) else TRANSLATOR_WORK


def next_needing_work(
    store: ProjectStore,
    document_id: int,
    position: int,
    actor: Actor,
    backwards: bool = False,
) -> Paragraph | None:
    """The nearest paragraph after (or before) `position` that still needs this actor's work."""
    return _review_store(store).next_paragraph_with_status(
        document_id, position, work_statuses(actor), backwards
    )


def paragraph_summaries(store: ProjectStore, document_id: int) -> list[ParagraphSummary]:
    return _review_store(store).paragraph_summaries(document_id)


def find_document(store: ProjectStore, name: str) -> Document:
    document = store.find_document(name)
    if document is None:
        raise DocumentNotFound(f"no document named '{name}' in this project")
    return document


def recheck(project: Project, store: ProjectStore, paragraph_id: int) -> None:
    """Re-run the paragraph checks after a save, so its findings follow the new text."""
    # Imported here: services.checks imports this module back (resolve_name writes statuses),
    # and `set-status` should not load the check machinery.
    from translator.services.checks import recheck_paragraph

    recheck_paragraph(project, store, paragraph_id)


def _review_store(store: ProjectStore) -> ReviewQueries:
    """The review queries of the store (SqliteStore mixes them in; ProjectStore lacks them)."""
    if not isinstance(store, ReviewQueries):
        raise TranslatorError("this project store does not support review queries")
    return store


def resolve_conflict(
    project: Project,
    store: ProjectStore,
    conflict: ParagraphConflict,
    chosen_text: str,
    actor: Actor,
    recheck_now: bool = True,
) -> Paragraph:
    """Save the text the user chose (theirs, mine or a merge) over the version they saw
    in the conflict; another concurrent change raises a fresh ParagraphConflict."""
    return save_target(
        project,
        store,
        conflict.paragraph_id,
        conflict.stored_version,
        chosen_text,
        actor,
        recheck_now,
    )


def search_paragraphs(store: ProjectStore, document_id: int, query: str) -> set[int]:
    """Ids of the paragraphs whose source or target contains `query` (any letter case)."""
    needle = query.casefold().strip()
    if not needle:
        return set()
    return {
        paragraph.id
        for paragraph in store.paragraphs(document_id)
        if needle in paragraph.source_text.casefold() or needle in paragraph.target_text.casefold()
    }
