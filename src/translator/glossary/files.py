"""File plumbing shared by the TBX and CSV formats: bounded reads, atomic writes, errors."""

from __future__ import annotations

from pathlib import Path

from translator.atomic import place_files, write_temporary
from translator.core.errors import InputFileError

MAX_GLOSSARY_BYTES = 50 * 1024 * 1024  # a term base this large is a mistake, not a glossary


class GlossaryFileError(InputFileError):
    """A glossary file cannot be read or written; names the file and, when known, the line."""

    def __init__(self, path: Path | str, reason: str, line: int | None = None) -> None:
        self.line = line
        super().__init__(path, f"line {line}: {reason}" if line else reason)

    def __reduce__(self) -> tuple[type[InputFileError], tuple[Path, str]]:
        return (InputFileError, (self.path, self.reason))


def read_bytes(path: Path) -> bytes:
    """The file's bytes, refusing folders, missing files and absurd sizes with one line."""
    try:
        if path.is_dir():
            raise GlossaryFileError(path, "is a folder, not a glossary file")
        size = path.stat().st_size
        if size > MAX_GLOSSARY_BYTES:
            raise GlossaryFileError(path, f"too large for a glossary ({size // 1_048_576} MB)")
        data = path.read_bytes()
    except FileNotFoundError as error:
        raise GlossaryFileError(path, "no such file") from error
    except OSError as error:
        raise GlossaryFileError(path, f"cannot read ({error.strerror})") from error
    if not data.strip():
        raise GlossaryFileError(path, "the file is empty")
    return data


def write_atomically(path: Path, data: bytes, overwrite: bool = True) -> None:
    """Write through a temporary file beside `path` (translator.atomic): a reader never sees
    half a file, a failed export leaves the old one untouched, and without `overwrite` a
    file that appeared meanwhile is not clobbered either."""
    final = (path.parent if str(path.parent) else Path(".")) / path.name
    try:
        temporary = write_temporary(final, lambda target: target.write_bytes(data))
    except OSError as error:
        raise GlossaryFileError(path, f"cannot write ({error.strerror})") from error
    try:
        place_files([(temporary, final)], force=overwrite)
    except FileExistsError as error:
        raise GlossaryFileError(path, "already exists; pass --force to overwrite") from error
    except OSError as error:
        raise GlossaryFileError(path, f"cannot write ({error.strerror})") from error
    finally:
        temporary.unlink(missing_ok=True)
