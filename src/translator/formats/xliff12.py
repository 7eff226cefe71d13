"""XLIFF 1.2: one `<file>` per document, one `trans-unit` per paragraph, sentences as `mrk`s.

Written as a stream, so memory does not grow with the project.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from translator.core.models import ReviewStatus
from translator.formats.base import (
    TRANSLATOR_NS,
    ExportDocument,
    Exporter,
    ExportMeta,
    ExportUnit,
    FormatError,
    ImportedFile,
    ImportedUnit,
    Importer,
    split_pieces,
    xml_text,
)
from translator.formats.safexml import localname, parse_untrusted, text_of
from translator.formats.xmlwrite import attributes, element, text

XLIFF12_NS = "urn:oasis:names:tc:xliff:document:1.2"
_X = f"{{{XLIFF12_NS}}}"
_T = f"{{{TRANSLATOR_NS}}}"

# Review status -> (state, state-qualifier); translate-toolkit's workflow levels in 1.2 terms.
STATES: dict[ReviewStatus, tuple[str, str | None]] = {
    ReviewStatus.NEW: ("new", None),
    ReviewStatus.MACHINE: ("needs-review-translation", "leveraged-mt"),
    ReviewStatus.EDITED: ("translated", None),
    ReviewStatus.APPROVED: ("signed-off", None),
    ReviewStatus.REJECTED: ("needs-translation", "rejected-inaccurate"),
}


def _segmented(pieces: Sequence[str]) -> str:
    """One `<mrk mtype="seg">` per sentence piece."""
    return "".join(
        element("mrk", text(piece), {"mtype": "seg", "mid": str(number)})
        for number, piece in enumerate(pieces, start=1)
    )


def _note(note: str, source: str) -> str:
    return element("note", text(note), {"from": source})


def trans_unit(unit: ExportUnit, target_lang: str) -> str:
    state, qualifier = STATES[unit.status]
    parts = [element("source", text(unit.source))]
    # Sentences are `mrk` segments of `seg-source`, from the stored segmentation. The target
    # stays whole, as XLIFF 1.2 allows: splitting every target again cost more CPU than
    # Translate Toolkit's whole po2xliff run (bench/export.py); XLIFF 2.0 carries them.
    source_pieces = split_pieces(unit.source, unit.source_sentences)
    if source_pieces:
        parts.append(element("seg-source", _segmented(source_pieces)))
    if unit.target or unit.status.has_target:
        target_attributes = {"state": state}
        if qualifier:
            target_attributes["state-qualifier"] = qualifier
        parts.append(element("target", text(unit.target), target_attributes))
    if not unit.approved:
        parts.append(_note(unit.marker, "translator"))
    if unit.reviewer:
        parts.append(_note(f"reviewer: {unit.reviewer}", "reviewer"))
    parts += [_note(f"history: {line}", "translator") for line in unit.history]
    parts += [_note(comment, "translator") for comment in unit.notes]
    unit_attributes = {
        "id": unit.id,
        "resname": unit.reference,
        "approved": "yes" if unit.approved else "no",
        "xml:space": "preserve",
        "tr:version": str(unit.version),
        "tr:status": unit.status.value,
    }
    return element("trans-unit", "".join(parts), unit_attributes) + "\n"


class Xliff12Exporter(Exporter):
    format_name = "xliff"
    extension = ".xlf"

    def write(self, documents: Sequence[ExportDocument], path: Path, meta: ExportMeta) -> None:
        root = {"xmlns": XLIFF12_NS, "xmlns:tr": TRANSLATOR_NS, "version": "1.2"}
        tool = {
            "tool-id": "translator",
            "tool-name": "translator",
            "tool-version": meta.tool_version,
        }
        with path.open("w", encoding="utf-8", newline="\n") as out:
            out.write(f'<?xml version="1.0" encoding="UTF-8"?>\n<xliff{attributes(root)}>\n')
            for document in documents:
                file_attributes = {
                    "original": document.name,
                    "source-language": document.source_lang,
                    "target-language": document.target_lang,
                    "datatype": "plaintext",
                    "tool-id": "translator",
                    "tr:project": meta.project,
                    "tr:document": str(document.id),
                }
                out.write(f"<file{attributes(file_attributes)}>\n")
                out.write(f"<header>{element('tool', '', tool)}</header>\n<body>\n")
                for unit in document.units:
                    out.write(trans_unit(unit, document.target_lang))
                out.write("</body>\n</file>\n")
            out.write("</xliff>\n")


class Xliff12Importer(Importer):
    format_name = "xliff"

    def as_written(self, text: str) -> str:
        return xml_text(text)

    def read(self, path: Path) -> ImportedFile:
        root = parse_untrusted(path)
        if localname(root) != "xliff" or root.get("version") != "1.2":
            raise FormatError(path, 'not an XLIFF 1.2 file (expected <xliff version="1.2">)')
        projects: set[str | None] = set()
        units: list[ImportedUnit] = []
        for file in root.iter(f"{_X}file"):
            projects.add(file.get(f"{_T}project"))
            source_lang = file.get("source-language", "")
            target_lang = file.get("target-language", "")
            for unit in file.iter(f"{_X}trans-unit"):
                version = unit.get(f"{_T}version")
                units.append(
                    ImportedUnit(
                        id=unit.get("id", ""),
                        source=text_of(unit.find(f"{_X}source")),
                        target=text_of(unit.find(f"{_X}target")),
                        source_lang=source_lang,
                        target_lang=target_lang,
                        version=int(version) if version and version.isdigit() else None,
                    )
                )
        if len(projects) > 1:
            raise FormatError(path, "its <file> elements come from different projects")
        return ImportedFile(project=projects.pop() if projects else None, units=units)
