"""Plain domain data: documents, paragraphs, review statuses and errors. No I/O here."""

from translator.core.errors import (
    InputFileError,
    ParagraphConflict,
    ProjectNotFound,
    TranslatorError,
)
from translator.core.models import (
    Comment,
    Document,
    HistoryEvent,
    Paragraph,
    ReviewStatus,
    Sentence,
    StatusCounts,
)

__all__ = [
    "Comment",
    "Document",
    "HistoryEvent",
    "InputFileError",
    "Paragraph",
    "ParagraphConflict",
    "ProjectNotFound",
    "ReviewStatus",
    "Sentence",
    "StatusCounts",
    "TranslatorError",
]
