"""The ordered check lists (like Weblate's checks/defaults.py). Add a check here to ship it."""

from __future__ import annotations

from translator.checks.base import ParagraphCheck, ProjectCheck

PARAGRAPH_CHECKS: tuple[type[ParagraphCheck], ...] = ()
PROJECT_CHECKS: tuple[type[ProjectCheck], ...] = ()
