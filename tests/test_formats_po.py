"""PO: the contract, msgfmt --check, Translate Toolkit's reader, header and comments."""

from __future__ import annotations

import subprocess
from pathlib import Path

import polib
import pytest
from translate.storage import po as tt_po

from tests.conftest import require_tool
from tests.test_formats_base import FormatContract, ReadUnit, add_approved_document
from translator.core.models import ReviewStatus
from translator.formats.base import ExportUnit
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


def test_msgfmt_check_accepts_the_export(exported: Path) -> None:
    msgfmt = require_tool("msgfmt")  # skips locally without gettext; fails under .ci/run
    result = subprocess.run(
        [msgfmt, "--check", "-o", "/dev/null", str(exported)], capture_output=True, text=True
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


@pytest.mark.parametrize(
    "source, target",
    [
        ("Простой текст.", "Plain text."),
        ('Кавычки "x" и \\ слэш\tтаб', 'Quotes "x" and \\ slash\ttab'),
        ("Строка\nстрока\n", "Line\r\nline\x0bvertical\x0cform\u2028separator"),
        ("Конец строки\n", ""),
        ("\x1cразделитель\x85", "\x08backspace"),
    ],
)
@pytest.mark.parametrize("status", [ReviewStatus.APPROVED, ReviewStatus.EDITED])
def test_streamed_entries_match_polibs_own_rendering(
    source: str, target: str, status: ReviewStatus
) -> None:
    """The writer renders entries itself (for speed); polib's output is the reference."""
    from translator.formats.po import entry_text

    unit = ExportUnit(
        id="d1p2",
        document_name="case.txt",
        position=1,
        source=source,
        target=target,
        status=status,
        version=4,
        reviewer="bob" if status is ReviewStatus.APPROVED else None,
        notes=("carol: two\nlines",),
        history=("2026-01-01T00:00 alice edit new -> edited",),
    )
    reference = polib.POEntry(
        msgctxt=unit.id,
        msgid=source,
        msgstr=target,
        comment="\n".join(
            ["case.txt#1", f"status: {status.value}", "translator-version: 4"]
            + (["reviewer: bob"] if unit.reviewer else [])
        ),
        tcomment="\n".join(
            ([unit.marker] if not unit.approved else [])
            + ["history: 2026-01-01T00:00 alice edit new -> edited", "comment: carol: two lines"]
        ),
        flags=["fuzzy"] if not unit.approved and target else [],
    )
    assert entry_text(unit) == reference.__unicode__(wrapwidth=0)
