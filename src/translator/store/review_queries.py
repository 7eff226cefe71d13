"""SQL for review policy and history queries (issue 6)."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from translator.core.errors import ParagraphConflict
from translator.core.models import Paragraph, ReviewStatus
from translator.store.queries import SqliteQueries
from translator.store.rows import _PARAGRAPH_COLUMNS, _paragraph, utc_now
from translator.store.update_queries import SOURCE_UPDATE_ACTION

# How much of a source text the paragraph list shows; the rest is loaded on selection.
SUMMARY_PREFIX_CHARS = 160


@dataclass(frozen=True, slots=True)
class ParagraphSummary:
    """One row of the review list: enough to draw it without loading every full text."""

    id: int
    position: int
    status: ReviewStatus
    source_start: str
    target_start: str


@dataclass(frozen=True, slots=True)
class StatusChange:
    """One paragraph of a batch status change, checked against `expected_version`."""

    paragraph_id: int
    expected_version: int
    status: ReviewStatus
    note: str | None = None


class ReviewQueries(SqliteQueries):
    """Queries for review policy and history queries; mixed into SqliteStore."""

    def paragraph_summaries(self, document_id: int) -> list[ParagraphSummary]:
        """Every paragraph of a document, text cut short: the review list's rows."""
        rows = self._db.execute(
            "SELECT id, position, status, substr(source_text, 1, ?), substr(target_text, 1, ?) "
            "FROM paragraphs WHERE document_id = ? AND archived_at IS NULL ORDER BY position",
            (SUMMARY_PREFIX_CHARS, SUMMARY_PREFIX_CHARS, document_id),
        )
        return [
            ParagraphSummary(row[0], row[1], ReviewStatus(row[2]), row[3], row[4]) for row in rows
        ]

    def next_paragraph_with_status(
        self,
        document_id: int,
        position: int,
        statuses: Collection[ReviewStatus],
        backwards: bool = False,
    ) -> Paragraph | None:
        """The nearest paragraph after (before) `position` in one of `statuses`, no wrap."""
        if not statuses:
            return None
        marks = ", ".join("?" for _ in statuses)
        compare, order = ("<", "DESC") if backwards else (">", "ASC")
        row = self._db.execute(
            f"SELECT {_PARAGRAPH_COLUMNS} FROM paragraphs WHERE document_id = ? "
            "AND archived_at IS NULL "
            f"AND position {compare} ? AND status IN ({marks}) ORDER BY position {order} LIMIT 1",
            (document_id, position, *(status.value for status in statuses)),
        ).fetchone()
        return _paragraph(row) if row else None

    def last_text_editor(self, paragraph_id: int) -> str | None:
        """Who last changed the target text by hand: machine-translation writes excluded, and
        source updates too (the importer carries targets over, joining a merged paragraph's,
        and writes none: counting it let the person who wrote them approve the result)."""
        row = self._db.execute(
            "SELECT actor FROM history WHERE paragraph_id = ? "
            "AND COALESCE(old_target, '') != COALESCE(new_target, '') "
            "AND COALESCE(new_status, '') != ? AND action != ? ORDER BY id DESC LIMIT 1",
            (paragraph_id, ReviewStatus.MACHINE.value, SOURCE_UPDATE_ACTION),
        ).fetchone()
        return str(row[0]) if row else None

    def set_statuses(self, changes: Sequence[StatusChange], actor: str) -> list[Paragraph]:
        """Apply every status change in one transaction, or none (ParagraphConflict)."""
        now = utc_now()
        with self.transaction() as db:
            for change in changes:
                row = db.execute(
                    "SELECT status, version, target_text, updated_by FROM paragraphs WHERE id = ?",
                    (change.paragraph_id,),
                ).fetchone()
                if row is None or row[1] != change.expected_version:
                    raise ParagraphConflict(
                        paragraph_id=change.paragraph_id,
                        expected_version=change.expected_version,
                        stored_version=row[1] if row else 0,
                        stored_target=row[2] if row else "",
                        attempted_target=row[2] if row else "",
                        stored_by=row[3] if row else None,
                    )
                db.execute(
                    "UPDATE paragraphs SET status = ?, version = version + 1, updated_by = ?, "
                    "updated_at = ? WHERE id = ?",
                    (change.status.value, actor, now, change.paragraph_id),
                )
                db.execute(
                    "INSERT INTO history (paragraph_id, actor, action, old_status, new_status, "
                    "old_target, new_target, note, created_at) "
                    "VALUES (?, ?, 'status', ?, ?, ?, ?, ?, ?)",
                    (
                        change.paragraph_id,
                        actor,
                        row[0],
                        change.status.value,
                        row[2],
                        row[2],
                        change.note,
                        now,
                    ),
                )
            ids = [change.paragraph_id for change in changes]
        return [self._paragraph_by_id(paragraph_id) for paragraph_id in ids]

    def _paragraph_by_id(self, paragraph_id: int) -> Paragraph:
        row = self._db.execute(
            f"SELECT {_PARAGRAPH_COLUMNS} FROM paragraphs WHERE id = ?", (paragraph_id,)
        ).fetchone()
        return _paragraph(row)
