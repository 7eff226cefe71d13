"""Real-world texts: a source that gains its last paragraph keeps every approval."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SHARED_SEEDS, write
from translator import services
from translator.core.models import ReviewStatus
from translator.ingest.paragraphs import split_paragraphs
from translator.project import Project
from translator.store import ProjectStore
from translator.update.align import ChangeKind

SEED_FILES = sorted(SHARED_SEEDS.glob("*.txt")) if SHARED_SEEDS.is_dir() else []


def without_last_paragraph(text: str) -> str:
    lines = text.rstrip().splitlines()
    return "\n".join(lines[:-1]).rstrip() + "\n"


@pytest.mark.parametrize("name", [path.name for path in SEED_FILES] or ["(no seeds)"])
def test_appending_the_last_paragraph_adds_one_and_keeps_all_approvals(
    seeds_dir: Path, name: str, project: Project, store: ProjectStore, tmp_path: Path
) -> None:
    full = (seeds_dir / name).read_text(encoding="utf-8")
    shortened = without_last_paragraph(full)
    # The construction is right only if it drops exactly the last paragraph.
    assert split_paragraphs(shortened, "text") == split_paragraphs(full, "text")[:-1]
    source = write(tmp_path / name, shortened)
    services.import_sources(project, store, [source], actor="tester")
    document = store.find_document(name)
    assert document is not None
    approved = {}
    for paragraph in store.paragraphs(document.id):
        saved = store.save_target(
            paragraph.id, paragraph.version, f"EN {paragraph.id}", ReviewStatus.APPROVED, "ed"
        )
        approved[saved.id] = saved

    write(source, full)
    report = services.import_sources(project, store, [source], actor="tester")

    [summary] = report.updated
    assert {kind: count for kind, count in summary.counts.items() if count} == {
        ChangeKind.UNCHANGED: len(approved),
        ChangeKind.NEW: 1,
    }
    assert summary.lost_approval == ()
    paragraphs = store.paragraphs(document.id)
    assert len(paragraphs) == len(approved) + 1
    *kept, last = paragraphs
    assert kept == list(approved.values())  # same rows, targets, statuses, versions, places
    assert (last.status, last.target_text) == (ReviewStatus.NEW, "")
