"""Decode source bytes: BOMs, UTF-8, UTF-16, and single-byte Cyrillic, never silently wrong.

charset-normalizer was measured here on short Russian texts and named cp1253 or big5 for
cp1251 input, so legacy encodings are decided by a script-aware score instead: correct
Russian decodings are mostly lowercase Cyrillic, while cp1251<->koi8-r mix-ups turn
lowercase into uppercase, and Latin-1 bytes read as Cyrillic put Cyrillic inside Latin words.

Case is no evidence for a text in capitals (a heading, a row of abbreviations): its
cp1251<->koi8-r mirror reads as plausible lowercase. When the mirror reading has sane
casing, Russian letter frequencies decide instead, or the text is refused if too short.
"""

from __future__ import annotations

import codecs
import math
import re
from dataclasses import dataclass

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or DOCX/ODT)"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "an executable"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
    (b"SQLite format 3\x00", "an SQLite database"),
)

LEGACY_CANDIDATES = ("cp1251", "koi8-r", "cp1252")
_TYPOGRAPHIC = set("«»“”„‘’‚—–…№•·©®™°§€£\u00a0\u2009\u202f")
_WORD = re.compile(r"\w+")
_ONE_LETTER_WORDS = frozenset("аиоуяскАИОУЯСКвВ")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_MIN_SCORE = 0.75
_MIN_MARGIN = 0.2
# cp1251 and koi8-r swap the case of Cyrillic letters when one is read as the other.
_CASE_MIRROR = {"cp1251": "koi8-r", "koi8-r": "cp1251"}
# Letter frequencies of Russian prose, per cent, case-folded.
_RUSSIAN_LETTERS = {
    "о": 10.97, "е": 8.45, "а": 8.01, "и": 7.35, "н": 6.70, "т": 6.26, "с": 5.47,
    "р": 4.73, "в": 4.54, "л": 4.40, "к": 3.49, "м": 3.21, "д": 2.98, "п": 2.81,
    "у": 2.62, "я": 2.01, "ы": 1.90, "ь": 1.74, "г": 1.70, "з": 1.65, "б": 1.59,
    "ч": 1.44, "й": 1.21, "х": 0.97, "ж": 0.94, "ш": 0.73, "ю": 0.64, "ц": 0.48,
    "щ": 0.36, "э": 0.32, "ф": 0.26, "ъ": 0.04, "ё": 0.04,
}  # fmt: skip
_OTHER_LETTER_SHARE = 0.01
# Measured on ~35,000 capitalised spans of the sample corpus (1-8 words): demanding a lead in
# mean log letter share of max(0.2, 6 / letters), from 10 letters up, never picked the mirror.
_MIN_FIT_LETTERS = 10
_FIT_MARGIN_FLOOR = 0.2
_FIT_MARGIN_LETTERS = 6.0


class EncodingProblem(ValueError):
    """The bytes are not text this tool can decode with confidence; the message says why."""


@dataclass(frozen=True, slots=True)
class DecodedText:
    text: str
    encoding: str


def _is_cyrillic(char: str) -> bool:
    return "\u0400" <= char <= "\u04ff"


def _is_latin(char: str) -> bool:
    return (char.isascii() and char.isalpha()) or "\u00c0" <= char <= "\u024f"


def legacy_score(text: str) -> float:
    """Share of non-ASCII characters that are plausible in Russian or English prose."""
    total = 0.0
    good = 0.0
    tokens = _WORD.findall(text)
    for index, token in enumerate(tokens):
        if token.isascii():
            continue
        if _lone_letter_word(tokens, index):
            continue  # "à la carte" or "Facebook и Telegram": no evidence either way
        has_cyrillic = any(_is_cyrillic(c) for c in token)
        has_latin = any(c.isascii() and c.isalpha() for c in token)
        for char in token:
            if char.isascii():
                continue
            total += 1
            if has_cyrillic and has_latin:
                continue  # Cyrillic inside a Latin word: a wrong code page
            if _is_cyrillic(char):
                good += 1.0 if char.islower() else 0.3
            elif _is_latin(char) and has_latin:
                good += 1.0
    for char in text:
        if not char.isascii() and not char.isalnum() and not char.isspace():
            total += 1
            if char in _TYPOGRAPHIC:
                good += 1.0
    return good / total if total else 1.0


def _lone_letter_word(tokens: list[str], index: int) -> bool:
    """A one-letter word ("à", "и") with only ASCII words beside it: either reading is fine."""
    token = tokens[index]
    if len(token) != 1 or not (token in _ONE_LETTER_WORDS or _is_latin(token)):
        return False
    neighbours = tokens[max(0, index - 1) : index] + tokens[index + 1 : index + 2]
    return all(neighbour.isascii() for neighbour in neighbours)


def _sane_casing(text: str) -> bool:
    """No Cyrillic word starts in lowercase and goes on in capitals (the mirror of "Суд")."""
    for token in _WORD.findall(text):
        letters = [c for c in token if _is_cyrillic(c) and c.isalpha()]
        if letters and letters[0].islower() and any(c.isupper() for c in letters[1:]):
            return False
    return True


def _letter_fit(text: str) -> tuple[float, int]:
    """Mean log share of the Cyrillic letters in Russian prose, and how many there are."""
    shares = [
        _RUSSIAN_LETTERS.get(c.lower(), _OTHER_LETTER_SHARE)
        for c in text
        if _is_cyrillic(c) and c.isalpha()
    ]
    if not shares:
        return 0.0, 0
    return sum(math.log(share) for share in shares) / len(shares), len(shares)


def _looks_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: ASCII or Cyrillic text has 0x00/0x04 in every other byte."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    for codec, high_bytes in (("utf-16-le", odd), ("utf-16-be", even)):
        share = (high_bytes.count(0) + high_bytes.count(4)) / len(high_bytes)
        if share > 0.9:
            return codec
    return None


def binary_kind(data: bytes) -> str | None:
    """A short description if the bytes start with the signature of a known binary format."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    return None


def decode_bytes(data: bytes, encoding: str | None = None) -> DecodedText:
    """Decode `data`, with `encoding` if given, else detected; raise EncodingProblem if unsure."""
    kind = binary_kind(data)
    if kind:
        raise EncodingProblem(f"binary file ({kind}), not text")
    if encoding:
        try:
            text = data.decode(encoding)
            name = codecs.lookup(encoding).name
        except LookupError as error:
            raise EncodingProblem(f"unknown encoding '{encoding}'") from error
        except UnicodeDecodeError as error:
            raise EncodingProblem(
                f"not valid {encoding} (byte {error.start}: {error.reason})"
            ) from error
        return _checked(DecodedText(text.removeprefix("\ufeff"), name))
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(DecodedText(data.decode(codec), codec))
            except UnicodeDecodeError as error:
                raise EncodingProblem(
                    f"starts with a {codec} mark but is not valid {codec}"
                ) from error
    utf16 = _looks_utf16(data)
    if utf16:
        try:
            return _checked(DecodedText(data.decode(utf16), utf16))
        except UnicodeDecodeError:
            pass
    if b"\x00" in data:
        raise EncodingProblem("binary file (contains NUL bytes), not text")
    try:
        return _checked(DecodedText(data.decode("utf-8"), "utf-8"))
    except UnicodeDecodeError:
        pass
    return _checked(_decode_legacy(data))


def _decode_legacy(data: bytes) -> DecodedText:
    scored: dict[str, tuple[float, str]] = {}
    for codec in LEGACY_CANDIDATES:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        scored[codec] = (legacy_score(text), text)
    if not scored:
        raise EncodingProblem("undecodable bytes: not UTF-8, UTF-16, cp1251, koi8-r or cp1252")
    ranked = sorted(scored.items(), key=lambda item: item[1][0], reverse=True)
    best_codec, (best_score, best_text) = ranked[0]
    mirror = _CASE_MIRROR.get(best_codec)
    if (
        mirror in scored
        and scored[mirror][1] != best_text
        and _letter_fit(best_text)[1]
        and _sane_casing(scored[mirror][1])
    ):
        return _decide_by_letters(scored, best_codec, mirror)
    rivals = [score for codec, (score, text) in ranked[1:] if text != best_text]
    runner_up = rivals[0] if rivals else 0.0
    if best_score < _MIN_SCORE or best_score - runner_up < _MIN_MARGIN:
        raise _unsure(scored)
    return DecodedText(best_text, best_codec)


def _decide_by_letters(
    scored: dict[str, tuple[float, str]], first: str, second: str
) -> DecodedText:
    """cp1251 or koi8-r for a text whose case tells nothing: by Russian letter frequencies."""
    (fit_a, letters), fit_b = _letter_fit(scored[first][1]), _letter_fit(scored[second][1])[0]
    margin = max(_FIT_MARGIN_FLOOR, _FIT_MARGIN_LETTERS / max(letters, 1))
    if letters < _MIN_FIT_LETTERS or abs(fit_a - fit_b) < margin:
        raise _unsure(scored, "too short, or in capitals, to judge by its letters")
    codec = first if fit_a > fit_b else second
    text = scored[codec][1]
    score = legacy_score(text.lower())  # capitals are fine here; the rest must be plausible
    others = [s for name, (s, _) in scored.items() if name not in (first, second)]
    if score < _MIN_SCORE or any(score - other < _MIN_MARGIN for other in others):
        raise _unsure(scored)
    return DecodedText(text, codec)


def _unsure(scored: dict[str, tuple[float, str]], why: str = "") -> EncodingProblem:
    ranked = sorted(scored.items(), key=lambda item: item[1][0], reverse=True)
    names = ", ".join(f"{codec} {score:.2f}" for codec, (score, _) in ranked)
    because = f": {why}" if why else ""
    return EncodingProblem(
        f"cannot tell the encoding with confidence ({names}){because}; "
        "re-save as UTF-8 or pass --encoding"
    )


def _checked(decoded: DecodedText) -> DecodedText:
    controls = len(_CONTROL.findall(decoded.text))
    if controls and controls > max(2, len(decoded.text) // 200):
        raise EncodingProblem(
            f"binary file ({controls} control characters after decoding as {decoded.encoding})"
        )
    return decoded
