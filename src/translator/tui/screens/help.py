"""Every key of the screen below, with what it does (the footer only fits the main ones)."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Label, Static


def binding_rows(screen: Screen[Any]) -> list[tuple[str, str]]:
    """(keys, description) for every described binding of a screen and the app."""
    rows = []
    for binding in [*screen.BINDINGS, *screen.app.BINDINGS]:
        if isinstance(binding, Binding) and binding.description:
            keys = ", ".join(
                screen.app.get_key_display(Binding(key, "")) for key in binding.key.split(",")
            )
            rows.append((keys, binding.description))
    return rows


class HelpScreen(ModalScreen[None]):
    CSS_PATH = "help.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q,question_mark", "dismiss", "Close")]

    def __init__(self, below: Screen[Any]) -> None:
        super().__init__()
        self.below = below

    def compose(self) -> ComposeResult:
        table = Table(box=None, show_header=False, pad_edge=False)
        table.add_column(style="bold cyan", no_wrap=True)
        table.add_column()
        for keys, description in binding_rows(self.below):
            table.add_row(keys, description)
        with VerticalScroll(id="help-dialog"):
            yield Label(
                f"Keys: {type(self.below).__name__.removesuffix('Screen')}", id="help-title"
            )
            yield Static(table)
            yield Label("Ctrl+P opens the command palette with every action.", classes="hint")
