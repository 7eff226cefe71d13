"""Export rules beyond the per-format contract: selection, archived-safe reads, paths, force."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import set_setting
from tests.test_formats_base import (
    add_approved_document,
    add_draft_document,
    new_document,
    set_target,
)
from translator.core.errors import DocumentNotFound, TranslatorError
from translator.core.models import ReviewStatus
from translator.project import Project
from translator.services import export as publishing
from translator.store import ProjectStore


def test_doc_selects_documents_and_unknown_names_are_refused(
    project: Project, store: ProjectStore, tmp_path: Path
) -> None:
    add_approved_document(store, "one.txt")
    add_draft_document(store, "draft.txt")
    out = tmp_path / "txt"
    report = publishing.export(project, store, format="txt", out=out, documents=["one.txt"])
    assert [path.name for path in report.files] == ["one.en.txt"]
    assert report.units == 4
    with pytest.raises(DocumentNotFound, match=r"missing\.txt"):
        publishing.export(project, store, format="txt", out=out, documents=["missing.txt"])


def test_a_hostile_document_name_cannot_leave_the_folder(
    project: Project, store: ProjectStore, tmp_path: Path
) -> None:
    for name in ("../../escaped.txt", "/etc/passwd", "..\\..\\win.txt", ".."):
        (document,) = store.add_documents([new_document(name, [f"Абзац {name}."])])
        set_target(store, store.paragraphs(document.id)[0].id, "Text.", ReviewStatus.APPROVED)
    out = tmp_path / "deep" / "out"
    report = publishing.export(project, store, format="html", out=out)
    assert all(path.resolve().parent == out.resolve() for path in report.files)
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in report.files)
    assert len(report.files) == 4
    assert not (tmp_path / "escaped.en.html").exists()
    assert not list(tmp_path.glob("deep/*.html"))


def test_a_link_in_the_folder_pointing_outside_is_refused(
    project: Project, store: ProjectStore, tmp_path: Path
) -> None:
    add_approved_document(store, "case.txt")
    out = tmp_path / "out"
    out.mkdir()
    outside = tmp_path / "outside.html"
    outside.write_text("precious", encoding="utf-8")
    os.symlink(outside, out / "case.en.html")
    with pytest.raises(publishing.ExportRefused, match="outside"):
        publishing.export(project, store, format="html", out=out, force=True)
    assert outside.read_text(encoding="utf-8") == "precious"


def test_one_file_formats_refuse_a_folder_or_a_missing_parent(
    project: Project, store: ProjectStore, tmp_path: Path
) -> None:
    add_approved_document(store)
    with pytest.raises(publishing.ExportRefused, match="is a folder"):
        publishing.export(project, store, format="po", out=tmp_path)
    with pytest.raises(publishing.ExportRefused, match="no such folder"):
        publishing.export(project, store, format="po", out=tmp_path / "nope" / "x.po")


def test_archived_paragraphs_are_never_exported(
    project: Project, store: ProjectStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Exports list paragraphs through store.paragraphs(), which leaves archived ones out."""
    ids = add_approved_document(store)
    real = type(store).paragraphs

    def without_first(self: ProjectStore, document_id: int) -> list:  # type: ignore[type-arg]
        return [p for p in real(self, document_id) if p.id != ids[0]]

    monkeypatch.setattr(type(store), "paragraphs", without_first)
    out = tmp_path / "a.po"
    report = publishing.export(project, store, format="po", out=out)
    assert report.units == len(ids) - 1
    assert f'p{ids[0]}"' not in out.read_text(encoding="utf-8")


def test_unknown_format_and_empty_project(
    project: Project, store: ProjectStore, tmp_path: Path
) -> None:
    with pytest.raises(TranslatorError, match="no documents"):
        publishing.export(project, store, format="po", out=tmp_path / "a.po")
    with pytest.raises(TranslatorError, match="unknown export format 'pdf'"):
        publishing.export(project, store, format="pdf", out=tmp_path / "a.pdf")


def test_bad_language_tags_setting_names_the_file(
    project: Project, store: ProjectStore, tmp_path: Path
) -> None:
    add_approved_document(store)
    set_setting(project.config_path, "export", "language_tags", "3")
    with pytest.raises(TranslatorError, match=r"translator\.toml: export\.language_tags"):
        publishing.export(project, store, format="tmx", out=tmp_path / "a.tmx")


def test_rejected_paragraphs_block_an_export_too(
    project: Project, store: ProjectStore, tmp_path: Path
) -> None:
    ids = add_approved_document(store)
    set_target(store, ids[1], "Sent back.", ReviewStatus.REJECTED)
    with pytest.raises(publishing.ExportRefused, match=r"case\.txt: .*\(1 rejected\)"):
        publishing.export(project, store, format="po", out=tmp_path / "a.po")
