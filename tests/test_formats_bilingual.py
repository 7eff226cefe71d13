"""Markdown and HTML side by side: the contract, read back as a browser would, escaping."""

from __future__ import annotations

from pathlib import Path

import lxml.html
from markdown_it import MarkdownIt

from tests.test_formats_base import FormatContract, ReadUnit, add_approved_document
from translator.project import Project
from translator.services import export as publishing
from translator.store import ProjectStore


def _cell_text(cell: lxml.html.HtmlElement) -> str:
    """A cell's text as shown: <br> is a line break, the unapproved marker is left out."""
    for br in cell.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for marker in cell.find_class("marker"):
        marker.drop_tree()
    return cell.text_content()


def _rows(page: lxml.html.HtmlElement) -> list[tuple[str, str]]:
    rows = []
    for row in page.iter("tr"):
        cells = row.findall("td")
        if cells:
            rows.append((_cell_text(cells[1]), _cell_text(cells[2])))
    return rows


class TestHtmlFormat(FormatContract):
    format = "html"
    has_ids = False

    def read_back(self, out: Path) -> list[ReadUnit]:
        units = []
        for path in sorted(out.glob("*.html"), key=lambda p: p.stat().st_mtime_ns):
            page = lxml.html.fromstring(path.read_text(encoding="utf-8"))
            units += [ReadUnit(None, source, target) for source, target in _rows(page)]
        return units

    def unapproved_is_marked(self, out: Path, unit: str, target: str) -> bool:
        (path,) = out.glob("*.html")
        page = lxml.html.fromstring(path.read_text(encoding="utf-8"))
        for row in page.iter("tr"):
            cells = row.findall("td")
            if cells and cells[2].text_content().endswith(target):
                return "NOT APPROVED" in cells[2].text_content() and "unapproved" in row.classes
        raise AssertionError(f"no row with target {target!r}")


class TestMarkdownFormat(FormatContract):
    format = "md"
    has_ids = False

    def render(self, path: Path) -> lxml.html.HtmlElement:
        rendered = MarkdownIt("commonmark").enable("table").render(path.read_text("utf-8"))
        return lxml.html.fromstring(f"<div>{rendered}</div>")

    def read_back(self, out: Path) -> list[ReadUnit]:
        units = []
        for path in sorted(out.glob("*.md"), key=lambda p: p.stat().st_mtime_ns):
            units += [ReadUnit(None, s, t) for s, t in _rows(self.render(path))]
        return units

    def unapproved_is_marked(self, out: Path, unit: str, target: str) -> bool:
        (path,) = out.glob("*.md")
        for row in self.render(path).iter("tr"):
            cells = row.findall("td")
            if cells and cells[2].text_content().endswith(target):
                strong = cells[2].find("strong")
                return strong is not None and "NOT APPROVED" in strong.text_content()
        raise AssertionError(f"no row with target {target!r}")

    def test_markdown_syntax_in_a_paragraph_stays_literal(
        self, project: Project, store: ProjectStore, tmp_path: Path
    ) -> None:
        from tests.test_formats_base import new_document, set_target
        from translator.core.models import ReviewStatus

        text = "*не курсив* | [ссылка](http://x) `код` \\ _x_"
        (document,) = store.add_documents([new_document("md.txt", [text])])
        set_target(store, store.paragraphs(document.id)[0].id, text, ReviewStatus.APPROVED)
        out = tmp_path / "md"
        publishing.export(project, store, format="md", out=out)
        assert self.read_back(out) == [ReadUnit(None, text, text)]


def test_html_script_in_a_paragraph_stays_text(
    project: Project, store: ProjectStore, tmp_path: Path
) -> None:
    add_approved_document(store)
    out = tmp_path / "html"
    publishing.export(project, store, format="html", out=out)
    (path,) = out.glob("*.html")
    page_source = path.read_text(encoding="utf-8")
    assert "<script>" not in page_source
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page_source
    page = lxml.html.fromstring(page_source)
    assert list(page.iter("script")) == []
    assert list(page.iter("b")) == []
