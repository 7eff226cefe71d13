"""What the review workbench shows, gathered from every area's services in one place.

The TUI calls only these (and services.review); each panel degrades to "not available"
(None) when its area (checks, glossary, MT) is not installed, instead of guessing.
"""

from __future__ import annotations

import importlib
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from translator.core.errors import TranslatorError
from translator.core.models import Document, Paragraph, StatusCounts
from translator.project import Project
from translator.services.review_history import machine_suggestion
from translator.store import ProjectStore


def optional_service(name: str) -> Any:
    """Another area's service module if it has landed (areas ship independently)."""
    try:
        return importlib.import_module(f"translator.services.{name}")
    except ModuleNotFoundError:
        return None


@dataclass(frozen=True, slots=True)
class DocumentOverview:
    document: Document
    counts: StatusCounts
    open_findings: int | None  # None: checks are not available


def document_overview(store: ProjectStore) -> list[DocumentOverview]:
    per_document = store.status_counts_by_document()
    count_findings = getattr(store, "open_finding_counts_by_document", None)
    findings: Mapping[int, int] | None = count_findings() if callable(count_findings) else None
    return [
        DocumentOverview(
            document,
            per_document.get(document.id, StatusCounts()),
            None if findings is None else findings.get(document.id, 0),
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
    terms: list[TermHint] | None  # None: no glossary available
    findings: list[FindingLine] | None  # None: checks not available


def open_findings(store: ProjectStore, **where: Any) -> list[Any] | None:
    """Stored findings that nobody dismissed, or None when the checks area is absent."""
    query = getattr(store, "findings", None)
    if not callable(query):
        return None
    return list(query(include_dismissed=False, **where))


def finding_kinds_by_paragraph(store: ProjectStore, document_id: int) -> dict[int, set[str]]:
    """paragraph id -> kinds of its open findings (list markers and the kind filter)."""
    result: defaultdict[int, set[str]] = defaultdict(set)
    for stored in open_findings(store, document_id=document_id) or []:
        for paragraph_id in stored.finding.paragraph_ids:
            result[paragraph_id].add(stored.finding.kind)
    return dict(result)


def glossary_terms(
    project: Project, store: ProjectStore, text: str, lang: str
) -> list[TermHint] | None:
    glossary = optional_service("glossary")
    find = getattr(glossary, "terms_in_text", None) if glossary else None
    if find is None:
        return None
    hints = []
    for match in find(project, store, text, lang):
        source = getattr(match, "source", None) or getattr(match, "text", "")
        target = getattr(match, "target", "")
        hints.append(TermHint(str(source), str(target)))
    return hints


def paragraph_detail(
    project: Project, store: ProjectStore, document: Document, paragraph_id: int
) -> ParagraphDetail:
    paragraph = store.paragraph(paragraph_id)
    stored = open_findings(store, paragraph_id=paragraph_id)
    findings = (
        None
        if stored is None
        else [
            FindingLine(s.finding.kind, str(s.finding.severity), s.finding.message) for s in stored
        ]
    )
    return ParagraphDetail(
        paragraph=paragraph,
        machine_translation=machine_suggestion(store, paragraph_id),
        terms=glossary_terms(project, store, paragraph.source_text, document.source_lang),
        findings=findings,
    )


def run_machine_translation(project: Project, document_name: str, actor: Any) -> str:
    """Machine-translate one document's new paragraphs in a worker thread (own store)."""
    mt = optional_service("mt")
    if mt is None or not hasattr(mt, "translate_project"):
        raise TranslatorError("machine translation is not available in this installation")
    from translator.services.projects import open_project_store

    with open_project_store(project) as store:
        summary, _plan = mt.translate_project(
            project, store, getattr(actor, "name", str(actor)), document=document_name
        )
    return str(summary)


def run_all_checks(project: Project) -> str:
    """Run every check over the project in a worker thread (own store)."""
    checks = optional_service("checks")
    run = getattr(checks, "run_checks", None) if checks else None
    if run is None:
        raise TranslatorError("checks are not available in this installation")
    from translator.services.projects import open_project_store

    with open_project_store(project) as store:
        result = run(project, store)
    return str(result)


@dataclass(frozen=True, slots=True)
class NameCluster:
    """One name spelt several ways: spellings with counts, the proposed canonical spelling,
    and a context line per spelling (where it occurs)."""

    finding_id: int
    entity: str
    canonical: str
    spellings: dict[str, int]
    paragraphs_by_spelling: dict[str, list[int]]
    contexts: dict[str, str]


def name_clusters(store: ProjectStore) -> list[NameCluster] | None:
    """Open name-variant findings as clusters, or None when the checks area is absent."""
    stored = open_findings(store, kinds=["name-variant"])
    if stored is None:
        return None
    clusters = []
    for item in stored:
        data = item.finding.data
        spellings = {str(k): int(v) for k, v in dict(data.get("spellings", {})).items()}
        by_spelling = {
            str(k): [int(pid) for pid in v]
            for k, v in dict(data.get("paragraphs_by_spelling", {})).items()
        }
        contexts = {}
        for spelling, ids in by_spelling.items():
            if ids:
                contexts[spelling] = _context_line(store.paragraph(ids[0]).target_text, spelling)
        clusters.append(
            NameCluster(
                finding_id=item.id,
                entity=str(data.get("entity", "")),
                canonical=str(data.get("canonical", "")),
                spellings=spellings,
                paragraphs_by_spelling=by_spelling,
                contexts=contexts,
            )
        )
    return clusters


def _context_line(text: str, spelling: str, width: int = 70) -> str:
    at = text.find(spelling)
    if at < 0:
        return text[:width]
    start = max(0, at - (width - len(spelling)) // 2)
    snippet = text[start : start + width]
    return ("…" if start else "") + snippet + ("…" if start + width < len(text) else "")


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
    checks = optional_service("checks")
    preview = getattr(checks, "preview_resolve", None) if checks else None
    if preview is not None:
        return [
            ResolutionPreview(
                int(p.paragraph_id), f"{p.document} ¶{p.position + 1}", str(p.old), str(p.new)
            )
            for p in preview(store, cluster.finding_id, canonical)
        ]
    result = []
    for spelling, ids in cluster.paragraphs_by_spelling.items():
        if spelling == canonical:
            continue
        for paragraph_id in ids:
            paragraph = store.paragraph(paragraph_id)
            old = paragraph.target_text
            label = f"¶{paragraph.position + 1}"
            result.append(
                ResolutionPreview(paragraph_id, label, old, old.replace(spelling, canonical))
            )
    return result


def apply_resolution(
    project: Project, store: ProjectStore, cluster: NameCluster, canonical: str, actor: Any
) -> str:
    """Apply the canonical spelling with the checks area's `resolve_name` (as the CLI does)."""
    checks = optional_service("checks")
    resolve = getattr(checks, "resolve_name", None) if checks else None
    if resolve is None:
        raise TranslatorError("resolving names is not available in this installation")
    return str(resolve(project, store, cluster.finding_id, canonical, actor))


def glossary_entries(project: Project, store: ProjectStore, query: str) -> list[TermHint] | None:
    """Glossary concepts (Russian and English renderings) matching `query`; None without a
    glossary area."""
    glossary = optional_service("glossary")
    search = getattr(glossary, "list_concepts", None) if glossary else None
    if search is None:
        return None
    hints = []
    for concept in search(store, query or None):
        ru, en = concept.rendering("ru"), concept.rendering("en")
        hints.append(TermHint(ru.text if ru else "", en.text if en else ""))
    return hints


def recheck_in_background(project: Project, paragraph_id: int) -> None:
    """Re-check one saved paragraph from a worker thread, on the worker's own connection."""
    from translator.services.projects import open_project_store
    from translator.services.review import recheck

    with open_project_store(project) as store:
        recheck(project, store, paragraph_id)


def add_glossary_term(store: ProjectStore, ru: str, en: str, actor_name: str) -> str:
    """Add a ru/en pair to the project glossary (from a word selected in the review screen)."""
    glossary = optional_service("glossary")
    add = getattr(glossary, "add_term", None) if glossary else None
    if add is None:
        raise TranslatorError("the glossary is not available in this installation")
    add(store, ru, en, actor_name)
    return f"glossary: {ru} → {en}"
