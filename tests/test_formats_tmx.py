"""TMX: the contract, Translate Toolkit's reader, approved pairs only, language tags."""

from __future__ import annotations

from pathlib import Path

from lxml import etree
from translate.storage import tmx as tt_tmx

from tests.conftest import set_setting
from tests.test_formats_base import (
    FormatContract,
    ReadUnit,
    add_approved_document,
    add_draft_document,
)
from translator.project import Project
from translator.services import export as publishing
from translator.store import ProjectStore

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


class TestTmxFormat(FormatContract):
    format = "tmx"

    def read_back(self, out: Path) -> list[ReadUnit]:
        store = tt_tmx.tmxfile.parsefile(str(out))
        return [ReadUnit(unit.getid(), unit.source, unit.target) for unit in store.units]

    def unapproved_is_marked(self, out: Path, unit: str, target: str) -> bool:
        """A TMX never holds unapproved pairs: leaving them out is how it marks them."""
        return unit not in {u.id for u in self.read_back(out)}


def test_default_language_tags_and_srclang(
    project: Project, store: ProjectStore, tmp_path: Path
) -> None:
    add_approved_document(store)
    out = tmp_path / "tm.tmx"
    publishing.export(project, store, format="tmx", out=out)
    root = etree.parse(str(out)).getroot()
    assert root.get("version") == "1.4"
    assert root.find("header").get("srclang") == "ru-RU"
    tags = {tuv.get(XML_LANG) for tuv in root.iter("tuv")}
    assert tags == {"ru-RU", "en-GB"}


def test_language_tags_come_from_translator_toml(
    project: Project, store: ProjectStore, tmp_path: Path
) -> None:
    add_approved_document(store)
    project = set_setting(project.config_path, "export", "language_tags", '{ en = "en-US" }')
    out = tmp_path / "tm.tmx"
    publishing.export(project, store, format="tmx", out=out)
    tags = {tuv.get(XML_LANG) for tuv in etree.parse(str(out)).getroot().iter("tuv")}
    assert tags == {"ru-RU", "en-US"}


def test_only_approved_pairs_even_with_include_unapproved(
    project: Project, store: ProjectStore, tmp_path: Path
) -> None:
    add_draft_document(store)
    out = tmp_path / "tm.tmx"
    report = publishing.export(project, store, format="tmx", out=out, include_unapproved=True)
    units = TestTmxFormat().read_back(out)
    assert [(u.source, u.target) for u in units] == [
        ("Одобренный абзац.", "An approved paragraph.")
    ]
    assert report.left_out == 3
