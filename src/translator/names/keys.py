"""A transliteration-aware Latin key, and the narrow kinds of typo we dare to report.

Why a key: one Russian name reaches English through many romanisation schemes (and through
journalists who follow none). Aleksei / Alexei / Alexey / Aleksey, Yevgeny / Evgenii,
Khodorkovsky / Hodorkovskiy differ only where the schemes differ, so folding exactly those
differences (ks/x, ya/ia/ja, yu/iu/ju, ye/je/e, yo/e, kh/h, ts/tz, zh, shch/sch, -ii/-iy/-y)
gives one key per Russian spelling without a dictionary. Anything the schemes do *not* vary
(an extra syllable, a feminine -a, a different root) keeps the keys apart: Aleksandr is not
Aleksei and Sokolova is not Sokolov.

Why narrow typos: an edit distance of 1 is also the distance between Zhuravlev and his wife
Zhuravleva. Only a doubled letter, two swapped neighbours, or two vowels swapped across one
consonant (the slips a hand makes) count as typos; the caller adds the other guards.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rapidfuzz.distance import OSA, Levenshtein

# Ordered folds. Upper-case letters in the result stand for one Russian sound written with
# two or more Latin letters, so they never collide with an ordinary letter.
_FOLDS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"[’'ʹʺ`´\"]", ""),  # soft and hard signs written as apostrophes
        (r"w", "v"),
        (r"tch", "ch"),
        (r"shch|shh|sch", "Q"),  # щ
        (r"zh", "Z"),  # ж
        (r"ch", "C"),  # ч
        (r"sh", "S"),  # ш
        (r"kh", "h"),  # х
        (r"ts|tz", "c"),  # ц (GOST writes it c already)
        (r"x", "ks"),
        (r"(?:ii|iy|ij|y|j)[aа]|ia", "A"),  # я: Kseniia/Kseniya/Ksenia, Natalya/Nataliya
        (r"(?:ii|iy|y|j)u|iu", "U"),  # ю: Yulia/Iulia/Julia
        (r"(?:y|j)o", "e"),  # ё: Fyodor/Fedor, Artyom/Artem, Pyotr/Petr
        (r"(?:y|j)e", "e"),  # е: Yekaterinburg/Ekaterinburg, Andreyevich/Andreevich
        (r"ander$", "andr"),  # Alexander/Aleksandr: the English ending of one Russian name
        (r"[yj]", "i"),  # й and ы
        (r"i+", "i"),  # -ii/-iy/-y, Dmitrii/Dmitriy/Dmitry/Dmitri
    )
)

VOWELS = frozenset("aeiouyAUE")


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@lru_cache(maxsize=65536)
def latin_key(spelling: str) -> str:
    """The key shared by every romanisation of one Russian spelling ("" for no letters)."""
    key = _strip_accents(spelling.casefold().replace("ё", "e"))
    for pattern, replacement in _FOLDS:
        key = pattern.sub(replacement, key)
    return "".join(char for char in key if char.isalpha())


def _doubled(longer: str, shorter: str) -> bool:
    """`longer` is `shorter` with one letter written twice (Zhurravlev, Eevgenii)."""
    for index in range(1, len(longer)):
        if longer[index] == longer[index - 1] and longer[:index] + longer[index + 1 :] == shorter:
            return True
    return False


def _swapped(first: str, second: str) -> bool:
    """Two neighbours swapped (Zhuarvlev), or two vowels swapped across one letter."""
    diffs = [index for index, (a, b) in enumerate(zip(first, second, strict=True)) if a != b]
    if len(diffs) != 2:
        return False
    left, right = diffs
    if first[left] != second[right] or first[right] != second[left]:
        return False
    if right - left == 1:
        return True
    return right - left == 2 and first[left] in VOWELS and first[right] in VOWELS


def typo_kind(first: str, second: str) -> str | None:
    """ "doubled letter" or "transposed letters" when two keys differ by one slip, else None.

    Works on keys (see `latin_key`) so that a slip is not hidden by a scheme difference.
    """
    if first == second or abs(len(first) - len(second)) > 1:
        return None
    if len(first) != len(second):
        if Levenshtein.distance(first, second, score_cutoff=1) > 1:
            return None
        longer, shorter = (first, second) if len(first) > len(second) else (second, first)
        return "doubled letter" if _doubled(longer, shorter) else None
    if OSA.distance(first, second, score_cutoff=2) > 2:
        return None
    return "transposed letters" if _swapped(first, second) else None


def slip_signatures(key: str) -> set[str]:
    """Strings two keys share when one slip (as `typo_kind` defines it) separates them.

    Indexing keys by these finds every candidate pair in linear time instead of comparing
    all pairs: a doubled letter undone gives the shorter key, and a swap is invisible once
    the two swapped letters are put in order.
    """
    signatures = {"d:" + key}
    for index in range(1, len(key)):
        if key[index] == key[index - 1]:
            signatures.add("d:" + key[:index] + key[index + 1 :])
    for index in range(len(key) - 1):
        pair = "".join(sorted(key[index : index + 2]))
        signatures.add(f"t{index}:{key[:index]}{pair}{key[index + 2 :]}")
    for index in range(len(key) - 2):
        left, right = key[index], key[index + 2]
        if left in VOWELS and right in VOWELS:
            low, high = sorted((left, right))
            signatures.add(f"v{index}:{key[:index]}{low}{key[index + 1]}{high}{key[index + 3 :]}")
    return signatures
