"""ReviewApp: the review workbench for one project, acting as one user.

Screens call services only. Long jobs (MT run, full checks) run in thread workers with
their own store connection and post messages; only the handlers touch widgets.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from typing import Any, ClassVar

from textual import on, work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from translator.core.errors import TranslatorError
from translator.project import Project
from translator.services import review, workbench
from translator.services.review import Actor
from translator.store import ProjectStore
from translator.tui.messages import (
    Rechecked,
    ResolutionApplied,
    ResolutionFailed,
    WorkFailed,
    WorkFinished,
)
from translator.tui.screens.conflicts import ConflictsScreen
from translator.tui.screens.project import ProjectScreen
from translator.tui.screens.review import ReviewScreen


class ReviewApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "translator"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("ctrl+q", "quit", "Quit", priority=True)]

    def __init__(
        self,
        project: Project,
        store: ProjectStore,
        actor: Actor,
        document_name: str | None = None,
    ) -> None:
        super().__init__()
        self.project = project
        self.store = store
        self.actor = actor
        self.document_name = document_name

    def on_mount(self) -> None:
        self.push_screen(ProjectScreen())
        if self.document_name is not None:
            self.open_document(self.document_name)

    # -- navigation -------------------------------------------------------------------
    def open_document(self, name: str) -> None:
        try:
            document = review.find_document(self.store, name)
        except TranslatorError as error:
            self.notify(str(error), severity="error")
            return
        self.push_screen(ReviewScreen(document))

    def open_conflicts(self) -> None:
        if not review.can_resolve_conflicts(self.actor):
            self.notify(
                f"{self.actor.name} may not resolve name conflicts: only editors may",
                severity="error",
            )
            return
        self.push_screen(ConflictsScreen())

    def open_glossary(self) -> None:
        from translator.tui.screens.glossary import GlossaryScreen

        self.push_screen(GlossaryScreen())

    async def action_quit(self) -> None:
        """Quitting saves the paragraph being edited first (a conflict keeps the app open)."""
        if isinstance(self.screen, ReviewScreen) and not self.screen.save_if_changed():
            return
        self.exit()

    # -- command palette: one entry per action of the current screen ------------------
    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for binding in screen.BINDINGS:
            if isinstance(binding, Binding) and binding.description:
                key = binding.key.split(",")[0]
                yield SystemCommand(
                    binding.description,
                    f"{type(screen).__name__.removesuffix('Screen')} · key {key}",
                    partial(screen.run_action, binding.action),
                )

    # -- long work in workers ----------------------------------------------------------
    def start_machine_translation(self, document_name: str) -> None:
        self.notify(f"Machine-translating {document_name}…")
        self._run_in_worker(
            "Machine translation",
            partial(workbench.run_machine_translation, self.project, document_name, self.actor),
        )

    def start_checks(self) -> None:
        self.notify("Running all checks…")
        self._run_in_worker("Checks", partial(workbench.run_all_checks, self.project))

    @work(thread=True, group="recheck")
    def start_recheck(self, paragraph_id: int) -> None:
        """Re-run the checks on a saved paragraph without blocking the screen."""
        try:
            workbench.recheck_in_background(self.project, paragraph_id)
        except TranslatorError as error:
            self.post_message(WorkFailed("Re-check", str(error)))
            return
        self.post_message(Rechecked(paragraph_id))

    @on(Rechecked)
    def rechecked(self, message: Rechecked) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, ReviewScreen):
                screen.refresh_findings(message.paragraph_id)

    @work(thread=True, exclusive=True, group="long-work")
    def _run_in_worker(self, title: str, job: Callable[[], str]) -> None:
        try:
            summary = job()
        except TranslatorError as error:
            self.post_message(WorkFailed(title, str(error)))
            return
        self.post_message(WorkFinished(title, summary))

    @on(WorkFinished)
    def work_finished(self, message: WorkFinished) -> None:
        self.notify(message.summary, title=message.title)
        for screen in self.screen_stack:
            if isinstance(screen, ReviewScreen):
                screen.refresh_after_work()
            elif isinstance(screen, ConflictsScreen) and not screen.applying:
                screen.reload()  # a checks run may have found or cleared name variants

    def start_resolution(self, cluster: workbench.NameCluster, canonical: str) -> None:
        """Apply a canonical spelling in a worker; the app, not the conflicts screen, hears
        the result, so leaving the screen meanwhile loses no notification."""
        self._resolve_in_worker(cluster, canonical)

    @work(thread=True, exclusive=True, group="resolve")
    def _resolve_in_worker(self, cluster: workbench.NameCluster, canonical: str) -> None:
        try:
            summary = workbench.apply_in_background(self.project, cluster, canonical, self.actor)
        except TranslatorError as error:
            self.post_message(ResolutionFailed("Not applied", str(error)))
            return
        self.post_message(ResolutionApplied(cluster.finding_id, summary))

    @on(ResolutionApplied)
    def resolution_applied(self, message: ResolutionApplied) -> None:
        self.notify(message.summary, title="Applied")
        for screen in self.screen_stack:
            if isinstance(screen, ReviewScreen):
                screen.refresh_after_work()
            elif isinstance(screen, ConflictsScreen):
                screen.resolution_finished(applied=True)

    @on(ResolutionFailed)
    def resolution_failed(self, message: ResolutionFailed) -> None:
        self.notify(message.error, title=message.title, severity="error")
        for screen in self.screen_stack:
            if isinstance(screen, ConflictsScreen):
                screen.resolution_finished(applied=False)

    @on(WorkFailed)
    def work_failed(self, message: WorkFailed) -> None:
        self.notify(message.error, title=f"{message.title} failed", severity="error")


def run_workbench(
    project: Project, store: ProjectStore, actor: Actor, document_name: str | None = None
) -> None:
    ReviewApp(project, store, actor, document_name).run()
