"""whitespace-punctuation: stray spaces, unbalanced quotes or brackets, the wrong quote style.

Each problem is its own finding, so dismissing one does not hide another. Problems the
source already has (a scraped fragment with an open bracket) are not blamed on the target.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from translator.checks.base import CheckUnit, ParagraphCheck
from translator.core.findings import Finding

_DOUBLE_SPACE = re.compile(r"[^\S\n]{2,}")
_TWO_SPACES = re.compile(r"\s\s")  # a fast scan first: most texts have no doubled space
_SPACE_BEFORE_PUNCTUATION = re.compile(r"(?<=[^\W_])[^\S\n]+[,;:!?]|(?<=[^\W_])[^\S\n]+\.(?!\.)")
# The same without the look-behind, which re must try at every position: most texts have no
# space before punctuation at all, and this finds that out in a fast scan.
_MAY_SPACE_BEFORE_PUNCTUATION = re.compile(r"\s+(?:[,;:!?]|\.(?!\.))")
_BRACKETS = (("(", ")"), ("[", "]"), ("{", "}"))
# Quote pairs a text of each language may use ("“" closes „ in Russian, opens in English).
_QUOTE_PAIRS = {"ru": (("«", "»"), ("„", "“")), "en": (("“", "”"),)}
_FOREIGN_QUOTES = {
    "ru": re.compile(r"[\"”]"),  # Russian texts quote «…» („…“ nested)
    "en": re.compile(r"[«»„]"),  # English texts quote “…” or "…"
}


def _paired_marks() -> re.Pattern[str]:
    """Any mark _unbalanced counts: a text with none of them is balanced."""
    pairs = [*_BRACKETS, *(pair for pairs in _QUOTE_PAIRS.values() for pair in pairs)]
    marks = sorted({'"', *(mark for pair in pairs for mark in pair)})
    return re.compile(f"[{re.escape(''.join(marks))}]")


_PAIRED_MARKS = _paired_marks()
_HOUSE_QUOTES = {"ru": "«…»", "en": '“…” or "…"'}
_LANGUAGE_NAMES = {"ru": "Russian", "en": "English"}


def _unbalanced(text: str, lang: str) -> list[str]:
    """Pairs whose opening and closing counts differ, e.g. ["«»", "()"]."""
    if _PAIRED_MARKS.search(text) is None:
        return []  # most paragraphs quote and bracket nothing
    pairs = [*_BRACKETS, *_QUOTE_PAIRS.get(lang, ())]
    problems = [open_ + close for open_, close in pairs if text.count(open_) != text.count(close)]
    if lang == "en" and text.count('"') % 2:
        problems.append('""')
    return problems


def _double_space(text: str) -> bool:
    return _TWO_SPACES.search(text) is not None and _DOUBLE_SPACE.search(text) is not None


def _space_before_punctuation(text: str) -> re.Match[str] | None:
    if _MAY_SPACE_BEFORE_PUNCTUATION.search(text) is None:
        return None
    return _SPACE_BEFORE_PUNCTUATION.search(text)


class WhitespacePunctuationCheck(ParagraphCheck):
    kind = "whitespace-punctuation"
    name = "Spaces and punctuation"
    description = (
        "Leading/trailing or doubled spaces, space before punctuation, unbalanced quotes or "
        'brackets, quotes of the other language («» in English, "" in Russian).'
    )

    def check(self, unit: CheckUnit) -> Iterable[Finding]:
        if not unit.target_text.strip():
            return
        for problem, message in self._problems(unit):
            yield self.finding([unit.paragraph_id], message, problem=problem)

    def _problems(self, unit: CheckUnit) -> Iterator[tuple[str, str]]:
        source, target = unit.source_text, unit.target_text
        if target[:1].isspace() and not source[:1].isspace():
            yield "leading-space", "the target starts with a space"
        if target[-1:].isspace() and not source[-1:].isspace():
            yield "trailing-space", "the target ends with a space"
        if _double_space(target.strip()) and not _double_space(source.strip()):
            yield "double-space", "doubled space in the target"
        spaced = _space_before_punctuation(target)
        if spaced and not _space_before_punctuation(source):
            mark = spaced.group().strip()
            yield "space-before-punctuation", f"space before “{mark}” in the target"
        target_unbalanced = _unbalanced(target, unit.target_lang)
        if target_unbalanced:
            source_unbalanced = set(_unbalanced(source, unit.source_lang))
            for pair in target_unbalanced:
                if pair not in source_unbalanced:
                    yield "unbalanced", f"unbalanced {pair} in the target"
        foreign = _FOREIGN_QUOTES.get(unit.target_lang)
        if foreign is not None:
            match = foreign.search(target)
            english_in_russian = unit.target_lang == "ru" and target.count("“") > target.count("„")
            if match or english_in_russian:
                mark = match.group() if match else "“"
                house = _HOUSE_QUOTES[unit.target_lang]
                language = _LANGUAGE_NAMES.get(unit.target_lang, unit.target_lang)
                yield "quote-style", f"quote mark {mark} in the {language} target: use {house}"
