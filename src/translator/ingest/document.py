"""From a decoded source file to a document ready to store: language, paragraphs, sentences."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from translator.core.errors import TranslatorError
from translator.ingest.duplicates import find_duplicates
from translator.ingest.language import TARGET_OF, detect_language
from translator.ingest.paragraphs import split_paragraphs
from translator.ingest.reading import SourceFile
from translator.ingest.sentences import split_sentences
from translator.store.base import NewParagraph


@dataclass(frozen=True, slots=True)
class ParsedDocument:
    """What import stores; the decoded text itself is not kept (it may be megabytes)."""

    name: str
    path: Path
    sha256: str
    encoding: str
    source_lang: str
    target_lang: str
    paragraphs: tuple[NewParagraph, ...]

    @property
    def duplicate_count(self) -> int:
        return sum(1 for paragraph in self.paragraphs if paragraph.duplicate_of is not None)


def parse_source(source: SourceFile, lang: str = "auto") -> ParsedDocument:
    """Split into paragraphs and sentences; raise LanguageUnknown if the language is unclear.

    A file with no paragraphs of text (HTML that is all markup) is a TranslatorError, said
    before any doubt about its language.
    """
    texts = split_paragraphs(source.text, source.format)
    if not texts:
        raise TranslatorError("no paragraphs of text found")
    source_lang = detect_language(" ".join(texts)) if lang == "auto" else lang
    duplicates = find_duplicates(texts)
    paragraphs = tuple(
        NewParagraph(
            source_text=text,
            sentences=split_sentences(text, source_lang),
            duplicate_of=duplicate_of,
        )
        for text, duplicate_of in zip(texts, duplicates, strict=True)
    )
    return ParsedDocument(
        name=source.name,
        path=source.path,
        sha256=source.sha256,
        encoding=source.encoding,
        source_lang=source_lang,
        target_lang=TARGET_OF[source_lang],
        paragraphs=paragraphs,
    )
