"""Name-variant clusters from the checks (editors only): choose or type the canonical
spelling, preview the change in every affected paragraph, apply it (as `translator resolve`
does). Previews and the apply run in thread workers; only message handlers touch widgets."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from translator.core.errors import TranslatorError
from translator.services import workbench
from translator.services.review_history import diff_texts
from translator.tui.messages import ResolutionFailed, ResolutionPreviewed
from translator.tui.widgets.diff_view import diff_text

if TYPE_CHECKING:
    from translator.tui.app import ReviewApp


class ConflictsScreen(Screen[None]):
    CSS_PATH = "conflicts.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "apply", "Apply spelling"),
        Binding("e", "edit_canonical", "Type spelling"),
        Binding("escape", "back", "Back"),
        Binding("question_mark", "help", "Help"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.clusters: list[workbench.NameCluster] = []
        self.canonical: str | None = None  # the spelling chosen or typed; None: none yet
        self.previewed: tuple[int, str] | None = None  # (finding id, canonical) shown/asked
        self.applying = False
        self._shown_cluster: int | None = None

    @property
    def workbench_app(self) -> ReviewApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="conflicts-body"):
            yield DataTable(id="clusters", cursor_type="row")
            with Vertical(id="cluster-detail"):
                yield Label("Spellings and where they occur", classes="section")
                yield OptionList(id="spellings")
                with Horizontal(id="canonical-row"):
                    yield Label("Canonical ", id="canonical-label")
                    yield Input(placeholder="choose above or type the spelling", id="canonical")
                yield Label("Preview of affected paragraphs", classes="section")
                with VerticalScroll(id="preview-scroll"):
                    yield Static(id="preview")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Name conflicts"
        table = self.query_one("#clusters", DataTable)
        table.add_column("uses", key="uses")
        table.add_column("spellings", key="spellings")
        table.add_column("name", key="name")
        self.reload()
        table.focus()

    def reload(self) -> None:
        """Read the open clusters again (after an apply or a checks run)."""
        table = self.query_one("#clusters", DataTable)
        table.clear()
        self._shown_cluster = None
        self.previewed = None
        self.clusters = workbench.name_clusters(self.workbench_app.store)
        for cluster in self.clusters:
            table.add_row(
                str(sum(cluster.spellings.values())),
                " / ".join(cluster.choices),
                cluster.entity or cluster.canonical,
            )
        if not self.clusters:
            self._show_empty(
                "(no name variants found; run the checks with x on the project screen)"
            )
        else:
            self.show_cluster(0)

    def _show_empty(self, note: str) -> None:
        self.query_one("#spellings", OptionList).clear_options()
        self.query_one("#canonical", Input).value = ""
        self.canonical = None
        self.query_one("#preview", Static).update(Text(note, "dim"))

    def _cluster(self) -> workbench.NameCluster | None:
        row = self.query_one("#clusters", DataTable).cursor_row
        return self.clusters[row] if 0 <= row < len(self.clusters) else None

    @on(DataTable.RowHighlighted, "#clusters")
    def cluster_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if 0 <= event.cursor_row < len(self.clusters):
            self.show_cluster(event.cursor_row)

    def show_cluster(self, index: int) -> None:
        """List the cluster's spellings with context lines; preselect the suggestion."""
        if index == self._shown_cluster:
            return
        self._shown_cluster = index
        cluster = self.clusters[index]
        spellings = self.query_one("#spellings", OptionList)
        spellings.clear_options()
        choices = cluster.choices
        for spelling in choices:
            spellings.add_option(Option(spelling_prompt(cluster, spelling), id=spelling))
        chosen = cluster.canonical if cluster.canonical in choices else choices[0]
        spellings.highlighted = choices.index(chosen)
        self.query_one("#canonical", Input).value = chosen
        self.choose(chosen)

    @on(OptionList.OptionHighlighted, "#spellings")
    def spelling_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id is not None:
            self.query_one("#canonical", Input).value = event.option.id
            self.choose(event.option.id)

    @on(Input.Changed, "#canonical")
    def canonical_typed(self, event: Input.Changed) -> None:
        self.choose(event.value)

    @on(Input.Submitted, "#canonical")
    def canonical_submitted(self) -> None:
        self.query_one("#spellings", OptionList).focus()

    def choose(self, typed: str) -> None:
        """Make `typed` the canonical spelling and ask a worker for the preview."""
        cluster = self._cluster()
        if cluster is None:
            return
        try:
            canonical = workbench.canonical_spelling(typed)
        except TranslatorError:
            self.canonical = self.previewed = None
            self.query_one("#preview", Static).update(
                Text("(choose a spelling above or type the canonical one)", "dim")
            )
            return
        if self.previewed == (cluster.finding_id, canonical):
            return
        self.canonical = canonical
        self.previewed = (cluster.finding_id, canonical)
        self.query_one("#preview", Static).update(Text(f"Canonical: {canonical} (previewing…)"))
        self.compute_preview(cluster, canonical)

    @work(thread=True, exclusive=True, group="conflict-preview")
    def compute_preview(self, cluster: workbench.NameCluster, canonical: str) -> None:
        try:
            previews = workbench.preview_in_background(
                self.workbench_app.project, cluster, canonical
            )
        except TranslatorError as error:
            self.post_message(ResolutionFailed("Preview failed", str(error)))
            return
        self.post_message(ResolutionPreviewed(cluster.finding_id, canonical, previews))

    @on(ResolutionPreviewed)
    def preview_ready(self, message: ResolutionPreviewed) -> None:
        if self.previewed != (message.finding_id, message.canonical):
            return  # the editor has moved on to another spelling or cluster
        cluster = self._cluster()
        text = Text(
            f"Canonical: {message.canonical}; {len(message.previews)} paragraph(s) change\n",
            "bold",
        )
        if not message.previews and cluster is not None and _only_in_sources(cluster):
            text.append(
                "The variants occur in source texts only; resolving rewrites targets.\n", "dim"
            )
        for preview in message.previews:
            text.append(f"\n{preview.label}: ", style="bold")
            text.append_text(diff_text(diff_texts(preview.old, preview.new)))
        self.query_one("#preview", Static).update(text)

    def action_apply(self) -> None:
        cluster = self._cluster()
        if cluster is None:
            return
        if self.applying:
            self.notify("Still applying the last spelling", severity="warning")
            return
        try:
            canonical = workbench.canonical_spelling(self.query_one("#canonical", Input).value)
        except TranslatorError as error:
            self.notify(str(error), title="Not applied", severity="error")
            return
        self.applying = True
        self.notify(f"Applying '{canonical}'…")
        self.workbench_app.start_resolution(cluster, canonical)

    def resolution_finished(self, applied: bool) -> None:
        """Called by the app's message handler when the apply worker ended."""
        self.applying = False
        if applied:
            self.reload()

    @on(ResolutionFailed)
    def preview_failed(self, message: ResolutionFailed) -> None:
        message.stop()  # the app's handler is for the apply worker
        self.notify(message.error, title=message.title, severity="error")

    def action_edit_canonical(self) -> None:
        self.query_one("#canonical", Input).focus()

    def action_back(self) -> None:
        if self.query_one("#canonical", Input).has_focus:
            self.query_one("#spellings", OptionList).focus()
            return
        self.app.pop_screen()

    def action_help(self) -> None:
        from translator.tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(self))


def spelling_prompt(cluster: workbench.NameCluster, spelling: str) -> Text:
    """A spelling, its count (or "suggested" when no paragraph writes it) and its context
    lines, the spelling highlighted in each."""
    count = cluster.spellings.get(spelling, 0)
    text = Text(spelling, "bold")
    if count:
        text.append(f"  ×{count}")
    if spelling == cluster.canonical:
        text.append("  suggested" + ("" if count else ", written nowhere yet"), "green")
    for line in cluster.contexts.get(spelling, []):
        text.append(f"\n  {line.label}{' (source)' if line.in_source else ''}  ", "dim")
        text.append(line.text[: line.start], "dim")
        text.append(line.text[line.start : line.end], "bold underline")
        text.append(line.text[line.end :], "dim")
    return text


def _only_in_sources(cluster: workbench.NameCluster) -> bool:
    lines = [line for spelling in cluster.contexts.values() for line in spelling]
    return bool(lines) and all(line.in_source for line in lines)
