"""Plain-text paragraphs: blank lines and line breaks, with hard-wrapped prose re-joined."""

from __future__ import annotations

import itertools
import re

_SPACE = re.compile(r"\s+")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SENTENCE_END = tuple('.!?:;»"”)…')
_WRAP_SHARE = 0.6
_WRAP_LOWERCASE_SHARE = 0.3  # wrapped prose: most breaks fall before a lowercase word
_MIN_BROKEN_LINE = 30  # shorter lines (titles, menu items) never run on into the next line


def normalise_space(text: str) -> str:
    """Collapse all white space (including no-break spaces) to single spaces, drop zero-widths."""
    return _SPACE.sub(" ", _INVISIBLE.sub("", text)).strip()


def _looks_hard_wrapped(lines: list[str]) -> int:
    """The wrap width if most lines followed by another line stop near one width, else 0.

    Wrapping breaks lines between any two words, so many continuation lines start in
    lowercase; a list of similar-length titles or items, each its own line, has none.
    """
    pairs = [
        (line, following) for line, following in itertools.pairwise(lines) if line and following
    ]
    if len(pairs) < 3:
        return 0
    width = max(len(line) for line, _ in pairs)
    if width > 100:
        return 0
    near = [following for line, following in pairs if len(line) >= 0.7 * width]
    if len(near) / len(pairs) < _WRAP_SHARE:
        return 0
    lowercase = sum(1 for following in near if following[:1].islower())
    return width if lowercase / len(near) >= _WRAP_LOWERCASE_SHARE else 0


def text_paragraphs(text: str) -> list[str]:
    """Blank lines and line breaks end paragraphs, except inside hard-wrapped or broken prose.

    A line break continues the paragraph when the line stops mid-sentence and the next line
    starts in lowercase, or when the file is hard-wrapped and the line reaches the wrap width.
    """
    lines = [line.strip() for line in text.splitlines()]
    width = _looks_hard_wrapped(lines)
    paragraphs: list[str] = []
    current: list[str] = []
    for index, line in enumerate(lines):
        if not line:
            if current:
                paragraphs.append(" ".join(current))
                current = []
            continue
        current.append(line)
        following = lines[index + 1] if index + 1 < len(lines) else ""
        continues = bool(following) and (
            (
                len(line) >= _MIN_BROKEN_LINE
                and not line.endswith(_SENTENCE_END)
                and following[:1].islower()
            )
            or (width > 0 and len(line) >= 0.7 * width)
        )
        if not continues:
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return [p for p in (normalise_space(p) for p in paragraphs) if p]
