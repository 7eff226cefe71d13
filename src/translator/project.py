"""A project on disk: a folder with translator.toml (settings) and translator.db (the store)."""

from __future__ import annotations

import json
import math
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from translator.core.errors import ProjectConfigError, ProjectNotFound, TranslatorError

CONFIG_NAME = "translator.toml"
DATABASE_NAME = "translator.db"
SUPPORTED_LANGUAGES = ("ru", "en")

CONFIG_TEMPLATE = """\
# translator project settings. Edit freely; `translator` reads this on every start.

[project]
# The name exports and imported translation files carry; the languages of the texts.
name = "{name}"
languages = ["ru", "en"]

[roles]
# Who may do what. While all three lists are empty, everyone may do everything
# (one person working alone). Names are user names (--as, TRANSLATOR_USER or the OS user).
translators = []
editors = []
publishers = []

[review]
# Four-eyes rule: once roles are configured, nobody approves a target they edited last.
four_eyes = true

[house_style]
# How names are transliterated when no glossary entry says otherwise (an iuliia scheme).
transliteration = "wikipedia"
# Default English language tag of TMX exports (en-GB, en-US, ...).
english_variant = "en-GB"

[import]
# Files larger than this are refused (megabytes).
max_file_mb = {max_file_mb}

[mt]
# Machine translation (Argos models run by CTranslate2). device: auto, cpu or cuda;
# compute_type: auto (int8 on cpu), int8, float16, float32, ...
device = "auto"
compute_type = "auto"
# Beam search width (1 = greedy, fastest), sentences per batch, CPU threads per
# translation (0: CTranslate2 decides), longest output allowed as a multiple of the input.
beam_size = 2
max_batch_size = 32
threads = 0
max_length_ratio = 2.0

[glossary]
# English form of article references: "long" = Part 2 of Article 20.3 of the Code of
# Administrative Offences; "short" = Art. 20.3(2) CAO.
article_style = "long"

[export]
# Language tags written into TMX (English defaults to house_style.english_variant).
# language_tags = {{ ru = "ru-RU", en = "en-GB" }}
"""

DEFAULT_MAX_FILE_MB = 20


@dataclass(frozen=True, slots=True)
class Roles:
    translators: tuple[str, ...] = ()
    editors: tuple[str, ...] = ()
    publishers: tuple[str, ...] = ()

    @property
    def configured(self) -> bool:
        return bool(self.translators or self.editors or self.publishers)


@dataclass(frozen=True, slots=True)
class ReviewSettings:
    """Review policy switches; `four_eyes` applies once roles are configured."""

    four_eyes: bool = True


@dataclass(frozen=True, slots=True)
class MtSettings:
    """[mt]: how models run (see translator.mt.engine.EngineOptions for what they mean)."""

    device: str = "auto"
    compute_type: str = "auto"
    beam_size: int = 2
    max_batch_size: int = 32
    max_length_ratio: float = 2.0
    threads: int = 0  # CPU threads per translation; 0: CTranslate2 decides


def _mt_settings(table: dict[str, object], path: Path) -> MtSettings:
    """Validate [mt]; errors name the file and the setting."""
    defaults = MtSettings()
    values: dict[str, object] = {}
    for key in ("device", "compute_type"):
        value = table.get(key, getattr(defaults, key))
        if not isinstance(value, str) or not value:
            raise ProjectConfigError(f'{path}: mt.{key} must be a name such as "auto"')
        values[key] = value
    if values["device"] not in ("auto", "cpu", "cuda"):
        raise ProjectConfigError(f"{path}: mt.device must be auto, cpu or cuda")
    for key, lowest in (("beam_size", 1), ("max_batch_size", 1), ("threads", 0)):
        value = table.get(key, getattr(defaults, key))
        if isinstance(value, bool) or not isinstance(value, int) or not lowest <= value <= 1024:
            raise ProjectConfigError(
                f"{path}: mt.{key} must be a whole number from {lowest} to 1024"
            )
        values[key] = value
    ratio = table.get("max_length_ratio", defaults.max_length_ratio)
    if isinstance(ratio, bool) or not isinstance(ratio, int | float) or not 0.5 <= ratio <= 10:
        raise ProjectConfigError(f"{path}: mt.max_length_ratio must be a number from 0.5 to 10")
    return MtSettings(max_length_ratio=float(ratio), **values)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class GlossarySettings:
    """[glossary]: `article_style` is "long", "short" or an example in either style
    (interpreted by translator.glossary.patterns.ArticleStyle)."""

    article_style: str = "long"


@dataclass(frozen=True, slots=True)
class ExportSettings:
    """[export]: language tags written into TMX/XLIFF, by language ("en" -> "en-US")."""

    language_tags: tuple[tuple[str, str], ...] = ()


def _export_settings(table: dict[str, object], path: Path) -> ExportSettings:
    tags = table.get("language_tags", {})
    if not isinstance(tags, dict) or not all(
        isinstance(key, str) and isinstance(value, str) and value.strip()
        for key, value in tags.items()
    ):
        raise ProjectConfigError(
            f"{path}: export.language_tags must map languages to tags, e.g. "
            '{ ru = "ru-RU", en = "en-GB" }'
        )
    return ExportSettings(tuple((key, value.strip()) for key, value in tags.items()))


@dataclass(frozen=True, slots=True)
class HouseStyle:
    transliteration: str = "wikipedia"
    english_variant: str = "en-GB"


@dataclass(frozen=True, slots=True)
class ProjectConfig:
    name: str
    languages: tuple[str, ...] = SUPPORTED_LANGUAGES
    roles: Roles = field(default_factory=Roles)
    house_style: HouseStyle = field(default_factory=HouseStyle)
    review: ReviewSettings = field(default_factory=ReviewSettings)
    max_file_bytes: int = DEFAULT_MAX_FILE_MB * 1024 * 1024
    mt: MtSettings = field(default_factory=MtSettings)
    glossary: GlossarySettings = field(default_factory=GlossarySettings)
    export: ExportSettings = field(default_factory=ExportSettings)


@dataclass(frozen=True, slots=True)
class Project:
    root: Path
    config: ProjectConfig

    @property
    def database_path(self) -> Path:
        return self.root / DATABASE_NAME

    @property
    def config_path(self) -> Path:
        return self.root / CONFIG_NAME


def _string_list(section: dict[str, object], key: str, path: Path) -> tuple[str, ...]:
    value = section.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ProjectConfigError(f"{path}: '{key}' must be a list of names")
    return tuple(value)


def _table(data: dict[str, object], key: str, path: Path) -> dict[str, object]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise ProjectConfigError(f"{path}: [{key}] must be a table of settings")
    return value


def load_config(path: Path) -> ProjectConfig:
    """Read and validate translator.toml; errors name the file and the setting."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise ProjectConfigError(f"{path}: cannot read ({error})") from error
    except tomllib.TOMLDecodeError as error:
        raise ProjectConfigError(f"{path}: invalid TOML ({error})") from error
    project = _table(data, "project", path)
    roles = _table(data, "roles", path)
    style = _table(data, "house_style", path)
    imports = _table(data, "import", path)
    review = _table(data, "review", path)
    four_eyes = review.get("four_eyes", True)
    if not isinstance(four_eyes, bool):
        raise ProjectConfigError(f"{path}: review.four_eyes must be true or false")
    languages = project.get("languages", list(SUPPORTED_LANGUAGES))
    if not isinstance(languages, list) or not all(isinstance(x, str) for x in languages):
        raise ProjectConfigError(f'{path}: project.languages must be a list such as ["ru", "en"]')
    unknown = [lang for lang in languages if lang not in SUPPORTED_LANGUAGES]
    if unknown:
        raise ProjectConfigError(f"{path}: unsupported language(s) {unknown}; use ru and en")
    max_mb = imports.get("max_file_mb", DEFAULT_MAX_FILE_MB)
    if (
        isinstance(max_mb, bool)
        or not isinstance(max_mb, int | float)
        or not math.isfinite(max_mb)
        or max_mb <= 0
    ):
        raise ProjectConfigError(f"{path}: import.max_file_mb must be a positive number")
    return ProjectConfig(
        name=str(project.get("name", path.parent.name)),
        languages=tuple(languages),
        roles=Roles(
            translators=_string_list(roles, "translators", path),
            editors=_string_list(roles, "editors", path),
            publishers=_string_list(roles, "publishers", path),
        ),
        house_style=HouseStyle(
            transliteration=str(style.get("transliteration", "wikipedia")),
            english_variant=str(style.get("english_variant", "en-GB")),
        ),
        review=ReviewSettings(four_eyes=four_eyes),
        max_file_bytes=int(max_mb * 1024 * 1024),
        mt=_mt_settings(_table(data, "mt", path), path),
        glossary=GlossarySettings(
            article_style=str(_table(data, "glossary", path).get("article_style", "long"))
        ),
        export=_export_settings(_table(data, "export", path), path),
    )


def prepare_project_folder(root: Path) -> None:
    """Create `root` if needed; refuse an existing project or a path that is not a folder."""
    if (root / CONFIG_NAME).exists():
        raise TranslatorError(f"{root}: already a translator project ({CONFIG_NAME} exists)")
    if root.exists() and not root.is_dir():
        raise TranslatorError(f"{root}: not a folder")
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise TranslatorError(f"{root}: cannot create the folder ({error.strerror})") from error


def write_project_config(root: Path, name: str | None = None) -> Project:
    """Write translator.toml last, so a failed init leaves no half-made project behind."""
    config_path = root / CONFIG_NAME
    project_name = name if name is not None else (root.resolve().name or "translator")
    text = CONFIG_TEMPLATE.format(
        name=json.dumps(project_name, ensure_ascii=False)[1:-1],  # a valid TOML basic string
        max_file_mb=DEFAULT_MAX_FILE_MB,
    )
    temporary = config_path.with_name(f".{CONFIG_NAME}.tmp")
    try:
        temporary.write_text(text, encoding="utf-8")
        temporary.replace(config_path)
    except OSError as error:
        raise TranslatorError(f"{config_path}: cannot write ({error.strerror})") from error
    return Project(root=root, config=load_config(config_path))


def find_project(start: Path) -> Project:
    """The project whose translator.toml is in `start` or the nearest folder above it."""
    start = start.resolve()
    for folder in (start, *start.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return Project(root=folder, config=load_config(candidate))
    raise ProjectNotFound(
        f"{start}: not inside a translator project (no {CONFIG_NAME} here or above); "
        "run `translator init` first or pass --project DIR"
    )


def load_project(root: Path) -> Project:
    """The project at exactly `root` (for --project)."""
    config_path = root / CONFIG_NAME
    if not config_path.is_file():
        raise ProjectNotFound(f"{root}: not a translator project (no {CONFIG_NAME})")
    return Project(root=root, config=load_config(config_path))
