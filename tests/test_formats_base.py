"""The round-trip contract every export format passes; each format's test module only sets it up.

`FormatContract` is inherited by `tests/test_formats_<format>.py` (Translate Toolkit's
test_base.py pattern): those set `format` and say how an independent reader sees the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

import pytest

from translator.core.models import ReviewStatus
from translator.formats.base import split_pieces, unit_id
from translator.ingest.sentences import split_sentences
from translator.project import Project
from translator.services import export as publishing
from translator.store import NewDocument, NewParagraph, ProjectStore

# (source, target): markup characters, quotes, a line break, Cyrillic names, several sentences.
APPROVED_PAIRS = [
    (
        "Суд отказал в жалобе. Защита обжалует решение.",
        "The court dismissed the complaint. The defence will appeal the decision.",
    ),
    (
        'Текст <script>alert("x")</script> & «ёлки» и "кавычки" и \'апостроф\'',
        'Text <script>alert("x")</script> & \'apostrophe\' and "quotes" <b>bold</b>',
    ),
    ("Первая строка\nвторая строка", "First line\nsecond line"),
    (
        "Д. А. Журавлёв осуждён по ст. 275 УК РФ.",
        "D. A. Zhuravlyov was convicted under Article 275 of the Criminal Code.",
    ),
]
DRAFT_PAIRS = [
    ("Одобренный абзац.", "An approved paragraph.", ReviewStatus.APPROVED),
    ("Отредактированный абзац.", "An edited paragraph.", ReviewStatus.EDITED),
    ("Машинный перевод.", "A machine translation.", ReviewStatus.MACHINE),
    ("Новый абзац без перевода.", "", ReviewStatus.NEW),
]


def new_document(name: str, sources: list[str], source_lang: str = "ru") -> NewDocument:
    return NewDocument(
        name=name,
        source_lang=source_lang,
        target_lang="en" if source_lang == "ru" else "ru",
        source_path=f"/src/{name}",
        sha256=name.encode().hex().ljust(64, "0")[:64],
        encoding="utf-8",
        imported_by="importer",
        paragraphs=[NewParagraph(text, split_sentences(text, source_lang)) for text in sources],
    )


def set_target(store: ProjectStore, paragraph_id: int, target: str, status: ReviewStatus) -> None:
    """Bring a paragraph to `status` the way people do: alice translates, bob approves."""
    if status is ReviewStatus.NEW:
        return
    paragraph = store.paragraph(paragraph_id)
    first = ReviewStatus.MACHINE if status is ReviewStatus.MACHINE else ReviewStatus.EDITED
    paragraph = store.save_target(paragraph.id, paragraph.version, target, first, "alice")
    if status in (ReviewStatus.APPROVED, ReviewStatus.REJECTED):
        store.set_status(paragraph.id, paragraph.version, status, "bob")


def add_approved_document(store: ProjectStore, name: str = "case.txt") -> list[int]:
    """A document with every paragraph approved; returns its paragraph ids in order."""
    (document,) = store.add_documents([new_document(name, [s for s, _ in APPROVED_PAIRS])])
    ids = [paragraph.id for paragraph in store.paragraphs(document.id)]
    for paragraph_id, (_, target) in zip(ids, APPROVED_PAIRS, strict=True):
        set_target(store, paragraph_id, target, ReviewStatus.APPROVED)
    store.add_comment(ids[0], "carol", "check the court's name\nagainst the ruling")
    return ids


def add_draft_document(store: ProjectStore, name: str = "draft.txt") -> list[int]:
    (document,) = store.add_documents([new_document(name, [s for s, _, _ in DRAFT_PAIRS])])
    ids = [paragraph.id for paragraph in store.paragraphs(document.id)]
    for paragraph_id, (_, target, status) in zip(ids, DRAFT_PAIRS, strict=True):
        set_target(store, paragraph_id, target, status)
    return ids


@dataclass(frozen=True)
class ReadUnit:
    """A unit as an independent reader sees it; `id` is None where the format has no ids."""

    id: str | None
    source: str | None
    target: str


class FormatContract:
    """Export, then read back with a reader we did not write; every format inherits this."""

    format: ClassVar[str]
    has_ids: ClassVar[bool] = True
    has_source: ClassVar[bool] = True
    importable: ClassVar[bool] = False

    def read_back(self, out: Path) -> list[ReadUnit]:
        raise NotImplementedError

    def unapproved_is_marked(self, out: Path, unit: str, target: str) -> bool:
        """Whether the export at `out` shows unit `unit` (target `target`) as not approved."""
        raise NotImplementedError

    # -- helpers --------------------------------------------------------------------
    def out_path(self, tmp_path: Path) -> Path:
        exporter = publishing.exporter_for(self.format)
        if exporter.one_file_per_document:
            return tmp_path / "published"
        return tmp_path / f"export{exporter.extension}"

    def export(self, project: Project, store: ProjectStore, out: Path, **options: object) -> Path:
        publishing.export(project, store, format=self.format, out=out, **options)  # type: ignore[arg-type]
        return out

    def expected(self, store: ProjectStore, ids: list[int]) -> list[ReadUnit]:
        units = []
        for paragraph_id in ids:
            paragraph = store.paragraph(paragraph_id)
            units.append(
                ReadUnit(
                    unit_id(paragraph.document_id, paragraph.id) if self.has_ids else None,
                    paragraph.source_text if self.has_source else None,
                    paragraph.target_text,
                )
            )
        return units

    # -- the contract ---------------------------------------------------------------
    def test_every_approved_paragraph_reads_back_exactly(
        self, project: Project, store: ProjectStore, tmp_path: Path
    ) -> None:
        ids = add_approved_document(store)
        out = self.export(project, store, self.out_path(tmp_path))
        assert self.read_back(out) == self.expected(store, ids)

    def test_escaping_keeps_markup_quotes_newlines_and_cyrillic_as_text(
        self, project: Project, store: ProjectStore, tmp_path: Path
    ) -> None:
        add_approved_document(store)
        out = self.export(project, store, self.out_path(tmp_path))
        targets = [unit.target for unit in self.read_back(out)]
        assert APPROVED_PAIRS[1][1] in targets  # <script>, &, both quotes
        assert "First line\nsecond line" in targets
        if self.has_source:
            sources = [unit.source for unit in self.read_back(out)]
            assert "Д. А. Журавлёв осуждён по ст. 275 УК РФ." in sources

    def test_documents_keep_their_order_and_ids(
        self, project: Project, store: ProjectStore, tmp_path: Path
    ) -> None:
        first = add_approved_document(store, "b-first.txt")
        second = add_approved_document(store, "a-second.txt")
        out = self.export(project, store, self.out_path(tmp_path))
        units = self.read_back(out)
        assert len(units) == len(first) + len(second)
        assert sorted(units, key=repr) == sorted(self.expected(store, first + second), key=repr)

    def test_unapproved_paragraphs_are_refused_with_counts(
        self, project: Project, store: ProjectStore, tmp_path: Path
    ) -> None:
        add_approved_document(store)
        add_draft_document(store)
        out = self.out_path(tmp_path)
        with pytest.raises(publishing.ExportRefused) as refused:
            self.export(project, store, out)
        message = str(refused.value)
        assert "draft.txt" in message
        assert "1 new, 1 machine, 1 edited" in message
        assert "case.txt" not in message
        assert not out.exists()

    def test_include_unapproved_marks_them_visibly(
        self, project: Project, store: ProjectStore, tmp_path: Path
    ) -> None:
        ids = add_draft_document(store)
        out = self.export(project, store, self.out_path(tmp_path), include_unapproved=True)
        draft = store.paragraphs(store.paragraph(ids[0]).document_id)
        approved, edited = draft[0], draft[1]
        assert self.unapproved_is_marked(
            out, unit_id(edited.document_id, edited.id), edited.target_text
        )
        assert not self.unapproved_is_marked(
            out, unit_id(approved.document_id, approved.id), approved.target_text
        )

    def test_existing_file_is_kept_without_force(
        self, project: Project, store: ProjectStore, tmp_path: Path
    ) -> None:
        add_approved_document(store)
        out = self.export(project, store, self.out_path(tmp_path))
        files = sorted(out.iterdir()) if out.is_dir() else [out]
        for path in files:
            path.write_text("keep me", encoding="utf-8")
        with pytest.raises(publishing.ExportRefused, match="already exists"):
            self.export(project, store, out)
        assert all(path.read_text(encoding="utf-8") == "keep me" for path in files)
        self.export(project, store, out, force=True)
        assert self.read_back(out)
        leftovers = [p.name for p in out.parent.rglob("*.tmp")]
        assert leftovers == []

    def test_a_failing_write_leaves_no_file_and_no_temporary(
        self, project: Project, store: ProjectStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        add_approved_document(store)
        exporter_class = type(publishing.exporter_for(self.format))

        def half_then_fail(self: object, documents: object, path: Path, meta: object) -> None:
            path.write_text("half", encoding="utf-8")
            raise OSError(28, "No space left on device", str(path))

        monkeypatch.setattr(exporter_class, "write", half_then_fail)
        out = self.out_path(tmp_path)
        with pytest.raises(publishing.ExportRefused, match="No space left"):
            self.export(project, store, out)
        remaining = list(out.iterdir()) if out.is_dir() else list(out.parent.glob("*export*"))
        assert remaining == []


def test_split_pieces_joins_back_to_the_paragraph() -> None:
    text = "Первое.  Второе предложение!\nТретье?"
    pieces = split_pieces(text, ["Первое.", "Второе предложение!", "Третье?"])
    assert pieces == ["Первое.  ", "Второе предложение!\n", "Третье?"]
    assert "".join(pieces) == text
    assert split_pieces(text, ["Первое.", "Не то."]) is None
    assert split_pieces(text, [text]) is None  # one sentence: one segment
