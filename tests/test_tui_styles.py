"""Styles live in .tcss files: no widget or screen carries DEFAULT_CSS, every CSS_PATH
names a file that exists, and the widgets still get their look from the app's sheet."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.review_helpers import import_document, machine_translate, run_async
from translator.project import Project
from translator.services import review
from translator.store import ProjectStore
from translator.tui.app import ReviewApp
from translator.tui.widgets.paragraph_list import ParagraphList
from translator.tui.widgets.status_badge import StatusBadge

TUI = Path(__file__).resolve().parents[1] / "src" / "translator" / "tui"


def _class_assignments(name: str) -> list[tuple[Path, ast.ClassDef, ast.expr]]:
    found = []
    for path in sorted(TUI.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                for statement in node.body:
                    if isinstance(statement, ast.Assign):
                        targets, value = statement.targets, statement.value
                    elif isinstance(statement, ast.AnnAssign) and statement.value is not None:
                        targets, value = [statement.target], statement.value
                    else:
                        continue
                    if any(isinstance(t, ast.Name) and t.id == name for t in targets):
                        found.append((path, node, value))
    return found


def test_no_default_css_in_the_tui() -> None:
    offenders = [f"{path.name}: {cls.name}" for path, cls, _ in _class_assignments("DEFAULT_CSS")]
    assert not offenders, f"move these styles into .tcss files: {offenders}"


def test_every_css_path_names_an_existing_tcss_file() -> None:
    paths = _class_assignments("CSS_PATH")
    assert len(paths) >= 8  # the app and each screen
    for path, cls, value in paths:
        assert isinstance(value, ast.Constant) and isinstance(value.value, str), cls.name
        assert value.value.endswith(".tcss"), cls.name
        assert (path.parent / value.value).is_file(), f"{cls.name}: {value.value}"


@run_async
async def test_widgets_are_styled_from_the_app_sheet(project: Project, store: ProjectStore) -> None:
    machine_translate(store, import_document(project, store))
    app = ReviewApp(project, store, review.actor_for(project, "tester"), "case.txt")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        badge = app.screen.query_one(StatusBadge)
        assert (badge.size.width, badge.size.height) == (10, 1)
        assert app.screen.query_one(ParagraphList).styles.overflow_x == "hidden"
