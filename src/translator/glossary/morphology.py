"""Word keys for term matching and Russian inflection for MT enforcement.

pymorphy3 analyses ~8,000 words/s uncached, far too slow to run per sentence, so every
analysis is cached per word form: a corpus repeats its vocabulary, and after the first
sentences matching costs one dictionary lookup per token.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from translator.names.morph import analyzer  # one analyser per process, shared with names

CYRILLIC = re.compile(r"[А-Яа-яЁё]")

# Prepositions that govern exactly one case, so a term after them can be put in that case.
# Ambiguous ones (в, на, с, за, под: two cases each) are left out on purpose.
PREPOSITION_CASE: dict[str, str] = {
    **dict.fromkeys(
        (
            "из",
            "от",
            "до",
            "для",
            "без",
            "у",
            "около",
            "после",
            "кроме",
            "против",
            "возле",
            "вокруг",
            "среди",
            "из-за",
            "из-под",
            "мимо",
            "вдоль",
            "вместо",
            "внутри",
            "вне",
            "ради",
            "со стороны",
        ),
        "gent",
    ),
    **dict.fromkeys(("к", "ко", "по", "благодаря", "согласно", "вопреки"), "datv"),
    **dict.fromkeys(("о", "об", "обо", "при"), "loct"),
    **dict.fromkeys(("про", "через", "сквозь"), "accs"),
    **dict.fromkeys(("над", "перед", "между"), "ablt"),
}

_ABBREVIATION = re.compile(r"^[A-ZА-ЯЁ0-9]{2,}(?:[-‑][A-ZА-ЯЁ0-9]+)*$")
_ADJECTIVE_TAGS = ("ADJF", "PRTF")


def is_russian(text: str) -> bool:
    return CYRILLIC.search(text) is not None


def is_abbreviation(word: str) -> bool:
    """ОНК, ФСИН, IK-2: written in capitals, not inflected by the matcher or the guard."""
    return _ABBREVIATION.match(word) is not None


@lru_cache(maxsize=262_144)
def ru_lemmas(word: str) -> tuple[str, ...]:
    """Every dictionary form pymorphy3 offers for a Russian word form, lower case, ё as е.

    All readings are kept ("стали" -> стать, сталь): the term's own words are keyed the same
    way, so a match needs one shared reading per word. Capitalised abbreviations are keys
    as written: pymorphy reads «СИЗО» as the adjective «сизый».
    """
    if is_abbreviation(word):
        return (word.lower().replace("ё", "е"),)
    seen: dict[str, None] = {}
    for parse in analyzer().parse(word):
        seen[parse.normal_form.replace("ё", "е")] = None
    if not seen:
        seen[word.lower().replace("ё", "е")] = None
    return tuple(seen)


_POSSESSIVE = re.compile(r"(?:['’]s|s['’]|['’])$")


@lru_cache(maxsize=262_144)
def en_key(word: str) -> str:
    """A case-, plural- and possessive-free key: "Colonies'" -> "colony", "court's" -> "court".

    Rule-based and applied to text and term alike, so consistency matters more than
    linguistic truth ("series" -> "sery" on both sides still matches).
    """
    key = word.lower().replace("’", "'")
    if key.endswith("s'"):
        key = key[:-1]
    elif key.endswith("'s"):
        key = key[:-2]
    elif key.endswith("'"):
        key = key[:-1]
    if len(key) <= 3 or (not key.isalpha() and "-" not in key):
        return key
    if key.endswith("ies") and len(key) > 4:
        return key[:-3] + "y"
    if key.endswith(("sses", "ches", "shes", "xes", "zes")):
        return key[:-2]
    if key.endswith("s") and not key.endswith(("ss", "us", "is")):
        return key[:-1]
    return key


# Irregular past forms of verbs that legal glossary entries start with. Regular forms are
# made by rule (see `english_verb_forms`); only these need listing.
_IRREGULAR_PAST: dict[str, tuple[str, ...]] = {
    "bring": ("brought",),
    "find": ("found",),
    "give": ("gave", "given"),
    "hold": ("held",),
    "keep": ("kept",),
    "lay": ("laid",),
    "lead": ("led",),
    "put": ("put",),
    "send": ("sent",),
    "set": ("set",),
    "take": ("took", "taken"),
    "write": ("wrote", "written"),
    "withdraw": ("withdrew", "withdrawn"),
}
_VOWELS = frozenset("aeiou")


@lru_cache(maxsize=4096)
def english_verb_forms(verb: str) -> tuple[str, ...]:
    """A verb's -s, -ed and -ing forms and listed irregular pasts, lower case:
    "transfer" -> transfer, transfers, transferred, transfered, transferring, transfering.

    Over-generating is harmless (a form nobody writes never matches), so a final consonant
    is written both doubled and single rather than guessing where the stress falls.
    """
    base = verb.lower()
    if len(base) < 2 or not base.isalpha():
        return (base,)
    forms = [base]
    if base.endswith(("s", "sh", "ch", "x", "z", "o")):
        forms.append(base + "es")
    elif base.endswith("y") and base[-2] not in _VOWELS:
        forms.append(base[:-1] + "ies")
    else:
        forms.append(base + "s")
    if base.endswith("e"):
        forms += [base + "d", base[:-1] + "ing"]
    elif base.endswith("y") and base[-2] not in _VOWELS:
        forms += [base[:-1] + "ied", base + "ing"]
    else:
        forms += [base + "ed", base + "ing"]
        last, before = base[-1], base[-2]
        if last not in _VOWELS and last not in "wxy" and before in _VOWELS:
            forms += [base + last + "ed", base + last + "ing"]
    forms += _IRREGULAR_PAST.get(base, ())
    return tuple(dict.fromkeys(forms))


def word_key(word: str, lang: str) -> tuple[str, ...]:
    """The keys a token is matched by: lemmas for Russian, one normalised form for English."""
    if lang == "ru" and is_russian(word):
        return ru_lemmas(word)
    return (en_key(word),)


def case_after(preposition: str) -> str | None:
    """The grammatical case a preposition requires, when it requires exactly one."""
    return PREPOSITION_CASE.get(preposition.lower())


def _dictionary_parse(word: str) -> Any:
    """The nominative reading of a word as written in a glossary (nouns before adjectives)."""
    parses = [p for p in analyzer().parse(word) if "nomn" in p.tag]
    if not parses:
        return None
    nouns = [p for p in parses if p.tag.POS == "NOUN"]
    candidates = nouns or parses
    best = candidates[0].score
    # Equal scores: prefer the animate reading («иностранный агент» is a person label).
    tied = [p for p in candidates if p.score >= best - 1e-9]
    return next((p for p in tied if p.tag.animacy == "anim"), candidates[0])


def _match_capitals(original: str, inflected: str) -> str:
    if original.isupper() and len(original) > 1:
        return inflected.upper()
    if original[:1].isupper():
        return inflected[:1].upper() + inflected[1:]
    return inflected


def inflect_phrase(phrase: str, case: str, plural: bool = False) -> str | None:
    """Put a Russian noun phrase in dictionary form into `case` ("колония строгого режима",
    "gent" -> "колонии строгого режима"), or None when the phrase cannot be analysed.

    The head is the first noun before any preposition; adjectives before it agree with it;
    words after it (genitive complements, prepositional phrases) stay as they are.
    """
    words = phrase.split(" ")
    parses = [None if is_abbreviation(w) else _dictionary_parse(w) for w in words]
    head = None
    for index, (word, parse) in enumerate(zip(words, parses, strict=True)):
        if parse is None:
            if is_abbreviation(word) and index == 0:
                return phrase  # «ФСИН России»: an abbreviation heads it, nothing inflects
            break
        if parse.tag.POS == "NOUN":
            head = index
            break
        if parse.tag.POS not in _ADJECTIVE_TAGS:
            break
    if head is None:
        # A substantivised adjective heads it («уполномоченный по правам человека»).
        adjectives = [
            i
            for i, p in enumerate(parses)
            if p is not None and p.tag.POS in _ADJECTIVE_TAGS and i == 0
        ]
        if not adjectives:
            return None
        head = adjectives[-1]
    grammemes = {case, "plur" if plural else "sing"}
    result = list(words)
    head_parse = parses[head]
    assert head_parse is not None
    inflected_head = head_parse.inflect(grammemes)
    if inflected_head is None:
        return None
    result[head] = _match_capitals(words[head], inflected_head.word)
    gender = head_parse.tag.gender
    for index in range(head):
        parse = parses[index]
        assert parse is not None
        wanted = set(grammemes)
        if not plural and gender:
            wanted.add(gender)
        animacy = head_parse.tag.animacy
        if case == "accs" and animacy and (plural or gender == "masc"):
            wanted.add(animacy)
        inflected = parse.inflect(wanted)
        if inflected is None:
            return None
        result[index] = _match_capitals(words[index], inflected.word)
    return " ".join(result)


def pluralize_english(phrase: str) -> str:
    """ "pre-trial detention centre" -> "pre-trial detention centres" (last word only)."""
    head, _, last = phrase.rpartition(" ")
    lower = last.lower()
    if not last or is_abbreviation(last) or not last.isalpha():
        return phrase
    if lower.endswith("y") and lower[-2:-1] not in ("a", "e", "o", "u"):
        plural = last[:-1] + "ies"
    elif lower.endswith(("s", "sh", "ch", "x", "z")):
        plural = last + "es"
    else:
        plural = last + "s"
    return f"{head} {plural}" if head else plural
