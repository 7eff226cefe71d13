"""Paragraph alignment for source updates: exact anchors, moves, edits, splits, merges."""

from __future__ import annotations

import random

from translator.update.align import Alignment, ChangeKind, align_paragraphs, similarity

K = ChangeKind


def kinds(steps: list[Alignment]) -> list[tuple[ChangeKind, tuple[int, ...], tuple[int, ...]]]:
    return [(step.kind, step.old, step.new) for step in steps]


def covers_everything(steps: list[Alignment], old: int, new: int) -> bool:
    old_seen = sorted(i for step in steps for i in step.old)
    new_seen = sorted(j for step in steps for j in step.new)
    return old_seen == list(range(old)) and new_seen == list(range(new))


def test_identical_versions_are_all_unchanged() -> None:
    texts = ["Первый абзац.", "Второй абзац.", "Третий абзац."]
    assert kinds(align_paragraphs(texts, list(texts))) == [
        (K.UNCHANGED, (0,), (0,)),
        (K.UNCHANGED, (1,), (1,)),
        (K.UNCHANGED, (2,), (2,)),
    ]


def test_insert_at_the_top_leaves_the_rest_unchanged() -> None:
    old = ["A paragraph about the case.", "Another paragraph."]
    steps = align_paragraphs(old, ["Breaking: the appeal was heard.", *old])
    assert kinds(steps) == [
        (K.NEW, (), (0,)),
        (K.UNCHANGED, (0,), (1,)),
        (K.UNCHANGED, (1,), (2,)),
    ]


def test_a_corrected_date_is_an_edit_not_a_removal_plus_insertion() -> None:
    old = ["Title", "He was detained on 12 May 2009 in Yekaterinburg.", "End of the story."]
    new = ["Title", "He was detained on 13 May 2009 in Yekaterinburg.", "End of the story."]
    steps = align_paragraphs(old, new)
    assert kinds(steps)[1] == (K.EDITED, (1,), (1,))
    assert 0.9 < steps[1].similarity < 1.0


def test_split_and_merge_are_recognised() -> None:
    old = [
        "Title",
        "He was detained on 13 May 2009. The next day he was taken into custody.",
        "The court sat in June.",
        "It refused bail.",
        "End.",
    ]
    new = [
        "Title",
        "He was detained on 13 May 2009.",
        "The next day he was taken into custody.",
        "The court sat in June. It refused bail.",
        "End.",
    ]
    assert kinds(align_paragraphs(old, new)) == [
        (K.UNCHANGED, (0,), (0,)),
        (K.SPLIT, (1,), (1, 2)),
        (K.MERGED, (2, 3), (3,)),
        (K.UNCHANGED, (4,), (4,)),
    ]


def test_moved_paragraph_keeps_the_others_in_place() -> None:
    old = ["Title", "Moved paragraph.", "One.", "Two.", "Three.", "Four."]
    new = ["Title", "One.", "Two.", "Three.", "Four.", "Moved paragraph."]
    steps = align_paragraphs(old, new)
    assert [step for step in kinds(steps) if step[0] is not K.UNCHANGED] == [(K.MOVED, (1,), (5,))]


def test_unrelated_text_is_removed_and_new_not_edited() -> None:
    old = ["Title", "Совсем другой абзац о погоде.", "End."]
    new = ["Title", "The court postponed the hearing to March.", "End."]
    steps = align_paragraphs(old, new)
    assert sorted(step.kind for step in steps) == sorted(
        [K.UNCHANGED, K.REMOVED, K.NEW, K.UNCHANGED]
    )


def test_repeated_paragraphs_pair_up_in_order() -> None:
    old = ["Share", "Text one.", "Share"]
    new = ["Share", "Text one.", "Share", "Share"]
    steps = align_paragraphs(old, new)
    assert kinds(steps) == [
        (K.UNCHANGED, (0,), (0,)),
        (K.UNCHANGED, (1,), (1,)),
        (K.UNCHANGED, (2,), (2,)),
        (K.NEW, (), (3,)),
    ]


def test_removed_paragraphs_are_placed_where_they_were() -> None:
    old = ["A.", "Gone paragraph with its own words.", "B."]
    steps = align_paragraphs(old, ["A.", "B."])
    assert kinds(steps) == [
        (K.UNCHANGED, (0,), (0,)),
        (K.REMOVED, (1,), ()),
        (K.UNCHANGED, (2,), (1,)),
    ]


def test_similarity_is_normalised_and_respects_the_cutoff() -> None:
    assert similarity("abc", "abc") == 1.0
    assert similarity("abcd", "abcx", cutoff=0.9) == 0.0
    assert 0.7 < similarity("abcd", "abcx") < 0.8


def synthetic_versions(
    count: int, seed: int = 7
) -> tuple[list[str], list[str], dict[ChangeKind, int]]:
    """A long document and a new version with 2% edited, 1% inserted, 1% removed."""
    rng = random.Random(seed)
    old = [
        f"Paragraph {n}: the court in Yekaterinburg heard case No. {n * 37} on day {n % 28 + 1}."
        for n in range(count)
    ]
    new: list[str] = []
    expected = dict.fromkeys(ChangeKind, 0)
    for text in old:
        roll = rng.random()
        if roll < 0.02:
            new.append(text.replace("heard", "postponed"))
            expected[K.EDITED] += 1
        elif roll < 0.03:
            expected[K.REMOVED] += 1
        elif roll < 0.04:
            new.append(text)
            new.append(f"Inserted note {len(new)}: a statement by the defence, in full.")
            expected[K.UNCHANGED] += 1
            expected[K.NEW] += 1
        else:
            new.append(text)
            expected[K.UNCHANGED] += 1
    return old, new, expected


def test_a_long_document_aligns_exactly() -> None:
    old, new, expected = synthetic_versions(5000)
    steps = align_paragraphs(old, new)
    found = dict.fromkeys(ChangeKind, 0)
    for step in steps:
        found[step.kind] += 1
    assert found == expected
    assert covers_everything(steps, len(old), len(new))


def test_a_complete_rewrite_stays_bounded() -> None:
    """No anchors at all: one big gap, aligned in a band (its speed is in bench/update.py)."""
    rng = random.Random(3)
    old = [f"Старый абзац {rng.random()}" for _ in range(1500)]
    new = [f"Completely new text {rng.random()}" for _ in range(1500)]
    steps = align_paragraphs(old, new)
    assert covers_everything(steps, len(old), len(new))
    assert {step.kind for step in steps} <= {K.NEW, K.REMOVED, K.EDITED}


def test_edits_are_found_inside_a_banded_gap() -> None:
    """300 x 300 paragraphs with no exact match is past the full search; the band finds them."""
    old = [f"Paragraph {n} says the hearing was on day {n}." for n in range(300)]
    new = [text.replace("hearing", "appeal") for text in old]
    steps = align_paragraphs(old, new)
    assert kinds(steps) == [(K.EDITED, (n,), (n,)) for n in range(300)]
