"""gettext PO through polib (the only module that imports it): one entry per paragraph.

msgctxt holds the unit id, so two paragraphs with the same source stay apart; unapproved
entries are `fuzzy`, which every PO editor shows and msgfmt leaves out of compiled catalogs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import polib

from translator.formats.base import (
    PLURAL_FORMS,
    ExportDocument,
    Exporter,
    ExportMeta,
    ExportUnit,
    FormatError,
    ImportedFile,
    ImportedUnit,
    Importer,
)

__all__ = ["PoExporter", "PoImporter"]

PROJECT_HEADER = "X-Translator-Project"
SOURCE_HEADER = "X-Source-Language"  # Poedit's name for it
_VERSION_LINE = re.compile(r"^translator-version: (\d+)$", re.MULTILINE)
_NEEDS_ESCAPE = re.compile(r'[\\\t\r\n\v\b\f"]')  # what polib.escape changes
_LINE_BREAK = re.compile("[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")  # str.splitlines


def _comment_text(text: str) -> str:
    """Comments are line-based; a note's own line breaks become spaces."""
    return " ".join(text.split())


def _escape(text: str) -> str:
    """polib's escaping, skipped for the common text that needs none."""
    return polib.escape(text) if _NEEDS_ESCAPE.search(text) else text


def _field(keyword: str, value: str) -> str:
    """`msgid "..."` as polib writes it unwrapped: a multi-line value starts with `""`."""
    if not _LINE_BREAK.search(value):
        return f'{keyword} "{_escape(value)}"\n'
    lines = value.splitlines(True)
    if len(lines) < 2:
        return f'{keyword} "{_escape(value)}"\n'
    return f'{keyword} ""\n' + "".join(f'"{polib.escape(line)}"\n' for line in lines)


def _comments(prefix: str, lines: Sequence[str]) -> str:
    return "".join(f"{prefix}{line}\n" for text in lines for line in text.split("\n"))


def entry_text(unit: ExportUnit) -> str:
    """One entry, byte for byte as polib's `POEntry.__unicode__(wrapwidth=0)` renders it.

    Written directly rather than through POEntry objects and `POFile.save`: polib's own
    rendering was over half of a 50,000-paragraph export's time (bench/export.py).
    """
    extracted = [
        unit.reference,
        f"status: {unit.status.value}",
        f"translator-version: {unit.version}",
    ]
    if unit.reviewer:
        extracted.append(f"reviewer: {unit.reviewer}")
    translator = [*(f"history: {_comment_text(line)}" for line in unit.history)]
    translator += [f"comment: {_comment_text(note)}" for note in unit.notes]
    if not unit.approved:
        translator.insert(0, unit.marker)
    parts = [_comments("# ", translator), _comments("#. ", extracted)]
    if not unit.approved and unit.target:
        parts.append("#, fuzzy\n")
    parts += [_field("msgctxt", unit.id), _field("msgid", unit.source)]
    parts.append(_field("msgstr", unit.target))
    return "".join(parts)


class PoExporter(Exporter):
    format_name = "po"
    extension = ".po"
    one_language_pair = True

    def write(self, documents: Sequence[ExportDocument], path: Path, meta: ExportMeta) -> None:
        pairs = {(doc.source_lang, doc.target_lang) for doc in documents}
        if len(pairs) != 1:
            raise FormatError(path, "a PO file holds one language pair; export each with --doc")
        source_lang, target_lang = pairs.pop()
        header = polib.POFile(wrapwidth=0)  # polib renders the header entry; we stream the rest
        header.metadata = {
            "Project-Id-Version": f"{meta.project} {meta.tool_version}",
            "POT-Creation-Date": meta.created_at,
            "PO-Revision-Date": meta.created_at,
            "Last-Translator": f"{meta.project} <>",
            "Language-Team": f"{meta.project} <>",
            "Language": target_lang,
            "MIME-Version": "1.0",
            "Content-Type": "text/plain; charset=UTF-8",
            "Content-Transfer-Encoding": "8bit",
            "Plural-Forms": PLURAL_FORMS[target_lang],
            SOURCE_HEADER: source_lang,
            PROJECT_HEADER: meta.project,
            "X-Generator": f"translator {meta.tool_version}",
        }
        with path.open("w", encoding="utf-8", newline="\n") as out:
            out.write(str(header))
            for document in documents:
                out.writelines(f"\n{entry_text(unit)}" for unit in document.units)


# A line of an entry's strings: keyword (or a previous/obsolete one), then one whole
# "..." string with its escapes. polib reads a line cut inside its string (a file truncated
# by an interrupted copy) as if it were closed, dropping its last character.
_STRING_LINE = re.compile(
    r'(?:#[~|]\s*)?(?:msgctxt|msgid(?:_plural)?|msgstr(?:\[\d+\])?)?\s*"(?:[^"\\]|\\.)*"'
)
_STRING_START = re.compile(r"(?:#[~|]\s*)?(?:msgctxt|msgid|msgstr|\")")


def _refuse_unterminated(path: Path, encoding: str) -> None:
    """ValueError naming the first string line that does not end its string."""
    with path.open(encoding=encoding, errors="replace") as handle:
        for number, line in enumerate(handle, 1):
            text = line.strip()
            if _STRING_START.match(text) and not _STRING_LINE.fullmatch(text):
                raise ValueError(f"line {number}: a string that does not end; truncated?")


class PoImporter(Importer):
    format_name = "po"

    def read(self, path: Path) -> ImportedFile:
        try:
            catalog = polib.pofile(str(path), wrapwidth=0)
            _refuse_unterminated(path, polib.detect_encoding(str(path)))
        except (OSError, ValueError, UnicodeDecodeError, LookupError) as error:
            raise FormatError(path, f"not a readable PO file ({error})") from error
        source_lang = catalog.metadata.get(SOURCE_HEADER, "")
        target_lang = catalog.metadata.get("Language", "")
        units = []
        for entry in catalog:
            if entry.obsolete or (not entry.msgctxt and not entry.msgstr):
                continue  # an entry without an id is reported unless it holds no target
            version = _VERSION_LINE.search(entry.comment or "")
            units.append(
                ImportedUnit(
                    id=entry.msgctxt or "",
                    source=entry.msgid,
                    target=entry.msgstr,
                    source_lang=source_lang,
                    target_lang=target_lang,
                    version=int(version.group(1)) if version else None,
                )
            )
        return ImportedFile(project=catalog.metadata.get(PROJECT_HEADER), units=units)
