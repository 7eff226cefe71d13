"""duplicate-mismatch: identical source paragraphs whose approved translations differ.

A project-wide check kept as groups (one per distinct source text), so a save re-checks
only the group of the saved paragraph.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from translator.checks.base import CheckUnit, GroupedProjectCheck, GroupMember
from translator.core.findings import Finding


def normalise(text: str) -> str:
    """Whitespace differences do not make two paragraphs different."""
    return " ".join(text.split())


class DuplicateMismatchCheck(GroupedProjectCheck):
    kind = "duplicate-mismatch"
    name = "Duplicates translated differently"
    description = "Identical source paragraphs have different approved translations."

    def group_entries(self, unit: CheckUnit) -> Mapping[str, str]:
        if unit.status != "approved" or not unit.target_text.strip():
            return {}
        source = normalise(unit.source_text)
        digest = hashlib.sha1(source.encode("utf-8")).hexdigest()[:20]
        return {f"{unit.source_lang}>{unit.target_lang}:{digest}": normalise(unit.target_text)}

    def check_group(self, key: str, members: Sequence[GroupMember]) -> Iterable[Finding]:
        targets = Counter(member.value for member in members)
        if len(targets) < 2:
            return
        yield self.finding(
            [member.paragraph_id for member in members],
            f"{len(members)} identical source paragraphs have {len(targets)} different "
            "approved translations",
            targets=dict(targets.most_common()),
        )
