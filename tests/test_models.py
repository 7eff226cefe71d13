"""Review statuses: the vocabulary and which changes between them are allowed."""

from __future__ import annotations

import pytest

from translator.core.models import ReviewStatus, StatusCounts, can_transition

S = ReviewStatus


@pytest.mark.parametrize(
    ("old", "new", "allowed"),
    [
        (S.NEW, S.MACHINE, True),
        (S.NEW, S.EDITED, True),
        (S.NEW, S.APPROVED, False),  # nothing to approve without a target
        (S.MACHINE, S.APPROVED, True),
        (S.EDITED, S.MACHINE, False),  # MT never overwrites a person's work
        (S.APPROVED, S.MACHINE, False),
        (S.APPROVED, S.EDITED, True),
        (S.REJECTED, S.EDITED, True),
    ],
)
def test_allowed_transitions(old: ReviewStatus, new: ReviewStatus, allowed: bool) -> None:
    assert can_transition(old, new) is allowed


def test_human_work_is_what_machine_translation_must_not_overwrite() -> None:
    assert {s for s in ReviewStatus if s.is_human_work} == {S.EDITED, S.APPROVED, S.REJECTED}
    assert [s for s in ReviewStatus if not s.has_target] == [S.NEW]


def test_status_counts_always_list_every_status() -> None:
    counts = StatusCounts()
    counts.add(S.APPROVED, 2)
    assert counts.total == 2
    assert list(counts.as_dict()) == ["new", "machine", "edited", "approved", "rejected"]
