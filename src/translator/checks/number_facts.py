"""The numeric facts of a text, in a form that is the same in Russian and English.

A translation may write a number differently but must not change it: «пять лет» is "five
years", «2 000» is "2,000", «18 декабря 2025 г.» is "18 December 2025" or "December 18,
2025", «ч. 2 ст. 20.3» is "Part 2 of Article 20.3", «ИК-2» is "IK-2". So each text becomes
a multiset of facts (numbers as normalised decimals, months as "month:12"), and two texts
agree when the multisets are equal. Order is ignored on purpose: word order differs between
the languages (dates above all).

Deliberately not counted, because they are too often not numbers at all: "one" / «один»
alone (articles, "one of", "no one"), plural "thousands" / «тысячи» alone ("thousands of
people"), «полтора» and fractions, ordinals ("first", «второй»).
"""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal, InvalidOperation
from functools import cache

MONTHS_EN = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_MONTH_ABBREVIATIONS_EN = {name[:3]: index for index, name in enumerate(MONTHS_EN, 1)}
_MONTH_STEMS_RU = [
    "январ",
    "феврал",
    "март",
    "апрел",
    "ма",
    "июн",
    "июл",
    "август",
    "сентябр",
    "октябр",
    "ноябр",
    "декабр",
]
_MONTH_RU = re.compile(
    r"^(январ|феврал|март|апрел|ма|июн|июл|август|сентябр|октябр|ноябр|декабр)"
    r"(ь|я|е|ю|ем|ём|й|а|у|ом)?$"
)

# Units, teens, tens: added; "hundred" multiplies what precedes; big words close a group.
_EN_NUMBER_WORDS: dict[str, tuple[int, str]] = {
    "zero": (0, "unit"),
    "one": (1, "one"),
    **{
        word: (value, "unit")
        for value, word in enumerate(
            ["two", "three", "four", "five", "six", "seven", "eight", "nine"], 2
        )
    },
    **{
        word: (value, "unit")
        for value, word in enumerate(
            [
                "ten",
                "eleven",
                "twelve",
                "thirteen",
                "fourteen",
                "fifteen",
                "sixteen",
                "seventeen",
                "eighteen",
                "nineteen",
            ],
            10,
        )
    },
    **{
        word: (value * 10, "unit")
        for value, word in enumerate(
            ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"], 2
        )
    },
    "hundred": (100, "hundred"),
    "thousand": (1000, "big"),
    "million": (10**6, "big"),
    "billion": (10**9, "big"),
    "twice": (2, "adverb"),
    "thrice": (3, "adverb"),
}
_RU_LEMMAS: dict[str, tuple[int, str]] = {
    "один": (1, "one"),
    "ноль": (0, "unit"),
    **{
        word: (value, "unit")
        for value, word in enumerate(
            [
                "два",
                "три",
                "четыре",
                "пять",
                "шесть",
                "семь",
                "восемь",
                "девять",
                "десять",
                "одиннадцать",
                "двенадцать",
                "тринадцать",
                "четырнадцать",
                "пятнадцать",
                "шестнадцать",
                "семнадцать",
                "восемнадцать",
                "девятнадцать",
            ],
            2,
        )
    },
    **{
        word: (value * 10, "unit")
        for value, word in enumerate(
            [
                "двадцать",
                "тридцать",
                "сорок",
                "пятьдесят",
                "шестьдесят",
                "семьдесят",
                "восемьдесят",
                "девяносто",
            ],
            2,
        )
    },
    **{
        word: (value * 100, "unit")
        for value, word in enumerate(
            [
                "сто",
                "двести",
                "триста",
                "четыреста",
                "пятьсот",
                "шестьсот",
                "семьсот",
                "восемьсот",
                "девятьсот",
            ],
            1,
        )
    },
    **{
        word: (value, "unit")
        for value, word in enumerate(
            [
                "двое",
                "трое",
                "четверо",
                "пятеро",
                "шестеро",
                "семеро",
                "восьмеро",
                "девятеро",
                "десятеро",
            ],
            2,
        )
    },
    "тысяча": (1000, "big"),
    "миллион": (10**6, "big"),
    "миллиард": (10**9, "big"),
}
_RU_ADVERBS = {"дважды": 2, "трижды": 3, "четырежды": 4}
# A multiplier word standing alone counts only in these forms ("a thousand", «тысячу»);
# plurals mean "thousands of".
_BIG_ALONE = {"hundred", "thousand", "million", "billion", "тысяча", "тысячу", "миллион"}
_BIG_ABBREVIATIONS = {"тыс": 1000, "млн": 10**6, "млрд": 10**9, "bn": 10**9, "m": 10**6}
_RU_COMPOUND = re.compile(
    r"^(двух|трех|четырех|пяти|шести|семи|восьми|девяти|десяти|одиннадцати|двенадцати|"
    r"тринадцати|четырнадцати|пятнадцати|шестнадцати|семнадцати|восемнадцати|"
    r"девятнадцати|двадцати|тридцати)(летн|месячн|недельн|дневн|часов|минутн|кратн)"
)
_RU_COMPOUND_VALUES = {
    stem: value
    for value, stem in enumerate(
        [
            "двух",
            "трех",
            "четырех",
            "пяти",
            "шести",
            "семи",
            "восьми",
            "девяти",
            "десяти",
            "одиннадцати",
            "двенадцати",
            "тринадцати",
            "четырнадцати",
            "пятнадцати",
            "шестнадцати",
            "семнадцати",
            "восемнадцати",
            "девятнадцати",
        ],
        2,
    )
} | {"двадцати": 20, "тридцати": 30}

_SPACE_GROUPED = r"\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?![\d.,]\d)"
_TOKEN = re.compile(
    rf"(?P<date>\b\d{{1,2}}\.\d{{1,2}}\.\d{{4}}\b)"
    rf"|(?P<grouped>(?<![\d.,]){_SPACE_GROUPED})"
    r"|(?P<number>\d+(?:[.,]\d+)*)"
    r"|(?P<word>[^\W\d_]+)"
)
_RUN_GAP = re.compile(r"^(?:[\s\-\u2010\u2011]*|\s+and\s+)$")
_DIGIT = re.compile(r"\d")
_SENTENCE_START = re.compile(r"(?:^|[.!?]['\"”»)]?\s+|[\"“«(]\s*)$")


@cache
def _word_prefixes() -> frozenset[str]:
    """First three letters of every number word and month: other words are skipped unread."""
    words = [*_EN_NUMBER_WORDS, *MONTHS_EN, *_RU_ADVERBS, *_BIG_ABBREVIATIONS]
    words += [*_russian_number_forms(), *_MONTH_STEMS_RU, *_RU_COMPOUND_VALUES, "май", "мая", "мае"]
    return frozenset(word[:3] for word in words)


@cache
def _russian_number_forms() -> dict[str, tuple[int, str]]:
    """Every inflected form of the Russian numerals (pymorphy3 lexemes), built once."""
    import pymorphy3  # type: ignore[import-untyped]

    morph = pymorphy3.MorphAnalyzer()
    forms: dict[str, tuple[int, str]] = {}
    for lemma, meaning in _RU_LEMMAS.items():
        parses = [p for p in morph.parse(lemma) if p.normal_form == lemma] or morph.parse(lemma)
        numeral = next((p for p in parses if "NUMR" in p.tag), parses[0])
        for form in numeral.lexeme:
            forms.setdefault(form.word.replace("ё", "е"), meaning)
        forms.setdefault(lemma, meaning)
    return forms


def _decimal(text: str, lang: str) -> list[Decimal]:
    """A digit token as numbers: "2,000" -> 2000 (English), «20,3» -> 20.3 (Russian), 20.3."""
    parts = re.split(r"([.,])", text)
    digits, separators = parts[::2], parts[1::2]
    if len(digits) == 1:
        return [Decimal(text)]
    if set(separators) == {","} and all(len(group) == 3 for group in digits[1:]) and lang == "en":
        return [Decimal("".join(digits))]
    if len(digits) == 2:
        return [Decimal(f"{digits[0]}.{digits[1]}")]
    return [Decimal(group) for group in digits]  # a list ("1,2,3") or a sub-item ("20.3.1")


def _canonical(value: Decimal) -> str:
    """As written ("20.30" stays apart from "20.3": they are different articles)."""
    return format(value, "f")


def _month(word: str, lang: str, text: str, start: int) -> int | None:
    lower = word.lower()
    if lang == "en" or word.isascii():
        if lower in MONTHS_EN:
            if lower == "may" and (word == "may" or _SENTENCE_START.search(text[:start])):
                return None  # the verb, or a sentence-initial "May"
            return MONTHS_EN.index(lower) + 1
        if (
            lower in _MONTH_ABBREVIATIONS_EN
            and text[start + len(word) : start + len(word) + 1] == "."
        ):
            return None if lower == "may" else _MONTH_ABBREVIATIONS_EN[lower]
        return None
    match = _MONTH_RU.match(lower.replace("ё", "е"))
    if match is None or (match.group(1) == "ма" and match.group(2) not in {"й", "я", "е", "ю"}):
        return None
    return _MONTH_STEMS_RU.index(match.group(1)) + 1


def _number_word(word: str, lang: str) -> tuple[int, str] | None:
    lower = word.lower().replace("ё", "е")
    if word.isascii():
        return _EN_NUMBER_WORDS.get(lower)
    if lower in _RU_ADVERBS:
        return _RU_ADVERBS[lower], "adverb"
    return _russian_number_forms().get(lower)


def _run_value(run: list[tuple[int, str]]) -> int:
    total = current = 0
    for value, kind in run:
        if kind == "hundred":
            current = (current or 1) * value
        elif kind == "big":
            total += (current or 1) * value
            current = 0
        else:
            current += value
    return total + current


def number_facts(text: str, lang: str) -> Counter[str]:
    """The multiset of numbers and months in `text` ("2000", "20.3", "month:12")."""
    facts: Counter[str] = Counter()
    if not _DIGIT.search(text) and not _may_hold_number_words(text):
        return facts
    prefixes = _word_prefixes()
    tokens = [
        token
        for token in _TOKEN.finditer(text)
        if token.lastgroup != "word" or token.group()[:3].lower() in prefixes
    ]
    index = 0
    while index < len(tokens):
        token = tokens[index]
        index += 1
        if token.lastgroup == "date":
            day, month_number, year = token.group().split(".")
            if 1 <= int(month_number) <= 12:
                facts.update((_canonical(Decimal(day)), f"month:{int(month_number)}", year))
                continue
        if token.lastgroup in {"date", "grouped", "number"}:
            raw = token.group()
            try:
                values = (
                    [Decimal(re.sub(r"\D", "", raw))]
                    if token.lastgroup == "grouped"
                    else _decimal(raw, lang)
                )
            except InvalidOperation:
                continue
            multiplier = _following_multiplier(text, tokens, index, lang)
            if multiplier:
                scaled = values[-1] * multiplier
                values[-1] = scaled.to_integral_value() if scaled % 1 == 0 else scaled.normalize()
                index += 1
            facts.update(_canonical(value) for value in values)
            continue
        word = token.group()
        month = _month(word, lang, text, token.start())
        if month is not None:
            facts[f"month:{month}"] += 1
            continue
        meaning = _number_word(word, lang)
        if meaning is None:
            compound = _RU_COMPOUND.match(word.lower().replace("ё", "е"))
            if compound:
                facts[str(_RU_COMPOUND_VALUES[compound.group(1)])] += 1
            continue
        run = [meaning]
        words = [word.lower()]
        while index < len(tokens):
            gap = text[tokens[index - 1].end() : tokens[index].start()]
            candidate = tokens[index]
            if candidate.lastgroup != "word":
                break
            if "and" in gap and run[-1][1] not in {"hundred", "big"}:
                break
            next_meaning = _number_word(candidate.group(), lang)
            if next_meaning is None or not _RUN_GAP.match(gap) or next_meaning[1] == "adverb":
                break
            run.append(next_meaning)
            words.append(candidate.group().lower())
            index += 1
        if len(run) == 1 and run[0][1] == "one":
            continue
        if len(run) == 1 and run[0][1] in {"big", "hundred"} and words[0] not in _BIG_ALONE:
            continue
        facts[str(_run_value(run))] += 1
    return facts


def _following_multiplier(
    text: str, tokens: list[re.Match[str]], index: int, lang: str
) -> int | None:
    """«2 тысячи», "1.5 million", «3 млн»: the multiplier word right after a digit token."""
    if index >= len(tokens) or tokens[index].lastgroup != "word":
        return None
    gap = text[tokens[index - 1].end() : tokens[index].start()]
    if gap not in {" ", "\u00a0", "\u202f"}:
        return None
    word = tokens[index].group().lower()
    if word in _BIG_ABBREVIATIONS and word != "m":
        return _BIG_ABBREVIATIONS[word]
    meaning = _number_word(word, lang)
    if meaning is not None and meaning[1] in {"big", "hundred"}:
        return meaning[0]
    return None


_NUMBER_WORD_HINT = re.compile(
    r"(?i)(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|teen|twenty|thirty|"
    r"forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|twice|thrice|zero)"
    r"|\b(?:дв|тр|чет|пят|шест|сем|вос|девя|десят|сор|ст|тыс|милл|ноль|нол)"
    r"|" + "|".join(MONTHS_EN) + "|январ|феврал|март|апрел|мая|мае|май|июн|июл|август|сентябр|"
    r"октябр|ноябр|декабр",
)


def _may_hold_number_words(text: str) -> bool:
    """A cheap pre-filter: most sentences without digits hold no number words either."""
    return _NUMBER_WORD_HINT.search(text) is not None


def describe(fact: str) -> str:
    """A fact as a person reads it ("December", "2000")."""
    if fact.startswith("month:"):
        return MONTHS_EN[int(fact.split(":")[1]) - 1].capitalize()
    return fact
