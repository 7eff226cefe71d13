"""Messages workers post to the UI thread; only their handlers touch widgets."""

from __future__ import annotations

from collections.abc import Sequence

from textual.message import Message

from translator.services.workbench import ResolutionPreview, TermHint


class WorkFinished(Message):
    """A long job (MT run, full checks) ended; `summary` is one line for the user."""

    def __init__(self, title: str, summary: str) -> None:
        super().__init__()
        self.title = title
        self.summary = summary


class WorkFailed(Message):
    """A long job stopped with an error the user can act on."""

    def __init__(self, title: str, error: str) -> None:
        super().__init__()
        self.title = title
        self.error = error


class Rechecked(Message):
    """A background re-check of one saved paragraph finished; findings may have changed."""

    def __init__(self, paragraph_id: int) -> None:
        super().__init__()
        self.paragraph_id = paragraph_id


class ResolutionPreviewed(Message):
    """A worker computed how the targets would read with `canonical` for one name cluster."""

    def __init__(
        self, finding_id: int, canonical: str, previews: Sequence[ResolutionPreview]
    ) -> None:
        super().__init__()
        self.finding_id = finding_id
        self.canonical = canonical
        self.previews = previews


class ResolutionApplied(Message):
    """A worker rewrote a name cluster's targets to the canonical spelling."""

    def __init__(self, finding_id: int, summary: str) -> None:
        super().__init__()
        self.finding_id = finding_id
        self.summary = summary


class ResolutionFailed(Message):
    """Previewing or applying a canonical spelling stopped with an error for the user."""

    def __init__(self, title: str, error: str) -> None:
        super().__init__()
        self.title = title
        self.error = error


class GlossaryListed(Message):
    """A worker searched the glossary for `query` and found `entries`."""

    def __init__(self, query: str, entries: Sequence[TermHint]) -> None:
        super().__init__()
        self.query = query
        self.entries = entries
