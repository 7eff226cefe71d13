"""SQL for stored check findings, their dismissals and the project checks' group index (issue 5).

Services compute findings in memory and hand them over as one `FindingsWrite`, which is
applied in a single transaction: a crash or a busy database never leaves half of a check
run stored.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from translator.core.errors import ParagraphConflict, TranslatorError
from translator.core.findings import Finding, Severity
from translator.store.check_writes import (
    add_entries,
    drop_orphan_keys,
    finding_row,
    group_finding_ids,
    insert_rows,
    remove_entries,
    replace_findings,
    replace_index,
    replace_paragraph_findings,
    rewrite_or_delete,
)
from translator.store.queries import SqliteQueries, chunks
from translator.store.rows import utc_now

# (paragraph id, document id, document name, position, source lang, target lang, source,
#  target, status, duplicate_of, version): what a check sees of a paragraph.
UnitRow = tuple[int, int, str, int, str, str, str, str, str, int | None, int]

SCAN_PLACES_ABOVE = 10_000  # paragraph ids for which paragraph_places reads every paragraph
# A stored finding with its dismissal and "paragraph:version" links (see _stored_finding).
_FINDING_SELECT = (
    "SELECT f.id, f.kind, f.severity, f.message, f.data, f.group_key, f.created_at, "
    "x.dismissed_by, x.dismissed_at, "
    "(SELECT group_concat(fp.paragraph_id || ':' || fp.paragraph_version) "
    " FROM finding_paragraphs fp WHERE fp.finding_id = f.id) "
    "FROM findings f LEFT JOIN finding_dismissals x ON x.fingerprint = f.fingerprint"
)
_UNIT_SELECT = (
    "SELECT p.id, p.document_id, d.name, p.position, d.source_lang, d.target_lang, "
    "p.source_text, p.target_text, p.status, p.duplicate_of, p.version "
    "FROM paragraphs p JOIN documents d ON d.id = p.document_id"
)


@dataclass(frozen=True, slots=True)
class NewFinding:
    finding: Finding
    group_key: str | None = None  # set for grouped project checks


@dataclass(frozen=True, slots=True)
class StoredFinding:
    """A finding as stored: with its id, the paragraph versions checked and any dismissal."""

    finding: Finding
    group_key: str | None
    checked_versions: Mapping[int, int]
    created_at: str
    dismissed_by: str | None = None
    dismissed_at: str | None = None

    @property
    def id(self) -> int:
        assert self.finding.id is not None
        return self.finding.id

    @property
    def dismissed(self) -> bool:
        return self.dismissed_by is not None


@dataclass(slots=True)
class FindingsWrite:
    """Everything one check run changes; `CheckQueries.write_findings` applies it atomically.

    Deletions run first (whole kinds, kinds on some paragraphs, single groups, index
    entries), then the index additions and the new findings.
    """

    clear_kinds: list[str] = field(default_factory=list)
    clear_paragraph_kinds: list[str] = field(default_factory=list)
    clear_paragraph_ids: list[int] | None = None  # None: everywhere
    # With clear_paragraph_ids: replace those paragraphs' findings of clear_paragraph_kinds by
    # difference (one found again keeps its id) instead of deleting and inserting them all.
    paragraph_difference: bool = False
    clear_groups: list[tuple[str, str]] = field(default_factory=list)  # (kind, group key)
    reset_index_kinds: list[str] = field(default_factory=list)
    index_remove: list[tuple[str, int]] = field(default_factory=list)  # (kind, paragraph id)
    index_add: list[tuple[str, str, int, str]] = field(default_factory=list)
    delete_finding_ids: list[int] = field(default_factory=list)  # findings no longer found
    findings: list[NewFinding] = field(default_factory=list)
    completed_kinds: list[str] = field(default_factory=list)  # full runs: index now complete
    # Check stamps (checks/stamps.py): all cleared first on a full re-analysis, then set.
    clear_stamps: bool = False
    stamps: list[tuple[int, bytes]] = field(default_factory=list)  # (paragraph id, stamp)
    drop_stamps: list[int] = field(default_factory=list)  # paragraphs no longer checked
    # Paragraphs re-checked whose remaining findings still hold for their current version.
    refresh_versions: list[int] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class TargetChange:
    """A target rewrite computed from `expected_version` (e.g. by `translator resolve`)."""

    paragraph_id: int
    expected_version: int
    new_target: str
    new_status: str
    note: str | None = None


class CheckQueries(SqliteQueries):
    """Queries for stored check findings; mixed into SqliteStore."""

    _archived_filter: str | None = None

    def _live_paragraphs(self) -> str:
        """SQL condition leaving out archived paragraphs, once the source-update area adds them."""
        if self._archived_filter is None:
            columns = {row[1] for row in self._db.execute("PRAGMA table_info(paragraphs)")}
            self._archived_filter = "p.archived_at IS NULL" if "archived_at" in columns else "1"
        return self._archived_filter

    # -- units ----------------------------------------------------------------------
    def check_units(
        self, document_id: int | None = None, paragraph_ids: Sequence[int] | None = None
    ) -> list[UnitRow]:
        """Paragraphs as checks see them, in document and position order."""
        live = self._live_paragraphs()
        order = " ORDER BY d.name, p.position"
        if paragraph_ids is not None:
            rows: list[UnitRow] = []
            for chunk in chunks(list(paragraph_ids)):
                marks = ",".join("?" * len(chunk))
                rows.extend(
                    self._db.execute(
                        f"{_UNIT_SELECT} WHERE {live} AND p.id IN ({marks})", tuple(chunk)
                    )
                )
            return rows
        if document_id is not None:
            return list(
                self._db.execute(
                    f"{_UNIT_SELECT} WHERE {live} AND p.document_id = ?{order}", (document_id,)
                )
            )
        return list(self._db.execute(f"{_UNIT_SELECT} WHERE {live}{order}"))

    # -- group index ----------------------------------------------------------------
    def group_entries_of(self, paragraph_id: int) -> dict[str, dict[str, str]]:
        """kind -> {group key: value} of one paragraph in the project checks' index."""
        result: defaultdict[str, dict[str, str]] = defaultdict(dict)
        rows = self._db.execute(
            "SELECT kind, group_key, value FROM check_groups WHERE paragraph_id = ?",
            (paragraph_id,),
        )
        for kind, key, value in rows:
            result[kind][key] = value
        return dict(result)

    def group_members(self, kind: str, keys: Iterable[str]) -> dict[str, list[tuple[int, str]]]:
        """key -> [(paragraph id, value)] for the given groups of one check kind."""
        result: dict[str, list[tuple[int, str]]] = {}
        for key in keys:
            rows = self._db.execute(
                "SELECT paragraph_id, value FROM check_groups WHERE kind = ? AND group_key = ? "
                "ORDER BY paragraph_id",
                (kind, key),
            )
            result[key] = [(int(pid), str(value)) for pid, value in rows]
        return result

    def paragraph_places(self, paragraph_ids: Sequence[int]) -> dict[int, tuple[str, int]]:
        """paragraph id -> (document name, position from 0) for the ids that exist."""
        places: dict[int, tuple[str, int]] = {}
        if len(paragraph_ids) > SCAN_PLACES_ABOVE:  # one scan, not hundreds of IN lists
            wanted = set(paragraph_ids)
            rows = self._db.execute(
                "SELECT p.id, d.name, p.position FROM paragraphs p "
                "JOIN documents d ON d.id = p.document_id"
            )
            return {pid: (name, pos) for pid, name, pos in rows if pid in wanted}
        for chunk in chunks(paragraph_ids):
            rows = self._db.execute(
                "SELECT p.id, d.name, p.position FROM paragraphs p JOIN documents d "
                f"ON d.id = p.document_id WHERE p.id IN ({','.join('?' * len(chunk))})",
                tuple(chunk),
            )
            places.update((int(pid), (str(name), int(pos))) for pid, name, pos in rows)
        return places

    def contributions(self, kind: str) -> list[tuple[str, list[int]]]:
        """The stored contributions of a contribution check, each with its paragraph ids."""
        rows = self._db.execute(  # ids as a JSON array: parsed in C, not int() by int()
            "SELECT group_key, '[' || group_concat(paragraph_id) || ']' FROM check_groups "
            "WHERE kind = ? GROUP BY group_key",
            (kind,),
        )
        return [(str(text), json.loads(ids)) for text, ids in rows]

    def finding_identities(self, kind: str) -> dict[tuple[str, str, str], list[int]]:
        """(fingerprint, severity, data) -> ids of the stored findings of one kind, in id
        order (see check_writes.finding_identity)."""
        rows = self._db.execute(
            "SELECT fingerprint, severity, data, id FROM findings WHERE kind = ? ORDER BY id",
            (kind,),
        )
        identities: dict[tuple[str, str, str], list[int]] = {}
        for print_, severity, data, fid in rows:
            identities.setdefault((str(print_), str(severity), str(data)), []).append(int(fid))
        return identities

    def stored_entries(self, kind: str) -> list[tuple[str, int, str]]:
        """Every stored index entry of one kind as (group key, paragraph id, value)."""
        rows = self._db.execute(
            "SELECT group_key, paragraph_id, value FROM check_groups WHERE kind = ?", (kind,)
        )
        return rows.fetchall()

    def check_stamps(self) -> dict[int, bytes]:
        """paragraph id -> the stamp its stored per-paragraph results were computed with."""
        return dict(self._db.execute("SELECT paragraph_id, stamp FROM check_stamps"))

    def completed_check_kinds(self) -> set[str]:
        """Kinds that have had a full run, so their stored findings and index are complete."""
        return {row[0] for row in self._db.execute("SELECT kind FROM check_runs")}

    # -- writing --------------------------------------------------------------------
    def write_findings(self, write: FindingsWrite) -> int:
        """Apply one check run in one transaction; returns the number of findings written.

        Kinds cleared everywhere (a full run) are replaced by difference (check_writes):
        a finding found again keeps its row and id."""
        now = utc_now()
        replaced = list(write.clear_kinds)
        if write.clear_paragraph_ids is None:
            replaced += write.clear_paragraph_kinds
        replaced = list(dict.fromkeys(replaced))
        by_paragraph = write.paragraph_difference and write.clear_paragraph_ids is not None
        # Findings of kinds replaced by difference are written with them; the rest inserted.
        written = set(replaced) | (set(write.clear_paragraph_kinds) if by_paragraph else set())
        inserted = [(f, finding_row(f)) for f in write.findings if f.finding.kind not in written]
        with self.transaction() as db:
            if write.clear_paragraph_kinds and write.clear_paragraph_ids is not None:
                if by_paragraph:
                    paragraph_kinds = set(write.clear_paragraph_kinds)
                    replace_paragraph_findings(
                        db,
                        write.clear_paragraph_kinds,
                        write.clear_paragraph_ids,
                        [f for f in write.findings if f.finding.kind in paragraph_kinds],
                        now,
                    )
                else:
                    self._clear_paragraph_findings(
                        write.clear_paragraph_kinds, write.clear_paragraph_ids
                    )
            # The findings of cleared groups and those no longer found go, though one that
            # only changed its text is rewritten in place (check_writes.rewrite_or_delete).
            doomed = group_finding_ids(db, write.clear_groups) + write.delete_finding_ids
            inserted = rewrite_or_delete(db, doomed, inserted, now)
            remove_entries(db, write.index_remove)
            reset = set(write.reset_index_kinds)
            if reset:
                replace_index(
                    db, sorted(reset), [entry for entry in write.index_add if entry[0] in reset]
                )
            add_entries(db, [entry for entry in write.index_add if entry[0] not in reset])
            if write.index_remove and write.completed_kinds:  # a run, not a save's re-check
                drop_orphan_keys(db, {kind for kind, _ in write.index_remove})
            db.executemany(
                "INSERT OR REPLACE INTO check_runs (kind, completed_at) VALUES (?, ?)",
                [(kind, now) for kind in write.completed_kinds],
            )
            if write.clear_stamps:
                db.execute("DELETE FROM check_stamps")
            db.executemany(
                "DELETE FROM check_stamps WHERE paragraph_id = ?",
                [(paragraph_id,) for paragraph_id in write.drop_stamps],
            )
            db.executemany(  # in id order: appends to the table's B-tree
                "INSERT OR REPLACE INTO check_stamps (paragraph_id, stamp) VALUES (?, ?)",
                sorted(write.stamps),
            )
            if replaced:
                kinds = set(replaced)
                replace_findings(
                    db, replaced, [f for f in write.findings if f.finding.kind in kinds], now
                )
            insert_rows(db, inserted, now)
            db.executemany(
                "UPDATE finding_paragraphs SET paragraph_version = "
                "(SELECT version FROM paragraphs WHERE id = ?) WHERE paragraph_id = ?",
                [(paragraph_id, paragraph_id) for paragraph_id in write.refresh_versions],
            )
        return len(write.findings)

    def _clear_paragraph_findings(
        self, kinds: Sequence[str], paragraph_ids: Sequence[int] | None
    ) -> None:
        kind_marks = ",".join("?" * len(kinds))
        if paragraph_ids is None:
            self._db.execute(f"DELETE FROM findings WHERE kind IN ({kind_marks})", tuple(kinds))
            return
        for chunk in chunks(list(paragraph_ids)):
            marks = ",".join("?" * len(chunk))
            self._db.execute(
                f"DELETE FROM findings WHERE kind IN ({kind_marks}) AND id IN "
                f"(SELECT finding_id FROM finding_paragraphs WHERE paragraph_id IN ({marks}))",
                (*kinds, *chunk),
            )

    def apply_target_changes(
        self, changes: Sequence[TargetChange], actor: str, action: str
    ) -> None:
        """Write every change with a history row, in one transaction, or none of them:
        a paragraph changed since its version was read raises ParagraphConflict."""
        now = utc_now()
        with self.transaction() as db:
            for change in changes:
                row = db.execute(
                    "SELECT version, target_text, status, updated_by FROM paragraphs WHERE id = ?",
                    (change.paragraph_id,),
                ).fetchone()
                if row is None:
                    raise TranslatorError(f"no paragraph with id {change.paragraph_id}")
                version, old_target, old_status, updated_by = row
                if version != change.expected_version:
                    raise ParagraphConflict(
                        paragraph_id=change.paragraph_id,
                        expected_version=change.expected_version,
                        stored_version=version,
                        stored_target=old_target,
                        attempted_target=change.new_target,
                        stored_by=updated_by,
                    )
                db.execute(
                    "UPDATE paragraphs SET target_text = ?, status = ?, version = version + 1, "
                    "updated_by = ?, updated_at = ? WHERE id = ?",
                    (change.new_target, change.new_status, actor, now, change.paragraph_id),
                )
                db.execute(
                    "INSERT INTO history (paragraph_id, actor, action, old_status, new_status, "
                    "old_target, new_target, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        change.paragraph_id,
                        actor,
                        action,
                        old_status,
                        change.new_status,
                        old_target,
                        change.new_target,
                        change.note,
                        now,
                    ),
                )

    # -- reading --------------------------------------------------------------------
    def findings(
        self,
        *,
        kinds: Sequence[str] | None = None,
        document_id: int | None = None,
        paragraph_id: int | None = None,
        include_dismissed: bool = True,
    ) -> list[StoredFinding]:
        """Stored findings, filtered; a multi-paragraph finding matches if any paragraph does."""
        conditions: list[str] = []
        params: list[object] = []
        if kinds is not None:
            conditions.append(f"f.kind IN ({','.join('?' * len(kinds))})")
            params.extend(kinds)
        if paragraph_id is not None:
            conditions.append(
                "f.id IN (SELECT finding_id FROM finding_paragraphs WHERE paragraph_id = ?)"
            )
            params.append(paragraph_id)
        if document_id is not None:
            conditions.append(
                "f.id IN (SELECT fp.finding_id FROM finding_paragraphs fp "
                "JOIN paragraphs p ON p.id = fp.paragraph_id WHERE p.document_id = ?)"
            )
            params.append(document_id)
        if not include_dismissed:
            conditions.append("x.fingerprint IS NULL")
        where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
        rows = self._db.execute(
            f"{_FINDING_SELECT} {where} ORDER BY f.kind, f.id",
            params,
        )
        return [_stored_finding(row) for row in rows]

    def finding(self, finding_id: int) -> StoredFinding:
        rows = self._db.execute(
            f"{_FINDING_SELECT} WHERE f.id = ?",
            (finding_id,),
        ).fetchone()
        if rows is None:
            raise TranslatorError(f"no finding with id {finding_id} (run `translator check`)")
        return _stored_finding(rows)

    def open_finding_counts_by_document(self) -> dict[int, int]:
        """document id -> findings not dismissed that touch it (the project screen's column)."""
        rows = self._db.execute(
            "SELECT p.document_id, COUNT(DISTINCT f.id) FROM findings f "
            "JOIN finding_paragraphs fp ON fp.finding_id = f.id "
            "JOIN paragraphs p ON p.id = fp.paragraph_id "
            "LEFT JOIN finding_dismissals x ON x.fingerprint = f.fingerprint "
            "WHERE x.fingerprint IS NULL GROUP BY p.document_id"
        )
        return {int(document_id): int(count) for document_id, count in rows}

    def dismiss_finding(self, finding_id: int, actor: str) -> StoredFinding:
        """Hide a finding a person judged harmless; it stays hidden while the problem stays."""
        with self.transaction() as db:
            row = db.execute(
                "SELECT fingerprint, kind FROM findings WHERE id = ?", (finding_id,)
            ).fetchone()
            if row is None:
                raise TranslatorError(f"no finding with id {finding_id} (run `translator check`)")
            db.execute(
                "INSERT OR REPLACE INTO finding_dismissals (fingerprint, kind, dismissed_by, "
                "dismissed_at) VALUES (?, ?, ?, ?)",
                (row[0], row[1], actor, utc_now()),
            )
        return self.finding(finding_id)

    def restore_finding(self, finding_id: int) -> StoredFinding:
        """Undo a dismissal."""
        with self.transaction() as db:
            db.execute(
                "DELETE FROM finding_dismissals WHERE fingerprint = "
                "(SELECT fingerprint FROM findings WHERE id = ?)",
                (finding_id,),
            )
        return self.finding(finding_id)


def _stored_finding(row: Sequence[object]) -> StoredFinding:
    versions: dict[int, int] = {}
    if row[9]:
        for pair in str(row[9]).split(","):
            pid, version = pair.split(":")
            versions[int(pid)] = int(version)
    data = json.loads(str(row[4])) if row[4] != "{}" else {}
    finding = Finding(
        kind=str(row[1]),
        severity=Severity(str(row[2])),
        message=str(row[3]),
        paragraph_ids=tuple(sorted(versions)),
        data=data,
        id=int(str(row[0])),
    )
    return StoredFinding(
        finding=finding,
        group_key=None if row[5] is None else str(row[5]),
        checked_versions=versions,
        created_at=str(row[6]),
        dismissed_by=None if row[7] is None else str(row[7]),
        dismissed_at=None if row[8] is None else str(row[8]),
    )
