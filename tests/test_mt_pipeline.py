"""The batch loop: an engine that works in the background gets the next batch before the
current one is stored, and a batch it fails on is retried sentence by sentence."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from tests.conftest import RunCli, write
from tests.mt_support import Packages, packages, use_fast_settings
from translator import services
from translator.core.models import ReviewStatus
from translator.mt.pipeline import SubmittingEngine
from translator.mt.synthetic import CopyEngine
from translator.project import Project
from translator.services import mt as mt_services
from translator.store import SqliteStore

__all__ = ["packages"]


class BackgroundEngine:
    """Records, at each submit, how many cache rows were already committed."""

    model_id = "fake:background"

    def __init__(self, store: SqliteStore) -> None:
        self.store = store
        self.committed_at_submit: list[int] = []
        self.fallback_calls: list[list[str]] = []

    def translate(self, sentences: Sequence[str], source_lang: str, target_lang: str) -> list[str]:
        self.fallback_calls.append(list(sentences))
        if any("poison" in sentence for sentence in sentences):
            raise RuntimeError("model crashed")
        return [sentence.upper() for sentence in sentences]

    def submit(
        self, sentences: Sequence[str], source_lang: str, target_lang: str
    ) -> Callable[[], list[str]]:
        self.committed_at_submit.append(self.store.mt_cache_count())
        batch = list(sentences)

        def collect() -> list[str]:
            if any("poison" in sentence for sentence in batch):
                raise RuntimeError("model crashed")
            return [sentence.upper() for sentence in batch]

        return collect


def _project_with(
    project: Project, run_cli: RunCli, packages: Packages, tmp_path: Path, sentences: list[str]
) -> Project:
    use_fast_settings(project)  # batches of 8
    assert run_cli("models", "install", packages.en_ru).exit_code == 0
    text = "\n\n".join(" ".join(sentences[i : i + 2]) for i in range(0, len(sentences), 2))
    source = write(tmp_path / "en_batches.txt", text + "\n")
    assert run_cli("--project", project.root, "import", source).exit_code == 0
    return services.locate_project(project.root)


def test_the_next_batch_is_submitted_before_the_current_one_is_stored(
    project: Project, run_cli: RunCli, packages: Packages, tmp_path: Path
) -> None:
    sentences = [f"Sentence number {n:02d} is here." for n in range(20)]
    project = _project_with(project, run_cli, packages, tmp_path, sentences)
    with services.open_project_store(project) as store:
        assert isinstance(store, SqliteStore)
        engine = BackgroundEngine(store)
        assert isinstance(engine, SubmittingEngine)
        assert not isinstance(CopyEngine(), SubmittingEngine)
        summary, _ = mt_services.translate_project(
            project, store, "tester", engine_factory=lambda m, s: engine, guard=None
        )
        # batches of 8, 8, 4: the second goes out before the first is committed, the third
        # once the first is committed but before the second is
        assert engine.committed_at_submit == [0, 0, 8]
        assert engine.fallback_calls == []
        assert summary.total().translated == store.mt_cache_count() == 20
        paragraphs = [p for d in store.documents() for p in store.paragraphs(d.id)]
        assert {p.status for p in paragraphs} == {ReviewStatus.MACHINE}
        assert (
            paragraphs[0].target_text == "SENTENCE NUMBER 00 IS HERE. SENTENCE NUMBER 01 IS HERE."
        )


def test_a_failed_background_batch_is_retried_sentence_by_sentence(
    project: Project, run_cli: RunCli, packages: Packages, tmp_path: Path
) -> None:
    sentences = [f"Sentence number {n:02d} is here." for n in range(11)] + ["A poison pill."]
    project = _project_with(project, run_cli, packages, tmp_path, sentences)
    with services.open_project_store(project) as store:
        assert isinstance(store, SqliteStore)
        engine = BackgroundEngine(store)
        summary, _ = mt_services.translate_project(
            project, store, "tester", engine_factory=lambda m, s: engine, guard=None
        )
        total = summary.total()
        assert (total.translated, total.failed) == (11, 1)
        # only the batch holding the poison went through the one-by-one fallback
        poisoned = next(call for call in engine.fallback_calls if len(call) > 1)
        assert "A poison pill." in poisoned
        assert all(len(call) == 1 for call in engine.fallback_calls[1:])
        assert len(engine.fallback_calls) == 1 + len(poisoned)
        statuses = [p.status for d in store.documents() for p in store.paragraphs(d.id)]
        assert statuses.count(ReviewStatus.NEW) == 1  # the paragraph with the poison
