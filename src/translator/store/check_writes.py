"""Bulk writes of a full check run, as differences from what is stored.

A full run recomputes every finding and index entry of its kinds, but after the first run
nearly all of them are what the store already holds. So the run's results are compared
with the stored rows: an unchanged finding keeps its row (its id, its created_at), and only
what changed is deleted or inserted. A first run inserts everything, in bulk (ids assigned
here, big inserts staged in a temporary table and copied by one INSERT ... SELECT, the
secondary index rebuilt once instead of updated row by row).
Functions over an open transaction; `CheckQueries.write_findings` calls them.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

from translator.core.findings import Finding
from translator.store.queries import chunks

if TYPE_CHECKING:
    from translator.store.check_queries import NewFinding

# Above this many new rows, a secondary index is dropped and built again after the insert:
# one sort beats as many random B-tree updates.
REBUILD_INDEX_ROWS = 20_000
# Above this many rows, an insert goes through a temporary table and one INSERT ... SELECT:
# row-by-row inserts pay the foreign-key lookup through the statement machinery each time,
# twice the cost of the same check done inside one statement (175,000 index rows: 0.94 s
# row by row, 0.46 s staged).
STAGE_ROWS = 5_000
_ENTRIES_INDEX = ("check_entries_paragraph", "check_entries(paragraph_id)")
_LINKS_INDEX = ("finding_paragraphs_paragraph", "finding_paragraphs(paragraph_id)")

# (kind, severity, message, data JSON, group key, fingerprint): a finding as a row
FindingRow = tuple[str, str, str, str, str | None, str]


def fingerprint(finding: Finding, group_key: str | None) -> str:
    """Identity of a problem across runs: same kind, group, paragraphs and message."""
    ids = ",".join(str(pid) for pid in sorted(finding.paragraph_ids))
    text = "\x1f".join((finding.kind, group_key or "", ids, finding.message))
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def finding_row(item: NewFinding) -> FindingRow:
    finding = item.finding
    data = json.dumps(dict(finding.data), ensure_ascii=False) if finding.data else "{}"
    return (
        finding.kind,
        finding.severity.value,
        finding.message,
        data,
        item.group_key,
        fingerprint(finding, item.group_key),
    )


def finding_identity(item: NewFinding) -> tuple[str, str, str]:
    """What must match for a stored finding to stand for `item` unchanged: its fingerprint,
    severity and data (the fingerprint leaves the data out: two paragraphs that swap
    spellings change which paragraph has which, not the message or the paragraphs)."""
    row = finding_row(item)
    return row[5], row[1], row[3]


def _marks(values: Collection[object]) -> str:
    return ",".join("?" * len(values))


def group_finding_ids(db: sqlite3.Connection, groups: Iterable[tuple[str, str]]) -> list[int]:
    """The ids of the stored findings of each (kind, group key)."""
    lookup = "SELECT id FROM findings WHERE kind = ? AND group_key = ?"
    return [int(row[0]) for group in groups for row in db.execute(lookup, group)]


def insert_rows(
    db: sqlite3.Connection, rows: Sequence[tuple[NewFinding, FindingRow]], now: str
) -> None:
    if not rows:
        return
    first_id = int(db.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM findings").fetchone()[0])
    db.executemany(
        "INSERT INTO findings (id, kind, severity, message, data, group_key, fingerprint, "
        "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(first_id + offset, *row, now) for offset, (_, row) in enumerate(rows)],
    )
    links = [
        (first_id + offset, paragraph_id)
        for offset, (item, _) in enumerate(rows)
        for paragraph_id in dict.fromkeys(item.finding.paragraph_ids)
    ]
    with _index_rebuilt(db, _LINKS_INDEX, len(links)):
        if len(links) <= STAGE_ROWS:
            db.executemany(
                "INSERT INTO finding_paragraphs (finding_id, paragraph_id, paragraph_version) "
                "SELECT ?, id, version FROM paragraphs WHERE id = ?",
                links,
            )
            return
        with _staged(db, "staged_links", ("finding_id", "paragraph_id"), links):
            db.execute(
                "INSERT INTO finding_paragraphs (finding_id, paragraph_id, paragraph_version) "
                "SELECT staged.finding_id, paragraphs.id, paragraphs.version "
                "FROM temp.staged_links AS staged JOIN paragraphs ON paragraphs.id = "
                "staged.paragraph_id ORDER BY staged.finding_id, staged.paragraph_id"
            )


def replace_findings(
    db: sqlite3.Connection, kinds: Sequence[str], items: Sequence[NewFinding], now: str
) -> None:
    """Make the stored findings of `kinds` exactly `items`: a stored finding with the same
    fingerprint, severity and data stays (its links get the current paragraph versions),
    the other stored ones go, the other items are inserted."""
    rows = db.execute(
        f"SELECT id, fingerprint, severity, data FROM findings WHERE kind IN ({_marks(kinds)}) "
        "ORDER BY id",
        tuple(kinds),
    )
    if not _replace_by_difference(db, rows, items, now):
        return  # every finding inserted now, its links with the current versions
    db.execute(
        "UPDATE finding_paragraphs SET paragraph_version = "
        "(SELECT version FROM paragraphs WHERE id = finding_paragraphs.paragraph_id) "
        f"WHERE finding_id IN (SELECT id FROM findings WHERE kind IN ({_marks(kinds)})) "
        "AND paragraph_version <> "
        "(SELECT version FROM paragraphs WHERE id = finding_paragraphs.paragraph_id)",
        tuple(kinds),
    )


def replace_paragraph_findings(
    db: sqlite3.Connection,
    kinds: Sequence[str],
    paragraph_ids: Sequence[int],
    items: Sequence[NewFinding],
    now: str,
) -> None:
    """`replace_findings` for the findings of `kinds` on some paragraphs only (their
    paragraph findings recomputed): one found again keeps its row and id."""
    rows: list[tuple[int, str, str, str]] = []
    for chunk in chunks(paragraph_ids):
        rows += db.execute(
            "SELECT DISTINCT f.id, f.fingerprint, f.severity, f.data FROM findings f "
            "JOIN finding_paragraphs l ON l.finding_id = f.id "
            f"WHERE f.kind IN ({_marks(kinds)}) AND l.paragraph_id IN ({_marks(chunk)})",
            (*kinds, *chunk),
        ).fetchall()
    kept = _replace_by_difference(db, sorted(rows), items, now)
    db.executemany(
        "UPDATE finding_paragraphs SET paragraph_version = "
        "(SELECT version FROM paragraphs WHERE id = finding_paragraphs.paragraph_id) "
        "WHERE finding_id = ?",
        [(finding_id,) for finding_id in kept],
    )


def _replace_by_difference(
    db: sqlite3.Connection,
    rows: Iterable[tuple[int, str, str, str]],
    items: Sequence[NewFinding],
    now: str,
) -> list[int]:
    """Stored findings `rows` (id, fingerprint, severity, data) made exactly `items`:
    returns the ids kept (found again), deletes the others, inserts the new items."""
    stored: defaultdict[tuple[str, str, str], list[int]] = defaultdict(list)
    for finding_id, key, severity, data in rows:
        stored[(key, severity, data)].append(int(finding_id))
    fresh: list[tuple[NewFinding, FindingRow]] = []
    kept: list[int] = []
    for item in items:
        row = finding_row(item)
        same = stored.get((row[5], row[1], row[3]))  # finding_identity(item)
        if same:
            kept.append(same.pop(0))
        else:
            fresh.append((item, row))
    gone = [finding_id for ids in stored.values() for finding_id in ids]
    insert_rows(db, rewrite_or_delete(db, gone, fresh, now), now)
    return kept


def rewrite_or_delete(
    db: sqlite3.Connection,
    doomed: Sequence[int],
    fresh: Sequence[tuple[NewFinding, FindingRow]],
    now: str,
) -> list[tuple[NewFinding, FindingRow]]:
    """Delete the stored findings `doomed`, except that one sharing the kind and group key
    and most paragraphs of a `fresh` row becomes that row in place: its severity, message,
    data and fingerprint rewritten, the links it no longer has deleted, the new ones added,
    and all of them with their paragraphs' current versions. Returns the fresh rows left
    to insert.

    What is stored ends up as the delete and insert would leave it (a new fingerprint, so
    no dismissal of the old text applies; created now) but for the finding's id, at the
    cost of the links that differ rather than all of them: a name cluster's finding links
    thousands of paragraphs and changes with every save of a spelling in one of them
    (4,251 links: 14 ms deleted and inserted)."""
    if not doomed:
        return list(fresh)
    if not fresh:
        db.executemany("DELETE FROM findings WHERE id = ?", [(fid,) for fid in doomed])
        return []
    groups: dict[int, tuple[str, str | None]] = {}  # doomed id -> (kind, group key)
    links: defaultdict[int, set[int]] = defaultdict(set)  # doomed id -> its paragraphs
    # (kind, group key, paragraph) -> doomed ids: candidates are found through the fresh
    # row's own paragraphs, never by trying every doomed finding of its group.
    owners: defaultdict[tuple[str, str | None, int], list[int]] = defaultdict(list)
    for chunk in chunks(sorted(doomed)):
        marks = _marks(chunk)
        for fid, kind, group_key in db.execute(
            f"SELECT id, kind, group_key FROM findings WHERE id IN ({marks})", tuple(chunk)
        ):
            groups[int(fid)] = (str(kind), group_key)
        for fid, paragraph_id in db.execute(
            f"SELECT finding_id, paragraph_id FROM finding_paragraphs WHERE finding_id IN "
            f"({marks})",
            tuple(chunk),
        ):
            links[int(fid)].add(int(paragraph_id))
            owners[(*groups[int(fid)], int(paragraph_id))].append(int(fid))
    # Pairing is only a saving: where many findings of one group share paragraphs (each
    # fresh row would score hundreds of candidates per paragraph), it stops at a budget
    # of owner visits proportional to the links at stake, and the rest is inserted.
    budget = 4 * (sum(len(paragraphs) for paragraphs in links.values()) + len(fresh))
    left: list[tuple[NewFinding, FindingRow]] = []
    rewritten: list[tuple[str, str, str, str, int]] = []
    gone_links: list[tuple[int, int]] = []
    new_links: list[tuple[int, int]] = []
    for item, row in fresh:
        group, wanted = (row[0], row[4]), set(item.finding.paragraph_ids)
        candidates = [owners.get((*group, pid), ()) for pid in wanted]
        budget -= len(wanted) + sum(map(len, candidates))
        if budget < 0:
            left.append((item, row))
            continue
        shared = Counter(fid for owned in candidates for fid in owned if fid in groups)
        best, common = max(shared.items(), key=lambda pair: (pair[1], -pair[0]), default=(0, 0))
        # Rewritten only where fewer links change than stay (else deleted and inserted).
        if not common or len(links[best]) + len(wanted) - 2 * common >= common:
            left.append((item, row))
            continue
        del groups[best]  # taken: neither deleted nor paired again
        _, severity, message, data, _, print_ = row
        rewritten.append((severity, message, data, print_, best))
        gone_links += ((best, pid) for pid in links[best] - wanted)
        new_links += ((best, pid) for pid in sorted(wanted - links[best]))
    db.executemany(
        "DELETE FROM findings WHERE id = ?",
        [(fid,) for fid in sorted(groups)],
    )
    db.executemany(
        "UPDATE findings SET severity = ?, message = ?, data = ?, fingerprint = ?, "
        "created_at = ? WHERE id = ?",
        [(*values, now, fid) for *values, fid in rewritten],
    )
    db.executemany(
        "DELETE FROM finding_paragraphs WHERE finding_id = ? AND paragraph_id = ?", gone_links
    )
    db.executemany(
        "INSERT INTO finding_paragraphs (finding_id, paragraph_id, paragraph_version) "
        "SELECT ?, id, version FROM paragraphs WHERE id = ?",
        new_links,
    )
    db.executemany(
        "UPDATE finding_paragraphs SET paragraph_version = "
        "(SELECT version FROM paragraphs WHERE id = finding_paragraphs.paragraph_id) "
        "WHERE finding_id = ? AND paragraph_version <> "
        "(SELECT version FROM paragraphs WHERE id = finding_paragraphs.paragraph_id)",
        [(row[-1],) for row in rewritten],
    )
    return left


def key_ids(db: sqlite3.Connection, keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], int]:
    """The `check_keys` id of each (kind, group key), a row added for a key not stored yet."""
    wanted = list(dict.fromkeys(keys))  # distinct keys: up to one per paragraph (duplicates)
    db.executemany("INSERT OR IGNORE INTO check_keys (kind, group_key) VALUES (?, ?)", wanted)
    if len(wanted) <= STAGE_ROWS:  # a save's few keys: looked up one by one
        lookup = "SELECT id FROM check_keys WHERE kind = ? AND group_key = ?"
        return {key: int(db.execute(lookup, key).fetchone()[0]) for key in wanted}
    kinds = sorted({kind for kind, _ in wanted})
    rows = db.execute(
        f"SELECT kind, group_key, id FROM check_keys WHERE kind IN ({_marks(kinds)})", kinds
    )
    stored = {(kind, key): int(key_id) for kind, key, key_id in rows}
    return {key: stored[key] for key in wanted}


def add_entries(db: sqlite3.Connection, entries: Sequence[tuple[str, str, int, str]]) -> None:
    """Index entries (kind, group key, paragraph id, value) added, or replacing the stored
    entry of the same key and paragraph (a later entry replaces an earlier one)."""
    ids = key_ids(db, ((kind, key) for kind, key, _, _ in entries))
    rows = [(ids[(kind, key)], pid, value) for kind, key, pid, value in entries]
    with _index_rebuilt(db, _ENTRIES_INDEX, len(rows)):
        if len(rows) <= STAGE_ROWS:
            latest = {(key_id, pid): value for key_id, pid, value in rows}
            db.executemany(  # in key order: appends to the B-tree, not random inserts
                "INSERT OR REPLACE INTO check_entries (key_id, paragraph_id, value) "
                "VALUES (?, ?, ?)",
                sorted((key_id, pid, value) for (key_id, pid), value in latest.items()),
            )
            return
        with _staged(db, "staged_entries", ("key_id", "paragraph_id", "value"), rows):
            db.execute(  # sorted by SQLite; rowid keeps a later duplicate after an earlier one
                "INSERT OR REPLACE INTO check_entries (key_id, paragraph_id, value) "
                "SELECT key_id, paragraph_id, value FROM temp.staged_entries "
                "ORDER BY key_id, paragraph_id, rowid"
            )


def remove_entries(db: sqlite3.Connection, kind_paragraphs: Sequence[tuple[str, int]]) -> None:
    """Every index entry of each (kind, paragraph id): the paragraph's few entries, each
    key probed (an `IN (SELECT ...)` would list every key of the kind: 50,000 for
    duplicate-mismatch in a reviewed project)."""
    db.executemany(
        "DELETE FROM check_entries WHERE paragraph_id = ?1 AND EXISTS "
        "(SELECT 1 FROM check_keys WHERE check_keys.id = check_entries.key_id "
        "AND check_keys.kind = ?2)",
        [(paragraph_id, kind) for kind, paragraph_id in kind_paragraphs],
    )


def drop_orphan_keys(db: sqlite3.Connection, kinds: Collection[str]) -> None:
    """The keys of `kinds` that no entry uses any more (readers never see them: they reach
    keys through entries). A probe per key: for runs, not for the re-check after a save."""
    db.execute(
        f"DELETE FROM check_keys WHERE kind IN ({_marks(kinds)}) AND NOT EXISTS "
        "(SELECT 1 FROM check_entries WHERE key_id = check_keys.id)",
        tuple(kinds),
    )


def replace_index(
    db: sqlite3.Connection, kinds: Sequence[str], entries: Sequence[tuple[str, str, int, str]]
) -> None:
    """Make the index entries of `kinds` exactly `entries` (kind, group key, paragraph id,
    value; a later entry for the same key replaces an earlier one), touching only rows that
    differ; keys left without entries go."""
    rows = db.execute(
        "SELECT k.id, k.kind, k.group_key, e.paragraph_id, e.value FROM check_entries e "
        f"JOIN check_keys k ON k.id = e.key_id WHERE k.kind IN ({_marks(kinds)})",
        tuple(kinds),
    ).fetchall()
    if rows:
        wanted: dict[tuple[str, str, int], str] = {}
        for kind, key, paragraph_id, value in entries:
            wanted[(kind, key, paragraph_id)] = value
        stale: list[tuple[int, int]] = []
        for key_id, kind, key, paragraph_id, value in rows:
            primary = (kind, key, paragraph_id)
            if wanted.get(primary) == value:
                del wanted[primary]
            else:
                stale.append((key_id, paragraph_id))
        db.executemany("DELETE FROM check_entries WHERE key_id = ? AND paragraph_id = ?", stale)
        entries = [(*primary, value) for primary, value in wanted.items()]
    add_entries(db, entries)  # nothing stored yet (a first run): every entry, as it comes
    drop_orphan_keys(db, kinds)


@contextmanager
def _staged(
    db: sqlite3.Connection, table: str, columns: Sequence[str], rows: Sequence[tuple[object, ...]]
) -> Iterator[None]:
    """`rows` in a temporary table (no constraints, so filled at executemany's own speed) for
    one set-based INSERT ... SELECT into the real table, emptied afterwards. The real table's
    constraints still hold: the foreign keys are checked by that one statement, not skipped."""
    db.execute(f"CREATE TEMP TABLE IF NOT EXISTS {table} ({', '.join(columns)})")
    db.execute(f"DELETE FROM temp.{table}")
    db.executemany(
        f"INSERT INTO temp.{table} VALUES ({_marks(columns)})",
        rows,
    )
    try:
        yield
    finally:
        db.execute(f"DELETE FROM temp.{table}")


@contextmanager
def _index_rebuilt(db: sqlite3.Connection, index: tuple[str, str], rows: int) -> Iterator[None]:
    """Drops a secondary index for a big insert and builds it again afterwards (in the same
    transaction: a failure rolls the drop back too)."""
    rebuild = rows > REBUILD_INDEX_ROWS
    if rebuild:
        db.execute(f"DROP INDEX IF EXISTS {index[0]}")
    yield
    if rebuild:
        db.execute(f"CREATE INDEX IF NOT EXISTS {index[0]} ON {index[1]}")
