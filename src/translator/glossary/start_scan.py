"""The start regex: where in a text a glossary term may start, found in one C-level scan.

Why: walking the term trie from every token costs Python work per word; most words start
no term. The regex is a prefix tree of the stems every first word of a term begins with
(колони for колония and its forms, "colonie" for colonies), run over the lower-cased text,
so only the few words that may start a term reach Python. It must never miss a start: the
tests compare it with the full token walk (GlossaryIndex.full_scan).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain

from translator.glossary.morphology import is_russian
from translator.names.morph import analyzer

# Any character but the usual letters and digits, as plain ranges (far cheaper for the
# engine to test than the Unicode word class); the pattern then checks the few it lets
# through with that class, so other letters (é, ü) are still no separators.
_NOT_COMMON_LETTER = "[^а-яёa-z0-9]"
_WORD = re.compile(r"[^\W_]+(?:[-‑'’][^\W_]+)*['’]?")


def russian_stems(key: str) -> set[str]:
    """What every form of the lexemes with lemma `key` starts with (колония -> колони).

    Forms that do not share the lemma's first two letters (наистрожайший, построже, лет
    of год) are kept whole rather than cutting the common stem down to nothing, and so is
    every form where the stem would be shorter than four letters (судья: суд would stop at
    every «суд» and «по» at every «по»)."""
    head = key.split("-", 1)[0] if "-" in key else key
    forms = {
        form.word.replace("ё", "е")
        for parse in analyzer().parse(key)
        if parse.normal_form.replace("ё", "е") == key
        for form in parse.lexeme
    }
    others = {form for form in forms if not form.startswith(key[:2])}
    stem = key
    for form in forms - others:
        while not form.startswith(stem):
            stem = stem[:-1]
    stem = stem if len(stem) <= len(head) else head
    if len(stem) < 4 and forms:
        return {key, *forms}
    return {stem, *others}


def stems(key: str, lang: str) -> set[str]:
    if lang == "ru" and is_russian(key):
        return russian_stems(key)
    # English keys drop only endings: "colony" starts colony, colonies ("colonie"), colony's
    return {key, key[:-1] + "ie"} if key.endswith("y") and len(key) > 2 else {key}


@dataclass(frozen=True)
class StartScan:
    """The start regex, as two patterns over the lower-cased text that find the same tokens
    (group 1: the token, group 2: the token after it): `first` for a token at the text's
    start, `after` for one after a separator.

    Why two: Python's `re` only skips ahead quickly (in C, without trying the pattern)
    when the pattern starts with a literal or a character class; a lookbehind first ("not
    inside a word") makes it try the whole pattern at every position. `after` starts by
    consuming the one character before the token, any but a common letter or digit
    (`_NOT_COMMON_LETTER`), so the engine skips through words in C and tries the tree
    only after spaces and marks (about 20% faster). Its lookbehinds then check what
    `first`'s check before the token: that character is no word character, nor an in-word
    mark after one. That needs a character before the token: `first`, the lookbehind-first
    pattern, is tried once, anchored at the start."""

    first: re.Pattern[str]
    after: re.Pattern[str]
    _any_case: list[tuple[re.Pattern[str], re.Pattern[str]]] = field(
        default_factory=list, compare=False, repr=False
    )

    def hits(self, text: str) -> Iterator[re.Match[str]]:
        """The tokens a term may start with, in order: exactly what `first`'s `finditer`
        would find. A `first` token at 0 is maximal (its letters and in-word marks
        greedily taken) and ends with a letter or an apostrophe after a letter, so no hit
        starts right at its end: `after` may go on from there (a separator at its end)."""
        lowered = text.lower()  # a case-sensitive scan is twice as fast as IGNORECASE
        if len(lowered) == len(text):
            first, after = self.first, self.after
        else:  # lower-casing changes its length (rare letters like İ): offsets would shift
            first, after = self._cased()
            lowered = text
        head = first.match(lowered)
        if head is None:
            return after.finditer(lowered)
        return chain((head,), after.finditer(lowered, head.end()))

    def _cased(self) -> tuple[re.Pattern[str], re.Pattern[str]]:
        """The two patterns matching in any case, compiled when first needed."""
        if not self._any_case:
            self._any_case.append(
                (
                    re.compile(self.first.pattern, re.IGNORECASE),
                    re.compile(self.after.pattern, re.IGNORECASE),
                )
            )
        return self._any_case[0]


SCAN_ALL = StartScan(re.compile(""), re.compile(""))  # sentinel: scan every token instead


def start_regex(roots: Iterable[str], lang: str, following: str) -> StartScan | None:
    """The scan finding every token a term may start with: a token beginning with the stem
    of some term's first word (`roots`: the first words' keys; the stems as a prefix tree,
    so the C engine follows one branch per letter), matched whole so its keys can be looked
    up at once, and capturing the token after it (`following`, a pattern with one group).
    None for no roots; `SCAN_ALL` when a root is no word (a term starting with a mark)."""
    roots = list(roots)
    if not roots:
        return None
    if not all(_WORD.fullmatch(key) for key in roots):
        return SCAN_ALL
    found = {stem for key in roots for stem in stems(key, lang)}
    if any(len(stem) < 2 for stem in found):
        return SCAN_ALL
    # Not inside a word: no letter before the token, nor a letter and an in-word mark
    # (English splits words at hyphens, so there a term may start after one).
    marks = "['’]" if lang == "en" else "[-‑'’]"
    rest = r"[^\W_]*(?:['’][^\W_]+)*['’]?" if lang == "en" else r"[^\W_]*(?:[-‑'’][^\W_]+)*['’]?"
    token = f"({_prefix_tree(sorted(found))}{rest})(?:(?={following})|)"  # lower-cased text
    return StartScan(
        re.compile(rf"(?<![^\W_])(?<![^\W_]{marks}){token}"),
        re.compile(rf"{_NOT_COMMON_LETTER}(?<=[\W_])(?<![^\W_]{marks}){token}"),
    )


def _letter(char: str) -> str:
    if char == "е":
        return "[её]"
    if char in "'’":
        return "['’]"
    return re.escape(char)


def _prefix_tree(words: Sequence[str]) -> str:
    """A regex alternation of `words` factored by common prefixes; a word that is a prefix
    of another ends the branch (the regex only needs to find where a stem starts)."""
    branches: dict[str, list[str]] = {}
    for word in words:
        branches.setdefault(word[0], []).append(word[1:])
    parts = []
    for first, tails in sorted(branches.items()):
        if any(not tail for tail in tails):
            parts.append(_letter(first))  # a stem ends here: longer ones share the prefix
        else:
            parts.append(_letter(first) + _prefix_tree(tails))
    return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
