"""Word-level diffs for people to read: "[-12-]{+14+} December", not digit by digit.

One implementation for every screen and report that shows a change (paragraph history,
post-edit against MT, source updates, name resolution).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from enum import IntEnum
from typing import NamedTuple

from diff_match_patch import diff_match_patch


class DiffOp(IntEnum):
    """diff-match-patch's operation codes."""

    DELETE = -1
    EQUAL = 0
    INSERT = 1


class DiffChunk(NamedTuple):
    op: DiffOp
    text: str


_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")
# Token codes start past the surrogates, so every code is a valid single character.
_FIRST_CODE = 0xE000


def word_diff(old: str, new: str, timeout: float = 1.0) -> tuple[DiffChunk, ...]:
    """Each word, run of spaces or punctuation mark becomes one character (the library's
    "lines to chars" trick, applied to words); the result is diffed, cleaned up for people
    (semantic cleanup) and decoded."""
    vocabulary: dict[str, str] = {}
    tokens: list[str] = []

    def encode(text: str) -> str:
        encoded = []
        for token in _TOKEN.findall(text):
            code = vocabulary.get(token)
            if code is None:
                code = chr(_FIRST_CODE + len(tokens))
                vocabulary[token] = code
                tokens.append(token)
            encoded.append(code)
        return "".join(encoded)

    differ = diff_match_patch()
    differ.Diff_Timeout = timeout
    chunks = differ.diff_main(encode(old), encode(new), False)
    differ.diff_cleanupSemantic(chunks)
    return tuple(
        DiffChunk(DiffOp(op), "".join(tokens[ord(code) - _FIRST_CODE] for code in text))
        for op, text in chunks
    )


def render_plain(chunks: Iterable[DiffChunk]) -> str:
    """One-line text form: [-deleted-]{+inserted+}, as `git diff --word-diff` writes it."""
    parts = []
    for op, text in chunks:
        if op is DiffOp.DELETE:
            parts.append(f"[-{text}-]")
        elif op is DiffOp.INSERT:
            parts.append(f"{{+{text}+}}")
        else:
            parts.append(text)
    return "".join(parts)
