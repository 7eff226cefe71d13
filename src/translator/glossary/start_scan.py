"""The start regex: where in a text a glossary term may start, found in one C-level scan.

Why: walking the term trie from every token costs Python work per word; most words start
no term. The regex is a prefix tree of the stems every first word of a term begins with
(колони for колония and its forms, "colonie" for colonies), run over the lower-cased text,
so only the few words that may start a term reach Python. It must never miss a start: the
tests compare it with the full token walk (GlossaryIndex.full_scan).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from translator.glossary.morphology import analyzer, is_russian

SCAN_ALL = re.compile("")  # sentinel: scan every token instead
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


def start_regex(roots: Iterable[str], lang: str, following: str) -> re.Pattern[str] | None:
    """One regex finding every token a term may start with: a token beginning with the stem
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
    if lang == "en":  # English splits words at hyphens, so a term may start after one
        before, rest = r"(?<![^\W_])(?<![^\W_]['’])", r"[^\W_]*(?:['’][^\W_]+)*['’]?"
    else:
        before, rest = r"(?<![^\W_])(?<![^\W_][-‑'’])", r"[^\W_]*(?:[-‑'’][^\W_]+)*['’]?"
    tree = _prefix_tree(sorted(found))
    return re.compile(f"{before}{tree}{rest}(?:(?={following})|)")  # for lower-cased text


def scan_any_case(scan: re.Pattern[str], text: str) -> Iterable[re.Match[str]]:
    """`scan` over a text whose lower-casing changes its length (rare letters like İ)."""
    return re.compile(scan.pattern, re.IGNORECASE).finditer(text)


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
