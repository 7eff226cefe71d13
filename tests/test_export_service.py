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


@pytest.mark.parametrize("format_name", ["po", "xliff", "xliff2", "tmx"])
def test_one_file_formats_refuse_a_folder_and_create_a_missing_parent(
    project: Project, store: ProjectStore, tmp_path: Path, format_name: str
) -> None:
    """As per-document formats create `--out`, single-file formats create its parent."""
    add_approved_document(store)
    with pytest.raises(publishing.ExportRefused, match="is a folder"):
        publishing.export(project, store, format=format_name, out=tmp_path)
    out = tmp_path / "new" / "deeper" / f"x.{format_name}"
    report = publishing.export(project, store, format=format_name, out=out)
    assert report.files == [out]
    assert "Zhuravlyov" in out.read_text(encoding="utf-8")
    (tmp_path / "plain-file").write_text("not a folder", encoding="utf-8")
    with pytest.raises(publishing.ExportRefused, match="plain-file: not a folder"):
        publishing.export(project, store, format=format_name, out=tmp_path / "plain-file" / "x")


@pytest.mark.parametrize("format_name", ["po", "txt"])
def test_a_file_appearing_during_the_export_is_not_overwritten(
    project: Project,
    store: ProjectStore,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    format_name: str,
) -> None:
    """Another process creates the file after the existence check: refuse, keep its file."""
    add_approved_document(store, "one.txt")
    add_approved_document(store, "two.txt")
    out = tmp_path / "out" / ("a.po" if format_name == "po" else "folder")
    exporter_class = type(publishing.exporter_for(format_name))
    real_write = exporter_class.write
    rival = out if format_name == "po" else out / "two.en.txt"

    def write_then_race(self, documents, path, meta):  # type: ignore[no-untyped-def]
        real_write(self, documents, path, meta)
        rival.write_text("someone else's file", encoding="utf-8")

    monkeypatch.setattr(exporter_class, "write", write_then_race)
    with pytest.raises(publishing.ExportRefused, match="already exists"):
        publishing.export(project, store, format=format_name, out=out)
    assert rival.read_text(encoding="utf-8") == "someone else's file"
    folder = rival.parent
    assert sorted(p.name for p in folder.iterdir()) == [rival.name]  # no temporary, no half
    report = publishing.export(project, store, format=format_name, out=out, force=True)
    assert "someone else's file" not in rival.read_text(encoding="utf-8")
    assert rival in report.files


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
    with pytest.raises(TranslatorError, match=r"translator\.toml: export\.language_tags"):
        project = set_setting(project.config_path, "export", "language_tags", "3")
        publishing.export(project, store, format="tmx", out=tmp_path / "a.tmx")


def test_rejected_paragraphs_block_an_export_too(
    project: Project, store: ProjectStore, tmp_path: Path
) -> None:
    ids = add_approved_document(store)
    set_target(store, ids[1], "Sent back.", ReviewStatus.REJECTED)
    with pytest.raises(publishing.ExportRefused, match=r"case\.txt: .*\(1 rejected\)"):
        publishing.export(project, store, format="po", out=tmp_path / "a.po")


@pytest.mark.parametrize("format_name", ["md", "html", "docx", "txt"])
def test_documents_differing_only_by_extension_get_a_file_each(
    project: Project, store: ProjectStore, tmp_path: Path, format_name: str
) -> None:
    """ru_case.md and ru_case.txt both map to ru_case.en.*: neither may replace the other."""
    add_approved_document(store, "ru_case.md")
    (second_document,) = store.add_documents([new_document("ru_case.txt", ["Другой текст."])])
    (second,) = store.paragraphs(second_document.id)
    set_target(store, second.id, "Unrelated words.", ReviewStatus.APPROVED)
    out = tmp_path / format_name
    report = publishing.export(project, store, format=format_name, out=out)
    assert len({path.name for path in report.files}) == 2
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in report.files)
    by_name = dict(zip(["ru_case.md", "ru_case.txt"], report.files, strict=True))
    assert by_name["ru_case.md"].name.startswith("ru_case.en.")
    assert by_name["ru_case.txt"].name.startswith(f"ru_case-{second_document.id}.en.")
    texts = {name: _exported_text(path) for name, path in by_name.items()}
    assert "Unrelated words." in texts["ru_case.txt"]
    assert "Unrelated words." not in texts["ru_case.md"]
    assert "The court dismissed the complaint." in texts["ru_case.md"]


def _exported_text(path: Path) -> str:
    if path.suffix != ".docx":
        return path.read_text(encoding="utf-8")
    import docx

    table = docx.Document(str(path)).tables[0]
    return "\n".join(cell.text for row in table.rows for cell in row.cells)


def test_unique_file_names_never_repeat_a_name_in_a_batch() -> None:
    from translator.formats.paths import unique_file_names

    documents = [
        (3, "a-7.md", "en"),
        (4, "A.md", "en"),
        (7, "a.txt", "en"),
        (8, "a.html", "en"),
        (9, "a", "en"),
    ]
    names = unique_file_names(documents, ".md")
    assert len({name.casefold() for name in names.values()}) == len(documents)
    assert names[3] == "a-7.en.md"
    assert names[4] == "A.en.md"
    assert names[7] == "a-7-2.en.md"
    assert names[8] == "a-8.en.md"
    assert names[9] == "a-9.en.md"


def test_the_reviewer_is_who_approved_not_who_touched_an_approved_paragraph() -> None:
    """A name resolved in an approved paragraph, or a source update moving it, leaves it
    approved: whoever did that approved nothing (exports name the reviewer)."""
    from translator.core.models import HistoryEvent
    from translator.services.export import _reviewer

    def event(
        actor: str, old: ReviewStatus | None, new: ReviewStatus | None, text: str
    ) -> HistoryEvent:
        return HistoryEvent(0, 1, actor, "x", old, new, "before", text, None, "2026-01-01")

    approved = [
        event("tom", ReviewStatus.MACHINE, ReviewStatus.EDITED, "t1"),
        event("erin", ReviewStatus.EDITED, ReviewStatus.APPROVED, "t1"),
    ]
    assert _reviewer(approved) == "erin"
    resolved = event("ed", ReviewStatus.APPROVED, ReviewStatus.APPROVED, "t2")
    assert _reviewer([*approved, resolved]) == "erin"
    edited = event("tom", ReviewStatus.APPROVED, ReviewStatus.EDITED, "t3")
    assert _reviewer([*approved, resolved, edited]) is None
