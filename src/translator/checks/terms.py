"""Glossary checks: required renderings present, forbidden ones absent, MT enforcement flags.

They need the project's glossary, compiled once per run: `from_context` takes it from the
context's store (seeding the shipped term base on first use); without a store (tests, a
bare run) they use the shipped term base.

One pass per paragraph serves term-missing, term-forbidden and term-inconsistent: the
checks built on one glossary index share one `TermAnalyses`, which keeps the analysis of
the last few units; the runner calls the checks one after another on the same unit, so
each paragraph is analysed, and each of its texts matched, once per run.

What counts as rendered (a reference translation must raise nothing):
- any accepted term of the concept among the target's matches *before* overlaps are
  resolved: "strict-regime colonies" also renders «строгого режима»;
- a numbered institution of the concept's kind («СИЗО-1» renders "pre-trial detention
  centre"), an abbreviation holding the concept's own («ГУФСИН» names the FSIN);
- for a source term made of other glossary terms, a rendering of each part when the parts
  cover its words or the term is long and descriptive (4+ content words: «прокуратура по надзору за
  соблюдением законов в исправительных учреждениях» rendered word for word);
- a term the term base marks context-dependent (`<descrip type="context">`: «прогулка» is a
  walk outside prison) is never required: a word-level matcher cannot tell its senses apart.
  MT enforcement still protects it (glossary/enforce.py), where a person reviews the output.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Self

from translator.checks.base import CheckContext, CheckUnit, ParagraphCheck
from translator.core.findings import Finding, Severity
from translator.glossary.matcher import GlossaryIndex, TermMatch
from translator.glossary.model import TermStatus

ProblemSource = Callable[[int], Sequence[str]]
AllProblemsSource = Callable[[], Mapping[int, Sequence[str]]]  # paragraph id -> problems
LONG_TERM_WORDS = 4  # content words of a descriptive term, which may be rendered in parts
_WORDS = re.compile(r"[^\W\d_]+")
_FUNCTION_WORDS = frozenset(
    {"a", "an", "the", "of", "for", "in", "on", "at", "to", "by", "with", "under", "and", "or"}
    | {"в", "во", "на", "по", "за", "о", "об", "обо", "с", "со", "к", "ко", "и", "или", "для"}
    | {"от", "до", "при", "из", "у"}
)


def _index_for(context: CheckContext) -> GlossaryIndex:
    # Imported here: services import the check registry, so a module-level import would cycle.
    from translator.services import glossary as glossary_service

    if context.store is not None:
        return glossary_service.project_index(context.project, context.store)
    return _shipped_index(glossary_service.article_style(context.project).value)


_SHIPPED: dict[str, GlossaryIndex] = {}


def _shipped_index(style: str) -> GlossaryIndex:
    """The shipped term base compiled once per process and style, shared by the checks."""
    index = _SHIPPED.get(style)
    if index is None:
        from translator.glossary.loading import shipped_glossary
        from translator.glossary.patterns import ArticleStyle

        index = _SHIPPED[style] = GlossaryIndex(shipped_glossary(), ArticleStyle.parse(style))
    return index


@dataclass(frozen=True, slots=True)
class RequiredTerm:
    """A source term whose rendering the glossary requires, and what the target has:
    `found` is the rendering present (the glossary's text for it), None when absent."""

    match: TermMatch
    required: str
    found: str | None


def rendering_label(found: TermMatch) -> str:
    """How a target occurrence is named in findings: the glossary's text for it (one label
    for every inflected form), but a one-word term as written (ShIZO, SHIZO: two ways to
    transliterate one abbreviation), unless only its first letter's case differs: "Lawyer"
    opening a sentence is the glossary's "lawyer", not another rendering of «адвокат»."""
    term = found.term
    if term is None:
        return found.text
    text = term.text
    if " " not in text and found.text.casefold().startswith(text.casefold()):
        written = found.text[: len(text)]
        return text if written[1:] == text[1:] else written
    return text


class _Target:
    """A target's candidates by concept, so each source term looks at its own few."""

    __slots__ = ("by_concept", "institutions")

    def __init__(self, candidates: Sequence[TermMatch]) -> None:
        self.by_concept: dict[str, list[TermMatch]] = {}
        self.institutions: list[TermMatch] = []
        for found in candidates:
            self.by_concept.setdefault(found.concept, []).append(found)
            if found.pattern is not None:
                self.institutions.append(found)


_NONE: list[TermMatch] = []  # never changed: what `_near` returns for no candidates


def _near(index: GlossaryIndex, match: TermMatch, target: _Target) -> Sequence[TermMatch]:
    """The target candidates that can render `match`: its concept's, a related concept's,
    numbered institutions (read only: it may be `target`'s own list)."""
    by_concept = target.by_concept
    near = by_concept.get(match.concept, _NONE)
    widening = index.widening(match.concept)
    if widening is None:
        return near  # the usual case: the concept's own candidates, not copied
    related, institutions = widening
    institutions = institutions and match.pattern is None
    near = list(near)
    for other in related:
        near += by_concept.get(other, ())
    if institutions:
        near += target.institutions
    return near


def _renderings(index: GlossaryIndex, match: TermMatch, target: _Target) -> list[TermMatch]:
    """The target candidates that render `match` (`index.renders`), in order."""
    if match.pattern is None and index.widening(match.concept) is None:
        # The usual case, `renders` inlined: only the concept's own candidates can render
        # it (`_near`), and one of those renders a term when it is an unforbidden term.
        return [
            found
            for found in target.by_concept.get(match.concept, _NONE)
            if found.term is not None and found.term.status is not TermStatus.FORBIDDEN
        ]
    return [found for found in _near(index, match, target) if index.renders(match, found)]


def _rendering_found(
    index: GlossaryIndex,
    match: TermMatch,
    required: str,
    source_candidates: Sequence[TermMatch],
    target: _Target,
) -> str | None:
    """The label of the rendering of `match` in the target (the required one if present,
    so "Federal Penitentiary Service (FSIN)" counts as the required "FSIN"), or None."""
    first: str | None = None
    for found in _renderings(index, match, target):
        shown = rendering_label(found)
        if shown == required:
            return required
        if first is None:
            first = shown
    if first is not None:
        return first
    if match.term is None:
        return None
    parts = [
        part
        for part in source_candidates
        if part.term is not None
        and part.concept != match.concept
        and match.start <= part.start
        and part.end <= match.end
        and part.end - part.start < match.end - match.start
    ]
    if len({part.concept for part in parts}) < 2:
        return None
    words = [
        (w.start() + match.start, w.end() + match.start)
        for w in _WORDS.finditer(match.text)
        if w.group().lower() not in _FUNCTION_WORDS
    ]
    covered = all(any(p.start <= s and e <= p.end for p in parts) for s, e in words)
    if not covered and len(words) < LONG_TERM_WORDS:
        return None
    rendered: dict[str, None] = {}
    for part in parts:
        label = next(
            (rendering_label(f) for f in _near(index, part, target) if index.renders(part, f)),
            None,
        )
        if label is None:
            return None
        rendered[label] = None
    return " + ".join(rendered)


_RECENT_UNITS = 4  # analyses kept: the checks of one unit ask in turn, then the next unit


class TermAnalyses:
    """The term checks' shared per-paragraph work over one glossary index: the required
    terms of a unit (with what its target has) and the forbidden renderings in its target,
    each computed once and kept for the other checks' questions about the same unit.

    Keyed by the unit's texts and languages (what the analysis depends on), not by the
    index's id, which Python may reuse for a later index of another glossary version."""

    __slots__ = ("_index", "_recent")

    def __init__(self, index: GlossaryIndex) -> None:
        # Weak: `term_analyses` keeps one per index, which must not keep the index alive.
        self._index = weakref.ref(index)
        self._recent: dict[tuple[str, str, str, str], list[object]] = {}

    @property
    def index(self) -> GlossaryIndex:
        index = self._index()
        assert index is not None, "used only through a check, which holds the index"
        return index

    def _entry(self, unit: CheckUnit) -> list[object]:
        key = (unit.source_text, unit.source_lang, unit.target_text, unit.target_lang)
        entry = self._recent.get(key)
        if entry is None:
            if len(self._recent) >= _RECENT_UNITS:
                del self._recent[next(iter(self._recent))]
            entry = self._recent[key] = [None, None]
        return entry

    def required(self, unit: CheckUnit) -> tuple[RequiredTerm, ...]:
        """The source terms whose rendering is required, each with what the target has."""
        entry = self._entry(unit)
        if entry[0] is None:
            entry[0] = _analyse(self.index, unit)
        return entry[0]  # type: ignore[return-value]

    def forbidden(self, unit: CheckUnit) -> list[TermMatch]:
        """The forbidden renderings in the target (none when it is empty)."""
        entry = self._entry(unit)
        if entry[1] is None:
            text = unit.target_text
            entry[1] = self.index.forbidden_in(text, unit.target_lang) if text.strip() else []
        return entry[1]  # type: ignore[return-value]


_ANALYSES: weakref.WeakKeyDictionary[GlossaryIndex, TermAnalyses] = weakref.WeakKeyDictionary()


def term_analyses(index: GlossaryIndex) -> TermAnalyses:
    """The one `TermAnalyses` of `index`, shared by every term check built on it (they are
    built separately, from the same context or index)."""
    analyses = _ANALYSES.get(index)
    if analyses is None:
        analyses = _ANALYSES[index] = TermAnalyses(index)
    return analyses


def _analyse(index: GlossaryIndex, unit: CheckUnit) -> tuple[RequiredTerm, ...]:
    if not unit.target_text.strip() or unit.source_lang == unit.target_lang:
        return ()
    source_matches, source_candidates = index.find_and_terms(unit.source_text, unit.source_lang)
    required_of, target_lang = index.required_rendering, unit.target_lang
    wanted = [
        (match, required)
        for match in source_matches
        if (required := required_of(match, target_lang)) is not None
    ]
    if not wanted:
        return ()
    # Patterns cost a regex scan per text: the target's are only needed for references and
    # numbered institutions, the source candidates' never (a part of a term is a term).
    patterns = any(index.needs_patterns(match) for match, _ in wanted)
    target = _Target(index.candidates_view(unit.target_text, unit.target_lang, patterns))
    return tuple(
        RequiredTerm(
            match, required, _rendering_found(index, match, required, source_candidates, target)
        )
        for match, required in wanted
    )


class _GlossaryCheck(ParagraphCheck):
    def __init__(self, index: GlossaryIndex) -> None:
        self.index = index
        self.analyses = term_analyses(index)

    @classmethod
    def from_context(cls, context: CheckContext) -> Self:
        return cls(_index_for(context))

    def settings_fingerprint(self) -> str:
        return self.index.content_fingerprint  # the whole glossary and the article style


class TermMissingCheck(_GlossaryCheck):
    """A source term whose required rendering (or an admitted one) is absent from the
    target, compared by lemma, so an inflected rendering counts."""

    kind = "term-missing"
    name = "Glossary term missing"
    description = "A glossary term of the source is not rendered as the glossary requires."
    severity = Severity.WARNING

    def check(self, unit: CheckUnit) -> Iterable[Finding]:
        reported: set[tuple[str, str]] = set()
        for entry in self.analyses.required(unit):
            match = entry.match
            if entry.found is not None or (match.concept, entry.required) in reported:
                continue
            reported.add((match.concept, entry.required))
            yield self.finding(
                [unit.paragraph_id],
                f"«{match.text}» should be rendered «{entry.required}»",
                concept=match.concept,
                source=match.text,
                required=entry.required,
            )


class TermForbiddenCheck(_GlossaryCheck):
    """A rendering the glossary forbids ("Public Monitoring Commission", a rejected spelling
    of a name) appears in the target."""

    kind = "term-forbidden"
    name = "Forbidden rendering"
    description = "The target uses a rendering the glossary forbids."
    severity = Severity.ERROR

    def check(self, unit: CheckUnit) -> Iterable[Finding]:
        for match in self.analyses.forbidden(unit):
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

    def __init__(
        self,
        problems: ProblemSource | None = None,
        all_problems: AllProblemsSource | None = None,
    ) -> None:
        self.problems = problems
        self.all_problems = all_problems
        self._prepared: Mapping[int, Sequence[str]] | None = None

    @classmethod
    def from_context(cls, context: CheckContext) -> Self:
        query = getattr(context.store, "mt_problems", None)
        if not callable(query):
            return cls(None)

        def problems(paragraph_id: int) -> list[str]:
            return [text for _, found in query(paragraph_id) for text in found]

        return cls(problems, getattr(context.store, "paragraphs_with_mt_problems", None))

    def prepare(self, units: Sequence[CheckUnit]) -> None:
        """One query for the whole run instead of one per paragraph (and none from a
        forked worker, which must not use the parent's database connection)."""
        if self.all_problems is not None:
            self._prepared = self.all_problems()

    def check(self, unit: CheckUnit) -> Iterable[Finding]:
        if self.problems is None or unit.status != "machine":
            return
        if self._prepared is not None:
            found: Sequence[str] = self._prepared.get(unit.paragraph_id, ())
        else:
            found = self.problems(unit.paragraph_id)
        for problem in dict.fromkeys(found):
            yield self.finding([unit.paragraph_id], problem, problem=problem)
