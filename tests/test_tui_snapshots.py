"""SVG snapshots of the workbench's screens at 120x40, grouped by screen.

Regenerate after an intended change with `pytest tests/test_tui_snapshots.py
--snapshot-update` and look at the SVGs in tests/__snapshots__/. Timestamps are frozen
and the text cursor does not blink, so the pictures are stable.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from tests.review_helpers import import_document, import_name_variants, machine_translate, settle
from translator.project import Project
from translator.services import review
from translator.store import ProjectStore
from translator.tui.app import ReviewApp

SIZE = (120, 40)
FROZEN_NOW = "2026-03-12T10:00:00.000000+00:00"
SnapCompare = Callable[..., bool]


@pytest.fixture(autouse=True)
def frozen_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    for module in ("translator.store.sqlite", "translator.store.review_queries"):
        monkeypatch.setattr(f"{module}.utc_now", lambda: FROZEN_NOW)
    monkeypatch.setattr("translator.store.check_queries.utc_now", lambda: FROZEN_NOW)


@pytest.fixture
def workbench_app(project: Project, store: ProjectStore) -> Callable[..., ReviewApp]:
    paragraphs = machine_translate(store, import_document(project, store, count=12))
    tanya, erin = review.actor_for(project, "tanya"), review.actor_for(project, "erin")
    edited = review.save_target(
        project,
        store,
        paragraphs[0].id,
        paragraphs[0].version,
        "The Leninsky District Court sentenced Aleksei Sokolov to five years in a penal colony.",
        tanya,
    )
    review.add_comment(store, edited.id, tanya, "court name from the verdict")
    review.approve(project, store, paragraphs[2].id, paragraphs[2].version, erin)
    review.reject(project, store, paragraphs[3].id, paragraphs[3].version, erin, "date format")

    def make(doc: str | None = None) -> ReviewApp:
        return ReviewApp(project, store, review.actor_for(project, "erin"), doc)

    return make


async def _still_cursor(pilot: Pilot[Any]) -> None:
    for area in pilot.app.screen.query(TextArea):
        area.cursor_blink = False
    await pilot.pause()


def test_project_screen(snap_compare: SnapCompare, workbench_app: Callable[..., ReviewApp]) -> None:
    assert snap_compare(workbench_app(), terminal_size=SIZE, run_before=_still_cursor)


def test_review_screen(snap_compare: SnapCompare, workbench_app: Callable[..., ReviewApp]) -> None:
    assert snap_compare(
        workbench_app("case.txt"), terminal_size=SIZE, press=["down"], run_before=_still_cursor
    )


def test_history_screen(snap_compare: SnapCompare, workbench_app: Callable[..., ReviewApp]) -> None:
    assert snap_compare(
        workbench_app("case.txt"), terminal_size=SIZE, press=["h"], run_before=_still_cursor
    )


def test_conflicts_screen(
    snap_compare: SnapCompare,
    workbench_app: Callable[..., ReviewApp],
    project: Project,
    store: ProjectStore,
) -> None:
    """Clusters from a real check run; the preview comes from a worker, so wait for it."""
    import_name_variants(project, store)

    async def open_conflicts(pilot: Pilot[Any]) -> None:
        await pilot.press("c")
        await settle(pilot)
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False
        await _still_cursor(pilot)

    assert snap_compare(workbench_app(), terminal_size=SIZE, run_before=open_conflicts)
