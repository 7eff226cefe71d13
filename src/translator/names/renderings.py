"""Romanisations of a Russian name under several schemes, and the way back for typo checks.

Why several schemes: a target spelling is tied to its Russian source when it equals (by
`latin_key`) one of the source's renderings. Newsrooms mix passport (ICAO), BGN/PCGN,
Wikipedia and library (ALA-LC) habits, so all of those are generated.

Why a way back: a misspelt transliteration that has no correctly spelt twin in the text
(Eevgenii, Provavaya) can still be caught when undoing one slip turns it into a word the
Russian dictionary knows while the spelling as written is unknown.
"""

from __future__ import annotations

import re
from functools import lru_cache

import iuliia

from translator.names.keys import latin_key
from translator.names.lexicon import ENGLISH_FIRST_NAMES, RUSSIAN_FIRST_NAMES
from translator.names.morph import is_known, name_parses

# ALA_LC_ALT is ALA-LC without diacritics; MOSMETRO, YANDEX_MONEY and MVD_310 are the
# everyday spellings of signs, bank cards and older passports.
SCHEMES: dict[str, iuliia.Schema] = {
    "wikipedia": iuliia.WIKIPEDIA,
    "icao_doc_9303": iuliia.ICAO_DOC_9303,
    "bgn_pcgn": iuliia.BGN_PCGN,
    "ala_lc": iuliia.ALA_LC_ALT,
    "ala_lc_alt": iuliia.ALA_LC_ALT,
    "mosmetro": iuliia.MOSMETRO,
    "yandex_money": iuliia.YANDEX_MONEY,
    "mvd_310": iuliia.MVD_310,
    "mvd_782": iuliia.MVD_782,
}
DEFAULT_SCHEME = "wikipedia"


def _title(text: str) -> str:
    """нижний новгород -> Нижний Новгород (each word and hyphen part capitalised)."""
    return re.sub(r"[^\W\d_]+", lambda match: match.group(0).capitalize(), text)


@lru_cache(maxsize=65536)
def render(russian: str, scheme: str = DEFAULT_SCHEME) -> str:
    """`russian` (any case) romanised by `scheme`, each word capitalised."""
    schema = SCHEMES.get(scheme.lower())
    if schema is None:
        known = ", ".join(sorted(SCHEMES))
        raise ValueError(f"unknown transliteration scheme {scheme!r} (use one of: {known})")
    # BGN/PCGN keeps ё as a letter; a name is never published with it in Latin.
    return _title(schema.translate(_title(russian))).replace("ё", "yo").replace("Ё", "Yo")


@lru_cache(maxsize=65536)
def rendering_keys(russian: str) -> frozenset[str]:
    """The Latin keys of every scheme's rendering, with and without ё."""
    forms = {russian, russian.replace("ё", "е")}
    return frozenset(latin_key(render(form, scheme)) for form in forms for scheme in SCHEMES)


@lru_cache(maxsize=1)
def first_name_keys() -> dict[str, str]:
    """Latin key -> Russian first name, for every rendering of the built-in name list."""
    keys: dict[str, str] = {}
    for name in sorted(RUSSIAN_FIRST_NAMES):
        for key in rendering_keys(name):
            keys.setdefault(key, name)
    return keys


# Latin back to Cyrillic, longest match first. Only used to ask the dictionary whether a
# spelling is a Russian word, so one plausible reading is enough.
_BACK = (
    ("shch", "щ"),
    ("sch", "щ"),
    ("zh", "ж"),
    ("kh", "х"),
    ("ch", "ч"),
    ("sh", "ш"),
    ("ts", "ц"),
    ("yu", "ю"),
    ("iu", "ю"),
    ("ya", "я"),
    ("ia", "я"),
    ("yo", "ё"),
    ("ye", "е"),
    ("iy", "ий"),
    ("ii", "ий"),
    ("x", "кс"),
)
_BACK_LETTERS = dict(zip("abvgdezijklmnoprstufhcy", "абвгдезийклмнопрстуфхцы", strict=True))
_BACK_PATTERN = re.compile("|".join(latin for latin, _ in _BACK) + "|.")
_BACK_MAP = dict(_BACK)


def to_cyrillic(latin: str) -> str | None:
    """One Cyrillic reading of a romanised word, or None if a letter has no reading."""
    out: list[str] = []
    for match in _BACK_PATTERN.finditer(latin.lower()):
        piece = match.group(0)
        if piece == "y" and out and out[-1] in "аеёиоуыэюя":
            out.append("й")  # y after a vowel: Sergey, Nikolay
            continue
        cyrillic = _BACK_MAP.get(piece) or _BACK_LETTERS.get(piece)
        if cyrillic is None:
            return None
        out.append(cyrillic)
    return "".join(out)


# Letter groups romanised Russian does not produce: the word is English (Google, Heathrow).
_ENGLISH_LOOK = re.compile(r"oo|ou|ea|th|w|q|ck|ph|gh|c(?!h)")


_ADJECTIVE_ENDINGS = ("ая", "ий", "ый", "ой", "ое", "ые")  # Pravovaya (Zashchita), Severny


def _slips_undone(word: str) -> set[str]:
    """Every spelling one slip away: a doubled letter undoubled, two letters swapped back."""
    lower = word.lower()
    found: set[str] = set()
    for index in range(1, len(lower)):
        if lower[index] == lower[index - 1]:
            found.add(lower[:index] + lower[index + 1 :])
    for index in range(1, len(lower) - 1):  # never the first letter
        swapped = lower[:index] + lower[index + 1] + lower[index] + lower[index + 2 :]
        found.add(swapped)
    for index in range(1, len(lower) - 2):
        left, right = lower[index], lower[index + 2]
        if left != right and left in "aeiou" and right in "aeiou":
            found.add(lower[:index] + right + lower[index + 1] + left + lower[index + 3 :])
    found.discard(lower)
    return found


@lru_cache(maxsize=65536)
def dictionary_fix(word: str) -> str | None:
    """The Russian word a misspelt romanisation stands for, when one slip explains it.

    Returns the Cyrillic word (Eevgenii -> евгений) only when the spelling as written reads
    as no known Russian word and exactly one undone slip reads as a known name, surname,
    place or adjective. English words and names mostly have no Cyrillic reading the
    dictionary knows, which keeps this quiet on them.
    """
    if len(word) < 6 or not word.isalpha() or not word.isascii():
        return None
    if word.lower() in ENGLISH_FIRST_NAMES or _ENGLISH_LOOK.search(word.lower()):
        return None
    as_written = to_cyrillic(word)
    if as_written is None or is_known(as_written) or latin_key(word) in first_name_keys():
        return None
    fixes: set[str] = set()
    for candidate in _slips_undone(word):
        cyrillic = to_cyrillic(candidate)
        if cyrillic is None or not is_known(cyrillic):
            continue
        named = latin_key(candidate) in first_name_keys() or bool(name_parses(cyrillic))
        if named or cyrillic.endswith(_ADJECTIVE_ENDINGS):
            fixes.add(cyrillic)
    return fixes.pop() if len(fixes) == 1 else None
