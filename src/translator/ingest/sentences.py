"""Sentence splitting: razdel for both languages, plus a repair pass for legal abbreviations.

Measured on a seed text (bench notes in CHANGELOG): razdel ~46k paragraphs/s, pysbd ~1.6k;
razdel already keeps Russian «ч. 2 ст. 20.3» together but splits English "Art. 20.3" and
"Dec. 2025", which the repair pass joins back. razdel never ends a sentence after the year
mark «2025 г.», which the repair pass splits when a capital follows and the words before it
can stand as a sentence («Приговор вынесен 18 декабря 2025 г. Суд ...»), not when they are
only a date with a preposition («В 2023 г. Минюст ...»).
"""

from __future__ import annotations

import re
from functools import lru_cache

from razdel import sentenize

# Abbreviations that stand before a number or a letter: "ст. 20.3", "Art. 20.3", "No. 2".
_BEFORE_NUMBER = {
    "ru": {
        "ст",
        "ч",
        "п",
        "пп",
        "пт",
        "подп",
        "абз",
        "гл",
        "разд",
        "прил",
        "№",
        "т",
        "тт",
        "д",
        "кв",
        "корп",
        "стр",
        "рис",
        "табл",
        "с",
        "см",
        "тыс",
        "млн",
        "млрд",
        "руб",
        "коп",
        "лит",
        "род",
    },
    "en": {
        "art",
        "arts",
        "no",
        "nos",
        "para",
        "paras",
        "pt",
        "pts",
        "sec",
        "secs",
        "ch",
        "chap",
        "vol",
        "p",
        "pp",
        "fig",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "approx",
        "ca",
        "tel",
        "ext",
        "b",
        "c",
        "d",
    },
}
# Abbreviations that stand before a name, so a capital letter after them is no new sentence.
_BEFORE_NAME = {
    "ru": {
        "г",
        "гг",
        "ул",
        "пр",
        "просп",
        "пер",
        "пл",
        "им",
        "св",
        "обл",
        "р-н",
        "пос",
        "пгт",
        "дер",
        "ст",
        "о",
        "оз",
        "р",
        "тов",
        "гр",
        "ген",
        "полк",
        "подполк",
        "акад",
        "проф",
        "доц",
        "чл",
    },
    "en": {
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "st",
        "gen",
        "col",
        "lt",
        "sgt",
        "capt",
        "maj",
        "rev",
        "hon",
        "sen",
        "rep",
        "gov",
        "jr",
        "sr",
        "v",
        "vs",
        "cf",
        "mt",
        "ft",
        "messrs",
        "ul",
        "pres",
        "supt",
        "insp",
        "det",
        "const",
        "e.g",
        "i.e",
        "viz",
    },
}
_LAST_WORD = re.compile(r"(?:^|[\s(«\"“„'])([\w№-]+(?:\.\w+)*)\.$")
_OPENERS = "«\"“„'‘("
_PUNCTUATION = "«»\"“”„'‘’()[],.:;!?—–-"
# "2025 г.", "18.12.2025 г.", "2020–2024 гг.", "1990-х гг." followed by a capital: the year may
# end the sentence. A short number is no year: «колонии № 6 г. Соликамска».
_YEAR_MARK = re.compile(r"(?:^|\s)(?:\d\d?\.\d\d?\.)?\d{4}(?:[–-]\d{2,4})?(?:-[а-яё]+)?\s+гг?\.$")
_YEAR_BOUNDARY = re.compile(r"(?<=\s)(?:гг?)\.\s+(?=[" + _OPENERS + r"]*[A-ZА-ЯЁ])")
# A number that razdel took to open a numbered sentence, then a real sentence start:
# "See p." + "5. Then see ..." -> "See p. 5." + "Then see ...".
_LEADING_NUMBER = re.compile(r"^(\d[\d.,/–-]*\.)\s+(?=[" + _OPENERS + r"]*[A-ZА-ЯЁ])")
_MONTHS = frozenset(
    {
        *("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа"),
        *("сентября", "октября", "ноября", "декабря", "январе", "феврале", "марте"),
        *("апреле", "мае", "июне", "июле", "августе", "сентябре", "октябре", "ноябре"),
        "декабре",
    }
)
# Words that with a date make a time phrase, not a sentence: «В 2023 г.», «В конце 2024 г.».
_DATE_WORDS = frozenset(
    {
        *("в", "во", "с", "со", "к", "ко", "до", "по", "от", "на", "за", "из", "о", "об"),
        *("при", "после", "около", "между", "перед", "через", "конце", "начале"),
        *("середине", "течение", "том", "тот", "же", "этом", "этот", "прошлом"),
        *("следующем", "весной", "летом", "осенью", "зимой", "году", "годы", "годах"),
    }
)


_TAIL = 200  # how much of the text before a boundary the checks look at: keeps them O(1)


def _should_join(previous: str, following: str, lang: str) -> bool:
    """True when razdel's boundary between the two pieces falls after an abbreviation.

    `previous` need only be the tail of the text before the boundary.
    """
    first = following.lstrip(_OPENERS)[:1]
    if first.islower():
        return True  # a sentence never starts in lowercase: «п. «а» ч. 2»
    match = _LAST_WORD.search(previous)
    if match is None:
        return False
    word = match.group(1)
    lowered = word.lower()
    if first.isdigit():
        return lowered in _BEFORE_NUMBER[lang]
    if len(word) == 1 and word.isupper():
        return True  # an initial: "A. Sokolov", «Д. А. Журавлев»
    if lowered not in _BEFORE_NAME[lang]:
        return False
    # «... 2025 г. Суд ...»: "г." after a number means "year" and may end a sentence.
    return not (_YEAR_MARK.search(previous) and _stands_alone(previous))


def _stands_alone(text: str) -> bool:
    """True if `text`, which ends with a year mark, has words besides the date itself."""
    for token in text.lower().split()[:-1]:  # [:-1]: the year mark «г.» itself
        word = token.strip(_PUNCTUATION)
        if word.isalpha() and word not in _MONTHS and word not in _DATE_WORDS:
            return True
    return False


def _split_after_years(sentence: str) -> list[str]:
    """Split «... 18 декабря 2025 г. Суд ...» after the year mark; razdel never does."""
    parts: list[str] = []
    start = 0
    for match in _YEAR_BOUNDARY.finditer(sentence):
        head = sentence[max(start, match.start() - _TAIL) : match.start()] + match.group().rstrip()
        if _YEAR_MARK.search(head) and _stands_alone(head):
            head = sentence[start : match.start()] + match.group().rstrip()
            parts.append(head.strip())
            start = match.end()
    parts.append(sentence[start:])
    return parts


@lru_cache(maxsize=4096)
def split_sentences(paragraph: str, lang: str) -> tuple[str, ...]:
    """Sentences of one paragraph, in order; joined back they give the paragraph's words."""
    pieces = [piece.text for piece in sentenize(paragraph) if piece.text.strip()]
    if not pieces:
        return ()
    groups = [[pieces[0]]]  # pieces of each sentence, joined once at the end
    tail = pieces[0][-_TAIL:]
    for piece in pieces[1:]:
        if not _should_join(tail, piece, lang):
            groups.append([piece])
            tail = piece[-_TAIL:]
            continue
        number = _LEADING_NUMBER.match(piece) if piece[:1].isdigit() else None
        if number:
            groups[-1].append(number.group(1))
            rest = piece[number.end() :]
            groups.append([rest])
            tail = rest[-_TAIL:]
        else:
            groups[-1].append(piece)
            tail = f"{tail} {piece}"[-_TAIL:]
    merged = [" ".join(group) for group in groups]
    if lang == "ru":
        merged = [part for sentence in merged for part in _split_after_years(sentence)]
    return tuple(merged)
