"""Finding names in English and Russian text."""

from __future__ import annotations

import pytest

from translator.names import extract_names


def _normals(text: str, lang: str) -> list[str]:
    return [mention.normal for mention in extract_names(text, lang)]


def test_english_people_with_titles_initials_and_patronymics() -> None:
    text = (
        "The case was heard by Judge Dmitry Kolesnikov. On Monday Mr Zhuravlev’s lawyer "
        "met Dmitrii Andreevich Zhuravlev and ONK member Ye. V. Markova in Perm."
    )
    mentions = extract_names(text, "en")
    people = [m for m in mentions if m.kind == "person"]
    assert [p.normal for p in people] == [
        "Dmitry Kolesnikov",
        "Zhuravlev",
        "Dmitrii Andreevich Zhuravlev",
        "Ye. V. Markova",
    ]
    assert people[0].title == "Judge" and people[1].title == "Mr"
    assert people[2].patronymic == "Andreevich" and people[3].initials == ("Ye.", "V.")
    assert "Perm" in _normals(text, "en")
    assert not {"The", "On", "Monday"} & set(_normals(text, "en"))
    assert text[people[0].start : people[0].end] == "Judge Dmitry Kolesnikov"


def test_english_sentence_initial_words_are_marked() -> None:
    mentions = extract_names("Witnesses allege it. Sokolov denied it in Yekaterinburg.", "en")
    flags = {m.normal: m.sentence_start for m in mentions}
    assert flags == {"Witnesses": True, "Sokolov": True, "Yekaterinburg": False}


def test_russian_inflected_surnames_are_one_name_and_gender_follows_the_first_name() -> None:
    text = (
        "Дмитрия Журавлева задержали. Журавлеву предъявили обвинение. "
        "Анна Журавлева пришла в суд с Павлом Журавлевым."
    )
    people = [m for m in extract_names(text, "ru") if m.kind == "person"]
    assert [p.normal for p in people] == [
        "Дмитрий Журавлев",
        "Журавлев",
        "Анна Журавлева",
        "Павел Журавлев",
    ]
    assert [p.feminine for p in people] == [False, False, True, False]


def test_russian_surname_before_a_first_name_is_not_her_surname() -> None:
    people = extract_names("Жена Журавлева Анна рассказала о письмах.", "ru")
    assert [p.normal for p in people] == ["Журавлев", "Анна"]


def test_russian_initials_and_places() -> None:
    mentions = extract_names(
        "Члены ОНК Е. В. Маркова и О. С. Рябов посетили колонию в Перми.", "ru"
    )
    assert [m.normal for m in mentions] == ["Е. В. Маркова", "О. С. Рябов", "Пермь"]
    assert mentions[0].feminine is True and mentions[2].kind == "name"


def test_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="English or Russian"):
        extract_names("Hallo Welt", "de")


def test_shifting_a_mention_moves_only_its_offsets() -> None:
    """`shifted` writes out every field: one added to NameMention must be added there."""
    from dataclasses import fields, replace

    from translator.names.extract import shifted
    from translator.names.model import NameMention

    values = {field.name: f"value {field.name}" for field in fields(NameMention)}
    mention = NameMention(**{**values, "start": 3, "end": 9})  # type: ignore[arg-type]
    assert shifted(mention, 10) == replace(mention, start=13, end=19)
