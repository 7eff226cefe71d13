"""Versioned schema: migration N takes a database from version N-1 to N (see migrations/)."""

from __future__ import annotations

from translator.store.migrations import MIGRATIONS

LATEST_VERSION = len(MIGRATIONS)

__all__ = ["LATEST_VERSION", "MIGRATIONS"]
