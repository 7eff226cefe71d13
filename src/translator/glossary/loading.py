"""Where the shipped term base lives, and reading any glossary file by its format.

The canonical file is `glossary/legal-ru-en.tbx` at the repository root (the project edits
it there, in review, like code). Lookup order:
1. `$TRANSLATOR_GLOSSARY`, an explicit path (tests, packagers, a newsroom's own base);
2. `translator/glossary/data/legal-ru-en.tbx` inside the package: in the repository a
   symlink to the canonical file, which setuptools follows when it builds a wheel (the
   `glossary/data/*.tbx` package-data entry in pyproject.toml), so wheels carry the file;
3. the repository checkout this module runs from, should the symlink be missing (a
   checkout without symlink support writes the link as a short text file, skipped here).
A project copies the shipped glossary into its database on first use, so after that the
file is not needed: `translator glossary add/remove` edit the project's copy.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from translator.glossary.csv_format import read_csv
from translator.glossary.files import GlossaryFileError
from translator.glossary.model import Glossary
from translator.glossary.tbx import read_tbx

SHIPPED_NAME = "legal-ru-en.tbx"
ENVIRONMENT_VARIABLE = "TRANSLATOR_GLOSSARY"
FORMATS = ("tbx", "csv")


def shipped_glossary_path() -> Path:
    """The shipped term base file, or a GlossaryFileError saying where it was looked for."""
    override = os.environ.get(ENVIRONMENT_VARIABLE)
    if override:
        return Path(override)
    here = Path(__file__).resolve()
    candidates = [
        here.parent / "data" / SHIPPED_NAME,
        here.parents[3] / "glossary" / SHIPPED_NAME,
    ]
    for candidate in candidates:
        if candidate.is_file() and not _unresolved_link(candidate):
            return candidate
    raise GlossaryFileError(
        candidates[-1],
        f"the shipped glossary is missing (looked in {candidates[0].parent} and "
        f"{candidates[-1].parent}; set {ENVIRONMENT_VARIABLE} to its path)",
    )


def _unresolved_link(path: Path) -> bool:
    """A symlink checked out as a plain file holds only its target's path, not XML."""
    try:
        if path.stat().st_size > 512:
            return False
        return not path.read_bytes().lstrip().startswith(b"<")
    except OSError:
        return True


def format_of(path: Path, explicit: str | None = None) -> str:
    """tbx or csv, from --format or the file extension (.tbx/.xml, .csv/.tsv/.txt)."""
    if explicit:
        if explicit not in FORMATS:
            raise GlossaryFileError(path, f"unknown glossary format '{explicit}' (tbx or csv)")
        return explicit
    suffix = path.suffix.lower()
    if suffix in (".tbx", ".xml"):
        return "tbx"
    if suffix in (".csv", ".tsv", ".txt"):
        return "csv"
    raise GlossaryFileError(
        path, "cannot tell the format from the extension; use .tbx, .csv or .tsv, or --format"
    )


def read_glossary(path: Path, fmt: str | None = None, encoding: str | None = None) -> Glossary:
    """A whole glossary file, parsed completely before anything uses it (all or nothing).
    `encoding` is for CSV/TSV only: XML files declare their own."""
    if format_of(path, fmt) == "csv":
        return read_csv(path, encoding)
    if encoding:
        raise GlossaryFileError(path, "TBX files declare their encoding; --encoding is for CSV")
    return read_tbx(path)


@lru_cache(maxsize=4)
def _cached_shipped(path: Path, mtime_ns: int) -> Glossary:
    return read_tbx(path)


def shipped_glossary() -> Glossary:
    """The shipped term base, parsed once per process (and again if the file changes)."""
    path = shipped_glossary_path()
    try:
        mtime = path.stat().st_mtime_ns
    except OSError as error:
        raise GlossaryFileError(path, f"cannot read ({error.strerror})") from error
    return _cached_shipped(path, mtime)
