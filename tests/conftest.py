"""Shared fixtures: a fresh project in a temp folder, a CLI runner, the real-world corpus."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from translator import cli, services
from translator.project import Project, load_project
from translator.store import ProjectStore

REPO = Path(__file__).resolve().parents[1]
SAMPLE_CORPUS = REPO / "corpora"
SHARED_SEEDS = REPO.parent / "shared" / "corpora" / "seeds"


def sample_files() -> list[Path]:
    """The sample texts of corpora/ (its README is documentation, not a text)."""
    return sorted(
        path
        for path in SAMPLE_CORPUS.iterdir()
        if path.suffix in {".txt", ".md", ".html"} and path.name != "README.md"
    )


@pytest.fixture(autouse=True)
def _isolated_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Tests never see the user's home or identity."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("TRANSLATOR_USER", "tester")
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(home / "argos-packages"))


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return services.init_project(tmp_path / "proj", name="test")


@pytest.fixture
def store(project: Project) -> Iterator[ProjectStore]:
    with services.open_project_store(project) as opened:
        yield opened


def set_setting(config_path: Path, table: str, key: str, toml_value: str) -> Project:
    """Set `key = toml_value` in `[table]` of translator.toml, as a person editing it would:
    replacing the key if present, adding it under the table's header, or adding the table.
    Returns the project as the next command would load it."""
    lines = config_path.read_text(encoding="utf-8").splitlines()
    header = f"[{table}]"
    if header not in (line.strip() for line in lines):
        lines += ["", header]
    start = next(i for i, line in enumerate(lines) if line.strip() == header)
    end = next(
        (i for i in range(start + 1, len(lines)) if lines[i].lstrip().startswith("[")),
        len(lines),
    )
    kept = [line for line in lines[start + 1 : end] if line.split("=", 1)[0].strip() != key]
    lines[start + 1 : end] = [f"{key} = {toml_value}", *kept]
    config_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return load_project(config_path.parent)


def require_tool(name: str) -> str:
    """Path of a system tool a test needs. Elsewhere a missing tool skips with a reason;
    under .ci/run (TRANSLATOR_CI=1, which installs them) it fails, so CI never skips."""
    path = shutil.which(name)
    if path is None:
        reason = f"{name} is not installed (.ci/run installs it)"
        if os.environ.get("TRANSLATOR_CI"):
            pytest.fail(f"{reason}, but this is a CI run")
        pytest.skip(reason)
    return path


@pytest.fixture
def seeds_dir() -> Path:
    if not SHARED_SEEDS.is_dir():
        pytest.skip("../shared/corpora/seeds not present: the real-world corpus is absent")
    return SHARED_SEEDS


@dataclass
class CliResult:
    exit_code: int
    stdout: str
    stderr: str


RunCli = Callable[..., CliResult]


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str]) -> RunCli:
    def run(*argv: str | Path) -> CliResult:
        code = cli.main([str(arg) for arg in argv])
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path
