"""The shipped sample corpus splits the way corpora/README.md says a correct splitter must."""

from __future__ import annotations

import pytest

from tests.conftest import SAMPLE_CORPUS
from translator.ingest import parse_source, read_source

# corpora/README.md: sentences per paragraph of the parallel pair (both languages).
PARALLEL_SENTENCE_COUNTS = [1, 4, 4, 3, 4, 4, 3, 4, 2, 3, 4, 3, 3, 4]


@pytest.mark.parametrize(
    ("name", "lang"), [("ru_case_zhuravlev.txt", "ru"), ("en_case_zhuravlev.txt", "en")]
)
def test_parallel_pair_splits_into_the_documented_sentences(name: str, lang: str) -> None:
    parsed = parse_source(read_source(SAMPLE_CORPUS / name, 10**7))
    assert parsed.source_lang == lang
    counts = [len(paragraph.sentences) for paragraph in parsed.paragraphs]
    assert counts == PARALLEL_SENTENCE_COUNTS


def test_html_statement_never_imports_script_style_or_comments() -> None:
    parsed = parse_source(read_source(SAMPLE_CORPUS / "en_ngo_statement.html", 10**7))
    text = "\n".join(paragraph.source_text for paragraph in parsed.paragraphs)
    for sentinel in ("STYLE_SENTINEL", "SCRIPT_SENTINEL", "COMMENT_SENTINEL", "Zhuravlyov"):
        assert sentinel not in text
    assert "«" in text and "&amp;" not in text and "&" in text  # entities decoded


def test_markdown_appeal_keeps_article_references_in_one_sentence() -> None:
    parsed = parse_source(read_source(SAMPLE_CORPUS / "en_news_appeal.md", 10**7))
    sentences = [s for paragraph in parsed.paragraphs for s in paragraph.sentences]
    assert not any(s.endswith(("Art.", "No.")) for s in sentences)
    assert any("Art. 275" in s for s in sentences)
    assert any("Art. 20.3" in s for s in sentences)
