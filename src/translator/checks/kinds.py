"""The kind names of the shipped checks, in registry order, without importing any check.

The CLI lists them in `translator check --help`, and importing the checks themselves
(morphology, transliteration, fuzzy matching) would slow every other command's start-up.
Kinds are stable ids, never renamed once shipped; tests/test_checks_project.py keeps this
list in step with checks/registry.py.
"""

KINDS = (
    "untranslated",
    "number-mismatch",
    "whitespace-punctuation",
    "term-missing",
    "term-forbidden",
    "term-enforcement",
    "name-variant",
    "term-inconsistent",
    "duplicate-mismatch",
)
