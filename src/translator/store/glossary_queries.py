"""SQL for the project glossary (issue 4)."""

from __future__ import annotations

from translator.store.queries import SqliteQueries


class GlossaryQueries(SqliteQueries):
    """Queries for the project glossary; mixed into SqliteStore."""
