"""`translator set-status` follows the workbench's rules; `translator` alone opens the TUI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import RunCli
from tests.review_helpers import configure_roles, import_document, machine_translate
from translator.project import Project
from translator.services import review
from translator.store import ProjectStore


@pytest.fixture
def translated(project: Project, store: ProjectStore) -> list[int]:
    return [p.id for p in machine_translate(store, import_document(project, store))]


def statuses(store: ProjectStore, ids: list[int]) -> list[str]:
    return [store.paragraph(pid).status.value for pid in ids]


def test_approve_one_paragraph_records_history(
    run_cli: RunCli, project: Project, store: ProjectStore, translated: list[int]
) -> None:
    result = run_cli(
        "set-status", "approved", "--doc", "case.txt", "--paragraph", "2",
        "--project", project.root, "--as", "erin",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "approved: 1 paragraph(s) as erin" in result.stdout
    assert statuses(store, translated) == ["machine", "approved", "machine", "machine", "machine"]
    event = store.history(translated[1])[-1]
    assert (event.actor, event.action, event.new_status) == ("erin", "status", "approved")


def test_all_or_nothing_when_one_paragraph_is_refused(
    run_cli: RunCli, project: Project, store: ProjectStore, translated: list[int]
) -> None:
    project = configure_roles(project, editors=("erin", "ed"))
    third = store.paragraph(translated[2])
    review.save_target(
        project, store, third.id, third.version, "Erin's text.", review.actor_for(project, "erin")
    )
    result = run_cli(
        "set-status", "approved", "--doc", "case.txt", "--project", project.root, "--as", "erin"
    )
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert lines[0].startswith("translator: error: case.txt ¶3: erin edited this target last")
    assert lines[-1] == "translator: error: nothing changed: 1 paragraph(s) refused"
    assert statuses(store, translated) == ["machine", "machine", "edited", "machine", "machine"]
    ok = run_cli("set-status", "approved", "--all", "--project", project.root, "--as", "ed")
    assert ok.exit_code == 0, ok.stderr
    assert statuses(store, translated) == ["approved"] * 5


def test_reject_needs_reason_and_role(
    run_cli: RunCli, project: Project, store: ProjectStore, translated: list[int]
) -> None:
    result = run_cli("set-status", "rejected", "--doc", "case.txt", "--paragraph", "1",
                     "--project", project.root)  # fmt: skip
    assert result.exit_code == 1
    assert "rejecting needs a reason" in result.stderr
    project = configure_roles(project, translators=("tanya",), editors=("erin",))
    refused = run_cli("set-status", "rejected", "--doc", "case.txt", "--paragraph", "1",
                      "--reason", "names", "--project", project.root, "--as", "tanya")  # fmt: skip
    assert refused.exit_code == 1 and "only editors and publishers" in refused.stderr
    done = run_cli("set-status", "rejected", "--doc", "case.txt", "--paragraph", "1",
                   "--reason", "names", "--project", project.root, "--as", "erin")  # fmt: skip
    assert done.exit_code == 0, done.stderr
    assert store.history(translated[0])[-1].note == "names"


def test_new_paragraphs_cannot_be_approved(
    run_cli: RunCli, project: Project, store: ProjectStore
) -> None:
    ids = [p.id for p in import_document(project, store)]
    result = run_cli("set-status", "approved", "--all", "--project", project.root)
    assert result.exit_code == 1
    assert result.stderr.count("cannot go from new to approved") == 5
    assert statuses(store, ids) == ["new"] * 5


def test_already_in_status_is_not_a_refusal(
    run_cli: RunCli, project: Project, store: ProjectStore, translated: list[int]
) -> None:
    run_cli("set-status", "approved", "--doc", "case.txt", "--paragraph", "1",
            "--project", project.root)  # fmt: skip
    result = run_cli("set-status", "approved", "--doc", "case.txt", "--project", project.root)
    assert result.exit_code == 0
    assert "approved: 4 paragraph(s) as tester; 1 already approved" in result.stdout
    status = run_cli("status", "--json", "--project", project.root)
    assert json.loads(status.stdout)["by_status"]["approved"] == 5


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--doc", "missing.txt"], "no document named 'missing.txt' in this project"),
        (["--doc", "case.txt", "--paragraph", "9"], "case.txt: no paragraph 9 (it has 5)"),
        (["--all", "--paragraph", "1"], "--paragraph needs --doc NAME"),
    ],
)
def test_bad_selection_is_one_line_error(
    run_cli: RunCli, project: Project, translated: list[int], argv: list[str], message: str
) -> None:
    result = run_cli("set-status", "edited", *argv, "--project", project.root)
    assert result.exit_code == 1
    assert result.stderr.strip() == f"translator: error: {message}"


def test_new_is_not_a_settable_status(run_cli: RunCli, project: Project) -> None:
    with pytest.raises(SystemExit) as stop:
        run_cli("set-status", "new", "--all", "--project", project.root)
    assert stop.value.code == 2


def test_no_arguments_outside_a_project_prints_help(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_cli()
    assert result.exit_code == 0 and "set-status" in result.stdout


def test_no_arguments_inside_a_project_opens_the_workbench(
    run_cli: RunCli, project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[tuple[str, str, str | None]] = []

    def fake_run(
        project: Project, store: ProjectStore, actor: review.Actor, doc: str | None
    ) -> None:
        opened.append((project.config.name, actor.name, doc))

    monkeypatch.setattr("translator.tui.app.run_workbench", fake_run)
    monkeypatch.chdir(project.root)
    assert run_cli().exit_code == 0
    assert run_cli("review", "--as", "erin").exit_code == 0
    assert opened == [("test", "tester", None), ("test", "erin", None)]


def test_review_with_unknown_document_fails_before_opening(
    run_cli: RunCli, project: Project
) -> None:
    result = run_cli("review", "--doc", "nope.txt", "--project", project.root)
    assert result.exit_code == 1
    assert "no document named 'nope.txt'" in result.stderr


def test_set_status_does_not_load_textual(project: Project, translated: list[int]) -> None:
    import subprocess
    import sys

    code = (
        "import sys; from translator import cli; "
        f"rc = cli.main(['set-status', 'edited', '--all', '--project', {str(project.root)!r}]); "
        "print(rc, 'textual' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert out[-2:] == ["0", "False"]
