"""SQL for source updates (archived paragraphs, old sources) (issue 8)."""

from __future__ import annotations

from translator.store.queries import SqliteQueries


class UpdateQueries(SqliteQueries):
    """Queries for source updates (archived paragraphs, old sources); mixed into SqliteStore."""
