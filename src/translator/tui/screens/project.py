"""Documents of the project with their progress by status and open findings."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from translator.core.models import ReviewStatus, StatusCounts
from translator.services import workbench
from translator.tui.widgets.status_badge import STATUS_COLOURS

if TYPE_CHECKING:
    from translator.tui.app import ReviewApp

BAR_WIDTH = 30


def progress_bar(counts: StatusCounts, width: int = BAR_WIDTH) -> Text:
    """One bar split by status, each part as wide as its share (at least 1 if present)."""
    total = counts.total
    text = Text()
    if total == 0:
        return Text("·" * width, style="grey30")
    used = 0
    for index, status in enumerate(ReviewStatus):
        count = counts.counts[status]
        if not count:
            continue
        last = all(not counts.counts[s] for s in list(ReviewStatus)[index + 1 :])
        cells = width - used if last else max(1, round(count * width / total))
        cells = min(cells, width - used)
        text.append("█" * cells, style=STATUS_COLOURS[status])
        used += cells
    return text


class ProjectScreen(Screen[None]):
    CSS_PATH = "project.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open_document", "Open"),
        Binding("c", "conflicts", "Name conflicts"),
        Binding("g", "glossary", "Glossary"),
        Binding("x", "run_checks", "Run checks"),
        Binding("f5", "refresh", "Refresh"),
        Binding("question_mark", "help", "Help"),
        Binding("q", "app.quit", "Quit"),
    ]

    @property
    def workbench_app(self) -> ReviewApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="legend")
        yield DataTable(id="documents", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        app = self.workbench_app
        self.title = app.project.config.name
        self.sub_title = app.actor.describe()
        legend = Text("progress: ")
        for status in ReviewStatus:
            legend.append("█ ", style=STATUS_COLOURS[status])
            legend.append(f"{status.value}  ")
        self.query_one("#legend", Static).update(legend)
        table = self.query_one(DataTable)
        table.add_column("document", key="document")
        table.add_column("pair", key="pair")
        table.add_column("paragraphs", key="paragraphs")
        table.add_column("progress", key="progress", width=BAR_WIDTH)
        table.add_column("approved", key="approved")
        table.add_column("findings", key="findings")
        self.action_refresh()
        table.focus()

    def on_screen_resume(self) -> None:
        self.action_refresh()

    def action_refresh(self) -> None:
        table = self.query_one(DataTable)
        selected = table.cursor_row
        table.clear()
        for row in workbench.document_overview(self.workbench_app.store):
            doc, counts = row.document, row.counts
            approved = counts.counts[ReviewStatus.APPROVED]
            share = f"{approved * 100 // counts.total}%" if counts.total else "-"
            table.add_row(
                doc.name,
                f"{doc.source_lang}→{doc.target_lang}",
                str(counts.total),
                progress_bar(counts),
                share,
                str(row.open_findings),
                key=doc.name,
            )
        if table.row_count:
            table.move_cursor(row=min(selected, table.row_count - 1))

    @on(DataTable.RowSelected)
    def row_selected(self, event: DataTable.RowSelected) -> None:
        self.open_document(str(event.row_key.value))

    def action_open_document(self) -> None:
        table = self.query_one(DataTable)
        if table.row_count:
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
            self.open_document(str(key.value))

    def open_document(self, name: str) -> None:
        self.workbench_app.open_document(name)

    def action_conflicts(self) -> None:
        self.workbench_app.open_conflicts()

    def action_glossary(self) -> None:
        self.workbench_app.open_glossary()

    def action_run_checks(self) -> None:
        self.workbench_app.start_checks()

    def action_help(self) -> None:
        from translator.tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(self))
