"""What every exchange format shares: the unit an exporter writes and an importer reads back.

A unit is one paragraph. Its id, `d<document id>p<paragraph id>`, uses database keys that never
change for a paragraph: positions shift when a source is updated (issue 8 inserts and archives
paragraphs) and document names may hold characters XML ids cannot (XLIFF 2.0 ids are NMTOKENs),
so neither is part of the id; both are written beside it for people to read.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from translator.core.errors import TranslatorError
from translator.core.models import ReviewStatus

# Attributes of our own (XLIFF, TMX) live in this namespace so other tools ignore them.
TRANSLATOR_NS = "urn:x-translator:export:1"
UNIT_ID = re.compile(r"d(\d+)p(\d+)")

PLURAL_FORMS = {
    "ru": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
    "(n%100<10 || n%100>=20) ? 1 : 2);",
    "en": "nplurals=2; plural=(n != 1);",
}


class FormatError(TranslatorError):
    """A file to import cannot be read or belongs elsewhere; the message names the file."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        shown = str(path).replace("\r", "\\r").replace("\n", "\\n")
        super().__init__(f"{shown}: {reason}")


def unit_id(document_id: int, paragraph_id: int) -> str:
    return f"d{document_id}p{paragraph_id}"


def parse_unit_id(value: str) -> tuple[int, int] | None:
    """(document id, paragraph id) of an id we wrote, None for anything else."""
    match = UNIT_ID.fullmatch(value.strip())
    return (int(match.group(1)), int(match.group(2))) if match else None


@dataclass(frozen=True, slots=True)
class ExportUnit:
    """One paragraph as exporters see it: texts, review state and the people around it."""

    id: str
    document_name: str
    position: int  # 1-based, as people count paragraphs
    source: str
    target: str
    status: ReviewStatus
    version: int
    source_sentences: tuple[str, ...] = ()
    target_sentences: tuple[str, ...] | None = None  # split ahead (in bulk) when known
    reviewer: str | None = None  # who approved the current target, from history
    notes: tuple[str, ...] = ()  # comments, "author: text"
    history: tuple[str, ...] = ()  # one line per event, oldest first

    @property
    def approved(self) -> bool:
        return self.status is ReviewStatus.APPROVED

    @property
    def marker(self) -> str:
        """The visible warning put on a paragraph exported before approval ("" if approved)."""
        return "" if self.approved else f"[NOT APPROVED: {self.status.value}]"

    @property
    def reference(self) -> str:
        """Where a person finds the paragraph: document name and position."""
        return f"{self.document_name}#{self.position}"


@dataclass(frozen=True, slots=True)
class ExportDocument:
    id: int
    name: str
    source_lang: str
    target_lang: str
    units: Sequence[ExportUnit]


@dataclass(frozen=True, slots=True)
class ExportMeta:
    """What a file says about where it comes from, so an import can tell a foreign file."""

    project: str
    tool_version: str
    created_at: str
    language_tags: dict[str, str] = field(default_factory=dict)  # "ru" -> "ru-RU" (TMX)

    def tag(self, lang: str) -> str:
        return self.language_tags.get(lang, lang)


class Exporter(ABC):
    """Writes documents to one file; per-document formats are called once per document."""

    format_name: str
    extension: str
    one_file_per_document: bool = False
    approved_only: bool = False  # formats that must never carry unreviewed text (TMX)
    one_language_pair: bool = False  # the file format has one language pair per file
    segments_targets: bool = False  # writes target sentences: the caller may split them ahead

    @abstractmethod
    def write(self, documents: Sequence[ExportDocument], path: Path, meta: ExportMeta) -> None:
        """Write `documents` to `path` (a temporary file the caller renames into place)."""


@dataclass(frozen=True, slots=True)
class ImportedUnit:
    """A unit read back from a file: its id, the source it was made from and the new target."""

    id: str
    source: str
    target: str
    source_lang: str
    target_lang: str
    version: int | None = None  # the paragraph version at export time, when the file kept it


@dataclass(frozen=True, slots=True)
class ImportedFile:
    project: str | None
    units: Sequence[ImportedUnit]


class Importer(ABC):
    format_name: str

    @abstractmethod
    def read(self, path: Path) -> ImportedFile:
        """Parse `path`; FormatError (naming the file) when it is not a valid file of ours."""

    def as_written(self, text: str) -> str:
        """`text` as an export in this format holds it (an XML format cannot hold most
        control characters: see `xml_text`), to compare a file's text with the project's."""
        return text


def split_pieces(text: str, sentences: Sequence[str]) -> list[str] | None:
    """Cut `text` into one piece per sentence, each keeping the space after it.

    The pieces join back to exactly `text`, so segmented formats lose nothing; None when
    the sentences cannot be found in order (the caller then writes one segment).
    """
    if len(sentences) < 2:
        return None
    starts: list[int] = []
    cursor = 0
    for sentence in sentences:
        found = text.find(sentence, cursor) if sentence else -1
        if found < 0 or text[cursor:found].strip():
            return None
        starts.append(found)
        cursor = found + len(sentence)
    if text[cursor:].strip():
        return None
    starts[0] = 0
    bounds = [*starts[1:], len(text)]
    return [text[start:end] for start, end in zip(starts, bounds, strict=True)]


def target_pieces(unit: ExportUnit, target_lang: str) -> tuple[list[str], list[str]] | None:
    """Source and target pieces when the target splits into as many sentences as the source."""
    source = split_pieces(unit.source, unit.source_sentences)
    if source is None or not unit.target:
        return None
    sentences = unit.target_sentences
    if sentences is None:
        from translator.ingest.sentences import split_sentences  # razdel: only when segmenting

        sentences = split_sentences(unit.target, target_lang)
    target = split_pieces(unit.target, sentences)
    if target is None or len(target) != len(source):
        return None
    return source, target


_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(text: str) -> str:
    """Text XML 1.0 can carry: control characters it forbids become U+FFFD."""
    return _XML_INVALID.sub("\ufffd", text) if _XML_INVALID.search(text) else text
