"""Check base classes. A check is one small class with a stable `kind`.

Paragraph checks look at one unit at a time (and are re-run after each save); project
checks (name variants, term consistency, duplicate mismatches) see every unit at once.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, NamedTuple, Self

from translator.core.findings import Finding, Severity

if TYPE_CHECKING:
    from translator.project import Project
    from translator.store.base import ProjectStore


@dataclass(frozen=True)
class CheckUnit:
    """What checks see of a paragraph: both texts, the pair, and where it lives."""

    paragraph_id: int
    document_id: int
    document_name: str
    position: int
    source_lang: str
    target_lang: str
    source_text: str
    target_text: str
    status: str
    duplicate_of: int | None = None
    version: int = 1  # the paragraph version checked; stored with each finding


@dataclass(frozen=True)
class CheckContext:
    """What a check may need beyond the units: the project settings and the store (e.g. for
    the glossary or recorded MT problems). Checks read it once, at construction."""

    project: Project | None = None
    store: ProjectStore | None = None

    @property
    def house_scheme(self) -> str:
        return self.project.config.house_style.transliteration if self.project else "wikipedia"


class Check(ABC):
    """Common identity of every check."""

    kind: ClassVar[str]  # stable id, e.g. "number-mismatch"; never renamed once shipped
    name: ClassVar[str]  # short human name
    description: ClassVar[str]  # one line: what it catches and why it matters
    severity: ClassVar[Severity] = Severity.WARNING

    def finding(self, unit_ids: Sequence[int], message: str, **data: object) -> Finding:
        return Finding(self.kind, self.severity, message, tuple(unit_ids), data)

    @classmethod
    def from_context(cls, context: CheckContext) -> Self:
        """Build the check for one project; override to read settings or the glossary."""
        return cls()

    def prepare(self, units: Sequence[CheckUnit]) -> None:
        """Called once before a run over `units`, in the process that built the check and
        before any worker is forked: load in bulk what the check would otherwise query per
        unit (a forked worker must not use the parent's database connection). A re-check
        of one paragraph skips it. Most checks need nothing."""
        return None

    def settings_fingerprint(self) -> str:
        """What this check's per-paragraph results depend on besides the paragraph and the
        code (the glossary's fingerprint, a house-style setting); part of every paragraph's
        check stamp (checks/stamps.py). Override when `from_context` reads anything that
        changes what `check`, `group_entries` or `contribution` return."""
        return ""


class ParagraphCheck(Check):
    """Looks at one unit; cheap enough to run after every save."""

    @abstractmethod
    def check(self, unit: CheckUnit) -> Iterable[Finding]: ...


class ProjectCheck(Check):
    """Looks at all units at once (a separate batch kind, like Weblate's consistency checks)."""

    @abstractmethod
    def check_project(self, units: Sequence[CheckUnit]) -> Iterable[Finding]: ...


class GroupMember(NamedTuple):
    """One paragraph's entry in a group: what it contributes (a target, a rendering)."""

    paragraph_id: int
    value: str


class GroupedProjectCheck(ProjectCheck):
    """A project check whose findings each concern one group of paragraphs (an identical
    source, one source term), so one changed paragraph re-checks only its own groups.

    The runner stores every paragraph's `group_entries` in an index; after a save it updates
    the paragraph's entries and calls `check_group` for the groups it left or joined.
    """

    @abstractmethod
    def group_entries(self, unit: CheckUnit) -> Mapping[str, str]:
        """Group key -> this unit's contribution (compared across the group's members)."""

    @abstractmethod
    def check_group(self, key: str, members: Sequence[GroupMember]) -> Iterable[Finding]:
        """Findings of one group, from its members' contributions alone."""

    def check_project(self, units: Sequence[CheckUnit]) -> Iterable[Finding]:
        for key, members in group_members(self, units).items():
            yield from self.check_group(key, members)


def group_members(
    check: GroupedProjectCheck, units: Iterable[CheckUnit]
) -> dict[str, list[GroupMember]]:
    """Every group of `units` with its members, in the canonical order (sorted_members)."""
    groups: defaultdict[str, list[GroupMember]] = defaultdict(list)
    for unit in units:
        for key, value in check.group_entries(unit).items():
            groups[key].append(GroupMember(unit.paragraph_id, value))
    return dict(sorted_members(groups))


def sorted_members(
    groups: Mapping[str, Sequence[GroupMember]],
) -> list[tuple[str, list[GroupMember]]]:
    """Groups by key, members by paragraph id: the one order findings are computed in (a
    full run, a run reusing stored entries and a re-check all give it), so that ties (two
    renderings used equally often) are always broken the same way."""
    return [(key, sorted(groups[key])) for key in sorted(groups)]


def sorted_contributions(
    contributions: Mapping[str, Sequence[int]],
) -> list[tuple[str, list[int]]]:
    """Contributions by text, each with its paragraph ids in order: the one order
    `check_contributions` sees them in, wherever they came from (see sorted_members)."""
    return [(text, sorted(contributions[text])) for text in sorted(contributions)]


class ContributionProjectCheck(ProjectCheck):
    """A project check whose findings depend only on what each paragraph contributes (e.g.
    the names it mentions), not on the rest of its text.

    The runner stores every paragraph's `contribution` in the index; a save that leaves the
    contribution unchanged changes no finding, and one that changes it re-runs
    `check_contributions` over the stored contributions, without reading any text.
    """

    @abstractmethod
    def contribution(self, unit: CheckUnit) -> str:
        """This unit's contribution, serialised ("" for none)."""

    @abstractmethod
    def check_contributions(
        self, contributions: Sequence[tuple[str, Sequence[int]]]
    ) -> Iterable[Finding]:
        """Findings from the distinct non-empty contributions, each with its paragraphs."""

    def check_project(self, units: Sequence[CheckUnit]) -> Iterable[Finding]:
        yield from self.check_contributions(sorted_contributions(contributions_of(self, units)))


def contributions_of(
    check: ContributionProjectCheck, units: Iterable[CheckUnit]
) -> dict[str, list[int]]:
    """Distinct non-empty contributions of `units` -> their paragraph ids."""
    paragraphs: defaultdict[str, list[int]] = defaultdict(list)
    for unit in units:
        contribution = check.contribution(unit)
        if contribution:
            paragraphs[contribution].append(unit.paragraph_id)
    return paragraphs
