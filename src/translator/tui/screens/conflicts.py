"""Name-variant clusters from the checks (editors only): choose the canonical spelling,
preview the change in every affected paragraph, apply it (as `translator resolve` does)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Label, OptionList, Static
from textual.widgets.option_list import Option

from translator.core.errors import TranslatorError
from translator.services import workbench
from translator.services.review_history import diff_texts
from translator.tui.widgets.diff_view import diff_text

if TYPE_CHECKING:
    from translator.tui.app import ReviewApp


class ConflictsScreen(Screen[None]):
    CSS_PATH = "conflicts.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "apply", "Apply spelling"),
        Binding("escape", "app.pop_screen", "Back"),
        Binding("question_mark", "help", "Help"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.clusters: list[workbench.NameCluster] = []
        self.canonical: str | None = None

    @property
    def workbench_app(self) -> ReviewApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="conflicts-body"):
            yield DataTable(id="clusters", cursor_type="row")
            with Vertical(id="cluster-detail"):
                yield Label("Spellings (choose the canonical one)", classes="section")
                yield OptionList(id="spellings")
                yield Label("Preview of affected paragraphs", classes="section")
                with VerticalScroll(id="preview-scroll"):
                    yield Static(id="preview")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Name conflicts"
        table = self.query_one("#clusters", DataTable)
        table.add_column("name", key="name")
        table.add_column("spellings", key="spellings")
        table.add_column("uses", key="uses")
        self.reload()

    def reload(self) -> None:
        table = self.query_one("#clusters", DataTable)
        table.clear()
        clusters = workbench.name_clusters(self.workbench_app.store)
        if clusters is None:
            self.query_one("#preview", Static).update(Text("(checks not available)", "dim"))
            return
        self.clusters = clusters
        for cluster in clusters:
            table.add_row(
                cluster.entity or cluster.canonical,
                str(len(cluster.spellings)),
                str(sum(cluster.spellings.values())),
            )
        if not clusters:
            self.query_one("#preview", Static).update(
                Text("(no name variants found; run the checks with x on the project screen)")
            )
        else:
            self.show_cluster(0)

    def _cluster(self) -> workbench.NameCluster | None:
        row = self.query_one("#clusters", DataTable).cursor_row
        return self.clusters[row] if 0 <= row < len(self.clusters) else None

    @on(DataTable.RowHighlighted, "#clusters")
    def cluster_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_cluster(event.cursor_row)

    def show_cluster(self, index: int) -> None:
        cluster = self.clusters[index]
        spellings = self.query_one("#spellings", OptionList)
        spellings.clear_options()
        for spelling, count in cluster.spellings.items():
            label = Text.assemble(
                (spelling, "bold"),
                f"  ×{count}  ",
                (cluster.contexts.get(spelling, ""), "dim"),
            )
            spellings.add_option(Option(label, id=spelling))
        names = list(cluster.spellings)
        chosen = cluster.canonical if cluster.canonical in names else names[0]
        spellings.highlighted = names.index(chosen)
        self.show_preview(chosen)

    @on(OptionList.OptionHighlighted, "#spellings")
    def spelling_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id is not None:
            self.show_preview(event.option.id)

    def show_preview(self, canonical: str) -> None:
        cluster = self._cluster()
        if cluster is None:
            return
        self.canonical = canonical
        previews = workbench.preview_resolution(self.workbench_app.store, cluster, canonical)
        text = Text(f"Canonical: {canonical}; {len(previews)} paragraph(s) change\n", "bold")
        for preview in previews:
            text.append(f"\n{preview.label}: ", style="bold")
            text.append_text(diff_text(diff_texts(preview.old, preview.new)))
        self.query_one("#preview", Static).update(text)

    def action_apply(self) -> None:
        cluster = self._cluster()
        if cluster is None or self.canonical is None:
            return
        app = self.workbench_app
        try:
            summary = workbench.apply_resolution(
                app.project, app.store, cluster, self.canonical, app.actor
            )
        except TranslatorError as error:
            self.notify(str(error), title="Not applied", severity="error")
            return
        self.notify(summary, title="Applied")
        self.reload()

    def action_help(self) -> None:
        from translator.tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(self))
