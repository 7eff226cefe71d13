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

from translator.checks.number_words import (
    BIG_ABBREVIATIONS,
    BIG_ALONE,
    EN_NUMBER_WORDS,
    LETTER,
    MONTH_ABBREVIATIONS_EN,
    MONTH_RU,
    MONTH_STEMS_RU,
    MONTHS_EN,
    RU_ADVERBS,
    RU_COMPOUND,
    RU_COMPOUND_VALUES,
    RU_NUMBER_FORMS,
    number_word_body,
    number_word_initials,
    number_word_pattern,
)

_SPACE_GROUPED = r"\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?![\d.,]\d)"
_RUN_GAP = re.compile(r"^(?:[\s\-\u2010\u2011]*|\s+and\s+)$")
_SENTENCE_START = re.compile(r"(?:^|[.!?]['\"”»)]?\s+|[\"“«(]\s*)$")
_SEPARATOR = re.compile(r"([.,])")
_NON_DIGIT = re.compile(r"\D")
_MULTIPLIER_GAPS = frozenset({" ", "\u00a0", "\u202f"})


_DIGIT_TOKENS = re.compile(  # (?=\d) first: each alternative starts at a digit
    rf"(?=\d)(?:(?P<date>\b\d{{1,2}}\.\d{{1,2}}\.\d{{4}}\b)"
    rf"|(?P<grouped>(?<![\d.,]){_SPACE_GROUPED})"
    r"|(?P<number>\d+(?:[.,]\d+)*))"
)
# _DIGIT_TOKENS from the second character on, for a scanner that has taken the first digit;
# each lookbehind also covers that digit. Empty groups at the ends name the alternative.
_DIGIT_TOKEN_REST = (
    r"(?<=\b\d)\d?\.\d{1,2}\.\d{4}\b(?P<date>)"
    r"|(?<![\d.,]\d)\d{0,2}(?:[ \u00a0\u202f\u2009]\d{3})+(?![\d.,]\d)(?P<grouped>)"
    r"|\d*(?:[.,]\d+)*(?P<number>)"
)
# (kind: "date" / "grouped" / "number" / "word", start, end, the text as written)
Token = tuple[str, int, int, str]


@cache
def _word_tokens(folded: bool) -> re.Pattern[str]:
    """The words that may be numbers or months (see number_words); every other word is
    skipped inside the regex. `folded`: for text already lower-cased with ё as е (faster
    than matching case-insensitively)."""
    return re.compile(number_word_pattern(folded), 0 if folded else re.IGNORECASE)


@cache
def _scanner() -> re.Pattern[str]:
    """Digit tokens and candidate words in one pass over folded text with a space in front.

    Every token starts at a non-letter or right after one: a digit token at its first digit,
    a word after the character before it (the space in front stands for the start of the
    text). So each match starts with one character of [^a-zа-я], a superset of the
    non-letters that re tests in C from a table, skipping every other letter without
    trying the pattern there. Then, in the order _DIGIT_TOKENS and the word pattern would
    find them:
    - that character is a digit: the rest of its digit token (always matches, at least
      empty), then a word that touches it ("5млн"), which the word pattern would also find
      there (a digit is not a letter);
    - else it is a non-letter (tested exactly) and a candidate word follows (number_words).
    Digits and letters never overlap, so the tokens are exactly those of the two scans.
    """
    word = number_word_body(True)
    return re.compile(
        rf"[^a-zа-я](?:(?<=\d)(?:{_DIGIT_TOKEN_REST})(?P<after>{word})?"
        rf"|(?=[{number_word_initials()}])(?<!{LETTER})(?P<word>{word}))"
    )


def _tokenize(text: str) -> list[Token]:
    """Digit tokens and candidate words in text order (see _scanner)."""
    folded = text.lower().replace("ё", "е")
    if len(folded) != len(text):  # a letter whose lower case is longer ("İ")
        return _tokenize_unfolded(text)
    # Lower case keeps every character a letter, digit or other as it was, so the digit
    # tokens of the folded text are those of the text.
    # A digit token reads the same in the folded text; positions in the padded text are
    # one more than in `text`.
    tokens: list[Token] = []
    for match in _scanner().finditer(" " + folded):
        kind = match.lastgroup
        if kind == "word":
            start, end = match.span("word")
            tokens.append(("word", start - 1, end - 1, text[start - 1 : end - 1]))
            continue
        start, end = match.span()
        if kind != "after":
            tokens.append((str(kind), start - 1, end - 1, match.group()))
            continue
        start -= 1
        end = match.start("after") - 1
        tokens.append((_digit_kind(match), start, end, text[start:end]))
        start, end = match.span("after")
        tokens.append(("word", start - 1, end - 1, text[start - 1 : end - 1]))
    return tokens


def _digit_kind(match: re.Match[str]) -> str:
    if match.group("date") is not None:
        return "date"
    return "grouped" if match.group("grouped") is not None else "number"


def _tokenize_unfolded(text: str) -> list[Token]:
    """_tokenize for a text that cannot be folded letter for letter: two scans, the words
    matched case-insensitively, merged by position (digits and letters never overlap)."""
    digits: list[Token] = [
        (str(m.lastgroup), m.start(), m.end(), m.group()) for m in _DIGIT_TOKENS.finditer(text)
    ]
    found = _word_tokens(False).finditer(text)
    words: list[Token] = [("word", m.start(), m.end(), text[m.start() : m.end()]) for m in found]
    if not digits or not words:
        return digits or words
    return sorted(digits + words, key=_start)


def _start(token: Token) -> int:
    return token[1]


def _decimal(text: str, lang: str) -> list[Decimal]:
    """A digit token as numbers: "2,000" -> 2000 (English), «20,3» -> 20.3 (Russian), 20.3."""
    if "." not in text and "," not in text:
        return [Decimal(text)]
    parts = _SEPARATOR.split(text)
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
            lower in MONTH_ABBREVIATIONS_EN
            and text[start + len(word) : start + len(word) + 1] == "."
        ):
            return None if lower == "may" else MONTH_ABBREVIATIONS_EN[lower]
        return None
    match = MONTH_RU.match(lower.replace("ё", "е"))
    if match is None or (match.group(1) == "ма" and match.group(2) not in {"й", "я", "е", "ю"}):
        return None
    return MONTH_STEMS_RU.index(match.group(1)) + 1


def _number_word(word: str, lang: str) -> tuple[int, str] | None:
    lower = word.lower().replace("ё", "е")
    if word.isascii():
        return EN_NUMBER_WORDS.get(lower)
    if lower in RU_ADVERBS:
        return RU_ADVERBS[lower], "adverb"
    return RU_NUMBER_FORMS.get(lower)


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
    return Counter(fact_list(text, lang))


def fact_list(text: str, lang: str) -> list[str]:
    """number_facts as a list in text order: two texts agree when their sorted lists are
    equal, which is cheaper to test than building two Counters."""
    tokens = _tokenize(text)
    count = len(tokens)
    facts: list[str] = []
    index = 0
    while index < count:
        kind, start, _, raw = tokens[index]
        index += 1
        if kind == "number" and "." not in raw and "," not in raw:
            # _following_multiplier needs a word token next; most numbers have none
            multiplier = (
                _following_multiplier(text, tokens, index, lang)
                if index < count and tokens[index][0] == "word"
                else None
            )
            if multiplier:
                facts.append(str(int(raw) * multiplier))
                index += 1
            else:
                facts.append(str(int(raw)))  # as Decimal would write it: "007" is 7
            continue
        if kind == "date":
            day, month_number, year = raw.split(".")
            if 1 <= int(month_number) <= 12:
                facts += (_canonical(Decimal(day)), f"month:{int(month_number)}", year)
                continue
        if kind != "word":
            try:
                values = (
                    [Decimal(_NON_DIGIT.sub("", raw))] if kind == "grouped" else _decimal(raw, lang)
                )
            except InvalidOperation:
                continue
            multiplier = _following_multiplier(text, tokens, index, lang)
            if multiplier:
                scaled = values[-1] * multiplier
                values[-1] = scaled.to_integral_value() if scaled % 1 == 0 else scaled.normalize()
                index += 1
            facts += (_canonical(value) for value in values)
            continue
        month = _month(raw, lang, text, start)
        if month is not None:
            facts.append(f"month:{month}")
            continue
        meaning = _number_word(raw, lang)
        if meaning is None:
            compound = RU_COMPOUND.match(raw.lower().replace("ё", "е"))
            if compound:
                facts.append(str(RU_COMPOUND_VALUES[compound.group(1)]))
            continue
        run = [meaning]
        words = [raw.lower()]
        while index < len(tokens):
            candidate_kind, candidate_start, _, candidate = tokens[index]
            gap = text[tokens[index - 1][2] : candidate_start]
            if candidate_kind != "word":
                break
            if "and" in gap and run[-1][1] not in {"hundred", "big"}:
                break
            next_meaning = _number_word(candidate, lang)
            if next_meaning is None or not _RUN_GAP.match(gap) or next_meaning[1] == "adverb":
                break
            run.append(next_meaning)
            words.append(candidate.lower())
            index += 1
        if len(run) == 1 and run[0][1] == "one":
            continue
        if len(run) == 1 and run[0][1] in {"big", "hundred"} and words[0] not in BIG_ALONE:
            continue
        facts.append(str(_run_value(run)))
    return facts


def _following_multiplier(text: str, tokens: list[Token], index: int, lang: str) -> int | None:
    """«2 тысячи», "1.5 million", «3 млн»: the multiplier word right after a digit token."""
    if index >= len(tokens) or tokens[index][0] != "word":
        return None
    gap = text[tokens[index - 1][2] : tokens[index][1]]
    if gap not in _MULTIPLIER_GAPS:
        return None
    word = tokens[index][3].lower()
    if word in BIG_ABBREVIATIONS and word != "m":
        return BIG_ABBREVIATIONS[word]
    meaning = _number_word(word, lang)
    if meaning is not None and meaning[1] in {"big", "hundred"}:
        return meaning[0]
    return None


def describe(fact: str) -> str:
    """A fact as a person reads it ("December", "2000")."""
    if fact.startswith("month:"):
        return MONTHS_EN[int(fact.split(":")[1]) - 1].capitalize()
    return fact
