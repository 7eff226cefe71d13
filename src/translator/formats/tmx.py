"""TMX 1.4b for translation memories: approved pairs only, never unreviewed text.

Language tags come from translator.toml `[export] language_tags` (default ru-RU / en-GB).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from translator.formats.base import TRANSLATOR_NS, ExportDocument, Exporter, ExportMeta, ExportUnit
from translator.formats.xmlwrite import attributes, element, text


def _tu(unit: ExportUnit, source_tag: str, target_tag: str) -> str:
    parts = [element("prop", text(unit.reference), {"type": "x-reference"})]
    if unit.reviewer:
        parts.append(element("note", text(f"reviewer: {unit.reviewer}")))
    for tag, value in ((source_tag, unit.source), (target_tag, unit.target)):
        parts.append(element("tuv", element("seg", text(value)), {"xml:lang": tag}))
    return element("tu", "".join(parts), {"tuid": unit.id}) + "\n"


class TmxExporter(Exporter):
    format_name = "tmx"
    extension = ".tmx"
    approved_only = True

    def write(self, documents: Sequence[ExportDocument], path: Path, meta: ExportMeta) -> None:
        source_langs = {document.source_lang for document in documents}
        header = {
            "creationtool": "translator",
            "creationtoolversion": meta.tool_version,
            "datatype": "plaintext",
            "segtype": "paragraph",
            "adminlang": "en",
            "srclang": meta.tag(source_langs.pop()) if len(source_langs) == 1 else "*all*",
            "o-tmf": "translator",
            "tr:project": meta.project,
        }
        with path.open("w", encoding="utf-8", newline="\n") as out:
            out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
            out.write(f"<tmx{attributes({'version': '1.4', 'xmlns:tr': TRANSLATOR_NS})}>\n")
            project = element("prop", text(meta.project), {"type": "x-project"})
            out.write(element("header", project, header) + "\n<body>\n")
            for document in documents:
                source_tag = meta.tag(document.source_lang)
                target_tag = meta.tag(document.target_lang)
                for unit in document.units:
                    if unit.approved:
                        out.write(_tu(unit, source_tag, target_tag))
            out.write("</body>\n</tmx>\n")
