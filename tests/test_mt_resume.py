"""Resumability: `translator translate` killed mid-run (SIGKILL, Ctrl-C) loses at most the
batch in flight, leaves no paragraph half-written, and the next run carries on."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import pytest

from tests.conftest import RunCli, write
from tests.mt_support import medium_dimensions, paragraphs_text, use_fast_settings
from translator import services
from translator.core.models import ReviewStatus
from translator.mt.argos_packages import InstalledModel
from translator.mt.assemble import normalise_sentence
from translator.mt.synthetic import build_argos_package
from translator.project import MtSettings, Project
from translator.services import mt as mt_services
from translator.store import SqliteStore

pytestmark = pytest.mark.slow

SUBJECTS = ("The court", "His lawyer", "The prosecutor", "The colony", "The commission")
VERBS = ("heard", "rejected", "postponed", "reviewed", "recorded")
OBJECTS = ("appeal", "complaint", "petition", "request", "motion")


def _sentences(count: int) -> list[str]:
    """Distinct sentences of varied length, so batches differ like real text."""
    return [
        f"{SUBJECTS[i % 5]} {VERBS[(i // 5) % 5]} the {OBJECTS[(i // 25) % 5]} "
        f"number {i}{' on the same day' * (i % 3)}."
        for i in range(count)
    ]


@pytest.fixture(scope="module")
def medium_package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("medium-model")
    return build_argos_package(folder / "en_ru.argosmodel", "en", "ru", medium_dimensions())


@pytest.fixture
def big_project(
    project: Project, run_cli: RunCli, medium_package: Path, tmp_path: Path
) -> tuple[Project, int]:
    """About eighty batches of 8 sentences; returns (project, distinct sentences)."""
    use_fast_settings(project)
    assert run_cli("models", "install", medium_package).exit_code == 0
    sentences = _sentences(640)
    text = paragraphs_text(sentences, 4) + "\n" + paragraphs_text(sentences[:40], 4)
    source = write(tmp_path / "en_big.txt", text)
    assert run_cli("--project", project.root, "import", source).exit_code == 0
    return services.locate_project(project.root), len(sentences)


def _cache_rows(database: Path) -> int:
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=5) as db:
        return int(db.execute("SELECT COUNT(*) FROM mt_cache").fetchone()[0])


def _start_and_interrupt(project: Project, sig: signal.Signals) -> tuple[int, str, int]:
    """Run translate in a subprocess; signal it once two batches are committed."""
    process = subprocess.Popen(
        [sys.executable, "-m", "translator", "--project", str(project.root), "translate"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    seen = 0
    while time.monotonic() < deadline and process.poll() is None:
        seen = _cache_rows(project.database_path)
        if seen >= 16:
            process.send_signal(sig)
            break
        time.sleep(0.02)
    _, stderr = process.communicate(timeout=60)
    return process.returncode, stderr, seen


def _check_consistent(store: SqliteStore) -> tuple[int, int]:
    """Every paragraph is either untouched or whole; returns (machine, new) counts."""
    machine = new = 0
    for document in store.documents():
        for paragraph in store.paragraphs(document.id):
            pieces = [s.machine_translation for s in store.sentences(paragraph.id)]
            events = store.history(paragraph.id)
            if paragraph.status is ReviewStatus.MACHINE:
                machine += 1
                assert all(piece is not None for piece in pieces)
                assert store.machine_translation(paragraph.id) == paragraph.target_text
                assert [e.action for e in events] == ["machine-translate"]
            else:
                new += 1
                assert paragraph.status is ReviewStatus.NEW
                assert paragraph.target_text == ""
                assert pieces == [None] * len(pieces)
                assert events == []
    return machine, new


class CountingEngine:
    def __init__(self, model: InstalledModel, settings: MtSettings) -> None:
        self.inner = mt_services.argos_engine(model, settings)
        self.sent: list[str] = []

    @property
    def model_id(self) -> str:
        return self.inner.model_id

    def translate(self, sentences: Sequence[str], source: str, target: str) -> list[str]:
        self.sent.extend(sentences)
        return self.inner.translate(sentences, source, target)


def _resume(project: Project, distinct: int, cached_before: int) -> None:
    engines: list[CountingEngine] = []

    def factory(model: InstalledModel, settings: MtSettings) -> CountingEngine:
        engines.append(CountingEngine(model, settings))
        return engines[-1]

    with services.open_project_store(project) as opened:
        assert isinstance(opened, SqliteStore)
        # The model saw each sentence with its glossary terms protected (the default).
        guard = mt_services.project_term_guard(project, opened)
        model_inputs = [
            normalise_sentence(guard.protect(normalise_sentence(s), "en", "ru").text)
            for s in _sentences(distinct)
        ]
        assert len(set(model_inputs)) == distinct
        cached_keys = set(opened.mt_cache_get(engines_model_id(project), model_inputs))
        assert len(cached_keys) == cached_before
        summary, _ = mt_services.translate_project(
            project, opened, "tester", engine_factory=factory
        )
        sent = engines[0].sent
        assert summary.total().translated == len(sent) == distinct - cached_before
        assert not cached_keys & set(sent)  # nothing committed before is translated again
        machine, new = _check_consistent(opened)
        assert new == 0
        assert machine == opened.status_counts().total


def engines_model_id(project: Project) -> str:
    from translator.mt.argos_packages import find_model

    model = find_model("en", "ru")
    assert model is not None
    return model.model_id


def test_sigkill_mid_run_then_resume(big_project: tuple[Project, int]) -> None:
    project, distinct = big_project
    code, _, seen = _start_and_interrupt(project, signal.SIGKILL)
    assert code == -signal.SIGKILL
    cached = _cache_rows(project.database_path)
    assert seen <= cached < distinct, "the run finished before it could be killed"
    with services.open_project_store(project) as opened:
        assert isinstance(opened, SqliteStore)
        _, new = _check_consistent(opened)
        assert new > 0
    _resume(project, distinct, cached)


def test_ctrl_c_exits_130_and_keeps_committed_batches(big_project: tuple[Project, int]) -> None:
    project, distinct = big_project
    code, stderr, seen = _start_and_interrupt(project, signal.SIGINT)
    assert code == 130
    assert "interrupted" in stderr
    cached = _cache_rows(project.database_path)
    assert seen <= cached < distinct
    with services.open_project_store(project) as opened:
        assert isinstance(opened, SqliteStore)
        _check_consistent(opened)
    _resume(project, distinct, cached)
