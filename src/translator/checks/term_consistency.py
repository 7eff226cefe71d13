"""term-inconsistent: one source term rendered in different ways across the project.

Glossary terms: for every source occurrence of a glossary concept whose rendering the
glossary requires, the paragraph contributes the rendering its target holds (the glossary's
text for it, so inflected forms agree; see checks/terms.py for what counts) or "none of
the glossary's". «колония строгого режима» as "strict-regime penal colony" in one paragraph
and "high-security prison camp" in another is two renderings: a finding. Context-dependent
terms (a walk, an exercise period) are left out: their renderings differ by design.

Abbreviations the glossary does not know: «ШИЗО» written in Latin letters is some
transliteration of it ("ShIZO", "SHIZO"), found by comparing the target's tokens with the
term's transliterations under several schemes, case-insensitively; a translated rendering
is not visible this way, so it never causes a finding (precision over recall).

A grouped check: the group is the source term, each paragraph's value its rendering, so a
re-check after a save touches only the groups of that paragraph. The per-paragraph work
is the term checks' own pass (`terms.TermAnalyses`), shared within a run.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Self

import iuliia

from translator.checks.base import CheckContext, CheckUnit, GroupedProjectCheck, GroupMember
from translator.checks.terms import TermAnalyses, _index_for, term_analyses
from translator.core.findings import Finding
from translator.glossary.matcher import GlossaryIndex

_SCHEMES = (iuliia.WIKIPEDIA, iuliia.ICAO_DOC_9303, iuliia.BGN_PCGN, iuliia.GOST_7034)
# An abbreviation not inside a word. The "not after a letter" test comes after the first
# capital, not before it: a pattern that starts with a character class lets the engine skip
# to the capitals in C, where a leading lookbehind is tried at every position. Same
# matches: at the capital's position +1, `(?<![^\W\d_].)` tests the character before it.
_CYRILLIC_ABBREVIATION = re.compile(r"[А-ЯЁ](?<![^\W\d_].)[А-ЯЁа-яё]?[А-ЯЁ]{1,5}(?![^\W\d_])")
_LATIN_ABBREVIATION = re.compile(r"[A-Z](?<![^\W\d_].)[A-Za-z]?[A-Z]{1,5}(?![^\W\d_])")
_TOKEN = re.compile(r"[^\W\d_]+")
_CYRILLIC = re.compile(r"[А-Яа-яЁё]")
# The `_TOKEN`s that are ASCII and not all lower case, found by one regex call: an ASCII
# token is Latin letters only, so "not lower" means it holds a capital.
_LATIN_CASED = re.compile(r"(?<![^\W\d_])[a-z]*[A-Z][A-Za-z]*(?![^\W\d_])")
# The same tokens when none starts in lower case: then each starts with its first capital,
# and the pattern can start with the capitals' class (see _CYRILLIC_ABBREVIATION).
_CAPITALISED = re.compile(r"[A-Z](?<![^\W\d_].)[A-Za-z]*(?![^\W\d_])")
_LOWER_THEN_CAPITAL = re.compile(r"[A-Z](?<=[a-z].)")


def _latin_cased(text: str) -> list[str]:
    """`_LATIN_CASED.findall(text)`, by a capital-first scan where that is exact.

    A token that starts in lower case holds a capital ("iPhone"), so somewhere a lower-case
    letter is directly followed by a capital: without such a pair, every token starts with
    its first capital and `_CAPITALISED` finds the same tokens; with one, the general
    pattern runs."""
    if _LOWER_THEN_CAPITAL.search(text):
        return _LATIN_CASED.findall(text)
    return _CAPITALISED.findall(text)


@lru_cache(maxsize=4096)
def _latin_forms(abbreviation: str) -> frozenset[str]:
    return frozenset(scheme.translate(abbreviation).casefold() for scheme in _SCHEMES)


@lru_cache(maxsize=65536)
def _latin_key(cyrillic_token: str) -> str:
    return str(iuliia.WIKIPEDIA.translate(cyrillic_token)).casefold()


NONE = "none of the glossary's"


class TermInconsistentCheck(GroupedProjectCheck):
    kind = "term-inconsistent"
    name = "Term rendered inconsistently"
    description = "The same source term is rendered differently in different paragraphs."

    def __init__(self, index: GlossaryIndex | None = None) -> None:
        self.index = index
        self.analyses: TermAnalyses | None = term_analyses(index) if index is not None else None

    @classmethod
    def from_context(cls, context: CheckContext) -> Self:
        return cls(_index_for(context))

    def settings_fingerprint(self) -> str:
        return self.index.content_fingerprint if self.index is not None else ""

    def group_entries(self, unit: CheckUnit) -> Mapping[str, str]:
        if not unit.target_text.strip() or unit.source_lang == unit.target_lang:
            return {}
        pair = f"{unit.source_lang}>{unit.target_lang}"
        entries: dict[str, str] = {}
        covered: list[tuple[int, int]] = []
        if self.analyses is not None:
            for entry in self.analyses.required(unit):
                match = entry.match
                covered.append((match.start, match.end))
                if match.pattern is not None:
                    continue  # references: number-mismatch compares them
                entries.setdefault(f"{pair}:concept:{match.concept}", entry.found or NONE)
        for term, rendering in self._abbreviations(unit, covered).items():
            entries[f"{pair}:{term}"] = rendering
        return entries

    @staticmethod
    def _abbreviations(unit: CheckUnit, covered: Sequence[tuple[int, int]]) -> dict[str, str]:
        """Source abbreviations outside the `covered` glossary matches -> their rendering."""
        pattern = _CYRILLIC_ABBREVIATION if unit.source_lang == "ru" else _LATIN_ABBREVIATION
        terms: set[str] = set()
        for match in pattern.finditer(unit.source_text):
            at = match.start()
            if match.group().istitle() or any(start <= at < end for start, end in covered):
                continue
            terms.add(match.group())
        if not terms:
            return {}
        found: dict[str, str] = {}
        if unit.source_lang == "ru":
            tokens = {token.casefold(): token for token in _latin_cased(unit.target_text)}
            for term in terms:
                matched = [tokens[form] for form in _latin_forms(term) if form in tokens]
                if len(matched) == 1:
                    found[term] = matched[0]
        else:
            by_key: dict[str, str] = {}
            for token in _TOKEN.findall(unit.target_text):
                if _CYRILLIC.match(token) and not token.islower() and len(token) <= 8:
                    by_key.setdefault(_latin_key(token), token)
            for term in terms:
                rendering = by_key.get(term.casefold())
                if rendering is not None:
                    found[term] = rendering
        return found

    def check_group(self, key: str, members: Sequence[GroupMember]) -> Iterable[Finding]:
        renderings = Counter(member.value for member in members)
        if len(renderings) < 2:
            return
        pair, _, term = key.partition(":")
        concept = None
        if term.startswith("concept:"):
            concept = term.removeprefix("concept:")
            known = self.index.concept(concept) if self.index is not None else None
            source = known.rendering(pair.split(">", 1)[0]) if known is not None else None
            term = source.text if source is not None else concept
        spelled = ", ".join(f"{text} ({count})" for text, count in renderings.most_common())
        by_rendering: dict[str, list[int]] = {}
        for member in members:
            by_rendering.setdefault(member.value, []).append(member.paragraph_id)
        yield self.finding(
            [member.paragraph_id for member in members],
            f"{term} is rendered in {len(renderings)} ways: {spelled}",
            term=term,
            concept=concept,
            renderings=dict(renderings.most_common()),
            paragraphs_by_rendering=by_rendering,
        )
