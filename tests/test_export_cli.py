"""`translator export` and `translator import-translations` from the command line."""

from __future__ import annotations

from pathlib import Path

import polib

from tests.conftest import RunCli
from tests.test_formats_base import add_approved_document, add_draft_document
from translator.core.models import ReviewStatus
from translator.project import Project
from translator.store import ProjectStore


def test_export_and_import_back(
    project: Project, store: ProjectStore, run_cli: RunCli, tmp_path: Path
) -> None:
    ids = add_approved_document(store)
    out = tmp_path / "case.po"
    result = run_cli("--project", project.root, "export", "--format", "po", "--out", out)
    assert result.exit_code == 0, result.stderr
    assert "exported 4 paragraph(s) (4 approved)" in result.stdout
    catalog = polib.pofile(str(out))
    catalog[0].msgstr = "Edited in Poedit."
    catalog.save(str(out))
    result = run_cli("--project", project.root, "import-translations", out, "--as", "erin")
    assert result.exit_code == 0, result.stderr
    assert "1 target(s) imported as edited, 3 unchanged, 0 refused" in result.stdout
    paragraph = store.paragraph(ids[0])
    assert (paragraph.target_text, paragraph.status) == ("Edited in Poedit.", ReviewStatus.EDITED)
    assert store.history(ids[0])[-1].actor == "erin"


def test_refusals_are_one_line_errors_with_exit_1(
    project: Project, store: ProjectStore, run_cli: RunCli, tmp_path: Path
) -> None:
    add_draft_document(store)
    out = tmp_path / "draft"
    result = run_cli("--project", project.root, "export", "--format", "md", "--out", out)
    assert result.exit_code == 1
    assert "translator: error: draft.txt: not all paragraphs are approved" in result.stderr
    assert not out.exists()
    result = run_cli(
        "--project", project.root, "export", "--format", "md", "--out", out, "--include-unapproved"
    )
    assert result.exit_code == 0
    again = run_cli(
        "--project", project.root, "export", "--format", "md", "--out", out, "--include-unapproved"
    )
    assert again.exit_code == 1 and "already exists; pass --force" in again.stderr
    forced = run_cli(
        "--project",
        project.root,
        "export",
        "--format",
        "md",
        "--out",
        out,
        "--include-unapproved",
        "--force",
    )
    assert forced.exit_code == 0


def test_refused_units_make_the_exit_status_1(
    project: Project, store: ProjectStore, run_cli: RunCli, tmp_path: Path
) -> None:
    add_approved_document(store)
    out = tmp_path / "case.xlf"
    assert (
        run_cli("--project", project.root, "export", "--format", "xliff", "--out", out).exit_code
        == 0
    )
    text = out.read_text(encoding="utf-8").replace("Суд отказал в жалобе.", "Суд удовлетворил.", 1)
    out.write_text(text, encoding="utf-8")
    result = run_cli("--project", project.root, "import-translations", out, "--format", "xliff")
    assert result.exit_code == 1
    assert "refused d1p1: its source text changed since export" in result.stderr
