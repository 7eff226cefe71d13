"""The readable `translator check` report names documents and paragraph positions."""

from __future__ import annotations

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
