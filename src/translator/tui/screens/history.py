"""A paragraph's versions with actor, time, status and notes; diffs between any two
versions and between MT and the current target, with the post-edit effort."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Label, Static

from translator.services.review_history import ParagraphHistory, history_with_diffs
from translator.tui.widgets.diff_view import DiffView
from translator.tui.widgets.status_badge import status_text

if TYPE_CHECKING:
    from translator.tui.app import ReviewApp


def short_time(created_at: str | None) -> str:
    """ISO timestamp as 'YYYY-MM-DD HH:MM' (UTC), or '-' before the first recorded write."""
    return created_at[:16].replace("T", " ") if created_at else "-"


class HistoryScreen(Screen[None]):
    CSS_PATH = "history.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("b", "mark_base", "Compare from here"),
        Binding("escape", "app.pop_screen", "Back"),
        Binding("question_mark", "help", "Help"),
    ]

    def __init__(self, paragraph_id: int, position: int) -> None:
        super().__init__()
        self.paragraph_id = paragraph_id
        self.position = position
        self.base_version: int | None = None  # None: compare with the previous version
        self.history: ParagraphHistory | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="versions", cursor_type="row")
        with VerticalScroll(id="history-detail"):
            yield Label("", id="diff-title", classes="section")
            yield DiffView(id="version-diff")
            yield Label("Machine translation → current target", classes="section")
            yield Static(id="effort")
            yield DiffView(id="machine-diff")
            yield Label("Comments", classes="section")
            yield Static(id="comments")
        yield Footer()

    def on_mount(self) -> None:
        app: ReviewApp = self.app  # type: ignore[assignment]
        self.title = f"History of ¶{self.position + 1}"
        history = history_with_diffs(app.store, self.paragraph_id)
        self.history = history
        table = self.query_one(DataTable)
        for column in ("version", "when (UTC)", "who", "action", "status", "note"):
            table.add_column(column, key=column)
        for version in history.versions:
            table.add_row(
                str(version.number),
                short_time(version.created_at),
                version.actor or "-",
                version.action,
                status_text(version.status) if version.status else "-",
                version.note or "",
                key=str(version.number),
            )
        table.move_cursor(row=len(history.versions) - 1)
        self._show_machine_diff(history)
        comments = Text()
        for comment in history.comments:
            comment_line = f"{short_time(comment.created_at)} {comment.author}: "
            comments.append(comment_line, style="bold")
            comments.append(comment.body + "\n")
        self.query_one("#comments", Static).update(comments or Text("(none)", style="dim"))
        self._show_version_diff()
        table.focus()

    def _show_machine_diff(self, history: ParagraphHistory) -> None:
        effort = history.post_edit_effort()
        if effort is None:
            self.query_one("#effort", Static).update(Text("(no machine translation)", "dim"))
            self.query_one("#machine-diff", DiffView).show(None, "")
            return
        self.query_one("#effort", Static).update(
            f"post-edit effort: {effort.distance} characters changed "
            f"({effort.ratio:.0%} of the machine translation)"
        )
        self.query_one("#machine-diff", DiffView).show(history.machine_diff(), "(unchanged)")

    def _selected_version(self) -> int:
        return self.query_one(DataTable).cursor_row + 1

    def _show_version_diff(self) -> None:
        if self.history is None:
            return
        new = self._selected_version()
        old = self.base_version if self.base_version is not None else max(1, new - 1)
        title = f"Version {old} → version {new}"
        self.query_one("#diff-title", Label).update(title)
        self.query_one("#version-diff", DiffView).show(
            self.history.diff(old, new), "(no text change)"
        )

    @on(DataTable.RowHighlighted)
    def row_highlighted(self) -> None:
        self._show_version_diff()

    def action_mark_base(self) -> None:
        self.base_version = self._selected_version()
        self.notify(f"Comparing from version {self.base_version}; move to another version")
        self._show_version_diff()

    def action_help(self) -> None:
        from translator.tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(self))
