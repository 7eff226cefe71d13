"""Sentence splitting: razdel for both languages, plus a repair pass for legal abbreviations.

Measured on a seed text (bench notes in CHANGELOG): razdel ~46k paragraphs/s, pysbd ~1.6k;
razdel already keeps Russian «ч. 2 ст. 20.3» together but splits English "Art. 20.3" and
"Dec. 2025", which the repair pass joins back.
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
    },
}
_LAST_WORD = re.compile(r"(?:^|[\s(«\"“„'])([\w№-]+)\.$")
_PRECEDING_NUMBER = re.compile(r"\d[\d\s]*\s+\S+\.$")
_OPENERS = "«\"“„'‘("


def _should_join(previous: str, following: str, lang: str) -> bool:
    """True when razdel's boundary between the two pieces falls after an abbreviation."""
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
    # «в 2025 г. Суд ...»: "г." after a number means "year" and may end a sentence.
    return not (lowered in {"г", "гг"} and _PRECEDING_NUMBER.search(previous))


@lru_cache(maxsize=4096)
def split_sentences(paragraph: str, lang: str) -> tuple[str, ...]:
    """Sentences of one paragraph, in order; joined back they give the paragraph's words."""
    pieces = [piece.text for piece in sentenize(paragraph)]
    if not pieces:
        return ()
    merged = [pieces[0]]
    for piece in pieces[1:]:
        if _should_join(merged[-1], piece, lang):
            merged[-1] = f"{merged[-1]} {piece}"
        else:
            merged.append(piece)
    return tuple(merged)
