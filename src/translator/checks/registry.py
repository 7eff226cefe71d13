"""The ordered check lists (like Weblate's checks/defaults.py). Add a check here to ship it."""

from __future__ import annotations

from translator.checks.base import ParagraphCheck, ProjectCheck
from translator.checks.duplicates import DuplicateMismatchCheck
from translator.checks.name_variants import NameVariantCheck
from translator.checks.numbers import NumberMismatchCheck
from translator.checks.punctuation import WhitespacePunctuationCheck
from translator.checks.term_consistency import TermInconsistentCheck
from translator.checks.terms import TermEnforcementCheck, TermForbiddenCheck, TermMissingCheck
from translator.checks.untranslated import UntranslatedCheck

PARAGRAPH_CHECKS: tuple[type[ParagraphCheck], ...] = (
    UntranslatedCheck,
    NumberMismatchCheck,
    WhitespacePunctuationCheck,
    TermMissingCheck,
    TermForbiddenCheck,
    TermEnforcementCheck,
)
PROJECT_CHECKS: tuple[type[ProjectCheck], ...] = (
    NameVariantCheck,
    TermInconsistentCheck,
    DuplicateMismatchCheck,
)
