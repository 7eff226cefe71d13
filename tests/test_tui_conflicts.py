"""The name-conflicts screen: clusters from the checks, preview per spelling, apply."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, OptionList

from tests.review_helpers import (
    configure_roles,
    import_document,
    machine_translate,
    run_async,
    store_name_variant,
)
from translator.project import Project
from translator.services import review
from translator.store import ProjectStore
from translator.tui.app import ReviewApp
from translator.tui.screens.conflicts import ConflictsScreen

SIZE = (120, 40)


@run_async
async def test_conflicts_preview_follows_the_chosen_spelling(
    project: Project, store: ProjectStore
) -> None:
    machine_translate(store, import_document(project, store, count=8))
    store_name_variant(store, project)
    app = ReviewApp(project, store, review.actor_for(project, "erin"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ConflictsScreen)
        assert screen.query_one("#clusters", DataTable).row_count == 1
        preview = str(screen.query_one("#preview").render())
        assert "Canonical: Aleksei Sokolov" in preview and "Alexey" in preview
        spellings = screen.query_one("#spellings", OptionList)
        spellings.focus()
        await pilot.press("down")
        await pilot.pause()
        assert screen.canonical == "Alexey Sokolov"
        assert "Canonical: Alexey Sokolov" in str(screen.query_one("#preview").render())


@run_async
async def test_apply_resolution_rewrites_targets(project: Project, store: ProjectStore) -> None:
    from translator.checks.runner import known_kinds

    if "name-variant" not in known_kinds():
        pytest.skip("the name-variant check is not registered yet (checks area, issue 5)")
    machine_translate(store, import_document(project, store, count=8))
    _, variant_id = store_name_variant(store, project)
    project = configure_roles(project, editors=("erin",))
    app = ReviewApp(project, store, review.actor_for(project, "erin"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
    assert store.paragraph(variant_id).target_text == "Aleksei Sokolov appealed."
    assert store.history(variant_id)[-1].actor == "erin"
