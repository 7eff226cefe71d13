"""Glossary enforcement in MT (issue 4): `translate` protects terms with the project's
glossary by default, never leaves a required rendering silently missing, and the
term-enforcement check reports what the guard flagged. Structure, not meaning."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import RunCli, write
from tests.mt_support import Packages, packages, use_fast_settings
from translator import services
from translator.mt.argos_packages import find_model
from translator.mt.assemble import normalise_sentence
from translator.mt.synthetic import CopyEngine
from translator.project import Project
from translator.services import glossary as glossary_services
from translator.services import mt as mt_services
from translator.store import SqliteStore

__all__ = ["packages"]

RU_TEXT = (
    "Суд назначил Соколову наказание в колонии строгого режима. "
    "Члены ОНК посетили его в СИЗО.\n\n"
    "Адвокат подал апелляционную жалобу. Погода была хорошей.\n"
)
EN_TEXT = (
    "The appellate court upheld the sentence under Article 275 of the Criminal Code. "
    "Members of the ONK visited the pre-trial detention centre.\n"
)


@pytest.fixture
def term_project(project: Project, run_cli: RunCli, packages: Packages, tmp_path: Path) -> Project:
    """Both tiny models installed; a Russian and an English text full of glossary terms."""
    use_fast_settings(project)
    for package in (packages.ru_en, packages.en_ru):
        assert run_cli("models", "install", package).exit_code == 0
    sources = [write(tmp_path / "ru_terms.txt", RU_TEXT), write(tmp_path / "en_terms.txt", EN_TEXT)]
    assert run_cli("--project", project.root, "import", *sources).exit_code == 0
    return services.locate_project(project.root)


def _open(project: Project) -> SqliteStore:
    store = services.open_project_store(project)
    assert isinstance(store, SqliteStore)
    return store


def _enforcement_report(project: Project, store: SqliteStore) -> tuple[int, int]:
    """Check every sentence: each required rendering is in its MT or the sentence is flagged.

    Returns (sentences with terms, sentences whose MT holds every required rendering)."""
    index = glossary_services.project_index(project, store)
    with_terms = complete = 0
    for document in store.documents():
        source, target = document.source_lang, document.target_lang
        for paragraph in store.paragraphs(document.id):
            flagged = {position for position, _ in store.mt_problems(paragraph.id)}
            for sentence in store.sentences(paragraph.id):
                required = [
                    match
                    for match in index.find(sentence.source_text, source)
                    if index.rendering(match, target) is not None
                ]
                if not required:
                    continue
                with_terms += 1
                assert sentence.machine_translation is not None
                found = index.find(sentence.machine_translation, target)
                present = all(index.satisfied_by(match, found) for match in required)
                complete += present
                assert present or sentence.position in flagged, (
                    f"silently missing: «{sentence.source_text}» -> "
                    f"«{sentence.machine_translation}»"
                )
    return with_terms, complete


def test_translate_enforces_the_glossary_by_default(term_project: Project, run_cli: RunCli) -> None:
    result = run_cli("--project", term_project.root, "translate")
    assert result.exit_code == 0, result.stderr
    with _open(term_project) as store:
        # The model saw the sentences with their terms protected by markers.
        guard = mt_services.project_term_guard(term_project, store)
        model_inputs: dict[str, list[str]] = {}
        for document in store.documents():
            lang_pair = (document.source_lang, document.target_lang)
            model = find_model(*lang_pair)
            assert model is not None
            for paragraph in store.paragraphs(document.id):
                for sentence in store.sentences(paragraph.id):
                    protected = guard.protect(normalise_sentence(sentence.source_text), *lang_pair)
                    model_inputs.setdefault(model.model_id, []).append(
                        normalise_sentence(protected.text)
                    )
        assert sum("ZX1" in key for keys in model_inputs.values() for key in keys) >= 4
        for model_id, keys in model_inputs.items():
            assert set(store.mt_cache_get(model_id, keys)) == set(keys)

        with_terms, _ = _enforcement_report(term_project, store)
        assert with_terms >= 5
        problems = store.paragraphs_with_mt_problems()
        assert problems  # random weights garble markers: the guard must say so

    report = run_cli(
        "--project", term_project.root, "check", "--kind", "term-enforcement", "--json"
    )
    assert report.exit_code == 0, report.stderr
    findings = json.loads(report.stdout)
    reported = {(tuple(f["paragraphs"]), f["message"]) for f in findings}
    expected = {
        ((paragraph_id,), problem) for paragraph_id, found in problems.items() for problem in found
    }
    assert reported == expected
    assert all(f["kind"] == "term-enforcement" for f in findings)


def test_no_glossary_sends_the_sentences_as_they_are(
    term_project: Project, run_cli: RunCli
) -> None:
    result = run_cli("--project", term_project.root, "translate", "--no-glossary")
    assert result.exit_code == 0, result.stderr
    with _open(term_project) as store:
        for document in store.documents():
            model = find_model(document.source_lang, document.target_lang)
            assert model is not None
            keys = [
                normalise_sentence(sentence.source_text)
                for paragraph in store.paragraphs(document.id)
                for sentence in store.sentences(paragraph.id)
            ]
            assert set(store.mt_cache_get(model.model_id, keys)) == set(keys)
        assert store.paragraphs_with_mt_problems() == {}


def test_a_model_that_keeps_markers_gets_the_renderings_in(term_project: Project) -> None:
    """With a copy engine (markers come back intact) the guard puts the renderings in
    itself; whatever it cannot settle (a case it cannot tell) is flagged, never dropped."""
    with _open(term_project) as store:
        summary, _ = mt_services.translate_project(
            term_project, store, "tester", engine_factory=lambda model, settings: CopyEngine()
        )
        assert summary.total().failed == 0
        with_terms, complete = _enforcement_report(term_project, store)
        assert with_terms >= 5
        assert complete == with_terms
        for document in store.documents():
            for paragraph in store.paragraphs(document.id):
                assert "ZX" not in paragraph.target_text
