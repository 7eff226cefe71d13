"""What the term base says about its terms beyond their text and status, for the matcher:
which terms are context-dependent, which concepts numbered institutions and abbreviations
hold. Computed once per compiled glossary.
"""

from __future__ import annotations

from translator.glossary.model import Glossary, TermStatus
from translator.glossary.morphology import is_abbreviation
from translator.glossary.patterns import INSTITUTIONS_RU_TO_LATIN


def context_terms(glossary: Glossary) -> frozenset[tuple[str, str, str]]:
    """(concept key, language, term) of the terms marked context-dependent (Term.context,
    TBX `<descrip type="context">`), which the term checks neither require nor compare."""
    return frozenset(
        (concept.key, term.lang, term.text)
        for concept in glossary.concepts
        for term in concept.terms
        if term.context
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
