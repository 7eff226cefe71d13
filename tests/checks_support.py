"""Building small projects with translated paragraphs for the checks tests."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from translator import services
from translator.core.models import Paragraph, ReviewStatus
from translator.project import Project
from translator.store import ProjectStore


def add_document(
    project: Project,
    store: ProjectStore,
    name: str,
    pairs: Sequence[tuple[str, str]],
    status: ReviewStatus = ReviewStatus.EDITED,
    lang: str = "ru",
) -> list[Paragraph]:
    """Import `name` with the given sources (one paragraph each), then save the targets."""
    folder = project.root / "sources"
    folder.mkdir(exist_ok=True)
    path = Path(folder / name)
    path.write_text("\n\n".join(source for source, _ in pairs) + "\n", encoding="utf-8")
    services.import_sources(project, store, [path], actor="importer", lang=lang)
    document = store.find_document(name)
    assert document is not None
    paragraphs = store.paragraphs(document.id)
    assert len(paragraphs) == len(pairs), [p.source_text for p in paragraphs]
    for paragraph, (_, target) in zip(paragraphs, pairs, strict=True):
        if target:
            set_target(store, paragraph.id, target, status)
    return store.paragraphs(document.id)


def set_target(
    store: ProjectStore,
    paragraph_id: int,
    target: str,
    status: ReviewStatus = ReviewStatus.EDITED,
    actor: str = "translator1",
) -> Paragraph:
    paragraph = store.paragraph(paragraph_id)
    return store.save_target(paragraph.id, paragraph.version, target, status, actor)
