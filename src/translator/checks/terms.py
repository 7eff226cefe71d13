"""Glossary checks: required renderings present, forbidden ones absent, MT enforcement flags.

They need the project's glossary, compiled once per run: `from_context` takes it from the
context's store (seeding the shipped term base on first use); without a store (tests, a
bare run) they use the shipped term base.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Self

from translator.checks.base import CheckContext, CheckUnit, ParagraphCheck
from translator.core.findings import Finding, Severity
from translator.glossary.matcher import GlossaryIndex

ProblemSource = Callable[[int], Sequence[str]]


def _index_for(context: CheckContext) -> GlossaryIndex:
    # Imported here: services import the check registry, so a module-level import would cycle.
    from translator.services import glossary as glossary_service

    if context.store is not None:
        return glossary_service.project_index(context.project, context.store)
    from translator.glossary.loading import shipped_glossary

    return GlossaryIndex(shipped_glossary(), glossary_service.article_style(context.project))


class _GlossaryCheck(ParagraphCheck):
    def __init__(self, index: GlossaryIndex) -> None:
        self.index = index

    @classmethod
    def from_context(cls, context: CheckContext) -> Self:
        return cls(_index_for(context))


class TermMissingCheck(_GlossaryCheck):
    """A source term whose required rendering (or an admitted one) is absent from the
    target, compared by lemma, so an inflected rendering counts."""

    kind = "term-missing"
    name = "Glossary term missing"
    description = "A glossary term of the source is not rendered as the glossary requires."
    severity = Severity.WARNING

    def check(self, unit: CheckUnit) -> Iterable[Finding]:
        if not unit.target_text.strip():
            return
        target_matches = None
        reported: set[tuple[str, str]] = set()
        for match in self.index.find(unit.source_text, unit.source_lang):
            required = self.index.rendering(match, unit.target_lang)
            if required is None or (match.concept, required) in reported:
                continue
            if target_matches is None:
                target_matches = self.index.find(unit.target_text, unit.target_lang)
            if self.index.satisfied_by(match, target_matches):
                continue
            reported.add((match.concept, required))
            yield self.finding(
                [unit.paragraph_id],
                f"«{match.text}» should be rendered «{required}»",
                concept=match.concept,
                source=match.text,
                required=required,
            )


class TermForbiddenCheck(_GlossaryCheck):
    """A rendering the glossary forbids ("Public Monitoring Commission", a rejected spelling
    of a name) appears in the target."""

    kind = "term-forbidden"
    name = "Forbidden rendering"
    description = "The target uses a rendering the glossary forbids."
    severity = Severity.ERROR

    def check(self, unit: CheckUnit) -> Iterable[Finding]:
        if not unit.target_text.strip():
            return
        if not self.index.may_hold_forbidden(unit.target_text, unit.target_lang):
            return
        for match in self.index.find(unit.target_text, unit.target_lang):
            if match.term is None or match.term.status.value != "forbidden":
                continue
            concept = self.index.concept(match.concept)
            preferred = concept.rendering(unit.target_lang) if concept else None
            instead = f"; use «{preferred.text}»" if preferred else ""
            yield self.finding(
                [unit.paragraph_id],
                f"«{match.text}» is a forbidden rendering{instead}",
                concept=match.concept,
                forbidden=match.text,
                preferred=preferred.text if preferred else None,
            )


class TermEnforcementCheck(ParagraphCheck):
    """Problems the term guard recorded while machine-translating the paragraph: a marker
    the model dropped or garbled, a term inserted in its dictionary form. Only while the
    target is still raw MT: once a person edits it, the other term checks take over."""

    kind = "term-enforcement"
    name = "Term enforcement in MT"
    description = "Machine translation could not put a glossary term in place reliably."
    severity = Severity.WARNING

    def __init__(self, problems: ProblemSource | None = None) -> None:
        self.problems = problems

    @classmethod
    def from_context(cls, context: CheckContext) -> Self:
        query = getattr(context.store, "mt_problems", None)
        if not callable(query):
            return cls(None)

        def problems(paragraph_id: int) -> list[str]:
            return [text for _, found in query(paragraph_id) for text in found]

        return cls(problems)

    def check(self, unit: CheckUnit) -> Iterable[Finding]:
        if self.problems is None or unit.status != "machine":
            return
        for problem in dict.fromkeys(self.problems(unit.paragraph_id)):
            yield self.finding([unit.paragraph_id], problem, problem=problem)
