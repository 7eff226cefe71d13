"""The name-conflicts screen over findings from a real check run: clusters with spellings,
counts and context lines; choose or type the canonical spelling; preview; apply."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import DataTable, Input, OptionList

from tests.review_helpers import (
    configure_roles,
    finding_spelling,
    import_name_variants,
    name_variant_findings,
    run_async,
    settle,
)
from translator import services
from translator.core.models import Paragraph, ReviewStatus
from translator.project import Project
from translator.services import checks, review, workbench
from translator.store import ProjectStore
from translator.tui.app import ReviewApp
from translator.tui.screens.conflicts import ConflictsScreen

SIZE = (120, 40)


def editor_app(project: Project, store: ProjectStore) -> ReviewApp:
    project = configure_roles(project, editors=("erin",))
    return ReviewApp(project, store, review.actor_for(project, "erin"))


def option_ids(screen: ConflictsScreen) -> list[str]:
    spellings = screen.query_one("#spellings", OptionList)
    return [str(spellings.get_option_at_index(i).id) for i in range(spellings.option_count)]


def prompts_text(screen: ConflictsScreen) -> str:
    """Every option's text (spelling, count, context lines) as the user reads it."""
    spellings = screen.query_one("#spellings", OptionList)
    options = (spellings.get_option_at_index(i) for i in range(spellings.option_count))
    return "\n".join(str(option.prompt) for option in options)


def highlighted_id(screen: ConflictsScreen) -> str | None:
    spellings = screen.query_one("#spellings", OptionList)
    if spellings.highlighted is None:
        return None
    return spellings.get_option_at_index(spellings.highlighted).id


def preview_text(screen: ConflictsScreen) -> str:
    return str(screen.query_one("#preview").render())


async def open_cluster(app: ReviewApp, pilot: Any, spelling: str) -> ConflictsScreen:  # Pilot[None]
    """Open the conflicts screen and move to the cluster that holds `spelling`."""
    await pilot.press("c")
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, ConflictsScreen)
    index = next(i for i, c in enumerate(screen.clusters) if spelling in c.spellings)
    screen.query_one("#clusters", DataTable).move_cursor(row=index)
    await settle(pilot)
    return screen


def first_name_cluster(store: ProjectStore) -> workbench.NameCluster:
    clusters = workbench.name_clusters(store)
    return next(c for c in clusters if "Dmitriy" in c.spellings)


@pytest.fixture
def planted(project: Project, store: ProjectStore) -> list[Paragraph]:
    return import_name_variants(project, store)


@run_async
async def test_first_name_and_surname_clusters_are_listed_with_contexts(
    project: Project, store: ProjectStore, planted: list[Paragraph]
) -> None:
    stored = name_variant_findings(store)
    app = editor_app(project, store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_cluster(app, pilot, "Dmitriy")
        assert screen.query_one("#clusters", DataTable).row_count == len(stored) >= 2
        cluster = first_name_cluster(store)
        assert set(option_ids(screen)) == {"Dmitrii", "Dmitriy", "Dmitry"}
        assert highlighted_id(screen) == cluster.canonical  # the check's suggestion
        assert screen.query_one("#canonical", Input).value == cluster.canonical
        prompts = prompts_text(screen)
        assert "names.txt ¶4" in prompts and "is ill." in prompts  # Dmitriy's context line


@run_async
async def test_apply_chosen_spelling_end_to_end(
    project: Project, store: ProjectStore, planted: list[Paragraph]
) -> None:
    ids = [p.id for p in planted]
    surname_findings = [
        s for s in name_variant_findings(store) if finding_spelling(s, "Zhurravlev")
    ]
    app = editor_app(project, store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_cluster(app, pilot, "Dmitriy")
        spellings = screen.query_one("#spellings", OptionList)
        spellings.focus()
        spellings.highlighted = option_ids(screen).index("Dmitrii")
        await settle(pilot)
        assert screen.canonical == "Dmitrii"
        preview = preview_text(screen)
        assert "Canonical: Dmitrii; 2 paragraph(s) change" in preview
        assert "names.txt ¶2" in preview and "names.txt ¶4" in preview
        assert "Kolesnikov" not in preview  # the judge is another person
        await pilot.press("a")
        await settle(pilot)
        assert not screen.applying
        left = [c.choices for c in screen.clusters]
        assert not any("Dmitriy" in choices for choices in left), left
    texts = [store.paragraph(pid).target_text for pid in ids]
    assert texts[1] == "Dmitrii Zhuravlev was moved to IK-6."
    assert texts[3] == "Dmitrii Zhuravlev is ill."
    assert texts[5] == "Judge Dmitry Kolesnikov read the verdict."
    for pid in (ids[1], ids[3]):
        last = store.history(pid)[-1]
        assert (last.actor, last.action) == ("erin", "resolve")
        assert store.paragraph(pid).status is ReviewStatus.EDITED
    remaining = name_variant_findings(store)
    assert not any(finding_spelling(s, "Dmitriy") for s in remaining)
    assert [s.id for s in remaining if finding_spelling(s, "Zhurravlev")] == [
        s.id for s in surname_findings
    ]  # the surname cluster is another decision


@run_async
async def test_typed_canonical_is_previewed_and_applied(
    project: Project, store: ProjectStore, planted: list[Paragraph]
) -> None:
    app = editor_app(project, store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_cluster(app, pilot, "Dmitriy")
        await pilot.press("e")  # focus the canonical input
        canonical = screen.query_one("#canonical", Input)
        assert canonical.has_focus
        canonical.value = ""
        await pilot.press(*"Dmitrij")
        await settle(pilot)
        assert screen.canonical == "Dmitrij"
        assert "Canonical: Dmitrij; 4 paragraph(s) change" in preview_text(screen)
        await pilot.press("enter", "a")  # enter returns to the list, where a applies
        await settle(pilot)
    assert store.paragraph(planted[3].id).target_text == "Dmitrij Zhuravlev is ill."
    assert store.paragraph(planted[0].id).target_text.startswith("Dmitrij Zhuravlev was")


@run_async
async def test_empty_canonical_is_refused_and_nothing_changes(
    project: Project, store: ProjectStore, planted: list[Paragraph]
) -> None:
    before = [store.paragraph(p.id) for p in planted]
    app = editor_app(project, store)
    notes: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_cluster(app, pilot, "Dmitriy")
        original_notify = app.notify

        def notify(message: str, **options: Any) -> None:
            notes.append(message)
            original_notify(message, **options)

        app.notify = notify  # type: ignore[method-assign]
        screen.query_one("#canonical", Input).value = "   "
        await settle(pilot)
        assert screen.canonical is None
        await pilot.press("a")
        await settle(pilot)
        assert not screen.applying
    assert any("canonical spelling is empty" in note for note in notes), notes
    assert [store.paragraph(p.id) for p in planted] == before


@run_async
async def test_apply_and_preview_run_in_worker_threads(
    project: Project,
    store: ProjectStore,
    planted: list[Paragraph],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    threads: dict[str, list[threading.Thread]] = {"apply": [], "preview": []}

    def recording(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            threads[name].append(threading.current_thread())
            return function(*args, **kwargs)

        return wrapper

    monkeypatch.setattr(
        workbench, "apply_in_background", recording("apply", workbench.apply_in_background)
    )
    monkeypatch.setattr(
        workbench, "preview_in_background", recording("preview", workbench.preview_in_background)
    )
    app = editor_app(project, store)
    async with app.run_test(size=SIZE) as pilot:
        await open_cluster(app, pilot, "Zhurravlev")
        await pilot.press("a")
        await settle(pilot)
    assert threads["preview"] and threads["apply"]
    main = threading.main_thread()
    assert all(thread is not main for found in threads.values() for thread in found)
    assert store.paragraph(planted[4].id).target_text == "Zhuravlev went on hunger strike."


@run_async
async def test_apply_failure_is_reported_and_screen_stays_usable(
    project: Project, store: ProjectStore, planted: list[Paragraph]
) -> None:
    """The apply is refused in the worker (roles changed on disk meanwhile): the error is
    shown, nothing is written, and another apply may be started."""
    app = editor_app(project, store)
    notes: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_cluster(app, pilot, "Dmitriy")
        app.notify = lambda message, **_: notes.append(str(message))  # type: ignore[method-assign]
        project_without_editor = configure_roles(project, editors=("someone-else",))
        app.project = project_without_editor
        await pilot.press("a")
        await settle(pilot)
        assert not screen.applying
    assert any("may not resolve" in note for note in notes), notes
    assert store.paragraph(planted[3].id).target_text == "Dmitriy Zhuravlev is ill."


@run_async
async def test_seeds_typo_offers_and_preselects_the_correct_spelling(
    project: Project, store: ProjectStore, seeds_dir: Path
) -> None:
    """In the real-world seeds a misspelt name's correct form is written nowhere (the
    finding says "use X" for X absent from the text); the editor must still get it."""
    files = sorted(seeds_dir.glob("*.txt"))
    services.import_sources(project, store, files, actor="importer", lang="en")
    checks.run_checks(project, store, kinds=["name-variant"])
    clusters = workbench.name_clusters(store)
    typos = [c for c in clusters if c.canonical and not c.spellings.get(c.canonical)]
    assert typos, "the seeds hold a misspelt name whose correct spelling occurs nowhere"
    app = editor_app(project, store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ConflictsScreen)
        table = screen.query_one("#clusters", DataTable)
        for typo in typos:
            table.move_cursor(row=next(i for i, c in enumerate(screen.clusters) if c == typo))
            await settle(pilot)
            assert typo.canonical in option_ids(screen)
            assert highlighted_id(screen) == typo.canonical
            assert screen.query_one("#canonical", Input).value == typo.canonical
            assert screen.canonical == typo.canonical
            misspelt = [s for s, n in typo.spellings.items() if n and s != typo.canonical]
            prompts = prompts_text(screen)
            for spelling in misspelt:
                assert typo.contexts[spelling], f"no context line for {spelling}"
                line = typo.contexts[spelling][0]
                assert spelling in line.text[line.start : line.end]
                assert f"{line.label} (source)  {line.text}" in prompts
            assert "source texts only" in preview_text(screen)
