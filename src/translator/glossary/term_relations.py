"""What the term base says about its terms beyond their text and status, for the matcher:
which terms are context-dependent, which concepts numbered institutions and abbreviations
hold. Computed once per compiled glossary.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from lxml import etree

from translator.glossary.files import GlossaryFileError
from translator.glossary.loading import shipped_glossary_path
from translator.glossary.model import Glossary, TermStatus
from translator.glossary.morphology import is_abbreviation
from translator.glossary.patterns import INSTITUTIONS_RU_TO_LATIN

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@lru_cache(maxsize=4)
def context_dependent_terms(path: Path | None = None) -> frozenset[tuple[str, str, str]]:
    """(concept id, language, term) of the terms a TBX file marks as context-dependent
    with `<descrip type="context">` in their termSec (the shipped term base by default).

    Read here because the glossary model has no field for it yet: a project's glossary is
    seeded from the shipped file with the same concept ids, so the marks apply to it.
    """
    try:
        path = path or shipped_glossary_path()
    except GlossaryFileError:
        return frozenset()
    if path.suffix.lower() != ".tbx" or not path.is_file():
        return frozenset()
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.parse(str(path), parser).getroot()
    except (OSError, etree.XMLSyntaxError):
        return frozenset()  # the reader proper reports a broken file
    marked: set[tuple[str, str, str]] = set()
    for entry in root.iter("{*}conceptEntry", "{*}termEntry"):
        for group in entry.iter("{*}langSec", "{*}langSet"):
            lang = (group.get(_XML_LANG) or group.get("lang") or "").lower()[:2]
            for holder in group.iter("{*}termSec", "{*}tig", "{*}ntig"):
                term = next(holder.iter("{*}term"), None)
                if term is None or not any(
                    descrip.get("type") == "context" for descrip in holder.iter("{*}descrip")
                ):
                    continue
                text = " ".join("".join(term.itertext()).split())
                marked.add((entry.get("id") or "", lang, text))
    return frozenset(marked)


def context_terms(glossary: Glossary) -> frozenset[tuple[str, str, str]]:
    marked = context_dependent_terms()
    return frozenset(
        (concept.key, term.lang, term.text)
        for concept in glossary.concepts
        for term in concept.terms
        if (concept.key, term.lang, term.text) in marked
    )


def institution_concepts(glossary: Glossary) -> dict[str, frozenset[str]]:
    """Latin institution kind ("SIZO") -> the concepts with that abbreviation as a term."""
    latin_of = {**INSTITUTIONS_RU_TO_LATIN, **{v: v for v in INSTITUTIONS_RU_TO_LATIN.values()}}
    found: dict[str, set[str]] = {}
    for concept in glossary.concepts:
        for term in concept.terms:
            kind = latin_of.get(term.text)
            if kind is not None:
                found.setdefault(kind, set()).add(concept.key)
    return {kind: frozenset(keys) for kind, keys in found.items()}


def abbreviation_containment(glossary: Glossary) -> frozenset[tuple[str, str]]:
    """Pairs of concepts, both ways, where one's abbreviation ends with the other's and the
    other holds no shorter one: ГУФСИН and УФСИН with ФСИН (not ГУФСИН with УФСИН)."""
    abbreviations = [
        (term.text, concept.key)
        for concept in glossary.concepts
        for term in concept.terms
        if term.status is not TermStatus.FORBIDDEN
        and len(term.text) >= 3
        and is_abbreviation(term.text)
        and "-" not in term.text
    ]

    def holds(longer: str, shorter: str) -> bool:
        return longer != shorter and longer.endswith(shorter)

    bases = [
        (text, key)
        for text, key in abbreviations
        if not any(holds(text, other) for other, _ in abbreviations)
    ]
    pairs: set[tuple[str, str]] = set()
    for text, key in abbreviations:
        for base, base_key in bases:
            if holds(text, base) and key != base_key:
                pairs.update({(key, base_key), (base_key, key)})
    return frozenset(pairs)
