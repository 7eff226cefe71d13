"""Finding names in English and Russian text.

English has no morphology to lean on, so a name is a run of capitalised words (with
initials and a title allowed in front), less the ordinary words that are capitalised only
because they open a sentence. A run that starts with a title, initials or a known first
name is a person; the rest is a place, a body or anything else ("name").

Russian names are found by pymorphy3's Name/Surn/Patr/Geox/Orgn tags and brought to the
nominative, so Соколов / Соколова / Соколову / Соколовым are one name. Соколова is also a
woman's nominative: the first name in front of it (Анна Соколова) decides, and without one
the dictionary's likeliest reading does.

Why the regexes match whole capitalised runs: Python then only looks at the few per cent of
words that are capitalised, and each run's analysis is cached, which keeps 50,000
paragraphs within seconds.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from pymorphy3.analyzer import Parse

from translator.names.keys import latin_key
from translator.names.lexicon import (
    COMMON_WORDS,
    ENGLISH_FIRST_NAMES,
    ORGANISATION_WORDS,
    TITLES,
)
from translator.names.model import NameMention
from translator.names.morph import feminine_nominative, name_parses
from translator.names.morph import parses as all_parses
from translator.names.renderings import first_name_keys

_LOWER = "a-zß-öø-ÿ"
_EN_CAPITAL = "[A-ZÀ-ÖØ-Þ]"
_EN_WORD_TAIL = rf"[{_LOWER}]+(?:-[A-Z]?[{_LOWER}]+)*(?:[’']s\b|(?<=s)[’'](?![A-Za-z]))?"
_EN_WORD = _EN_CAPITAL + _EN_WORD_TAIL
_EN_INITIAL = r"[A-Z][a-z]?\."
_EN_TOKEN = rf"(?:{_EN_INITIAL}|{_EN_WORD})"
# A run is `(?<![\w’'.-]){_EN_TOKEN}(?:[ \u00a0]{_EN_TOKEN})*(?![\w-])`, written so that the
# pattern opens with a capital letter: the regex engine then skips straight to capitals
# instead of trying the lookbehind at every position (twice as fast over a paragraph). It
# is the same pattern: every token opens with one of these capitals; the lookbehind moved
# past that capital (its `.` is the capital) still tests the character before it, and
# still holds at the start of the text, where it has no two characters to look at; the
# initial's alternative still asks the capital to be A-Z (tests/test_names_fast.py).
_EN_RUN = re.compile(
    rf"{_EN_CAPITAL}(?<![\w’'.-].)(?:(?<=[A-Z])[a-z]?\.|{_EN_WORD_TAIL})"
    rf"(?:[ \u00a0]{_EN_TOKEN})*(?![\w-])"
)
_EN_TOKEN_RE = re.compile(_EN_TOKEN)
_NOT_INITIALS = frozenset({"st", "no", "art", "mt", "ft", "vs", "p", "pp", "ch", "ul"})
_PATRONYMIC = re.compile(r"(?:ovich|evich|ovna|evna|ichna|ich)$")
_FEMININE_SURNAME = re.compile(r"(?:ova|eva|yova|ina|yna|aya|aia|kaja)$")
_OPENERS = " \u00a0\"“‘'(«*#[_>-–—"
_SENTENCE_ENDS = ".!?:;…\n\r\t"

_RU_TOKEN = r"(?:[А-ЯЁ]\.|[А-ЯЁ][а-яё]+(?:-[А-ЯЁ]?[а-яё]+)*)"
_RU_RUN = re.compile(rf"(?<![\w.-]){_RU_TOKEN}(?:[ \u00a0]{_RU_TOKEN})*(?![\w-])")
_RU_TOKEN_RE = re.compile(_RU_TOKEN)
# `(?<![\w-])[А-ЯЁ][а-яё]+...` with the lookbehind moved past the capital, for the same
# reason and by the same argument as _EN_RUN.
_RU_WORD = re.compile(r"[А-ЯЁ](?<![\w-].)[а-яё]+(?:-[А-ЯЁ]?[а-яё]+)*")


def extract_names(text: str, lang: str) -> list[NameMention]:
    """Every name in `text` ("en" or "ru"), in order of appearance."""
    if lang == "ru":
        runs, analyse = _RU_RUN, _russian_run
    elif lang == "en":
        runs, analyse = _EN_RUN, english_run
    else:
        raise ValueError(f"names are found in English or Russian text, not {lang!r}")
    found: list[NameMention] = []
    for match in runs.finditer(text):
        offset = match.start()
        for mention in analyse(match.group(0), opens_sentence(text, offset)):
            found.append(shifted(mention, offset))
    return found


def shifted(mention: NameMention, offset: int) -> NameMention:
    """`mention` moved `offset` characters on: `dataclasses.replace`, field by field (a
    quarter of its cost, which is most of a name pass's: every mention is shifted)."""
    m = mention
    return NameMention(
        m.text,
        m.start + offset,
        m.end + offset,
        m.lang,
        m.kind,
        m.words,
        m.title,
        m.first,
        m.patronymic,
        m.surname,
        m.initials,
        m.feminine,
        m.sentence_start,
    )


def english_runs(text: str) -> Iterator[re.Match[str]]:
    """The runs of capitalised English tokens in `text`, each analysed by `english_run`."""
    return _EN_RUN.finditer(text)


def opens_sentence(text: str, position: int) -> bool:
    """Whether the word at `position` opens a sentence: nothing but openers (spaces,
    quotes, brackets) between it and a sentence end or the start of the text, looking back
    16 characters at most."""
    before = text[position - 16 if position > 16 else 0 : position].rstrip(_OPENERS)
    return not before or before[-1] in _SENTENCE_ENDS


# --- English -----------------------------------------------------------------------------


def _plain(token: str) -> str:
    """Zhuravlev’s -> Zhuravlev; Zhuravlevs’ -> Zhuravlevs."""
    for ending in ("’s", "'s", "’", "'"):
        if token.endswith(ending):
            return token[: -len(ending)]
    return token


def is_first_name(word: str) -> bool:
    """A Russian first name in any romanisation, or a common English one."""
    return latin_key(word) in first_name_keys() or word.lower() in ENGLISH_FIRST_NAMES


def _is_initial(token: str) -> bool:
    return token.endswith(".") and token[:-1].lower() not in _NOT_INITIALS


def _is_title(token: str) -> bool:
    return token.rstrip(".").lower() in TITLES


@lru_cache(maxsize=262144)
def english_run(run: str, sentence_start: bool) -> tuple[NameMention, ...]:
    """The mentions in one run of capitalised tokens, offsets relative to the run."""
    tokens = [(match.group(0), match.start()) for match in _EN_TOKEN_RE.finditer(run)]
    mentions: list[NameMention] = []
    other: list[tuple[str, int]] = []
    at_start = sentence_start
    index = 0

    def flush() -> None:
        nonlocal at_start
        if other:
            mentions.append(_other_mention(run, other, at_start))
            other.clear()
        at_start = False

    while index < len(tokens):
        token, _ = tokens[index]
        lower = token.rstrip(".").lower()
        if lower in COMMON_WORDS and not _is_title(token):
            flush()
            index += 1
            continue
        if token.endswith(".") and not _is_title(token) and not _is_initial(token):
            flush()
            index += 1
            continue
        if _is_title(token) or _is_initial(token) or is_first_name(_plain(token)):
            person, used = _person(run, tokens, index)
            if person is not None:
                flush()
                mentions.append(person)
                index += used
                continue
        if not _is_title(token):  # "Mr" with no name after it
            other.append((_plain(token), tokens[index][1]))
        index += 1
    flush()
    return tuple(mentions)


def _person(run: str, tokens: list[tuple[str, int]], index: int) -> tuple[NameMention | None, int]:
    """A person starting at tokens[index]: [title] [initials] [first [patronymic]] [surname]."""
    position = index
    title = None
    if _is_title(tokens[position][0]) and position + 1 < len(tokens):
        title = tokens[position][0].rstrip(".")
        position += 1
    initials: list[str] = []
    while position < len(tokens) and _is_initial(tokens[position][0]):
        initials.append(tokens[position][0])
        position += 1
    first = patronymic = surname = None

    def usable(at: int) -> bool:
        if at >= len(tokens):
            return False
        token = tokens[at][0]
        return (
            not token.endswith(".")
            and _plain(token).lower() not in ORGANISATION_WORDS
            and token.lower() not in COMMON_WORDS
        )

    if not initials and usable(position) and is_first_name(_plain(tokens[position][0])):
        first = _plain(tokens[position][0])
        position += 1
        patronymic_here = usable(position) and _PATRONYMIC.search(tokens[position][0].lower())
        if patronymic_here and usable(position + 1):
            patronymic = _plain(tokens[position][0])
            position += 1
    if usable(position):
        surname = _plain(tokens[position][0])
        position += 1
    if first is None and surname is None:
        return None, 0
    start = tokens[index][1]
    end = tokens[position - 1][1] + len(tokens[position - 1][0])
    words = tuple(part for part in (*initials, first, patronymic, surname) if part)
    feminine = None
    if surname is not None and first is not None:
        feminine = bool(_FEMININE_SURNAME.search(surname.lower()))
    elif title is not None:
        feminine = title.lower() in {"ms", "mrs", "miss"} or None
    mention = NameMention(
        text=run[start:end],
        start=start,
        end=end,
        lang="en",
        kind="person",
        words=words,
        title=title,
        first=first,
        patronymic=patronymic,
        surname=surname,
        initials=tuple(initials),
        feminine=feminine,
    )
    return mention, position - index


def _other_mention(run: str, words: list[tuple[str, int]], at_start: bool) -> NameMention:
    start = words[0][1]
    end = words[-1][1] + len(words[-1][0])
    kind = "organisation" if any(w.lower() in ORGANISATION_WORDS for w, _ in words) else "name"
    return NameMention(
        text=run[start:end],
        start=start,
        end=end,
        lang="en",
        kind=kind,
        words=tuple(word for word, _ in words),
        sentence_start=at_start and len(words) == 1,
    )


# --- Russian -----------------------------------------------------------------------------


def _without_yo(form: str, surface: str) -> str:
    """The dictionary writes журавлёв; keep ё only if the text did."""
    return form if "ё" in surface.lower() else form.replace("ё", "е")


def _grammeme(value: object) -> str | None:
    """pymorphy3's gender/case attribute as a plain string (it refuses to compare to others)."""
    return None if value is None else str(value)


def _best(parses: tuple[Parse, ...], tag: str) -> Parse | None:
    chosen = [parse for parse in parses if tag in parse.tag]
    return max(chosen, key=lambda parse: parse.score) if chosen else None


def _surname_form(
    parses: tuple[Parse, ...], surface: str, gender: str | None, case: str | None
) -> tuple[str, bool]:
    """The nominative of a surname, agreeing with the first name's gender and case if given."""
    surnames = [parse for parse in parses if "Surn" in parse.tag and "sing" in parse.tag]
    if not surnames:
        surnames = [parse for parse in parses if "Surn" in parse.tag]
    if gender is not None:
        agreeing = [parse for parse in surnames if _grammeme(parse.tag.gender) == gender]
        if case is not None and any(_grammeme(parse.tag.case) == case for parse in agreeing):
            agreeing = [parse for parse in agreeing if _grammeme(parse.tag.case) == case]
        surnames = agreeing or surnames
    best = max(surnames, key=lambda parse: parse.score)
    feminine = _grammeme(best.tag.gender) == "femn"
    form = feminine_nominative(best) if feminine else str(best.normal_form)
    return _without_yo(form, surface).capitalize(), feminine


@lru_cache(maxsize=262144)
def _russian_run(run: str, sentence_start: bool) -> tuple[NameMention, ...]:
    """The mentions in one run of capitalised Russian tokens, offsets relative to the run."""
    tokens = [(match.group(0), match.start()) for match in _RU_TOKEN_RE.finditer(run)]
    roles: list[tuple[str, int, str, tuple[Parse, ...]]] = []  # token, start, role, parses
    for position, (token, start) in enumerate(tokens):
        if token.endswith("."):
            roles.append((token, start, "initial", ()))
            continue
        parses = name_parses(token)
        if not parses or (position == 0 and sentence_start and not _likely_name(token)):
            roles.append((token, start, "", ()))
            continue
        tags = {
            tag
            for parse in parses
            for tag in ("Name", "Surn", "Patr", "Geox", "Orgn")
            if tag in parse.tag
        }
        for role in ("Patr", "Name", "Surn", "Geox", "Orgn"):
            if role in tags:
                break
        if role == "Name" and "Surn" in tags and any(r == "Name" for _, _, r, _ in roles):
            role = "Surn"  # Павел Роман...: the second "name" is the surname
        roles.append((token, start, role, parses))
    return tuple(_russian_mentions(run, roles))


def _likely_name(token: str) -> bool:
    """A sentence-initial word is a name only if the dictionary's best reading is one."""
    best = max(all_parses(token), key=lambda parse: parse.score)
    return any(tag in best.tag for tag in ("Name", "Surn", "Patr", "Geox", "Orgn"))


def _russian_mentions(
    run: str, roles: list[tuple[str, int, str, tuple[Parse, ...]]]
) -> list[NameMention]:
    """Group tagged tokens into people (initials, first name, patronymic, surname) and places."""
    mentions: list[NameMention] = []
    group: list[tuple[str, int, str, tuple[Parse, ...]]] = []

    def close() -> None:
        if group:
            mentions.extend(_russian_group(run, group))
            group.clear()

    for item in roles:
        role = item[2]
        if role in ("", "Geox", "Orgn"):
            close()
            if role:
                token, start, _, parses = item
                best = _best(parses, role)
                form = _without_yo(str(best.normal_form), token) if best else token.lower()
                kind = "organisation" if role == "Orgn" else "name"
                mentions.append(
                    NameMention(token, start, start + len(token), "ru", kind, (form.capitalize(),))
                )
            continue
        # A surname before a first name, no patronymic: not one person («Жена Журавлева Анна»).
        # A second first name starts another person («брат Дмитрия Павел»).
        if role == "Name" and any(r in ("Surn", "Name") for _, _, r, _ in group):
            close()
        group.append(item)
    close()
    return mentions


def _russian_group(
    run: str, group: list[tuple[str, int, str, tuple[Parse, ...]]]
) -> list[NameMention]:
    by_role: dict[str, tuple[str, tuple[Parse, ...]]] = {}
    initials = tuple(token for token, _, role, _ in group if role == "initial")
    for token, _, role, parses in group:
        if role != "initial":
            by_role.setdefault(role, (token, parses))
    if not by_role:
        return []  # initials alone: not a name
    gender = case = None
    first = patronymic = surname = None
    feminine: bool | None = None
    for role in ("Name", "Patr"):
        if role in by_role:
            token, parses = by_role[role]
            best = _best(parses, role)
            if best is not None:
                gender = gender or _grammeme(best.tag.gender)
                case = case or _grammeme(best.tag.case)
                form = _without_yo(str(best.normal_form), token).capitalize()
                if role == "Name":
                    first = form
                else:
                    patronymic = form
    if "Surn" in by_role:
        token, parses = by_role["Surn"]
        surname, feminine = _surname_form(parses, token, gender, case)
    elif gender is not None:
        feminine = gender == "femn"
    start = group[0][1]
    end = group[-1][1] + len(group[-1][0])
    words = tuple(part for part in (*initials, first, patronymic, surname) if part)
    return [
        NameMention(
            text=run[start:end],
            start=start,
            end=end,
            lang="ru",
            kind="person",
            words=words,
            first=first,
            patronymic=patronymic,
            surname=surname,
            initials=initials,
            feminine=feminine,
        )
    ]


# --- Russian words for linking -----------------------------------------------------------


@lru_cache(maxsize=262144)
def russian_forms(word: str) -> tuple[str, ...]:
    """Forms a romanised spelling of `word` may stand for: as written, lemma, woman's form.

    Used to tie English spellings to the Russian side of the same paragraph, so it errs on
    the side of more forms: a wrong one only matters if an English word happens to match it.
    """
    forms = {word.lower()}
    for parse in name_parses(word):
        forms.add(_without_yo(str(parse.normal_form), word))
        if "Surn" in parse.tag and _grammeme(parse.tag.gender) == "femn":
            forms.add(_without_yo(feminine_nominative(parse), word))
    return tuple(sorted(forms))


def russian_word_matches(text: str) -> Iterator[re.Match[str]]:
    """The capitalised words of a Russian text with their places (see `russian_words`)."""
    return _RU_WORD.finditer(text)


@lru_cache(maxsize=65536)
def russian_nominative(word: str) -> str:
    """A capitalised word's nominative as a name (its best name reading), else as written."""
    parses = name_parses(word)
    if not parses:
        return word
    best = max(parses, key=lambda parse: parse.score)
    return _without_yo(str(best.normal_form), word).capitalize()


def russian_words(text: str) -> list[str]:
    """The capitalised words of a Russian text (candidate names, cheap to find)."""
    return _RU_WORD.findall(text)
