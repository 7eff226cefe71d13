"""Source updates: re-import a changed text without losing the work that still applies.

`plan_update` aligns the stored paragraphs with the new version and decides each one's
fate; `apply_update` writes the plan in one transaction. A dry run is a plan not applied.
Policy (issue 8): unchanged and moved paragraphs keep target, status and history; an
edited, split or merged paragraph that holds human work keeps its target as a starting
point but becomes `rejected` (note "source changed"), so nothing approved stays approved
after its source changed; one that held only raw machine translation goes back to `new`
so the next `translator translate` redoes it (unchanged sentences keep their machine
translation and the MT cache). New paragraphs are `new`; removed ones are archived.

Two guards against updating a document with the wrong file (issue 8 review): the new text
must be in the document's source language (`update_language_problem`), and an update that
would archive more than half of the document's approved paragraphs needs `force`
(`UpdateSummary.needs_force`); the summary lists the approved paragraphs it archives.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, replace

from translator.core.errors import InputFileError, TranslatorError
from translator.core.models import Document, Paragraph, ReviewStatus
from translator.diffs import DiffChunk, DiffOp, word_diff
from translator.ingest import ParsedDocument
from translator.ingest.language import LanguageUnknown, detect_language
from translator.store import ProjectStore
from translator.store.update_queries import (
    ArchivedParagraph,
    RevisedParagraph,
    SourceRevision,
    UpdateQueries,
)
from translator.update.align import Alignment, ChangeKind, align_paragraphs

SOURCE_CHANGED = "source changed"
# How the parts of a merged paragraph are kept as its previous source (one per line).
PART_SEPARATOR = "\n"
# The same boundary as the summary shows it (one line per change).
SHOWN_SEPARATOR = " ¶ "


@dataclass(frozen=True, slots=True)
class SourceChange:
    """One step that changed something, with 0-based positions before and after."""

    kind: ChangeKind
    paragraph_ids: tuple[int, ...]  # stored paragraphs concerned (empty for new ones)
    old_positions: tuple[int, ...]
    new_positions: tuple[int, ...]
    old_text: str
    new_text: str
    chunks: tuple[DiffChunk, ...]


@dataclass(frozen=True, slots=True)
class LostApproval:
    """An approved paragraph whose source changed, so it needs review again."""

    paragraph_id: int
    old_position: int
    source_text: str  # the approved source, before the update


@dataclass(frozen=True, slots=True)
class UpdateSummary:
    document: str
    applied: bool  # False for a dry run
    counts: dict[ChangeKind, int]
    lost_approval: tuple[LostApproval, ...]
    changes: tuple[SourceChange, ...]  # every step but the unchanged ones, in new order
    removed_approved: tuple[LostApproval, ...] = ()  # approved paragraphs archived as removed
    approved_before: int = 0  # approved paragraphs of the document before the update

    @property
    def changed(self) -> bool:
        return any(count for kind, count in self.counts.items() if kind is not ChangeKind.UNCHANGED)

    @property
    def needs_force(self) -> bool:
        """More than half of the approved paragraphs would be archived: likely the wrong file."""
        return len(self.removed_approved) * 2 > self.approved_before > 0


def update_language_problem(
    document: Document, parsed: ParsedDocument, lang: str
) -> InputFileError | None:
    """Why the new text cannot update `document` for its language, or None when it can.

    The new text is parsed in the stored source language, so detection is redone here on
    its paragraphs: a text in the other language would otherwise archive every paragraph
    (approvals included) and come back as new ones. An explicit `--lang` naming the
    document's language overrides the detection (the caller refuses any other `--lang`).
    """
    if lang == document.source_lang:
        return None
    try:
        detected = detect_language(" ".join(p.source_text for p in parsed.paragraphs))
    except LanguageUnknown as unclear:
        return InputFileError(
            parsed.path,
            f"cannot update '{document.name}' ({document.source_lang}): {unclear}; nothing updated",
        )
    if detected == document.source_lang:
        return None
    return InputFileError(
        parsed.path,
        f"the text is in {detected}, document '{document.name}' is in "
        f"{document.source_lang}; nothing updated (pass --lang {document.source_lang} "
        "if the file is right)",
    )


@dataclass(frozen=True, slots=True)
class UpdatePlan:
    document: Document
    steps: tuple[Alignment, ...]
    revision: SourceRevision  # what the store will write
    summary: UpdateSummary  # as a dry run reports it


def _after_source_change(olds: Sequence[Paragraph]) -> tuple[str, ReviewStatus, str]:
    """Target, status and history note of a paragraph whose source changed."""
    if any(paragraph.status.is_human_work for paragraph in olds):
        target = " ".join(p.target_text for p in olds if p.target_text)
        return target, ReviewStatus.REJECTED, SOURCE_CHANGED
    if any(paragraph.status.has_target for paragraph in olds):
        return "", ReviewStatus.NEW, f"{SOURCE_CHANGED}: machine translation to be redone"
    return "", ReviewStatus.NEW, SOURCE_CHANGED


def plan_update(
    store: ProjectStore, document: Document, parsed: ParsedDocument, actor: str
) -> UpdatePlan:
    """Align the stored paragraphs with the new version and decide what becomes of each."""
    old = store.paragraphs(document.id)
    new = parsed.paragraphs
    removed_approved: list[LostApproval] = []
    steps = align_paragraphs([p.source_text for p in old], [p.source_text for p in new])
    revised: dict[int, RevisedParagraph] = {}
    archived: list[ArchivedParagraph] = []
    lost: list[LostApproval] = []
    changes: list[SourceChange] = []

    def revise(position: int) -> RevisedParagraph:
        """The new version's paragraph at `position`, as a new row until told otherwise."""
        paragraph = new[position]
        return RevisedParagraph(
            position, paragraph.source_text, paragraph.sentences, paragraph.duplicate_of
        )

    for step in steps:
        olds = [old[index] for index in step.old]
        if step.kind in (ChangeKind.UNCHANGED, ChangeKind.MOVED):
            note = None
            if step.kind is ChangeKind.MOVED:
                note = f"moved from position {step.old[0] + 1} to {step.new[0] + 1}"
            revised[step.new[0]] = replace(
                revise(step.new[0]), paragraph_id=olds[0].id, rewrite=False, note=note
            )
        elif step.kind is ChangeKind.NEW:
            revised[step.new[0]] = replace(revise(step.new[0]), note="new paragraph")
        elif step.kind is ChangeKind.REMOVED:
            archived.append(
                ArchivedParagraph(olds[0].id, "removed from the source", olds[0].version)
            )
            if olds[0].status is ReviewStatus.APPROVED:
                removed_approved.append(
                    LostApproval(olds[0].id, olds[0].position, olds[0].source_text)
                )
        else:  # edited, split or merged: the first old paragraph carries on
            first = olds[0]
            target, status, note = _after_source_change(olds)
            if step.kind is ChangeKind.SPLIT:
                note += ": split in two"
            elif step.kind is ChangeKind.MERGED:
                note += ": merged with the next paragraph"
            reuse = tuple(p.id for p in olds)
            revised[step.new[0]] = replace(
                revise(step.new[0]),
                paragraph_id=first.id,
                expected_version=first.version,
                target_text=target,
                status=status,
                previous_source=PART_SEPARATOR.join(p.source_text for p in olds),
                reuse_sentences_of=reuse,
                note=note,
            )
            for position in step.new[1:]:
                revised[position] = replace(
                    revise(position), reuse_sentences_of=reuse, note=f"split from {first.id}"
                )
            for merged in olds[1:]:
                archived.append(
                    ArchivedParagraph(
                        merged.id,
                        f"removed from the source: merged into {first.id}",
                        merged.version,
                    )
                )
            lost += [
                LostApproval(p.id, p.position, p.source_text)
                for p in olds
                if p.status is ReviewStatus.APPROVED
            ]
        if step.kind is not ChangeKind.UNCHANGED:
            changes.append(_describe(step, olds, [new[i].source_text for i in step.new]))
    revision = SourceRevision(
        document_id=document.id,
        expected_revision=document.revision,
        sha256=parsed.sha256,
        source_path=str(parsed.path.resolve()),
        encoding=parsed.encoding,
        actor=actor,
        paragraphs=[revised[position] for position in range(len(new))],
        archived=archived,
    )
    counts = Counter(step.kind for step in steps)
    summary = UpdateSummary(
        document=document.name,
        applied=False,
        counts={kind: counts.get(kind, 0) for kind in ChangeKind},
        lost_approval=tuple(lost),
        changes=tuple(changes),
        removed_approved=tuple(removed_approved),
        approved_before=sum(1 for p in old if p.status is ReviewStatus.APPROVED),
    )
    return UpdatePlan(document, tuple(steps), revision, summary)


def _describe(step: Alignment, olds: Sequence[Paragraph], new_texts: list[str]) -> SourceChange:
    old_text = SHOWN_SEPARATOR.join(p.source_text for p in olds)
    new_text = SHOWN_SEPARATOR.join(new_texts)
    if step.kind is ChangeKind.MOVED:
        chunks: tuple[DiffChunk, ...] = (DiffChunk(DiffOp.EQUAL, new_text),)
    elif not olds:
        chunks = (DiffChunk(DiffOp.INSERT, new_text),)
    elif not new_texts:
        chunks = (DiffChunk(DiffOp.DELETE, old_text),)
    else:
        chunks = word_diff(old_text, new_text, timeout=0.5)
    return SourceChange(
        kind=step.kind,
        paragraph_ids=tuple(p.id for p in olds),
        old_positions=tuple(p.position for p in olds),
        new_positions=step.new,
        old_text=old_text,
        new_text=new_text,
        chunks=chunks,
    )


def _update_queries(store: ProjectStore) -> UpdateQueries:
    if not isinstance(store, UpdateQueries):
        raise TranslatorError(f"{type(store).__name__} cannot apply source updates")
    return store


def import_transaction(store: ProjectStore) -> AbstractContextManager[sqlite3.Connection]:
    """One transaction around a whole import: new documents and updates commit together.

    The store's writes inside it (add_documents, apply_update) nest as savepoints.
    """
    return _update_queries(store).transaction()


def apply_update(store: ProjectStore, plan: UpdatePlan) -> UpdateSummary:
    """Write the plan in one transaction; StaleUpdatePlan if the document changed meanwhile."""
    _update_queries(store).apply_source_revision(plan.revision)
    return replace(plan.summary, applied=True)


def force_problem(parsed: ParsedDocument, summary: UpdateSummary) -> InputFileError:
    """The refusal of an update that would archive most of the approved work."""
    return InputFileError(
        parsed.path,
        f"would archive {len(summary.removed_approved)} of the {summary.approved_before} "
        f"approved paragraphs of '{summary.document}' (is it the right file?); nothing "
        "updated: check with --dry-run, then pass --force",
    )


def archived_paragraphs(store: ProjectStore, document: Document) -> list[Paragraph]:
    """Paragraphs updates removed from the document, with their history still stored."""
    return _update_queries(store).archived_paragraphs(document.id)
