"""gettext PO through polib (the only module that imports it): one entry per paragraph.

msgctxt holds the unit id, so two paragraphs with the same source stay apart; unapproved
entries are `fuzzy`, which every PO editor shows and msgfmt leaves out of compiled catalogs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import polib

from translator.formats.base import (
    PLURAL_FORMS,
    ExportDocument,
    Exporter,
    ExportMeta,
    ExportUnit,
    FormatError,
    ImportedFile,
    ImportedUnit,
    Importer,
)

__all__ = ["PoExporter", "PoImporter"]

PROJECT_HEADER = "X-Translator-Project"
SOURCE_HEADER = "X-Source-Language"  # Poedit's name for it
_VERSION_LINE = re.compile(r"^translator-version: (\d+)$", re.MULTILINE)


def _comment_text(text: str) -> str:
    """Comments are line-based; a note's own line breaks become spaces."""
    return " ".join(text.split())


def _entry(unit: ExportUnit) -> polib.POEntry:
    extracted = [
        f"{unit.reference}",
        f"status: {unit.status.value}",
        f"translator-version: {unit.version}",
    ]
    if unit.reviewer:
        extracted.append(f"reviewer: {unit.reviewer}")
    translator = [*(f"history: {_comment_text(line)}" for line in unit.history)]
    translator += [f"comment: {_comment_text(note)}" for note in unit.notes]
    if not unit.approved:
        translator.insert(0, unit.marker)
    entry = polib.POEntry(
        msgctxt=unit.id,
        msgid=unit.source,
        msgstr=unit.target,
        comment="\n".join(extracted),
        tcomment="\n".join(translator),
    )
    if not unit.approved and unit.target:
        entry.flags.append("fuzzy")
    return entry


class PoExporter(Exporter):
    format_name = "po"
    extension = ".po"
    one_language_pair = True

    def write(self, documents: Sequence[ExportDocument], path: Path, meta: ExportMeta) -> None:
        pairs = {(doc.source_lang, doc.target_lang) for doc in documents}
        if len(pairs) != 1:
            raise FormatError(path, "a PO file holds one language pair; export each with --doc")
        source_lang, target_lang = pairs.pop()
        catalog = polib.POFile(wrapwidth=0)  # no wrapping: faster and diff-friendly
        catalog.metadata = {
            "Project-Id-Version": f"{meta.project} {meta.tool_version}",
            "POT-Creation-Date": meta.created_at,
            "PO-Revision-Date": meta.created_at,
            "Last-Translator": f"{meta.project} <>",
            "Language-Team": f"{meta.project} <>",
            "Language": target_lang,
            "MIME-Version": "1.0",
            "Content-Type": "text/plain; charset=UTF-8",
            "Content-Transfer-Encoding": "8bit",
            "Plural-Forms": PLURAL_FORMS[target_lang],
            SOURCE_HEADER: source_lang,
            PROJECT_HEADER: meta.project,
            "X-Generator": f"translator {meta.tool_version}",
        }
        for document in documents:
            catalog.extend(_entry(unit) for unit in document.units)
        catalog.save(str(path))


class PoImporter(Importer):
    format_name = "po"

    def read(self, path: Path) -> ImportedFile:
        try:
            catalog = polib.pofile(str(path), wrapwidth=0)
        except (OSError, ValueError, UnicodeDecodeError) as error:
            raise FormatError(path, f"not a readable PO file ({error})") from error
        source_lang = catalog.metadata.get(SOURCE_HEADER, "")
        target_lang = catalog.metadata.get("Language", "")
        units = []
        for entry in catalog:
            if entry.obsolete or not entry.msgctxt:
                continue
            version = _VERSION_LINE.search(entry.comment or "")
            units.append(
                ImportedUnit(
                    id=entry.msgctxt,
                    source=entry.msgid,
                    target=entry.msgstr,
                    source_lang=source_lang,
                    target_lang=target_lang,
                    version=int(version.group(1)) if version else None,
                )
            )
        return ImportedFile(project=catalog.metadata.get(PROJECT_HEADER), units=units)
