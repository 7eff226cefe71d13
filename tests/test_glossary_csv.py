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


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ('ru,en,note\nодин,one,"unterminated\nдва,two,x\nтри,three,y\n', 2),
        ('ru,en,note\nодин,one,"two\nlines"\nдва,two,"a ""quoted"" word\nтри,three\n', 4),
        ('один;one;"x"\nдва;"two\n', 2),
    ],
    ids=["comma", "after-a-multiline-cell", "semicolon-headerless"],
)
def test_an_unclosed_quote_is_refused_at_the_line_it_opens(text: str, line: int) -> None:
    with pytest.raises(GlossaryFileError, match="never closed") as caught:
        parse(text)
    assert caught.value.line == line


def test_text_after_a_closing_quote_is_refused_naming_where_the_row_starts() -> None:
    with pytest.raises(GlossaryFileError, match="row starting on line 2") as caught:
        parse('ru,en,note\nодин,one,"open\nдва,two,"x"y\n')
    assert caught.value.line == 3


def test_rows_after_a_multiline_cell_keep_their_own_line_numbers() -> None:
    with pytest.raises(GlossaryFileError, match="unknown status") as caught:
        parse('ru,en,note,status\nодин,one,"two\nlines",\nдва,two,,best\n')
    assert caught.value.line == 4


@pytest.mark.parametrize(
    ("text", "missing", "line"),
    [
        ("ru,note\nтолько ру,нет en\n", "no `en` column", 1),
        ("en,note\ncell,карцер\n", "no `ru` column", 1),
        ("Term,Translation,Notes\nкарцер,cell,\n", "no `ru` or `en` column", 1),
        ("русский,примечание\nкарцер,cell\n", "no `en` column", 1),
        ("\n\nsource;target\nкарцер;cell\n", "no `ru` or `en` column", 3),
    ],
)
def test_a_header_without_a_language_column_is_refused(text: str, missing: str, line: int) -> None:
    with pytest.raises(GlossaryFileError, match=missing) as caught:
        parse(text)
    assert caught.value.line == line


@pytest.mark.parametrize(
    "header",
    ["ru-RU,en-GB", "en_US,ru_RU", "Russian term,English term", "RUS,ENG", "Russian,English"],
)
def test_language_tags_and_names_head_the_ru_and_en_columns(header: str) -> None:
    first, second = ("cell", "карцер") if header.lower().startswith("en") else ("карцер", "cell")
    assert parse(f"{header}\n{first},{second}\n") == [
        ("user:карцер", [("ru", "карцер", "preferred"), ("en", "cell", "preferred")])
    ]


@pytest.mark.parametrize("row", ["английский,English", "статус,status", "русский язык,Russian"])
def test_a_headerless_term_row_that_names_a_column_is_still_a_term(row: str) -> None:
    ru, en = row.split(",")
    assert parse(f"{row}\nкарцер,cell\n")[0][1] == [
        ("ru", ru, "preferred"),
        ("en", en, "preferred"),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "ru,en,status\nпытка,torture,forbidden\nпытка,torture,preferred\n",
            "'torture' is preferred here but forbidden on line 2",
        ),
        (
            "ru,en,status\nпытка,torture,\nпытка,ill-treatment,\nпытка,torture,forbidden\n",
            "'torture' is forbidden here but preferred on line 2",
        ),
        (
            "ru,en,ru_status\nпытка,torture,admitted\nпытка,ill-treatment,preferred\n",
            "'пытка' is preferred here but admitted on line 2",
        ),
    ],
)
def test_one_term_with_two_statuses_is_refused_naming_both_lines(text: str, message: str) -> None:
    with pytest.raises(GlossaryFileError, match=message) as caught:
        parse(text)
    assert caught.value.line == text.count("\n")


def test_a_repeated_row_agreeing_or_without_a_status_is_kept_once() -> None:
    text = "ru,en,status\nпытка,torture,forbidden\nпытка,torture,\nпытка,torture,forbidden\n"
    assert parse(text) == [
        ("user:пытка", [("ru", "пытка", "preferred"), ("en", "torture", "forbidden")])
    ]


LEGACY = (
    "русский,английский,примечание\n"
    "карцер,punishment cell,устаревшее слово\n"
    "следственный изолятор,pre-trial detention centre,\n"
    "подписка о невыезде,recognisance not to abscond,мера пресечения\n"
)
LEGACY_TERMS = [
    ("user:карцер", [("ru", "карцер", "preferred"), ("en", "punishment cell", "preferred")]),
    (
        "user:следственный-изолятор",
        [
            ("ru", "следственный изолятор", "preferred"),
            ("en", "pre-trial detention centre", "preferred"),
        ],
    ),
    (
        "user:подписка-о-невыезде",
        [
            ("ru", "подписка о невыезде", "preferred"),
            ("en", "recognisance not to abscond", "preferred"),
        ],
    ),
]


def parse_bytes(data: bytes, name: str = "g.csv") -> list[tuple[str, list[tuple[str, str, str]]]]:
    glossary = parse_csv(data, Path(name))
    return [(c.key, [(t.lang, t.text, t.status.value) for t in c.terms]) for c in glossary.concepts]


@pytest.mark.parametrize("encoding", ["cp1251", "koi8-r", "utf-8-sig", "utf-16", "utf-8"])
def test_legacy_and_unicode_encodings_are_detected(encoding: str) -> None:
    data = LEGACY.encode(encoding)
    assert parse_bytes(data) == LEGACY_TERMS
    assert parse_csv(data, Path("g.csv")).concepts[0].note == "устаревшее слово"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (LEGACY.replace(",", ";"), "g.csv"),  # Excel in a Russian locale
        (LEGACY.replace(",", "\t"), "g.csv"),  # tabs, whatever the extension says
        (LEGACY.replace(",", "\t"), "g.txt"),
        (LEGACY.replace(",", "|"), "g.csv"),
        (LEGACY.replace(",", ";").replace("устаревшее слово", "устаревшее, грубое"), "g.csv"),
        (LEGACY.replace("устаревшее слово", "устаревшее; грубое"), "g.csv"),
        (LEGACY.replace(",", ";").split("\n", 1)[1], "g.csv"),  # no header
    ],
    ids=[
        "semicolon",
        "tab",
        "tab-txt",
        "bar",
        "semicolon-comma-in-note",
        "comma-semicolon-in-note",
        "headerless",
    ],
)
def test_delimiter_is_detected(text: str, name: str) -> None:
    assert parse(text, name) == LEGACY_TERMS


def test_semicolons_in_a_single_row_file() -> None:
    assert parse("карцер;punishment cell\n") == [LEGACY_TERMS[0]]


def test_one_column_is_refused_with_a_hint() -> None:
    with pytest.raises(GlossaryFileError, match="one column only") as caught:
        parse("карцер\nэтап\n")
    assert caught.value.line == 1


def test_undecidable_encoding_is_refused_naming_the_file() -> None:
    with pytest.raises(GlossaryFileError, match="cannot tell the encoding") as caught:
        parse_csv("карцер,cell\n".encode("cp1251"), Path("g.csv"))
    assert str(caught.value).startswith("g.csv: ")
    named = parse_csv("карцер,cell\n".encode("cp1251"), Path("g.csv"), encoding="cp1251")
    assert [t.text for t in named.concepts[0].terms] == ["карцер", "cell"]


def test_long_russian_terms_never_share_a_key() -> None:
    stem = "нарушение установленного порядка организации либо проведения собрания "
    keys = [key for key, _ in parse(f"{stem}митинга,rally\n{stem}пикетирования,picket\n")]
    assert len(set(keys)) == 2
    assert all(len(key) <= len("user:") + 60 for key in keys)


def test_export_reads_back_every_term_status_and_note() -> None:
    shipped = shipped_glossary()
    again = parse_csv(csv_bytes(shipped), Path("g.csv"))
    assert [c.key for c in again.concepts] == [c.key for c in shipped.concepts]
    for before, after in zip(shipped.concepts, again.concepts, strict=True):
        assert set(after.terms) == set(before.terms)
        assert (after.note, after.subject) == (before.note, before.subject)
    assert any(t.status is TermStatus.FORBIDDEN for c in again.concepts for t in c.terms)


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("GPS,GPS\nадвокат,lawyer\n", ("GPS", "GPS")),
        ("ECHR,ECHR,European Court\nадвокат,lawyer\n", ("ECHR", "ECHR")),
        ("примечание,note to the article\nадвокат,lawyer\n", ("примечание", "note to the article")),
    ],
)
def test_a_headerless_file_may_open_with_a_term_kept_as_is(
    text: str, first: tuple[str, str]
) -> None:
    """Spreadsheets sort Latin before Cyrillic: a term kept as is (GPS) often comes first,
    and is a term, not a header lacking its columns."""
    glossary = parse_csv(text.encode("utf-8"), Path("terms.csv"))
    assert [tuple(t.text for t in c.terms) for c in glossary.concepts] == [
        first,
        ("адвокат", "lawyer"),
    ]
