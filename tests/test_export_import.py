"""import-translations: PO/XLIFF round trips, refusals, and hostile XML."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from lxml import etree

from tests.test_formats_base import add_approved_document, add_draft_document, set_target
from translator.core.errors import ParagraphConflict, TranslatorError
from translator.core.models import Paragraph, ReviewStatus
from translator.formats.base import FormatError
from translator.project import Project
from translator.services import export as publishing
from translator.store import ProjectStore
from translator.store.export_queries import ExportQueries, TargetEdit


def snapshot(store: ProjectStore) -> dict[int, tuple[Paragraph, int]]:
    """Every paragraph with its history length: what 'nothing else changed' compares."""
    return {
        paragraph.id: (paragraph, len(store.history(paragraph.id)))
        for document in store.documents()
        for paragraph in store.paragraphs(document.id)
    }


def assert_refused_whole(
    project: Project,
    store: ProjectStore,
    file: Path,
    error: type[Exception],
    match: str,
    actor: str = "dana",
) -> None:
    """Importing `file` raises `error` (message matching `match`) and changes nothing."""
    before = snapshot(store)
    with pytest.raises(error, match=match):
        publishing.import_translations(project, store, file, actor=actor)
    assert snapshot(store) == before


@pytest.fixture
def exported_po(project: Project, store: ProjectStore, tmp_path: Path) -> tuple[Path, list[int]]:
    ids = add_approved_document(store) + add_draft_document(store)
    out = tmp_path / "work.po"
    publishing.export(project, store, format="po", out=out, include_unapproved=True)
    return out, ids


def edit_po(path: Path, changes: dict[str, str], field: str = "msgstr") -> None:
    catalog = polib.pofile(str(path))
    for entry in catalog:
        if entry.msgctxt in changes:
            setattr(entry, field, changes[entry.msgctxt])
    catalog.save(str(path))


def uid(store: ProjectStore, paragraph_id: int) -> str:
    return f"d{store.paragraph(paragraph_id).document_id}p{paragraph_id}"


def test_po_round_trip_applies_edits_as_edited_with_history(
    project: Project, store: ProjectStore, exported_po: tuple[Path, list[int]]
) -> None:
    out, ids = exported_po
    approved, new = ids[1], ids[7]
    before = snapshot(store)
    edit_po(out, {uid(store, approved): "Changed & <kept>", uid(store, new): "Now translated."})
    report = publishing.import_translations(project, store, out, actor="dana")
    assert sorted(p.id for p in report.applied) == sorted([approved, new])
    assert report.refused == []
    assert report.unchanged == len(ids) - 2
    after = snapshot(store)
    for paragraph_id in (approved, new):
        paragraph = after[paragraph_id][0]
        assert paragraph.status is ReviewStatus.EDITED  # never approved by an import
        last = store.history(paragraph_id)[-1]
        assert (last.actor, last.action, last.new_status) == ("dana", "import", ReviewStatus.EDITED)
        assert last.old_target == before[paragraph_id][0].target_text
    assert after[approved][0].target_text == "Changed & <kept>"
    assert after[new][0].target_text == "Now translated."
    assert {k: v for k, v in after.items() if k not in (approved, new)} == {
        k: v for k, v in before.items() if k not in (approved, new)
    }


def test_importing_an_unchanged_export_changes_nothing(
    project: Project, store: ProjectStore, exported_po: tuple[Path, list[int]]
) -> None:
    out, _ = exported_po
    before = snapshot(store)
    report = publishing.import_translations(project, store, out, actor="dana")
    assert report.applied == [] and report.refused == []
    assert snapshot(store) == before


def test_a_changed_source_is_refused_and_listed_the_rest_applied(
    project: Project, store: ProjectStore, exported_po: tuple[Path, list[int]]
) -> None:
    out, ids = exported_po
    edit_po(out, {uid(store, ids[0]): "Source changed by someone."}, field="msgid")
    edit_po(out, {uid(store, ids[0]): "New target", uid(store, ids[2]): "Other target"})
    report = publishing.import_translations(project, store, out, actor="dana")
    assert [(r.unit_id, r.reason) for r in report.refused] == [
        (uid(store, ids[0]), "its source text changed since export")
    ]
    assert [p.id for p in report.applied] == [ids[2]]
    assert store.paragraph(ids[0]).status is ReviewStatus.APPROVED


def test_a_paragraph_changed_since_export_is_refused(
    project: Project, store: ProjectStore, exported_po: tuple[Path, list[int]]
) -> None:
    out, ids = exported_po
    set_target(store, ids[2], "Newer work by alice.", ReviewStatus.EDITED)
    edit_po(out, {uid(store, ids[2]): "Stale edit"})
    report = publishing.import_translations(project, store, out, actor="dana")
    (refused,) = report.refused
    assert refused.unit_id == uid(store, ids[2]) and "since export" in refused.reason
    assert store.paragraph(ids[2]).target_text == "Newer work by alice."


def test_a_file_for_another_project_is_refused_whole(
    project: Project, store: ProjectStore, exported_po: tuple[Path, list[int]]
) -> None:
    out, _ = exported_po
    catalog = polib.pofile(str(out))
    catalog.metadata["X-Translator-Project"] = "another"
    for entry in catalog:
        entry.msgstr = "overwritten"
    catalog.save(str(out))
    assert_refused_whole(
        project, store, out, publishing.ImportTranslationsRefused, "project 'another'"
    )


def test_a_file_for_another_language_pair_is_refused_whole(
    project: Project, store: ProjectStore, exported_po: tuple[Path, list[int]]
) -> None:
    out, ids = exported_po
    catalog = polib.pofile(str(out))
    catalog.metadata["Language"] = "de"
    catalog.save(str(out))
    edit_po(out, {uid(store, ids[2]): "Changed"})
    assert_refused_whole(
        project, store, out, publishing.ImportTranslationsRefused, "language pair ru->de"
    )


def test_unknown_units_are_listed(
    project: Project, store: ProjectStore, exported_po: tuple[Path, list[int]]
) -> None:
    out, _ = exported_po
    catalog = polib.pofile(str(out))
    catalog.append(polib.POEntry(msgctxt="d99p999", msgid="x", msgstr="y"))
    catalog.append(polib.POEntry(msgctxt="free text", msgid="x2", msgstr="y"))
    catalog.save(str(out))
    report = publishing.import_translations(project, store, out, actor="dana")
    assert {r.unit_id for r in report.refused} == {"d99p999", "free text"}


def test_a_concurrent_save_rolls_the_whole_import_back(
    project: Project, store: ProjectStore, exported_po: tuple[Path, list[int]]
) -> None:
    _, ids = exported_po
    queries = store
    assert isinstance(queries, ExportQueries)
    first, second = store.paragraph(ids[0]), store.paragraph(ids[1])
    before = snapshot(store)
    edits = [
        TargetEdit(first.id, first.version, "applied first"),
        TargetEdit(second.id, second.version - 1, "stale"),
    ]
    with pytest.raises(ParagraphConflict):
        queries.apply_imported_targets(edits, "dana")
    assert snapshot(store) == before


# -- XLIFF ------------------------------------------------------------------------------


def _set_xliff_target(path: Path, unit: str, text: str, version: str) -> None:
    tree = etree.parse(str(path))
    if version == "1.2":
        ns = {"x": "urn:oasis:names:tc:xliff:document:1.2"}
        (element,) = tree.xpath(f"//x:trans-unit[@id='{unit}']/x:target", namespaces=ns)
    else:
        ns = {"x": "urn:oasis:names:tc:xliff:document:2.0"}
        targets = tree.xpath(f"//x:unit[@id='{unit}']/x:segment/x:target", namespaces=ns)
        for extra in targets[1:]:
            extra.text = ""
        element = targets[0]
    for child in list(element):
        element.remove(child)
    element.text = text
    tree.write(str(path), encoding="utf-8", xml_declaration=True)


@pytest.mark.parametrize("fmt,version", [("xliff", "1.2"), ("xliff2", "2.0")])
def test_xliff_round_trip(
    project: Project, store: ProjectStore, tmp_path: Path, fmt: str, version: str
) -> None:
    ids = add_approved_document(store)
    out = tmp_path / f"work-{fmt}.xlf"
    publishing.export(project, store, format=fmt, out=out)
    assert publishing.detect_import_format(out) == fmt
    unchanged = publishing.import_translations(project, store, out, actor="dana")
    assert unchanged.applied == [] and unchanged.refused == []
    _set_xliff_target(out, uid(store, ids[0]), "One new target.", version)
    report = publishing.import_translations(project, store, out, actor="dana")
    assert [p.id for p in report.applied] == [ids[0]]
    assert store.paragraph(ids[0]).target_text == "One new target."
    assert store.paragraph(ids[0]).status is ReviewStatus.EDITED


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE xliff [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2"
  xmlns:tr="urn:x-translator:export:1">
<file original="case.txt" source-language="ru" target-language="en" tr:project="test"><body>
<trans-unit id="{unit}"><source>{source}</source><target>&lol4;</target></trans-unit>
</body></file></xliff>
"""

EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE xliff [ <!ENTITY secret SYSTEM "file://{secret}"> ]>
<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2"
  xmlns:tr="urn:x-translator:export:1">
<file original="case.txt" source-language="ru" target-language="en" tr:project="test"><body>
<trans-unit id="{unit}"><source>{source}</source><target>&secret;</target></trans-unit>
</body></file></xliff>
"""


@pytest.mark.parametrize("template", [BILLION_LAUGHS, EXTERNAL_ENTITY], ids=["laughs", "xxe"])
def test_hostile_xml_is_refused_and_nothing_changes(
    project: Project, store: ProjectStore, tmp_path: Path, template: str
) -> None:
    ids = add_approved_document(store)
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET", encoding="utf-8")
    paragraph = store.paragraph(ids[0])
    hostile = tmp_path / "hostile.xlf"
    hostile.write_text(
        template.format(unit=uid(store, ids[0]), source=paragraph.source_text, secret=secret),
        encoding="utf-8",
    )
    assert_refused_whole(project, store, hostile, FormatError, r"hostile\.xlf: refused")
    assert "TOP SECRET" not in str(snapshot(store))


def test_broken_files_name_the_file(project: Project, store: ProjectStore, tmp_path: Path) -> None:
    add_approved_document(store)
    broken = tmp_path / "broken.xlf"
    broken.write_text("<xliff version='1.2'><file>", encoding="utf-8")
    with pytest.raises(FormatError, match=r"broken\.xlf: not well-formed XML"):
        publishing.import_translations(project, store, broken, actor="dana")
    notpo = tmp_path / "bad.po"
    notpo.write_text('msgid "a"\nmsgstr "b"\nnonsense here\n', encoding="utf-8")
    with pytest.raises(FormatError, match=r"bad\.po: not a readable PO file"):
        publishing.import_translations(project, store, notpo, actor="dana")
    with pytest.raises(TranslatorError, match=r"missing\.po: no such file"):
        publishing.import_translations(project, store, tmp_path / "missing.po", actor="dana")
    with pytest.raises(TranslatorError, match=r"notes\.docx: cannot tell the format"):
        (tmp_path / "notes.docx").write_bytes(b"PK")
        publishing.import_translations(project, store, tmp_path / "notes.docx", actor="dana")


def test_a_truncated_po_is_refused_and_nothing_changes(
    project: Project, store: ProjectStore, exported_po: tuple[Path, list[int]]
) -> None:
    """A copy cut inside a string (an interrupted sync) must not store a cut-off target."""
    out, ids = exported_po
    edit_po(out, {uid(store, i): f"A complete, reviewed translation {i}." for i in ids})
    text = out.read_text(encoding="utf-8").rstrip("\n")
    assert text.endswith('."')
    out.write_text(text[:-12], encoding="utf-8")
    assert_refused_whole(
        project, store, out, FormatError, r"work\.po: .*line \d+: a string that does not end"
    )


def test_only_people_who_may_edit_import(
    project: Project, store: ProjectStore, exported_po: tuple[Path, list[int]]
) -> None:
    from tests.conftest import set_setting
    from translator.services.review import ReviewRefused

    out, ids = exported_po
    edit_po(out, {uid(store, ids[1]): "vandalised"})
    set_setting(project.config_path, "roles", "editors", '["ed"]')
    project = set_setting(project.config_path, "roles", "translators", '["tr"]')
    assert_refused_whole(
        project, store, out, ReviewRefused, "eve may not import translations", actor="eve"
    )
    report = publishing.import_translations(project, store, out, actor="tr")
    assert [p.id for p in report.applied] == [ids[1]]


def test_a_paragraph_held_twice_is_not_applied_at_all(
    project: Project, store: ProjectStore, exported_po: tuple[Path, list[int]]
) -> None:
    out, ids = exported_po
    unit = uid(store, ids[2])
    edit_po(out, {unit: "ONE"})
    catalog = polib.pofile(str(out))
    [entry] = [e for e in catalog if e.msgctxt == unit]
    catalog.append(
        polib.POEntry(msgctxt=unit, msgid=entry.msgid, msgstr="TWO", comment=entry.comment)
    )
    catalog.save(str(out))
    before = store.paragraph(ids[2]).target_text
    report = publishing.import_translations(project, store, out, actor="dana")
    assert [(r.unit_id, "2 times" in r.reason) for r in report.refused] == [(unit, True)] * 2
    assert report.applied == [] and store.paragraph(ids[2]).target_text == before


def test_a_unit_without_its_export_version_never_overwrites_a_target(
    project: Project, store: ProjectStore, exported_po: tuple[Path, list[int]]
) -> None:
    """A tool that drops the version marker: a paragraph with a target might have changed
    since the export, so it is refused; one with no target yet has nothing to lose."""
    out, ids = exported_po
    translated, empty = ids[2], ids[7]
    assert store.paragraph(translated).target_text and not store.paragraph(empty).target_text
    edit_po(out, {uid(store, translated): "Stale edit", uid(store, empty): "First translation."})
    catalog = polib.pofile(str(out))
    for entry in catalog:
        entry.comment = "\n".join(
            line for line in entry.comment.splitlines() if "translator-version" not in line
        )
    catalog.save(str(out))
    before = store.paragraph(translated).target_text
    report = publishing.import_translations(project, store, out, actor="dana")
    [refused] = report.refused
    assert refused.unit_id == uid(store, translated) and "which version" in refused.reason
    assert store.paragraph(translated).target_text == before
    assert [p.id for p in report.applied] == [empty]


def test_an_edited_entry_without_its_id_is_refused(
    project: Project, store: ProjectStore, exported_po: tuple[Path, list[int]]
) -> None:
    out, ids = exported_po
    unit = uid(store, ids[2])
    edit_po(out, {unit: "Edited, id lost"})
    catalog = polib.pofile(str(out))
    [entry] = [e for e in catalog if e.msgctxt == unit]
    entry.msgctxt = None
    catalog.save(str(out))
    report = publishing.import_translations(project, store, out, actor="dana")
    [refused] = report.refused
    assert refused.unit_id.startswith("«") and "no paragraph id" in refused.reason
    assert report.applied == []


def test_a_folder_is_named_as_one(project: Project, store: ProjectStore, tmp_path: Path) -> None:
    folder = tmp_path / "exports.po"
    folder.mkdir()
    with pytest.raises(TranslatorError, match=r"exports\.po: a folder"):
        publishing.import_translations(project, store, folder, actor="dana")


def test_an_empty_po_is_not_said_to_be_another_projects(
    project: Project, store: ProjectStore, tmp_path: Path
) -> None:
    empty = tmp_path / "empty.po"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(publishing.ImportTranslationsRefused, match="names no translator project"):
        publishing.import_translations(project, store, empty, actor="dana")


@pytest.mark.parametrize("format", ["xliff", "xliff2"])
def test_an_unedited_xliff_with_control_characters_changes_nothing(
    project: Project, store: ProjectStore, tmp_path: Path, format: str
) -> None:
    """XML cannot hold most control characters (exported as U+FFFD): reading such a unit
    back unedited is neither a changed source nor a new target."""
    from tests.test_formats_base import new_document

    (document,) = store.add_documents([new_document("ctl.txt", ["Текст\x01 источника."])])
    [paragraph] = store.paragraphs(document.id)
    set_target(store, paragraph.id, "Target\vtext.", ReviewStatus.EDITED)
    out = tmp_path / f"ctl.{format}.xlf"
    publishing.export(project, store, format=format, out=out, include_unapproved=True)
    assert "\ufffd" in out.read_text(encoding="utf-8")
    before = snapshot(store)
    report = publishing.import_translations(project, store, out, actor="dana")
    assert (report.applied, report.refused, report.unchanged) == ([], [], 1)
    assert snapshot(store) == before
