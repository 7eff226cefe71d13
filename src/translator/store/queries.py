"""Base of the per-area query mixins that make up `SqliteStore` (all SQL stays in store/)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TypeVar

CHUNK = 500  # host parameters per statement, well under SQLite's limit
_Item = TypeVar("_Item")


def chunks(items: Sequence[_Item]) -> Iterator[Sequence[_Item]]:
    """`items` in slices of at most CHUNK, for `IN (?, ...)` lists."""
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


class SqliteQueries:
    """What a query mixin may use: the connection (reads) and `transaction()` (writes)."""

    path: Path
    _db: sqlite3.Connection

    def transaction(self) -> AbstractContextManager[sqlite3.Connection]:
        raise NotImplementedError
