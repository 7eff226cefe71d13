"""Messages workers post to the UI thread; only their handlers touch widgets."""

from __future__ import annotations

from textual.message import Message


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


class ParagraphSaved(Message):
    """A target or status was written; screens showing the document refresh their counts."""

    def __init__(self, paragraph_id: int) -> None:
        super().__init__()
        self.paragraph_id = paragraph_id


class Rechecked(Message):
    """A background re-check of one saved paragraph finished; findings may have changed."""

    def __init__(self, paragraph_id: int) -> None:
        super().__init__()
        self.paragraph_id = paragraph_id
