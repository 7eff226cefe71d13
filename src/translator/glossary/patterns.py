"""Pattern terms: article references and numbered institutions, with captured numbers.

«п. «а» ч. 2 ст. 161 УК РФ» and "paragraph (a) of Part 2 of Article 161 of the Criminal Code"
are the same reference; listing every number in the term base is impossible, so they are
recognised by rules and rendered in the house style (`[glossary] article_style`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

ARTICLE_CONCEPT = "pattern:article"
COLONY_CONCEPT = "pattern:colony"


class ArticleStyle(StrEnum):
    """The two English house styles for article references."""

    LONG = "long"  # Part 2 of Article 20.3 of the Code of Administrative Offences
    SHORT = "short"  # Art. 20.3(2) CAO

    @classmethod
    def parse(cls, value: str) -> ArticleStyle:
        """Accepts the style name or an example in that style (as README shows both)."""
        text = value.strip()
        for style in cls:
            if text.lower() == style.value:
                return style
        if text.lower().startswith("art. "):
            return cls.SHORT
        if re.match(r"(?i)(part|article|paragraph)\b", text):
            return cls.LONG
        raise ValueError(f"unknown article style {value!r} (use 'long' or 'short')")


@dataclass(frozen=True, slots=True)
class Code:
    key: str
    ru: str
    en_long: str
    en_short: str


CODES = {
    "koap": Code("koap", "КоАП РФ", "the Code of Administrative Offences", "CAO"),
    "uk": Code("uk", "УК РФ", "the Criminal Code", "CC"),
    "upk": Code("upk", "УПК РФ", "the Code of Criminal Procedure", "CCP"),
    "uik": Code("uik", "УИК РФ", "the Penal Enforcement Code", "PEC"),
}

# Russian legal lettering skips й ъ ы ь ё, so «в» is (c), not (v).
RU_LETTERS = "абвгдежзиклмнопрстуфхцчшщэюя"


@dataclass(frozen=True, slots=True)
class ArticleRef:
    """A reference to an article: `paragraph` is a Latin letter ("a"), `part` a number."""

    article: str
    code: str | None = None
    part: str | None = None
    paragraph: str | None = None
    more: tuple[str, ...] = ()  # coordinated articles: «статьям 275 и 284.1 УК РФ»

    def render(self, lang: str, style: ArticleStyle = ArticleStyle.LONG) -> str:
        code = CODES[self.code] if self.code else None
        articles = (self.article, *self.more)
        if lang == "ru":
            pieces = []
            if self.paragraph:
                pieces.append(f"п. «{_ru_letter(self.paragraph)}»")
            if self.part:
                pieces.append(f"ч. {self.part}")
            pieces.append(f"ст. {_listed(articles, 'и')}")
            if code:
                pieces.append(code.ru)
            return " ".join(pieces)
        if style is ArticleStyle.SHORT:
            numbers = f"{'Arts.' if self.more else 'Art.'} {_listed(articles, 'and')}"
            if self.part:
                numbers += f"({self.part})"
            if self.paragraph:
                numbers += f"({self.paragraph})"
            return f"{numbers} {code.en_short}" if code else numbers
        pieces = []
        if self.paragraph:
            pieces.append(f"paragraph ({self.paragraph}) of")
        if self.part:
            pieces.append(f"Part {self.part} of")
        pieces.append(f"{'Articles' if self.more else 'Article'} {_listed(articles, 'and')}")
        if code:
            pieces.append(f"of {code.en_long}")
        return " ".join(pieces)


@dataclass(frozen=True, slots=True)
class ColonyRef:
    """A numbered institution: «ИК-2» / "IK-2"; `number` is None for a bare «ЛИУ»."""

    kind: str  # the Latin abbreviation: IK, SIZO, LIU...
    number: str | None

    def render(self, lang: str, style: ArticleStyle = ArticleStyle.LONG) -> str:
        name = INSTITUTIONS_LATIN_TO_RU[self.kind] if lang == "ru" else self.kind
        return f"{name}-{self.number}" if self.number else name


INSTITUTIONS_RU_TO_LATIN = {
    "ИК": "IK",
    "СИЗО": "SIZO",
    "ЛИУ": "LIU",
    "КП": "KP",
    "ВК": "VK",
    "ЛПУ": "LPU",
    "ЕПКТ": "EPKT",
    "ПФРСИ": "PFRSI",
    "ТБ": "TB",
}
INSTITUTIONS_LATIN_TO_RU = {latin: ru for ru, latin in INSTITUTIONS_RU_TO_LATIN.items()}

PatternValue = ArticleRef | ColonyRef


@dataclass(frozen=True, slots=True)
class PatternMatch:
    start: int
    end: int
    concept: str
    value: PatternValue


def _listed(items: tuple[str, ...], conjunction: str) -> str:
    if len(items) == 1:
        return items[0]
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def _ru_letter(latin: str) -> str:
    index = ord(latin) - ord("a")
    return RU_LETTERS[index] if 0 <= index < len(RU_LETTERS) else latin


def _latin_letter(ru: str) -> str:
    index = RU_LETTERS.find(ru.lower())
    return chr(ord("a") + index) if index >= 0 else ru.lower()


_RU_CODE = (
    r"(?P<koap>КоАП(?:\s+(?:РФ|России))?"
    r"|Кодекс\w*\s+(?:РФ\s+|Российской\s+Федерации\s+)?об\s+административных\s+правонарушениях"
    r"(?:\s+(?:РФ|Российской\s+Федерации))?)"
    r"|(?P<upk>УПК(?:\s+(?:РФ|России))?|Уголовно-процессуальн\w+\s+кодекс\w*"
    r"(?:\s+(?:РФ|Российской\s+Федерации))?)"
    r"|(?P<uik>УИК(?:\s+(?:РФ|России))?|Уголовно-исполнительн\w+\s+кодекс\w*"
    r"(?:\s+(?:РФ|Российской\s+Федерации))?)"
    r"|(?P<uk>УК(?:\s+(?:РФ|России))?|Уголовн\w+\s+кодекс\w*(?:\s+(?:РФ|Российской\s+Федерации))?)"
)
# The word "article" and the start of its number: every article reference holds it, so the
# reference patterns are built around it and the prefilter (find_patterns) searches for it.
# «ст.ст.» / «ст. ст.» and «статей» (genitive plural) name several articles.
_RU_ARTICLE_WORD = r"(?:[Сс]т\.(?:\s*ст\.)?|[Сс]тать(?:я|и|е|ю|ей|ёй|ям|ями|ях)|[Сс]татей)\s*(?=\d)"
# "Article 5", "Articles 5", "Art. 5", "Arts.5", in any case
_EN_ARTICLE_WORD = r"(?i:art(?:icles?\s+|s?\.\s*))(?=\d)"
RU_ARTICLE = re.compile(
    r"(?<![\w.])"
    r"(?:(?:п\.|пункт(?:а|ом|у|е)?)\s*[«\"“„]?(?P<para>[а-я])[»\"”“]?\)?\s+)?"
    r"(?:(?:ч\.|част(?:ь|и|ью|ей))\s*(?P<part>\d+)\s+)?"
    rf"{_RU_ARTICLE_WORD}"
    r"(?P<article>\d+(?:\.\d+)*)"
    r"(?P<more>(?:(?:\s*,\s*(?:и\s+)?|\s+и\s+)\d+(?:\.\d+)*)*)(?![\d.]\d)"
    rf"(?:\s+(?:{_RU_CODE}))?"
    r"(?![\w])"
    # articles of other instruments are not code articles
    r"(?!\s+(?:Конвенци|Конституци|Закон|закон|Федеральн|федеральн|Протокол|Устав|Пакт|Деклараци))"
)
_EN_CODE = (
    r"(?:the\s+)?(?:Russian\s+)?(?:"
    r"(?P<koap>Code\s+of\s+Administrative\s+Offen[cs]es)"
    r"|(?P<upk>Code\s+of\s+Criminal\s+Procedure|Criminal\s+Procedure\s+Code)"
    r"|(?P<uik>Penal\s+Enforcement\s+Code|Criminal\s+Enforcement\s+Code)"
    r"|(?P<uk>Criminal\s+Code))"
    r"(?:\s+of\s+the\s+Russian\s+Federation)?"
)
EN_ARTICLE = re.compile(
    r"(?<![\w.])"
    r"(?:(?i:paragraph|para\.|item|clause)\s*\(?(?P<para>[a-z])\)?\s+of\s+)?"
    r"(?:(?i:part)\s+(?P<part>\d+)\s+of\s+)?"
    rf"{_EN_ARTICLE_WORD}"
    r"(?P<article>\d+(?:\.\d+)*)"
    r"(?P<more>(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+)\d+(?:\.\d+)*)*)(?![\d.]\d)"
    r"(?:\((?P<spart>\d+)\)(?:\((?P<spara>[a-z])\))?)?"
    rf"(?:\s+of\s+{_EN_CODE}|\s+(?:(?P<scode>CAO|CCP|CC|PEC)(?:\s+RF)?))?"
    r"(?!\w)"
    r"(?!\s+of\s+(?:the\s+)?(?:European\s+|Russian\s+|UN\s+)?"
    r"(?:Convention|Constitution|Law|Federal|Charter|Covenant|Protocol|Declaration))"
)
_SHORT_CODES = {"CAO": "koap", "CC": "uk", "CCP": "upk", "PEC": "uik"}

# Numbered institution kinds as written in each language (English "TB" is tuberculosis).
RU_INSTITUTION_KINDS = tuple(INSTITUTIONS_RU_TO_LATIN)
EN_INSTITUTION_KINDS = tuple(kind for kind in INSTITUTIONS_LATIN_TO_RU if kind != "TB")
RU_COLONY = re.compile(
    rf"(?<![\w-])(?P<kind>{'|'.join(RU_INSTITUTION_KINDS)})"
    r"(?:[-‑–]\s?№?\s?|\s?№\s?)(?P<number>\d+)(?![\w])"
    r"|(?<![\w-])(?P<bare>ЛИУ)(?![\w-])"
)
EN_COLONY = re.compile(
    rf"(?<![\w-])(?P<kind>{'|'.join(EN_INSTITUTION_KINDS)})(?:[-‑–]\s?(?:No\.\s?)?|\s?No\.\s?)"
    r"(?P<number>\d+)(?![\w])"
    r"|(?<![\w-])(?P<bare>LIU)(?![\w-])"
)


_NUMBER = re.compile(r"\d+(?:\.\d+)*")


def _code_of(match: re.Match[str]) -> str | None:
    for key in ("koap", "upk", "uik", "uk"):
        if match.group(key):
            return key
    return None


def _article(match: re.Match[str], lang: str) -> ArticleRef:
    code = _code_of(match)
    paragraph = match.group("para")
    part = match.group("part")
    if lang == "ru":
        paragraph = _latin_letter(paragraph) if paragraph else None
    else:
        part = part or match.group("spart")
        paragraph = paragraph or match.group("spara")
        if code is None and match.group("scode"):
            code = _SHORT_CODES[match.group("scode")]
    listed = match.group("more")
    more = tuple(_NUMBER.findall(listed)) if listed else ()
    return ArticleRef(match.group("article"), code, part, paragraph, more)


# Where an article reference may start: its pattern's lookbehind (no letter, digit or dot
# before), then the first word it can begin with, whichever optional words it holds: the
# paragraph word, the part word or the article word (see RU_ARTICLE, EN_ARTICLE). Each
# begins with a character class, so the engine skips in C to its few letters; the rest is
# checked by lookarounds, so a start is one character and none hides another. The English
# letters are listed in every form (?i) matches them in (ı and İ are i): a cased class
# under (?i) would not let the engine skip ahead.
RU_ARTICLE_START = re.compile(
    r"[пчСс](?<![\w.].)(?:(?<=п)(?=\.|ункт)|(?<=ч)(?=\.|аст)|(?<=[Сс])(?=т))"
)
EN_ARTICLE_START = re.compile(
    r"[pPiIıİcCaA](?<![\w.].)"
    r"(?i:(?<=p)(?=aragraph|ara\.|art)|(?<=i)(?=tem)|(?<=c)(?=lause)|(?<=a)(?=rt))"
)


@dataclass(frozen=True, slots=True)
class _PatternScan:
    """One language's patterns with the triggers they cannot match without.

    Most paragraphs hold no reference at all, and the full patterns are slow to rule out
    (optional prefixes and a lookbehind at every position), so each is run only where its
    trigger, a required piece of the pattern itself, is found: the word "article" followed
    by a digit, or an institution kind. A colony match starts with its kind, never inside
    a word, and holds no other kind, so it is tried only where a kind is found.
    """

    article: re.Pattern[str]
    article_trigger: re.Pattern[str]
    article_letters: tuple[str, ...]  # two letters every article word holds, in any case
    colony: re.Pattern[str]
    colony_trigger: re.Pattern[str]
    to_latin: dict[str, str]
    article_start: re.Pattern[str] | None = None  # where a reference may start; None: anywhere

    def may_hold_article(self, text: str) -> bool:
        """Substring tests first: far cheaper than the trigger regex, and most texts fail them."""
        return any(pair in text for pair in self.article_letters) and bool(
            self.article_trigger.search(text)
        )

    def articles(self, text: str) -> list[re.Match[str]]:
        """`article.finditer(text)`, tried only where a reference may start.

        Exact: `finditer` tries each position from the end of its last match and takes
        the first that matches; a position where no reference may start (`article_start`
        finds every other one) cannot match, so trying only those, in order and from the
        last match's end on, finds the same matches."""
        if self.article_start is None:
            return list(self.article.finditer(text))
        found: list[re.Match[str]] = []
        end = 0
        match = self.article.match
        for start in self.article_start.finditer(text):
            at = start.start()
            if at >= end and (article := match(text, at)) is not None:
                found.append(article)
                end = article.end()
        return found


def _letter_pairs(first: str, second: str) -> tuple[str, ...]:
    return tuple(a + b for a in (first.lower(), first.upper()) for b in (second, second.upper()))


_SCANS = {
    "ru": _PatternScan(
        RU_ARTICLE,
        re.compile(_RU_ARTICLE_WORD),
        ("ст", "Ст"),
        RU_COLONY,
        re.compile("|".join(RU_INSTITUTION_KINDS)),
        INSTITUTIONS_RU_TO_LATIN,
        RU_ARTICLE_START,
    ),
    "en": _PatternScan(
        EN_ARTICLE,
        re.compile(_EN_ARTICLE_WORD),
        _letter_pairs("r", "t"),
        EN_COLONY,
        re.compile("|".join(EN_INSTITUTION_KINDS)),
        {kind: kind for kind in INSTITUTIONS_LATIN_TO_RU},
        EN_ARTICLE_START,
    ),
}


def find_patterns(text: str, lang: str) -> list[PatternMatch]:
    """Article references and numbered institutions in `text`, in order of position."""
    scan = _SCANS["ru" if lang == "ru" else "en"]
    found: list[PatternMatch] = []
    if scan.may_hold_article(text):
        for m in scan.articles(text):
            found.append(PatternMatch(m.start(), m.end(), ARTICLE_CONCEPT, _article(m, lang)))
    for trigger in scan.colony_trigger.finditer(text):
        colony = scan.colony.match(text, trigger.start())
        if colony is None:
            continue
        kind = colony.group("kind") or colony.group("bare")
        value = ColonyRef(scan.to_latin[kind], colony.group("number"))
        found.append(PatternMatch(colony.start(), colony.end(), COLONY_CONCEPT, value))
    if len(found) > 1:
        found.sort(key=lambda item: (item.start, -item.end))
    return found
