"""XLIFF 2.0: one `<unit>` per paragraph, one `<segment>` per sentence where the target splits.

XLIFF 2.0 holds one language pair per file, so a selection mixing pairs is refused (export
each pair with --doc). Segment texts keep the space after each sentence: they join back to
the paragraph exactly.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from lxml import etree

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
    target_pieces,
    xml_text,
)
from translator.formats.safexml import localname, parse_untrusted, text_of
from translator.formats.xmlwrite import attributes, element, text

XLIFF2_NS = "urn:oasis:names:tc:xliff:document:2.0"
_X = f"{{{XLIFF2_NS}}}"
_T = f"{{{TRANSLATOR_NS}}}"

# Review status -> (state, subState); a segment in any state but `initial` must have a target.
STATES: dict[ReviewStatus, tuple[str, str | None]] = {
    ReviewStatus.NEW: ("initial", None),
    ReviewStatus.MACHINE: ("translated", "translator:machine"),
    ReviewStatus.EDITED: ("translated", None),
    ReviewStatus.APPROVED: ("final", None),
    ReviewStatus.REJECTED: ("reviewed", "translator:rejected"),
}


def unit_xml(unit: ExportUnit, target_lang: str) -> str:
    notes: list[tuple[str, str]] = [("status", unit.marker or "approved")]
    if unit.reviewer:
        notes.append(("reviewer", unit.reviewer))
    notes += [("history", line) for line in unit.history]
    notes += [("comment", comment) for comment in unit.notes]
    parts = [
        element(
            "notes",
            "".join(element("note", text(body), {"category": kind}) for kind, body in notes),
        )
    ]
    state, sub_state = STATES[unit.status]
    if state == "initial" and unit.target:
        state = "translated"  # a target is present, so `initial` would misdescribe it
    segment_attributes = {"state": state}
    if sub_state:
        segment_attributes["subState"] = sub_state
    pieces = target_pieces(unit, target_lang)
    pairs = list(zip(*pieces, strict=True)) if pieces else [(unit.source, unit.target)]
    for number, (source, target) in enumerate(pairs, start=1):
        content = element("source", text(source))
        if state != "initial":
            content += element("target", text(target))
        parts.append(element("segment", content, {"id": f"s{number}", **segment_attributes}))
    unit_attributes = {"id": unit.id, "name": unit.reference, "tr:version": str(unit.version)}
    return element("unit", "".join(parts), unit_attributes) + "\n"


class Xliff2Exporter(Exporter):
    format_name = "xliff2"
    extension = ".xlf"
    segments_targets = True
    one_language_pair = True

    def write(self, documents: Sequence[ExportDocument], path: Path, meta: ExportMeta) -> None:
        pairs = {(doc.source_lang, doc.target_lang) for doc in documents}
        if len(pairs) != 1:
            raise FormatError(
                path, "an XLIFF 2.0 file holds one language pair; export each with --doc"
            )
        source_lang, target_lang = pairs.pop()
        root = {
            "xmlns": XLIFF2_NS,
            "xmlns:tr": TRANSLATOR_NS,
            "version": "2.0",
            "srcLang": source_lang,
            "trgLang": target_lang,
            "tr:project": meta.project,
        }
        with path.open("w", encoding="utf-8", newline="\n") as out:
            out.write(f'<?xml version="1.0" encoding="UTF-8"?>\n<xliff{attributes(root)}>\n')
            for document in documents:
                file_attributes = {"id": f"d{document.id}", "original": document.name}
                out.write(f"<file{attributes(file_attributes)}>\n")
                for unit in document.units:
                    out.write(unit_xml(unit, target_lang))
                out.write("</file>\n")
            out.write("</xliff>\n")


class Xliff2Importer(Importer):
    format_name = "xliff2"

    def as_written(self, text: str) -> str:
        return xml_text(text)

    def read(self, path: Path) -> ImportedFile:
        root = parse_untrusted(path)
        if (
            localname(root) != "xliff"
            or etree.QName(root).namespace != XLIFF2_NS
            or not (root.get("version") or "").startswith("2.")
        ):
            raise FormatError(path, 'not an XLIFF 2 file (expected <xliff version="2.0">)')
        source_lang = root.get("srcLang", "")
        target_lang = root.get("trgLang", "")
        units: list[ImportedUnit] = []
        for unit_element in root.iter(f"{_X}unit"):
            sources: list[str] = []
            targets: list[str] = []
            for part in unit_element:
                if localname(part) in ("segment", "ignorable"):
                    source = part.find(f"{_X}source")
                    target = part.find(f"{_X}target")
                    sources.append(text_of(source))
                    # An ignorable without target carries its source text over (XLIFF 2.0 4.2)
                    if target is None and localname(part) == "ignorable":
                        targets.append(text_of(source))
                    else:
                        targets.append(text_of(target))
            version = unit_element.get(f"{_T}version")
            units.append(
                ImportedUnit(
                    id=unit_element.get("id", ""),
                    source="".join(sources),
                    target="".join(targets),
                    source_lang=source_lang,
                    target_lang=target_lang,
                    version=int(version) if version and version.isdigit() else None,
                )
            )
        return ImportedFile(project=root.get(f"{_T}project"), units=units)
