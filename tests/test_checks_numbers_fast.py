"""The number check's fast paths agree with the plain ones they replace.

number_facts tokenizes with one scan (number_facts._scanner) instead of a digit scan over the
text and a word scan over its folded form; the check compares sorted fact lists instead of
Counters. These tests hold the fast forms to the plain ones on the sample corpora and on
random texts built from the pieces where the two could part (a digit touching a word, a
token at the very start, letters outside a-z and а-я, ё, upper case, Unicode digits).
"""

from __future__ import annotations

import random
import re
import sys
from collections import Counter
from pathlib import Path

import pytest

from translator.checks import number_facts, number_words
from translator.checks.base import CheckUnit
from translator.checks.number_facts import Token, _tokenize, fact_list
from translator.checks.numbers import NumberMismatchCheck

CORPUS = Path(__file__).resolve().parents[1] / "corpora"

PIECES = [
    *("5", "12", "2020", "000", "1.2.", "07", "\u0663", "\u00bd", "Ⅳ"),
    *(" ", "  ", "\u00a0", "\u202f", "\u2009", ".", ",", "-", "\u2011", "«", "»", "(", "_", "\n"),
    *("млн", "тыс", "тысяч", "тысяча", "Тысячу", "пять", "ПЯТЬ", "трёх", "двух", "летний"),
    *("Мая", "мае", "декабря", "ИК", "г", "é", "ї", "ß", "İ"),
    *("twenty", "five", "Hundred", "and", "thousand", "May", "may", "Dec", "m", "bn", "a"),
]


def _two_scans(text: str) -> list[Token]:
    """The tokenizer as it was: digit tokens of the text, words of its folded form, merged."""
    folded = text.lower().replace("ё", "е")
    if len(folded) != len(text):
        return number_facts._tokenize_unfolded(text)
    digits: list[Token] = [
        (str(m.lastgroup), m.start(), m.end(), m.group())
        for m in number_facts._DIGIT_TOKENS.finditer(text)
    ]
    found = number_facts._word_tokens(True).finditer(folded)
    words: list[Token] = [("word", m.start(), m.end(), text[m.start() : m.end()]) for m in found]
    return sorted(digits + words, key=lambda token: token[1])


def _corpus_texts() -> list[str]:
    texts = []
    for path in sorted(CORPUS.glob("*_*.*")):
        text = path.read_text(encoding="utf-8")
        texts += [part.strip() for part in text.split("\n\n") if part.strip()]
    return texts


def _random_texts(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choices(PIECES, k=rng.randint(0, 14))) for _ in range(count)]


def test_sample_corpora_are_read() -> None:
    texts = _corpus_texts()
    assert len(texts) > 40
    assert any(_two_scans(text) for text in texts)


@pytest.mark.parametrize("source", ["corpora", "random"])
def test_one_scan_finds_the_tokens_of_two(source: str) -> None:
    texts = _corpus_texts() if source == "corpora" else _random_texts(30000, 3)
    for text in texts:
        assert _tokenize(text) == _two_scans(text), text


def test_one_scan_on_the_edges() -> None:
    """Cases the scanner treats apart: a word touching a digit token, a token at the start."""
    cases = {
        "5млн и 2 000тыс": ["5", "млн", "2 000", "тыс"],
        "пять": ["пять"],
        "12.05.2020г 3.4.5": ["12.05.2020", "3.4.5"],
        "1.2.2020 года": ["1.2.2020"],
        "éпять ßfive _пять": ["пять"],
        "Пятилетний и 13-летний": ["Пятилетний", "13"],
    }
    for text, expected in cases.items():
        tokens = _tokenize(text)
        assert tokens == _two_scans(text), text
        assert [token[3] for token in tokens] == expected, text


def test_lower_case_keeps_letters_digits_and_marks() -> None:
    """Why the digit tokens may be read from the folded text: lower() maps each character
    to one of the same class for every regex test the scanner makes."""
    classes = [re.compile(pattern) for pattern in (r"\w", r"\d", number_words.LETTER, r"[.,\s]")]
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        lower = char.lower()
        if lower == char or len(lower) != 1:
            continue
        for pattern in classes:
            assert bool(pattern.match(char)) == bool(pattern.match(lower)), (hex(code), pattern)


def test_the_scan_start_covers_every_non_letter() -> None:
    """The scanner only starts at [^a-zа-я]: every character it skips must be a letter."""
    letter = re.compile(number_words.LETTER)
    skipped = [chr(code) for code in [*range(ord("a"), ord("z") + 1), *range(0x430, 0x450)]]
    assert all(letter.match(char) for char in skipped)
    initials = number_words.number_word_initials()
    assert all(letter.match(char) and char == char.lower() for char in initials)


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_sorted_lists_decide_as_counters_do(lang: str) -> None:
    texts = _corpus_texts() + _random_texts(3000, 8)
    rng = random.Random(5)
    for text in texts:
        other = rng.choice(texts)
        assert Counter(fact_list(text, lang)) == number_facts.number_facts(text, lang)
        same = number_facts.number_facts(text, lang) == number_facts.number_facts(other, "en")
        unit = CheckUnit(1, 1, "d.txt", 0, lang, "en", text, other, "machine", None)
        found = list(NumberMismatchCheck().check(unit))
        skipped = not other.strip() or other == text
        assert (not found) == (same or skipped), (text, other)
