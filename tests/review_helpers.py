"""Helpers for review and TUI tests: a small imported document, roles, machine targets,
and name variants found by a real check run."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from tests.checks_support import add_document
from tests.conftest import write
from translator import services
from translator.core.models import Paragraph, ReviewStatus
from translator.project import Project
from translator.services import checks
from translator.store import ProjectStore
from translator.store.check_queries import StoredFinding

SOURCE_PARAGRAPHS = (
    "Суд приговорил Алексея Соколова к пяти годам колонии.",
    "Защита обжаловала приговор в апелляционном суде.",
    "Правозащитники признали Соколова политзаключённым.",
    "Заседание назначено на 12 марта.",
    "Адвокат заявил, что дело сфабриковано.",
)
MACHINE_TARGETS = (
    "The court sentenced Aleksei Sokolov to five years in a penal colony.",
    "The defence appealed the verdict in the appeal court.",
    "Human rights defenders recognised Sokolov as a political prisoner.",
    "The hearing is scheduled for 12 March.",
    "The lawyer said the case was fabricated.",
)


def import_document(
    project: Project, store: ProjectStore, name: str = "case.txt", count: int = 5
) -> list[Paragraph]:
    """Import `count` paragraphs (cycling the samples) and return them in order."""
    texts = [
        f"{SOURCE_PARAGRAPHS[i % len(SOURCE_PARAGRAPHS)]}"
        + (f" ({i})" if i >= len(SOURCE_PARAGRAPHS) else "")
        for i in range(count)
    ]
    path = write(project.root.parent / "sources" / name, "\n\n".join(texts) + "\n")
    services.import_sources(project, store, [path], actor="importer")
    document = store.find_document(name)
    assert document is not None
    return store.paragraphs(document.id)


def machine_translate(store: ProjectStore, paragraphs: list[Paragraph]) -> list[Paragraph]:
    """Give each paragraph a machine target, as the MT pipeline would (status `machine`)."""
    result = []
    for index, paragraph in enumerate(paragraphs):
        text = MACHINE_TARGETS[index % len(MACHINE_TARGETS)]
        result.append(
            store.save_target(
                paragraph.id, paragraph.version, text, ReviewStatus.MACHINE, "mt", action="mt"
            )
        )
    return result


def configure_roles(
    project: Project,
    translators: tuple[str, ...] = (),
    editors: tuple[str, ...] = (),
    publishers: tuple[str, ...] = (),
    four_eyes: bool = True,
) -> Project:
    """Rewrite translator.toml's roles and return the reloaded project."""

    def names(values: tuple[str, ...]) -> str:
        return "[" + ", ".join(f'"{value}"' for value in values) + "]"

    config = project.config_path
    config.write_text(
        f'[project]\nname = "test"\n\n[roles]\ntranslators = {names(translators)}\n'
        f"editors = {names(editors)}\npublishers = {names(publishers)}\n\n"
        f"[review]\nfour_eyes = {'true' if four_eyes else 'false'}\n",
        encoding="utf-8",
    )
    return services.locate_project(Path(project.root))


def run_async(test: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., None]:
    """Run an async Pilot test with asyncio (no async pytest plugin is installed)."""

    @functools.wraps(test)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        asyncio.run(test(*args, **kwargs))

    return wrapper


# Planted name variants for the conflicts screen: Russian sources tie every English
# spelling to one person; the real name check then stores a first-name cluster ("Dmitrii",
# "Dmitriy", "Dmitry") and a surname cluster (the typo "Zhurravlev") separately. The judge
# shares the first name but is another person, so no resolve may touch him.
NAME_VARIANT_PAIRS = (
    (
        "Дмитрий Журавлев осужден на 13 лет. Приговор обжалован.",
        "Dmitrii Zhuravlev was sentenced to 13 years. The verdict was appealed.",
    ),
    ("Дмитрия Журавлева перевели в ИК-6.", "Dmitry Zhuravlev was moved to IK-6."),
    (
        "Дмитрий Журавлев подал жалобу через адвоката.",
        "Dmitrii Zhuravlev complained via his lawyer.",
    ),
    ("Дмитрий Журавлев болен.", "Dmitriy Zhuravlev is ill."),
    ("Журавлев объявил голодовку.", "Zhurravlev went on hunger strike."),
    ("Судья Дмитрий Колесников огласил приговор.", "Judge Dmitry Kolesnikov read the verdict."),
)


def import_name_variants(
    project: Project, store: ProjectStore, name: str = "names.txt"
) -> list[Paragraph]:
    """Import NAME_VARIANT_PAIRS with machine targets and run the real checks over the
    project, so the stored name-variant findings are exactly what the check produces."""
    paragraphs = add_document(project, store, name, NAME_VARIANT_PAIRS, ReviewStatus.MACHINE)
    checks.run_checks(project, store)
    return paragraphs


def name_variant_findings(store: ProjectStore) -> list[StoredFinding]:
    """The open name-variant findings, as the checks stored them."""
    return checks.findings_for(store, kinds=["name-variant"])


def finding_spelling(stored: StoredFinding, spelling: str) -> bool:
    spellings = stored.finding.data.get("spellings", {})
    return isinstance(spellings, dict) and spelling in spellings


async def settle(pilot: Pilot[Any]) -> None:
    """Wait until no worker runs and every message they posted was handled (a handler may
    start another worker: an apply reloads the screen, which asks for a new preview)."""
    for _ in range(10):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if not any(worker.is_running for worker in pilot.app.workers):
            await pilot.pause()
            return
