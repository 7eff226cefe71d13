"""`translator import` on a changed source: update, --update NAME, --dry-run, the summary."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.conftest import RunCli, write
from tests.test_update_states import AFTER, BEFORE, DATED, text_file
from translator.project import Project


def dump(project: Project) -> list[str]:
    with sqlite3.connect(project.database_path) as raw:
        return list(raw.iterdump())


def status(run_cli: RunCli, project: Project) -> dict[str, object]:
    result = run_cli("--project", project.root, "status", "--json")
    assert result.exit_code == 0, result.stderr
    data: dict[str, object] = json.loads(result.stdout)
    return data


def test_a_changed_source_is_updated_with_a_summary(
    run_cli: RunCli, project: Project, tmp_path: Path
) -> None:
    source = text_file(tmp_path / "doc.txt", BEFORE)
    assert run_cli("--project", project.root, "import", source).exit_code == 0
    text_file(source, AFTER)
    result = run_cli("--project", project.root, "import", source)
    assert result.exit_code == 0, result.stderr
    assert "updated: doc.txt" in result.stdout
    rows = {
        line.split()[0]: line.split()[1]
        for line in result.stdout.splitlines()
        if len(line.split()) == 2 and line.split()[1].isdigit()
    }
    assert rows == {
        "unchanged": "3",
        "moved": "1",
        "edited": "1",
        "split": "1",
        "merged": "1",
        "new": "1",
        "removed": "1",
    }
    assert "[-" not in result.stdout  # diffs only on --dry-run
    assert status(run_cli, project)["paragraphs"] == len(AFTER)
    assert status(run_cli, project)["documents"] == 1


def test_dry_run_prints_counts_and_diffs_and_changes_nothing(
    run_cli: RunCli, project: Project, tmp_path: Path
) -> None:
    source = text_file(tmp_path / "doc.txt", BEFORE)
    run_cli("--project", project.root, "import", source)
    text_file(source, AFTER)
    new_file = write(tmp_path / "other.txt", "Совсем другой документ о другом деле.\n")
    before = dump(project)
    result = run_cli("--project", project.root, "import", "--dry-run", source, new_file)
    assert result.exit_code == 0, result.stderr
    assert "would update (dry run, nothing changed): doc.txt" in result.stdout
    assert "would import other.txt" in result.stdout
    assert "edited ¶5 → ¶6: " in result.stdout
    assert "[-12-]{+14+}" in result.stdout  # the corrected date
    assert "split ¶4 → ¶4+¶5" in result.stdout
    assert dump(project) == before


def test_update_names_a_document_imported_from_another_file(
    run_cli: RunCli, project: Project, tmp_path: Path
) -> None:
    run_cli("--project", project.root, "import", text_file(tmp_path / "doc.txt", BEFORE))
    renamed = text_file(tmp_path / "doc-v2.txt", AFTER)
    result = run_cli("--project", project.root, "import", "--update", "doc.txt", renamed)
    assert result.exit_code == 0, result.stderr
    assert "updated: doc.txt" in result.stdout
    assert status(run_cli, project) == {
        "documents": 1,
        "paragraphs": len(AFTER),
        "by_status": {"new": 9, "machine": 0, "edited": 0, "approved": 0, "rejected": 0},
    }
    again = run_cli("--project", project.root, "import", "--update", "doc.txt", renamed)
    assert again.exit_code == 0
    assert "doc.txt: unchanged since the last import" in again.stdout


def test_update_errors_are_one_line_and_change_nothing(
    run_cli: RunCli, project: Project, tmp_path: Path
) -> None:
    source = text_file(tmp_path / "doc.txt", BEFORE)
    run_cli("--project", project.root, "import", source)
    before = dump(project)
    unknown = run_cli("--project", project.root, "import", "--update", "nope.txt", source)
    assert unknown.exit_code == 1
    assert unknown.stderr.strip() == (
        "translator: error: nope.txt: no such document in this project "
        "(`translator status` lists them)"
    )
    two = run_cli("--project", project.root, "import", "--update", "doc.txt", source, source)
    assert two.exit_code == 1 and "exactly one file" in two.stderr
    empty = write(tmp_path / "empty.txt", "")
    bad = run_cli("--project", project.root, "import", "--update", "doc.txt", empty)
    assert bad.exit_code == 1
    assert f"{empty}: empty file" in bad.stderr and "Traceback" not in bad.stderr
    assert dump(project) == before


def test_a_bad_file_in_the_same_import_stops_the_update_too(
    run_cli: RunCli, project: Project, tmp_path: Path
) -> None:
    source = text_file(tmp_path / "doc.txt", BEFORE)
    run_cli("--project", project.root, "import", source)
    text_file(source, AFTER)
    before = dump(project)
    result = run_cli("--project", project.root, "import", source, tmp_path / "missing.txt")
    assert result.exit_code == 1
    assert "missing.txt" in result.stderr and "nothing imported" in result.stderr
    assert dump(project) == before


def test_lost_approvals_are_listed(run_cli: RunCli, project: Project, tmp_path: Path) -> None:
    source = text_file(tmp_path / "doc.txt", BEFORE)
    run_cli("--project", project.root, "import", source)
    with sqlite3.connect(project.database_path) as raw:
        raw.execute(
            "UPDATE paragraphs SET status = 'approved', target_text = 'done' WHERE source_text = ?",
            (DATED,),
        )
    text_file(source, AFTER)
    result = run_cli("--project", project.root, "import", source)
    assert result.exit_code == 0, result.stderr
    assert "1 approved paragraph(s) lost approval" in result.stdout
    assert "¶5 (id 5): Суд приговорил" in result.stdout


@pytest.mark.parametrize(
    ("kept", "merged"),
    [((0, 3), False), ((0, 4, 5, 9), False), ((0, 1), True)],
    ids=["two-removed", "gaps", "two-pairs-merged"],
)
def test_updates_leaving_gaps_between_survivors_apply(
    run_cli: RunCli, project: Project, tmp_path: Path, kept: tuple[int, ...], merged: bool
) -> None:
    """Positions are cleared past the highest before being set: removing paragraphs leaves
    gaps, and a shift by the survivors' count moved one onto another (UNIQUE position)."""
    paragraphs = [f"Абзац номер {n} о деле, с подробностями и датами." for n in range(10)]
    source = text_file(tmp_path / "doc.txt", paragraphs)
    assert run_cli("--project", project.root, "import", source).exit_code == 0
    if merged:
        after = [f"{paragraphs[i]} {paragraphs[i + 1]}" for i in (0, 2)] + paragraphs[4:]
    else:
        after = [paragraphs[i] for i in kept]
    text_file(source, after)
    result = run_cli("--project", project.root, "import", source, "--force")
    assert result.exit_code == 0, result.stderr
    assert status(run_cli, project)["paragraphs"] == len(after)
