"""What keeps moving through paragraphs cheap (issue 6's 30 ms target, see bench/tui.py):
one frame per move, no layout pass between paragraphs of a similar size, list lines drawn
once. Each test would fail if the mechanism behind it were removed."""

from __future__ import annotations

from typing import Any

import pytest
from textual.widgets import Static, TextArea

from tests.review_helpers import import_document, machine_translate, run_async
from translator.core.models import Paragraph, ReviewStatus
from translator.project import Project
from translator.services import review
from translator.store import ProjectStore
from translator.tui.app import ReviewApp
from translator.tui.screens.review import ReviewScreen
from translator.tui.widgets.paragraph_list import ParagraphList

SIZE = (120, 40)
LONG_SOURCE = " ".join(["Суд отказал защите в ходатайстве о вызове свидетелей."] * 12)


@pytest.fixture
def paragraphs(project: Project, store: ProjectStore) -> list[Paragraph]:
    return machine_translate(store, import_document(project, store, count=60))


def make_app(project: Project, store: ProjectStore) -> ReviewApp:
    return ReviewApp(project, store, review.actor_for(project, "tester"), "case.txt")


def review_screen(app: ReviewApp) -> ReviewScreen:
    assert isinstance(app.screen, ReviewScreen), type(app.screen).__name__
    return app.screen


def count_calls(owner: object, name: str) -> list[int]:
    """Wrap `owner.name` on the instance; the returned list grows by one per call."""
    calls: list[int] = []
    original = getattr(owner, name)

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return original(*args, **kwargs)

    setattr(owner, name, counted)
    return calls


@run_async
async def test_cursor_move_shows_the_paragraph_before_any_message_is_handled(
    project: Project, store: ProjectStore, paragraphs: list[Paragraph]
) -> None:
    """The detail is updated in the call that moves the cursor, so the list and the detail
    reach the screen in the same frame (not one message hop, often a frame, apart)."""
    async with make_app(project, store).run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = review_screen(pilot.app)
        screen.query_one(ParagraphList).move_to(3)  # no await: nothing has been dispatched
        assert screen.current is not None and screen.current.id == paragraphs[3].id
        assert screen.query_one("#target", TextArea).text == paragraphs[3].target_text
        assert paragraphs[3].source_text in str(screen.query_one("#source", Static).render())


@run_async
async def test_moving_between_similar_paragraphs_needs_no_layout_pass(
    project: Project, store: ProjectStore, paragraphs: list[Paragraph]
) -> None:
    """The sample paragraphs have 0 to 2 glossary terms and one- or two-line sources; the
    panels' reserved heights absorb that, so only repaints happen."""
    async with make_app(project, store).run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = review_screen(pilot.app)
        heights = {name: screen.query_one(name).region.height for name in ("#source", "#terms")}
        layouts = count_calls(screen, "_refresh_layout")
        for _ in range(8):
            await pilot.press("down")
        await pilot.pause()
        assert screen.current is not None and screen.current.id == paragraphs[8].id
        assert layouts == []
        assert {name: screen.query_one(name).region.height for name in heights} == heights


@run_async
async def test_long_source_still_grows_its_panel(
    project: Project, store: ProjectStore, paragraphs: list[Paragraph]
) -> None:
    """Reserved heights are a minimum: a paragraph longer than the reserve is shown whole."""
    long = paragraphs[1]
    with store.transaction() as db:  # type: ignore[attr-defined]
        db.execute("UPDATE paragraphs SET source_text = ? WHERE id = ?", (LONG_SOURCE, long.id))
    async with make_app(project, store).run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = review_screen(pilot.app)
        source = screen.query_one("#source", Static)
        reserved = source.region.height
        await pilot.press("down")
        await pilot.pause()
        assert screen.current is not None and screen.current.id == long.id
        wrapped = len(source.render_lines(source.region.reset_offset))
        assert source.region.height > reserved
        assert source.region.height == wrapped
        await pilot.press("down")
        await pilot.pause()
        assert source.region.height == reserved


@run_async
async def test_scrolling_the_list_draws_only_the_lines_that_changed(
    project: Project, store: ProjectStore, paragraphs: list[Paragraph]
) -> None:
    async with make_app(project, store).run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = review_screen(pilot.app)
        paragraph_list = screen.query_one(ParagraphList)
        visible = paragraph_list.scrollable_content_region.height
        paragraph_list.move_to(visible - 1)  # the last visible line
        await pilot.pause()
        draws = count_calls(paragraph_list, "_draw")
        await pilot.press("down")  # scrolls every line up by one
        await pilot.pause()
        assert paragraph_list.scroll_offset.y == 1
        # the new bottom line (the cursor) and the line the cursor left; the others are cached
        assert 1 <= len(draws) <= 3


@run_async
async def test_cached_list_line_is_redrawn_when_its_row_changes(
    project: Project, store: ProjectStore, paragraphs: list[Paragraph]
) -> None:
    async with make_app(project, store).run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = review_screen(pilot.app)
        paragraph_list = screen.query_one(ParagraphList)
        paragraph_list.render_line(2)
        assert paragraph_list.render_line(2) is paragraph_list.render_line(2)  # cached
        before = paragraph_list.render_line(2).text
        await pilot.press("down", "down", "a")  # approve the third paragraph
        await pilot.pause()
        assert store.paragraph(paragraphs[2].id).status is ReviewStatus.APPROVED
        after = paragraph_list.render_line(2).text
        assert before.split()[1] == "M" and after.split()[1] == "A"
