"""Printing a source update: the summary table, lost approvals and (dry run) source diffs."""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from translator.diffs import DiffOp
from translator.services.update import SourceChange, UpdateSummary
from translator.update.align import ChangeKind

KIND_STYLE = {
    ChangeKind.UNCHANGED: "dim",
    ChangeKind.MOVED: "cyan",
    ChangeKind.EDITED: "yellow",
    ChangeKind.SPLIT: "yellow",
    ChangeKind.MERGED: "yellow",
    ChangeKind.NEW: "green",
    ChangeKind.REMOVED: "red",
}
SNIPPET_CHARS = 70


def _snippet(text: str) -> str:
    return text if len(text) <= SNIPPET_CHARS else text[: SNIPPET_CHARS - 1] + "…"


def _positions(positions: tuple[int, ...]) -> str:
    return "+".join(f"¶{position + 1}" for position in positions) or "-"


def print_update_summary(console: Console, summary: UpdateSummary, show_diffs: bool) -> None:
    """What changed in one document; with `show_diffs`, every change's source diff too."""
    done = "updated" if summary.applied else "would update (dry run, nothing changed)"
    table = Table(
        title=Text(f"{done}: {summary.document}"),
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        collapse_padding=True,
    )
    table.add_column("paragraphs")
    table.add_column("count", justify="right")
    for kind in ChangeKind:
        table.add_row(Text(kind.value, style=KIND_STYLE[kind]), str(summary.counts[kind]))
    console.print(table)
    if summary.lost_approval:
        console.print(
            f"{len(summary.lost_approval)} approved paragraph(s) lost approval "
            "(source changed; review again):",
            style="bold red",
        )
        for lost in summary.lost_approval:
            console.print(
                Text(f"  ¶{lost.old_position + 1} (id {lost.paragraph_id}): ")
                + Text(_snippet(lost.source_text))
            )
    if summary.removed_approved:
        console.print(
            f"{len(summary.removed_approved)} of {summary.approved_before} approved "
            "paragraph(s) archived (removed from the source; history kept):",
            style="bold red",
        )
        for removed in summary.removed_approved:
            console.print(
                Text(f"  ¶{removed.old_position + 1} (id {removed.paragraph_id}): ")
                + Text(_snippet(removed.source_text))
            )
        if summary.needs_force and not summary.applied:
            console.print(
                "warning: this archives more than half of the approved paragraphs; is it the "
                "right file? The update needs --force.",
                style="bold red",
            )
    if show_diffs:
        for change in summary.changes:
            console.print(_diff_text(change))


def _diff_text(change: SourceChange) -> Text:
    """One change: where it was and is, then the text with [-deleted-] and {+inserted+}."""
    where = f"{_positions(change.old_positions)} → {_positions(change.new_positions)}"
    text = Text(f"{change.kind.value} {where}: ", style=KIND_STYLE[change.kind])
    if change.kind is ChangeKind.MOVED:
        return text.append(_snippet(change.new_text))
    for op, chunk in change.chunks:
        if op is DiffOp.DELETE:
            text.append(f"[-{chunk}-]", style="red strike")
        elif op is DiffOp.INSERT:
            text.append(f"{{+{chunk}+}}", style="green")
        else:
            text.append(chunk)
    return text
