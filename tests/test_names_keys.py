"""The transliteration-aware key and the typo kinds it allows."""

from __future__ import annotations

import pytest

from translator.names.keys import latin_key, typo_kind
from translator.names.renderings import dictionary_fix, render, rendering_keys

SAME = [
    ("Aleksei", "Alexei", "Alexey", "Aleksey"),
    ("Yekaterinburg", "Ekaterinburg"),
    ("Evgenii", "Yevgeny", "Evgeny", "Yevgeniy"),
    ("Nizhny", "Nizhnii", "Nizhniy"),
    ("Yulia", "Iuliia", "Julia", "Yuliya"),
    ("Khodorkovsky", "Khodorkovskii", "Khodorkovskiy", "Hodorkovsky"),
    ("Shchukin", "Schukin"),
    ("Tsvetkov", "Tzvetkov"),
    ("Aleksandr", "Alexander"),
    ("Fyodor", "Fedor", "Fёdor"),
    ("Natalya", "Nataliya", "Natalia", "Natal’ya"),
]
DIFFERENT = [
    ("Aleksandr", "Aleksei"),
    ("Aleksandr", "Aleksandra"),
    ("Sokolov", "Sokolova"),
    ("Zhuravlev", "Zhuravleva"),
    ("Sergei", "Semyon"),
    ("Anna", "Yana"),
]


@pytest.mark.parametrize("spellings", SAME)
def test_scheme_differences_share_a_key(spellings: tuple[str, ...]) -> None:
    assert len({latin_key(spelling) for spelling in spellings}) == 1


@pytest.mark.parametrize(("first", "second"), DIFFERENT)
def test_different_names_keep_different_keys(first: str, second: str) -> None:
    assert latin_key(first) != latin_key(second)


@pytest.mark.parametrize(
    ("first", "second", "kind"),
    [
        ("Zhuravlev", "Zhurravlev", "doubled letter"),
        ("Zhuravlev", "Zhuarvlev", "transposed letters"),
        ("Pravovaya", "Provavaya", "transposed letters"),
        ("Zhuravlev", "Zhuravleva", None),  # the wife, not a slip
        ("Sokolov", "Sokolev", None),  # a substitution is not a slip we report
    ],
)
def test_typo_kinds(first: str, second: str, kind: str | None) -> None:
    assert typo_kind(latin_key(first), latin_key(second)) == kind


def test_renderings_cover_the_schemes_newsrooms_use() -> None:
    assert render("дмитрий", "wikipedia") == "Dmitry"
    assert render("дмитрий", "icao_doc_9303") == "Dmitrii"
    assert render("дмитрий", "bgn_pcgn") == "Dmitriy"
    assert {latin_key(s) for s in ("Dmitrii", "Dmitry")} <= rendering_keys("дмитрий")
    with pytest.raises(ValueError, match="unknown transliteration scheme"):
        render("дмитрий", "klingon")


def test_a_lone_misspelling_is_fixed_by_the_dictionary_but_english_is_left_alone() -> None:
    assert dictionary_fix("Eevgenii") == "евгений"
    assert dictionary_fix("Provavaya") == "правовая"
    for word in ("Google", "Allison", "Rubenstein", "Sokolov", "Yekaterinburg"):
        assert dictionary_fix(word) is None
