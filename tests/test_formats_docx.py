"""DOCX: the contract, read with python-docx; a two-column table per document."""

from __future__ import annotations

from pathlib import Path

import docx

from tests.test_formats_base import FormatContract, ReadUnit


class TestDocxFormat(FormatContract):
    format = "docx"
    has_ids = False

    def tables(self, out: Path) -> list[list[tuple[str, str]]]:
        result = []
        for path in sorted(out.glob("*.docx"), key=lambda p: p.stat().st_mtime_ns):
            for table in docx.Document(str(path)).tables:
                assert len(table.columns) == 2
                result.append([(row.cells[0].text, row.cells[1].text) for row in table.rows])
        return result

    def read_back(self, out: Path) -> list[ReadUnit]:
        units = []
        for rows in self.tables(out):
            assert rows[0] == ("Русский", "English")
            units += [ReadUnit(None, source, target) for source, target in rows[1:]]
        return units

    def unapproved_is_marked(self, out: Path, unit: str, target: str) -> bool:
        (path,) = out.glob("*.docx")
        (table,) = docx.Document(str(path)).tables
        for row in table.rows[1:]:
            paragraph = row.cells[1].paragraphs[0]
            if paragraph.text.endswith(target):
                first = paragraph.runs[0]
                return "NOT APPROVED" in first.text and bool(first.bold)
        raise AssertionError(f"no row with target {target!r}")
