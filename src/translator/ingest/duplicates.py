"""Find paragraphs that repeat another, or are a cut-off prefix of a later one (scraped pages)."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

MIN_PREFIX_CHARS = 40
_MAX_PREFIX_SCAN = 64
_ELLIPSIS = ("…", "...")
# A prefix that ends a sentence (or introduces a list) is complete: a heading, a lead.
_COMPLETE = re.compile(r"[.!?:][\"'»”’)\]]*$")


def _key(text: str) -> str:
    return " ".join(text.casefold().split())


def _cut_off_probe(key: str) -> tuple[str, bool] | None:
    """What a cut-off paragraph's full version starts with, and whether it may end mid-word.

    A trailing ellipsis marks the cut (even inside a word) and is not part of the text. A
    paragraph without one counts as cut off only if it does not end a sentence.
    """
    for ellipsis in _ELLIPSIS:
        if key.endswith(ellipsis):
            return key.removesuffix(ellipsis).rstrip(), True
    if _COMPLETE.search(key):
        return None
    return key, False


def _continues(full: str, probe: str, mid_word: bool) -> bool:
    """Whether `full` goes on from `probe` at a word boundary (or anywhere, if `mid_word`)."""
    if len(full) <= len(probe):
        return False
    return mid_word or not probe[-1].isalnum() or not full[len(probe)].isalnum()


def find_duplicates(paragraphs: Sequence[str]) -> list[int | None]:
    """For each paragraph, the index of the paragraph it duplicates, or None.

    An exact repeat points to the first occurrence. A paragraph of at least
    MIN_PREFIX_CHARS that is cut off from a later paragraph points to that later (complete)
    one: the later one goes on from it at a word boundary, or it ends in an ellipsis ("…",
    "...") and the later one starts with what comes before it. A prefix that ends a sentence
    (a heading, a lead) is not cut off. Links always end at a paragraph that is not itself a
    duplicate.
    """
    keys = [_key(text) for text in paragraphs]
    occurrences: dict[str, list[int]] = {}
    duplicate_of: list[int | None] = [None] * len(keys)
    for index, key in enumerate(keys):
        if key in occurrences:
            duplicate_of[index] = occurrences[key][0]
            occurrences[key].append(index)
        else:
            occurrences[key] = [index]
    ordered = sorted(occurrences)  # unique keys, sorted: a prefix's extensions follow it
    for key in ordered:
        found = _cut_off_probe(key)
        if found is None or len(found[0]) < MIN_PREFIX_CHARS:
            continue
        probe, mid_word = found
        index = occurrences[key][0]
        best: int | None = None
        start = bisect.bisect_right(ordered, probe)
        for other_key in ordered[start : start + _MAX_PREFIX_SCAN]:
            if not other_key.startswith(probe):
                break
            if other_key == key or not _continues(other_key, probe, mid_word):
                continue
            # Any later occurrence counts: the full text may also stand earlier and repeat.
            later = next((other for other in occurrences[other_key] if other > index), None)
            if later is not None and (best is None or later < best):
                best = later
        if best is not None:
            duplicate_of[index] = best
    return [_root(duplicate_of, index) for index in range(len(keys))]


def _root(links: list[int | None], index: int) -> int | None:
    target = links[index]
    seen = {index}
    while target is not None and links[target] is not None and target not in seen:
        seen.add(target)
        target = links[target]
    return target
