"""Base of the per-area query mixins that make up `SqliteStore` (all SQL stays in store/)."""

from __future__ import annotations

import sqlite3
from contextlib import AbstractContextManager
from pathlib import Path


class SqliteQueries:
    """What a query mixin may use: the connection (reads) and `transaction()` (writes)."""

    path: Path
    _db: sqlite3.Connection

    def transaction(self) -> AbstractContextManager[sqlite3.Connection]:
        raise NotImplementedError
