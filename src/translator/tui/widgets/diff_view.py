"""Renders diff chunks from the review services: insertions green, deletions red struck."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import Static

from translator.diffs import DiffChunk, DiffOp

DIFF_STYLES = {
    DiffOp.EQUAL: "",
    DiffOp.INSERT: "bold black on green",
    DiffOp.DELETE: "strike black on red",
}


def diff_text(chunks: Sequence[DiffChunk]) -> Text:
    text = Text()
    for chunk in chunks:
        text.append(chunk.text, style=DIFF_STYLES[chunk.op])
    return text


class DiffView(Static):
    """A diff between two texts, or a placeholder line when there is nothing to compare."""

    def show(self, chunks: Sequence[DiffChunk] | None, empty: str = "(nothing to compare)") -> None:
        self.update(diff_text(chunks) if chunks else Text(empty, style="italic"))
