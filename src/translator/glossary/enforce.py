"""The glossary's `TermGuard`: protect terms through MT, then put the required renderings in.

Before MT each matched term becomes a short marker ("ZX1"): letters and digits survive
SentencePiece segmentation whole far more often than brackets or symbols, which small
vocabularies turn into <unk>. After MT each marker is replaced by the house rendering; for
a Russian target the rendering is inflected when the context decides the case (a preposition
that governs one case, a noun before it, the start of the sentence), otherwise the
dictionary form goes in and the sentence is flagged. A marker the model dropped, doubled or
garbled is always flagged, never silently patched over.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from translator.core.mt import ProtectedSentence, ProtectedTerm, RestoredSentence
from translator.glossary.matcher import GlossaryIndex, TermMatch, tokenize
from translator.glossary.morphology import (
    case_after,
    en_key,
    inflect_phrase,
    is_abbreviation,
    is_russian,
    pluralize_english,
)
from translator.names.morph import analyzer

MARKER_PREFIX = "ZX"
GUARD_VERSION = "1"  # bump when protection or restoration changes MT output
_EXACT = re.compile(rf"(?<![\w]){MARKER_PREFIX}(\d+)(?!\d)")
# What a model makes of "ZX3": "zx3", "ZX 3", "Zx-3", Cyrillic look-alikes «ЗХ3», «ЗX3».
_GARBLED = re.compile(r"(?<![\w])[ZzЗз]\s?[XxХх][\s\-]?(\d+)(?!\d)")
_GLUED = re.compile(r"[^\W\d_]+")  # letters a model wrote onto a marker: «ZX1ы», "ZX1ed"


def _past_glued_letters(text: str, end: int, problems: list[str], marker: str) -> int:
    """Where a marker's slot ends: past any letters glued to it (an ending the model gave
    the marker, which would otherwise stick to the term: «колонииы», "IK-6s"), which is
    then a problem to check, since the term goes back in the form the guard chose."""
    glued = _GLUED.match(text, end)
    if glued is None:
        return end
    problems.append(
        f"MT wrote '{glued.group()}' onto a term marker ('{marker}{glued.group()}'); the term "
        "was put back without it, check its form"
    )
    return glued.end()


_LEADING = re.compile(r"^[\s«»\"“”„'(\[—–-]*$")


@dataclass(frozen=True, slots=True)
class _Slot:
    """Where a marker landed in the translation and what goes there."""

    start: int
    end: int
    number: int


class GlossaryTermGuard:
    """Implements translator.core.mt.TermGuard over a compiled `GlossaryIndex`."""

    def __init__(self, index: GlossaryIndex) -> None:
        self.index = index
        self._fingerprint = f"{index.fingerprint}-g{GUARD_VERSION}"

    @property
    def fingerprint(self) -> str:
        return self._fingerprint

    # -- before MT -------------------------------------------------------------------
    def protect(self, sentence: str, source_lang: str, target_lang: str) -> ProtectedSentence:
        pieces: list[str] = []
        terms: list[ProtectedTerm] = []
        cursor = 0
        for match in self._protectable(sentence, source_lang, target_lang):
            rendering = self.index.rendering(match, target_lang)
            assert rendering is not None
            marker = f"{MARKER_PREFIX}{len(terms) + 1}"
            pieces.append(sentence[cursor : match.start])
            pieces.append(marker)
            cursor = match.end
            terms.append(ProtectedTerm(marker, match.text, rendering, match.concept))
        pieces.append(sentence[cursor:])
        return ProtectedSentence(sentence, "".join(pieces), tuple(terms))

    def _protectable(self, sentence: str, source_lang: str, target_lang: str) -> list[TermMatch]:
        if source_lang == target_lang:
            return []
        return [
            match
            for match in self.index.find(sentence, source_lang)
            if self.index.rendering(match, target_lang) is not None
        ]

    # -- after MT --------------------------------------------------------------------
    def restore(self, translation: str, protected: ProtectedSentence) -> RestoredSentence:
        if not protected.terms:
            return RestoredSentence(translation)
        problems: list[str] = []
        slots = self._find_slots(translation, len(protected.terms), problems)
        target_lang = "ru" if is_russian("".join(t.target for t in protected.terms)) else "en"
        source_lang = "en" if target_lang == "ru" else "ru"
        matches = self._protectable(protected.original, source_lang, target_lang)
        by_number: dict[int, TermMatch] = dict(enumerate(matches, start=1))
        pieces: list[str] = []
        cursor = 0
        placed: set[int] = set()
        for slot in slots:
            term = protected.terms[slot.number - 1]
            before = translation[cursor : slot.start]
            pieces.append(before)
            context = "".join(pieces)
            match = by_number.get(slot.number)
            pieces.append(self._render(term, match, context, target_lang, problems))
            cursor = slot.end
            if slot.number in placed:
                problems.append(
                    f"term «{term.source}» appears more than once in the translation; check it"
                )
            placed.add(slot.number)
        pieces.append(translation[cursor:])
        for number, term in enumerate(protected.terms, start=1):
            if number not in placed:
                problems.append(
                    f"MT dropped the protected term «{term.source}» (required: «{term.target}»); "
                    "insert it by hand"
                )
        return RestoredSentence("".join(pieces), tuple(problems))

    @staticmethod
    def _find_slots(translation: str, count: int, problems: list[str]) -> list[_Slot]:
        slots: list[_Slot] = []
        taken: list[tuple[int, int]] = []
        for found in _EXACT.finditer(translation):
            number = int(found.group(1))
            if 1 <= number <= count:
                end = _past_glued_letters(translation, found.end(), problems, found.group())
                slots.append(_Slot(found.start(), end, number))
                taken.append((found.start(), end))
            else:
                problems.append(f"MT produced an unknown term marker '{found.group()}'")
        for found in _GARBLED.finditer(translation):
            if any(start <= found.start() < end for start, end in taken):
                continue
            number = int(found.group(1))
            if 1 <= number <= count:
                problems.append(
                    f"MT garbled a term marker ('{found.group()}'); the term was put back, check it"
                )
                end = _past_glued_letters(translation, found.end(), [], found.group())
                slots.append(_Slot(found.start(), end, number))
        slots.sort(key=lambda slot: slot.start)
        return slots

    def _render(
        self,
        term: ProtectedTerm,
        match: TermMatch | None,
        context: str,
        target_lang: str,
        problems: list[str],
    ) -> str:
        rendering = term.target
        sentence_start = _LEADING.match(context) is not None
        if match is not None and match.pattern is None:
            target_term = self.index.rendering_term(match, target_lang)
            fixed = target_term is None or target_term.keep_as_is or is_abbreviation(rendering)
            plural = _is_plural(match)
            if target_lang == "ru" and not fixed:
                rendering = self._inflect_russian(term, rendering, context, plural, problems)
            elif (
                target_lang == "en"
                and plural
                and not fixed
                and target_term is not None
                and not target_term.is_proper_name
            ):
                rendering = pluralize_english(rendering)
        if sentence_start and rendering[:1].islower():
            rendering = rendering[:1].upper() + rendering[1:]
        return rendering

    @staticmethod
    def _inflect_russian(
        term: ProtectedTerm, rendering: str, context: str, plural: bool, problems: list[str]
    ) -> str:
        words = [surface for _, _, surface in tokenize(context) if surface[:1].isalpha()]
        previous = words[-1] if words and not context.rstrip().endswith((".", "!", "?")) else ""
        case: str | None
        if _LEADING.match(context) is not None:
            case = "nomn"
        elif not previous:
            case = None
        else:
            case = case_after(previous) or _case_after_noun(previous)
        if case is None:
            problems.append(
                f"«{rendering}» was inserted in its dictionary form: the case it needs here "
                "could not be determined; check it"
            )
            return rendering
        if case == "nomn" and not plural:
            return rendering
        inflected = inflect_phrase(rendering, case, plural)
        if inflected is None:
            problems.append(f"«{rendering}» could not be inflected ({case}); check its form")
            return rendering
        return inflected


def _case_after_noun(word: str) -> str | None:
    """A noun directly before a term governs the genitive («члены ОНК», «начальник колонии»)."""
    parses = analyzer().parse(word)
    if parses and all(parse.tag.POS == "NOUN" for parse in parses):
        return "gent"
    return None


def _is_plural(match: TermMatch) -> bool:
    """Whether the source occurrence is plural, so the target rendering should be too."""
    words = [surface for _, _, surface in tokenize(match.text) if surface[:1].isalpha()]
    if not words:
        return False
    if match.lang == "en":
        last = words[-1]
        lower = last.lower().rstrip("'’")
        return not is_abbreviation(last) and en_key(last) != lower and lower.endswith("s")
    for word in words:
        parses = analyzer().parse(word)
        if parses and parses[0].tag.POS == "NOUN":
            return bool(parses[0].tag.number == "plur")
    return False
