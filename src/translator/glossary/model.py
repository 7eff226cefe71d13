"""Plain glossary records: a concept holds terms in both languages, each with a status.

Kept free of parsing and matching so the store, the readers and the matcher share one shape.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

LANGUAGES = ("ru", "en")


class TermStatus(StrEnum):
    """How a term may be used: the house rendering, an accepted variant, or one to flag."""

    PREFERRED = "preferred"
    ADMITTED = "admitted"
    FORBIDDEN = "forbidden"

    @property
    def rank(self) -> int:
        """Lower is better: used to pick renderings and to break ties deterministically."""
        return list(TermStatus).index(self)


@dataclass(frozen=True, slots=True)
class Term:
    """One written form of a concept in one language.

    `keep_as_is` marks a transliterated organisation name kept next to its translation
    («Правовая основа» -> "Pravovaya Osnova"): it is never inflected or translated.
    """

    text: str
    lang: str
    status: TermStatus = TermStatus.PREFERRED
    pos: str = ""
    note: str = ""
    keep_as_is: bool = False

    @property
    def is_proper_name(self) -> bool:
        """Proper names match case-sensitively: «Правовая основа» the NGO, not a legal basis."""
        return self.pos in ("properNoun", "proper noun", "propn")


@dataclass(frozen=True, slots=True)
class Concept:
    """A glossary entry: `key` is stable (TBX id, "name:..." for resolved names)."""

    key: str
    terms: tuple[Term, ...]
    subject: str = ""
    note: str = ""

    def terms_in(self, lang: str) -> list[Term]:
        return [term for term in self.terms if term.lang == lang]

    def rendering(self, lang: str) -> Term | None:
        """The required rendering in `lang`: the first preferred term, else the first admitted."""
        usable = [term for term in self.terms_in(lang) if term.status is not TermStatus.FORBIDDEN]
        if not usable:
            return None
        return min(usable, key=lambda term: term.status.rank)

    def accepted(self, lang: str) -> list[Term]:
        """Every rendering that satisfies the concept in `lang` (preferred and admitted)."""
        return [t for t in self.terms_in(lang) if t.status is not TermStatus.FORBIDDEN]

    def forbidden(self, lang: str) -> list[Term]:
        return [t for t in self.terms_in(lang) if t.status is TermStatus.FORBIDDEN]


@dataclass(frozen=True, slots=True)
class Glossary:
    """An ordered set of concepts, as read from a file or the project store."""

    concepts: tuple[Concept, ...] = field(default_factory=tuple)

    @classmethod
    def of(cls, concepts: Iterable[Concept]) -> Glossary:
        return cls(tuple(concepts))

    def __len__(self) -> int:
        return len(self.concepts)

    def find(self, key: str) -> Concept | None:
        for concept in self.concepts:
            if concept.key == key:
                return concept
        return None

    def fingerprint(self, extra: Sequence[str] = ()) -> str:
        """A hash of everything that changes MT output: terms, statuses and `extra` settings."""
        payload = [
            [
                concept.key,
                [[t.text, t.lang, t.status.value, t.pos, t.keep_as_is] for t in concept.terms],
            ]
            for concept in self.concepts
        ]
        blob = json.dumps([payload, list(extra)], ensure_ascii=False, sort_keys=True)
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]
