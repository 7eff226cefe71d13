"""Browse and search the project glossary (when the glossary area is installed).

A lemma search takes tens of milliseconds, so each keystroke's search runs in a worker
(the newest wins) and only the message handler fills the table."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Static

from translator.core.errors import TranslatorError
from translator.services import workbench
from translator.tui.messages import GlossaryListed, WorkFailed

if TYPE_CHECKING:
    from translator.tui.app import ReviewApp


class GlossaryScreen(Screen[None]):
    CSS_PATH = "glossary.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "app.pop_screen", "Back")]

    def __init__(self) -> None:
        super().__init__()
        self.query_text = ""  # the search the table should show

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
        self.query_text = query
        self.query_one("#glossary-note", Static).update("searching…")
        self.search(query)

    @work(thread=True, exclusive=True, group="glossary-search")
    def search(self, query: str) -> None:
        app: ReviewApp = self.app  # type: ignore[assignment]
        try:
            entries = workbench.glossary_entries_in_background(app.project, query)
        except TranslatorError as error:
            self.post_message(WorkFailed("Glossary search", str(error)))  # the app tells
            return
        self.post_message(GlossaryListed(query, entries))

    @on(GlossaryListed)
    def listed(self, message: GlossaryListed) -> None:
        if message.query != self.query_text:
            return  # an older search finished after a newer keystroke
        table = self.query_one(DataTable)
        table.clear()
        note = self.query_one("#glossary-note", Static)
        note.update(f"{len(message.entries)} term(s)")
        for entry in message.entries:
            table.add_row(entry.source, entry.target)
