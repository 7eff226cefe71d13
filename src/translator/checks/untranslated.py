"""untranslated: a paragraph with no target, or a target that is still the source text."""

from __future__ import annotations

import re
from collections.abc import Iterable

from translator.checks.base import CheckUnit, ParagraphCheck
from translator.core.findings import Finding, Severity

# A target equal to the source is untranslated only if it holds words of the source
# language: "IK-6", "2025" or "SIZO-1" may legitimately stay as they are.
_SOURCE_SCRIPT = {
    "ru": re.compile(r"[А-Яа-яЁё]"),
    "en": re.compile(r"[A-Za-z]{2}"),
}


class UntranslatedCheck(ParagraphCheck):
    """An error, so `translator check --fail-on error` stops publishing half-done texts."""

    kind = "untranslated"
    name = "Untranslated"
    description = "The target is empty or still the source text."
    severity = Severity.ERROR

    def check(self, unit: CheckUnit) -> Iterable[Finding]:
        if unit.duplicate_of is not None:
            return  # duplicates take their original's translation
        target = unit.target_text.strip()
        if not target:
            yield self.finding([unit.paragraph_id], "no translation yet", reason="empty")
            return
        script = _SOURCE_SCRIPT.get(unit.source_lang)
        if target == unit.source_text.strip() and script is not None and script.search(target):
            yield self.finding(
                [unit.paragraph_id], "the target is the source text", reason="copied"
            )
