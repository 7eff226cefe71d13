"""Plain text: the target alone, one paragraph per block, in document order."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from translator.formats.base import ExportDocument, Exporter, ExportMeta


class TextExporter(Exporter):
    format_name = "txt"
    extension = ".txt"
    one_file_per_document = True

    def write(self, documents: Sequence[ExportDocument], path: Path, meta: ExportMeta) -> None:
        blocks = []
        for document in documents:
            for unit in document.units:
                blocks.append(f"{unit.marker} {unit.target}" if unit.marker else unit.target)
        with path.open("w", encoding="utf-8", newline="\n") as handle:
            handle.write("\n\n".join(blocks))
            handle.write("\n")
