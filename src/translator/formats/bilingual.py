"""Side-by-side bilingual texts for publishers: Markdown and HTML tables, paragraph by paragraph.

Every character of a paragraph is text, never markup: a paragraph holding `<script>` shows
those characters and runs nothing.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from pathlib import Path

from translator.formats.base import ExportDocument, Exporter, ExportMeta, ExportUnit

LANGUAGE_NAMES = {"ru": "Русский", "en": "English"}

# Inline Markdown punctuation (emphasis, links, code, strike-through, cell borders) is
# backslash-escaped; block syntax (#, -, >) means nothing inside a table cell.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]!|~])")


def markdown_cell(text: str) -> str:
    """A table cell that renders as the literal text (HTML entities for <, >, &)."""
    escaped = html.escape(text, quote=False)
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", escaped)
    return "<br>".join(escaped.splitlines()) if escaped else " "


def html_cell(text: str) -> str:
    return "<br>".join(html.escape(line, quote=True) for line in text.splitlines())


def _header(document: ExportDocument) -> tuple[str, str]:
    return (
        LANGUAGE_NAMES.get(document.source_lang, document.source_lang),
        LANGUAGE_NAMES.get(document.target_lang, document.target_lang),
    )


class MarkdownExporter(Exporter):
    format_name = "md"
    extension = ".md"
    one_file_per_document = True

    def write(self, documents: Sequence[ExportDocument], path: Path, meta: ExportMeta) -> None:
        lines: list[str] = []
        for document in documents:
            source_name, target_name = _header(document)
            lines += [f"# {markdown_cell(document.name)}", ""]
            lines += [f"| № | {source_name} | {target_name} |", "|---|---|---|"]
            for unit in document.units:
                target = markdown_cell(unit.target)
                if unit.marker:
                    target = f"**{markdown_cell(unit.marker)}** {target}"
                lines.append(f"| {unit.position} | {markdown_cell(unit.source)} | {target} |")
            lines.append("")
        with path.open("w", encoding="utf-8", newline="\n") as handle:
            handle.write("\n".join(lines))


_STYLE = """
table { border-collapse: collapse; width: 100%; }
td, th { border: 1px solid #999; padding: 0.4em; vertical-align: top; width: 48%; }
td.n, th.n { width: 4%; color: #666; }
tr.unapproved td { background: #fff3cd; }
.marker { color: #a00; font-weight: bold; }
"""


def _row(unit: ExportUnit, source_lang: str, target_lang: str) -> str:
    marker = f'<span class="marker">{html.escape(unit.marker)}</span> ' if unit.marker else ""
    row_class = "unapproved" if unit.marker else "approved"
    return (
        f'<tr class="{row_class}" id="{html.escape(unit.id)}">'
        f'<td class="n">{unit.position}</td>'
        f'<td lang="{source_lang}">{html_cell(unit.source)}</td>'
        f'<td lang="{target_lang}">{marker}{html_cell(unit.target)}</td></tr>'
    )


class HtmlExporter(Exporter):
    format_name = "html"
    extension = ".html"
    one_file_per_document = True

    def write(self, documents: Sequence[ExportDocument], path: Path, meta: ExportMeta) -> None:
        title = html.escape(", ".join(document.name for document in documents))
        parts = [
            "<!DOCTYPE html>",
            '<html><head><meta charset="utf-8">',
            f"<title>{title}</title><style>{_STYLE}</style></head><body>",
        ]
        for document in documents:
            source_name, target_name = _header(document)
            parts.append(f"<h1>{html.escape(document.name)}</h1>")
            parts.append(
                f'<table><thead><tr><th class="n">№</th><th>{html.escape(source_name)}</th>'
                f"<th>{html.escape(target_name)}</th></tr></thead><tbody>"
            )
            parts += [_row(u, document.source_lang, document.target_lang) for u in document.units]
            parts.append("</tbody></table>")
        parts.append("</body></html>\n")
        with path.open("w", encoding="utf-8", newline="\n") as handle:
            handle.write("\n".join(parts))
