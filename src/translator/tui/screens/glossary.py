"""Browse and search the project glossary (when the glossary area is installed)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Static

from translator.services import workbench

if TYPE_CHECKING:
    from translator.tui.app import ReviewApp


class GlossaryScreen(Screen[None]):
    CSS_PATH = "glossary.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "app.pop_screen", "Back")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="search terms (source or target)", id="glossary-search")
        yield Static(id="glossary-note")
        yield DataTable(id="terms", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Glossary"
        table = self.query_one(DataTable)
        table.add_column("Russian", key="ru")
        table.add_column("English", key="en")
        self.show("")

    @on(Input.Changed, "#glossary-search")
    def search_changed(self, event: Input.Changed) -> None:
        self.show(event.value)

    def show(self, query: str) -> None:
        app: ReviewApp = self.app  # type: ignore[assignment]
        entries = workbench.glossary_entries(app.project, app.store, query)
        table = self.query_one(DataTable)
        table.clear()
        note = self.query_one("#glossary-note", Static)
        if entries is None:
            note.update("(no glossary available in this installation)")
            return
        note.update(f"{len(entries)} term(s)")
        for entry in entries:
            table.add_row(entry.source, entry.target)
