"""TBX term bases (ISO 30042): a reader for TBX v3 and v2 (martif), a writer for TBX v3.

Term bases come from outside, so parsing is locked down: no DTD loading, no network, no
entity expansion, no huge trees. A DOCTYPE line is accepted (real files name their DTD), any
ENTITY declaration is refused before the parser sees it (billion laughs, external entities).
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from translator.glossary.files import GlossaryFileError, read_bytes, write_atomically
from translator.glossary.model import (
    LANGUAGES,
    Concept,
    Glossary,
    Term,
    TermStatus,
    content_key,
)
from translator.xmlsafe import untrusted_xml_parser

TBX_NAMESPACE = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

_CONCEPTS = ("conceptEntry", "termEntry")
_LANG_GROUPS = ("langSec", "langSet")
_TERM_GROUPS = ("termSec", "tig", "ntig")
_ENTITY_DECLARATION = re.compile(rb"<!ENTITY|<\x00!\x00E\x00N\x00T\x00I\x00T\x00Y")

STATUS_VALUES = {
    "preferredterm-admn-sts": TermStatus.PREFERRED,
    "preferredterm": TermStatus.PREFERRED,
    "preferred": TermStatus.PREFERRED,
    "admittedterm-admn-sts": TermStatus.ADMITTED,
    "admittedterm": TermStatus.ADMITTED,
    "admitted": TermStatus.ADMITTED,
    "deprecatedterm-admn-sts": TermStatus.FORBIDDEN,
    "deprecatedterm": TermStatus.FORBIDDEN,
    "supersededterm-admn-sts": TermStatus.FORBIDDEN,
    "supersededterm": TermStatus.FORBIDDEN,
    "notrecommendedterm-admn-sts": TermStatus.FORBIDDEN,
    "forbidden": TermStatus.FORBIDDEN,
}
STATUS_NAMES = {
    TermStatus.PREFERRED: "preferredTerm-admn-sts",
    TermStatus.ADMITTED: "admittedTerm-admn-sts",
    TermStatus.FORBIDDEN: "deprecatedTerm-admn-sts",
}
KEEP_AS_IS_TYPE = "transliteratedForm"
# `<descrip type="context">` in a termSec/tig: the term's sense depends on context (Term.context)
CONTEXT_TYPE = "context"


def _line(element: etree._Element) -> int | None:
    line = element.sourceline
    return line if isinstance(line, int) else None


def _local(element: etree._Element) -> str:
    tag = element.tag
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _line_of(data: bytes, offset: int) -> int:
    newline = b"\n\x00" if data[:2] == b"\xff\xfe" else b"\n"  # UTF-16 LE or ASCII-based
    return data.count(newline, 0, offset) + 1


def parse_tbx(data: bytes, path: Path) -> Glossary:
    """Concepts of a TBX file; every problem raises GlossaryFileError naming the line."""
    declaration = _ENTITY_DECLARATION.search(data)
    if declaration is not None:
        raise GlossaryFileError(
            path,
            "entity declarations are not accepted in term bases (refused for safety)",
            _line_of(data, declaration.start()),
        )
    try:
        root = etree.fromstring(data, untrusted_xml_parser())
    except etree.XMLSyntaxError as error:
        line = error.lineno or (error.position[0] if error.position else None)
        raise GlossaryFileError(path, f"not well-formed XML ({error.msg})", line) from error
    if any(isinstance(node, etree._Entity) for node in root.iter()):
        raise GlossaryFileError(path, "entity references are not accepted in term bases")
    if _local(root) not in ("tbx", "martif"):
        raise GlossaryFileError(
            path, f"not a TBX file (root element <{_local(root)}>, expected <tbx> or <martif>)"
        )
    concepts: list[Concept] = []
    seen: dict[str, int] = {}
    for element in (e for e in root.iter() if _local(e) in _CONCEPTS):
        concept = _concept(element, path)
        if not concept.terms:
            continue  # only other languages: nothing this tool can use
        if concept.key in seen:
            what = (
                f"concept id '{concept.key}' repeats the one"
                if (element.get("id") or "").strip()
                else "a concept without an id has the same preferred terms as the one"
            )
            raise GlossaryFileError(path, f"{what} on line {seen[concept.key]}", _line(element))
        seen[concept.key] = _line(element) or 0
        concepts.append(concept)
    if not concepts:
        raise GlossaryFileError(path, "no Russian or English terms found")
    return Glossary.of(concepts)


def _concept(element: etree._Element, path: Path) -> Concept:
    """One entry; without an id its key comes from its terms (model.content_key), never
    from its position, so entries of different files cannot take each other's place."""
    subject = ""
    note = ""
    terms: list[Term] = []
    for child in element:
        name = _local(child)
        if name in ("descrip", "descripGrp"):
            descrip = child if name == "descrip" else _first(child, "descrip")
            if descrip is not None and descrip.get("type") == "subjectField":
                subject = _text(descrip)
            elif descrip is not None and descrip.get("type") == "definition" and not note:
                note = _note_text(descrip)
        elif name == "note" and not note:
            note = _note_text(child)
        elif name in _LANG_GROUPS:
            lang = (child.get(XML_LANG) or child.get("lang") or "").lower()[:2]
            if not lang:
                raise GlossaryFileError(path, f"<{name}> without xml:lang", _line(child))
            if lang in LANGUAGES:
                terms.extend(_terms(child, lang, path))
    key = (element.get("id") or "").strip() or content_key(terms)
    return Concept(key, tuple(terms), subject, note)


def _terms(group: etree._Element, lang: str, path: Path) -> list[Term]:
    terms: list[Term] = []
    for holder in (e for e in group.iter() if _local(e) in _TERM_GROUPS):
        term_element = _first(holder, "term")
        if term_element is None:
            raise GlossaryFileError(path, f"<{_local(holder)}> without <term>", _line(holder))
        text = " ".join(_text(term_element).split())
        if not text:
            raise GlossaryFileError(path, "empty <term>", _line(term_element))
        status = TermStatus.PREFERRED
        pos = note = context = ""
        keep_as_is = False
        for detail in holder.iter():
            name, kind = _local(detail), detail.get("type")
            if name == "descrip" and kind == CONTEXT_TYPE and not context:
                context = _text(detail) or CONTEXT_TYPE  # an empty mark still marks
            elif name == "termNote" and kind in ("administrativeStatus", "normativeAuthorization"):
                value = _text(detail)
                if value.lower() not in STATUS_VALUES:
                    raise GlossaryFileError(path, f"unknown term status '{value}'", _line(detail))
                status = STATUS_VALUES[value.lower()]
            elif name == "termNote" and kind == "partOfSpeech":
                pos = _text(detail)
            elif name == "termNote" and kind == "termType":
                keep_as_is = keep_as_is or _text(detail) == KEEP_AS_IS_TYPE
            elif name == "note" and not note:
                note = _note_text(detail)
        terms.append(Term(text, lang, status, pos, note, keep_as_is, context))
    return terms


def _first(element: etree._Element, local_name: str) -> etree._Element | None:
    return next((e for e in element.iter() if _local(e) == local_name), None)


def _text(element: etree._Element) -> str:
    return " ".join("".join(str(text) for text in element.itertext()).split())


def _note_text(element: etree._Element) -> str:
    """A note's text; its line breaks are kept where xml:space="preserve" says they mean
    something (the writer sets it on notes with line breaks), while a note merely wrapped in
    the XML source still reads as one line, like every other text."""
    scopes = (element, *element.iterancestors())  # the nearest xml:space wins
    if next((e.get(XML_SPACE) for e in scopes if e.get(XML_SPACE)), "default") != "preserve":
        return _text(element)
    text = "".join(str(part) for part in element.itertext())
    return "\n".join(" ".join(line.split()) for line in text.splitlines()).strip("\n")


def _written_note(parent: etree._Element, tag: str, note: str) -> None:
    """A <note> under `parent`, marked xml:space="preserve" when its line breaks matter."""
    element = etree.SubElement(parent, tag)
    element.text = note
    if "\n" in note:
        element.set(XML_SPACE, "preserve")


def read_tbx(path: Path) -> Glossary:
    return parse_tbx(read_bytes(path), path)


def tbx_bytes(glossary: Glossary, title: str = "translator glossary") -> bytes:
    """TBX v3, TBX-Basic dialect: the canonical form the project ships and exports."""
    ns = f"{{{TBX_NAMESPACE}}}"
    root = etree.Element(ns + "tbx", nsmap={None: TBX_NAMESPACE})  # type: ignore[dict-item]
    root.set("type", "TBX-Basic")
    root.set("style", "dca")
    root.set(XML_LANG, "en")
    header = etree.SubElement(root, ns + "tbxHeader")
    file_desc = etree.SubElement(header, ns + "fileDesc")
    etree.SubElement(etree.SubElement(file_desc, ns + "titleStmt"), ns + "title").text = title
    source = etree.SubElement(etree.SubElement(file_desc, ns + "sourceDesc"), ns + "p")
    source.text = "Exported by translator."
    body = etree.SubElement(etree.SubElement(root, ns + "text"), ns + "body")
    for concept in glossary.concepts:
        entry = etree.SubElement(body, ns + "conceptEntry", id=concept.key)
        if concept.subject:
            etree.SubElement(entry, ns + "descrip", type="subjectField").text = concept.subject
        if concept.note:
            _written_note(entry, ns + "note", concept.note)
        for lang in LANGUAGES:
            terms = concept.terms_in(lang)
            if not terms:
                continue
            section = etree.SubElement(entry, ns + "langSec")
            section.set(XML_LANG, lang)
            for term in terms:
                holder = etree.SubElement(section, ns + "termSec")
                etree.SubElement(holder, ns + "term").text = term.text
                if term.pos:
                    etree.SubElement(holder, ns + "termNote", type="partOfSpeech").text = term.pos
                etree.SubElement(
                    holder, ns + "termNote", type="administrativeStatus"
                ).text = STATUS_NAMES[term.status]
                if term.keep_as_is:
                    etree.SubElement(
                        holder, ns + "termNote", type="termType"
                    ).text = KEEP_AS_IS_TYPE
                if term.context:
                    etree.SubElement(holder, ns + "descrip", type=CONTEXT_TYPE).text = term.context
                if term.note:
                    _written_note(holder, ns + "note", term.note)
    etree.indent(root, space="  ")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def write_tbx(glossary: Glossary, path: Path, overwrite: bool = True) -> None:
    write_atomically(path, tbx_bytes(glossary), overwrite)
