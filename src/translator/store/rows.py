"""Row <-> dataclass conversion and timestamps shared by every query module."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from typing import Any

from translator.core.models import Document, Paragraph, ReviewStatus

_PARAGRAPH_COLUMNS = (
    "id, document_id, position, source_text, target_text, status, version, duplicate_of, "
    "updated_by, updated_at, previous_source, archived_at, archived_by"
)
_DOCUMENT_COLUMNS = (
    "id, name, source_lang, target_lang, source_path, sha256, encoding, imported_at, "
    "imported_by, revision"
)
# Normal queries see only paragraphs still in the source; archived ones keep their history.
LIVE_PARAGRAPH = "archived_at IS NULL"


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def _paragraph(row: sqlite3.Row | tuple[Any, ...]) -> Paragraph:
    return Paragraph(
        id=row[0],
        document_id=row[1],
        position=row[2],
        source_text=row[3],
        target_text=row[4],
        status=ReviewStatus(row[5]),
        version=row[6],
        duplicate_of=row[7],
        updated_by=row[8],
        updated_at=row[9],
        previous_source=row[10] if len(row) > 10 else None,
        archived_at=row[11] if len(row) > 11 else None,
        archived_by=row[12] if len(row) > 12 else None,
    )


def _document(row: sqlite3.Row | tuple[Any, ...]) -> Document:
    return Document(*row)


def _status_or_none(value: str | None) -> ReviewStatus | None:
    return ReviewStatus(value) if value is not None else None
