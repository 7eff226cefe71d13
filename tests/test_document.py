"""From a decoded source to a document: what parse_source refuses, and in which order."""

from __future__ import annotations

from pathlib import Path

import pytest

from translator.core.errors import TranslatorError
from translator.ingest import parse_source, read_source
from translator.ingest.language import LanguageUnknown
from translator.ingest.reading import SourceFile

MARKUP_ONLY = (
    "<!DOCTYPE html><html><head><script>var x = 1;</script><style>p {}</style></head>"
    '<body><div class="wrapper"><img src="a.png"><hr></div></body></html>'
)


def _source(text: str, fmt: str) -> SourceFile:
    return SourceFile(
        path=Path("page." + fmt),
        name="page." + fmt,
        format=fmt,
        text=text,
        encoding="utf-8",
        sha256="0" * 64,
    )


@pytest.mark.parametrize("lang", ["auto", "ru", "en"])
def test_markup_only_html_says_no_paragraphs_not_unknown_language(lang: str) -> None:
    with pytest.raises(TranslatorError, match="no paragraphs of text found") as caught:
        parse_source(_source(MARKUP_ONLY, "html"), lang)
    assert not isinstance(caught.value, LanguageUnknown)


def test_markup_only_html_file_read_from_disk_says_no_paragraphs(tmp_path: Path) -> None:
    path = tmp_path / "empty-page.html"
    path.write_text(MARKUP_ONLY, encoding="utf-8")
    with pytest.raises(TranslatorError, match="no paragraphs of text found"):
        parse_source(read_source(path, max_bytes=1024 * 1024))


def test_text_too_short_to_tell_the_language_still_says_so() -> None:
    with pytest.raises(LanguageUnknown, match="--lang"):
        parse_source(_source("<p>12 34</p>", "html"))


def test_document_with_text_parses() -> None:
    document = parse_source(_source("<h1>Заголовок</h1><p>Суд назначил штраф.</p>", "html"))
    assert document.source_lang == "ru"
    assert [p.source_text for p in document.paragraphs] == ["Заголовок", "Суд назначил штраф."]


def test_markdown_front_matter_is_not_imported_for_translation() -> None:
    text = "---\ntitle: Дело\ndate: 2024-05-01\n---\n\nТекст статьи.\n"
    parsed = parse_source(_source(text, "md"), "ru")
    assert [paragraph.source_text for paragraph in parsed.paragraphs] == ["Текст статьи."]


def test_html_line_break_inside_a_sentence_is_one_review_paragraph() -> None:
    text = "<p>Московский районный суд отклонил жалобу защиты,<br>поданную адвокатом в мае.</p>"
    parsed = parse_source(_source(text, "html"), "ru")
    assert len(parsed.paragraphs) == 1
    assert len(parsed.paragraphs[0].sentences) == 1
