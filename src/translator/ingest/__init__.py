"""Turning source files into paragraphs (the unit of review) and sentences (the unit of MT)."""

from translator.ingest.document import ParsedDocument, parse_source
from translator.ingest.reading import SourceFile, read_source

__all__ = ["ParsedDocument", "SourceFile", "parse_source", "read_source"]
