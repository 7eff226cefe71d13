"""The storage contract services depend on; a PostgreSQL back end implements the same class."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from translator.core.models import (
    Comment,
    Document,
    HistoryEvent,
    Paragraph,
    ReviewStatus,
    Sentence,
    StatusCounts,
)


@dataclass(frozen=True, slots=True)
class NewParagraph:
    """A paragraph to store; `duplicate_of` is the position of the paragraph it repeats."""

    source_text: str
    sentences: Sequence[str]
    duplicate_of: int | None = None


@dataclass(frozen=True, slots=True)
class NewDocument:
    name: str
    source_lang: str
    target_lang: str
    source_path: str
    sha256: str
    encoding: str
    imported_by: str
    paragraphs: Sequence[NewParagraph] = field(default_factory=tuple)


class ProjectStore(ABC):
    """Documents, paragraphs, sentences, history and comments of one project."""

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> ProjectStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @abstractmethod
    def schema_version(self) -> int: ...

    # documents
    @abstractmethod
    def add_documents(self, documents: Iterable[NewDocument]) -> list[Document]:
        """Store documents with their paragraphs and sentences in one transaction, all or none.

        `documents` may be a generator; if it raises, nothing it yielded is kept.
        """

    @abstractmethod
    def documents(self) -> list[Document]: ...

    @abstractmethod
    def find_document(self, name: str) -> Document | None: ...

    @abstractmethod
    def find_document_by_sha256(self, sha256: str) -> Document | None:
        """A document imported from a file with exactly these bytes, if any."""

    # paragraphs and sentences
    @abstractmethod
    def paragraphs(self, document_id: int) -> list[Paragraph]: ...

    @abstractmethod
    def paragraph(self, paragraph_id: int) -> Paragraph: ...

    @abstractmethod
    def sentences(self, paragraph_id: int) -> list[Sentence]: ...

    @abstractmethod
    def status_counts(self, document_id: int | None = None) -> StatusCounts: ...

    @abstractmethod
    def status_counts_by_document(self) -> dict[int, StatusCounts]: ...

    # review
    @abstractmethod
    def save_target(
        self,
        paragraph_id: int,
        expected_version: int,
        target_text: str,
        status: ReviewStatus,
        actor: str,
        action: str = "edit",
        note: str | None = None,
    ) -> Paragraph:
        """Write a target if the stored version is `expected_version`, else ParagraphConflict."""

    @abstractmethod
    def set_status(
        self,
        paragraph_id: int,
        expected_version: int,
        status: ReviewStatus,
        actor: str,
        note: str | None = None,
    ) -> Paragraph: ...

    @abstractmethod
    def history(self, paragraph_id: int) -> list[HistoryEvent]: ...

    @abstractmethod
    def add_comment(self, paragraph_id: int, author: str, body: str) -> Comment: ...

    @abstractmethod
    def comments(self, paragraph_id: int) -> list[Comment]: ...
