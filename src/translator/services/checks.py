"""Check use cases: full runs, the re-check after a save, reading and dismissing findings,
and resolving a name-variant finding by rewriting the targets to one canonical spelling.

Findings are stored, so the review UI lists them without re-running anything; a full run
or a re-check replaces exactly the findings it recomputed, in one transaction.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from translator.checks import parallel, stamps
from translator.checks.base import (
    CheckContext,
    CheckUnit,
    ContributionProjectCheck,
    sorted_contributions,
)
from translator.checks.resolution import (
    apply_replacements,
    change_is_name_only,
    diff,
    forbidden_forms,
    plan_replacements,
)
from translator.checks.runner import (
    CheckSuite,
    RunResult,
    known_kinds,
    regroup,
    run_paragraph_checks,
    run_project_checks,
)
from translator.core.errors import DocumentNotFound, NameNotRewritten, TranslatorError
from translator.core.findings import Finding, Severity
from translator.project import Project
from translator.store import ProjectStore
from translator.store.check_queries import (
    CheckQueries,
    FindingsWrite,
    NewFinding,
    StoredFinding,
    TargetChange,
)
from translator.store.check_writes import finding_identity

__all__ = [
    "CheckReport",
    "NameChange",
    "ResolvePlan",
    "check_store",
    "dismiss_finding",
    "finding_json",
    "findings_for",
    "known_kinds",
    "open_finding_counts",
    "paragraph_places",
    "preview_resolve",
    "recheck_paragraph",
    "recheck_paragraphs",
    "resolve_name",
    "restore_finding",
    "run_checks",
    "set_dismissed",
]


def check_store(store: ProjectStore) -> CheckQueries:
    """The findings queries of the store (SqliteStore mixes them in; ProjectStore lacks them)."""
    if not isinstance(store, CheckQueries):
        raise TranslatorError("this project store does not keep check findings")
    return store


def _units(rows: Iterable[tuple[object, ...]]) -> list[CheckUnit]:
    return [CheckUnit(*row) for row in rows]  # type: ignore[arg-type]


def _document_id(store: ProjectStore, name: str | None) -> int | None:
    if name is None:
        return None
    document = store.find_document(name)
    if document is None:
        known = ", ".join(doc.name for doc in store.documents()) or "none imported yet"
        raise DocumentNotFound(f"no document named '{name}' in this project (documents: {known})")
    return document.id


@dataclass(frozen=True)
class CheckReport:
    """The open findings in scope after a run (dismissed ones are counted, not listed)."""

    findings: list[StoredFinding]
    dismissed: int
    paragraphs_checked: int
    kinds: list[str]
    seconds: float
    counts_by_kind: dict[str, int] = field(default_factory=dict)
    paragraphs_analysed: int = 0  # re-analysed in this run (the others' results were current)

    def by_kind(self) -> dict[str, list[StoredFinding]]:
        grouped: dict[str, list[StoredFinding]] = {}
        for stored in self.findings:
            grouped.setdefault(stored.finding.kind, []).append(stored)
        return grouped

    def __str__(self) -> str:
        """One line for a person: "12 finding(s), 1 dismissed in 50000 paragraphs, 3
        re-analysed (1.20 s)"."""
        dismissed = f", {self.dismissed} dismissed" if self.dismissed else ""
        reused = self.paragraphs_checked - self.paragraphs_analysed
        analysed = f", {self.paragraphs_analysed} re-analysed" if reused else ""
        return (
            f"{len(self.findings)} finding(s){dismissed} in {self.paragraphs_checked} "
            f"paragraphs{analysed} ({self.seconds:.2f} s)"
        )

    def has_at_least(self, severity: Severity) -> bool:
        return any(s.finding.severity.rank >= severity.rank for s in self.findings)


def run_checks(
    project: Project,
    store: ProjectStore,
    *,
    document: str | None = None,
    kinds: Sequence[str] | None = None,
    workers: int | None = None,
    full: bool = False,
) -> CheckReport:
    """Run the checks (all, or `kinds`) and store their findings.

    `workers`: processes for the per-paragraph work (default: the cores, when the project
    is big enough and this process may fork; see checks.parallel).

    A run of every check over the whole project re-analyses only the paragraphs that changed
    since their last check (checks/stamps.py) unless `full` is set, and always redoes the
    project-wide checks over all paragraphs.

    With `document`, paragraph checks run on that document only; project-wide checks always
    see the whole project (a name is inconsistent across documents), and the report lists
    the findings that touch the document.
    """
    started = time.perf_counter()
    queries = check_store(store)
    document_id = _document_id(store, document)
    suite = CheckSuite.build(CheckContext(project, store), kinds)
    if document_id is None and kinds is None:
        analysed, count = _run_everything(queries, suite, workers, full)
    else:
        analysed = count = _run_selected(queries, suite, document_id, workers)
    selected = suite.paragraph_kinds + suite.project_kinds
    stored = queries.findings(kinds=selected, document_id=document_id, include_dismissed=True)
    open_findings = [s for s in stored if not s.dismissed]
    return CheckReport(
        findings=open_findings,
        dismissed=len(stored) - len(open_findings),
        paragraphs_checked=count,
        kinds=selected,
        seconds=time.perf_counter() - started,
        counts_by_kind=dict(Counter(s.finding.kind for s in open_findings)),
        paragraphs_analysed=analysed,
    )


def _run_selected(
    queries: CheckQueries, suite: CheckSuite, document_id: int | None, workers: int | None
) -> int:
    """Some kinds, or one document: everything in scope recomputed; check stamps untouched
    (the results are what the stamps' inputs give, so stored stamps stay true)."""
    write = FindingsWrite()
    all_units = _units(queries.check_units()) if suite.project_checks else []
    if document_id is None:
        units = all_units if suite.project_checks else _units(queries.check_units())
    else:
        units = _units(queries.check_units(document_id=document_id))
    # One pass (on several cores for a big project) does every unit's share of the work.
    scanned = all_units if suite.project_checks else units
    in_scope = None if document_id is None else {unit.paragraph_id for unit in units}
    results = parallel.collect(suite, scanned, in_scope, workers)
    if suite.paragraph_checks:
        write.clear_paragraph_kinds = suite.paragraph_kinds
        write.clear_paragraph_ids = None if document_id is None else [u.paragraph_id for u in units]
        # One document's findings by difference too: one found again keeps its id (#N).
        write.paragraph_difference = document_id is not None
        write.findings.extend(NewFinding(f) for f in results.findings)
        if document_id is None:
            write.completed_kinds.extend(suite.paragraph_kinds)
    if suite.project_checks:
        _add_project_results(write, suite, parallel.finish(suite, results, all_units))
    queries.write_findings(write)
    return len(units)


def _add_project_results(write: FindingsWrite, suite: CheckSuite, result: RunResult) -> None:
    """A full run's project findings and index: replaced by difference (check_writes)."""
    write.clear_kinds = suite.project_kinds
    write.reset_index_kinds = suite.indexed_kinds
    write.index_add = result.index
    write.findings.extend(NewFinding(f, key) for f, key in result.findings)
    write.completed_kinds.extend(suite.project_kinds)


# Above this share of changed paragraphs, re-analysing all of them costs about the same as
# merging the stored results in, and a plain full run is simpler to trust.
REUSE_BELOW_SHARE = 0.5


def _run_everything(
    queries: CheckQueries, suite: CheckSuite, workers: int | None, full: bool
) -> tuple[int, int]:
    """Every check over the whole project: (paragraphs analysed, paragraphs in the run)."""
    units = _units(queries.check_units())
    suite_print = stamps.suite_fingerprint((*suite.paragraph_checks, *suite.project_checks))
    complete = set(suite.paragraph_kinds + suite.project_kinds) <= queries.completed_check_kinds()
    stored = queries.check_stamps() if complete and not full else {}
    if not stored:  # every paragraph analysed, and stamped by the workers on the way
        _run_all(queries, suite, units, workers, suite_print)
        return len(units), len(units)
    fresh = {unit.paragraph_id: stamps.unit_stamp(unit, suite_print) for unit in units}
    stale = [unit for unit in units if stored.get(unit.paragraph_id) != fresh[unit.paragraph_id]]
    if len(stale) >= REUSE_BELOW_SHARE * len(units):
        _run_all(queries, suite, units, workers, suite_print)
        return len(units), len(units)
    stale_ids = [unit.paragraph_id for unit in stale]
    redone = stale_ids + [pid for pid in stored if pid not in fresh]  # + archived since
    stale_set = set(stale_ids)
    results = parallel.collect(suite, stale, None, workers)
    merged = _with_stored_results(queries, suite, set(redone), results)
    result = parallel.finish(suite, merged, units)
    write = FindingsWrite(
        clear_paragraph_kinds=suite.paragraph_kinds,
        clear_paragraph_ids=redone,
        paragraph_difference=True,
        clear_kinds=suite.project_kinds,
        index_remove=[(kind, pid) for kind in suite.indexed_kinds for pid in redone],
        index_add=[entry for entry in result.index if entry[2] in stale_set],
        findings=[NewFinding(f) for f in results.findings],
        completed_kinds=suite.paragraph_kinds + suite.project_kinds,
        stamps=[(pid, fresh[pid]) for pid in stale_ids],
        drop_stamps=[pid for pid in redone if pid not in fresh],
    )
    write.findings.extend(NewFinding(f, key) for f, key in result.findings)
    queries.write_findings(write)
    return len(stale), len(units)


def _run_all(
    queries: CheckQueries,
    suite: CheckSuite,
    units: list[CheckUnit],
    workers: int | None,
    suite_print: str,
) -> None:
    """Every paragraph analysed and everything stored replaced, stamps included."""
    results = parallel.collect(suite, units, None, workers, stamp_with=suite_print)
    write = FindingsWrite(
        clear_paragraph_kinds=suite.paragraph_kinds,
        completed_kinds=list(suite.paragraph_kinds),
        clear_stamps=True,
        stamps=results.stamps,
        findings=[NewFinding(f) for f in results.findings],
    )
    _add_project_results(write, suite, parallel.finish(suite, results, units))
    queries.write_findings(write)


def _with_stored_results(
    queries: CheckQueries,
    suite: CheckSuite,
    redone: set[int],
    results: parallel.UnitResults,
) -> parallel.UnitResults:
    """The group entries and contributions of every paragraph: the stored ones of the
    paragraphs not re-analysed, and `results` (finish puts them in order)."""
    merged = parallel.UnitResults()
    for check in suite.grouped_checks:
        stored = queries.stored_entries(check.kind)
        merged.entries[check.kind] = [
            *(entry for entry in stored if entry[1] not in redone),
            *results.entries[check.kind],
        ]
    for contribution_check in suite.contribution_checks:
        stored = queries.stored_entries(contribution_check.kind)
        merged.contributions[contribution_check.kind] = [
            *((text, pid) for text, pid, _ in stored if pid not in redone),
            *results.contributions[contribution_check.kind],
        ]
    return merged


def recheck_paragraph(project: Project, store: ProjectStore, paragraph_id: int) -> list[Finding]:
    """Re-check one paragraph after a save; returns its open findings (see recheck_paragraphs)."""
    recheck_paragraphs(project, store, [paragraph_id])
    stored = check_store(store).findings(paragraph_id=paragraph_id, include_dismissed=False)
    return [s.finding for s in stored]


def recheck_paragraphs(project: Project, store: ProjectStore, paragraph_ids: Sequence[int]) -> None:
    """Re-check changed paragraphs and update the stored findings that involve them.

    Paragraph checks re-run on each; grouped project checks (duplicates, term consistency)
    re-check only the groups a paragraph left or joined, from the stored index (each
    paragraph's write is applied before the next is read); contribution checks
    (name variants) recompute from the stored contributions, and only when a paragraph's
    contribution changed; any other project check re-runs over the project once. A kind
    that never had a full run gets one. All of it is one transaction.
    """
    queries = check_store(store)
    suite = CheckSuite.build(CheckContext(project, store))
    # One transaction: the paragraph's stamp, findings and index entries and the
    # contribution check's update land together or not at all (a stamp committed without
    # the entries it vouches for would make later runs reuse stale results).
    with queries.transaction():
        completed = queries.completed_check_kinds()
        incremental = [c for c in suite.grouped_checks if c.kind in completed]
        contributing = [c for c in suite.contribution_checks if c.kind in completed]
        whole_project = [
            c for c in suite.project_checks if c not in incremental and c not in contributing
        ]
        changed_contributions: dict[str, dict[int, str]] = {c.kind: {} for c in contributing}
        suite_print = stamps.suite_fingerprint((*suite.paragraph_checks, *suite.project_checks))
        for paragraph_id in dict.fromkeys(paragraph_ids):
            store.paragraph(paragraph_id)  # a clear error for an unknown id
            rows = queries.check_units(paragraph_ids=[paragraph_id])
            unit = _units(rows)[0] if rows else None  # None: archived since
            write = FindingsWrite(
                clear_paragraph_kinds=suite.paragraph_kinds, clear_paragraph_ids=[paragraph_id]
            )
            if unit is not None:
                write.findings.extend(
                    NewFinding(f) for f in run_paragraph_checks(suite.paragraph_checks, [unit])
                )
                write.stamps.append((paragraph_id, stamps.unit_stamp(unit, suite_print)))
                write.refresh_versions.append(paragraph_id)
            else:
                write.drop_stamps.append(paragraph_id)
            indexed = incremental or contributing
            stored_entries = queries.group_entries_of(paragraph_id) if indexed else {}
            for check in incremental:
                old_entries = stored_entries.get(check.kind, {})
                new_entries = check.group_entries(unit) if unit is not None else {}
                # Only a group the paragraph joined, left, or gives another value changes: the
                # others have the same members and values (their findings' versions are
                # refreshed below), so a save need not read a group of 40,000 members.
                keys = {
                    key
                    for key in set(old_entries) | set(new_entries)
                    if old_entries.get(key) != new_entries.get(key)
                }
                members = queries.group_members(check.kind, keys)
                changed = regroup(
                    check,
                    paragraph_id,
                    {key: value for key, value in new_entries.items() if key in keys},
                    {key: value for key, value in old_entries.items() if key in keys},
                    members,
                )
                write.index_remove.append((check.kind, paragraph_id))
                write.index_add.extend(
                    (check.kind, key, paragraph_id, value) for key, value in new_entries.items()
                )
                write.clear_groups.extend((check.kind, key) for key in changed.affected_keys)
                write.findings.extend(NewFinding(f, key) for f, key in changed.findings)
            for contribution_check in contributing:
                old = next(iter(stored_entries.get(contribution_check.kind, {})), "")
                new = contribution_check.contribution(unit) if unit is not None else ""
                if new != old:
                    changed_contributions[contribution_check.kind][paragraph_id] = new
            queries.write_findings(write)
        for contribution_check in contributing:
            changes = changed_contributions[contribution_check.kind]
            if changes:
                queries.write_findings(_recontribute(queries, contribution_check, changes))
        if whole_project:
            result = run_project_checks(whole_project, _units(queries.check_units()))
            kinds = [check.kind for check in whole_project]
            queries.write_findings(
                FindingsWrite(
                    clear_kinds=kinds,
                    reset_index_kinds=kinds,
                    index_add=result.index,
                    findings=[NewFinding(f, key) for f, key in result.findings],
                    completed_kinds=kinds,
                )
            )


def _recontribute(
    queries: CheckQueries, check: ContributionProjectCheck, changes: dict[int, str]
) -> FindingsWrite:
    """The write that brings a contribution check up to date after `changes` (paragraph id
    -> new contribution): its index entries, and only the findings that changed (a finding
    computed again identically keeps its id, and so any dismissal)."""
    contributions: dict[str, list[int]] = {}
    for text, paragraph_ids in queries.contributions(check.kind):
        kept = [pid for pid in paragraph_ids if pid not in changes]
        if kept:
            contributions[text] = kept
    for paragraph_id, text in changes.items():
        if text:
            contributions.setdefault(text, []).append(paragraph_id)
    stored = queries.finding_identities(check.kind)
    inserted: list[NewFinding] = []
    for finding in check.check_contributions(sorted_contributions(contributions)):
        item = NewFinding(finding)
        same = stored.get(finding_identity(item))
        if same:
            same.pop(0)  # found again as stored: its row stays
        else:
            inserted.append(item)
    return FindingsWrite(
        index_remove=[(check.kind, pid) for pid in changes],
        index_add=[(check.kind, text, pid, "") for pid, text in changes.items() if text],
        delete_finding_ids=[fid for ids in stored.values() for fid in ids],
        findings=inserted,
    )


def findings_for(
    store: ProjectStore,
    *,
    document: str | None = None,
    paragraph_id: int | None = None,
    kinds: Sequence[str] | None = None,
    include_dismissed: bool = False,
) -> list[StoredFinding]:
    """Stored findings (as of the last run or re-check), filtered."""
    return check_store(store).findings(
        kinds=kinds,
        document_id=_document_id(store, document),
        paragraph_id=paragraph_id,
        include_dismissed=include_dismissed,
    )


def open_finding_counts(store: ProjectStore) -> dict[str, int]:
    """document name -> open findings touching it (the project screen's column)."""
    counts = check_store(store).open_finding_counts_by_document()
    return {doc.name: counts.get(doc.id, 0) for doc in store.documents()}


def dismiss_finding(store: ProjectStore, finding_id: int, actor: str) -> StoredFinding:
    return check_store(store).dismiss_finding(finding_id, actor)


def restore_finding(store: ProjectStore, finding_id: int) -> StoredFinding:
    return check_store(store).restore_finding(finding_id)


def set_dismissed(
    project: Project, store: ProjectStore, finding_ids: Sequence[int], actor: str, dismissed: bool
) -> list[StoredFinding]:
    """Dismiss findings a person judged harmless (hidden from reports while the problem
    stays as it is), or restore them. A review decision: editors and publishers only (roles
    from translator.toml; none configured: everyone may). Every id is checked first, so an
    unknown one changes nothing."""
    from translator.services import review

    person = review.actor_for(project, actor)
    if not review.can_approve(person):
        raise review.ReviewRefused(
            f"{person.name} may not dismiss or restore findings: only editors and publishers "
            f"may (see [roles] in {project.config_path})"
        )
    queries = check_store(store)
    for finding_id in finding_ids:
        queries.finding(finding_id)  # a clear error for an unknown id, before any change
    if dismissed:
        return [queries.dismiss_finding(finding_id, person.name) for finding_id in finding_ids]
    return [queries.restore_finding(finding_id) for finding_id in finding_ids]


def paragraph_places(
    store: ProjectStore, paragraph_ids: Iterable[int]
) -> dict[int, tuple[str, int]]:
    """paragraph id -> (document name, position from 1): where `translator check --json`
    says each finding is (see `finding_json`)."""
    places = check_store(store).paragraph_places(list(dict.fromkeys(paragraph_ids)))
    return {pid: (name, position + 1) for pid, (name, position) in places.items()}


def paragraph_labels(store: ProjectStore, paragraph_ids: Iterable[int]) -> list[str]:
    """Where paragraphs are, as a person reads it: "case.txt ¶3, ¶5–¶8; news.md ¶2" parts
    (positions counted from 1, grouped by document in first-seen order, a run of
    consecutive positions as a range), from one query (`paragraph_places`)."""
    wanted = list(paragraph_ids)
    places = paragraph_places(store, wanted)
    grouped: dict[str, list[int]] = {}
    for paragraph_id in wanted:
        if paragraph_id not in places:
            store.paragraph(paragraph_id)  # the store's own error for an unknown id
        name, position = places[paragraph_id]
        grouped.setdefault(name, []).append(position)
    return [f"{name} {', '.join(_ranges(positions))}" for name, positions in grouped.items()]


def _ranges(positions: Sequence[int]) -> list[str]:
    """¶ labels, a run of three or more consecutive positions as one range (¶5–¶8)."""
    labels: list[str] = []
    start = 0
    for end in range(1, len(positions) + 1):
        if end < len(positions) and positions[end] == positions[end - 1] + 1:
            continue
        run = positions[start:end]
        if len(run) >= 3:
            labels.append(f"¶{run[0]}–¶{run[-1]}")
        else:
            labels += (f"¶{position}" for position in run)
        start = end
    return labels


def alike_findings(
    findings: Sequence[StoredFinding], at_least: int = 5
) -> list[list[StoredFinding]]:
    """`findings` for a readable list: one-paragraph findings with the same kind, severity
    and message (102 paragraphs with "no translation yet") together when there are
    `at_least` of them, every other finding alone; in the order each first appears."""
    groups: dict[tuple[str, str, str], list[StoredFinding]] = {}
    for stored in findings:
        finding = stored.finding
        if len(finding.paragraph_ids) == 1:
            key = (finding.kind, finding.severity.value, finding.message)
            groups.setdefault(key, []).append(stored)
    shown: list[list[StoredFinding]] = []
    for stored in findings:
        finding = stored.finding
        key = (finding.kind, finding.severity.value, finding.message)
        alike = groups.get(key) if len(finding.paragraph_ids) == 1 else None
        if alike is None or len(alike) < at_least:
            shown.append([stored])
        elif alike[0] is stored:
            shown.append(alike)
    return shown


def finding_json(
    stored: StoredFinding, places: Mapping[int, tuple[str, int]] | None = None
) -> dict[str, object]:
    """One finding as `translator check --json` prints it: kind, severity, paragraphs (ids),
    message, then with `places` (see `paragraph_places`) where they are ("locations":
    document name -> positions from 1, {"case.txt": [3, 5]}), then the kind's own details
    ("spellings" for name variants)."""
    finding = stored.finding
    result: dict[str, object] = {
        "id": finding.id,
        "kind": finding.kind,
        "severity": finding.severity.value,
        "paragraphs": list(finding.paragraph_ids),
        "message": finding.message,
    }
    if places is not None:
        locations: dict[str, list[int]] = {}
        for pid in finding.paragraph_ids:
            if pid in places:
                name, position = places[pid]
                locations.setdefault(name, []).append(position)
        result["locations"] = locations
    for key, value in finding.data.items():
        result.setdefault(key, value)
    if stored.dismissed:
        result["dismissed_by"] = stored.dismissed_by
    return result


# -- resolving name variants ------------------------------------------------------------

NAME_VARIANT_KIND = "name-variant"
_LATIN = re.compile(r"[A-Za-z]")
_CYRILLIC = re.compile(r"[А-Яа-яЁё]")
_CYRILLIC_WORDS = re.compile(r"[А-ЯЁ][а-яё]+")
_LABEL_SOURCE = re.compile(r"\s*\(.*\)$")  # "Журавлев (Zhuravlev)": the English source


@dataclass(frozen=True)
class NameChange:
    """One target paragraph rewritten to the canonical spelling."""

    paragraph_id: int
    document: str
    position: int
    old: str
    new: str
    diff: list[tuple[int, str]]  # diff-match-patch: -1 deleted, 0 kept, 1 inserted
    replaced: dict[str, int]  # spelling -> occurrences replaced
    old_status: str
    new_status: str
    rewritten: tuple[str, ...] = ()  # the findings' spellings rewritten (their forms replaced)


@dataclass(frozen=True)
class ResolvePlan:
    """What `translator resolve` changes (or, with `applied`, changed)."""

    entity: str
    canonical: str
    finding_ids: list[int]
    spellings: dict[str, int]
    changes: list[NameChange]
    applied: bool
    glossary_note: str = ""
    left: dict[str, list[str]] = field(default_factory=dict)  # spelling -> "case.txt ¶3"

    def __str__(self) -> str:
        done = "changed" if self.applied else "would change"
        variants = ", ".join(s for s in self.spellings if s != self.canonical) or "none"
        glossary = f"; {self.glossary_note}" if self.glossary_note else ""
        stays = "; ".join(f"{s} in {', '.join(where)}" for s, where in self.left.items())
        left = f"; cannot rewrite {stays}: resolve would refuse" if stays else ""
        return (
            f"{self.entity}: {done} {len(self.changes)} paragraph(s) to '{self.canonical}' "
            f"(variants: {variants}){glossary}{left}"
        )


def _actor_name(project: Project, actor: object) -> str:
    """Only editors resolve name variants (roles from translator.toml; none configured:
    everyone may). `actor` is a user name, a review Actor, or None for the current user."""
    from translator.services import review

    name = getattr(actor, "name", actor)
    person = review.actor_for(project, None if name is None else str(name))
    if not review.can_resolve_conflicts(person):
        raise review.ReviewRefused(
            f"{person.name} may not resolve name variants: only editors may (see [roles] in "
            f"{project.config_path})"
        )
    return person.name


def _spellings(stored: StoredFinding) -> dict[str, int]:
    raw = stored.finding.data.get("spellings", {})
    return {str(k): int(v) for k, v in raw.items()} if isinstance(raw, dict) else {}


def _entity(stored: StoredFinding) -> str:
    return str(stored.finding.data.get("entity", "")) or next(iter(_spellings(stored)), "?")


def _paragraphs_by_spelling(stored: StoredFinding) -> dict[str, list[int]]:
    raw = stored.finding.data.get("paragraphs_by_spelling", {})
    if not isinstance(raw, dict):
        return {}
    return {str(k): [int(pid) for pid in v] for k, v in raw.items() if isinstance(v, list)}


def _same_person_spellings(store: ProjectStore, findings: Sequence[StoredFinding]) -> list[str]:
    """The spellings of the other name-variant findings that list a word of the findings'
    entity: for the first names of "Aleksey Sokolov", the surname finding's Sokolov and
    Sokollov, so «Alexey Sokollov» is still his name and not another person's."""
    label_words = {
        word for stored in findings for word in _LABEL_SOURCE.sub("", _entity(stored)).split()
    }
    ids = {stored.id for stored in findings}
    related: list[str] = []
    for other in check_store(store).findings(kinds=[NAME_VARIANT_KIND]):
        spellings = _spellings(other)
        if other.id not in ids and label_words & set(spellings):
            related += spellings
    return related


def _refresh_stale_name_findings(project: Project, store: ProjectStore) -> None:
    """Re-check the paragraphs of name-variant findings whose text changed (a new version)
    or that were archived since the finding was made."""
    queries = check_store(store)
    checked: dict[int, int] = {}
    for stored in queries.findings(kinds=[NAME_VARIANT_KIND], include_dismissed=True):
        checked.update(stored.checked_versions)
    if not checked:
        return
    live = {int(row[0]): int(row[10]) for row in queries.check_units(paragraph_ids=list(checked))}
    stale = [pid for pid, version in checked.items() if live.get(pid) != version]
    if stale:
        recheck_paragraphs(project, store, stale)


def _source_names(findings: Sequence[StoredFinding]) -> set[str]:
    """The English source names of findings on Russian targets ("Соколов (Sokolov)": the
    part in brackets), by `latin_key`."""
    from translator.names.keys import latin_key

    found: set[str] = set()
    for stored in findings:
        label = _entity(stored)
        if label.endswith(")") and "(" in label:
            found.update(latin_key(word) for word in label[label.rindex("(") + 1 : -1].split())
    return found


def _first_names_from_source(unit: CheckUnit, source_names: set[str]) -> list[str]:
    """The Russian first names of `unit`'s target that render a first name its English
    source gives the person («Алексей» for "Aleksei Sokolov"): beside the surname they are
    the same person's name, not another's."""
    if not source_names or unit.source_lang != "en" or unit.target_lang != "ru":
        return []
    from translator.names.extract import extract_names
    from translator.names.keys import latin_key
    from translator.names.morph import parses
    from translator.names.renderings import render

    firsts = {
        latin_key(mention.first)
        for mention in extract_names(unit.source_text, "en")
        if mention.first and mention.surname and latin_key(mention.surname) in source_names
    }
    if not firsts:
        return []
    words: list[str] = []
    for word in set(_CYRILLIC_WORDS.findall(unit.target_text)):
        for parse in parses(word):
            if "Name" in parse.tag and latin_key(render(parse.normal_form)) in firsts:
                words.append(word)
                break
    return words


def _name_findings(project: Project, store: ProjectStore, name: str | int) -> list[StoredFinding]:
    """The name-variant findings of `name`: a finding id, or a spelling / the entity. A full
    name matches each finding of one of its words ("Dmitry Zhuravlev": the first-name and
    the surname findings of the same person). Runs the name check first if it never ran,
    and re-checks the paragraphs saved or archived since (imports, `import-translations`
    and MT do not re-check): a finding must say what the texts hold now."""
    queries = check_store(store)
    if NAME_VARIANT_KIND in queries.completed_check_kinds():
        _refresh_stale_name_findings(project, store)
    if isinstance(name, int):
        stored = queries.finding(name)
        if stored.finding.kind != NAME_VARIANT_KIND:
            raise TranslatorError(f"finding {name} is a {stored.finding.kind} finding, not a name")
        return [stored]
    if NAME_VARIANT_KIND not in queries.completed_check_kinds():
        run_checks(project, store, kinds=[NAME_VARIANT_KIND])
    candidates = queries.findings(kinds=[NAME_VARIANT_KIND], include_dismissed=False)
    wanted = " ".join(name.split()).casefold()
    words = set(wanted.split())

    def names_of(stored: StoredFinding) -> set[str]:
        return {s.casefold() for s in _spellings(stored)}

    matches = [s for s in candidates if wanted in names_of(s)]
    if not matches:
        matches = [s for s in candidates if wanted == _entity(s).casefold()]
    if not matches:
        matches = [s for s in candidates if words & names_of(s)]
    entities = sorted({_entity(s) for s in matches})
    if len(entities) > 1:
        raise TranslatorError(
            f"'{name}' matches several names ({', '.join(entities)}); give a fuller spelling"
        )
    if not matches:
        known = ", ".join(sorted({_entity(s) for s in candidates})) or "none"
        raise TranslatorError(
            f"no name-variant finding for '{name}' (names with variants: {known}); "
            "run `translator check` after recent edits"
        )
    return matches


def _new_status(old: str, name_only: bool) -> str:
    if old == "approved":
        return "approved" if name_only else "edited"
    return "edited" if old == "machine" else old


def plan_name_changes(
    store: ProjectStore, findings: Sequence[StoredFinding], canonical: str
) -> tuple[list[NameChange], list[TargetChange]]:
    """The rewrite of every target spelling of the findings' name to `canonical`."""
    spellings: dict[str, int] = {}
    for stored in findings:
        spellings.update(_spellings(stored))
    variants = [s for s in spellings if s != canonical]
    same_name = [
        *spellings,
        *(_entity(s) for s in findings),
        *_same_person_spellings(store, findings),
    ]
    names = [*spellings, canonical, *canonical.split()]
    script = _CYRILLIC if _CYRILLIC.search(canonical) else _LATIN
    paragraph_ids = sorted({pid for s in findings for pid in s.finding.paragraph_ids})
    changes: list[NameChange] = []
    writes: list[TargetChange] = []
    sources = _source_names(findings)
    for unit in _units(check_store(store).check_units(paragraph_ids=paragraph_ids)):
        if (script is _LATIN) != (unit.target_lang == "en"):
            continue  # names are rewritten in targets of the canonical spelling's script
        named = [*same_name, *_first_names_from_source(unit, sources)]
        replacements = plan_replacements(unit.target_text, variants, canonical, named)
        if not replacements:
            continue
        new_text = apply_replacements(unit.target_text, replacements)
        forms = [form for item in replacements for form in (item.old, item.new)]  # inflected
        name_only = change_is_name_only(unit.target_text, new_text, [*names, *forms])
        status = _new_status(unit.status, name_only)
        replaced = dict(Counter(item.old for item in replacements))
        changes.append(
            NameChange(
                paragraph_id=unit.paragraph_id,
                document=unit.document_name,
                position=unit.position,
                old=unit.target_text,
                new=new_text,
                diff=diff(unit.target_text, new_text),
                replaced=replaced,
                old_status=unit.status,
                new_status=status,
                rewritten=tuple(sorted({item.spelling for item in replacements})),
            )
        )
        note = f"resolve: {', '.join(sorted(replaced))} -> {canonical}"
        writes.append(TargetChange(unit.paragraph_id, unit.version, new_text, status, note))
    return changes, writes


def spellings_left(
    findings: Sequence[StoredFinding], canonical: str, changes: Sequence[NameChange]
) -> dict[str, list[int]]:
    """Variant spelling -> the paragraphs where a finding reports it and `changes` do not
    rewrite it (a form no rule maps, a word next to it read as another person's name, a
    source text): while one stays, the name is not resolved."""
    rewritten = {(change.paragraph_id, s) for change in changes for s in change.rewritten}
    kept = {canonical, *canonical.split()}  # "Dmitrii" of "Dmitrii Zhuravlev" is no variant
    left: dict[str, list[int]] = {}
    for stored in findings:
        for spelling, paragraph_ids in _paragraphs_by_spelling(stored).items():
            if spelling in kept:
                continue
            missed = [pid for pid in paragraph_ids if (pid, spelling) not in rewritten]
            if missed:
                left.setdefault(spelling, []).extend(missed)
    return {spelling: sorted(set(ids)) for spelling, ids in left.items()}


def resolve_name(
    project: Project,
    store: ProjectStore,
    name: str | int,
    canonical: str,
    actor: object = None,
    *,
    dry_run: bool = False,
) -> ResolvePlan:
    """Rewrite every target spelling of a name (a spelling, or a finding id) to `canonical`.

    Without `dry_run` all rewrites are written in one transaction with optimistic version
    checks (a paragraph saved meanwhile raises ParagraphConflict and nothing is written),
    each recorded in history (action "resolve") under the editor's name. Approved paragraphs
    stay approved when the name is all that changed, else go back to `edited`. The canonical
    spelling then goes into the glossary as preferred, the others as forbidden, and the
    changed paragraphs are re-checked. When some paragraph would keep a reported variant
    (see `spellings_left`) nothing is written and NameNotRewritten says where (a dry run
    lists it in the plan's `left`).
    """
    editor = _actor_name(project, actor)
    canonical = " ".join(canonical.split())
    if not canonical:
        raise TranslatorError("the canonical spelling is empty")
    findings = _name_findings(project, store, name)
    changes, writes = plan_name_changes(store, findings, canonical)
    spellings: dict[str, int] = {}
    for stored in findings:
        spellings.update(_spellings(stored))
    entity = _entity(findings[0])
    ids = [stored.id for stored in findings]
    left = {
        spelling: paragraph_labels(store, paragraph_ids)
        for spelling, paragraph_ids in spellings_left(findings, canonical, changes).items()
    }
    if dry_run:
        return ResolvePlan(entity, canonical, ids, spellings, changes, applied=False, left=left)
    if left:
        raise NameNotRewritten(canonical, left)
    check_store(store).apply_target_changes(writes, editor, action="resolve")
    forbidden = forbidden_forms([s for s in spellings if s != canonical], canonical)
    note = _record_in_glossary(store, canonical, forbidden, editor)
    recheck_paragraphs(project, store, [change.paragraph_id for change in changes])
    return ResolvePlan(entity, canonical, ids, spellings, changes, True, note)


def preview_resolve(store: ProjectStore, finding_id: int, canonical: str) -> list[NameChange]:
    """The rewrites `resolve_name` would make for one finding (the review UI's preview)."""
    changes, _ = plan_name_changes(store, [check_store(store).finding(finding_id)], canonical)
    return changes


def _record_in_glossary(
    store: ProjectStore, canonical: str, variants: list[str], actor: str
) -> str:
    """Canonical spelling preferred, the variants forbidden, so future MT output is corrected
    (the term guard) or flagged (term-forbidden)."""
    from translator.services import glossary

    glossary.add_preferred_spelling(
        store, canonical, variants, actor=actor, note="translator resolve"
    )
    return f"glossary: '{canonical}' preferred, {len(variants)} variant(s) forbidden"
