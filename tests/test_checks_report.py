"""The readable `translator check` report names documents and paragraph positions."""

from __future__ import annotations

import pytest

from tests.checks_support import add_document
from tests.conftest import RunCli
from translator.project import Project
from translator.services import checks
from translator.store import ProjectStore

PAIRS = [
    ("Алексей Соколов подал жалобу.", "Aleksei Sokolov filed a complaint."),
    ("Суд отказал.", "The court refused."),
    ("Алексей Соколов обжаловал решение.", "Aleksei Sokolov appealed."),
    ("Алексея Соколова этапировали.", "Aleksei Sokollov was transferred."),
]


def test_paragraph_labels_group_positions_by_document(
    project: Project, store: ProjectStore
) -> None:
    first = add_document(project, store, "first.txt", PAIRS[:2])
    second = add_document(project, store, "second.txt", PAIRS[2:])
    labels = checks.paragraph_labels(store, [first[1].id, second[1].id, first[0].id])
    assert labels == ["first.txt ¶2, ¶1", "second.txt ¶2"]


def test_report_lists_where_each_spelling_is_rarest_first(
    project: Project, store: ProjectStore, run_cli: RunCli
) -> None:
    add_document(project, store, "case.txt", PAIRS)
    store.close()
    result = run_cli("--project", project.root, "check", "--kind", "name-variant")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    typo = next(i for i, line in enumerate(lines) if line.strip().startswith("Sokollov:"))
    assert lines[typo].strip() == "Sokollov: case.txt ¶4"
    assert lines[typo + 1].strip() == "Sokolov: case.txt ¶1, ¶3"


def test_consecutive_positions_are_one_range(project: Project, store: ProjectStore) -> None:
    pairs = [(f"Абзац {n}.", "") for n in range(1, 8)]
    paragraphs = add_document(project, store, "long.txt", pairs)
    ids = [paragraphs[i].id for i in (0, 1, 2, 4, 5, 6, 3)]
    assert checks.paragraph_labels(store, ids) == ["long.txt ¶1–¶3, ¶5–¶7, ¶4"]
    assert checks.paragraph_labels(store, ids[:2]) == ["long.txt ¶1, ¶2"]


@pytest.mark.parametrize("empty", [4, 5])
def test_the_same_finding_in_many_paragraphs_is_one_line(
    project: Project, store: ProjectStore, run_cli: RunCli, empty: int
) -> None:
    """Five or more paragraphs with "no translation yet" are listed on one line; fewer
    each get their own."""
    pairs = [(f"Абзац {n}.", "" if n <= empty else f"Paragraph {n}.") for n in range(1, 8)]
    add_document(project, store, "draft.txt", pairs)
    store.close()
    result = run_cli("--project", project.root, "check", "--kind", "untranslated")
    assert result.exit_code == 0, result.stderr
    lines = [line.strip() for line in result.stdout.splitlines()[1:-1]]
    if empty < 5:
        assert lines == [
            f"error   #{n} draft.txt ¶{n}: no translation yet" for n in range(1, empty + 1)
        ]
    else:
        assert lines == ["error   #1 and 4 like it, draft.txt ¶1–¶5: no translation yet"]


def test_a_suggested_spelling_no_paragraph_uses_is_said_so(
    project: Project, store: ProjectStore, run_cli: RunCli
) -> None:
    add_document(
        project, store, "typo.txt", [("Алексей Соколов пришёл.", "Aleksei Sokollov came.")]
    )
    store.close()
    result = run_cli("--project", project.root, "check", "--kind", "name-variant")
    assert result.exit_code == 0, result.stderr
    assert (
        "      Sokolov: in no paragraph yet (the suggested spelling)" in result.stdout.splitlines()
    )
