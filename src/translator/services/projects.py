"""Project use cases: create or find a project, import sources, report status."""

from __future__ import annotations

import getpass
import hashlib
import os
import unicodedata
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from translator.core.errors import (
    DocumentNotFound,
    ImportRefused,
    InputFileError,
    TranslatorError,
)
from translator.core.models import Document, StatusCounts
from translator.ingest import ParsedDocument, parse_source, read_source
from translator.project import (
    DATABASE_NAME,
    Project,
    find_project,
    load_project,
    prepare_project_folder,
    write_project_config,
)
from translator.services.update import (
    UpdatePlan,
    UpdateSummary,
    apply_update,
    force_problem,
    import_transaction,
    plan_update,
    update_language_problem,
)
from translator.store import NewDocument, ProjectStore, open_store

LANG_CHOICES = ("auto", "ru", "en")
# Parsing (sentence splitting above all) is CPU-bound: large multi-file imports use all cores.
PARALLEL_PARSE_MIN_BYTES = 2 * 1024 * 1024


def current_user(explicit: str | None = None) -> str:
    """The acting user: --as, else TRANSLATOR_USER, else the OS user."""
    for candidate in (explicit, os.environ.get("TRANSLATOR_USER")):
        if candidate and candidate.strip():
            return unicodedata.normalize("NFC", candidate.strip())  # Zoë typed either way
    try:
        return unicodedata.normalize("NFC", getpass.getuser())
    except (KeyError, OSError):
        return "unknown"


def init_project(root: Path, name: str | None = None) -> Project:
    """Create translator.toml and an empty, migrated database in `root`."""
    prepare_project_folder(root)
    open_store(root / DATABASE_NAME, create=True).close()
    return write_project_config(root, name)


def locate_project(project_dir: Path | None, cwd: Path | None = None) -> Project:
    """--project DIR if given, else the project containing the current folder."""
    if project_dir is not None:
        return load_project(project_dir)
    return find_project(cwd or Path.cwd())


def open_project_store(project: Project) -> ProjectStore:
    return open_store(project.database_path)


@dataclass(frozen=True, slots=True)
class ImportedDocument:
    document: Document
    paragraphs: int
    sentences: int
    duplicates: int


@dataclass(slots=True)
class ImportReport:
    imported: list[ImportedDocument] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    same_content: dict[str, str] = field(default_factory=dict)  # file name -> document name
    updated: list[UpdateSummary] = field(default_factory=list)  # changed sources (issue 8)
    would_import: list[ImportedDocument] = field(default_factory=list)  # dry run: not stored
    dry_run: bool = False


def _parse_one(path: Path, project: Project, lang: str, encoding: str | None) -> ParsedDocument:
    source = read_source(path, project.config.max_file_bytes, encoding)
    try:
        parsed = parse_source(source, lang)
    except TranslatorError as error:
        raise InputFileError(path, str(error)) from error
    if not parsed.paragraphs:
        raise InputFileError(path, "no paragraphs of text found")
    return parsed


def _parse_or_problem(
    path: Path, project: Project, lang: str, encoding: str | None
) -> ParsedDocument | InputFileError:
    try:
        return _parse_one(path, project, lang, encoding)
    except InputFileError as problem:
        return problem


def _total_bytes(paths: Sequence[Path]) -> int:
    total = 0
    for path in paths:
        try:
            total += path.stat().st_size if path.is_file() else 0
        except OSError:
            continue
    return total


def parse_sources(
    project: Project, paths: Sequence[Path], lang: str, encoding: str | None
) -> Iterator[ParsedDocument | InputFileError]:
    """Parse files in order, in parallel processes when the import is large and has several.

    Results are yielded in order; the pool keeps finished ones until they are consumed.
    """
    workers = min(len(paths), os.cpu_count() or 1)
    if workers < 2 or _total_bytes(paths) < PARALLEL_PARSE_MIN_BYTES:
        for path in paths:
            yield _parse_or_problem(path, project, lang, encoding)
        return
    count = len(paths)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(
            _parse_or_problem, paths, [project] * count, [lang] * count, [encoding] * count
        )


def _file_digest(path: Path, max_bytes: int) -> str | None:
    """sha256 of a readable regular file within the size limit; None leaves it to the parser."""
    try:
        if not path.is_file() or path.stat().st_size > max_bytes:
            return None
        with path.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return None


def _require_a_role(project: Project, actor: str) -> None:
    """Importing may update documents, which sends approved paragraphs back for review and
    archives removed ones: once roles are configured, only people with a role may."""
    from translator.services import review  # review imports this module

    if not review.can_edit(review.actor_for(project, actor)):
        raise review.ReviewRefused(
            f"{actor} may not import sources: not listed in [roles] of {project.config_path}"
        )


def import_sources(
    project: Project,
    store: ProjectStore,
    paths: Sequence[Path],
    actor: str,
    lang: str = "auto",
    encoding: str | None = None,
    update: str | None = None,
    dry_run: bool = False,
    force: bool = False,
) -> ImportReport:
    """Import files all-or-nothing: if any file is bad, nothing is stored and all are reported.

    Files already imported with identical bytes (under any name) are skipped unparsed.
    A file whose document exists (same name, or the one named by `update`) with other
    content updates it (services/update.py), after every file has parsed cleanly; an update
    whose text is in another language is refused, and one that would archive most of the
    approved paragraphs needs `force`. New documents and updates commit in one transaction.
    `dry_run` parses and plans, and stores nothing.
    The rest stream into one transaction as they are parsed, so memory holds about one
    document at a time (measured: 100,000 paragraphs in 124 MB). The price: other sessions'
    saves wait while a large import parses (SQLite's busy timeout is 30 s; the import runs
    at ~17,000 paragraphs/s), which is why nothing is parsed under the lock needlessly.
    """
    if lang not in LANG_CHOICES:
        raise TranslatorError(f"unknown language '{lang}' (use one of {', '.join(LANG_CHOICES)})")
    if not dry_run:
        _require_a_role(project, actor)
    report = ImportReport(dry_run=dry_run)
    target = _update_target(store, paths, update)
    problems: dict[int, InputFileError] = {}
    to_update: list[tuple[int, Path, Document]] = []
    to_parse: list[tuple[int, Path]] = []
    names_in_batch: dict[str, Path] = {}
    for index, path in enumerate(paths):
        name = path.name
        if name in names_in_batch:
            if names_in_batch[name].resolve() != path.resolve():
                problems[index] = InputFileError(
                    path, f"another file named '{name}' is in this import"
                )
            continue
        names_in_batch[name] = path
        digest = _file_digest(path, project.config.max_file_bytes)
        existing = target or store.find_document(name)
        if existing is not None and digest == existing.sha256:
            report.unchanged.append(existing.name)
            continue
        if existing is not None:
            to_update.append((index, path, existing))
            continue
        same_content = store.find_document_by_sha256(digest) if digest else None
        if same_content is not None:
            report.same_content[name] = same_content.name
            continue
        to_parse.append((index, path))
    counts: list[tuple[int, int, int]] = []

    def parsed_documents() -> Iterator[NewDocument]:
        """Parse and yield into the open transaction; raise at the end if any file was bad."""
        results = parse_sources(project, [path for _, path in to_parse], lang, encoding)
        for (index, _), parsed in zip(to_parse, results, strict=True):
            if isinstance(parsed, InputFileError):
                problems[index] = parsed
                continue
            if problems:
                continue  # keep parsing to report every bad file, but store nothing
            counts.append(
                (
                    len(parsed.paragraphs),
                    sum(len(p.sentences) for p in parsed.paragraphs),
                    parsed.duplicate_count,
                )
            )
            yield NewDocument(
                name=parsed.name,
                source_lang=parsed.source_lang,
                target_lang=parsed.target_lang,
                source_path=str(parsed.path.resolve()),
                sha256=parsed.sha256,
                encoding=parsed.encoding,
                imported_by=actor,
                paragraphs=parsed.paragraphs,
            )
        if problems:
            raise ImportRefused([problems[index] for index in sorted(problems)])

    plans = _plan_updates(project, store, to_update, actor, lang, encoding, problems)
    if not (force or dry_run):
        for index, new_version, plan in plans:
            if plan.summary.needs_force:
                problems[index] = force_problem(new_version, plan.summary)
    if problems and not to_parse:
        raise ImportRefused([problems[index] for index in sorted(problems)])
    if dry_run:
        for parsed in parsed_documents():  # raises, like a real import, if any file is bad
            report.would_import.append(_would_import(parsed, *counts[-1]))
        report.updated = [plan.summary for _, _, plan in plans]
        return report
    with import_transaction(store):  # new documents and updates: all or nothing
        documents = store.add_documents(parsed_documents()) if to_parse else []
        report.updated = [apply_update(store, plan) for _, _, plan in plans]
    for document, (paragraphs, sentences, duplicates) in zip(documents, counts, strict=True):
        report.imported.append(ImportedDocument(document, paragraphs, sentences, duplicates))
    return report


def _update_target(
    store: ProjectStore, paths: Sequence[Path], update: str | None
) -> Document | None:
    """The document `--update NAME` names (one file only), or None for a plain import."""
    if update is None:
        return None
    if len(paths) != 1:
        raise TranslatorError(f"--update {update}: give exactly one file (got {len(paths)})")
    document = store.find_document(update)
    if document is None:
        raise DocumentNotFound(
            f"{update}: no such document in this project (`translator status` lists them)"
        )
    return document


def _plan_updates(
    project: Project,
    store: ProjectStore,
    to_update: list[tuple[int, Path, Document]],
    actor: str,
    lang: str,
    encoding: str | None,
    problems: dict[int, InputFileError],
) -> list[tuple[int, ParsedDocument, UpdatePlan]]:
    """Parse the new versions of existing documents (in their stored language) and plan.

    Nothing is written here: updates are applied only once the whole import is known good.
    """
    plans: list[tuple[int, ParsedDocument, UpdatePlan]] = []
    for index, path, document in to_update:
        if lang not in ("auto", document.source_lang):
            problems[index] = InputFileError(
                path, f"document '{document.name}' is in {document.source_lang}, not {lang}"
            )
            continue
        parsed = _parse_or_problem(path, project, document.source_lang, encoding)
        if isinstance(parsed, InputFileError):
            problems[index] = parsed
            continue
        wrong_language = update_language_problem(document, parsed, lang)
        if wrong_language is not None:
            problems[index] = wrong_language
            continue
        plans.append((index, parsed, plan_update(store, document, parsed, actor)))
    return plans


def _would_import(
    parsed: NewDocument, paragraphs: int, sentences: int, duplicates: int
) -> ImportedDocument:
    """What a dry run reports for a file it would import (the document has no id yet)."""
    document = Document(
        id=0,
        name=parsed.name,
        source_lang=parsed.source_lang,
        target_lang=parsed.target_lang,
        source_path=parsed.source_path,
        sha256=parsed.sha256,
        encoding=parsed.encoding,
        imported_at="",
        imported_by=parsed.imported_by,
    )
    return ImportedDocument(document, paragraphs, sentences, duplicates)


@dataclass(frozen=True, slots=True)
class DocumentStatus:
    document: Document
    counts: StatusCounts


@dataclass(frozen=True, slots=True)
class ProjectStatus:
    documents: list[DocumentStatus]
    totals: StatusCounts

    def as_json(self) -> dict[str, object]:
        return {
            "documents": len(self.documents),
            "paragraphs": self.totals.total,
            "by_status": self.totals.as_dict(),
        }


def project_status(store: ProjectStore) -> ProjectStatus:
    """Paragraph counts per review status, per document and in total."""
    per_document = store.status_counts_by_document()
    documents = [
        DocumentStatus(document, per_document.get(document.id, StatusCounts()))
        for document in store.documents()
    ]
    return ProjectStatus(documents=documents, totals=store.status_counts())
