"""Rewriting name variants to one canonical spelling in a target text (for `translator resolve`).

Spellings are replaced as whole phrases at word boundaries ("Dmitry Zhuravlev" ->
"Dmitrii Zhuravlev", possessives such as "Zhuravlev’s" included). A one-word spelling
(a misspelt surname "Zhurravlev", a first name alone) becomes the most similar word of the
canonical name, and is left alone where it is part of another person's name: "Dmitry" next
to "Kolesnikov" is the judge, not the prisoner. English names do not inflect, which is what
makes plain replacement sound. A Russian one-word spelling is rewritten in every case form
(`inflected_pairs`: «Журравлеву» becomes «Журавлеву», «Алексия» «Алексея»), each form mapped
to the canonical's form of the same case, number and gender by pymorphy3.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from diff_match_patch import diff_match_patch
from rapidfuzz.distance import Levenshtein

from translator.diffs import word_diff
from translator.names.morph import is_known, name_parses, parses
from translator.names.russian_target import surname_key

if TYPE_CHECKING:
    from pymorphy3.analyzer import Parse

# Words that may stand next to a name without being part of another one.
_TITLES = frozenset(
    [
        "Mr",
        "Mr.",
        "Mrs",
        "Mrs.",
        "Ms",
        "Ms.",
        "Dr",
        "Dr.",
        "Judge",
        "Lawyer",
        "Prisoner",
        "Citizen",
        "Sir",
        "Madam",
        "The",
        "A",
        "An",
    ]
)
_WORD = r"[^\W\d_][\w’'.-]*"


@dataclass(frozen=True, slots=True)
class Replacement:
    start: int  # in the old text
    end: int
    old: str
    new: str
    spelling: str = ""  # the variant spelling `old` is a form of («Соколлов» for «Соколлова»)


_CYRILLIC_WORD = re.compile(r"[А-ЯЁа-яё-]+")
_FORM_GRAMMEMES = frozenset({"nomn", "gent", "datv", "accs", "ablt", "loct"}) | frozenset(
    {"sing", "plur", "masc", "femn"}
)


def _nominative_name(word: str) -> Parse | None:
    """The analysis of `word` as a name in the nominative (how findings quote spellings)."""
    return next((p for p in name_parses(word) if "nomn" in p.tag), None)


def _cased(form: str, like: str, keep_yo: bool) -> str:
    """pymorphy3's lower-case `form` written with the capitals of `like`, part by part
    (Петрова-Водкина after Петров-Водкин)."""
    form = form if keep_yo else form.replace("ё", "е")
    capitals = [part[:1].isupper() for part in like.split("-")]
    parts = form.split("-")
    if len(parts) != len(capitals):
        capitals = [capitals[0]] * len(parts)
    return "-".join(
        part.capitalize() if upper else part for part, upper in zip(parts, capitals, strict=True)
    )


def inflected_pairs(spelling: str, canonical: str) -> dict[str, str]:
    """Each form of a Russian one-word name spelling -> the canonical's form of the same
    case, number and gender («Журравлеву» -> «Журавлеву»); for anything else, or a
    canonical pymorphy3 does not read as a name, just `spelling` -> `canonical`. A misspelt
    word pymorphy3 does not read as a name in the nominative («Соколлов», which it takes
    for a place «Соколл») is declined like the canonical (`_analogous_pairs`)."""
    pairs = {spelling: canonical}
    if not (_CYRILLIC_WORD.fullmatch(spelling) and _CYRILLIC_WORD.fullmatch(canonical)):
        return pairs
    old, new = _nominative_name(spelling), _nominative_name(canonical)
    if new is None:
        return pairs
    if old is None:
        return pairs | _analogous_pairs(spelling, canonical, new)
    keep_yo = "ё" in canonical.lower()
    for form in old.lexeme:
        wanted = set(form.tag.grammemes) & _FORM_GRAMMEMES
        target = new.inflect(wanted)
        if target is None or not wanted <= set(target.tag.grammemes):
            continue  # no form of the canonical in this case and number: leave it be
        old_form = _cased(form.word, spelling, "ё" in spelling.lower())
        new_form = _cased(target.word, canonical, keep_yo)
        if old_form != new_form:  # a form both spellings share is no variant
            pairs.setdefault(old_form, new_form)
    return pairs


def _shared_prefix(first: str, second: str) -> int:
    """How many leading letters two words share."""
    return next(
        (i for i, (a, b) in enumerate(zip(first, second, strict=False)) if a != b),
        min(len(first), len(second)),
    )


def _analogous_pairs(spelling: str, canonical: str, new: Parse) -> dict[str, str]:
    """The canonical's forms (`new`, its nominative parse), each with the spelling's form
    made the same way: the canonical's ending swapped on the spelling («Соколов» ->
    «Соколова» gives «Соколлов» -> «Соколлова»). A form whose ending the spelling does not
    share is left out rather than guessed, and so is one the dictionary knows as a word:
    the forms of a misspelling are misspellings too, while «Или» (made from «Иля» like
    «Ильи» from «Илья») is "or" opening a sentence."""
    pairs: dict[str, str] = {}
    keep_yo = "ё" in canonical.lower()
    for form in new.lexeme:
        new_form = _cased(form.word, canonical, keep_yo)
        shared = _shared_prefix(canonical.lower(), new_form.lower())
        ending = canonical[shared:]
        if not spelling.lower().endswith(ending.lower()):
            continue
        old_form = spelling[: len(spelling) - len(ending)] + new_form[shared:]
        if old_form != new_form and (old_form == spelling or not is_known(old_form)):
            pairs.setdefault(old_form, new_form)
    return pairs


def _words(text: str) -> list[str]:
    return text.split()


def _pattern(spelling: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![^\W\d_]){re.escape(spelling)}(?![^\W\d_])")


_POSSESSIVE = re.compile(r"['’]s?$")  # "Zhuravlev's", "Zhuravlevs’": the name itself


def _name_keys(words: Iterable[str]) -> set[str]:
    """What a neighbouring word is compared by: `surname_key` of each word and of each of its
    case forms, so «Алексия Соколова» is the same name as «Алексий Соколов» (Latin words
    only lose their capitals)."""
    keys: set[str] = set()
    for word in words:
        keys.add(surname_key(word))
        if _CYRILLIC_WORD.fullmatch(word):
            parse = _nominative_name(word)
            keys.update(surname_key(form.word) for form in (parse.lexeme if parse else ()))
    return keys


# A capitalised word after one of these is a place or a time ("in Moscow", "on Monday").
_PLACE_OR_TIME_BEFORE = frozenset(
    [
        "in",
        "on",
        "at",
        "from",
        "to",
        "near",
        "since",
        "until",
        "after",
        "before",
        "during",
        "across",
        "outside",
        "inside",
    ]
)
_PERSON_TAGS = ("Name", "Surn", "Patr")


def _neighbour_blocks(text: str, start: int, end: int, allowed: set[str]) -> bool:
    """True when a capitalised word right before or after [start, end) may belong to some
    other person's name: neither a title nor a word of the canonical name (`allowed` holds
    their `_name_keys`), not a capital that only opens the sentence, and, in Russian, a
    first name, surname or patronymic by pymorphy3 («Москве», «Затем» are none), in
    English, not a place or time after a preposition ("In Moscow", "on Monday")."""
    before = re.search(rf"({_WORD})[^\S\n]+$", text[:start])
    after = re.match(rf"[^\S\n]+({_WORD})", text[end:])
    for match in (before, after):
        if match is None:
            continue
        word = _POSSESSIVE.sub("", match.group(1).rstrip(".,’'"))
        if not word[:1].isupper() or word in _TITLES or surname_key(word) in allowed:
            continue
        ahead = text[: match.start(1)] if match is before else text[:start]
        if match is before and re.search(r"[.!?]\s*$", ahead or "."):
            continue  # a capital after a full stop only starts the sentence
        if _CYRILLIC_WORD.fullmatch(word):
            if not any(tag in parse.tag for parse in parses(word) for tag in _PERSON_TAGS):
                continue
        else:
            previous = re.search(rf"({_WORD})[^\S\n]+$", ahead)
            if previous and previous.group(1).lower() in _PLACE_OR_TIME_BEFORE:
                continue
        return True
    return False


def plan_replacements(
    text: str, spellings: list[str], canonical: str, same_name: Iterable[str] = ()
) -> list[Replacement]:
    """Where `text` writes a non-canonical spelling, and what replaces it; longest first.

    `same_name` lists words that may stand next to a one-word spelling because they belong
    to the same name (the entity's other words and spellings): "Dmitry Zhuravlev" is
    rewritten, "Dmitry Kolesnikov" is not.
    """
    canonical_words = _words(canonical)
    # «Алексий Журавлеву»: the surname next to the first name may be in any case.
    allowed = _name_keys([*canonical_words, *(w for text_ in same_name for w in _words(text_))])
    taken: list[tuple[int, int]] = []
    found: list[Replacement] = []
    for spelling in sorted(set(spellings), key=len, reverse=True):
        if spelling == canonical:
            continue
        words = _words(spelling)
        single = len(words) == 1
        if len(words) == len(canonical_words):
            new = canonical
        elif single:
            new = min(canonical_words, key=lambda word: Levenshtein.distance(word, spelling))
        else:
            continue  # "D. Zhuravlev" -> "Dmitrii Andreevich Zhuravlev" is a style choice
        if new == spelling:
            continue
        forms = inflected_pairs(spelling, new) if single else {spelling: new}
        for old_form, new_form in forms.items():
            for match in _pattern(old_form).finditer(text):
                start, end = match.span()
                if any(start < t_end and t_start < end for t_start, t_end in taken):
                    continue  # inside a longer spelling already handled (or kept)
                taken.append((start, end))
                if single and _neighbour_blocks(text, start, end, allowed):
                    continue
                found.append(Replacement(start, end, old_form, new_form, spelling))
    return sorted(found, key=lambda item: item.start)


def apply_replacements(text: str, replacements: list[Replacement]) -> str:
    parts: list[str] = []
    position = 0
    for item in replacements:
        parts.append(text[position : item.start])
        parts.append(item.new)
        position = item.end
    parts.append(text[position:])
    return "".join(parts)


def diff(old: str, new: str) -> list[tuple[int, str]]:
    """Word-level operations (-1 deleted, 0 kept, 1 inserted): "[-Dmitry-]{+Dmitrii+}"."""
    return [(int(op), text) for op, text in word_diff(old, new)]


def change_is_name_only(old: str, new: str, names: list[str]) -> bool:
    """Whether every difference between `old` and `new` lies inside one of the name spellings
    (`names`, old and canonical ones): then an approved paragraph may stay approved."""
    engine = diff_match_patch()
    operations = engine.diff_main(old, new)
    old_spans = [m.span() for name in names for m in _pattern(name).finditer(old)]
    new_spans = [m.span() for name in names for m in _pattern(name).finditer(new)]
    old_at = new_at = 0
    for op, segment in operations:
        if op == 0:
            old_at += len(segment)
            new_at += len(segment)
            continue
        spans, at = (old_spans, old_at) if op < 0 else (new_spans, new_at)
        end = at + len(segment)
        if not any(s_start <= at and end <= s_end for s_start, s_end in spans):
            return False
        if op < 0:
            old_at = end
        else:
            new_at = end
    return True


def forbidden_forms(variants: Iterable[str], canonical: str) -> list[str]:
    """The variants as whole names, for the glossary: "Dmitry" with canonical "Dmitrii
    Zhuravlev" becomes "Dmitry Zhuravlev" (forbidding "Dmitry" alone would flag the judge
    Dmitry Kolesnikov too)."""
    canonical_words = _words(canonical)
    forms: dict[str, None] = {}
    for variant in variants:
        words = _words(variant)
        if len(words) == len(canonical_words):
            form = variant
        elif len(words) == 1:
            nearest = min(
                range(len(canonical_words)),
                key=lambda i: Levenshtein.distance(canonical_words[i], variant),
            )
            form = " ".join(
                variant if i == nearest else word for i, word in enumerate(canonical_words)
            )
        else:
            continue
        if form != canonical:
            forms[form] = None
    return list(forms)
