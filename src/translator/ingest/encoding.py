"""Decode source bytes: BOMs, UTF-8, UTF-16, and single-byte Cyrillic, never silently wrong.

charset-normalizer was measured here on short Russian texts and named cp1253 or big5 for
cp1251 input, so legacy encodings are decided by a script-aware score instead: correct
Russian decodings are mostly lowercase Cyrillic, while cp1251<->koi8-r mix-ups turn
lowercase into uppercase, and Latin-1 bytes read as Cyrillic put Cyrillic inside Latin words.
"""

from __future__ import annotations

import codecs
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
_TYPOGRAPHIC = set("«»“”„‘’‚—–…№•·©®™°§\u00a0\u2009\u202f")
_WORD = re.compile(r"\w+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_MIN_SCORE = 0.75
_MIN_MARGIN = 0.2


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
    for word in _WORD.finditer(text):
        token = word.group()
        if token.isascii():
            continue
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
    """A short description if the bytes are a known binary format or contain NULs."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    return None


def decode_bytes(data: bytes, encoding: str | None = None) -> DecodedText:
    """Decode `data`, with `encoding` if given, else detected; raise EncodingProblem if unsure."""
    if encoding:
        try:
            return DecodedText(data.decode(encoding), codecs.lookup(encoding).name)
        except LookupError as error:
            raise EncodingProblem(f"unknown encoding '{encoding}'") from error
        except UnicodeDecodeError as error:
            raise EncodingProblem(
                f"not valid {encoding} (byte {error.start}: {error.reason})"
            ) from error
    kind = binary_kind(data)
    if kind:
        raise EncodingProblem(f"binary file ({kind}), not text")
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
    rivals = [score for codec, (score, text) in ranked[1:] if text != best_text]
    runner_up = rivals[0] if rivals else 0.0
    if best_score < _MIN_SCORE or best_score - runner_up < _MIN_MARGIN:
        names = ", ".join(f"{codec} {score:.2f}" for codec, (score, _) in ranked)
        raise EncodingProblem(
            f"cannot tell the encoding with confidence ({names}); "
            "re-save as UTF-8 or pass --encoding"
        )
    return DecodedText(best_text, best_codec)


def _checked(decoded: DecodedText) -> DecodedText:
    controls = len(_CONTROL.findall(decoded.text))
    if controls and controls > max(2, len(decoded.text) // 200):
        raise EncodingProblem(
            f"binary file ({controls} control characters after decoding as {decoded.encoding})"
        )
    return decoded
