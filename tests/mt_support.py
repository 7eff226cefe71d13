"""Fixtures for the MT tests: tiny real Argos packages built once per session, helpers.

Import the fixtures into a test module (`from tests.mt_support import packages, ...`).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from translator.mt.synthetic import ModelDimensions, build_argos_package
from translator.project import Project


@dataclass(frozen=True)
class Packages:
    ru_en: Path
    en_ru: Path
    ru_en_v2: Path  # same pair, other weights: a model update
    folder: Path


@pytest.fixture(scope="session")
def packages(tmp_path_factory: pytest.TempPathFactory) -> Packages:
    folder = tmp_path_factory.mktemp("argos-models")
    return Packages(
        ru_en=build_argos_package(folder / "ru_en.argosmodel", "ru", "en", seed=1),
        en_ru=build_argos_package(folder / "en_ru.argosmodel", "en", "ru", seed=2),
        ru_en_v2=build_argos_package(
            folder / "ru_en_v2.argosmodel", "ru", "en", version="1.1", seed=3
        ),
        folder=folder,
    )


def set_mt_settings(project: Project, **values: str) -> None:
    """Set keys of the [mt] table of translator.toml (values as TOML literals)."""
    text = project.config_path.read_text(encoding="utf-8")
    if "[mt]\n" not in text:
        text += "\n[mt]\n"
    head, _, table = text.partition("[mt]\n")
    for key, value in values.items():
        table, found = re.subn(rf"(?m)^{key} = .*$", f"{key} = {value}", table)
        if not found:
            table = f"{key} = {value}\n{table}"
    project.config_path.write_text(f"{head}[mt]\n{table}", encoding="utf-8")


def use_fast_settings(project: Project, **values: str) -> None:
    """One thread and small batches: a tiny model is fastest so, and runs take many batches."""
    set_mt_settings(project, threads="1", max_batch_size="8", **values)


def rezip(source: Path, destination: Path, rename: dict[str, str | None]) -> Path:
    """Copy a package zip, renaming entries (None drops one): to make broken packages."""
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(destination, "w") as copy:
        for info in original.infolist():
            new_name = rename.get(info.filename, info.filename)
            if new_name is not None:
                copy.writestr(new_name, original.read(info.filename))
    return destination


def entry_names(package: Path) -> list[str]:
    with zipfile.ZipFile(package) as archive:
        return archive.namelist()


def medium_dimensions() -> ModelDimensions:
    """Slow enough per batch that a subprocess can be killed between commits."""
    return ModelDimensions(encoder_layers=2, decoder_layers=2, d_model=128, heads=4, ffn=256)


def paragraphs_text(sentences: Sequence[str], per_paragraph: int) -> str:
    groups = [
        " ".join(sentences[start : start + per_paragraph])
        for start in range(0, len(sentences), per_paragraph)
    ]
    return "\n\n".join(groups) + "\n"
