"""SQL for machine-translation cache and MT results (issue 3)."""

from __future__ import annotations

from translator.store.queries import SqliteQueries


class MtQueries(SqliteQueries):
    """Queries for machine-translation cache and MT results; mixed into SqliteStore."""
