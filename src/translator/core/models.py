"""Domain records. Frozen dataclasses: the store returns them, services pass them around."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class ReviewStatus(StrEnum):
    """Where a paragraph stands in review, ordered from least to most done."""

    NEW = "new"  # no target yet
    MACHINE = "machine"  # target is raw machine translation
    EDITED = "edited"  # a person changed the target
    APPROVED = "approved"  # signed off by an editor or publisher
    REJECTED = "rejected"  # sent back for rework

    @property
    def has_target(self) -> bool:
        return self is not ReviewStatus.NEW

    @property
    def is_human_work(self) -> bool:
        """Targets machine translation must never overwrite."""
        return self in (ReviewStatus.EDITED, ReviewStatus.APPROVED, ReviewStatus.REJECTED)


# Which status changes are allowed, from -> to. Saving text moves to EDITED (or MACHINE for MT).
ALLOWED_TRANSITIONS: dict[ReviewStatus, frozenset[ReviewStatus]] = {
    ReviewStatus.NEW: frozenset({ReviewStatus.MACHINE, ReviewStatus.EDITED}),
    ReviewStatus.MACHINE: frozenset(
        {ReviewStatus.MACHINE, ReviewStatus.EDITED, ReviewStatus.APPROVED, ReviewStatus.REJECTED}
    ),
    ReviewStatus.EDITED: frozenset(
        {ReviewStatus.EDITED, ReviewStatus.APPROVED, ReviewStatus.REJECTED}
    ),
    ReviewStatus.APPROVED: frozenset({ReviewStatus.EDITED, ReviewStatus.REJECTED}),
    ReviewStatus.REJECTED: frozenset(
        {ReviewStatus.EDITED, ReviewStatus.APPROVED, ReviewStatus.MACHINE}
    ),
}


def can_transition(old: ReviewStatus, new: ReviewStatus) -> bool:
    return new in ALLOWED_TRANSITIONS[old]


@dataclass(frozen=True, slots=True)
class Document:
    id: int
    name: str
    source_lang: str
    target_lang: str
    source_path: str
    sha256: str
    encoding: str
    imported_at: str
    imported_by: str
    revision: int = 1  # bumped by every source update that changed the paragraphs


@dataclass(frozen=True, slots=True)
class Sentence:
    id: int
    paragraph_id: int
    position: int
    source_text: str
    machine_translation: str | None


@dataclass(frozen=True, slots=True)
class Paragraph:
    id: int
    document_id: int
    position: int
    source_text: str
    target_text: str
    status: ReviewStatus
    version: int
    duplicate_of: int | None
    updated_by: str | None
    updated_at: str | None
    # Source updates: the source before the last change (for the review diff), and when a
    # paragraph removed from the source was archived (kept with its history, never exported).
    previous_source: str | None = None
    archived_at: str | None = None
    archived_by: str | None = None

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None


@dataclass(frozen=True, slots=True)
class HistoryEvent:
    id: int
    paragraph_id: int
    actor: str
    action: str
    old_status: ReviewStatus | None
    new_status: ReviewStatus | None
    old_target: str | None
    new_target: str | None
    note: str | None
    created_at: str


@dataclass(frozen=True, slots=True)
class Comment:
    id: int
    paragraph_id: int
    author: str
    body: str
    created_at: str


@dataclass(slots=True)
class StatusCounts:
    """Paragraph counts per review status, with every status present (zero when absent)."""

    counts: dict[ReviewStatus, int] = field(default_factory=lambda: dict.fromkeys(ReviewStatus, 0))

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def add(self, status: ReviewStatus, count: int) -> None:
        self.counts[status] += count

    def as_dict(self) -> dict[str, int]:
        return {status.value: self.counts[status] for status in ReviewStatus}
