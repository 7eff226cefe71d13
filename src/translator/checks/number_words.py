"""The words that can carry a number or a month, and one regex that finds only them.

Most words of a sentence are neither, so number_facts never looks at them: its tokenizer
matches digits and these words alone, in C. The Russian numerals are listed in every
inflected form (pymorphy3's lexemes, written out here once so a check never loads the
morphology dictionaries; tests/test_checks_paragraph.py compares the list with pymorphy3).
Forms are written with е for ё; the regex accepts either.
"""

from __future__ import annotations

import re
from functools import cache

MONTHS_EN = (
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
)
MONTH_ABBREVIATIONS_EN = {name[:3]: index for index, name in enumerate(MONTHS_EN, 1)}
MONTH_STEMS_RU = (
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
)
MONTH_RU = re.compile(rf"^({'|'.join(MONTH_STEMS_RU)})(ь|я|е|ю|ем|ём|й|а|у|ом)?$")

_EN_UNITS = ("two", "three", "four", "five", "six", "seven", "eight", "nine")
_EN_TEENS = (
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
)
_EN_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
# Units, teens, tens: added; "hundred" multiplies what precedes; big words close a group.
EN_NUMBER_WORDS: dict[str, tuple[int, str]] = {
    "zero": (0, "unit"),
    "one": (1, "one"),
    **{word: (value, "unit") for value, word in enumerate(_EN_UNITS, 2)},
    **{word: (value, "unit") for value, word in enumerate(_EN_TEENS, 10)},
    **{word: (value * 10, "unit") for value, word in enumerate(_EN_TENS, 2)},
    "hundred": (100, "hundred"),
    "thousand": (1000, "big"),
    "million": (10**6, "big"),
    "billion": (10**9, "big"),
    "twice": (2, "adverb"),
    "thrice": (3, "adverb"),
}

# Lemma -> (value, kind) as in EN_NUMBER_WORDS; "one" alone is not counted (see number_facts).
RU_LEMMAS: dict[str, tuple[int, str]] = {
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

# Every inflected form of RU_LEMMAS, by lemma (pymorphy3 lexemes of the NUMR/NOUN parse).
_RU_FORMS_BY_LEMMA = {
    "один": "один одного одному одним одном одна одной одну одно одни одних одними одною",
    "ноль": "ноль ноля нолю нолем ноле ноли нолей нолям нолями нолях",
    "два": "два двух двум двумя две",
    "три": "три трех трем тремя",
    "четыре": "четыре четырех четырем четырьмя",
    "пять": "пять пяти пятью",
    "шесть": "шесть шести шестью",
    "семь": "семь семи семью",
    "восемь": "восемь восьми восемью восьмью",
    "девять": "девять девяти девятью",
    "десять": "десять десяти десятью",
    "одиннадцать": "одиннадцать одиннадцати одиннадцатью",
    "двенадцать": "двенадцать двенадцати двенадцатью",
    "тринадцать": "тринадцать тринадцати тринадцатью",
    "четырнадцать": "четырнадцать четырнадцати четырнадцатью",
    "пятнадцать": "пятнадцать пятнадцати пятнадцатью",
    "шестнадцать": "шестнадцать шестнадцати шестнадцатью",
    "семнадцать": "семнадцать семнадцати семнадцатью",
    "восемнадцать": "восемнадцать восемнадцати восемнадцатью",
    "девятнадцать": "девятнадцать девятнадцати девятнадцатью",
    "двадцать": "двадцать двадцати двадцатью",
    "тридцать": "тридцать тридцати тридцатью",
    "сорок": "сорок сорока",
    "пятьдесят": "пятьдесят пятидесяти пятьюдесятью",
    "шестьдесят": "шестьдесят шестидесяти шестьюдесятью",
    "семьдесят": "семьдесят семидесяти семьюдесятью",
    "восемьдесят": "восемьдесят восьмидесяти восемьюдесятью восьмьюдесятью",
    "девяносто": "девяносто девяноста",
    "сто": "сто ста",
    "двести": "двести двухсот двумстам двумястами двухстах",
    "триста": "триста трехсот тремстам тремястами трехстах",
    "четыреста": "четыреста четырехсот четыремстам четырьмястами четырехстах",
    "пятьсот": "пятьсот пятисот пятистам пятьюстами пятистах",
    "шестьсот": "шестьсот шестисот шестистам шестьюстами шестистах",
    "семьсот": "семьсот семисот семистам семьюстами семистах",
    "восемьсот": "восемьсот восьмисот восьмистам восемьюстами восьмистах",
    "девятьсот": "девятьсот девятисот девятистам девятьюстами девятистах",
    "двое": "двое двоих двоим двоими",
    "трое": "трое троих троим троими",
    "четверо": "четверо четверых четверым четверыми",
    "пятеро": "пятеро пятерых пятерым пятерыми",
    "шестеро": "шестеро шестерых шестерым шестерыми",
    "семеро": "семеро семерых семерым семерыми",
    "восьмеро": "восьмеро восьмерых восьмерым восьмерыми",
    "девятеро": "девятеро девятерых девятерым девятерыми",
    "десятеро": "десятеро десятерых десятерым десятерыми",
    "тысяча": (
        "тысяча тысячи тысяче тысячу тысячей тысячею тысяч тысячам тысячами тысячах тысячью "
        "тыща тыщи тыще тыщу тыщей тыщею тыщ тыщам тыщами тыщах"
    ),
    "миллион": (
        "миллион миллиона миллиону миллионом миллионе миллионы миллионов миллионам "
        "миллионами миллионах"
    ),
    "миллиард": (
        "миллиард миллиарда миллиарду миллиардом миллиарде миллиарды миллиардов миллиардам "
        "миллиардами миллиардах"
    ),
}


def _russian_forms() -> dict[str, tuple[int, str]]:
    forms: dict[str, tuple[int, str]] = {}
    for lemma, written in _RU_FORMS_BY_LEMMA.items():
        for form in written.split():
            forms.setdefault(form, RU_LEMMAS[lemma])
    return forms


RU_NUMBER_FORMS = _russian_forms()  # form (ё written е) -> (value, kind)
RU_ADVERBS = {"дважды": 2, "трижды": 3, "четырежды": 4}
# A multiplier word standing alone counts only in these forms ("a thousand", «тысячу»);
# plurals mean "thousands of".
BIG_ALONE = {"hundred", "thousand", "million", "billion", "тысяча", "тысячу", "миллион"}
BIG_ABBREVIATIONS = {"тыс": 1000, "млн": 10**6, "млрд": 10**9, "bn": 10**9, "m": 10**6}
_RU_COMPOUND_STEMS = [
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
]
RU_COMPOUND_VALUES = {stem: value for value, stem in enumerate(_RU_COMPOUND_STEMS, 2)} | {
    "двадцати": 20,
    "тридцати": 30,
}
_RU_COMPOUND_SUFFIXES = ("летн", "месячн", "недельн", "дневн", "часов", "минутн", "кратн")
RU_COMPOUND = re.compile(rf"^({'|'.join(RU_COMPOUND_VALUES)})({'|'.join(_RU_COMPOUND_SUFFIXES)})")


_Trie = dict[str, "_Trie"]


def _alternation(words: list[str], folded: bool) -> str:
    """A regex for any of `words`, as a trie (re tries alternatives one by one, so shared
    prefixes are factored out); unless `folded`, е also matches ё (number_facts folds ё)."""
    tree: _Trie = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def render(node: _Trie) -> str:
        branches = [
            ("[её]" if char == "е" and not folded else re.escape(char)) + render(child)
            for char, child in sorted(node.items())
            if char
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
        return f"(?:{body})?" if "" in node else body

    return render(tree)


LETTER = r"[^\W\d_]"  # a letter as the tokenizer sees it: a word character, not a digit or "_"


@cache
def number_word_pattern(folded: bool) -> str:
    """A word (a whole run of letters) that may be a number word, a month or a multiplier;
    `folded`: for lower-cased text with ё as е, else to be matched case-insensitively.

    Only a pre-filter: number_facts decides from the word and its neighbours; a word it
    lets through for nothing changes no result, a word it drops must never matter.
    """
    return rf"(?<!{LETTER}){number_word_body(folded)}"


@cache
def number_word_body(folded: bool) -> str:
    """number_word_pattern less its opening "no letter before" test, for a scanner that
    checks the character before the word itself."""
    months_ru = [stem + ending for stem in MONTH_STEMS_RU for ending in _MONTH_RU_ENDINGS]
    return (
        rf"(?:{_alternation(sorted({*_exact_words(), *months_ru}), folded)}(?!{LETTER})"
        rf"|{_alternation(sorted(_compound_prefixes()), folded)}{LETTER}*)"
    )


@cache
def number_word_initials() -> str:
    """The letters (lower case, ё as е) that a word of number_word_body(True) can start with."""
    months_ru = [stem + ending for stem in MONTH_STEMS_RU for ending in _MONTH_RU_ENDINGS]
    words = {*_exact_words(), *months_ru, *_compound_prefixes()}
    return "".join(sorted({word[0] for word in words}))


def _exact_words() -> set[str]:
    exact = {
        *EN_NUMBER_WORDS,
        *MONTHS_EN,
        *MONTH_ABBREVIATIONS_EN,
        *RU_NUMBER_FORMS,
        *RU_ADVERBS,
        *BIG_ABBREVIATIONS,
    }
    exact.discard("m")  # "3 m" is metres: never a multiplier, never a number
    return exact


def _compound_prefixes() -> list[str]:
    return [stem + suffix for stem in RU_COMPOUND_VALUES for suffix in _RU_COMPOUND_SUFFIXES]


_MONTH_RU_ENDINGS = ("", "ь", "я", "е", "ю", "ем", "ём", "й", "а", "у", "ом")
