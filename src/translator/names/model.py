"""The records the name checks take and give: plain frozen data, no behaviour."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple


@dataclass(frozen=True, slots=True)
class NameUnit:
    """One paragraph pair as the checks see it; either side may be empty (not translated)."""

    paragraph_id: int
    source_lang: str
    source_text: str
    target_lang: str
    target_text: str


@dataclass(frozen=True, slots=True)
class NameMention:
    """One name found in a text.

    `text` is the span as written; the parts are normalised: English parts as written less a
    possessive, Russian parts in the nominative (a surname in the bearer's gender).
    `kind` is "person", "organisation" or "name" (a place or anything not known to be a
    person). `sentence_start` marks a one-word mention that opens a sentence, which may be
    an ordinary capitalised word rather than a name.
    """

    text: str
    start: int
    end: int
    lang: str
    kind: str
    words: tuple[str, ...]
    title: str | None = None
    first: str | None = None
    patronymic: str | None = None
    surname: str | None = None
    initials: tuple[str, ...] = ()
    feminine: bool | None = None
    sentence_start: bool = False

    @property
    def normal(self) -> str:
        """The name without title or possessive, words joined by spaces."""
        return " ".join(self.words)


@dataclass(frozen=True, slots=True)
class Spelling:
    """One way an entity is written, where, and why it is listed.

    `note` is "" for a spelling with nothing wrong, "transliteration variant", or
    "typo: doubled letter" / "typo: transposed letters".
    """

    text: str
    paragraph_ids: tuple[int, ...]
    note: str = ""

    @property
    def count(self) -> int:
        return len(self.paragraph_ids)


@dataclass(frozen=True, slots=True)
class NameVariantCluster:
    """Several spellings of one person's or place's name (or one misspelling of it).

    `entity` is a display label (the canonical full name where known), `source` the Russian
    form the spellings were tied to (None when no Russian text linked them), `canonical` the
    spelling to use, `reason` "typo" or "transliteration variant", `severity` "error" (a
    typo, or a linked entity spelt two ways) or "warning" (unlinked variant spellings).
    """

    entity: str
    spellings: tuple[Spelling, ...]
    source: str | None
    canonical: str
    reason: str
    severity: str

    def counts(self) -> dict[str, int]:
        return {spelling.text: spelling.count for spelling in self.spellings}

    def paragraphs_by_spelling(self) -> dict[str, list[int]]:
        return {spelling.text: list(spelling.paragraph_ids) for spelling in self.spellings}


class NameItem(NamedTuple):
    """One name of a paragraph, as clustering needs it (a paragraph's contribution).

    A person of the English side: `first` and `word` (the surname), either may be None.
    Another name word ("word" role): `word`, and `confirmed` False for a lone word opening
    a sentence. `first_link` and `link` are the Russian forms of the same paragraph that the
    first name and the word romanise (None when none does).

    A person of a Russian target ("ru-target" role, see `russian_target`): `first` and
    `word` are Russian, and the links are the English source spellings they stand for.
    """

    role: str  # "person", "word" or "ru-target"
    first: str | None
    word: str | None
    confirmed: bool
    first_link: str | None
    link: str | None


Contribution = tuple[NameItem, ...]
