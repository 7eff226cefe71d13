"""Source diffs shown for edited paragraphs: word-sized, lossless."""

from __future__ import annotations

import pytest

from translator.diffs import DiffOp, render_plain, word_diff


@pytest.mark.parametrize(
    ("old", "new", "shown"),
    [
        ("Суд 12 июня 2010 года.", "Суд 14 июня 2010 года.", "Суд [-12-]{+14+} июня 2010 года."),
        ("He was fined.", "He was fined again.", "He was fined{+ again+}."),
        ("A typo hre.", "A typo here.", "A typo [-hre-]{+here+}."),
        ("", "New text.", "{+New text.+}"),
        ("Same.", "Same.", "Same."),
    ],
)
def test_diffs_read_word_by_word(old: str, new: str, shown: str) -> None:
    assert render_plain(word_diff(old, new)) == shown


def test_a_diff_rebuilds_both_texts() -> None:
    old = "Сокол­ов был задержан 13 мая 2009 года в г. Екатеринбург; «дело» закрыто."
    new = "Соколов был задержан 14 мая 2009 г. в Екатеринбурге, а «дело» не закрыто."
    chunks = word_diff(old, new)
    assert "".join(text for op, text in chunks if op is not DiffOp.INSERT) == old
    assert "".join(text for op, text in chunks if op is not DiffOp.DELETE) == new
