"""CSV/TSV user glossaries: header detection, optional status, errors with line numbers."""

from __future__ import annotations

from pathlib import Path

import pytest

from translator.glossary.csv_format import csv_bytes, parse_csv
from translator.glossary.files import GlossaryFileError
from translator.glossary.loading import shipped_glossary
from translator.glossary.model import TermStatus


def parse(text: str, name: str = "g.csv") -> list[tuple[str, list[tuple[str, str, str]]]]:
    glossary = parse_csv(text.encode("utf-8"), Path(name))
    return [(c.key, [(t.lang, t.text, t.status.value) for t in c.terms]) for c in glossary.concepts]


def test_headerless_rows_are_ru_en_note() -> None:
    glossary = parse_csv("карцер,punishment cell,old word\n".encode(), Path("g.csv"))
    concept = glossary.concepts[0]
    assert [(t.lang, t.text) for t in concept.terms] == [
        ("ru", "карцер"),
        ("en", "punishment cell"),
    ]
    assert concept.note == "old word"


def test_header_in_any_order_with_status_and_merging_by_russian_term() -> None:
    text = (
        "English,Russian,Status\n"
        "punishment cell,карцер,\n"
        "lock-up,карцер,forbidden\n"
        "isolation cell,карцер,admitted\n"
    )
    assert parse(text) == [
        (
            "user:карцер",
            [
                ("ru", "карцер", "preferred"),
                ("en", "punishment cell", "preferred"),
                ("en", "lock-up", "forbidden"),
                ("en", "isolation cell", "admitted"),
            ],
        )
    ]


def test_tsv_by_extension_and_bom() -> None:
    assert parse("\ufeffru\ten\nСИЗО\tSIZO\n", "g.tsv") == [
        ("user:сизо", [("ru", "СИЗО", "preferred"), ("en", "SIZO", "preferred")])
    ]


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ("ru,en,status\nкарцер,cell,best\n", "unknown status 'best'", 2),
        ("ru,en\nкарцер,cell\nтолько русский,\n", "needs both", 3),
        ("ru,en,colour\nкарцер,cell,red\n", "unknown column", 1),
        ("ru,en\nкарцер,cell,extra\n", "3 columns", 2),
    ],
)
def test_bad_rows_name_their_line(text: str, message: str, line: int) -> None:
    with pytest.raises(GlossaryFileError, match=message) as caught:
        parse(text)
    assert caught.value.line == line
    assert str(caught.value).startswith("g.csv: ")


def test_not_utf8_is_refused() -> None:
    with pytest.raises(GlossaryFileError, match="not UTF-8"):
        parse_csv("карцер,cell\n".encode("cp1251"), Path("g.csv"))


def test_export_reads_back_every_term_status_and_note() -> None:
    shipped = shipped_glossary()
    again = parse_csv(csv_bytes(shipped), Path("g.csv"))
    assert [c.key for c in again.concepts] == [c.key for c in shipped.concepts]
    for before, after in zip(shipped.concepts, again.concepts, strict=True):
        assert set(after.terms) == set(before.terms)
        assert (after.note, after.subject) == (before.note, before.subject)
    assert any(t.status is TermStatus.FORBIDDEN for c in again.concepts for t in c.terms)
