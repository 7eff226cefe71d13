"""`translator translate`: the whole real path with tiny models; structure, not meaning."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from tests.conftest import RunCli, sample_files, write
from tests.mt_support import Packages, packages, set_mt_settings, use_fast_settings
from translator import services
from translator.core.models import Paragraph, ReviewStatus
from translator.core.mt import ProtectedSentence, ProtectedTerm, RestoredSentence
from translator.mt.argos_packages import InstalledModel, find_model
from translator.project import MtSettings, Project
from translator.services import mt as mt_services
from translator.store import SqliteStore

__all__ = ["packages"]


@pytest.fixture
def mt_project(project: Project, run_cli: RunCli, packages: Packages) -> Project:
    """The sample corpus imported, both models installed, settings for a tiny model."""
    use_fast_settings(project)
    assert run_cli("models", "install", packages.ru_en).exit_code == 0
    assert run_cli("models", "install", packages.en_ru).exit_code == 0
    assert run_cli("--project", project.root, "import", *sample_files()).exit_code == 0
    return services.locate_project(project.root)


def _open(project: Project) -> SqliteStore:
    store = services.open_project_store(project)
    assert isinstance(store, SqliteStore)
    return store


def _all_paragraphs(store: SqliteStore) -> list[Paragraph]:
    return [p for d in store.documents() for p in store.paragraphs(d.id)]


class CountingEngine:
    """The real engine, counting what reaches the model."""

    calls: list[list[str]]

    def __init__(self, model: InstalledModel, settings: MtSettings) -> None:
        self.inner = mt_services.argos_engine(model, settings)
        self.calls = []

    @property
    def model_id(self) -> str:
        return self.inner.model_id

    def translate(self, sentences: Sequence[str], source_lang: str, target_lang: str) -> list[str]:
        self.calls.append(list(sentences))
        return self.inner.translate(sentences, source_lang, target_lang)


def _counting_factory() -> tuple[list[CountingEngine], mt_services.EngineFactory]:
    engines: list[CountingEngine] = []

    def factory(model: InstalledModel, settings: MtSettings) -> CountingEngine:
        engines.append(CountingEngine(model, settings))
        return engines[-1]

    return engines, factory


def test_translate_sample_corpus_structure(mt_project: Project, run_cli: RunCli) -> None:
    result = run_cli("--project", mt_project.root, "translate")
    assert result.exit_code == 0, result.stderr
    assert "done: " in result.stdout
    with _open(mt_project) as store:
        paragraphs = _all_paragraphs(store)
        assert paragraphs
        for paragraph in paragraphs:
            assert paragraph.status is ReviewStatus.MACHINE
            assert paragraph.target_text.strip()
            sentences = store.sentences(paragraph.id)
            pieces = [s.machine_translation for s in sentences]
            assert all(piece is not None for piece in pieces)
            assert len(pieces) == len(sentences)
            assert store.machine_translation(paragraph.id) == paragraph.target_text
            history = store.history(paragraph.id)
            assert [(h.action, h.old_status, h.new_status) for h in history] == [
                ("machine-translate", ReviewStatus.NEW, ReviewStatus.MACHINE)
            ]
            assert history[0].actor == "tester"
        directions = {(d.source_lang, d.target_lang) for d in store.documents()}
        assert directions == {("ru", "en"), ("en", "ru")}
        counts = store.status_counts()
        assert counts.counts[ReviewStatus.MACHINE] == len(paragraphs)


def test_summary_counts_and_second_run_uses_nothing(mt_project: Project) -> None:
    engines, factory = _counting_factory()
    with _open(mt_project) as store:
        total_sentences = sum(len(store.sentences(p.id)) for p in _all_paragraphs(store))
        summary, _ = mt_services.translate_project(
            mt_project, store, "tester", engine_factory=factory
        )
        total = summary.total()
        sent = [s for engine in engines for call in engine.calls for s in call]
        assert total.sentences == total_sentences
        assert total.translated == len(sent) == len(set(sent))
        assert total.translated + total.cached + total.failed == total_sentences
        assert total.failed == 0
        assert total.paragraphs == len(_all_paragraphs(store))
        assert store.mt_cache_count() == total.translated
        assert all(len(call) <= 8 for engine in engines for call in engine.calls)
        # sentences are sent shortest first within a direction
        for engine in engines:
            lengths = [len(s) for call in engine.calls for s in call]
            assert lengths == sorted(lengths)
        again, _ = mt_services.translate_project(
            mt_project, store, "tester", engine_factory=factory
        )
        assert again.total().sentences == 0
        redo_engines, redo_factory = _counting_factory()
        redo, _ = mt_services.translate_project(
            mt_project, store, "tester", retranslate=True, engine_factory=redo_factory
        )
        assert redo.total().translated == 0
        assert redo.total().cached == total_sentences
        assert redo.total().unchanged == total.paragraphs  # same model: nothing rewritten
        assert all(not engine.calls for engine in redo_engines)


def test_duplicate_paragraphs_and_sentences_are_translated_once(
    project: Project, run_cli: RunCli, packages: Packages, tmp_path: Path
) -> None:
    use_fast_settings(project)
    run_cli("models", "install", packages.en_ru)
    repeated = "The court upheld the sentence. The defence will appeal."
    text = "\n\n".join(
        [repeated, "A new paragraph. The court upheld the sentence.", repeated, repeated]
    )
    source = write(tmp_path / "en_dupes.txt", text + "\n")
    assert run_cli("--project", project.root, "import", source).exit_code == 0
    engines, factory = _counting_factory()
    with _open(project) as store:
        summary, _ = mt_services.translate_project(  # raw MT: the model sees the sentences
            services.locate_project(project.root),
            store,
            "tester",
            engine_factory=factory,
            guard=None,
        )
        sent = [s for call in engines[0].calls for s in call]
        assert sorted(sent) == sorted(
            ["The court upheld the sentence.", "The defence will appeal.", "A new paragraph."]
        )
        total = summary.total()
        assert (total.sentences, total.translated, total.cached) == (8, 3, 5)
        paragraphs = _all_paragraphs(store)
        assert [p.status for p in paragraphs] == [ReviewStatus.MACHINE] * 4
        assert paragraphs[0].target_text == paragraphs[2].target_text == paragraphs[3].target_text


def test_edited_paragraphs_untouched_and_retranslate_redoes_machine_only(
    mt_project: Project, run_cli: RunCli, packages: Packages
) -> None:
    assert run_cli("--project", mt_project.root, "translate").exit_code == 0
    with _open(mt_project) as store:
        document = next(d for d in store.documents() if d.source_lang == "ru")
        edited, approved, machine = store.paragraphs(document.id)[:3]
        store.save_target(edited.id, edited.version, "Human text.", ReviewStatus.EDITED, "ed")
        store.set_status(approved.id, approved.version, ReviewStatus.APPROVED, "ed")
        model_before = find_model("ru", "en")
    # a new model version for the pair: its output differs, so --retranslate rewrites
    assert run_cli("models", "install", packages.ru_en_v2).exit_code == 0
    plain = run_cli("--project", mt_project.root, "translate")
    assert "done: 0 paragraphs" in plain.stdout
    redo = run_cli("--project", mt_project.root, "translate", "--retranslate")
    assert redo.exit_code == 0, redo.stderr
    with _open(mt_project) as store:
        after = {p.id: p for p in _all_paragraphs(store)}
        assert after[edited.id].target_text == "Human text."
        assert after[edited.id].status is ReviewStatus.EDITED
        assert after[approved.id].status is ReviewStatus.APPROVED
        assert after[approved.id].target_text == approved.target_text
        assert after[machine.id].status is ReviewStatus.MACHINE
        assert after[machine.id].target_text != machine.target_text
        assert after[machine.id].version == machine.version + 1
        new_model = find_model("ru", "en")
        assert new_model is not None and model_before is not None
        assert store.mt_model_of(machine.id) == {new_model.model_id}
        assert store.mt_model_of(approved.id) == {model_before.model_id}


def test_missing_model_names_the_pair_and_changes_nothing(
    mt_project: Project, run_cli: RunCli, packages: Packages
) -> None:
    run_cli("models", "remove", "en", "ru")
    result = run_cli("--project", mt_project.root, "translate")
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "no machine-translation model installed for en→ru" in lines[0]
    assert "translator models install" in lines[0]
    with _open(mt_project) as store:
        assert store.status_counts().counts[ReviewStatus.NEW] == len(_all_paragraphs(store))
        assert store.mt_cache_count() == 0
    run_cli("models", "remove", "ru", "en")
    nothing = run_cli("--project", mt_project.root, "translate", "--skip-missing")
    assert nothing.exit_code == 0
    assert nothing.stdout.splitlines() == [  # exactly one line: what `make demo` shows
        "no machine-translation model installed for en→ru, ru→en; install one with "
        "`translator models install FILE.argosmodel` or `translator models install en ru`"
    ]
    run_cli("models", "install", packages.ru_en)
    skipping = run_cli("--project", mt_project.root, "translate", "--skip-missing")
    assert skipping.exit_code == 0
    assert "no machine-translation model installed for en→ru" in skipping.stdout
    with _open(mt_project) as store:
        for document in store.documents():
            counts = store.status_counts(document.id).counts
            done = ReviewStatus.MACHINE if document.source_lang == "ru" else ReviewStatus.NEW
            assert counts[done] == len(store.paragraphs(document.id))


def test_translate_one_document(mt_project: Project, run_cli: RunCli) -> None:
    name = sample_files()[0].name
    assert run_cli("--project", mt_project.root, "translate", "--doc", name).exit_code == 0
    with _open(mt_project) as store:
        for document in store.documents():
            counts = store.status_counts(document.id)
            expected = ReviewStatus.MACHINE if document.name == name else ReviewStatus.NEW
            assert counts.counts[expected] == counts.total
    unknown = run_cli("--project", mt_project.root, "translate", "--doc", "nope.txt")
    assert unknown.exit_code == 1
    assert "no document named 'nope.txt'" in unknown.stderr


class MarkerGuard:
    """Replaces 'court' by a marker; restore reports the marker lost when the model drops it."""

    fingerprint = "test-guard-1"

    def __init__(self) -> None:
        self.protected: list[str] = []

    def protect(self, sentence: str, source_lang: str, target_lang: str) -> ProtectedSentence:
        self.protected.append(sentence)
        if "court" not in sentence:
            return ProtectedSentence(original=sentence, text=sentence)
        term = ProtectedTerm(marker="T1", source="court", target="суд", concept_id="c1")
        return ProtectedSentence(sentence, sentence.replace("court", "T1"), (term,))

    def restore(self, translation: str, protected: ProtectedSentence) -> RestoredSentence:
        if not protected.terms:
            return RestoredSentence(translation)
        return RestoredSentence(f"{translation} [суд]", ("marker T1 lost",))


def test_term_guard_hook(
    project: Project, run_cli: RunCli, packages: Packages, tmp_path: Path
) -> None:
    use_fast_settings(project)
    run_cli("models", "install", packages.en_ru)
    text = "The court met. Nobody came.\n\nRain fell. The court  adjourned.\n"
    assert (
        run_cli("--project", project.root, "import", write(tmp_path / "g.txt", text)).exit_code == 0
    )
    guard = MarkerGuard()
    engines, factory = _counting_factory()
    with _open(project) as store:
        mt_services.translate_project(
            services.locate_project(project.root),
            store,
            "tester",
            engine_factory=factory,
            guard=guard,
        )
        sent = {s for call in engines[0].calls for s in call}
        assert sent == {"The T1 met.", "Nobody came.", "Rain fell.", "The T1 adjourned."}
        assert "The court adjourned." in guard.protected  # normalised before protection
        first, second = _all_paragraphs(store)
        assert store.mt_problems(first.id) == [(0, ("marker T1 lost",))]
        assert store.mt_problems(second.id) == [(1, ("marker T1 lost",))]
        assert store.paragraphs_with_mt_problems() == {
            first.id: ["marker T1 lost"],
            second.id: ["marker T1 lost"],
        }
        assert first.target_text.split(" [суд]")[0]
        assert "[суд]" in first.target_text and "[суд]" in second.target_text


class FailingEngine:
    """Fails on any batch holding 'poison', so the pipeline retries sentence by sentence."""

    model_id = "fake:failing"

    def translate(self, sentences: Sequence[str], source_lang: str, target_lang: str) -> list[str]:
        if any("poison" in s for s in sentences):
            raise RuntimeError("model crashed")
        return [s.upper() for s in sentences]


def test_failed_sentences_leave_their_paragraph_new(
    project: Project, run_cli: RunCli, packages: Packages, tmp_path: Path
) -> None:
    run_cli("models", "install", packages.en_ru)
    text = "One here. Two here.\n\nThree poison here. Four.\n\nFive here.\n"
    run_cli("--project", project.root, "import", write(tmp_path / "f.txt", text))
    with _open(project) as store:
        summary, _ = mt_services.translate_project(
            project, store, "tester", engine_factory=lambda model, settings: FailingEngine()
        )
        total = summary.total()
        assert (total.failed, total.translated, total.paragraphs) == (1, 4, 2)
        statuses = [p.status for p in _all_paragraphs(store)]
        assert statuses == [ReviewStatus.MACHINE, ReviewStatus.NEW, ReviewStatus.MACHINE]
        assert _all_paragraphs(store)[0].target_text == "ONE HERE. TWO HERE."


def test_a_paragraph_edited_during_the_run_is_not_overwritten(
    project: Project, run_cli: RunCli, packages: Packages, tmp_path: Path
) -> None:
    run_cli("models", "install", packages.en_ru)
    text = "Alpha one.\n\nBeta two is longer than alpha.\n"
    run_cli("--project", project.root, "import", write(tmp_path / "e.txt", text))
    other = _open(project)

    class EditingEngine(FailingEngine):
        def translate(self, sentences: Sequence[str], source: str, target: str) -> list[str]:
            paragraph = other.paragraphs(1)[1]
            if paragraph.status is ReviewStatus.NEW:  # someone saves while MT runs
                other.save_target(
                    paragraph.id, paragraph.version, "Mine.", ReviewStatus.EDITED, "x"
                )
            return super().translate(sentences, source, target)

    with _open(project) as store, other:
        summary, _ = mt_services.translate_project(
            project, store, "tester", engine_factory=lambda model, settings: EditingEngine()
        )
        assert (summary.total().paragraphs, summary.total().skipped) == (1, 1)
        first, second = _all_paragraphs(store)
        assert (first.status, second.status) == (ReviewStatus.MACHINE, ReviewStatus.EDITED)
        assert second.target_text == "Mine."


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ("beam_size = 0", "mt.beam_size must be a whole number"),
        ('device = "tpu"', "mt.device must be auto, cpu or cuda"),
        ("max_batch_size = true", "mt.max_batch_size must be a whole number"),
        ("max_length_ratio = 0", "mt.max_length_ratio must be a number"),
    ],
)
def test_bad_mt_settings_are_refused(
    project: Project, run_cli: RunCli, setting: str, message: str
) -> None:
    key, value = setting.split(" = ")
    set_mt_settings(project, **{key: value})
    result = run_cli("--project", project.root, "translate")
    assert result.exit_code == 1
    assert message in result.stderr
    assert str(project.config_path) in result.stderr


def test_default_mt_settings_from_a_new_project(project: Project) -> None:
    assert project.config.mt == MtSettings()
    assert "[mt]" in project.config_path.read_text(encoding="utf-8")
