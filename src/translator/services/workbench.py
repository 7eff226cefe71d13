"""What the review workbench shows, gathered from every area's services in one place.

The TUI calls only these (and services.review), so the screens never reach into the
checks, glossary or MT services themselves.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from translator.core.errors import TranslatorError
from translator.core.models import Document, Paragraph, StatusCounts
from translator.project import Project
from translator.services import checks, glossary, mt
from translator.services.projects import open_project_store
from translator.services.review import Actor, recheck
from translator.services.review_history import machine_suggestion
from translator.store import ProjectStore
from translator.store.check_queries import StoredFinding


@dataclass(frozen=True, slots=True)
class DocumentOverview:
    document: Document
    counts: StatusCounts
    open_findings: int


def document_overview(store: ProjectStore) -> list[DocumentOverview]:
    per_document = store.status_counts_by_document()
    findings = checks.check_store(store).open_finding_counts_by_document()
    return [
        DocumentOverview(
            document,
            per_document.get(document.id, StatusCounts()),
            findings.get(document.id, 0),
        )
        for document in store.documents()
    ]


@dataclass(frozen=True, slots=True)
class FindingLine:
    kind: str
    severity: str
    message: str


@dataclass(frozen=True, slots=True)
class TermHint:
    """A glossary term found in the source and the rendering the target must use."""

    source: str
    target: str


@dataclass(frozen=True, slots=True)
class ParagraphDetail:
    paragraph: Paragraph
    machine_translation: str | None
    terms: list[TermHint]
    findings: list[FindingLine]


def open_findings(
    store: ProjectStore,
    *,
    document_id: int | None = None,
    paragraph_id: int | None = None,
    kinds: Sequence[str] | None = None,
) -> list[StoredFinding]:
    """Stored findings that nobody dismissed, narrowed to a document, paragraph or kinds."""
    return checks.check_store(store).findings(
        document_id=document_id, paragraph_id=paragraph_id, kinds=kinds, include_dismissed=False
    )


def finding_kinds_by_paragraph(store: ProjectStore, document_id: int) -> dict[int, set[str]]:
    """paragraph id -> kinds of its open findings (list markers and the kind filter)."""
    result: defaultdict[int, set[str]] = defaultdict(set)
    for stored in open_findings(store, document_id=document_id):
        for paragraph_id in stored.finding.paragraph_ids:
            result[paragraph_id].add(stored.finding.kind)
    return dict(result)


def glossary_terms(project: Project, store: ProjectStore, text: str, lang: str) -> list[TermHint]:
    return [
        TermHint(match.source, match.target)
        for match in glossary.terms_in_text(project, store, text, lang)
    ]


def paragraph_findings(store: ProjectStore, paragraph_id: int) -> list[FindingLine]:
    """The open findings of one paragraph, as the findings panel lists them."""
    return [
        FindingLine(s.finding.kind, str(s.finding.severity), s.finding.message)
        for s in open_findings(store, paragraph_id=paragraph_id)
    ]


def paragraph_detail(
    project: Project, store: ProjectStore, document: Document, paragraph_id: int
) -> ParagraphDetail:
    paragraph = store.paragraph(paragraph_id)
    return ParagraphDetail(
        paragraph=paragraph,
        machine_translation=machine_suggestion(store, paragraph_id),
        terms=glossary_terms(project, store, paragraph.source_text, document.source_lang),
        findings=paragraph_findings(store, paragraph_id),
    )


def run_machine_translation(project: Project, document_name: str, actor: Actor) -> str:
    """Machine-translate one document's new paragraphs in a worker thread (own store)."""
    with open_project_store(project) as store:
        summary, _plan = mt.translate_project(project, store, actor.name, document=document_name)
    return str(summary)


def run_all_checks(project: Project) -> str:
    """Run every check over the project in a worker thread (own store)."""
    with open_project_store(project) as store:
        result = checks.run_checks(project, store)
    return str(result)


CONTEXTS_PER_SPELLING = 3
CONTEXT_WIDTH = 90


@dataclass(frozen=True, slots=True)
class ContextLine:
    """Where a spelling occurs: the sentence around it (cut to a window when long), the
    paragraph reference ("doc ¶position"), and the spelling's place in `text` to highlight."""

    label: str
    text: str
    start: int
    end: int
    in_source: bool  # found in the source text (no target writes it there)


@dataclass(frozen=True, slots=True)
class NameCluster:
    """One name spelt several ways: spellings with counts, the suggested canonical spelling,
    and up to CONTEXTS_PER_SPELLING context lines per spelling (where it occurs)."""

    finding_id: int
    entity: str
    canonical: str  # the check's suggestion ("" when it made none)
    spellings: dict[str, int]
    paragraphs_by_spelling: dict[str, list[int]]
    contexts: dict[str, list[ContextLine]]
    message: str = ""

    @property
    def choices(self) -> list[str]:
        """The spellings an editor picks from: the suggestion first when no paragraph writes
        it (a typo's correct form often occurs nowhere), then the spellings found."""
        found = list(self.spellings)
        if self.canonical and self.canonical not in found:
            return [self.canonical, *found]
        return found


def name_clusters(
    store: ProjectStore, contexts_per_spelling: int = CONTEXTS_PER_SPELLING
) -> list[NameCluster]:
    """Open name-variant findings as clusters, one per name spelt several ways."""
    stored = open_findings(store, kinds=["name-variant"])
    document_names = {document.id: document.name for document in store.documents()}
    clusters = []
    for item in stored:
        data = item.finding.data
        spellings = {str(k): int(str(v)) for k, v in _mapping(data.get("spellings")).items()}
        by_spelling = {
            str(k): [int(str(pid)) for pid in v] if isinstance(v, list) else []
            for k, v in _mapping(data.get("paragraphs_by_spelling")).items()
        }
        clusters.append(
            NameCluster(
                finding_id=item.id,
                entity=str(data.get("entity", "")),
                canonical=str(data.get("canonical") or ""),
                spellings=spellings,
                paragraphs_by_spelling=by_spelling,
                contexts=name_contexts(store, by_spelling, document_names, contexts_per_spelling),
                message=item.finding.message,
            )
        )
    return clusters


def _mapping(raw: object) -> Mapping[object, object]:
    """A finding's JSON detail as a mapping (empty when the check stored none)."""
    return raw if isinstance(raw, Mapping) else {}


def name_contexts(
    store: ProjectStore,
    paragraphs_by_spelling: Mapping[str, Sequence[int]],
    document_names: Mapping[int, str] | None = None,
    per_spelling: int = CONTEXTS_PER_SPELLING,
) -> dict[str, list[ContextLine]]:
    """Up to `per_spelling` context lines for each spelling, from the first paragraphs that
    write it: the target where it occurs there, else the source (an English source with no
    translation yet still shows where a misspelling is)."""
    if document_names is None:
        document_names = {document.id: document.name for document in store.documents()}
    result: dict[str, list[ContextLine]] = {}
    for spelling, paragraph_ids in paragraphs_by_spelling.items():
        lines: list[ContextLine] = []
        for paragraph_id in paragraph_ids:
            if len(lines) >= per_spelling:
                break
            paragraph = store.paragraph(paragraph_id)
            label = f"{document_names.get(paragraph.document_id, '?')} ¶{paragraph.position + 1}"
            line = _context_in(paragraph.target_text, spelling, label, in_source=False)
            if line is None:
                line = _context_in(paragraph.source_text, spelling, label, in_source=True)
            if line is not None:
                lines.append(line)
        result[spelling] = lines
    return result


_SENTENCE_END = re.compile(r"[.!?…][\"'»”’)]*\s+")


def _find_spelling(text: str, spelling: str) -> re.Match[str] | None:
    """The spelling as a whole word; else as a word start (an inflected Russian form or a
    possessive); else ignoring case."""
    escaped = re.escape(spelling)
    for pattern, flags in (
        (rf"(?<!\w){escaped}(?!\w)", 0),
        (rf"(?<!\w){escaped}", 0),
        (rf"(?<!\w){escaped}", re.IGNORECASE),
    ):
        found = re.search(pattern, text, flags)
        if found is not None:
            return found
    return None


def _context_in(text: str, spelling: str, label: str, in_source: bool) -> ContextLine | None:
    found = _find_spelling(text, spelling) if spelling else None
    if found is None:
        return None
    snippet, start = context_snippet(text, found.start(), found.end())
    return ContextLine(label, snippet, start, start + len(found.group()), in_source)


def context_snippet(text: str, start: int, end: int, width: int = CONTEXT_WIDTH) -> tuple[str, int]:
    """The sentence holding text[start:end], cut to a `width` window around it when longer
    (marked with …); returns the snippet and where the occurrence starts in it."""
    sentence_start = 0
    for boundary in _SENTENCE_END.finditer(text, 0, start):
        sentence_start = boundary.end()
    after = _SENTENCE_END.search(text, end)
    sentence_end = after.start() + 1 if after is not None else len(text)
    left, right = sentence_start, sentence_end
    if right - left > width:
        room = max(0, width - (end - start))
        left = max(sentence_start, start - room // 2)
        right = min(sentence_end, max(end, left + width))
        left = max(sentence_start, min(left, right - width))
    snippet = text[left:right].replace("\n", " ")
    prefix = "…" if left > sentence_start else ""
    suffix = "…" if right < sentence_end else ""
    return prefix + snippet + suffix, len(prefix) + start - left


def canonical_spelling(text: str) -> str:
    """The canonical spelling an editor typed, with spaces normalised; empty is refused."""
    canonical = " ".join(text.split())
    if not canonical:
        raise TranslatorError("the canonical spelling is empty: choose or type one")
    return canonical


@dataclass(frozen=True, slots=True)
class ResolutionPreview:
    paragraph_id: int
    label: str  # "document ¶N"
    old: str
    new: str


def preview_resolution(
    store: ProjectStore, cluster: NameCluster, canonical: str
) -> list[ResolutionPreview]:
    """How each affected target would read with every variant replaced by `canonical`."""
    return [
        ResolutionPreview(
            change.paragraph_id, f"{change.document} ¶{change.position + 1}", change.old, change.new
        )
        for change in checks.preview_resolve(store, cluster.finding_id, canonical)
    ]


def preview_in_background(
    project: Project, cluster: NameCluster, canonical: str
) -> list[ResolutionPreview]:
    """preview_resolution from a worker thread, on the worker's own connection."""
    with open_project_store(project) as store:
        return preview_resolution(store, cluster, canonical)


def apply_resolution(
    project: Project, store: ProjectStore, cluster: NameCluster, canonical: str, actor: Actor
) -> str:
    """Apply the canonical spelling with the checks area's `resolve_name` (as the CLI does)."""
    plan = checks.resolve_name(
        project, store, cluster.finding_id, canonical_spelling(canonical), actor
    )
    return str(plan)


def apply_in_background(
    project: Project, cluster: NameCluster, canonical: str, actor: Actor
) -> str:
    """apply_resolution from a worker thread, on the worker's own connection."""
    with open_project_store(project) as store:
        return apply_resolution(project, store, cluster, canonical, actor)


def glossary_entries(project: Project, store: ProjectStore, query: str) -> list[TermHint]:
    """Glossary concepts (Russian and English renderings) matching `query` (all when empty)."""
    hints = []
    for concept in glossary.list_concepts(store, query or None):
        ru, en = concept.rendering("ru"), concept.rendering("en")
        hints.append(TermHint(ru.text if ru else "", en.text if en else ""))
    return hints


def glossary_entries_in_background(project: Project, query: str) -> list[TermHint]:
    """glossary_entries from a worker thread (a lemma search takes tens of milliseconds,
    too long for every keystroke on the UI thread), on the worker's own connection."""
    with open_project_store(project) as store:
        return glossary_entries(project, store, query)


def recheck_in_background(project: Project, paragraph_id: int) -> None:
    """Re-check one saved paragraph from a worker thread, on the worker's own connection."""
    with open_project_store(project) as store:
        recheck(project, store, paragraph_id)


def add_glossary_term(
    store: ProjectStore, source: str, target: str, source_lang: str, actor_name: str
) -> str:
    """Add a source/target pair to the project glossary (a rendering selected in the review
    screen); the glossary stores it as ru/en whichever way the document goes."""
    ru, en = (source, target) if source_lang == "ru" else (target, source)
    glossary.add_term(store, ru, en, actor_name)
    return f"glossary: {ru} → {en}"
