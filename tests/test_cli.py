"""The command line, through `cli.main` and through the installed `translator` entry point."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import RunCli, sample_files, write
from translator import services
from translator.project import Project, load_project
from translator.services import projects as project_services

RUSSIAN = (
    "Адвокат Дмитрий Журавлев осужден по ч. 2 ст. 20.3 КоАП РФ.\n\n"
    "Его этапировали в колонию строгого режима ИК-6 в г. Екатеринбург.\n"
)
ENGLISH = "The lawyer was fined under Art. 20.3. He appealed.\n\nMr. Zhuravlev stayed in SIZO-1.\n"


def status_json(run_cli: RunCli, project: Project | Path) -> dict[str, object]:
    root = project if isinstance(project, Path) else project.root
    result = run_cli("--project", root, "status", "--json")
    assert result.exit_code == 0, result.stderr
    data: dict[str, object] = json.loads(result.stdout)
    return data


def test_version_and_help(run_cli: RunCli) -> None:
    with pytest.raises(SystemExit) as stop:
        run_cli("--version")
    assert stop.value.code == 0
    result = run_cli()
    assert result.exit_code == 0
    assert "import" in result.stdout and "status" in result.stdout


def test_init_import_status(run_cli: RunCli, tmp_path: Path) -> None:
    root = tmp_path / "p"
    assert run_cli("init", root).exit_code == 0
    ru = write(tmp_path / "ru.txt", RUSSIAN)
    en = write(tmp_path / "en.md", ENGLISH)
    result = run_cli("--project", root, "import", ru, en)
    assert result.exit_code == 0, result.stderr
    assert "ru.txt (ru→en" in result.stdout
    assert "en.md (en→ru" in result.stdout
    data = status_json(run_cli, root)
    assert data == {
        "documents": 2,
        "paragraphs": 4,
        "by_status": {"new": 4, "machine": 0, "edited": 0, "approved": 0, "rejected": 0},
    }


def test_commands_find_the_project_from_a_subfolder(
    run_cli: RunCli, project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = write(project.root / "texts" / "ru.txt", RUSSIAN)
    monkeypatch.chdir(source.parent)
    assert run_cli("import", "ru.txt").exit_code == 0
    result = run_cli("status")
    assert result.exit_code == 0
    assert "ru.txt" in result.stdout


def test_outside_a_project_is_one_clear_error(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_cli("status")
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert "not inside a translator project" in result.stderr


def test_reimporting_an_identical_file_is_a_no_op(
    run_cli: RunCli, project: Project, tmp_path: Path
) -> None:
    source = write(tmp_path / "ru.txt", RUSSIAN)
    run_cli("--project", project.root, "import", source)
    before = status_json(run_cli, project)
    again = run_cli("--project", project.root, "import", source)
    assert again.exit_code == 0
    assert "unchanged" in again.stdout
    assert status_json(run_cli, project) == before


def test_a_changed_source_updates_the_document(
    run_cli: RunCli, project: Project, tmp_path: Path
) -> None:
    source = write(tmp_path / "ru.txt", RUSSIAN)
    run_cli("--project", project.root, "import", source)
    write(source, RUSSIAN + "\nНовый абзац о деле.\n")
    result = run_cli("--project", project.root, "import", source)
    assert result.exit_code == 0, result.stderr
    assert "updated: ru.txt" in result.stdout
    assert status_json(run_cli, project)["paragraphs"] == 3
    assert status_json(run_cli, project)["documents"] == 1


def _bad_files(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    png = tmp_path / "photo.txt"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    garbage = tmp_path / "garbage.txt"
    garbage.write_bytes(bytes(range(128, 256)) * 8)
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024 + 1)  # sparse: 50 MB without writing 50 MB
    folder = tmp_path / "a-folder.txt"
    folder.mkdir()
    return {
        "missing": (tmp_path / "missing.txt", "no such file"),
        "folder": (folder, "is a folder"),
        "binary": (png, "binary file"),
        "empty": (empty, "empty file"),
        "undecodable": (garbage, "encoding"),
        "huge": (huge, "too large"),
    }


@pytest.mark.parametrize("kind", ["missing", "folder", "binary", "empty", "undecodable", "huge"])
def test_bad_input_is_one_line_naming_the_file_and_changes_nothing(
    run_cli: RunCli, project: Project, tmp_path: Path, kind: str
) -> None:
    good = write(tmp_path / "good.txt", RUSSIAN)
    run_cli("--project", project.root, "import", good)
    before = status_json(run_cli, project)
    bad, reason = _bad_files(tmp_path)[kind]
    result = run_cli("--project", project.root, "import", bad)
    assert result.exit_code == 1
    error_lines = [line for line in result.stderr.splitlines() if line]
    assert len(error_lines) == 2  # the file's line and "nothing imported"
    assert str(bad) in error_lines[0] and reason in error_lines[0]
    assert "Traceback" not in result.stderr
    assert status_json(run_cli, project) == before


@pytest.mark.parametrize("parallel", [False, True], ids=["serial", "process-pool"])
def test_one_bad_file_among_five_imports_none(
    run_cli: RunCli,
    project: Project,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    parallel: bool,
) -> None:
    if parallel:  # force the process pool, even on a one-core runner
        monkeypatch.setattr(project_services, "PARALLEL_PARSE_MIN_BYTES", 0)
        monkeypatch.setattr(project_services.os, "cpu_count", lambda: 2)
    files = [write(tmp_path / f"ru{i}.txt", RUSSIAN + f"\nАбзац номер {i}.\n") for i in range(5)]
    files[2].write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    result = run_cli("--project", project.root, "import", *files)
    assert result.exit_code == 1
    assert str(files[2]) in result.stderr
    assert "nothing imported" in result.stderr
    assert status_json(run_cli, project)["documents"] == 0
    files[2].write_text("Исправленный абзац о деле.", encoding="utf-8")
    assert run_cli("--project", project.root, "import", *files).exit_code == 0
    assert status_json(run_cli, project)["documents"] == 5


def test_cp1251_file_imports_as_readable_russian(
    run_cli: RunCli, project: Project, tmp_path: Path
) -> None:
    source = write(tmp_path / "legacy.txt", RUSSIAN, encoding="cp1251")
    result = run_cli("--project", project.root, "import", source)
    assert result.exit_code == 0, result.stderr
    assert "cp1251" in result.stdout
    with services.open_project_store(project) as store:
        document = store.find_document("legacy.txt")
        assert document is not None
        texts = [p.source_text for p in store.paragraphs(document.id)]
    assert texts == [line for line in RUSSIAN.split("\n") if line]


def test_sample_corpus_imports_cleanly(run_cli: RunCli, project: Project) -> None:
    files = sample_files()
    result = run_cli("--project", project.root, "import", *files)
    assert result.exit_code == 0, result.stderr
    data = status_json(run_cli, project)
    assert data["documents"] == len(files) >= 3
    assert isinstance(data["paragraphs"], int) and data["paragraphs"] >= 30
    assert "(ru→en" in result.stdout and "(en→ru" in result.stdout


def test_real_world_seeds_import_and_the_repeated_paragraph_is_found(
    run_cli: RunCli, project: Project, seeds_dir: Path
) -> None:
    result = run_cli("--project", project.root, "import", *sorted(seeds_dir.glob("*.txt")))
    assert result.exit_code == 0, result.stderr
    with_duplicates = [line for line in result.stdout.splitlines() if "duplicate" in line]
    assert len(with_duplicates) == 1
    assert "(en→ru" in with_duplicates[0]


def _entry_point() -> Path:
    script = Path(sys.executable).with_name("translator")
    if not script.exists():
        pytest.skip(f"console script not installed next to {sys.executable}")
    return script


def test_installed_entry_point_runs_end_to_end(tmp_path: Path) -> None:
    script = _entry_point()
    env = {**os.environ, "TRANSLATOR_USER": "tester", "HOME": str(tmp_path)}
    version = subprocess.run(
        [script, "--version"], capture_output=True, text=True, env=env, check=False
    )
    assert version.returncode == 0 and version.stdout.startswith("translator ")
    root = tmp_path / "p"
    subprocess.run([script, "init", root], check=True, capture_output=True, env=env)
    source = write(tmp_path / "koi.txt", RUSSIAN, encoding="koi8-r")
    imported = subprocess.run(
        [script, "--project", root, "import", source],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    assert imported.returncode == 0, imported.stderr
    status = subprocess.run(
        [script, "--project", root, "status", "--json"],
        capture_output=True, text=True, env=env, check=True,
    )  # fmt: skip
    assert json.loads(status.stdout)["paragraphs"] == 2
    bad = subprocess.run(
        [script, "--project", root, "import", tmp_path / "nope.txt"],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    assert bad.returncode == 1
    assert "nope.txt: no such file" in bad.stderr
    assert "Traceback" not in bad.stderr


def test_a_file_name_with_a_newline_still_gives_one_line(
    run_cli: RunCli, project: Project, tmp_path: Path
) -> None:
    odd = tmp_path / "two\nlines.txt"
    odd.write_bytes(b"")
    result = run_cli("--project", project.root, "import", odd)
    assert result.exit_code == 1
    first = result.stderr.splitlines()[0]
    assert "two\\nlines.txt: empty file" in first


def test_zero_width_characters_alone_are_no_text(
    run_cli: RunCli, project: Project, tmp_path: Path
) -> None:
    invisible = write(tmp_path / "invisible.txt", "\u200b\u200b\ufeff\u200b\n")
    result = run_cli("--project", project.root, "import", invisible)
    assert result.exit_code == 1
    assert "no text" in result.stderr


def test_options_are_accepted_after_the_command(
    run_cli: RunCli, project: Project, tmp_path: Path
) -> None:
    source = write(tmp_path / "ru.txt", RUSSIAN)
    assert run_cli("import", source, "--project", project.root, "--as", "erin").exit_code == 0
    with services.open_project_store(project) as store:
        (document,) = store.documents()
    assert document.imported_by == "erin"
    assert status_json(run_cli, project)["paragraphs"] == 2


def test_the_same_bytes_under_another_name_are_not_imported_twice(
    run_cli: RunCli, project: Project, tmp_path: Path
) -> None:
    source = write(tmp_path / "ru.txt", RUSSIAN)
    run_cli("--project", project.root, "import", source)
    copy = write(tmp_path / "copy-of-ru.txt", RUSSIAN)
    result = run_cli("--project", project.root, "import", copy)
    assert result.exit_code == 0
    assert "same content as document 'ru.txt'" in result.stdout
    assert status_json(run_cli, project)["documents"] == 1


def test_names_with_rich_markup_are_shown_literally(run_cli: RunCli, tmp_path: Path) -> None:
    root = tmp_path / "p"
    assert run_cli("init", root, "--name", "[/]oops [bold]x").exit_code == 0
    source = write(tmp_path / "[bold]report.txt", ENGLISH)
    imported = run_cli("--project", root, "import", source)
    assert imported.exit_code == 0, imported.stderr
    assert "[bold]report.txt" in imported.stdout
    status = run_cli("--project", root, "status")
    assert status.exit_code == 0
    assert "[bold]report.txt" in status.stdout and "[/]oops" in status.stdout


def test_init_with_an_awkward_name_writes_valid_settings(run_cli: RunCli, tmp_path: Path) -> None:
    root = tmp_path / "p"
    name = 'Дело\\Журавлева "2025"\tC:\\temp'
    assert run_cli("init", root, "--name", name).exit_code == 0
    assert load_project(root).config.name == name


def test_a_failed_init_leaves_no_half_made_project(run_cli: RunCli, tmp_path: Path) -> None:
    blocker = write(tmp_path / "a-file", "not a folder")
    result = run_cli("init", blocker / "project")
    assert result.exit_code == 1
    assert "cannot create the folder" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_missing_database_is_reported_not_recreated(run_cli: RunCli, project: Project) -> None:
    project.database_path.unlink()
    result = run_cli("--project", project.root, "status")
    assert result.exit_code == 1
    assert "database is missing" in result.stderr
    assert not project.database_path.exists()


@pytest.mark.parametrize(
    "settings", ['project = "x"\n', "import = 3\n", "[import]\nmax_file_mb = inf\n"]
)
def test_malformed_settings_are_one_line_errors(
    run_cli: RunCli, project: Project, settings: str
) -> None:
    project.config_path.write_text(settings, encoding="utf-8")
    result = run_cli("--project", project.root, "status")
    assert result.exit_code == 1
    assert len(result.stderr.splitlines()) == 1
    assert str(project.config_path) in result.stderr


def test_a_non_utf8_terminal_does_not_crash_a_run(tmp_path: Path) -> None:
    script = _entry_point()
    env = {**os.environ, "TRANSLATOR_USER": "t", "HOME": str(tmp_path), "PYTHONIOENCODING": "ascii"}
    root = tmp_path / "p"
    subprocess.run([script, "init", root], check=True, capture_output=True, env=env)
    source = write(tmp_path / "новый.txt", RUSSIAN)
    result = subprocess.run(
        [script, "--project", root, "import", source],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
