"""SQL for publishing (issue 7): bulk reads for exports and the one-transaction import back."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from translator.core.errors import ParagraphConflict, TranslatorError
from translator.core.models import Comment, HistoryEvent, Paragraph, ReviewStatus
from translator.store.queries import SqliteQueries
from translator.store.rows import _PARAGRAPH_COLUMNS, _paragraph, _status_or_none, utc_now


@dataclass(slots=True)
class ParagraphExtras:
    """What an export shows besides the texts: sentences, history and comments."""

    sentences: list[str] = field(default_factory=list)
    history: list[HistoryEvent] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class TargetEdit:
    """One imported target, to be written only if the paragraph is still at `expected_version`."""

    paragraph_id: int
    expected_version: int
    target_text: str


class ExportQueries(SqliteQueries):
    """Queries for exports and imports of translations; mixed into SqliteStore."""

    def paragraph_extras(self, document_id: int) -> dict[int, ParagraphExtras]:
        """Sentences, history and comments of a whole document in three queries, not 3 per row.

        Keyed by paragraph id; callers pick the paragraphs they export (archived ones included
        here are simply never asked for).
        """
        extras: dict[int, ParagraphExtras] = {}
        rows = self._db.execute(
            "SELECT s.paragraph_id, s.source_text FROM sentences s "
            "JOIN paragraphs p ON p.id = s.paragraph_id "
            "WHERE p.document_id = ? ORDER BY s.paragraph_id, s.position",
            (document_id,),
        )
        for paragraph_id, text in rows:
            extras.setdefault(paragraph_id, ParagraphExtras()).sentences.append(text)
        rows = self._db.execute(
            "SELECT h.id, h.paragraph_id, h.actor, h.action, h.old_status, h.new_status, "
            "h.old_target, h.new_target, h.note, h.created_at FROM history h "
            "JOIN paragraphs p ON p.id = h.paragraph_id "
            "WHERE p.document_id = ? ORDER BY h.paragraph_id, h.id",
            (document_id,),
        )
        # A dict lookup, not ReviewStatus(value) per row: exports read every history row.
        statuses: dict[str | None, ReviewStatus | None] = {None: None}
        statuses.update({status.value: status for status in ReviewStatus})
        for row in rows:
            event = HistoryEvent(
                id=row[0],
                paragraph_id=row[1],
                actor=row[2],
                action=row[3],
                old_status=statuses[row[4]] if row[4] in statuses else _status_or_none(row[4]),
                new_status=statuses[row[5]] if row[5] in statuses else _status_or_none(row[5]),
                old_target=row[6],
                new_target=row[7],
                note=row[8],
                created_at=row[9],
            )
            extras.setdefault(event.paragraph_id, ParagraphExtras()).history.append(event)
        rows = self._db.execute(
            "SELECT c.id, c.paragraph_id, c.author, c.body, c.created_at FROM comments c "
            "JOIN paragraphs p ON p.id = c.paragraph_id "
            "WHERE p.document_id = ? ORDER BY c.paragraph_id, c.id",
            (document_id,),
        )
        for row in rows:
            comment = Comment(*row)
            extras.setdefault(comment.paragraph_id, ParagraphExtras()).comments.append(comment)
        return extras

    def apply_imported_targets(
        self, edits: Sequence[TargetEdit], actor: str, note: str | None = None
    ) -> list[Paragraph]:
        """Write every edit as `edited` with an "import" history row, all or none.

        Each paragraph must still be at the version the caller read; otherwise the whole
        import rolls back with ParagraphConflict (someone saved meanwhile).
        """
        now = utc_now()
        written: list[Paragraph] = []
        with self.transaction() as db:
            for edit in edits:
                row = db.execute(
                    f"SELECT {_PARAGRAPH_COLUMNS} FROM paragraphs WHERE id = ?",
                    (edit.paragraph_id,),
                ).fetchone()
                if row is None:
                    raise TranslatorError(f"no paragraph with id {edit.paragraph_id}")
                current = _paragraph(row)
                if current.version != edit.expected_version:
                    raise ParagraphConflict(
                        paragraph_id=current.id,
                        expected_version=edit.expected_version,
                        stored_version=current.version,
                        stored_target=current.target_text,
                        attempted_target=edit.target_text,
                        stored_by=current.updated_by,
                    )
                db.execute(
                    "UPDATE paragraphs SET target_text = ?, status = ?, version = version + 1, "
                    "updated_by = ?, updated_at = ? WHERE id = ? AND version = ?",
                    (
                        edit.target_text,
                        ReviewStatus.EDITED.value,
                        actor,
                        now,
                        current.id,
                        edit.expected_version,
                    ),
                )
                db.execute(
                    "INSERT INTO history (paragraph_id, actor, action, old_status, new_status, "
                    "old_target, new_target, note, created_at) "
                    "VALUES (?, ?, 'import', ?, ?, ?, ?, ?, ?)",
                    (
                        current.id,
                        actor,
                        current.status.value,
                        ReviewStatus.EDITED.value,
                        current.target_text,
                        edit.target_text,
                        note,
                        now,
                    ),
                )
                row = db.execute(
                    f"SELECT {_PARAGRAPH_COLUMNS} FROM paragraphs WHERE id = ?", (current.id,)
                ).fetchone()
                written.append(_paragraph(row))
        return written
