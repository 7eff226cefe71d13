"""Paragraphs per format: plain text, Markdown and the visible text of HTML."""

from __future__ import annotations

import pytest

from translator.ingest.paragraphs import (
    html_paragraphs,
    markdown_paragraphs,
    normalise_space,
    split_paragraphs,
    text_paragraphs,
)

# Two paragraphs hard-wrapped near 70 columns, as old mail and plain-text archives are.
WRAPPED_RU = (
    "Суд признал адвоката виновным по ч. 2 ст. 20.3 КоАП РФ и назначил ему\n"
    "штраф в размере двух тысяч рублей. Защита намерена обжаловать решение.\n"
    "Адвокат Соколов заявил об этом после заседания в Екатеринбурге вчера.\n"
    "\n"
    "Правозащитники считают преследование адвоката политически мотивированным\n"
    "и связывают его с многолетней работой в наблюдательной комиссии.\n"
)
WRAPPED_EN = (
    "The court found the lawyer guilty under Part 2 of Article 20.3 of the\n"
    "Code of Administrative Offences and fined him two thousand roubles. The\n"
    "defence said it would appeal, the lawyer told reporters after the hearing.\n"
    "\n"
    "Rights defenders link the case to his years of work on the regional\n"
    "public oversight commission that inspects prisons and pre-trial centres.\n"
)


def _unwrapped(wrapped: str) -> list[str]:
    """What a reader sees: each blank-line-separated block as one line of text."""
    return [" ".join(block.split()) for block in wrapped.split("\n\n")]


# --- plain text -------------------------------------------------------------------------


def test_blank_lines_separate_paragraphs() -> None:
    text = "Первый абзац.\n\nВторой абзац.\n\n\n\nТретий абзац."
    assert text_paragraphs(text) == ["Первый абзац.", "Второй абзац.", "Третий абзац."]


def test_single_line_breaks_separate_paragraphs() -> None:
    text = "Суд отказал в жалобе.\nЗащита обжалует решение.\nАдвокат остается в колонии."
    assert text_paragraphs(text) == text.split("\n")


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_any_newline_convention_splits(newline: str) -> None:
    assert text_paragraphs(f"One.{newline}{newline}Two.{newline}Three.") == [
        "One.",
        "Two.",
        "Three.",
    ]


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("a\tb", "a b"),
        ("a\u00a0b", "a b"),  # no-break space
        ("a\u202fb", "a b"),  # narrow no-break space
        ("a  \t  b", "a b"),
        ("За\u200bдержан", "Задержан"),  # zero-width space
        ("\ufeffТекст", "Текст"),  # stray byte order mark
        ("адво\u00adкат", "адвокат"),  # soft hyphen
        ("  поля  ", "поля"),
    ],
)
def test_normalise_space(raw: str, clean: str) -> None:
    assert normalise_space(raw) == clean


def test_whitespace_inside_text_paragraphs_is_normalised() -> None:
    text = "\tАдвокат\u00a0 Соколов  за\u200bдержан.  "
    assert text_paragraphs(text) == ["Адвокат Соколов задержан."]


def test_empty_and_blank_paragraphs_are_dropped() -> None:
    text = "\n\n  \t \nТекст.\n\u00a0\n\u200b\n\n   \nЕще текст.\n\n"
    assert text_paragraphs(text) == ["Текст.", "Еще текст."]


@pytest.mark.parametrize("wrapped", [WRAPPED_RU, WRAPPED_EN], ids=["ru", "en"])
def test_hard_wrapped_text_is_rejoined(wrapped: str) -> None:
    assert text_paragraphs(wrapped) == _unwrapped(wrapped)


def test_short_title_is_not_joined_to_wrapped_text() -> None:
    assert text_paragraphs("Верховный суд\n" + WRAPPED_RU) == [
        "Верховный суд",
        *_unwrapped(WRAPPED_RU),
    ]


def test_short_lines_of_page_furniture_stay_apart() -> None:
    text = "Aleksei Sokolov\nLawyers, Human rights defenders\n1973-05-24\nImprisoned\nYekaterinburg"
    assert text_paragraphs(text) == text.split("\n")


def test_lines_of_similar_length_that_are_headlines_stay_apart() -> None:
    # As long as wrapped lines, but each starts a new headline: no text runs on.
    headlines = [
        "Суд оставил в силе приговор адвокату из Екатеринбурга по делу о грабеже",
        "Правозащитники потребовали освободить политзаключенного инженера из Перми",
        "ОНК Пермского края посетила колонию ИК-6 и побеседовала с осужденными",
        "В Москве прошла пресс-конференция о ликвидации правозащитных организаций",
    ]
    assert text_paragraphs("\n".join(headlines)) == headlines


def test_line_broken_mid_sentence_runs_on_into_lowercase_next_line() -> None:
    text = "Сокол был задержан 5 июля 2024 года по обвинению\nв демонстрации символики."
    assert text_paragraphs(text) == [
        "Сокол был задержан 5 июля 2024 года по обвинению в демонстрации символики."
    ]


# --- Markdown ---------------------------------------------------------------------------


def test_markdown_headings_and_paragraphs() -> None:
    text = "# Дело Соколова\n\nАдвоката задержали.\n\n## Приговор\n\nСуд назначил штраф."
    assert markdown_paragraphs(text) == [
        "Дело Соколова",
        "Адвоката задержали.",
        "Приговор",
        "Суд назначил штраф.",
    ]


def test_markdown_list_items_are_paragraphs() -> None:
    text = "Требования:\n\n- освободить адвоката\n- прекратить дело\n\n1. First\n2. Second\n"
    assert markdown_paragraphs(text) == [
        "Требования:",
        "освободить адвоката",
        "прекратить дело",
        "First",
        "Second",
    ]


def test_markdown_emphasis_links_and_code_keep_only_visible_text() -> None:
    text = "Суд *отклонил* **жалобу** по [ст. 20.3](https://example.org/koap) и `п. 2`."
    assert markdown_paragraphs(text) == ["Суд отклонил жалобу по ст. 20.3 и п. 2."]


def test_markdown_soft_and_hard_breaks_join_with_a_space() -> None:
    assert markdown_paragraphs("line one\nline two  \nline three") == [
        "line one line two line three"
    ]


def test_markdown_code_fence_keeps_its_text_without_fence_markers() -> None:
    text = "Before.\n\n```python\nprint('hello')\n\nprint('again')\n```\n\nAfter."
    paragraphs = markdown_paragraphs(text)
    assert paragraphs == ["Before.", "print('hello')", "print('again')", "After."]
    assert not any("```" in p or "python" in p for p in paragraphs)


def test_markdown_blockquote_text_is_kept() -> None:
    assert markdown_paragraphs("> «Это незаконно», — сказал адвокат.") == [
        "«Это незаконно», — сказал адвокат."
    ]


@pytest.mark.parametrize(
    "front_matter",
    [
        "---\ntitle: Дело\ndate: 2024-05-01\n---\n",
        "---\ntitle: Дело\ndate: 2024-05-01\n...\n",
        "---\r\ntitle: Дело\r\n\r\ntags: [суд]\r\n---\r\n",
        "---\n# comment\ntitle: Дело\n---\n",
        '+++\ntitle = "Дело"\ndate = 2024-05-01\n+++\n',
    ],
    ids=["yaml", "yaml-dots", "yaml-crlf", "yaml-comment", "toml"],
)
def test_markdown_front_matter_is_not_a_paragraph(front_matter: str) -> None:
    text = front_matter + "\n# Заголовок\n\nТекст статьи.\n"
    assert markdown_paragraphs(text) == ["Заголовок", "Текст статьи."]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a rule, then prose between two rules: not metadata (a blank line after the opener)
        ("---\n\nПервая часть.\n\n---\n\nВторая.\n", ["Первая часть.", "Вторая."]),
        # never closed: a rule and a paragraph
        ("---\ntitle: Дело\n\nТекст.\n", ["title: Дело", "Текст."]),
        # not at the very start of the file
        ("Вступление.\n\n---\ntitle: Дело\n---\n", ["Вступление.", "title: Дело"]),
        # a setext heading under a rule, no key on its first line
        ("---\nПросто заголовок\n---\n\nТекст.\n", ["Просто заголовок", "Текст."]),
    ],
    ids=["rule-then-prose", "unclosed", "not-at-start", "heading"],
)
def test_markdown_rules_that_are_not_front_matter_keep_their_text(
    text: str, expected: list[str]
) -> None:
    assert markdown_paragraphs(text) == expected


# --- HTML -------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html><head>
<title>Дело Соколова</title>
<style>body { color: red } .hidden-style-marker {}</style>
<script>var hiddenScriptMarker = "nope";</script>
</head><body>
<noscript>Hidden noscript marker</noscript>
<!-- hidden comment marker -->
<h1>Новости &amp; заявления</h1>
<p>Адвокат <b>Алексей</b> <i>Соколов</i> заявил: &laquo;Это&nbsp;незаконно&raquo;.</p>
<p>Первая строка<br>Вторая строка</p>
<p>Some<em>thing</em> <a href="#">very <b>bold</b></a> here.</p>
<script>document.write("another hidden script marker")</script>
</body></html>"""


def test_html_title_and_blocks_in_order() -> None:
    assert html_paragraphs(PAGE) == [
        "Дело Соколова",
        "Новости & заявления",
        "Адвокат Алексей Соколов заявил: «Это незаконно».",
        "Первая строка Вторая строка",
        "Something very bold here.",
    ]


@pytest.mark.parametrize("marker", ["color", "hidden", "marker", "nope", "document.write"])
def test_html_script_style_noscript_and_comments_never_appear(marker: str) -> None:
    assert not any(marker in p for p in html_paragraphs(PAGE))


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("<p>&laquo;Мемориал&raquo;</p>", "«Мемориал»"),
        ("<p>Tom &amp; Jerry</p>", "Tom & Jerry"),
        ("<p>&#8470; 5 &mdash; &#x41;</p>", "№ 5 — A"),
        ("<p>a&nbsp;b</p>", "a b"),
    ],
)
def test_html_entities_are_decoded(html: str, text: str) -> None:
    assert html_paragraphs(html) == [text]


@pytest.mark.parametrize("br", ["<br>", "<br/>", "<br />", "<BR>", "<br>\n"])
def test_html_br_is_a_line_break_inside_the_paragraph(br: str) -> None:
    html = f"<p>Московский районный суд отклонил жалобу защиты,{br}поданную адвокатом в мае.</p>"
    assert html_paragraphs(html) == [
        "Московский районный суд отклонил жалобу защиты, поданную адвокатом в мае."
    ]


def test_html_br_outside_a_paragraph_joins_lines_like_markdown() -> None:
    html = "<div>Суд отклонил жалобу,<br>поданную в мае.</div>"
    assert html_paragraphs(html) == markdown_paragraphs("Суд отклонил жалобу,\nподанную в мае.")


@pytest.mark.parametrize(
    "gap", ["<br><br>", "<br/>\n<br/>", "<br> &nbsp; <br>", "<br><br><br>", "<br><b> </b><br>"]
)
def test_html_two_br_in_a_row_end_the_paragraph_like_a_blank_line(gap: str) -> None:
    html = f"<body>Первый абзац.{gap}Второй абзац.</body>"
    assert html_paragraphs(html) == ["Первый абзац.", "Второй абзац."]
    assert html_paragraphs(html) == text_paragraphs("Первый абзац.\n\nВторой абзац.")


def test_html_br_at_the_edges_of_a_block_adds_nothing() -> None:
    assert html_paragraphs("<p><br>Текст.<br></p><p>Ещё.</p>") == ["Текст.", "Ещё."]


def test_html_nested_inline_tags_keep_words_and_spacing() -> None:
    html = "<p><span>Суд</span> <b>признал <i>его</i></b> вино<b>вным</b>.</p>"
    assert html_paragraphs(html) == ["Суд признал его виновным."]


def test_html_text_after_a_hidden_element_is_kept() -> None:
    assert html_paragraphs("<p>до<script>x()</script> после</p>") == ["до после"]


def test_html_nested_blocks_split_around_the_inner_block() -> None:
    assert html_paragraphs("<div>Outer <div>inner</div> tail</div>") == ["Outer", "inner", "tail"]


def test_html_list_items_and_cells_are_paragraphs() -> None:
    html = "<ul><li>один</li><li>два</li></ul><table><tr><td>три</td><td>четыре</td></tr></table>"
    assert html_paragraphs(html) == ["один", "два", "три", "четыре"]


def test_html_without_visible_text_has_no_paragraphs() -> None:
    assert html_paragraphs("<html><head><script>x()</script></head><body></body></html>") == []


# --- dispatch ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "source", "expected"),
    [
        ("txt", "# Not a heading\n<b>not a tag</b>", ["# Not a heading", "<b>not a tag</b>"]),
        ("md", "# Заголовок\n\n*Текст*", ["Заголовок", "Текст"]),
        ("html", "<h1>Заголовок</h1><p>Текст</p>", ["Заголовок", "Текст"]),
    ],
)
def test_split_paragraphs_follows_the_format(fmt: str, source: str, expected: list[str]) -> None:
    assert split_paragraphs(source, fmt) == expected


# --- review findings: deep nesting, hidden elements, form controls ----------------------


def _deep_font_page(levels: int) -> str:
    """A statement whose <font> tags are never closed, as old word-processor HTML is."""
    middle = "".join(f"<font size=2>Абзац {i}. " for i in range(levels))
    return f"<p>Начало заявления.</p>{middle}<p>Конец заявления: подпись.</p>"


@pytest.mark.parametrize("levels", [300, 1500, 3000])
def test_html_nested_deeper_than_libxml2_allows_keeps_the_rest_of_the_page(levels: int) -> None:
    paragraphs = html_paragraphs(_deep_font_page(levels))
    assert paragraphs[0] == "Начало заявления."
    assert paragraphs[-1] == "Конец заявления: подпись."
    assert sum(p.count("Абзац") for p in paragraphs) == levels


@pytest.mark.parametrize("levels", [1500, 3000])
def test_html_deeply_nested_blocks_keep_their_boundaries_and_hidden_parts(levels: int) -> None:
    html = (
        "<p>Начало.</p>"
        + "<div>уровень " * levels
        + '<span hidden>секрет</span>дно<p style="display:none">секрет</p>'
        + "</div>хвост " * levels
        + "<p>Конец заявления.</p>"
    )
    paragraphs = html_paragraphs(html)
    assert paragraphs[-1] == "Конец заявления."
    assert paragraphs.count("уровень") == levels - 1  # the last one runs on into "дно"
    assert "уровень дно" in paragraphs
    assert paragraphs.count("хвост") == levels
    assert not any("секрет" in p for p in paragraphs)


@pytest.mark.parametrize(
    "hidden",
    [
        "<p hidden>СКРЫТО</p>",
        '<p hidden="hidden">СКРЫТО</p>',
        '<div aria-hidden="true"><p>СКРЫТО</p></div>',
        '<div aria-hidden=" TRUE ">СКРЫТО</div>',
        '<span style="display: none">СКРЫТО</span>',
        '<div style="DISPLAY:NONE !important">СКРЫТО</div>',
        '<p style="color: red; visibility:hidden">СКРЫТО</p>',
        '<p style="visibility: collapse">СКРЫТО</p>',
    ],
)
def test_html_hidden_elements_are_not_visible_text(hidden: str) -> None:
    html = f"<p>До.</p>{hidden}<p>После.</p>"
    assert html_paragraphs(html) == ["До.", "После."]


@pytest.mark.parametrize(
    "visible",
    [
        '<p aria-hidden="false">ВИДНО</p>',
        '<p style="display: block">ВИДНО</p>',
        '<p style="--display:none">ВИДНО</p>',
        '<p data-hidden="1">ВИДНО</p>',
    ],
)
def test_html_elements_that_are_not_hidden_stay(visible: str) -> None:
    assert html_paragraphs(visible) == ["ВИДНО"]


def test_html_form_controls_are_ui_not_text() -> None:
    html = (
        "<p>Текст статьи.</p><form>Поиск:<select><option>Opt</option><optgroup label=g>"
        "<option>Opt2</option></optgroup></select><button>Click</button>"
        '<textarea>TA</textarea><input value="x">по сайту</form><p>Конец.</p>'
    )
    paragraphs = html_paragraphs(html)
    assert paragraphs == ["Текст статьи.", "Поиск: по сайту", "Конец."]
    assert not any(word in p for p in paragraphs for word in ("Opt", "Click", "TA"))


# --- review findings: Markdown inline HTML, HTML blocks, deep nesting -------------------


@pytest.mark.parametrize("br", ["<br>", "<br/>", "<br />", "<BR>"])
def test_markdown_inline_br_is_a_space(br: str) -> None:
    assert markdown_paragraphs(f"First line{br}second line") == ["First line second line"]


def test_markdown_inline_html_keeps_words_and_hides_hidden_parts() -> None:
    text = "Some<em>thing</em> a &amp; b <span hidden>secret</span>and <b>x</b> < y<!-- c -->."
    assert markdown_paragraphs(text) == ["Something a & b and x < y."]


def test_markdown_html_block_keeps_its_visible_text() -> None:
    text = (
        "Before.\n\n<div>\nVisible HTML block text\n</div>\n\n"
        "<script>\nhidden()\n</script>\n\nAfter."
    )
    assert markdown_paragraphs(text) == ["Before.", "Visible HTML block text", "After."]


@pytest.mark.parametrize("depth", [30, 100])
def test_markdown_deeply_nested_list_keeps_every_item_and_what_follows(depth: int) -> None:
    text = "".join("  " * i + f"- item {i}\n" for i in range(depth)) + "\nFinal paragraph.\n"
    paragraphs = markdown_paragraphs(text)
    assert paragraphs == [f"item {i}" for i in range(depth)] + ["Final paragraph."]


@pytest.mark.parametrize("depth", [30, 100])
def test_markdown_deeply_nested_quote_keeps_what_follows(depth: int) -> None:
    assert markdown_paragraphs(">" * depth + " quoted\n\nFinal paragraph.\n") == [
        "quoted",
        "Final paragraph.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "".join("  " * i + f"- item {i}\n" for i in range(1000)) + "\nFinal paragraph.\n",
        ">" * 1000 + " quoted\n\nFinal paragraph.\n",
    ],
    ids=["list", "quote"],
)
def test_markdown_nested_too_deep_to_parse_loses_no_text(text: str) -> None:
    paragraphs = markdown_paragraphs(text)
    assert paragraphs[-1] == "Final paragraph."
    assert any("quoted" in p or "item 999" in p for p in paragraphs)


def test_a_rule_then_a_line_like_a_key_is_text_not_front_matter() -> None:
    """Only a block of metadata lines is front matter: a note opening a text after a rule
    («Внимание: …», then paragraphs, then another rule) is all kept."""
    from translator.ingest.markdown_format import markdown_paragraphs

    text = (
        "---\nВнимание: перевод предварительный.\n\nПервый абзац текста.\n\n"
        "Второй абзац.\n\n---\n\nТретий.\n"
    )
    assert markdown_paragraphs(text) == [
        "Внимание: перевод предварительный.",
        "Первый абзац текста.",
        "Второй абзац.",
        "Третий.",
    ]
    yaml = "---\ntitle: Дело\ntags:\n  - суд\n- апелляция\n---\n\nТекст статьи.\n"
    assert markdown_paragraphs(yaml) == ["Текст статьи."]
