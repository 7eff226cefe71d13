"""Argos Translate model packages: find, install (from a file or the index), remove.

Installed packages are found with `argostranslate.package` in the folder Argos itself uses
(ARGOS_PACKAGES_DIR, read on every call, not frozen at import). Installing unpacks a
validated `.argosmodel` zip next to the installed ones and renames it into place, so a bad
or interrupted install never leaves a half-package that Argos would then trip over.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import stat
import tempfile
import urllib.error
import urllib.request
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from translator.core.errors import TranslatorError

DEFAULT_INDEX = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/"
INDEX_TIMEOUT_S = 5.0  # an offline laptop must get its answer at once, not hang
DOWNLOAD_TIMEOUT_S = 60.0
INSTALL_HINT = "translator models install FILE.argosmodel"


class ModelPackageError(TranslatorError):
    """A model package file is unusable, or no package matches the request."""


class ModelIndexUnreachable(TranslatorError):
    """The online package index cannot be reached (offline, firewall, DNS)."""


@dataclass(frozen=True, slots=True)
class InstalledModel:
    """One installed translation package."""

    from_code: str
    to_code: str
    version: str
    path: Path
    size_bytes: int
    weights_digest: str  # taken when the package was found: it names these very weights
    target_prefix: str = ""

    @property
    def pair(self) -> str:
        return f"{self.from_code}→{self.to_code}"

    @property
    def model_dir(self) -> Path:
        return self.path / "model"

    @property
    def tokenizer_path(self) -> Path:
        return self.path / "sentencepiece.model"

    @property
    def model_id(self) -> str:
        """Keys the MT cache: changes when the weights change, even under the same version."""
        return f"argos:{self.from_code}-{self.to_code}:{self.version}:{self.weights_digest}"


def _weights_digest(model_dir: Path) -> str:
    """sha256 over config, size and head/tail of model.bin: content-based, fast on 100 MB."""
    digest = hashlib.sha256()
    weights = model_dir / "model.bin"
    config = model_dir / "config.json"
    if config.is_file():
        digest.update(config.read_bytes())
    size = weights.stat().st_size
    digest.update(str(size).encode())
    with weights.open("rb") as handle:
        digest.update(handle.read(1 << 20))
        handle.seek(max(0, size - (1 << 20)))
        digest.update(handle.read(1 << 20))
    return digest.hexdigest()[:16]


def packages_dir() -> Path:
    """Where Argos keeps packages: ARGOS_PACKAGES_DIR, else its default data folder."""
    from argostranslate.settings import get_setting

    data_home = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    default = data_home / "argos-translate" / "packages"
    return Path(get_setting("ARGOS_PACKAGES_DIR", default=default))


def _folder_size(folder: Path) -> int:
    return sum(file.stat().st_size for file in folder.rglob("*") if file.is_file())


def _load_installed(folder: Path) -> InstalledModel | None:
    from argostranslate.package import Package

    try:
        package = Package(folder)
    except (OSError, ValueError):  # no or broken metadata.json: not a package
        return None
    if package.type != "translate" or not package.from_code or not package.to_code:
        return None
    if not (folder / "model" / "model.bin").is_file():
        return None
    return InstalledModel(
        from_code=str(package.from_code),
        to_code=str(package.to_code),
        version=str(package.package_version or "?"),
        path=folder,
        size_bytes=_folder_size(folder),
        weights_digest=_weights_digest(folder / "model"),
        target_prefix=str(package.target_prefix or ""),
    )


def installed_models() -> list[InstalledModel]:
    """Installed translation packages, by language pair."""
    root = packages_dir()
    if not root.is_dir():
        return []
    models = [
        model
        for folder in sorted(root.iterdir())
        if folder.is_dir() and not folder.name.startswith(".")
        for model in [_load_installed(folder)]
        if model is not None
    ]
    return sorted(models, key=lambda model: (model.from_code, model.to_code, model.version))


def find_model(from_code: str, to_code: str) -> InstalledModel | None:
    matches = [m for m in installed_models() if (m.from_code, m.to_code) == (from_code, to_code)]
    return matches[-1] if matches else None


# -- validation ---------------------------------------------------------------------------
def _package_root(path: Path, archive: zipfile.ZipFile) -> str:
    """The single top folder of the package; refuses entries that could escape it."""
    roots: set[str] = set()
    for info in archive.infolist():
        name = info.filename
        parts = PurePosixPath(name.replace("\\", "/")).parts
        if (
            name.startswith(("/", "\\"))
            or ".." in parts
            or (parts and parts[0].endswith(":"))
            or stat.S_ISLNK(info.external_attr >> 16)
        ):
            raise ModelPackageError(f"{path}: refused, entry '{name}' would escape the folder")
        if parts:
            roots.add(parts[0])
    if len(roots) != 1:
        raise ModelPackageError(
            f"{path}: not an Argos model (expected one top folder, found {len(roots)})"
        )
    return roots.pop()


# Language codes name the install folder: nothing else (no "/", "..") may reach a path.
LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(?:[_-][A-Za-z0-9]{2,8})?")
MAX_UNPACKED_BYTES = 4 * 2**30  # real Argos models are 50-300 MB: a bigger zip is a bomb


def _read_metadata(path: Path, archive: zipfile.ZipFile, root: str) -> dict[str, object]:
    names = set(archive.namelist())
    if f"{root}/metadata.json" not in names:
        raise ModelPackageError(f"{path}: not an Argos model (no metadata.json)")
    try:
        metadata = json.loads(archive.read(f"{root}/metadata.json").decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ModelPackageError(f"{path}: metadata.json is not valid JSON ({error})") from error
    if not isinstance(metadata, dict) or not all(
        isinstance(metadata.get(key), str) and metadata.get(key) for key in ("from_code", "to_code")
    ):
        raise ModelPackageError(f"{path}: metadata.json lacks from_code/to_code")
    for key in ("from_code", "to_code"):
        if not LANGUAGE_CODE.fullmatch(str(metadata[key])):
            raise ModelPackageError(
                f"{path}: metadata.json {key} {str(metadata[key])[:40]!r} is not a language code"
            )
    unpacked_size = sum(info.file_size for info in archive.infolist())
    if unpacked_size > MAX_UNPACKED_BYTES:
        raise ModelPackageError(
            f"{path}: unpacks to {unpacked_size // 2**20} MB, more than any Argos model "
            f"({MAX_UNPACKED_BYTES // 2**20} MB); refused"
        )
    if not any(name.startswith(f"{root}/model/") and name.endswith("model.bin") for name in names):
        raise ModelPackageError(f"{path}: not an Argos model (no model/model.bin)")
    if f"{root}/sentencepiece.model" not in names:
        raise ModelPackageError(f"{path}: no SentencePiece tokenizer (sentencepiece.model)")
    return metadata


def _check_tokenizer(path: Path, tokenizer: Path) -> None:
    import sentencepiece as spm

    try:
        spm.SentencePieceProcessor(model_file=str(tokenizer))
    except (OSError, RuntimeError) as error:
        raise ModelPackageError(f"{path}: sentencepiece.model cannot be loaded") from error


def _check_model(path: Path, unpacked: Path) -> None:
    """The unpacked package as a translation model: what `installed_models` will list (a
    translate package with model/model.bin), and weights CTranslate2 loads. Checked before
    the installed package of the pair is touched: a bad file never costs a working model."""
    import ctranslate2

    if _load_installed(unpacked) is None:
        raise ModelPackageError(
            f"{path}: not a translation package (metadata.json type must be 'translate', "
            "with model/model.bin)"
        )
    try:
        ctranslate2.Translator(str(unpacked / "model"), device="cpu", inter_threads=1)
    except (RuntimeError, ValueError, OSError) as error:
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise ModelPackageError(f"{path}: model/model.bin cannot be loaded ({reason})") from error


# -- install / remove -------------------------------------------------------------------
def install_package_file(path: Path) -> InstalledModel:
    """Validate and install one `.argosmodel`; replaces an installed package of the same pair."""
    if not path.is_file():
        raise ModelPackageError(f"{path}: no such file")
    if not zipfile.is_zipfile(path):
        raise ModelPackageError(f"{path}: not an Argos model (not a zip archive)")
    root_dir = packages_dir()
    root_dir.mkdir(parents=True, exist_ok=True)
    try:
        with zipfile.ZipFile(path) as archive:
            root = _package_root(path, archive)
            metadata = _read_metadata(path, archive, root)
            staging = Path(tempfile.mkdtemp(prefix=".installing-", dir=root_dir))
            try:
                archive.extractall(staging)
                _check_tokenizer(path, staging / root / "sentencepiece.model")
                _check_model(path, staging / root)
                return _move_into_place(staging / root, root_dir, metadata)
            finally:
                shutil.rmtree(staging, ignore_errors=True)
    except zipfile.BadZipFile as error:
        raise ModelPackageError(f"{path}: damaged zip archive ({error})") from error
    except OSError as error:
        raise ModelPackageError(f"{path}: cannot install ({error})") from error


def _move_into_place(unpacked: Path, root_dir: Path, metadata: dict[str, object]) -> InstalledModel:
    from_code, to_code = str(metadata["from_code"]), str(metadata["to_code"])
    previous = find_model(from_code, to_code)
    target = root_dir / f"translate-{from_code}_{to_code}"
    if target.resolve().parent != root_dir.resolve():  # never delete or write outside it
        raise ModelPackageError(f"{target}: outside the models folder; refused")
    retired: Path | None = None
    if previous is not None:
        retired = previous.path.rename(previous.path.with_name(f".retired-{previous.path.name}"))
    if target.exists():
        shutil.rmtree(target)
    unpacked.rename(target)
    installed = _load_installed(target)
    if installed is None:  # validated above; only a race with another install gets here
        shutil.rmtree(target, ignore_errors=True)
        if retired is not None and previous is not None:
            retired.rename(previous.path)  # the working model back where it was
        raise ModelPackageError(f"{target}: the installed package cannot be read")
    if retired is not None:
        shutil.rmtree(retired, ignore_errors=True)
    return installed


def remove_model(from_code: str, to_code: str) -> InstalledModel:
    model = find_model(from_code, to_code)
    if model is None:
        raise ModelPackageError(f"no model installed for {from_code}→{to_code}")
    shutil.rmtree(model.path)
    return model


def index_url() -> str:
    from argostranslate.settings import get_setting

    base = str(get_setting("ARGOS_PACKAGE_INDEX", default=DEFAULT_INDEX))
    return base if base.endswith(".json") else base.rstrip("/") + "/index.json"


def _offline(reason: object) -> ModelIndexUnreachable:
    return ModelIndexUnreachable(
        f"offline: cannot reach the Argos package index ({reason}); download the "
        f".argosmodel file on a connected machine and run `{INSTALL_HINT}`"
    )


def install_from_index(from_code: str, to_code: str) -> InstalledModel:
    """Download and install the pair's package from the Argos index (short timeouts)."""
    try:
        with urllib.request.urlopen(index_url(), timeout=INDEX_TIMEOUT_S) as response:
            index = json.loads(response.read().decode("utf-8"))
    except (urllib.error.URLError, OSError, TimeoutError) as error:
        raise _offline(getattr(error, "reason", error)) from error
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ModelPackageError(f"{index_url()}: the package index is not valid JSON") from error
    entries = [
        entry
        for entry in index
        if isinstance(entry, dict)
        and entry.get("from_code") == from_code
        and entry.get("to_code") == to_code
        and entry.get("links")
    ]
    if not entries:
        raise ModelPackageError(f"the Argos package index has no {from_code}→{to_code} model")
    links = [str(link) for link in entries[-1]["links"]]
    with tempfile.TemporaryDirectory() as scratch:
        download = Path(scratch) / f"translate-{from_code}_{to_code}.argosmodel"
        for link in links:
            try:
                with (
                    urllib.request.urlopen(link, timeout=DOWNLOAD_TIMEOUT_S) as response,
                    download.open("wb") as out,
                ):
                    shutil.copyfileobj(response, out)
                break
            except (urllib.error.URLError, OSError, TimeoutError) as error:
                last_error: object = getattr(error, "reason", error)
        else:
            raise _offline(last_error)
        return install_package_file(download)
