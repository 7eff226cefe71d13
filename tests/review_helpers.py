"""Helpers for review and TUI tests: a small imported document, roles, machine targets."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

from tests.conftest import write
from translator import services
from translator.core.findings import Finding, Severity
from translator.core.models import Paragraph, ReviewStatus
from translator.project import Project
from translator.store import ProjectStore
from translator.store.check_queries import FindingsWrite, NewFinding

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


def store_name_variant(store: ProjectStore, project: Project) -> tuple[int, int]:
    """Store a name-variant finding as the name check does (its data layout)."""
    paragraphs = store.paragraphs(store.documents()[0].id)
    first, second = paragraphs[5], paragraphs[6]
    store.save_target(
        first.id, first.version, "Aleksei Sokolov was moved.", ReviewStatus.MACHINE, "mt", "mt"
    )
    store.save_target(
        second.id, second.version, "Alexey Sokolov appealed.", ReviewStatus.MACHINE, "mt", "mt"
    )
    finding = Finding(
        "name-variant",
        Severity.WARNING,
        "Aleksei Sokolov: spelt several ways: Aleksei Sokolov (1), Alexey Sokolov (1)",
        (first.id, second.id),
        {
            "spellings": {"Aleksei Sokolov": 1, "Alexey Sokolov": 1},
            "canonical": "Aleksei Sokolov",
            "entity": "Алексей Соколов",
            "paragraphs_by_spelling": {
                "Aleksei Sokolov": [first.id],
                "Alexey Sokolov": [second.id],
            },
        },
    )
    store.write_findings(  # type: ignore[attr-defined]
        FindingsWrite(clear_kinds=["name-variant"], findings=[NewFinding(finding, "sokolov")])
    )
    return first.id, second.id
