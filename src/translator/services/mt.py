"""Machine-translation use cases: model packages, and pre-translating a project.

`translate_project` checks that a model exists for every direction with work before it
touches anything, so a missing model changes nothing; then one `TranslationRun` commits
batch by batch. Glossary terms are enforced by default (the project's term guard), so the
CLI and the TUI get enforcement without asking for it; `guard=None` opts out.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from translator.core.errors import DocumentNotFound, TranslatorError
from translator.core.mt import TermGuard, TranslationEngine
from translator.mt.argos_packages import (
    INSTALL_HINT,
    InstalledModel,
    find_model,
    install_from_index,
    install_package_file,
    installed_models,
)
from translator.mt.argos_packages import remove_model as remove_package
from translator.mt.pipeline import MtSummary, Progress, TranslationRun
from translator.project import MtSettings, Project
from translator.store import ProjectStore
from translator.store.mt_queries import MtParagraph, MtQueries

EngineFactory = Callable[[InstalledModel, MtSettings], TranslationEngine]


class GuardChoice(enum.Enum):
    """The default of `translate_project(guard=...)`: a sentinel, since None means "no guard"."""

    PROJECT_GLOSSARY = "project-glossary"


PROJECT_GLOSSARY = GuardChoice.PROJECT_GLOSSARY
GuardOption = TermGuard | None | Literal[GuardChoice.PROJECT_GLOSSARY]


class ModelMissing(TranslatorError):
    """A direction with work has no installed model; nothing was translated."""


def list_models() -> list[InstalledModel]:
    return installed_models()


def install_model_file(path: Path) -> InstalledModel:
    return install_package_file(path)


def install_model_from_index(from_code: str, to_code: str) -> InstalledModel:
    return install_from_index(from_code, to_code)


def remove_model(from_code: str, to_code: str) -> InstalledModel:
    return remove_package(from_code, to_code)


def argos_engine(model: InstalledModel, settings: MtSettings) -> TranslationEngine:
    """The production engine; tests and benchmarks may pass another factory."""
    from translator.mt.engine import CTranslate2Engine, EngineOptions

    return CTranslate2Engine(
        model,
        EngineOptions(
            device=settings.device,
            compute_type=settings.compute_type,
            beam_size=settings.beam_size,
            max_batch_size=settings.max_batch_size,
            max_length_ratio=settings.max_length_ratio,
            intra_threads=settings.threads,
        ),
    )


@dataclass(frozen=True, slots=True)
class TranslationPlan:
    """What a run would do: paragraphs per direction, and directions lacking a model."""

    paragraphs: list[MtParagraph]
    models: Mapping[tuple[str, str], InstalledModel]
    missing: list[tuple[str, str]]

    @property
    def sentences(self) -> int:
        return sum(len(paragraph.sentences) for paragraph in self.paragraphs)


def missing_models_message(missing: list[tuple[str, str]]) -> str:
    pairs = ", ".join(f"{source}→{target}" for source, target in missing)
    first_source, first_target = missing[0]
    return (
        f"no machine-translation model installed for {pairs}; install one with "
        f"`{INSTALL_HINT}` or `translator models install {first_source} {first_target}`"
    )


def _mt_store(store: ProjectStore) -> MtQueries:
    if not isinstance(store, MtQueries):
        raise TranslatorError("this project store does not support machine translation")
    return store


def project_term_guard(project: Project, store: ProjectStore) -> TermGuard:
    """The glossary's guard over the project's term base (seeded with the shipped one)."""
    # Imported here: the glossary loads pymorphy3's dictionaries, which `models list` and
    # the other MT commands do not need.
    from translator.services.glossary import term_guard

    return term_guard(project, store)


def plan_translation(
    store: ProjectStore, *, document: str | None = None, retranslate: bool = False
) -> TranslationPlan:
    mt_store = _mt_store(store)
    document_id = None
    if document is not None:
        found = store.find_document(document)
        if found is None:
            raise DocumentNotFound(f"no document named '{document}' in this project")
        document_id = found.id
    paragraphs = mt_store.paragraphs_for_mt(document_id, retranslate)
    directions = sorted({(p.source_lang, p.target_lang) for p in paragraphs if p.sentences})
    models: dict[tuple[str, str], InstalledModel] = {}
    missing: list[tuple[str, str]] = []
    for source, target in directions:
        model = find_model(source, target)
        if model is None:
            missing.append((source, target))
        else:
            models[(source, target)] = model
    return TranslationPlan(paragraphs, models, missing)


def translate_project(
    project: Project,
    store: ProjectStore,
    actor: str,
    *,
    document: str | None = None,
    retranslate: bool = False,
    skip_missing: bool = False,
    engine_factory: EngineFactory = argos_engine,
    guard: GuardOption = PROJECT_GLOSSARY,
    progress: Progress | None = None,
) -> tuple[MtSummary, TranslationPlan]:
    """Machine-translate the project's `new` paragraphs (and `machine` ones if `retranslate`).

    With a model missing for a needed direction: ModelMissing, nothing changed; with
    `skip_missing`, the directions that have a model are translated and the plan says which
    were skipped. `guard`: the project glossary's term guard unless given one, or None for
    raw MT (the glossary checks still run on the result).
    """
    plan = plan_translation(store, document=document, retranslate=retranslate)
    if plan.missing and not skip_missing:
        raise ModelMissing(missing_models_message(plan.missing))
    paragraphs = [p for p in plan.paragraphs if (p.source_lang, p.target_lang) in plan.models]
    if not paragraphs:
        return MtSummary(), plan
    if guard is PROJECT_GLOSSARY:
        guard = project_term_guard(project, store)
    settings = project.config.mt
    engines = {
        direction: engine_factory(model, settings) for direction, model in plan.models.items()
    }
    run = TranslationRun(
        _mt_store(store),
        engines,
        actor,
        batch_size=settings.max_batch_size,
        guard=guard,
        progress=progress,
    )
    return run.run(paragraphs), plan
