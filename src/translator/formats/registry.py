"""The formats by name, as `translator export --format` and `import-translations` know them."""

from __future__ import annotations

from translator.formats.base import Exporter, Importer
from translator.formats.bilingual import HtmlExporter, MarkdownExporter
from translator.formats.docx import DocxExporter
from translator.formats.po import PoExporter, PoImporter
from translator.formats.text import TextExporter
from translator.formats.tmx import TmxExporter
from translator.formats.xliff2 import Xliff2Exporter, Xliff2Importer
from translator.formats.xliff12 import Xliff12Exporter, Xliff12Importer

EXPORTERS: dict[str, type[Exporter]] = {
    exporter.format_name: exporter
    for exporter in (
        PoExporter,
        Xliff12Exporter,
        Xliff2Exporter,
        TmxExporter,
        MarkdownExporter,
        HtmlExporter,
        DocxExporter,
        TextExporter,
    )
}

IMPORTERS: dict[str, type[Importer]] = {
    importer.format_name: importer for importer in (PoImporter, Xliff12Importer, Xliff2Importer)
}
