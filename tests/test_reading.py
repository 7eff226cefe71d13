"""Reading a source file: usable text comes back; anything else is one clear error line."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest

from translator.core.errors import InputFileError
from translator.ingest import parse_source, read_source
from translator.ingest.reading import SourceFile

MAX = 1024 * 1024
RUSSIAN = (
    "Адвокат Алексей Соколов отбывает наказание в колонии строгого режима. "
    "Его вновь оштрафовали по ч. 2 ст. 20.3 КоАП РФ.\n"
)


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


# Each maker builds a bad input under tmp_path and returns (path, max_bytes).
Maker = Callable[[Path], tuple[Path, int]]


def _missing(tmp: Path) -> tuple[Path, int]:
    return tmp / "nowhere.txt", MAX


def _folder(tmp: Path) -> tuple[Path, int]:
    folder = tmp / "folder.txt"
    folder.mkdir()
    return folder, MAX


def _pdf(tmp: Path) -> tuple[Path, int]:
    return _write(tmp / "report.pdf", b"%PDF-1.7\n"), MAX


def _no_suffix(tmp: Path) -> tuple[Path, int]:
    return _write(tmp / "README", RUSSIAN.encode()), MAX


def _empty(tmp: Path) -> tuple[Path, int]:
    return _write(tmp / "empty.txt", b""), MAX


def _blank(tmp: Path) -> tuple[Path, int]:
    return _write(tmp / "blank.md", " \n\t\r\n\u00a0\n".encode()), MAX


def _too_large(tmp: Path) -> tuple[Path, int]:
    return _write(tmp / "big.txt", RUSSIAN.encode() * 10), 100


def _png(tmp: Path) -> tuple[Path, int]:
    return _write(tmp / "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64)), MAX


def _undecodable(tmp: Path) -> tuple[Path, int]:
    return _write(tmp / "noise.txt", bytes(range(128, 256)) * 4), MAX


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (_missing, "no such file"),
        (_folder, "folder"),
        (_pdf, "unsupported file type '.pdf'"),
        (_no_suffix, "unsupported file type"),
        (_empty, "empty"),
        (_blank, "white space"),
        (_too_large, "too large"),
        (_png, "PNG"),
        (_undecodable, "encoding"),
    ],
    ids=lambda value: value.__name__.strip("_") if callable(value) else None,
)
def test_bad_input_is_one_error_line_naming_file_and_reason(
    tmp_path: Path, make: Maker, reason: str
) -> None:
    path, max_bytes = make(tmp_path)
    with pytest.raises(InputFileError) as caught:
        read_source(path, max_bytes=max_bytes)
    message = str(caught.value)
    assert message.startswith(f"{path}: ")
    assert reason in message
    assert "\n" not in message and "\r" not in message
    assert caught.value.path == path


def test_too_large_message_gives_both_sizes(tmp_path: Path) -> None:
    path = _write(tmp_path / "big.txt", b"x" * 150)
    with pytest.raises(InputFileError) as caught:
        read_source(path, max_bytes=100)
    assert "150 bytes" in str(caught.value)
    assert "100 bytes" in str(caught.value)


def test_file_exactly_at_the_limit_is_read(tmp_path: Path) -> None:
    data = b"Exactly one hundred bytes of English text. " * 3
    path = _write(tmp_path / "edge.txt", data[:100])
    assert read_source(path, max_bytes=100).text == data[:100].decode()


def test_wrong_explicit_encoding_is_an_input_error(tmp_path: Path) -> None:
    path = _write(tmp_path / "ru.txt", RUSSIAN.encode("cp1251"))
    with pytest.raises(InputFileError, match=r"not valid utf-8") as caught:
        read_source(path, max_bytes=MAX, encoding="utf-8")
    assert "\n" not in str(caught.value)


def test_reads_and_decodes_a_cp1251_file(tmp_path: Path) -> None:
    data = RUSSIAN.encode("cp1251")
    path = _write(tmp_path / "колония.txt", data)
    source = read_source(path, max_bytes=MAX)
    assert source == SourceFile(
        path=path,
        name="колония.txt",
        format="txt",
        text=RUSSIAN,
        encoding="cp1251",
        sha256=hashlib.sha256(data).hexdigest(),
    )


def test_sha256_is_of_the_raw_bytes_not_the_text(tmp_path: Path) -> None:
    data = RUSSIAN.encode("utf-16")
    source = read_source(_write(tmp_path / "ru.txt", data), max_bytes=MAX)
    assert source.sha256 == hashlib.sha256(data).hexdigest()
    assert source.sha256 != hashlib.sha256(source.text.encode()).hexdigest()


def test_explicit_encoding_is_honoured(tmp_path: Path) -> None:
    path = _write(tmp_path / "ru.txt", RUSSIAN.encode("koi8-r"))
    source = read_source(path, max_bytes=MAX, encoding="koi8-r")
    assert (source.text, source.encoding) == (RUSSIAN, "koi8-r")


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("a.txt", "txt"),
        ("a.text", "txt"),
        ("a.TXT", "txt"),
        ("a.md", "md"),
        ("a.markdown", "md"),
        ("a.html", "html"),
        ("a.htm", "html"),
    ],
)
def test_format_follows_the_suffix(tmp_path: Path, name: str, fmt: str) -> None:
    assert read_source(_write(tmp_path / name, b"Some text."), max_bytes=MAX).format == fmt


def test_read_then_parse_gives_russian_sentences(tmp_path: Path) -> None:
    source = read_source(_write(tmp_path / "ru.txt", RUSSIAN.encode("cp1251")), max_bytes=MAX)
    document = parse_source(source)
    assert (document.source_lang, document.target_lang) == ("ru", "en")
    assert [p.sentences for p in document.paragraphs] == [
        (
            "Адвокат Алексей Соколов отбывает наказание в колонии строгого режима.",
            "Его вновь оштрафовали по ч. 2 ст. 20.3 КоАП РФ.",
        )
    ]
