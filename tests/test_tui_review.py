"""The review workbench driven with Textual's Pilot: every flow of the review screen."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from textual.widgets import TextArea

from tests.review_helpers import (
    configure_roles,
    import_document,
    machine_translate,
    run_async,
)
from translator import services
from translator.core.models import Paragraph, ReviewStatus
from translator.project import Project
from translator.services import review
from translator.store import ProjectStore
from translator.tui.app import ReviewApp
from translator.tui.screens.conflict_modal import ConflictModal
from translator.tui.screens.history import HistoryScreen
from translator.tui.screens.modals import TextPromptModal
from translator.tui.screens.project import ProjectScreen
from translator.tui.screens.review import ReviewScreen
from translator.tui.widgets.paragraph_list import ParagraphList

SIZE = (120, 40)


@pytest.fixture
def paragraphs(project: Project, store: ProjectStore) -> list[Paragraph]:
    return machine_translate(store, import_document(project, store))


@pytest.fixture
def make_app(project: Project, store: ProjectStore) -> Iterator[object]:
    def make(
        user: str = "tester", doc: str | None = "case.txt", proj: Project = project
    ) -> ReviewApp:
        return ReviewApp(proj, store, review.actor_for(proj, user), doc)

    yield make


def review_screen(app: ReviewApp) -> ReviewScreen:
    assert isinstance(app.screen, ReviewScreen), type(app.screen).__name__
    return app.screen


@run_async
async def test_project_screen_lists_documents_and_opens_one(
    make_app, paragraphs: list[Paragraph]
) -> None:
    app = make_app(doc=None)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, ProjectScreen)
        table = app.screen.query_one("#documents")
        assert table.row_count == 1
        assert "case.txt" in str(table.get_row_at(0)[0])
        await pilot.press("enter")
        await pilot.pause()
        screen = review_screen(app)
        assert screen.document.name == "case.txt"
        assert screen.current is not None and screen.current.id == paragraphs[0].id


@run_async
async def test_navigate_shows_source_mt_and_target(make_app, paragraphs: list[Paragraph]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = review_screen(app)
        await pilot.press("down", "down")
        await pilot.pause()
        assert screen.current is not None and screen.current.id == paragraphs[2].id
        assert screen.query_one("#target", TextArea).text == paragraphs[2].target_text
        source = screen.query_one("#source")
        assert paragraphs[2].source_text in str(source.render())
        await pilot.press("up")
        await pilot.pause()
        assert screen.current is not None and screen.current.id == paragraphs[1].id


@run_async
async def test_edit_autosaves_on_leaving_the_paragraph(
    make_app, store: ProjectStore, paragraphs: list[Paragraph]
) -> None:
    app = make_app(user="tanya")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("e", "!", "escape", "down")
        await pilot.pause()
        saved = store.paragraph(paragraphs[0].id)
        assert saved.target_text == paragraphs[0].target_text + "!"
        assert saved.status is ReviewStatus.EDITED
        assert store.history(saved.id)[-1].actor == "tanya"
        list_row = review_screen(app).query_one(ParagraphList).rows[0]
        assert list_row.status is ReviewStatus.EDITED


@run_async
async def test_unchanged_paragraph_is_not_saved(
    make_app, store: ProjectStore, paragraphs: list[Paragraph]
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("down", "down", "up")
        await pilot.pause()
    assert all(len(store.history(p.id)) == 1 for p in paragraphs)


@run_async
async def test_approve(make_app, store: ProjectStore, paragraphs: list[Paragraph]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        assert store.paragraph(paragraphs[0].id).status is ReviewStatus.APPROVED
        assert review_screen(app).query_one(ParagraphList).rows[0].status is (ReviewStatus.APPROVED)


@run_async
async def test_reject_asks_for_a_reason(
    make_app, store: ProjectStore, paragraphs: list[Paragraph]
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, TextPromptModal)
        await pilot.press("enter")  # an empty reason is refused, the dialog stays
        await pilot.pause()
        assert isinstance(app.screen, TextPromptModal)
        await pilot.press(*"wrong court", "enter")
        await pilot.pause()
        rejected = store.paragraph(paragraphs[0].id)
        assert rejected.status is ReviewStatus.REJECTED
        assert store.history(rejected.id)[-1].note == "wrong court"


@run_async
async def test_four_eyes_refusal_in_the_workbench(
    make_app, project: Project, store: ProjectStore, paragraphs: list[Paragraph]
) -> None:
    project = configure_roles(project, editors=("erin", "ed"))
    app = make_app(user="erin", proj=project)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("e", "!", "escape")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        assert store.paragraph(paragraphs[0].id).status is ReviewStatus.EDITED
        messages = [n.message for n in app._notifications]
        assert any("four-eyes" in message for message in messages)


@run_async
async def test_translator_may_not_open_name_conflicts(
    make_app, project: Project, paragraphs: list[Paragraph]
) -> None:
    project = configure_roles(project, translators=("tanya",), editors=("erin",))
    app = make_app(user="tanya", doc=None, proj=project)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, ProjectScreen)
        assert any("only editors" in n.message for n in app._notifications)


@run_async
async def test_copy_mt_and_undo(make_app, store: ProjectStore, paragraphs: list[Paragraph]) -> None:
    store._db.execute(  # type: ignore[attr-defined]
        "UPDATE sentences SET machine_translation = 'Raw MT.' WHERE paragraph_id = ?",
        (paragraphs[0].id,),
    )
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        target = review_screen(app).query_one("#target", TextArea)
        await pilot.press("m")
        await pilot.pause()
        assert target.text == "Raw MT."
        await pilot.press("u")
        await pilot.pause()
        assert target.text == paragraphs[0].target_text


@run_async
async def test_next_needing_work_skips_approved(
    make_app, project: Project, store: ProjectStore, paragraphs: list[Paragraph]
) -> None:
    me = review.actor_for(project)
    for paragraph in paragraphs[1:3]:
        review.approve(project, store, paragraph.id, paragraph.version, me)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        current = review_screen(app).current
        assert current is not None and current.id == paragraphs[3].id
        await pilot.press("p")
        await pilot.pause()
        current = review_screen(app).current
        assert current is not None and current.id == paragraphs[0].id


@run_async
async def test_filter_by_status_and_search(
    make_app, project: Project, store: ProjectStore, paragraphs: list[Paragraph]
) -> None:
    review.approve(
        project, store, paragraphs[2].id, paragraphs[2].version, review.actor_for(project)
    )
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = review_screen(app)
        await pilot.press("f")
        await pilot.pause()
        await pilot.press(*["down"] * 4, "enter")  # all, new, machine, edited, approved
        await pilot.pause()
        rows = screen.query_one(ParagraphList).rows
        assert [row.paragraph_id for row in rows] == [paragraphs[2].id]
        await pilot.press("f")
        await pilot.pause()
        await pilot.press("enter")  # all statuses
        await pilot.pause()
        await pilot.press("slash", *"апелляц", "enter")
        await pilot.pause()
        rows = screen.query_one(ParagraphList).rows
        assert [row.paragraph_id for row in rows] == [paragraphs[1].id]


@run_async
async def test_comment_is_stored(
    make_app, store: ProjectStore, paragraphs: list[Paragraph]
) -> None:
    app = make_app(user="erin")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("c", *"check the name", "enter")
        await pilot.pause()
    [comment] = store.comments(paragraphs[0].id)
    assert (comment.author, comment.body) == ("erin", "check the name")


@run_async
async def test_history_screen_shows_versions_and_diff(
    make_app, project: Project, store: ProjectStore, paragraphs: list[Paragraph]
) -> None:
    first = paragraphs[0]
    review.save_target(
        project,
        store,
        first.id,
        first.version,
        "The court gave Sokolov five years.",
        review.actor_for(project, "tanya"),
    )
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        table = screen.query_one("#versions")
        assert table.row_count == 3
        assert str(table.get_row_at(2)[2]) == "tanya"
        diff = str(screen.query_one("#version-diff").render())
        # Deleted words (struck) and inserted ones are both shown, in text order.
        assert "sentenced" in diff and "gave" in diff
        assert diff.index("court") < diff.index("gave")
        await pilot.press("up")  # version 2 against version 1 (empty -> MT)
        await pilot.pause()
        assert "Version 1 → version 2" in str(screen.query_one("#diff-title").render())
        await pilot.press("escape")
        await pilot.pause()
        review_screen(app)


@run_async
async def test_concurrent_edit_opens_conflict_modal_and_merges(
    make_app, project: Project, store: ProjectStore, paragraphs: list[Paragraph]
) -> None:
    """A second session (another store on the same file) saves first; ours must not
    overwrite it silently: the conflict dialog offers theirs, mine and a merge."""
    first = paragraphs[0]
    app = make_app(user="bob")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        with services.open_project_store(project) as other:
            review.save_target(
                project,
                other,
                first.id,
                first.version,
                first.target_text.replace("court", "city court"),
                review.actor_for(project, "alice"),
            )
        await pilot.press("e", "!", "escape")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, ConflictModal)
        assert modal.view.theirs == first.target_text.replace("court", "city court")
        assert modal.view.mine == first.target_text + "!"
        await pilot.click("#merge-button")
        await pilot.pause()
        saved = store.paragraph(first.id)
        assert saved.target_text == first.target_text.replace("court", "city court") + "!"
        assert [e.actor for e in store.history(first.id)] == ["mt", "alice", "bob"]
        assert review_screen(app).query_one("#target", TextArea).text == saved.target_text


@run_async
async def test_quitting_saves_the_open_edit(
    make_app, store: ProjectStore, paragraphs: list[Paragraph]
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("e", "?", "ctrl+q")
        await pilot.pause()
    assert store.paragraph(paragraphs[0].id).target_text.endswith("?")


@run_async
async def test_command_palette_lists_screen_actions(make_app, paragraphs: list[Paragraph]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        titles = [command.title for command in app.get_system_commands(app.screen)]
        for title in ("Approve", "Reject", "History", "Next work", "Copy MT", "Search"):
            assert title in titles


@run_async
async def test_save_rechecks_in_the_background_and_marks_the_finding(
    make_app, store: ProjectStore, paragraphs: list[Paragraph]
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = review_screen(app)
        await pilot.press("down", "down", "down")  # ¶4: «Заседание назначено на 12 марта.»
        await pilot.pause()
        target = screen.query_one("#target", TextArea)
        target.load_text("The hearing is scheduled for March.")
        await pilot.press("down")
        await app.workers.wait_for_complete()
        await pilot.pause()
        row = screen.query_one(ParagraphList).rows[3]
        assert row.paragraph_id == paragraphs[3].id and row.findings >= 1
        await pilot.press("up")
        await pilot.pause()
        assert "number-mismatch" in str(screen.query_one("#findings").render())


@run_async
async def test_add_glossary_term_from_selected_words(
    make_app, store: ProjectStore, paragraphs: list[Paragraph]
) -> None:
    from textual.widgets.text_area import Selection

    from translator.services import workbench

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        target = review_screen(app).query_one("#target", TextArea)
        start = paragraphs[0].target_text.index("Aleksei Sokolov")
        target.selection = Selection((0, start), (0, start + len("Aleksei Sokolov")))
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert isinstance(app.screen, TextPromptModal)
        await pilot.press(*"Алексей Соколов", "enter")
        await pilot.pause()
    entries = workbench.glossary_entries(app.project, store, "Sokolov")
    assert ("Алексей Соколов", "Aleksei Sokolov") in [(e.source, e.target) for e in entries]
