"""Running checks: every check over all units (a full run), or one changed unit (a re-check).

Pure functions over units; the services load units from the store and store the results.
Grouped project checks (base.GroupedProjectCheck) report per group, and the groups' members
are kept in an index, so a re-check touches only the groups the changed unit left or joined.
Contribution checks (base.ContributionProjectCheck) keep each unit's contribution in the same
index (as the group key, with an empty value), so a re-check reads contributions, not texts.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from translator.checks import parallel
from translator.checks.base import (
    CheckContext,
    CheckUnit,
    ContributionProjectCheck,
    GroupedProjectCheck,
    GroupMember,
    ParagraphCheck,
    ProjectCheck,
)
from translator.checks.registry import PARAGRAPH_CHECKS, PROJECT_CHECKS
from translator.core.errors import TranslatorError
from translator.core.findings import Finding


def known_kinds() -> list[str]:
    return [check.kind for check in (*PARAGRAPH_CHECKS, *PROJECT_CHECKS)]


@dataclass(frozen=True)
class CheckSuite:
    """The checks of one run, built for one project."""

    paragraph_checks: tuple[ParagraphCheck, ...]
    project_checks: tuple[ProjectCheck, ...]

    @classmethod
    def build(cls, context: CheckContext, kinds: Iterable[str] | None = None) -> CheckSuite:
        """All registered checks, or those of `kinds` (an unknown kind is an error)."""
        wanted = None if kinds is None else set(kinds)
        if wanted is not None and (unknown := wanted - set(known_kinds())):
            raise TranslatorError(
                f"unknown check kind(s): {', '.join(sorted(unknown))} "
                f"(known: {', '.join(known_kinds())})"
            )
        return cls(
            tuple(
                check.from_context(context)
                for check in PARAGRAPH_CHECKS
                if wanted is None or check.kind in wanted
            ),
            tuple(
                check.from_context(context)
                for check in PROJECT_CHECKS
                if wanted is None or check.kind in wanted
            ),
        )

    @property
    def paragraph_kinds(self) -> list[str]:
        return [check.kind for check in self.paragraph_checks]

    @property
    def project_kinds(self) -> list[str]:
        return [check.kind for check in self.project_checks]

    @property
    def grouped_checks(self) -> list[GroupedProjectCheck]:
        return [c for c in self.project_checks if isinstance(c, GroupedProjectCheck)]

    @property
    def contribution_checks(self) -> list[ContributionProjectCheck]:
        return [c for c in self.project_checks if isinstance(c, ContributionProjectCheck)]

    @property
    def indexed_kinds(self) -> list[str]:
        """Kinds whose full run rebuilds their part of the index."""
        return [c.kind for c in (*self.grouped_checks, *self.contribution_checks)]


@dataclass
class RunResult:
    """Findings of a run, each with its group key (None outside grouped checks), and the
    index entries (kind, group key, paragraph id, value) of the grouped checks."""

    findings: list[tuple[Finding, str | None]] = field(default_factory=list)
    index: list[tuple[str, str, int, str]] = field(default_factory=list)


def run_paragraph_checks(
    checks: Sequence[ParagraphCheck], units: Iterable[CheckUnit]
) -> list[Finding]:
    return [finding for unit in units for check in checks for finding in check.check(unit)]


def run_project_checks(checks: Sequence[ProjectCheck], units: Sequence[CheckUnit]) -> RunResult:
    """The project checks over `units` in this process: their per-unit share, then the same
    finish a full run uses (checks.parallel)."""
    suite = CheckSuite((), tuple(checks))
    results = parallel.unit_results(suite, units, paragraph_ids=())
    return parallel.finish(suite, results, units)


@dataclass
class Regrouped:
    """What a re-check of one unit changes for one grouped check."""

    entries: Mapping[str, str]  # the unit's new group entries
    affected_keys: list[str]  # groups it left or joined: their findings are replaced
    findings: list[tuple[Finding, str]]


def regroup(
    check: GroupedProjectCheck,
    paragraph_id: int,
    entries: Mapping[str, str],
    old_entries: Mapping[str, str],
    members_of: Mapping[str, Sequence[tuple[int, str]]],
) -> Regrouped:
    """Re-check the groups a paragraph belonged to (`old_entries`) or now belongs to
    (`entries`, from `check.group_entries` of its new text).

    `members_of` holds the stored members of each of those groups; the paragraph's stored
    entry in them is replaced by its new one.
    """
    affected = sorted(set(old_entries) | set(entries))
    findings: list[tuple[Finding, str]] = []
    for key in affected:
        members = [
            GroupMember(pid, value) for pid, value in members_of.get(key, ()) if pid != paragraph_id
        ]
        if key in entries:
            members.append(GroupMember(paragraph_id, entries[key]))
            members.sort()
        findings.extend((finding, key) for finding in check.check_group(key, members))
    return Regrouped(entries, affected, findings)
