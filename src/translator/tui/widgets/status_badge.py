"""Review status as a short coloured label, the same everywhere in the workbench."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from translator.core.models import ReviewStatus

STATUS_COLOURS: dict[ReviewStatus, str] = {
    ReviewStatus.NEW: "grey50",
    ReviewStatus.MACHINE: "cyan",
    ReviewStatus.EDITED: "yellow",
    ReviewStatus.APPROVED: "green",
    ReviewStatus.REJECTED: "red",
}
STATUS_LETTERS: dict[ReviewStatus, str] = {
    ReviewStatus.NEW: "N",
    ReviewStatus.MACHINE: "M",
    ReviewStatus.EDITED: "E",
    ReviewStatus.APPROVED: "A",
    ReviewStatus.REJECTED: "R",
}


def status_text(status: ReviewStatus, short: bool = False) -> Text:
    label = STATUS_LETTERS[status] if short else f" {status.value} "
    return Text(label, style=f"bold black on {STATUS_COLOURS[status]}")


class StatusBadge(Static):
    """The selected paragraph's status."""

    shown: ReviewStatus | None = None

    def show(self, status: ReviewStatus) -> None:
        if status is not self.shown:  # moving between paragraphs mostly keeps the status
            self.shown = status
            self.update(status_text(status), layout=False)  # fixed size: no layout pass
