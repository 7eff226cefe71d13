"""XLIFF 2.0: the contract (read with lxml), namespace, required attributes, states."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from tests.test_formats_base import (
    FormatContract,
    ReadUnit,
    add_approved_document,
    add_draft_document,
)
from translator.project import Project
from translator.services import export as publishing
from translator.store import ProjectStore

XLIFF2 = "urn:oasis:names:tc:xliff:document:2.0"
NS = {"x": XLIFF2}


class TestXliff2Format(FormatContract):
    format = "xliff2"
    importable = True

    def read_back(self, out: Path) -> list[ReadUnit]:
        root = etree.parse(str(out)).getroot()
        units = []
        for unit in root.iterfind(".//x:unit", NS):
            segments = unit.findall("x:segment", NS)
            source = "".join(s.findtext("x:source", "", NS) for s in segments)
            target = "".join(s.findtext("x:target", "", NS) for s in segments)
            units.append(ReadUnit(unit.get("id"), source, target))
        return units

    def unapproved_is_marked(self, out: Path, unit: str, target: str) -> bool:
        root = etree.parse(str(out)).getroot()
        (element,) = root.xpath(f"//x:unit[@id='{unit}']", namespaces=NS)
        states = {segment.get("state") for segment in element.findall("x:segment", NS)}
        status = element.findtext("x:notes/x:note[@category='status']", "", NS)
        return "final" not in states and "NOT APPROVED" in status


def test_namespace_required_attributes_and_unit_count(
    project: Project, store: ProjectStore, tmp_path: Path
) -> None:
    ids = add_approved_document(store)
    out = tmp_path / "case.xlf"
    publishing.export(project, store, format="xliff2", out=out)
    root = etree.parse(str(out)).getroot()
    assert root.tag == f"{{{XLIFF2}}}xliff"
    assert (root.get("version"), root.get("srcLang"), root.get("trgLang")) == ("2.0", "ru", "en")
    files = root.findall("x:file", NS)
    assert len(files) == 1 and files[0].get("id")
    units = root.findall(".//x:unit", NS)
    assert len(units) == len(ids)
    assert all(unit.get("id") and unit.findall("x:segment", NS) for unit in units)
    # Segment per sentence where the target splits alike: the first paragraph has two.
    assert [s.get("state") for s in units[0].findall("x:segment", NS)] == ["final", "final"]


def test_states_follow_review_status(project: Project, store: ProjectStore, tmp_path: Path) -> None:
    add_draft_document(store)
    out = tmp_path / "draft.xlf"
    publishing.export(project, store, format="xliff2", out=out, include_unapproved=True)
    root = etree.parse(str(out)).getroot()
    states = [unit.find("x:segment", NS).get("state") for unit in root.iterfind(".//x:unit", NS)]
    assert states == ["final", "translated", "translated", "initial"]
    new_segment = root.findall(".//x:unit", NS)[-1].find("x:segment", NS)
    assert new_segment.find("x:target", NS) is None  # `initial` without a target is valid


def test_mixed_language_pairs_are_refused(
    project: Project, store: ProjectStore, tmp_path: Path
) -> None:
    from tests.test_formats_base import new_document, set_target
    from translator.core.models import ReviewStatus

    add_approved_document(store)
    (document,) = store.add_documents([new_document("en.txt", ["Text."], "en")])
    set_target(store, store.paragraphs(document.id)[0].id, "Текст.", ReviewStatus.APPROVED)
    out = tmp_path / "mixed.xlf"
    try:
        publishing.export(project, store, format="xliff2", out=out)
    except publishing.ExportRefused as refused:
        assert "one language pair" in str(refused) and "en.txt" in str(refused)
    else:
        raise AssertionError("a mixed selection was exported to XLIFF 2.0")
    assert not out.exists()
