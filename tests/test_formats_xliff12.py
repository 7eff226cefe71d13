"""XLIFF 1.2: the contract, Translate Toolkit's reader, states and sentence segments."""

from __future__ import annotations

from pathlib import Path

from lxml import etree
from translate.storage import xliff as tt_xliff

from tests.test_formats_base import (
    APPROVED_PAIRS,
    FormatContract,
    ReadUnit,
    add_approved_document,
    add_draft_document,
)
from translator.project import Project
from translator.services import export as publishing
from translator.store import ProjectStore

NS = {"x": "urn:oasis:names:tc:xliff:document:1.2"}


class TestXliff12Format(FormatContract):
    format = "xliff"
    importable = True

    def read_back(self, out: Path) -> list[ReadUnit]:
        store = tt_xliff.xlifffile.parsefile(str(out))
        # Translate Toolkit ids are "<file original>\x04<trans-unit id>"
        return [
            ReadUnit(unit.getid().split("\x04")[-1], unit.source, unit.target)
            for unit in store.units
        ]

    def unapproved_is_marked(self, out: Path, unit: str, target: str) -> bool:
        root = etree.parse(str(out)).getroot()
        (element,) = root.xpath(f"//x:trans-unit[@id='{unit}']", namespaces=NS)
        state = element.find("x:target", NS).get("state")
        notes = [note.text for note in element.findall("x:note", NS)]
        return (
            element.get("approved") == "no"
            and state != "signed-off"
            and any("NOT APPROVED" in (text or "") for text in notes)
        )


def test_states_follow_review_status(project: Project, store: ProjectStore, tmp_path: Path) -> None:
    add_draft_document(store)
    out = tmp_path / "draft.xlf"
    publishing.export(project, store, format="xliff", out=out, include_unapproved=True)
    root = etree.parse(str(out)).getroot()
    states = [
        (unit.find("x:target", NS).get("state") if unit.find("x:target", NS) is not None else None)
        for unit in root.iterfind(".//x:trans-unit", NS)
    ]
    assert states == ["signed-off", "translated", "needs-review-translation", None]


def test_one_file_element_per_document_with_languages(
    project: Project, store: ProjectStore, tmp_path: Path
) -> None:
    add_approved_document(store, "one.txt")
    add_approved_document(store, "two.txt")
    out = tmp_path / "all.xlf"
    publishing.export(project, store, format="xliff", out=out)
    files = etree.parse(str(out)).getroot().findall("x:file", NS)
    assert [f.get("original") for f in files] == ["one.txt", "two.txt"]
    assert {(f.get("source-language"), f.get("target-language")) for f in files} == {("ru", "en")}


def test_source_sentences_become_mrk_segments(
    project: Project, store: ProjectStore, tmp_path: Path
) -> None:
    add_approved_document(store)
    out = tmp_path / "seg.xlf"
    publishing.export(project, store, format="xliff", out=out)
    root = etree.parse(str(out)).getroot()
    first = root.find(".//x:trans-unit", NS)
    source_segments = [m.text for m in first.findall("x:seg-source/x:mrk", NS)]
    assert source_segments == ["Суд отказал в жалобе. ", "Защита обжалует решение."]
    assert [m.get("mid") for m in first.iterfind("x:seg-source/x:mrk", NS)] == ["1", "2"]
    assert all(m.get("mtype") == "seg" for m in first.iterfind(".//x:mrk", NS))
    # The target stays whole (XLIFF 1.2 allows it; XLIFF 2.0 carries target segments).
    target = first.find("x:target", NS)
    assert target is not None and not len(target)
    assert target.text == APPROVED_PAIRS[0][1]


def test_a_target_with_another_sentence_count_stays_one_plain_target(
    project: Project, store: ProjectStore, tmp_path: Path
) -> None:
    from tests.test_formats_base import new_document, set_target
    from translator.core.models import ReviewStatus

    (document,) = store.add_documents(
        [new_document("uneven.txt", ["Первое предложение. Второе предложение."])]
    )
    (paragraph,) = store.paragraphs(document.id)
    set_target(store, paragraph.id, "One sentence for both of them.", ReviewStatus.APPROVED)
    out = tmp_path / "uneven.xlf"
    publishing.export(project, store, format="xliff", out=out)
    unit = etree.parse(str(out)).getroot().find(".//x:trans-unit", NS)
    target = unit.find("x:target", NS)
    assert (target.text, len(target)) == ("One sentence for both of them.", 0)
    assert len(unit.findall("x:seg-source/x:mrk", NS)) == 2
