"""Decode source bytes: BOMs, UTF-8, UTF-16, and single-byte Cyrillic, never silently wrong.

charset-normalizer was measured here on short Russian texts and named cp1253 or big5 for
cp1251 input, so legacy encodings are decided by a script-aware score instead: correct
Russian decodings are mostly lowercase Cyrillic, while cp1251<->koi8-r mix-ups turn
lowercase into uppercase, and Latin-1 bytes read as Cyrillic put Cyrillic inside Latin words.

Case is no evidence for a text in capitals (a heading, a row of abbreviations): its
cp1251<->koi8-r mirror reads as plausible lowercase. When the mirror reading has sane
casing, Russian letter frequencies decide instead, or the text is refused if too short.

ISO-8859-5 and MacCyrillic are not detected, but Russian in them reads as cp1251 or koi8-r
with many letters right (MacCyrillic differs from cp1251 only in capitals, "я" and "ё").
Only Russian letters in sanely cased words count as good, and a text that reads at least as
well in one of these look-alikes is refused rather than decoded wrongly.
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
# Cyrillic code pages this tool does not detect: Russian in them decodes as cp1251 or koi8-r
# with most letters right, so a text reading at least as well in one of them is refused.
LOOKALIKES = ("iso8859-5", "mac_cyrillic")
_TYPOGRAPHIC = set("«»“”„‘’‚—–…№•·©®™°§€£\u00a0\u2009\u202f")
_WORD = re.compile(r"\w+")
_SYMBOL = re.compile(r"[^\x00-\x7f\w\s]")  # non-ASCII, neither a letter, digit nor space
_RUSSIAN = frozenset("абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ")
_BEFORE_LETTER = frozenset("«„“‘‚°")  # opening quotes; "°С"
_AFTER_LETTER = frozenset("»“”’…")  # closing quotes, a trailing ellipsis
# Quotes that open, and what closes them; “ and ‘ also close, so they open only before a word.
_PAIRS = {"«": "»", "„": "“”", "‚": "‘’", "“": "”“", "‘": "’‘"}
_OPEN_BEFORE_WORD = frozenset("“‘")
_CLOSERS = {"»": "«", "”": "“„"}  # quotes that only ever close, and what opens them
_QUOTES = frozenset("«»„“”‘’‚")
_MIN_BROKEN_CASE_LETTERS = 4  # "кВт", "мА" are units, not a wrong code page
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


def legacy_score(text: str, capitals: float = 0.3) -> float:
    """Share of non-ASCII characters that are plausible in Russian or English prose."""
    good, total = _plausible_chars(text, capitals)
    return good / total if total else 1.0


def _plausible_chars(text: str, capitals: float) -> tuple[float, int]:
    """How plausible the non-ASCII characters are (their sum), and how many there are.

    Only Russian letters count as good Cyrillic, and only in words with sane casing: other
    Cyrillic letters (Ђ, Љ, ў: MacCyrillic capitals read as cp1251), words that start in
    lowercase and go on in capitals (ISO-8859-5 read as koi8-r), box-drawing characters and
    symbols glued to a Cyrillic letter on the wrong side ("’ребования") are all bad.
    A capital that does not start a capitalised word earns `capitals` (weak evidence). A
    capital standing alone among English words ("complaints,Ф she") is bad, and so
    is a quote that stands alone or opens or closes nothing next to Cyrillic.
    """
    total = 0
    good = 0.0
    words: dict[str, tuple[float, int]] = {}  # a word scores the same wherever it stands
    tokens = _WORD.findall(text)
    for index, token in enumerate(tokens):
        if token.isascii():
            continue
        if _lone_letter_word(tokens, index):
            continue  # "à la carte" or "Facebook и Telegram": no evidence either way
        if token.isupper() and len(token) == 1 and _between_ascii_words(tokens, index):
            total += 1  # "complaints,Ф she": a cp1252 quote read as a Cyrillic letter
            continue
        scored = words.get(token)
        if scored is None:
            scored = words[token] = _plausible_word(token, capitals)
        good += scored[0]
        total += scored[1]
    quotes = _QuoteSpans(text)
    for match in _SYMBOL.finditer(text):
        total += 1
        char, position = match.group(), match.start()
        if (
            char in _TYPOGRAPHIC
            and not _glued_wrongly(text, position)
            and quotes.paired(char, position)
        ):
            good += 1.0
    return good, total


def _plausible_word(token: str, capitals: float) -> tuple[float, int]:
    """The plausibility of a word's non-ASCII characters (their sum), and their number."""
    has_cyrillic = any(_is_cyrillic(c) for c in token)
    has_latin = any(c.isascii() and c.isalpha() for c in token)
    broken_case = _broken_case(token)
    total = 0
    good = 0.0
    for position, char in enumerate(token):
        if char.isascii():
            continue
        total += 1
        if has_cyrillic and has_latin:
            continue  # Cyrillic inside a Latin word: a wrong code page
        if char in _RUSSIAN:
            if broken_case:
                continue
            capitalised = position == 0 and token[1:2] in _RUSSIAN and token[1].islower()
            good += 1.0 if char.islower() or capitalised else capitals
        elif _is_latin(char) and has_latin:
            good += 1.0
    return good, total


def _broken_case(token: str) -> bool:
    """A word cased as no Russian word is: "чБяКрп", "командировкиТИ" (not "кВт", "КоАП").

    That is a word of four letters or more that starts in lowercase and goes on in capitals,
    or has a capital after three lowercase letters in a row.
    """
    letters = [c for c in token if c in _RUSSIAN]
    if len(letters) < _MIN_BROKEN_CASE_LETTERS:
        return False
    if letters[0].islower() and any(c.isupper() for c in letters[1:]):
        return True
    lowercase_run = 0
    for char in letters:
        if char.isupper() and lowercase_run >= 3:
            return True
        lowercase_run = lowercase_run + 1 if char.islower() else 0
    return False


class _QuoteSpans:
    """Where quotes open and close: a quote never closed, or closing none, is no quote."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.last_close = {
            opening: max(text.rfind(c) for c in closing) for opening, closing in _PAIRS.items()
        }
        self.first_open = {
            closing: min((i for i in map(text.find, opening) if i >= 0), default=-1)
            for closing, opening in _CLOSERS.items()
        }

    def paired(self, char: str, position: int) -> bool:
        """False for a quote that stands alone, or opens or closes nothing but in English.

        An unpaired quote touching English text is only a fragment; touching Cyrillic, or
        standing alone, it is the mark of a misread capital: MacCyrillic "З" is cp1251 "«".
        """
        after = self.text[position + 1 : position + 2]
        before = self.text[position - 1] if position else ""
        if char in _QUOTES and not after.strip() and not before.strip():
            return False  # "получил. ‘ той же": MacCyrillic "С"
        if char in _OPEN_BEFORE_WORD and not after.isalpha():
            return True  # closing
        if char in self.last_close:
            return (after.isascii() and after.isalnum()) or position < self.last_close[char]
        if char in self.first_open:
            return _ascii_text(before) or 0 <= self.first_open[char] < position
        return True


def _ascii_text(char: str) -> bool:
    return bool(char) and char.isascii() and not char.isspace()


def _glued_wrongly(text: str, position: int) -> bool:
    """A symbol touching a Cyrillic letter where prose never puts it ("…сли", "осси€")."""
    char = text[position]
    before = text[position - 1] if position else ""
    after = text[position + 1 : position + 2]
    return (_is_cyrillic(after) and char not in _BEFORE_LETTER) or (
        _is_cyrillic(before) and char not in _AFTER_LETTER
    )


def _between_ascii_words(tokens: list[str], index: int) -> bool:
    neighbours = tokens[max(0, index - 1) : index] + tokens[index + 1 : index + 2]
    return all(neighbour.isascii() for neighbour in neighbours)


def _lone_letter_word(tokens: list[str], index: int) -> bool:
    """A one-letter word ("à", "и") with only ASCII words beside it: either reading is fine."""
    token = tokens[index]
    if len(token) != 1 or not (token in _ONE_LETTER_WORDS or _is_latin(token)):
        return False
    return _between_ascii_words(tokens, index)


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
    """The best supported reading, refused if a look-alike code page reads at least as well."""
    scored: dict[str, tuple[float, str]] = {}
    for codec in LEGACY_CANDIDATES:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        scored[codec] = (legacy_score(text), text)
    if not scored:
        raise EncodingProblem("undecodable bytes: not UTF-8, UTF-16, cp1251, koi8-r or cp1252")
    decided = _pick_legacy(scored)
    plausible = _Plausibility(decided.text)
    for codec in LOOKALIKES:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if text != decided.text and plausible.rivalled_by(text):
            raise _unsure(
                {**scored, codec: (legacy_score(text), text)},
                f"it reads at least as well in {codec}, which is not detected automatically",
            )
    return decided


class _Plausibility:
    """How plausible the decided reading is, to compare with an unsupported code page's."""

    def __init__(self, decided: str) -> None:
        good, total = _plausible_chars(decided, capitals=1.0)
        self.share = good / total if total else 1.0
        self.fit, self.letters = _letter_fit(decided)

    def rivalled_by(self, lookalike: str) -> bool:
        """Whether `lookalike` reads at least as well.

        Capitals count fully on both sides (a heading in capitals is fine); a tie is broken
        only by clearly better Russian letter frequencies, as for the cp1251/koi8-r mirror.
        """
        good, total = _plausible_chars(lookalike, capitals=1.0)
        if not total:
            return False  # no evidence for it at all: cp1252 "100 €" is MacCyrillic "100 А"
        if good / total < self.share:
            return False
        margin = max(_FIT_MARGIN_FLOOR, _FIT_MARGIN_LETTERS / max(self.letters, 1))
        return not self.letters or self.fit - _letter_fit(lookalike)[0] < margin


def _pick_legacy(scored: dict[str, tuple[float, str]]) -> DecodedText:
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
