"""Word documents (python-docx): a two-column table, source left, target right.

Rows are stamped from one template row at the XML level: python-docx's text setter walks
every character, which made 50,000 rows take 14 s; this keeps them within a few seconds.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import RGBColor

from translator.formats.base import ExportDocument, Exporter, ExportMeta, ExportUnit, xml_text

LANGUAGE_NAMES = {"ru": "Русский", "en": "English"}
MARKER_COLOUR = RGBColor(0xAA, 0x00, 0x00)


def _fill_run(run: Any, text: str) -> None:
    """Put `text` in a `w:r`, line breaks as `w:br` (what Word shows as a line break)."""
    for number, line in enumerate(xml_text(text).split("\n")):
        if number:
            run.append(OxmlElement("w:br"))
        element = OxmlElement("w:t")
        element.set(qn("xml:space"), "preserve")
        element.text = line
        run.append(element)


def _marker_run(marker: str) -> Any:
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    properties.append(OxmlElement("w:b"))
    colour = OxmlElement("w:color")
    colour.set(qn("w:val"), str(MARKER_COLOUR))
    properties.append(colour)
    run.append(properties)
    _fill_run(run, marker + " ")
    return run


def _row(template: Any, unit: ExportUnit) -> Any:
    row = copy.deepcopy(template)
    source_paragraph, target_paragraph = row.iter(qn("w:p"))
    source_run = OxmlElement("w:r")
    _fill_run(source_run, unit.source)
    source_paragraph.append(source_run)
    if unit.marker:
        target_paragraph.append(_marker_run(unit.marker))
    target_run = OxmlElement("w:r")
    _fill_run(target_run, unit.target)
    target_paragraph.append(target_run)
    return row


class DocxExporter(Exporter):
    format_name = "docx"
    extension = ".docx"
    one_file_per_document = True

    def write(self, documents: Sequence[ExportDocument], path: Path, meta: ExportMeta) -> None:
        word = docx.Document()
        word.core_properties.title = ", ".join(document.name for document in documents)
        word.core_properties.comments = f"translator project {meta.project}"
        for document in documents:
            word.add_heading(xml_text(document.name), level=1)
            table = word.add_table(rows=1, cols=2)
            table.style = "Table Grid"
            header = table.rows[0].cells
            header[0].text = LANGUAGE_NAMES.get(document.source_lang, document.source_lang)
            header[1].text = LANGUAGE_NAMES.get(document.target_lang, document.target_lang)
            template = copy.deepcopy(table.add_row()._tr)
            table._tbl.remove(table.rows[-1]._tr)
            for unit in document.units:
                table._tbl.append(_row(template, unit))
        word.save(str(path))
