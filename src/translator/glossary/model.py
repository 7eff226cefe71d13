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
    `context` is set on a term whose sense depends on context («прогулка»: an exercise
    period in a prison, a walk elsewhere; TBX `<descrip type="context">`): it says why, and
    the term checks do not require the term's rendering, since word matching cannot tell
    the senses apart.
    """

    text: str
    lang: str
    status: TermStatus = TermStatus.PREFERRED
    pos: str = ""
    note: str = ""
    keep_as_is: bool = False
    context: str = ""

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

    def preferred(self, lang: str) -> Term | None:
        """The first term in `lang` the glossary marks preferred, if any."""
        return next((t for t in self.terms_in(lang) if t.status is TermStatus.PREFERRED), None)

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

    def content_fingerprint(self, extra: Sequence[str] = ()) -> str:
        """A hash of everything the glossary says (notes and contexts included, which
        `fingerprint` leaves out since MT ignores them but the checks do not)."""
        blob = repr((self.concepts, tuple(extra)))
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]


def content_key(terms: Iterable[Term], prefix: str = "tbx") -> str:
    """A stable key for a concept that came without an id, derived from what it says.

    Built from the preferred terms of each language (else its accepted ones, else all),
    case- and space-folded and sorted, so the same entry imported twice gets the same key
    and two different entries never share one (a positional "c1" made every id-less
    entry of a second file replace the first file's).
    """
    listed = list(terms)
    sides: list[list[str]] = []
    for lang in LANGUAGES:
        own = [t for t in listed if t.lang == lang]
        chosen = (
            [t for t in own if t.status is TermStatus.PREFERRED]
            or [t for t in own if t.status is not TermStatus.FORBIDDEN]
            or own
        )
        sides.append(sorted({" ".join(t.text.casefold().split()) for t in chosen}))
    blob = json.dumps(sides, ensure_ascii=False)
    return f"{prefix}:{hashlib.sha256(blob.encode('utf-8')).hexdigest()[:12]}"


class MergeOutcome(StrEnum):
    """What importing one concept did to the stored glossary."""

    NEW = "new"
    MERGED = "merged"
    UNCHANGED = "unchanged"
    REPLACED = "replaced"


@dataclass(frozen=True, slots=True)
class StatusChange:
    """An existing term whose status an import changed."""

    lang: str
    text: str
    before: TermStatus
    after: TermStatus


@dataclass(frozen=True, slots=True)
class ConceptMerge:
    """The concept to store after an import, and what changed, so the report can name it."""

    outcome: MergeOutcome
    concept: Concept
    added: tuple[Term, ...] = ()
    changed: tuple[StatusChange, ...] = ()


def merge_concept(stored: Concept | None, incoming: Concept, replace: bool = False) -> ConceptMerge:
    """Fold an imported concept into the stored one with the same key, losing nothing.

    New term texts are appended; a term already stored takes the file's status (and its
    part of speech, note, keep-as-is and context only where the stored term has none);
    everything else stored stays, forbidden renderings and the note included. When the file
    makes a new term preferred in a language, stored preferred terms the file does not
    mention become admitted, as `glossary add` does, so the file's rendering is the house one.
    `replace` swaps the whole concept instead (the explicit `--replace`).
    """
    if stored is None:
        return ConceptMerge(MergeOutcome.NEW, incoming, incoming.terms)
    if replace:
        outcome = MergeOutcome.UNCHANGED if stored == incoming else MergeOutcome.REPLACED
        return ConceptMerge(outcome, incoming)
    terms = list(stored.terms)
    position = {(t.lang, t.text): i for i, t in enumerate(terms)}
    added: list[Term] = []
    changed: list[StatusChange] = []
    for term in incoming.terms:
        index = position.get((term.lang, term.text))
        if index is None:
            position[(term.lang, term.text)] = len(terms)
            terms.append(term)
            added.append(term)
            continue
        old = terms[index]
        if old.status is not term.status:
            changed.append(StatusChange(term.lang, term.text, old.status, term.status))
        terms[index] = Term(
            old.text,
            old.lang,
            term.status,
            old.pos or term.pos,
            old.note or term.note,
            old.keep_as_is or term.keep_as_is,
            old.context or term.context,
        )
    mentioned = {(t.lang, t.text) for t in incoming.terms}
    new_preferred = {t.lang for t in added if t.status is TermStatus.PREFERRED}
    for index, term in enumerate(terms):
        if (
            term.lang in new_preferred
            and term.status is TermStatus.PREFERRED
            and (term.lang, term.text) not in mentioned
        ):
            terms[index] = Term(
                term.text,
                term.lang,
                TermStatus.ADMITTED,
                term.pos,
                term.note,
                term.keep_as_is,
                term.context,
            )
            changed.append(
                StatusChange(term.lang, term.text, TermStatus.PREFERRED, TermStatus.ADMITTED)
            )
    merged = Concept(
        stored.key, tuple(terms), stored.subject or incoming.subject, stored.note or incoming.note
    )
    outcome = MergeOutcome.UNCHANGED if merged == stored else MergeOutcome.MERGED
    return ConceptMerge(outcome, merged, tuple(added), tuple(changed))
