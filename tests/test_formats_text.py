"""Plain text: the target alone, paragraphs in order, separated by blank lines."""

from __future__ import annotations

from pathlib import Path

from tests.test_formats_base import FormatContract, ReadUnit


class TestTextFormat(FormatContract):
    format = "txt"
    has_ids = False
    has_source = False

    def read_back(self, out: Path) -> list[ReadUnit]:
        units = []
        for path in sorted(out.glob("*.txt"), key=lambda p: p.stat().st_mtime_ns):
            blocks = path.read_text(encoding="utf-8").rstrip("\n").split("\n\n")
            units += [ReadUnit(None, None, block) for block in blocks]
        return units

    def unapproved_is_marked(self, out: Path, unit: str, target: str) -> bool:
        (path,) = out.glob("*.txt")
        for block in path.read_text(encoding="utf-8").split("\n\n"):
            if block.rstrip("\n").endswith(target):
                return block.startswith("[NOT APPROVED: ")
        raise AssertionError(f"no paragraph with target {target!r}")
