"""User glossaries as CSV or TSV: `ru,en,note,...`, with or without a header row.

Without a header the columns are ru, en, note; a headerless file starts with a Russian
term, so a first row that looks like a header but lacks a `ru` or `en` column is refused
rather than read as a term. A header may name any of the columns below in any order
(language tags such as `ru-RU` or `en-GB` name `ru` and `en`); `status` applies to the
English term of the row (the rendering being allowed or forbidden) unless `ru_status` /
`en_status` say otherwise. `context` marks the Russian term of the row as context-dependent
(Term.context: its rendering is not required; the cell says why) unless `ru_context` /
`en_context` say which. Rows with the same `concept` (or, without one, the same Russian
term) form one concept; a term given two different statuses is refused.
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
    "russian term": "ru",
    "english term": "en",
    "русский термин": "ru",
    "английский термин": "en",
    "rus": "ru",
    "eng": "en",
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
# Words that name columns in other tools' headers without saying which language they hold.
_HEADER_WORDS = frozenset(
    {"source", "target", "term", "terms", "translation", "original", "термин", "перевод"}
)
_TRUE = {"1", "true", "yes", "y", "да"}
# Header names that set a field of one term of the row when its own column is absent.
_SHARED_COLUMNS = ("status", "pos", "context")
# `ru-RU`, `en_GB`, `en-US`: what CAT tools and spreadsheets name their language columns.
_LANGUAGE_TAG = re.compile(r"(ru|en)[-_][a-z]{2}")
_CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)


def _normal_header(cell: str) -> str:
    name = cell.strip().lstrip("\ufeff").lower()
    tag = _LANGUAGE_TAG.fullmatch(name)
    return tag.group(1) if tag else HEADER_ALIASES.get(name, name)


def _looks_like_header(row: list[str], names: list[str]) -> bool:
    """Whether a first row without both `ru` and `en` columns still names columns (and so is
    refused for the one it lacks): every cell a column name or a word like "source", none
    twice (`ru,note`, `source;target`, `русский,note`; not the term rows «английский,English»
    or «статус,status»), or a row with no Cyrillic at all that names a column (`ru,comment
    text`). A term kept as is opens many headerless files (`GPS,GPS`, `ECHR,ECHR,European
    Court`): a row is not a header for lacking Cyrillic alone."""
    known = [name for name in names if name in (*COLUMNS, *_SHARED_COLUMNS)]
    filled = [name for name in names if name]
    generic = [name for name in filled if name in _HEADER_WORDS]
    if len(known) + len(generic) == len(filled) and len(set(known)) == len(known):
        return bool(filled)  # `ru,note`, `source;target`: column names only
    return bool(known) and not any(_CYRILLIC.search(cell) for cell in row)


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


def _unclosed_quote(text: str, delimiter: str, start: int) -> int | None:
    """The line of a quote opening a field at or after line `start` that never closes, read
    the way csv does (a quote opens a field only at its start; `""` inside is a quote)."""
    quoted, field_start, opened = False, True, None
    lines = io.StringIO(text, newline="").readlines()  # split as csv counts line_num
    for number, line in enumerate(lines[start - 1 :], start=start):
        index = 0
        while index < len(line):
            char = line[index]
            if quoted and char == '"' and line[index + 1 : index + 2] == '"':
                index += 1
            elif quoted and char == '"':
                quoted = False
            elif not quoted and char == '"' and field_start:
                quoted, opened = True, number
            field_start = not quoted and char in (delimiter, "\r", "\n")
            index += 1
    return opened if quoted else None


def _rows(text: str, delimiter: str, path: Path) -> list[tuple[int, list[str]]]:
    """Each record with the line it starts on. Strict, so a quote that never closes is
    refused at the line it opens instead of swallowing the rest of the file into one cell."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for row in reader:
            rows.append((start, row))
            start = reader.line_num + 1
    except csv.Error as error:
        opened = _unclosed_quote(text, delimiter, start)
        if opened is not None:
            raise GlossaryFileError(
                path, 'a quote (") opened here is never closed', opened
            ) from error
        where = f" in the row starting on line {start}" if start < reader.line_num else ""
        raise GlossaryFileError(path, f"not valid CSV ({error}){where}", reader.line_num) from error
    return rows


def _repeated_status(
    known: Term, status: TermStatus | None, first_line: int, path: Path, line: int
) -> None:
    """A term given again with another status contradicts itself: which row meant it is
    unknowable, and keeping the first silently could leave a concept with no allowed term."""
    if status is not None and status is not known.status:
        raise GlossaryFileError(
            path,
            f"'{known.text}' is {status.value} here but {known.status.value} on line {first_line}",
            line,
        )


def parse_csv(data: bytes, path: Path, encoding: str | None = None) -> Glossary:
    """Concepts of a CSV/TSV glossary; a bad row raises GlossaryFileError with its line."""
    text = _decode(data, path, encoding)
    rows = _rows(text, _delimiter(text, path), path)
    numbered = [(n, row) for n, row in rows if any(c.strip() for c in row)]
    if not numbered:
        raise GlossaryFileError(path, "no rows")
    if all(len(row) < 2 for _, row in numbered):
        raise GlossaryFileError(
            path,
            "one column only: separate the Russian and English terms with a comma, "
            "semicolon, tab or |",
            numbered[0][0],
        )
    header_line, first = numbered[0]
    header = [_normal_header(cell) for cell in first]
    if ("ru" in header and "en" in header) or _looks_like_header(first, header):
        missing = " or ".join(f"`{name}`" for name in ("ru", "en") if name not in header)
        if missing:
            raise GlossaryFileError(
                path,
                f"the first row looks like a header but has no {missing} column "
                "(a file without a header starts with a Russian term)",
                header_line,
            )
        numbered = numbered[1:]
        unknown = [h for h in header if h and h not in (*COLUMNS, *_SHARED_COLUMNS)]
        if unknown:
            raise GlossaryFileError(
                path,
                f"unknown column(s) {', '.join(unknown)}; known: {', '.join(COLUMNS)}",
                header_line,
            )
    else:
        header = ["ru", "en", "note"]
    order: list[str] = []
    terms: dict[str, list[Term]] = {}
    notes: dict[str, str] = {}
    subjects: dict[str, str] = {}
    by_russian: dict[str, str] = {}
    first_lines: dict[tuple[str, str, str], int] = {}  # (concept, lang, text): its first line
    for line, row in numbered:
        if len(row) > len(header) and any(cell.strip() for cell in row[len(header) :]):
            raise GlossaryFileError(path, f"{len(row)} columns, the header has {len(header)}", line)
        cells = {name: (row[i].strip() if i < len(row) else "") for i, name in enumerate(header)}
        ru, en = cells.get("ru", ""), cells.get("en", "")
        key = cells.get("concept", "")
        if not key and not (ru and en):
            raise GlossaryFileError(path, "a row needs both a Russian and an English term", line)
        shared = _status(cells.get("status", ""), path, line)
        ru_status = _status(cells.get("ru_status", ""), path, line)
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
                _repeated_status(known, status, first_lines[(key, lang, value)], path, line)
                if context and not known.context:  # marked on a later row of its concept
                    terms[key][existing[(lang, value)]] = replace(known, context=context)
            elif value:
                if status is None and lang == "ru":
                    status = TermStatus.PREFERRED
                elif status is None:  # the first rendering is the house one, later ones admitted
                    has_preferred = any(t.lang == lang for t in terms[key])
                    status = TermStatus.ADMITTED if has_preferred else TermStatus.PREFERRED
                keep_en = keep and lang == "en"
                terms[key].append(Term(value, lang, status, pos, "", keep_en, context))
                first_lines[(key, lang, value)] = line
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
