"""SQL for review policy and history queries (issue 6)."""

from __future__ import annotations

from translator.store.queries import SqliteQueries


class ReviewQueries(SqliteQueries):
    """Queries for review policy and history queries; mixed into SqliteStore."""
