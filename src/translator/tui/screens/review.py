"""The main screen: a paragraph list and, for the selected paragraph, source, MT, the
editable target, glossary terms and findings. Leaving a changed paragraph saves it."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Label, Static, TextArea

from translator.core.errors import ParagraphConflict, TranslatorError
from translator.core.models import Document, Paragraph, ReviewStatus
from translator.services import review, workbench
from translator.services.review_history import describe_conflict
from translator.tui.screens.conflict_modal import ConflictModal
from translator.tui.screens.modals import ChoiceModal, TextPromptModal
from translator.tui.widgets.paragraph_list import ListRow, ParagraphList
from translator.tui.widgets.status_badge import StatusBadge
from translator.tui.widgets.target_editor import TargetEditor

if TYPE_CHECKING:
    from translator.tui.app import ReviewApp


class ReviewScreen(Screen[None]):
    CSS_PATH = "review.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "approve", "Approve"),
        Binding("r", "reject", "Reject"),
        Binding("n", "next_work", "Next work"),
        Binding("p", "previous_work", "Prev work"),
        Binding("m", "copy_machine", "Copy MT"),
        Binding("u", "undo", "Undo"),
        Binding("c", "comment", "Comment"),
        Binding("h", "history", "History"),
        Binding("slash", "search", "Search"),
        Binding("f", "filter_status", "Filter status"),
        Binding("k", "filter_kind", "Filter finding"),
        Binding("e,enter", "edit", "Edit", show=False),
        Binding("ctrl+s", "save", "Save", show=False),
        Binding("escape", "leave", "Back"),
        Binding("ctrl+g", "add_term", "Add term", show=False),
        Binding("t", "run_machine_translation", "Run MT", show=False),
        Binding("x", "run_checks", "Run checks", show=False),
        Binding("question_mark", "help", "Help"),
    ]

    def __init__(self, document: Document) -> None:
        super().__init__()
        self.document = document
        self.current: Paragraph | None = None
        self.loaded_text = ""  # the target as last loaded or saved: "changed" means != this
        self.status_filter: ReviewStatus | None = None
        self.kind_filter: str | None = None
        self.search_ids: set[int] | None = None
        self.search_query = ""
        self.finding_kinds: dict[int, set[str]] = {}
        self.summaries: list[ListRow] = []
        self._shown: dict[str, Text] = {}  # panel id -> the text it shows

    @property
    def workbench_app(self) -> ReviewApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="review-body"):
            with Vertical(id="list-pane"):
                yield Static(id="list-caption")
                yield ParagraphList(id="paragraphs")
            with VerticalScroll(id="detail"):
                with Horizontal(id="detail-head"):
                    yield StatusBadge(id="status")
                    yield Static(id="position")
                yield Label("Source", classes="section")
                yield Static(id="source")
                yield Label("Machine translation", classes="section")
                yield Static(id="machine")
                yield Label("Target", classes="section")
                yield TargetEditor(id="target", soft_wrap=True)
                yield Label("Glossary", classes="section")
                yield Static(id="terms")
                yield Label("Findings", classes="section")
                yield Static(id="findings")
        yield Footer()

    def on_mount(self) -> None:
        self.title = self.document.name
        self.sub_title = self.workbench_app.actor.describe()
        paragraphs = self.query_one(ParagraphList)
        self.watch(paragraphs, "cursor", self._cursor_moved, init=False)
        self.reload_rows()
        paragraphs.focus()

    # -- the list -------------------------------------------------------------------
    def reload_rows(self, keep_paragraph: int | None = None) -> None:
        app = self.workbench_app
        self.finding_kinds = workbench.finding_kinds_by_paragraph(app.store, self.document.id)
        self.summaries = [
            ListRow(
                s.id,
                s.position,
                s.status,
                len(self.finding_kinds.get(s.id, ())),
                s.source_start,
            )
            for s in review.paragraph_summaries(app.store, self.document.id)
        ]
        self._apply_filters(keep_paragraph)

    def _apply_filters(self, keep_paragraph: int | None = None) -> None:
        rows = [row for row in self.summaries if self._visible(row)]
        paragraphs = self.query_one(ParagraphList)
        keep = keep_paragraph if keep_paragraph is not None else self._current_id()
        index = next((i for i, row in enumerate(rows) if row.paragraph_id == keep), 0)
        paragraphs.set_rows(rows, index)
        self._update_caption(len(rows))
        if not rows:
            self._show(None)

    def _visible(self, row: ListRow) -> bool:
        if self.status_filter is not None and row.status is not self.status_filter:
            return False
        if self.kind_filter is not None and self.kind_filter not in self.finding_kinds.get(
            row.paragraph_id, ()
        ):
            return False
        return self.search_ids is None or row.paragraph_id in self.search_ids

    def _update_caption(self, shown: int) -> None:
        filters = []
        if self.status_filter is not None:
            filters.append(f"status={self.status_filter.value}")
        if self.kind_filter is not None:
            filters.append(f"finding={self.kind_filter}")
        if self.search_ids is not None:
            filters.append(f"search={self.search_query!r}")
        total = len(self.summaries)
        caption = f"{shown} of {total} paragraphs" if filters else f"{total} paragraphs"
        if filters:
            caption += " · " + ", ".join(filters)
        self.query_one("#list-caption", Static).update(caption)

    def _current_id(self) -> int | None:
        return self.current.id if self.current is not None else None

    def _cursor_moved(self) -> None:
        """Show the paragraph under the cursor in the same call as the cursor move, so the
        list and the detail are painted in one frame; the Highlighted message arrives a
        message hop later, after the screen may already have painted the list alone."""
        row = self.query_one(ParagraphList).current
        if row is not None:
            self._select(row.paragraph_id)

    @on(ParagraphList.Highlighted)
    def highlighted(self, event: ParagraphList.Highlighted) -> None:
        self._select(event.row.paragraph_id)

    def _select(self, paragraph_id: int) -> None:
        if self.current is not None and self.current.id == paragraph_id:
            return
        self.save_if_changed()
        self.show_paragraph(paragraph_id)

    # -- the selected paragraph -----------------------------------------------------
    def show_paragraph(self, paragraph_id: int) -> None:
        app = self.workbench_app
        detail = workbench.paragraph_detail(app.project, app.store, self.document, paragraph_id)
        self._show(detail)

    def _show(self, detail: workbench.ParagraphDetail | None) -> None:
        target = self.query_one("#target", TextArea)
        if detail is None:
            self.current = None
            self.loaded_text = ""
            target.load_text("")
            return
        paragraph = detail.paragraph
        self.current = paragraph
        self.loaded_text = paragraph.target_text
        self.query_one(StatusBadge).show(paragraph.status)
        who = f" · last change by {paragraph.updated_by}" if paragraph.updated_by else ""
        self._set_text(
            "#position",
            Text(
                f" ¶{paragraph.position + 1} of {len(self.summaries)} · "
                f"{self.document.source_lang}→{self.document.target_lang}{who}"
            ),
        )
        self._set_text("#source", Text(paragraph.source_text))
        machine = detail.machine_translation
        self._set_text(
            "#machine",
            Text(machine) if machine is not None else Text("(no machine translation yet)", "dim"),
        )
        if target.text != paragraph.target_text:
            target.load_text(paragraph.target_text)
        self._set_text("#terms", _terms_text(detail.terms))
        self._set_text("#findings", _findings_text(detail.findings))

    def _set_text(self, selector: str, text: Text) -> None:
        """Update a panel, re-running the screen layout only when its height changes: a
        layout pass reflows and repaints the whole screen (~5 ms, a second frame). The
        panels reserve lines in review.tcss (min-height), so a typical paragraph fits and
        moving through them never changes a height."""
        widget = self.query_one(selector, Static)
        if self._shown.get(widget.id or "") == text:
            return
        width = widget.content_region.width or 60
        lines = len(text.wrap(self.app.console, width)) if text.plain else 1
        # Compared with the height of the last layout (after a resize too); a layout still
        # pending is run with the newest text anyway.
        same_height = widget.content_size.height == max(lines, _reserved_lines(widget))
        self._shown[widget.id or ""] = text
        widget.update(text, layout=not same_height)

    def _refresh_row(self, paragraph: Paragraph) -> None:
        row = next((r for r in self.summaries if r.paragraph_id == paragraph.id), None)
        if row is None:
            return
        updated = replace(row, status=paragraph.status)
        self.summaries[self.summaries.index(row)] = updated
        self.query_one(ParagraphList).update_row(updated)

    def save_if_changed(self) -> bool:
        """Save the target if the user changed it; False when the save did not happen."""
        if self.current is None:
            return True
        text = self.query_one("#target", TextArea).text
        if text == self.loaded_text:
            return True
        app = self.workbench_app
        paragraph = self.current
        try:
            saved = review.save_target(
                app.project,
                app.store,
                paragraph.id,
                paragraph.version,
                text,
                app.actor,
                recheck_now=False,
            )
        except ParagraphConflict as conflict:
            self._resolve_conflict(conflict, base=self.loaded_text, position=paragraph.position)
            return False
        except TranslatorError as error:
            self.notify(str(error), title="Not saved", severity="error")
            return False
        self.current = saved
        self.loaded_text = saved.target_text
        self._refresh_row(saved)
        self.query_one(StatusBadge).show(saved.status)
        app.start_recheck(saved.id)
        return True

    def _resolve_conflict(self, conflict: ParagraphConflict, base: str, position: int) -> None:
        app = self.workbench_app
        view = describe_conflict(conflict, base)

        def chosen(text: str | None) -> None:
            if text is None:
                return
            try:
                saved = review.resolve_conflict(
                    app.project, app.store, conflict, text, app.actor, recheck_now=False
                )
            except ParagraphConflict as again:
                self._resolve_conflict(again, base=again.stored_target, position=position)
                return
            except TranslatorError as error:
                self.notify(str(error), title="Not saved", severity="error")
                return
            self._refresh_row(saved)
            app.start_recheck(saved.id)
            if self.current is not None and self.current.id == saved.id:
                self.show_paragraph(saved.id)
            self.notify(f"¶{position + 1} saved", title="Conflict resolved")

        self.app.push_screen(ConflictModal(view, f"¶{position + 1}"), chosen)

    def _after_change(self, paragraph: Paragraph) -> None:
        self._refresh_row(paragraph)
        self.show_paragraph(paragraph.id)

    # -- actions --------------------------------------------------------------------
    def action_save(self) -> None:
        if self.save_if_changed() and self.current is not None:
            self.show_paragraph(self.current.id)

    def action_edit(self) -> None:
        if self.current is not None:
            target = self.query_one("#target", TextArea)
            target.move_cursor(target.document.end)  # typing continues the text
            target.focus()

    def action_leave(self) -> None:
        target = self.query_one("#target", TextArea)
        if target.has_focus:
            self.save_if_changed()
            self.query_one(ParagraphList).focus()
            return
        if self.save_if_changed():
            self.app.pop_screen()

    def _change_status(self, status: ReviewStatus, reason: str | None = None) -> None:
        if self.current is None or not self.save_if_changed():
            return
        app = self.workbench_app
        paragraph = self.current
        try:
            changed = review.change_status(
                app.project, app.store, paragraph.id, paragraph.version, status, app.actor, reason
            )
        except ParagraphConflict:
            self.notify(
                "Someone changed this paragraph meanwhile; it was reloaded", severity="warning"
            )
            self.show_paragraph(paragraph.id)
            return
        except TranslatorError as error:
            self.notify(str(error), title="Refused", severity="error")
            return
        self._after_change(changed)
        self.notify(f"¶{changed.position + 1} {status.value}")

    def action_approve(self) -> None:
        self._change_status(ReviewStatus.APPROVED)

    def action_reject(self) -> None:
        if self.current is None:
            return

        def with_reason(reason: str | None) -> None:
            if reason:
                self._change_status(ReviewStatus.REJECTED, reason)

        self.app.push_screen(
            TextPromptModal("Reason for rejecting", "what must change"), with_reason
        )

    def _move_to_work(self, backwards: bool) -> None:
        if self.current is None:
            return
        app = self.workbench_app
        found = review.next_needing_work(
            app.store, self.document.id, self.current.position, app.actor, backwards
        )
        if found is None:
            self.notify("No more paragraphs need your work in that direction")
            return
        paragraphs = self.query_one(ParagraphList)
        index = paragraphs.index_of(found.id)
        if index is None:  # hidden by a filter: clear the filters to show it
            self.status_filter = self.kind_filter = None
            self.search_ids = None
            self._apply_filters(found.id)
            index = paragraphs.index_of(found.id)
        if index is not None:
            paragraphs.move_to(index)

    def action_next_work(self) -> None:
        self._move_to_work(backwards=False)

    def action_previous_work(self) -> None:
        self._move_to_work(backwards=True)

    def action_copy_machine(self) -> None:
        if self.current is None:
            return
        app = self.workbench_app
        detail = workbench.paragraph_detail(app.project, app.store, self.document, self.current.id)
        if detail.machine_translation is None:
            self.notify("This paragraph has no machine translation yet", severity="warning")
            return
        target = self.query_one("#target", TextArea)
        target.replace(detail.machine_translation, (0, 0), target.document.end)

    def action_undo(self) -> None:
        target = self.query_one("#target", TextArea)
        if target.text == self.loaded_text:
            self.notify("Nothing to undo since the last save")
            return
        target.undo()

    def action_comment(self) -> None:
        if self.current is None:
            return
        paragraph_id = self.current.id

        def with_text(body: str | None) -> None:
            if body:
                app = self.workbench_app
                try:
                    review.add_comment(app.store, paragraph_id, app.actor, body)
                except TranslatorError as error:
                    self.notify(str(error), severity="error")
                    return
                self.notify("Comment added")

        self.app.push_screen(TextPromptModal("Comment on this paragraph"), with_text)

    def action_history(self) -> None:
        if self.current is None or not self.save_if_changed():
            return
        from translator.tui.screens.history import HistoryScreen

        self.app.push_screen(HistoryScreen(self.current.id, self.current.position))

    def action_search(self) -> None:
        def with_query(query: str | None) -> None:
            if query is None:
                self.search_ids, self.search_query = None, ""
            else:
                store = self.workbench_app.store
                self.search_ids = review.search_paragraphs(store, self.document.id, query)
                self.search_query = query
            self._apply_filters()

        self.app.push_screen(
            TextPromptModal("Search source and target (Escape clears)", value=self.search_query),
            with_query,
        )

    def action_filter_status(self) -> None:
        choices = [("all", "all statuses"), *((s.value, s.value) for s in ReviewStatus)]

        def with_choice(value: str | None) -> None:
            if value is not None:
                self.status_filter = None if value == "all" else ReviewStatus(value)
                self._apply_filters()

        self.app.push_screen(ChoiceModal("Show paragraphs with status", choices), with_choice)

    def action_filter_kind(self) -> None:
        kinds = sorted({kind for kinds in self.finding_kinds.values() for kind in kinds})
        if not kinds and self.kind_filter is None:
            self.notify("No open findings in this document")
            return
        choices = [("all", "all paragraphs"), *((kind, kind) for kind in kinds)]

        def with_choice(value: str | None) -> None:
            if value is not None:
                self.kind_filter = None if value == "all" else value
                self._apply_filters()

        self.app.push_screen(ChoiceModal("Show paragraphs with finding", choices), with_choice)

    def action_add_term(self) -> None:
        """Add the word(s) selected in the target to the glossary, asking for the source."""
        target = self.query_one("#target", TextArea)
        selected = " ".join(target.selected_text.split())
        if not selected:
            self.notify("Select the rendering in the target first (shift+arrows)")
            return
        app = self.workbench_app
        source_lang = self.document.source_lang

        def with_source(source: str | None) -> None:
            if not source:
                return
            try:
                summary = workbench.add_glossary_term(
                    app.store, source, selected, source_lang, app.actor.name
                )
            except TranslatorError as error:
                self.notify(str(error), title="Not added", severity="error")
                return
            self.notify(summary, title="Glossary")
            if self.current is not None:
                self.show_paragraph(self.current.id)

        self.app.push_screen(
            TextPromptModal(f"Source term rendered as «{selected}»", "as in the source text"),
            with_source,
        )

    def action_run_machine_translation(self) -> None:
        self.workbench_app.start_machine_translation(self.document.name)

    def action_run_checks(self) -> None:
        self.workbench_app.start_checks()

    def action_help(self) -> None:
        from translator.tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(self))

    def refresh_findings(self, paragraph_id: int) -> None:
        """After a background re-check: new finding markers, and the panel if it is shown."""
        app = self.workbench_app
        self.finding_kinds = workbench.finding_kinds_by_paragraph(app.store, self.document.id)
        for index, row in enumerate(self.summaries):
            count = len(self.finding_kinds.get(row.paragraph_id, ()))
            if count != row.findings:
                self.summaries[index] = replace(row, findings=count)
                self.query_one(ParagraphList).update_row(self.summaries[index])
        if self.current is not None and self.current.id == paragraph_id:
            findings = workbench.paragraph_findings(app.store, paragraph_id)
            self._set_text("#findings", _findings_text(findings))

    def refresh_after_work(self) -> None:
        """Reload rows and the selected paragraph after a worker changed the project."""
        if self.save_if_changed():
            self.reload_rows(self._current_id())
            if self.current is not None:
                self.show_paragraph(self.current.id)


def _reserved_lines(widget: Static) -> int:
    """The lines a panel keeps whatever it shows (its min-height in cells), 0 if none."""
    min_height = widget.styles.min_height
    return (min_height.cells or 0) if min_height is not None else 0


def _terms_text(terms: list[workbench.TermHint]) -> Text:
    if not terms:
        return Text("(no glossary terms in this paragraph)", style="dim")
    text = Text()
    for hint in terms:
        text.append(hint.source, style="bold")
        text.append(" → ")
        text.append(hint.target + "\n", style="green")
    text.rstrip()
    return text


def _findings_text(findings: list[workbench.FindingLine]) -> Text:
    if not findings:
        return Text("(no open findings)", style="dim")
    text = Text()
    colours = {"error": "red", "warning": "yellow", "info": "blue"}
    for line in findings:
        text.append(f"{line.severity:<8}", style=f"bold {colours.get(line.severity, 'white')}")
        text.append(f"{line.kind}: ", style="bold")
        text.append(line.message + "\n")
    text.rstrip()
    return text
