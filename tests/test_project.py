"""Project folders: translator.toml, discovery from subfolders, settings validation."""

from __future__ import annotations

from pathlib import Path

import pytest

from translator import services
from translator.core.errors import ProjectConfigError, ProjectNotFound, TranslatorError
from translator.project import CONFIG_NAME, DATABASE_NAME, find_project, load_config
from translator.services import projects as project_services


def test_init_writes_settings_and_database(tmp_path: Path) -> None:
    project = services.init_project(tmp_path / "newsroom")
    assert (tmp_path / "newsroom" / CONFIG_NAME).is_file()
    assert (tmp_path / "newsroom" / DATABASE_NAME).is_file()
    assert project.config.name == "newsroom"
    assert project.config.languages == ("ru", "en")
    assert not project.config.roles.configured


def test_init_refuses_an_existing_project(tmp_path: Path) -> None:
    services.init_project(tmp_path)
    with pytest.raises(TranslatorError, match="already a translator project"):
        services.init_project(tmp_path)


def test_project_is_found_from_a_subfolder(tmp_path: Path) -> None:
    services.init_project(tmp_path / "p")
    deep = tmp_path / "p" / "texts" / "2025"
    deep.mkdir(parents=True)
    assert find_project(deep).root == (tmp_path / "p").resolve()


def test_no_project_above_gives_a_hint(tmp_path: Path) -> None:
    with pytest.raises(ProjectNotFound, match="translator init"):
        find_project(tmp_path)


def test_roles_and_house_style_are_read(tmp_path: Path) -> None:
    path = tmp_path / CONFIG_NAME
    path.write_text(
        '[project]\nname = "x"\n[roles]\neditors = ["erin"]\npublishers = ["pat"]\n'
        '[house_style]\ntransliteration = "icao_doc_9303"\n[import]\nmax_file_mb = 2\n',
        encoding="utf-8",
    )
    config = load_config(path)
    assert config.roles.editors == ("erin",)
    assert config.roles.publishers == ("pat",)
    assert config.roles.configured
    assert config.house_style.transliteration == "icao_doc_9303"
    assert config.max_file_bytes == 2 * 1024 * 1024


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[project\nname=", "invalid TOML"),
        ('[roles]\neditors = "erin"\n', "list of names"),
        ('[project]\nlanguages = ["ru", "de"]\n', "unsupported language"),
        ("[import]\nmax_file_mb = -1\n", "positive number"),
    ],
)
def test_bad_settings_are_refused_with_the_file_name(
    tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / CONFIG_NAME
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ProjectConfigError, match=message) as error:
        load_config(path)
    assert str(path) in str(error.value)


def test_current_user_prefers_explicit_then_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRANSLATOR_USER", "env-user")
    assert services.current_user("cli-user") == "cli-user"
    assert services.current_user(None) == "env-user"
    monkeypatch.delenv("TRANSLATOR_USER")
    monkeypatch.setattr(project_services.getpass, "getuser", lambda: "os-user")
    assert services.current_user(None) == "os-user"
