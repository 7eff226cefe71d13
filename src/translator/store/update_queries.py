"""SQL for source updates: writing a new version of a document over its stored paragraphs.

The whole new version is written in one transaction: paragraphs are repositioned, edited
ones get their new source and sentences, new ones are inserted, removed ones archived, and
every changed paragraph gets a "source-update" history row. Sentence rows whose text did not
change are moved, not re-created, so their machine translation (and anything attached to
them) survives. The plan is made on an earlier read; the document's revision and the
versions of the paragraphs whose target is rewritten are checked under the write lock.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict, deque
from collections.abc import Sequence
from dataclasses import dataclass

from translator.core.errors import TranslatorError
from translator.core.models import Paragraph, ReviewStatus
from translator.store.queries import SqliteQueries
from translator.store.rows import _PARAGRAPH_COLUMNS, LIVE_PARAGRAPH, _paragraph, utc_now

SOURCE_UPDATE_ACTION = "source-update"


class StaleUpdatePlan(TranslatorError):
    """The document changed between planning the update and writing it; nothing was written."""


@dataclass(frozen=True, slots=True)
class RevisedParagraph:
    """One paragraph of the new version, as the store must write it.

    `rewrite` False only repositions a stored paragraph (unchanged or moved: target, status
    and version stay). `rewrite` True writes source, sentences, target and status; with no
    `paragraph_id` it inserts a new row. `reuse_sentences_of` names the stored paragraphs
    whose sentence rows it may take over when their text is unchanged.
    """

    position: int
    source_text: str
    sentences: Sequence[str]
    duplicate_of: int | None  # position in the new version
    paragraph_id: int | None = None
    rewrite: bool = True
    expected_version: int | None = None  # checked before rewriting a stored paragraph
    target_text: str = ""
    status: ReviewStatus = ReviewStatus.NEW
    previous_source: str | None = None
    reuse_sentences_of: tuple[int, ...] = ()
    note: str | None = None  # history note; None writes no history row


@dataclass(frozen=True, slots=True)
class ArchivedParagraph:
    paragraph_id: int
    note: str
    # The version the plan read (its target, status and any approval it reports): a save
    # meanwhile makes the plan stale, as for a rewritten paragraph. None: not checked.
    expected_version: int | None = None


@dataclass(frozen=True, slots=True)
class SourceRevision:
    """Everything one source update writes: the whole new version and what leaves it."""

    document_id: int
    expected_revision: int
    sha256: str
    source_path: str
    encoding: str
    actor: str
    paragraphs: Sequence[RevisedParagraph]
    archived: Sequence[ArchivedParagraph]


class UpdateQueries(SqliteQueries):
    """Queries for source updates (archived paragraphs, old sources); mixed into SqliteStore."""

    def archived_paragraphs(self, document_id: int) -> list[Paragraph]:
        """Paragraphs removed from the document's source by updates, oldest removal first."""
        rows = self._db.execute(
            f"SELECT {_PARAGRAPH_COLUMNS} FROM paragraphs WHERE document_id = ? "
            f"AND NOT ({LIVE_PARAGRAPH}) ORDER BY archived_at, id",
            (document_id,),
        )
        return [_paragraph(row) for row in rows]

    def apply_source_revision(self, revision: SourceRevision) -> None:
        """Write a planned update in one transaction; StaleUpdatePlan if the document moved on."""
        now = utc_now()
        with self.transaction() as db:
            self._check_plan_is_current(db, revision)
            self._archive(db, revision, now)
            paragraph_ids = self._place_paragraphs(db, revision, now)
            self._write_sentences(db, revision, paragraph_ids)
            self._link_duplicates(db, revision, paragraph_ids)
            db.execute(
                "UPDATE documents SET sha256 = ?, source_path = ?, encoding = ?, "
                "revision = revision + 1 WHERE id = ?",
                (revision.sha256, revision.source_path, revision.encoding, revision.document_id),
            )

    # -- steps, all inside the caller's transaction ----------------------------------
    def _check_plan_is_current(self, db: sqlite3.Connection, revision: SourceRevision) -> None:
        row = db.execute(
            "SELECT name, revision FROM documents WHERE id = ?", (revision.document_id,)
        ).fetchone()
        if row is None:
            raise StaleUpdatePlan(f"document {revision.document_id} no longer exists")
        name, stored_revision = row
        stale = f"document '{name}' changed while the update was prepared; nothing was changed"
        if stored_revision != revision.expected_revision:
            raise StaleUpdatePlan(f"{stale} (another update); run the import again")
        versions = dict(
            db.execute(
                f"SELECT id, version FROM paragraphs WHERE document_id = ? AND {LIVE_PARAGRAPH}",
                (revision.document_id,),
            ).fetchall()
        )
        planned = {p.paragraph_id for p in revision.paragraphs if p.paragraph_id is not None}
        planned |= {archived.paragraph_id for archived in revision.archived}
        if planned != set(versions):
            raise StaleUpdatePlan(f"{stale} (its paragraphs differ); run the import again")
        for paragraph in revision.paragraphs:
            if paragraph.rewrite and paragraph.paragraph_id is not None:
                stored = versions[paragraph.paragraph_id]
                if stored != paragraph.expected_version:
                    raise StaleUpdatePlan(
                        f"{stale} (paragraph {paragraph.paragraph_id} was saved meanwhile); "
                        "run the import again"
                    )
        for archived in revision.archived:
            expected = archived.expected_version
            if expected is not None and versions[archived.paragraph_id] != expected:
                raise StaleUpdatePlan(
                    f"{stale} (paragraph {archived.paragraph_id} was saved meanwhile); "
                    "run the import again"
                )

    def _archive(self, db: sqlite3.Connection, revision: SourceRevision, now: str) -> None:
        """Archived rows leave the position range (-id is unique) and keep everything else."""
        for archived in revision.archived:
            status, target = db.execute(
                "SELECT status, target_text FROM paragraphs WHERE id = ?",
                (archived.paragraph_id,),
            ).fetchone()
            db.execute(
                "UPDATE paragraphs SET archived_at = ?, archived_by = ?, position = -id, "
                "duplicate_of = NULL, version = version + 1 WHERE id = ?",
                (now, revision.actor, archived.paragraph_id),
            )
            self._history(
                db,
                archived.paragraph_id,
                revision.actor,
                status,
                status,
                target,
                target,
                archived.note,
                now,
            )

    def _place_paragraphs(
        self, db: sqlite3.Connection, revision: SourceRevision, now: str
    ) -> list[int]:
        """Reposition, rewrite and insert; returns the paragraph id at each new position."""
        # Clear the final range 0..n-1 first: UNIQUE(document_id, position) is checked per row,
        # so every live position moves past the highest one (with paragraphs archived, the
        # survivors' positions have gaps: shifting by their count made 0 -> 3 meet 3).
        highest = db.execute(
            f"SELECT COALESCE(MAX(position), -1) FROM paragraphs WHERE document_id = ? "
            f"AND {LIVE_PARAGRAPH}",
            (revision.document_id,),
        ).fetchone()[0]
        offset = max(int(highest) + 1, len(revision.paragraphs)) + 1
        db.execute(
            f"UPDATE paragraphs SET position = position + ? WHERE document_id = ? "
            f"AND {LIVE_PARAGRAPH}",
            (offset, revision.document_id),
        )
        ids: list[int] = []
        repositioned: list[tuple[int, int]] = []
        for paragraph in revision.paragraphs:
            if paragraph.paragraph_id is None:
                ids.append(self._insert_paragraph(db, revision, paragraph, now))
                continue
            ids.append(paragraph.paragraph_id)
            if not paragraph.rewrite:
                repositioned.append((paragraph.position, paragraph.paragraph_id))
                if paragraph.note is not None:  # moved: the source is the same, the place not
                    status, target = db.execute(
                        "SELECT status, target_text FROM paragraphs WHERE id = ?",
                        (paragraph.paragraph_id,),
                    ).fetchone()
                    self._history(
                        db,
                        paragraph.paragraph_id,
                        revision.actor,
                        status,
                        status,
                        target,
                        target,
                        paragraph.note,
                        now,
                    )
                continue
            old_status, old_target = db.execute(
                "SELECT status, target_text FROM paragraphs WHERE id = ?",
                (paragraph.paragraph_id,),
            ).fetchone()
            db.execute(
                "UPDATE paragraphs SET position = ?, source_text = ?, target_text = ?, "
                "status = ?, previous_source = ?, version = version + 1, updated_by = ?, "
                "updated_at = ? WHERE id = ?",
                (
                    paragraph.position,
                    paragraph.source_text,
                    paragraph.target_text,
                    paragraph.status.value,
                    paragraph.previous_source,
                    revision.actor,
                    now,
                    paragraph.paragraph_id,
                ),
            )
            if paragraph.note is not None:
                self._history(
                    db,
                    paragraph.paragraph_id,
                    revision.actor,
                    old_status,
                    paragraph.status.value,
                    old_target,
                    paragraph.target_text,
                    paragraph.note,
                    now,
                )
        db.executemany("UPDATE paragraphs SET position = ? WHERE id = ?", repositioned)
        return ids

    def _insert_paragraph(
        self,
        db: sqlite3.Connection,
        revision: SourceRevision,
        paragraph: RevisedParagraph,
        now: str,
    ) -> int:
        cursor = db.execute(
            "INSERT INTO paragraphs (document_id, position, source_text, target_text, status, "
            "previous_source, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                revision.document_id,
                paragraph.position,
                paragraph.source_text,
                paragraph.target_text,
                paragraph.status.value,
                paragraph.previous_source,
                revision.actor,
                now,
            ),
        )
        paragraph_id = int(cursor.lastrowid or 0)
        if paragraph.note is not None:
            self._history(
                db,
                paragraph_id,
                revision.actor,
                None,
                paragraph.status.value,
                None,
                paragraph.target_text,
                paragraph.note,
                now,
            )
        return paragraph_id

    def _write_sentences(
        self, db: sqlite3.Connection, revision: SourceRevision, paragraph_ids: list[int]
    ) -> None:
        """New sentence lists for rewritten paragraphs, moving rows whose text is unchanged."""
        rewritten = [
            (paragraph, paragraph_ids[index])
            for index, paragraph in enumerate(revision.paragraphs)
            if paragraph.rewrite
        ]
        # A rewritten paragraph's own old rows are always cleared (then reused or deleted).
        sources = sorted(
            {pid for paragraph, _ in rewritten for pid in paragraph.reuse_sentences_of}
            | {paragraph.paragraph_id for paragraph, _ in rewritten if paragraph.paragraph_id}
        )
        marks = ", ".join("?" * len(sources))
        # Pools of reusable rows, shared by the paragraphs that draw on the same old ones.
        pools: dict[tuple[int, ...], dict[str, deque[int]]] = {}
        if sources:
            # Out of the way of the new positions: -id is unique within any paragraph.
            db.execute(
                f"UPDATE sentences SET position = -id WHERE paragraph_id IN ({marks})", sources
            )
            rows = db.execute(
                f"SELECT id, paragraph_id, source_text FROM sentences "
                f"WHERE paragraph_id IN ({marks}) ORDER BY paragraph_id, id",
                sources,
            ).fetchall()
            by_paragraph: dict[int, list[tuple[int, str]]] = defaultdict(list)
            for sentence_id, paragraph_id, text in rows:
                by_paragraph[paragraph_id].append((sentence_id, text))
            for paragraph, _ in rewritten:
                key = paragraph.reuse_sentences_of
                if key and key not in pools:
                    pool: dict[str, deque[int]] = defaultdict(deque)
                    for source_id in key:
                        for sentence_id, text in by_paragraph[source_id]:
                            pool[text].append(sentence_id)
                    pools[key] = pool
        moves: list[tuple[int, int, int]] = []
        inserts: list[tuple[int, int, str]] = []
        for paragraph, paragraph_id in rewritten:
            pool = pools.get(paragraph.reuse_sentences_of, {})
            for position, text in enumerate(paragraph.sentences):
                waiting = pool.get(text)
                if waiting:
                    moves.append((paragraph_id, position, waiting.popleft()))
                else:
                    inserts.append((paragraph_id, position, text))
        db.executemany("UPDATE sentences SET paragraph_id = ?, position = ? WHERE id = ?", moves)
        db.executemany(
            "INSERT INTO sentences (paragraph_id, position, source_text) VALUES (?, ?, ?)",
            inserts,
        )
        if sources:
            # Rows not taken over held text that is gone from the source.
            db.execute(
                f"DELETE FROM sentences WHERE paragraph_id IN ({marks}) AND position < 0",
                sources,
            )

    def _link_duplicates(
        self, db: sqlite3.Connection, revision: SourceRevision, paragraph_ids: list[int]
    ) -> None:
        links: list[tuple[int | None, int, int | None]] = []
        for index, paragraph in enumerate(revision.paragraphs):
            target = (
                None if paragraph.duplicate_of is None else paragraph_ids[paragraph.duplicate_of]
            )
            links.append((target, paragraph_ids[index], target))
        db.executemany(
            "UPDATE paragraphs SET duplicate_of = ? WHERE id = ? AND duplicate_of IS NOT ?", links
        )

    @staticmethod
    def _history(
        db: sqlite3.Connection,
        paragraph_id: int,
        actor: str,
        old_status: str | None,
        new_status: str | None,
        old_target: str | None,
        new_target: str | None,
        note: str,
        now: str,
    ) -> None:
        db.execute(
            "INSERT INTO history (paragraph_id, actor, action, old_status, new_status, "
            "old_target, new_target, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                paragraph_id,
                actor,
                SOURCE_UPDATE_ACTION,
                old_status,
                new_status,
                old_target,
                new_target,
                note,
                now,
            ),
        )
