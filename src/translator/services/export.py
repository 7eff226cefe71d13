"""Publishing use cases: export approved work to exchange formats, import translations back.

Exports are read-only on the store and atomic on disk; imports change targets only (to
`edited`, never `approved`) in one transaction.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

from translator import __version__
from translator.atomic import TargetExists, place_files, write_temporary
from translator.core.errors import DocumentNotFound, TranslatorError
from translator.core.models import Document, HistoryEvent, Paragraph, ReviewStatus, StatusCounts
from translator.formats.base import (
    ExportDocument,
    Exporter,
    ExportMeta,
    ExportUnit,
    unit_id,
)
from translator.formats.paths import inside_folder, unique_file_names
from translator.project import Project
from translator.services.export_segments import segmented
from translator.store import ProjectStore
from translator.store.export_queries import ExportQueries, ParagraphExtras

FORMAT_CHOICES = ("po", "xliff", "xliff2", "tmx", "md", "html", "docx", "txt")
DEFAULT_LANGUAGE_TAGS = {"ru": "ru-RU", "en": "en-GB"}


class ExportRefused(TranslatorError):
    """The selection holds unapproved paragraphs, or a file would be overwritten or escape."""


@dataclass(slots=True)
class ExportReport:
    files: list[Path] = field(default_factory=list)
    units: int = 0
    by_status: StatusCounts = field(default_factory=StatusCounts)
    left_out: int = 0  # unapproved paragraphs a format never carries (TMX)


def export_queries(store: ProjectStore) -> ExportQueries:
    """The export SQL lives in a store mixin; a back end without it cannot publish."""
    if not isinstance(store, ExportQueries):
        raise TranslatorError(f"{type(store).__name__}: this store cannot export or import")
    return store


def language_tags(project: Project) -> dict[str, str]:
    """ru/en -> the tags TMX writes: `[export] language_tags` in translator.toml, else defaults.

    English follows `[house_style] english_variant` (en-GB by default) unless set there.
    """
    tags = dict(DEFAULT_LANGUAGE_TAGS)
    tags["en"] = project.config.house_style.english_variant or tags["en"]
    tags.update(project.config.export.language_tags)
    return tags


def exporter_for(format_name: str) -> Exporter:
    from translator.formats.registry import EXPORTERS

    if format_name not in EXPORTERS:
        raise TranslatorError(
            f"unknown export format '{format_name}' (use one of {', '.join(FORMAT_CHOICES)})"
        )
    return EXPORTERS[format_name]()


def _reviewer(history: Sequence[HistoryEvent]) -> str | None:
    """Who approved the current target: the last approval not undone by a later change.

    An approval is a move into `approved`; an event that leaves a paragraph approved (a
    name resolved in it, a source update moving it) approves nothing, so its actor is no
    reviewer and the approval before it still stands."""
    reviewer = None
    for event in history:
        if event.new_status is ReviewStatus.APPROVED:
            if event.old_status is not ReviewStatus.APPROVED:
                reviewer = event.actor
        elif event.new_status is not None or event.new_target != event.old_target:
            reviewer = None
    return reviewer


def _history_line(event: HistoryEvent) -> str:
    change = f"{event.old_status} -> {event.new_status}" if event.new_status else ""
    note = f" ({event.note})" if event.note else ""
    return f"{event.created_at[:16]} {event.actor} {event.action} {change}{note}".strip()


def _unit(document: Document, paragraph: Paragraph, extras: ParagraphExtras) -> ExportUnit:
    return ExportUnit(
        id=unit_id(document.id, paragraph.id),
        document_name=document.name,
        position=paragraph.position + 1,
        source=paragraph.source_text,
        target=paragraph.target_text,
        status=paragraph.status,
        version=paragraph.version,
        source_sentences=tuple(extras.sentences),
        reviewer=_reviewer(extras.history) if paragraph.status is ReviewStatus.APPROVED else None,
        notes=tuple(f"{comment.author}: {comment.body}" for comment in extras.comments),
        history=tuple(_history_line(event) for event in extras.history),
    )


def _selected_documents(store: ProjectStore, names: Sequence[str] | None) -> list[Document]:
    if not names:
        documents = store.documents()
        if not documents:
            raise TranslatorError("the project holds no documents to export")
        return documents
    selected = []
    for name in dict.fromkeys(names):
        document = store.find_document(name)
        if document is None:
            raise DocumentNotFound(f"{name}: no such document in the project")
        selected.append(document)
    return selected


def _refusal(blocked: list[tuple[Document, StatusCounts]]) -> ExportRefused:
    lines = []
    for document, counts in blocked:
        pending = ", ".join(
            f"{counts.counts[status]} {status.value}"
            for status in ReviewStatus
            if status is not ReviewStatus.APPROVED and counts.counts[status]
        )
        lines.append(f"{document.name}: not all paragraphs are approved ({pending})")
    lines.append(
        f"nothing exported: {len(blocked)} document(s) have unapproved paragraphs; "
        "approve them or pass --include-unapproved"
    )
    return ExportRefused("\n".join(lines))


def collect_documents(
    store: ProjectStore, names: Sequence[str] | None, include_unapproved: bool
) -> list[ExportDocument]:
    """The selection as export documents; refused as a whole if unapproved work is in it."""
    queries = export_queries(store)
    selected = _selected_documents(store, names)
    loaded: list[tuple[Document, list[Paragraph]]] = []
    blocked: list[tuple[Document, StatusCounts]] = []
    for document in selected:
        paragraphs = store.paragraphs(document.id)  # archived paragraphs are never listed
        counts = StatusCounts()
        for paragraph in paragraphs:
            counts.add(paragraph.status, 1)
        if counts.counts[ReviewStatus.APPROVED] != counts.total and not include_unapproved:
            blocked.append((document, counts))
        loaded.append((document, paragraphs))
    if blocked:
        raise _refusal(blocked)
    result = []
    for document, paragraphs in loaded:
        extras = queries.paragraph_extras(document.id)
        units = [_unit(document, p, extras.get(p.id, ParagraphExtras())) for p in paragraphs]
        result.append(
            ExportDocument(
                document.id, document.name, document.source_lang, document.target_lang, units
            )
        )
    return result


def _targets(
    exporter: Exporter, documents: list[ExportDocument], out: Path
) -> list[tuple[Path, list[ExportDocument]]]:
    """Which documents go into which file."""
    if not exporter.one_file_per_document:
        pairs: dict[str, list[str]] = {}
        for document in documents:
            pair = f"{document.source_lang}->{document.target_lang}"
            pairs.setdefault(pair, []).append(document.name)
        if exporter.one_language_pair and len(pairs) > 1:
            listed = "; ".join(f"{pair}: {', '.join(names)}" for pair, names in pairs.items())
            raise ExportRefused(
                f"{out}: a {exporter.format_name} file holds one language pair, the selection "
                f"has {len(pairs)} ({listed}); export each pair with --doc"
            )
        if out.is_dir():
            raise ExportRefused(f"{out}: is a folder; --out names the {exporter.format_name} file")
        if out.parent.exists() and not out.parent.is_dir():
            raise ExportRefused(f"{out.parent}: not a folder")
        return [(out, documents)]
    if out.exists() and not out.is_dir():
        raise ExportRefused(f"{out}: not a folder; --out names the folder for {exporter.extension}")
    targets: list[tuple[Path, list[ExportDocument]]] = []
    names = unique_file_names(
        [(document.id, document.name, document.target_lang) for document in documents],
        exporter.extension,
    )
    for document in documents:
        path = out / names[document.id]
        if not inside_folder(path, out):
            raise ExportRefused(f"{path}: would be written outside {out}; nothing exported")
        targets.append((path, [document]))
    return targets


def _write_all(
    exporter: Exporter,
    targets: list[tuple[Path, list[ExportDocument]]],
    meta: ExportMeta,
    force: bool,
    out: Path,
) -> None:
    """Write every file to a temporary name, then put them all in place (translator/atomic.py)."""
    written: list[tuple[Path, Path]] = []
    try:
        for path, group in targets:
            temporary = write_temporary(path, partial(exporter.write, group, meta=meta))
            written.append((temporary, path))
        place_files(written, force)
    except TargetExists as error:
        raise ExportRefused(
            f"{error.filename}: already exists (created during the export); nothing exported, "
            "pass --force to overwrite"
        ) from error
    except OSError as error:
        raise ExportRefused(f"{error.filename or out}: cannot write ({error.strerror})") from error
    finally:
        for temporary, _ in written:
            temporary.unlink(missing_ok=True)


def export(
    project: Project,
    store: ProjectStore,
    *,
    format: str,
    out: Path,
    documents: Sequence[str] | None = None,
    include_unapproved: bool = False,
    force: bool = False,
) -> ExportReport:
    """Export the selection to `out`: one file (PO, XLIFF, TMX) or one per document (others).

    Refused as a whole, with nothing written, when unapproved paragraphs are in the selection
    (unless `include_unapproved`), when a file exists (unless `force`), or when a document's
    name would lead outside `out`. The folder (`out`, or the parent of a single-file `out`)
    is created when missing. Every file is written to a temporary name first and all are
    put in place only when all were written (translator/atomic.py: never over a file that
    appeared meanwhile, unless `force`).
    """
    exporter = exporter_for(format)
    selection = collect_documents(store, documents, include_unapproved)
    targets = _targets(exporter, selection, out)
    existing = [path for path, _ in targets if path.exists() or path.is_symlink()]
    if existing and not force:
        shown = ", ".join(str(path) for path in existing)
        raise ExportRefused(f"{shown}: already exists; pass --force to overwrite")
    folder = out if exporter.one_file_per_document else out.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ExportRefused(f"{folder}: cannot create the folder ({error.strerror})") from error
    meta = ExportMeta(
        project=project.config.name,
        tool_version=__version__,
        created_at=datetime.now(UTC).strftime("%Y-%m-%d %H:%M+0000"),
        language_tags=language_tags(project),
    )
    if exporter.segments_targets:
        with segmented(selection) as with_sentences:
            by_id = {document.id: document for document in with_sentences}
            _write_all(
                exporter,
                [(p, [by_id[d.id] for d in group]) for p, group in targets],
                meta,
                force,
                out,
            )
    else:
        _write_all(exporter, targets, meta, force, out)
    report = ExportReport(files=[path for path, _ in targets])
    for document in selection:
        for unit in document.units:
            if exporter.approved_only and not unit.approved:
                report.left_out += 1
                continue
            report.units += 1
            report.by_status.add(unit.status, 1)
    return report


# -- importing translations back ---------------------------------------------------------

IMPORT_FORMATS = ("po", "xliff", "xliff2")


class ImportTranslationsRefused(TranslatorError):
    """The whole file was refused (another project, another language pair, not our file)."""


@dataclass(frozen=True, slots=True)
class RefusedUnit:
    unit_id: str
    reason: str


@dataclass(slots=True)
class TranslationsImport:
    applied: list[Paragraph] = field(default_factory=list)
    unchanged: int = 0
    refused: list[RefusedUnit] = field(default_factory=list)


def detect_import_format(path: Path) -> str:
    """po by extension; .xlf/.xliff by the version the root element declares."""
    suffix = path.suffix.lower()
    if suffix in (".po", ".pot"):
        return "po"
    if suffix in (".xlf", ".xliff", ".xml"):
        with path.open("rb") as handle:
            head = handle.read(4096)
        return "xliff2" if b"xliff:document:2.0" in head else "xliff"
    raise TranslatorError(
        f"{path}: cannot tell the format from the extension; pass --format po|xliff|xliff2"
    )


def import_translations(
    project: Project,
    store: ProjectStore,
    file: Path,
    format: str | None = None,
    actor: str = "unknown",
) -> TranslationsImport:
    """Apply the targets of a PO/XLIFF file we exported, as `edited`, in one transaction.

    Refused whole when the file is not ours, names another project or another language
    pair. Units are refused one by one (and listed) when their paragraph is gone, its
    source changed, or it changed in the project since the export (its version moved on
    and the target differs): importing then would overwrite someone's newer work.
    Units whose target equals the stored one, or is empty, are skipped. A unit that does
    not say which version it was exported from (a tool dropped the marker) is refused where
    the paragraph has a target: whether that changed since cannot be told. A paragraph the
    file holds twice is refused whole (which one is meant cannot be told either). Only
    people who may edit targets may import them (roles in translator.toml).
    """
    from translator.formats.base import parse_unit_id
    from translator.formats.registry import IMPORTERS
    from translator.services import review
    from translator.store.export_queries import TargetEdit

    person = review.actor_for(project, actor)
    if not review.can_edit(person):
        raise review.ReviewRefused(
            f"{person.name} may not import translations: not listed in [roles] of "
            f"{project.config_path}"
        )
    if file.is_dir():
        raise TranslatorError(f"{file}: a folder, not a PO or XLIFF file")
    if not file.is_file():
        raise TranslatorError(f"{file}: no such file")
    format_name = format or detect_import_format(file)
    if format_name not in IMPORTERS:
        raise TranslatorError(f"{file}: cannot import format '{format_name}' (use po, xliff)")
    importer = IMPORTERS[format_name]()
    imported = importer.read(file)
    written = importer.as_written  # the project's text as this format holds it
    if imported.project is None:
        raise ImportTranslationsRefused(
            f"{file}: names no translator project (empty, or not exported by translator); "
            "nothing imported"
        )
    if imported.project != project.config.name:
        raise ImportTranslationsRefused(
            f"{file}: made for project '{imported.project}', "
            f"not '{project.config.name}'; nothing imported"
        )
    queries = export_queries(store)
    report = TranslationsImport()
    documents: dict[int, tuple[Document, dict[int, Paragraph]]] = {}
    by_id = {document.id: document for document in store.documents()}
    edits: list[TargetEdit] = []
    held = Counter(parse_unit_id(unit.id) for unit in imported.units)
    for unit in imported.units:
        ids = parse_unit_id(unit.id)
        document = by_id.get(ids[0]) if ids else None
        if not unit.id:
            label = f"«{unit.source[:40]}…»" if len(unit.source) > 40 else f"«{unit.source}»"
            report.refused.append(
                RefusedUnit(label, "no paragraph id on the entry (msgctxt or unit id removed?)")
            )
            continue
        if ids is None or document is None:
            report.refused.append(RefusedUnit(unit.id, "no such paragraph in this project"))
            continue
        if (unit.source_lang, unit.target_lang) != (document.source_lang, document.target_lang):
            raise ImportTranslationsRefused(
                f"{file}: language pair {unit.source_lang or '?'}->{unit.target_lang or '?'} "
                f"does not match document '{document.name}' "
                f"({document.source_lang}->{document.target_lang}); nothing imported"
            )
        if document.id not in documents:
            active = {p.id: p for p in store.paragraphs(document.id)}
            documents[document.id] = (document, active)
        paragraph = documents[document.id][1].get(ids[1])
        if paragraph is None:
            report.refused.append(RefusedUnit(unit.id, f"no longer in '{document.name}'"))
        elif held[ids] > 1:
            report.refused.append(
                RefusedUnit(unit.id, f"appears {held[ids]} times in the file; none applied")
            )
        elif unit.source != written(paragraph.source_text):
            report.refused.append(RefusedUnit(unit.id, "its source text changed since export"))
        elif not unit.target or unit.target == written(paragraph.target_text):
            report.unchanged += 1
        elif unit.version is None and paragraph.target_text:
            report.refused.append(
                RefusedUnit(
                    unit.id,
                    "the file does not say which version it was exported from, so a newer "
                    "target in the project cannot be told apart; export it again",
                )
            )
        elif unit.version is not None and unit.version != paragraph.version:
            by = f" by {paragraph.updated_by}" if paragraph.updated_by else ""
            report.refused.append(
                RefusedUnit(
                    unit.id,
                    f"changed{by} in the project since export "
                    f"(version {unit.version} -> {paragraph.version})",
                )
            )
        else:
            edits.append(TargetEdit(paragraph.id, paragraph.version, unit.target))
    if edits:
        report.applied = queries.apply_imported_targets(
            edits, actor, note=f"imported from {file.name}"
        )
    return report
