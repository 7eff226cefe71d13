"""Source diffs for edited paragraphs: what was deleted and inserted, for people to read."""

from __future__ import annotations

import re
from enum import IntEnum

from diff_match_patch import diff_match_patch


class DiffOp(IntEnum):
    DELETE = -1
    EQUAL = 0
    INSERT = 1


DiffChunks = tuple[tuple[DiffOp, str], ...]

_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")
# Token codes start past the surrogates, so every code is a valid single character.
_FIRST_CODE = 0xE000


def source_diff(old: str, new: str) -> DiffChunks:
    """Word-level diff, so a corrected date reads as [-12-]{+14+} rather than digit by digit.

    Each word, run of spaces or punctuation mark is encoded as one character (the
    diff-match-patch "lines to chars" trick, applied to words), diffed, then decoded.
    """
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
    differ.Diff_Timeout = 0.5
    chunks = differ.diff_main(encode(old), encode(new), False)
    differ.diff_cleanupSemantic(chunks)
    return tuple(
        (DiffOp(op), "".join(tokens[ord(code) - _FIRST_CODE] for code in text))
        for op, text in chunks
    )


def render_plain(chunks: DiffChunks) -> str:
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
