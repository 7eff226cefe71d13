"""Target sentences split in worker processes give the same files as splitting in-process."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_formats_base import add_approved_document
from translator.project import Project
from translator.services import export as publishing
from translator.services import export_segments
from translator.store import ProjectStore


@pytest.mark.parametrize("format_name", ["xliff2"])
def test_parallel_segmenting_writes_the_same_file(
    project: Project,
    store: ProjectStore,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    format_name: str,
) -> None:
    for name in ("one.txt", "two.txt", "three.txt"):
        add_approved_document(store, name)
    inline = tmp_path / f"inline.{format_name}"
    publishing.export(project, store, format=format_name, out=inline)
    parallel = tmp_path / f"parallel.{format_name}"
    workers: list[int] = []
    real_pool = export_segments.ProcessPoolExecutor

    def counting_pool(max_workers: int) -> object:
        workers.append(max_workers)
        return real_pool(max_workers=max_workers)

    monkeypatch.setattr(export_segments, "PARALLEL_SEGMENT_MIN_UNITS", 1)
    monkeypatch.setattr(export_segments, "SEGMENT_CHUNK", 1)
    monkeypatch.setattr(export_segments.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(export_segments, "ProcessPoolExecutor", counting_pool)
    publishing.export(project, store, format=format_name, out=parallel)
    assert workers == [2]
    assert parallel.read_text(encoding="utf-8") == inline.read_text(encoding="utf-8")
    assert "The defence will appeal the decision." in parallel.read_text(encoding="utf-8")
