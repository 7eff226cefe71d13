"""SQL for stored check findings (issue 5)."""

from __future__ import annotations

from translator.store.queries import SqliteQueries


class CheckQueries(SqliteQueries):
    """Queries for stored check findings; mixed into SqliteStore."""
