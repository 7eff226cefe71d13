"""File names for per-document exports: a document name must never lead outside the folder."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

_UNSAFE = re.compile(r"[^\w.\- ]+")
_WINDOWS_RESERVED = re.compile(r"^(con|prn|aux|nul|com\d|lpt\d)$", re.IGNORECASE)
MAX_STEM = 100


def document_file_name(
    document_name: str, target_lang: str, extension: str, disambiguator: str = ""
) -> str:
    """`statement.txt` -> `statement.en.md`: separators, dots at the start and controls go.

    `disambiguator` (e.g. "7") is appended to the stem after the extension is stripped, as
    `statement-7.en.md`, so two documents whose names differ only by extension get two files.
    """
    stem = Path(unicodedata.normalize("NFC", document_name).replace("\\", "/")).name
    stem = stem.rsplit(".", 1)[0] if "." in stem.lstrip(".") else stem
    stem = _UNSAFE.sub("_", stem).strip(" ._")[:MAX_STEM].strip(" ._")
    if not stem or _WINDOWS_RESERVED.match(stem):
        stem = f"document_{stem}"
    if disambiguator:
        stem = f"{stem}-{_UNSAFE.sub('_', disambiguator)}"
    return f"{stem}.{target_lang}{extension}"


def unique_file_names(documents: list[tuple[int, str, str]], extension: str) -> dict[int, str]:
    """One distinct file name per (document id, name, target language), by construction.

    A name taken earlier in the batch (compared case-insensitively, as macOS and Windows
    folders do) gets the document id in its stem, then a counter until it is free.
    """
    used: set[str] = set()
    names: dict[int, str] = {}
    for document_id, document_name, target_lang in documents:
        name = document_file_name(document_name, target_lang, extension)
        attempt = 1
        while name.casefold() in used:
            tag = str(document_id) if attempt == 1 else f"{document_id}-{attempt}"
            name = document_file_name(document_name, target_lang, extension, tag)
            attempt += 1
        used.add(name.casefold())
        names[document_id] = name
    return names


def inside_folder(path: Path, folder: Path) -> bool:
    """True when `path`, resolved (links followed), is directly inside `folder`."""
    return path.resolve().parent == folder.resolve()
