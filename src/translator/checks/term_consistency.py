"""term-inconsistent: one source abbreviation rendered in different ways across the project.

Without an alignment model, the rendering of a source term in a target is only knowable
where it can be recognised for certain. Abbreviations can: «ШИЗО» written in Latin letters
is some transliteration of it ("ShIZO", "SHIZO", "Shizo"), found by comparing the target's
tokens with the term's transliterations under several schemes, case-insensitively. When
paragraphs spell the same source abbreviation differently, the project is inconsistent.
A term that was translated rather than transliterated ("punishment cell") is not a
rendering this check can see, so it never causes a finding: precision over recall.
(Full terms with several admitted translations are the glossary's checks.)
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache

import iuliia  # type: ignore[import-untyped]

from translator.checks.base import CheckUnit, GroupedProjectCheck, GroupMember
from translator.core.findings import Finding

_SCHEMES = (iuliia.WIKIPEDIA, iuliia.ICAO_DOC_9303, iuliia.BGN_PCGN, iuliia.GOST_7034)
_CYRILLIC_ABBREVIATION = re.compile(r"(?<![^\W\d_])[А-ЯЁ][А-ЯЁа-яё]?[А-ЯЁ]{1,5}(?![^\W\d_])")
_LATIN_ABBREVIATION = re.compile(r"(?<![^\W\d_])[A-Z][A-Za-z]?[A-Z]{1,5}(?![^\W\d_])")
_TOKEN = re.compile(r"[^\W\d_]+")
_CYRILLIC = re.compile(r"[А-Яа-яЁё]")


@lru_cache(maxsize=4096)
def _latin_forms(abbreviation: str) -> frozenset[str]:
    return frozenset(scheme.translate(abbreviation).casefold() for scheme in _SCHEMES)


@lru_cache(maxsize=65536)
def _latin_key(cyrillic_token: str) -> str:
    return str(iuliia.WIKIPEDIA.translate(cyrillic_token)).casefold()


def _abbreviations(text: str, lang: str) -> set[str]:
    pattern = _CYRILLIC_ABBREVIATION if lang == "ru" else _LATIN_ABBREVIATION
    return {match.group() for match in pattern.finditer(text) if not match.group().istitle()}


class TermInconsistentCheck(GroupedProjectCheck):
    kind = "term-inconsistent"
    name = "Term rendered inconsistently"
    description = "The same source abbreviation is spelt differently in different paragraphs."

    def group_entries(self, unit: CheckUnit) -> Mapping[str, str]:
        if not unit.target_text.strip() or unit.source_lang == unit.target_lang:
            return {}
        terms = _abbreviations(unit.source_text, unit.source_lang)
        if not terms:
            return {}
        entries: dict[str, str] = {}
        if unit.source_lang == "ru":
            tokens = {
                token.casefold(): token
                for token in _TOKEN.findall(unit.target_text)
                if token.isascii() and not token.islower()
            }
            for term in terms:
                found = [tokens[form] for form in _latin_forms(term) if form in tokens]
                if len(found) == 1:
                    entries[f"{unit.source_lang}>{unit.target_lang}:{term}"] = found[0]
        else:
            by_key: dict[str, str] = {}
            for token in _TOKEN.findall(unit.target_text):
                if _CYRILLIC.match(token) and not token.islower() and len(token) <= 8:
                    by_key.setdefault(_latin_key(token), token)
            for term in terms:
                rendering = by_key.get(term.casefold())
                if rendering is not None:
                    entries[f"{unit.source_lang}>{unit.target_lang}:{term}"] = rendering
        return entries

    def check_group(self, key: str, members: Sequence[GroupMember]) -> Iterable[Finding]:
        renderings = Counter(member.value for member in members)
        if len(renderings) < 2:
            return
        term = key.split(":", 1)[1]
        spelled = ", ".join(f"{text} ({count})" for text, count in renderings.most_common())
        yield self.finding(
            [member.paragraph_id for member in members],
            f"{term} is rendered in {len(renderings)} ways: {spelled}",
            term=term,
            renderings=dict(renderings.most_common()),
        )
