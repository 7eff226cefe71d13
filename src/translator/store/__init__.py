"""Persistence. All SQL of the project lives in this package; callers use `ProjectStore`."""

from translator.store.base import NewDocument, NewParagraph, ProjectStore
from translator.store.sqlite import SqliteStore, open_store

__all__ = ["NewDocument", "NewParagraph", "ProjectStore", "SqliteStore", "open_store"]
