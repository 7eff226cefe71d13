"""Concurrent-edit conflict: both versions side by side with their diff; choose or merge.

Nothing is overwritten silently: the dialog returns the text the user picked, and the
screen saves it over the version shown here.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static, TextArea

from translator.services.review_history import ConflictView
from translator.tui.widgets.diff_view import DiffView


class ConflictModal(ModalScreen[str]):
    CSS_PATH = "conflict_modal.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+t", "choose('theirs')", "Keep theirs"),
        Binding("ctrl+o", "choose('mine')", "Keep mine"),
        Binding("ctrl+g", "choose('merge')", "Use merge"),
    ]

    def __init__(self, view: ConflictView, paragraph_label: str) -> None:
        super().__init__()
        self.view = view
        self.paragraph_label = paragraph_label

    def compose(self) -> ComposeResult:
        who = self.view.conflict.stored_by or "someone"
        with Vertical(id="conflict-dialog"):
            yield Label(
                f"{self.paragraph_label} was changed by {who} while you edited it. "
                "Nothing was overwritten: choose a text or merge.",
                id="conflict-title",
            )
            with Horizontal(id="conflict-sides"):
                with Vertical(classes="side"):
                    yield Label(f"Theirs ({who}, version {self.view.conflict.stored_version})")
                    yield Static(self.view.theirs, id="theirs", classes="side-text")
                with Vertical(classes="side"):
                    yield Label("Yours (not saved)")
                    yield Static(self.view.mine, id="mine", classes="side-text")
            yield Label("Difference (theirs → yours)")
            yield DiffView(id="conflict-diff")
            merge_note = "" if self.view.merge.clean else " (some of your changes did not apply)"
            yield Label(f"Merge: both changes, editable{merge_note}")
            yield TextArea(self.view.merge.text, id="merge-text", soft_wrap=True)
            with Horizontal(classes="buttons"):
                yield Button("Keep theirs", id="theirs-button")
                yield Button("Keep mine", id="mine-button")
                yield Button("Use merge", variant="primary", id="merge-button")

    def on_mount(self) -> None:
        self.query_one("#conflict-diff", DiffView).show(self.view.diff, "(identical)")

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        choice = (event.button.id or "").removesuffix("-button")
        self.action_choose(choice)

    def action_choose(self, choice: str) -> None:
        if choice == "theirs":
            self.dismiss(self.view.theirs)
        elif choice == "mine":
            self.dismiss(self.view.mine)
        else:
            self.dismiss(self.query_one("#merge-text", TextArea).text)
