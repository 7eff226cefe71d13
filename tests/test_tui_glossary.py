"""The glossary screen: search results come from a worker thread, the newest search wins."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from textual.widgets import DataTable, Input

from tests.review_helpers import run_async, settle
from translator.project import Project
from translator.services import review, workbench
from translator.store import ProjectStore
from translator.tui.app import ReviewApp
from translator.tui.messages import GlossaryListed
from translator.tui.screens.glossary import GlossaryScreen


def rows(screen: GlossaryScreen) -> list[tuple[str, str]]:
    table = screen.query_one(DataTable)
    return [tuple(map(str, table.get_row_at(i))) for i in range(table.row_count)]  # type: ignore[misc]


@run_async
async def test_search_runs_off_the_ui_thread_and_lists_matches(
    project: Project, store: ProjectStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    searched: list[tuple[str, threading.Thread]] = []
    original = workbench.glossary_entries_in_background

    def recording(*args: Any) -> Any:
        searched.append((args[1], threading.current_thread()))
        return original(*args)

    monkeypatch.setattr(workbench, "glossary_entries_in_background", recording)
    everything = workbench.glossary_entries(project, store, "")
    expected = workbench.glossary_entries(project, store, "колонии")
    assert expected and len(expected) < len(everything)
    app = ReviewApp(project, store, review.actor_for(project, "tester"))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("g")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, GlossaryScreen)
        assert len(rows(screen)) == len(everything)
        screen.query_one(Input).focus()
        await pilot.press(*"колонии")
        await settle(pilot)
        assert rows(screen) == [(hint.source, hint.target) for hint in expected]
    assert searched and searched[-1][0] == "колонии"
    assert all(thread is not threading.main_thread() for _, thread in searched)


@run_async
async def test_a_late_older_result_does_not_replace_the_newest(
    project: Project, store: ProjectStore
) -> None:
    app = ReviewApp(project, store, review.actor_for(project, "tester"))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("g")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, GlossaryScreen)
        screen.query_text = "колонии"
        screen.post_message(GlossaryListed("", [workbench.TermHint("stale", "stale")]))
        await pilot.pause()
        assert ("stale", "stale") not in rows(screen)
