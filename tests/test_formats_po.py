"""PO: the contract, msgfmt --check, Translate Toolkit's reader, header and comments."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from translate.storage import po as tt_po

from tests.test_formats_base import FormatContract, ReadUnit, add_approved_document
from translator.project import Project
from translator.services import export as publishing
from translator.store import ProjectStore


class TestPoFormat(FormatContract):
    format = "po"
    importable = True

    def read_back(self, out: Path) -> list[ReadUnit]:
        store = tt_po.pofile.parsefile(str(out))
        return [
            ReadUnit(unit.getcontext(), unit.source, unit.target)
            for unit in store.units
            if not unit.isheader()
        ]

    def unapproved_is_marked(self, out: Path, unit: str, target: str) -> bool:
        (entry,) = [e for e in polib.pofile(str(out)) if e.msgctxt == unit]
        return "fuzzy" in entry.flags and "[NOT APPROVED: edited]" in entry.tcomment


@pytest.fixture
def exported(project: Project, store: ProjectStore, tmp_path: Path) -> Path:
    add_approved_document(store)
    out = tmp_path / "case.po"
    publishing.export(project, store, format="po", out=out)
    return out


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext (msgfmt) not installed")
def test_msgfmt_check_accepts_the_export(exported: Path) -> None:
    result = subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(exported)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def test_header_names_languages_plural_forms_and_project(exported: Path) -> None:
    metadata = polib.pofile(str(exported)).metadata
    assert metadata["Language"] == "en"
    assert metadata["X-Source-Language"] == "ru"
    assert metadata["Plural-Forms"] == "nplurals=2; plural=(n != 1);"
    assert metadata["Project-Id-Version"].startswith("test ")
    assert metadata["Content-Type"] == "text/plain; charset=UTF-8"


def test_russian_targets_get_three_plural_forms(
    project: Project, store: ProjectStore, tmp_path: Path
) -> None:
    from tests.test_formats_base import new_document, set_target
    from translator.core.models import ReviewStatus

    (document,) = store.add_documents([new_document("en.txt", ["One sentence."], "en")])
    (paragraph,) = store.paragraphs(document.id)
    set_target(store, paragraph.id, "Одно предложение.", ReviewStatus.APPROVED)
    out = tmp_path / "ru.po"
    publishing.export(project, store, format="po", out=out)
    metadata = polib.pofile(str(out)).metadata
    assert metadata["Language"] == "ru"
    assert metadata["Plural-Forms"].startswith("nplurals=3; plural=(n%10==1 && n%100!=11 ? 0")


def test_comments_carry_reviewer_status_history_and_notes(exported: Path) -> None:
    first = next(entry for entry in polib.pofile(str(exported)) if entry.msgctxt)
    assert "reviewer: bob" in first.comment
    assert "status: approved" in first.comment
    assert "case.txt#1" in first.comment
    assert "alice edit" in first.tcomment
    assert "comment: carol: check the court's name against the ruling" in first.tcomment
    assert "fuzzy" not in first.flags
