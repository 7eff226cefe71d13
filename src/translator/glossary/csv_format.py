"""User glossaries as CSV or TSV: `ru,en,note,...`, with or without a header row.

Without a header the columns are ru, en, note. A header may name any of the columns below
in any order; `status` applies to the English term of the row (the rendering being
allowed or forbidden) unless `ru_status` / `en_status` say otherwise. `context` marks the
Russian term of the row as context-dependent (Term.context: its rendering is not required;
the cell says why) unless `ru_context` / `en_context` say which. Rows with the same
`concept` (or, without one, the same Russian term) form one concept.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import replace
from pathlib import Path

from translator.glossary.files import GlossaryFileError, read_bytes, write_atomically
from translator.glossary.model import LANGUAGES, Concept, Glossary, Term, TermStatus
from translator.ingest.encoding import EncodingProblem, decode_bytes

COLUMNS = (
    "concept",
    "ru",
    "en",
    "ru_status",
    "en_status",
    "note",
    "ru_pos",
    "en_pos",
    "keep_as_is",
    "subject",
    "ru_context",
    "en_context",
)
HEADER_ALIASES = {
    "russian": "ru",
    "русский": "ru",
    "english": "en",
    "английский": "en",
    "comment": "note",
    "comments": "note",
    "notes": "note",
    "примечание": "note",
    "примечания": "note",
    "комментарий": "note",
    "статус": "status",
    "status": "status",
    "id": "concept",
    "part of speech": "pos",
    "partofspeech": "pos",
    "keep": "keep_as_is",
    "keep as is": "keep_as_is",
}
_TRUE = {"1", "true", "yes", "y", "да"}
# Header names that set a field of one term of the row when its own column is absent.
_SHARED_COLUMNS = ("status", "pos", "context")


def _normal_header(cell: str) -> str:
    name = cell.strip().lstrip("\ufeff").lower()
    return HEADER_ALIASES.get(name, name)


def _decode(data: bytes, path: Path, encoding: str | None = None) -> str:
    """UTF-8/16 with or without a BOM, or cp1251/koi8-r as older Russian Excel saves them,
    decided by the same detector as source documents (refused when it cannot be sure),
    unless the user names the `encoding`."""
    try:
        return decode_bytes(data, encoding).text
    except EncodingProblem as error:
        raise GlossaryFileError(path, str(error)) from error


DELIMITERS = ",;\t|"
_SAMPLE_LINES = 50


def _widths(lines: list[str], delimiter: str) -> list[int]:
    return [len(row) for row in csv.reader(lines, delimiter=delimiter) if any(row)]


def _consistent(widths: list[int]) -> bool:
    """Every sampled row splits into two or more cells (a header may be wider or narrower)."""
    return bool(widths) and min(widths) >= 2


def _by_counting(lines: list[str]) -> str | None:
    """The delimiter that splits the most rows into the same number (>= 2) of cells."""
    best: tuple[int, int, int] | None = None
    chosen = None
    for rank, delimiter in enumerate(reversed(DELIMITERS)):
        widths = [w for w in _widths(lines, delimiter) if w >= 2]
        if not widths:
            continue
        modal = max(set(widths), key=lambda width: (widths.count(width), width))
        score = (widths.count(modal), modal, rank)
        if best is None or score > best:
            best, chosen = score, delimiter
    return chosen


def _delimiter(text: str, path: Path) -> str:
    """Comma, semicolon (Excel in a Russian locale), tab or bar, from the file itself.

    csv.Sniffer (limited to those four) is asked first and believed when its answer splits
    every sampled row into two or more cells; otherwise the delimiter that splits the most
    rows consistently wins. A `.tsv` name means tab when the file has tabs at all.
    """
    lines = [line for line in text.splitlines()[:_SAMPLE_LINES] if line.strip()]
    if path.suffix.lower() == ".tsv" and any("\t" in line for line in lines):
        return "\t"
    try:
        sniffed = csv.Sniffer().sniff("\n".join(lines), delimiters=DELIMITERS).delimiter
    except csv.Error:
        sniffed = None
    if sniffed and _consistent(_widths(lines, sniffed)):
        return sniffed
    return _by_counting(lines) or ","


def _status(value: str, path: Path, line: int) -> TermStatus | None:
    cleaned = value.strip().lower()
    if not cleaned:
        return None
    try:
        return TermStatus(cleaned)
    except ValueError:
        raise GlossaryFileError(
            path, f"unknown status '{value.strip()}' (use preferred, admitted or forbidden)", line
        ) from None


def _slug(text: str, limit: int = 60) -> str:
    """A readable key part for a Russian term; long or symbol-only terms get a hash too, so
    two different terms never share a key (a shared key would merge their concepts)."""
    slug = re.sub(r"[^\w]+", "-", text.lower()).strip("-")
    if slug and len(slug) <= limit:
        return slug
    digest = hashlib.sha256(" ".join(text.casefold().split()).encode("utf-8")).hexdigest()[:8]
    return f"{slug[: limit - 12].rstrip('-')}-{digest}" if slug else f"term-{digest}"


def parse_csv(data: bytes, path: Path, encoding: str | None = None) -> Glossary:
    """Concepts of a CSV/TSV glossary; a bad row raises GlossaryFileError with its line."""
    text = _decode(data, path, encoding)
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text, path)))
    except csv.Error as error:
        raise GlossaryFileError(path, f"not valid CSV ({error})") from error
    numbered = [(n, row) for n, row in enumerate(rows, start=1) if any(c.strip() for c in row)]
    if not numbered:
        raise GlossaryFileError(path, "no rows")
    if all(len(row) < 2 for _, row in numbered):
        raise GlossaryFileError(
            path,
            "one column only: separate the Russian and English terms with a comma, "
            "semicolon, tab or |",
            numbered[0][0],
        )
    header = [_normal_header(cell) for cell in numbered[0][1]]
    if "ru" in header and "en" in header:
        numbered = numbered[1:]
        unknown = [h for h in header if h and h not in (*COLUMNS, *_SHARED_COLUMNS)]
        if unknown:
            raise GlossaryFileError(
                path, f"unknown column(s) {', '.join(unknown)}; known: {', '.join(COLUMNS)}", 1
            )
    else:
        header = ["ru", "en", "note"]
    order: list[str] = []
    terms: dict[str, list[Term]] = {}
    notes: dict[str, str] = {}
    subjects: dict[str, str] = {}
    by_russian: dict[str, str] = {}
    for line, row in numbered:
        if len(row) > len(header) and any(cell.strip() for cell in row[len(header) :]):
            raise GlossaryFileError(path, f"{len(row)} columns, the header has {len(header)}", line)
        cells = {name: (row[i].strip() if i < len(row) else "") for i, name in enumerate(header)}
        ru, en = cells.get("ru", ""), cells.get("en", "")
        key = cells.get("concept", "")
        if not key and not (ru and en):
            raise GlossaryFileError(path, "a row needs both a Russian and an English term", line)
        shared = _status(cells.get("status", ""), path, line)
        ru_status = _status(cells.get("ru_status", ""), path, line) or TermStatus.PREFERRED
        en_status = _status(cells.get("en_status", ""), path, line) or shared
        if not key:
            key = by_russian.get(ru.lower()) or f"user:{_slug(ru)}"
        if key not in terms:
            order.append(key)
            terms[key] = []
        if ru:
            by_russian.setdefault(ru.lower(), key)
        keep = cells.get("keep_as_is", "").lower() in _TRUE
        contexts = {
            "ru": cells.get("ru_context", "") or cells.get("context", ""),
            "en": cells.get("en_context", ""),
        }
        existing = {(t.lang, t.text): i for i, t in enumerate(terms[key])}
        for lang, value, status in (("ru", ru, ru_status), ("en", en, en_status)):
            pos = cells.get(f"{lang}_pos", "") or cells.get("pos", "")
            context = contexts[lang]
            if value and (lang, value) in existing:
                known = terms[key][existing[(lang, value)]]
                if context and not known.context:  # marked on a later row of its concept
                    terms[key][existing[(lang, value)]] = replace(known, context=context)
            elif value:
                if status is None:  # the first rendering is the house one, later ones admitted
                    has_preferred = any(t.lang == lang for t in terms[key])
                    status = TermStatus.ADMITTED if has_preferred else TermStatus.PREFERRED
                keep_en = keep and lang == "en"
                terms[key].append(Term(value, lang, status, pos, "", keep_en, context))
        if cells.get("note") and not notes.get(key):
            notes[key] = cells["note"]
        if cells.get("subject") and not subjects.get(key):
            subjects[key] = cells["subject"]
    return Glossary.of(
        Concept(key, tuple(terms[key]), subjects.get(key, ""), notes.get(key, "")) for key in order
    )


def read_csv(path: Path, encoding: str | None = None) -> Glossary:
    return parse_csv(read_bytes(path), path, encoding)


def csv_bytes(glossary: Glossary, delimiter: str = ",") -> bytes:
    """One row per term pairing, with a header, so parse_csv reads back the same concepts."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow(COLUMNS)
    for concept in glossary.concepts:
        by_lang = {lang: concept.terms_in(lang) for lang in LANGUAGES}
        for index in range(max(len(terms) for terms in by_lang.values())):
            ru = by_lang["ru"][index] if index < len(by_lang["ru"]) else None
            en = by_lang["en"][index] if index < len(by_lang["en"]) else None
            writer.writerow(
                [
                    concept.key,
                    ru.text if ru else "",
                    en.text if en else "",
                    ru.status.value if ru else "",
                    en.status.value if en else "",
                    concept.note if index == 0 else "",
                    ru.pos if ru else "",
                    en.pos if en else "",
                    "yes" if en and en.keep_as_is else "",
                    concept.subject if index == 0 else "",
                    ru.context if ru else "",
                    en.context if en else "",
                ]
            )
    return buffer.getvalue().encode("utf-8")


def write_csv(glossary: Glossary, path: Path, overwrite: bool = True) -> None:
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    write_atomically(path, csv_bytes(glossary, delimiter), overwrite)
