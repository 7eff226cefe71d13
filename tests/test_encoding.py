"""Decoding source bytes: every supported encoding round-trips, and doubt means refusal."""

from __future__ import annotations

import codecs

import pytest

from translator.ingest.encoding import EncodingProblem, binary_kind, decode_bytes, legacy_score

# Natural newsroom Russian with ё, digits, a legal reference and a Latin brand name. No «»:
# koi8-r has no guillemets, and the same text must go through every encoding.
RUSSIAN = (
    "Адвокат Алексей Соколов, отбывающий наказание в исправительной колонии строгого "
    "режима, вновь привлечён к ответственности по ч. 2 ст. 20.3 КоАП РФ. Поводом стала "
    "публикация логотипа Facebook на его странице.\n"
    "Суд назначил ему штраф в размере 2000 рублей; защита намерена обжаловать решение.\n"
)
ENGLISH_CP1252 = "The café’s owner said “we are closed” — naïve, perhaps, but honest.\n"
PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00"


def _has_cyrillic(text: str) -> bool:
    return any("\u0400" <= char <= "\u04ff" for char in text)


@pytest.mark.parametrize(
    ("codec", "reported"),
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-sig"),
        ("cp1251", "cp1251"),
        ("koi8-r", "koi8-r"),
        ("utf-16", "utf-16"),  # Python writes a BOM for plain "utf-16"
        ("utf-16-le", "utf-16-le"),  # no BOM
        ("utf-16-be", "utf-16-be"),  # no BOM
    ],
)
def test_russian_text_decodes_exactly(codec: str, reported: str) -> None:
    decoded = decode_bytes(RUSSIAN.encode(codec))
    assert decoded.text == RUSSIAN
    assert codecs.lookup(decoded.encoding).name == codecs.lookup(reported).name


def test_utf16_without_bom_really_has_no_bom() -> None:
    data = RUSSIAN.encode("utf-16-le")
    assert not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    assert decode_bytes(data).text == RUSSIAN


@pytest.mark.parametrize("codec", ["cp1251", "koi8-r"])
@pytest.mark.parametrize("text", ["Привет, мир", "Приговор суда", "Новости\n", "Москва"])
def test_short_single_byte_cyrillic_decodes_exactly(text: str, codec: str) -> None:
    assert decode_bytes(text.encode(codec)).text == text


@pytest.mark.parametrize("codec", ["cp1251", "koi8-r"])
def test_long_heading_in_capitals_decodes_exactly(codec: str) -> None:
    # cp1251 capitals read as koi8-r are plausible lowercase (and back): case is no guide.
    heading = "ПОСТАНОВЛЕНИЕ О НАЗНАЧЕНИИ АДМИНИСТРАТИВНОГО НАКАЗАНИЯ"
    assert decode_bytes(heading.encode(codec)).text == heading


@pytest.mark.parametrize("codec", ["cp1251", "koi8-r"])
@pytest.mark.parametrize("text", ["ФСИН", "УК РФ", "ОНК", "ШИЗО", "ПКТ"])
def test_short_text_in_capitals_is_refused_not_mirrored(text: str, codec: str) -> None:
    # Too few letters to tell "ФСИН" from its mirror "тяхм": refuse rather than guess.
    with pytest.raises(EncodingProblem, match="--encoding"):
        decode_bytes(text.encode(codec))


def test_english_cp1252_decodes_as_latin_not_cyrillic() -> None:
    decoded = decode_bytes(ENGLISH_CP1252.encode("cp1252"))
    assert decoded.text == ENGLISH_CP1252
    assert not _has_cyrillic(decoded.text)


@pytest.mark.parametrize(
    "text",
    [
        "Coq au vin à la carte.",
        "He met the judge vis-à-vis the court.",
        "“À la guerre comme à la guerre,” he said.",
    ],
)
def test_lone_accented_letter_in_english_is_never_read_as_cyrillic(text: str) -> None:
    # cp1252 "à" is cp1251 "а": alone between English words either reading fits, so the
    # detector may refuse, but must never return a Cyrillic letter inside English.
    try:
        decoded = decode_bytes(text.encode("cp1252"))
    except EncodingProblem:
        return
    assert decoded.text == text


def test_euro_sign_in_cp1252_is_not_a_cyrillic_letter() -> None:
    assert decode_bytes("Fee: 100 €".encode("cp1252")).text == "Fee: 100 €"


def test_russian_with_latin_names_in_cp1251_decodes() -> None:
    text = "Он пишет в Facebook и Telegram каждый день, а суд считает это нарушением."
    assert decode_bytes(text.encode("cp1251")).text == text


def test_png_header_is_refused_as_binary() -> None:
    with pytest.raises(EncodingProblem, match=r"binary.*PNG"):
        decode_bytes(PNG_HEADER + b"\x00" * 64)


def test_bytes_with_nuls_are_refused() -> None:
    data = b"just some text\x00with a few\x00NUL bytes in it, odd length"
    with pytest.raises(EncodingProblem, match="NUL"):
        decode_bytes(data)


def test_control_characters_are_refused_as_binary() -> None:
    data = bytes(range(1, 9)) * 20 + b"some text"
    with pytest.raises(EncodingProblem, match="control characters"):
        decode_bytes(data)


def test_random_high_bytes_are_refused_not_guessed() -> None:
    with pytest.raises(EncodingProblem) as caught:
        decode_bytes(bytes(range(128, 256)) * 4)
    message = str(caught.value)
    assert "cannot tell the encoding" in message
    assert "--encoding" in message  # tells the user what to do
    assert "\n" not in message


def test_explicit_encoding_is_used() -> None:
    decoded = decode_bytes(RUSSIAN.encode("koi8-r"), encoding="koi8-r")
    assert decoded.text == RUSSIAN
    assert decoded.encoding == "koi8-r"


def test_explicit_utf8_drops_a_byte_order_mark() -> None:
    assert decode_bytes(RUSSIAN.encode("utf-8-sig"), encoding="utf-8").text == RUSSIAN


def test_wrong_explicit_encoding_is_refused() -> None:
    with pytest.raises(EncodingProblem, match="not valid utf-8"):
        decode_bytes(RUSSIAN.encode("cp1251"), encoding="utf-8")


def test_unknown_explicit_encoding_is_refused() -> None:
    with pytest.raises(EncodingProblem, match="unknown encoding 'klingon-8'"):
        decode_bytes(b"text", encoding="klingon-8")


def test_explicit_encoding_does_not_turn_a_png_into_text() -> None:
    with pytest.raises(EncodingProblem, match="PNG"):
        decode_bytes(PNG_HEADER, encoding="latin-1")


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (PNG_HEADER, "PNG"),
        (b"%PDF-1.7\n%\xe2\xe3", "PDF"),
        (b"PK\x03\x04\x14\x00", "ZIP"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
    ],
)
def test_binary_kind_names_known_formats(data: bytes, kind: str) -> None:
    assert kind in (binary_kind(data) or "")


def test_binary_kind_is_none_for_text() -> None:
    assert binary_kind(RUSSIAN.encode("utf-8")) is None


@pytest.mark.parametrize(("right", "wrong"), [("cp1251", "koi8-r"), ("koi8-r", "cp1251")])
def test_legacy_score_prefers_the_right_code_page(right: str, wrong: str) -> None:
    data = RUSSIAN.encode(right)
    assert legacy_score(data.decode(right)) > legacy_score(data.decode(wrong))


# --- look-alike code pages this tool does not detect: refused, never decoded wrongly ------

LOOKALIKE_RUSSIAN = [
    RUSSIAN,
    "Адвокат Дмитрий Соколов, отбывающий наказание в исправительной колонии, вновь "
    "привлечён к ответственности.",
    "В колонии общего режима у заключенных больше свиданий, посылок и передач.",
    "ПОСТАНОВЛЕНИЕ О НАЗНАЧЕНИИ АДМИНИСТРАТИВНОГО НАКАЗАНИЯ\n"
    "Суд установил, что Соколов разместил логотип Facebook на своей странице.\n",
]


@pytest.mark.parametrize("codec", ["iso8859-5", "mac_cyrillic"])
@pytest.mark.parametrize("text", LOOKALIKE_RUSSIAN, ids=["long", "sentence", "one-capital", "caps"])
def test_russian_in_an_undetected_cyrillic_code_page_is_refused(text: str, codec: str) -> None:
    # ISO-8859-5 read as koi8-r is box-drawing garbage ("╟трчзпБ"); MacCyrillic read as
    # cp1251 differs only in capitals and "я"/"ё" ("Ђдвокат „митрий"): both must be refused.
    with pytest.raises(EncodingProblem, match="--encoding"):
        decode_bytes(text.encode(codec))


def test_refusal_of_maccyrillic_names_it() -> None:
    with pytest.raises(EncodingProblem, match="mac_cyrillic"):
        decode_bytes(RUSSIAN.encode("mac_cyrillic"))


@pytest.mark.parametrize("codec", ["iso8859-5", "mac_cyrillic"])
def test_undetected_code_page_still_decodes_when_named(codec: str) -> None:
    assert decode_bytes(RUSSIAN.encode(codec), encoding=codec).text == RUSSIAN


@pytest.mark.parametrize(
    "text",
    [
        "— Это незаконно, — сказал адвокат. «Мемориал» обжалует решение в Верховном суде.",
        "Температура в камере +12 °С, обогреватель на 2 кВт, а окно не закрывается.",
        "Лозунг «Слава Україні» суд счёл призывом; адвокат назвал это абсурдом.",
        "Штраф — 30 000 руб. (около 300 €), его заплатили родственники осуждённого.",
        "Юрий Ющенко, Яна Ярцева и Ёлка Шишкина подписали обращение к суду.",
    ],
)
def test_russian_in_cp1251_with_typography_and_rare_letters_still_decodes(text: str) -> None:
    assert decode_bytes(text.encode("cp1251")).text == text


def test_legacy_score_counts_only_russian_letters_as_good_cyrillic() -> None:
    # MacCyrillic capitals read as cp1251 are Serbian letters and stray symbols.
    assert legacy_score("Ђдвокат Љолонии Њосква") < legacy_score("Адвокат Колонии Москва")
    assert legacy_score("Ђ Љ Њ Ќ Ћ Џ ђ ѓ ў") == 0.0


def test_legacy_score_counts_box_drawing_and_broken_casing_as_bad() -> None:
    wrong = RUSSIAN.encode("iso8859-5").decode("koi8-r")
    assert any("\u2500" <= char <= "\u257f" for char in wrong)
    assert legacy_score(wrong) < 0.5
    assert legacy_score("╟╢▒") == 0.0
    assert legacy_score("чБяКрпНИьы") == 0.0  # starts lowercase, goes on in capitals
