"""SQLite back end: WAL, foreign keys, one transaction per multi-row write, optimistic locking."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from translator.core.errors import (
    ParagraphConflict,
    SchemaError,
    StoreUnavailable,
    TranslatorError,
)
from translator.core.models import (
    Comment,
    Document,
    HistoryEvent,
    Paragraph,
    ReviewStatus,
    Sentence,
    StatusCounts,
)
from translator.store.base import NewDocument, ProjectStore
from translator.store.check_queries import CheckQueries
from translator.store.export_queries import ExportQueries
from translator.store.glossary_queries import GlossaryQueries
from translator.store.mt_queries import MtQueries
from translator.store.review_queries import ReviewQueries
from translator.store.rows import (
    _DOCUMENT_COLUMNS,
    _PARAGRAPH_COLUMNS,
    LIVE_PARAGRAPH,
    _document,
    _paragraph,
    _status_or_none,
    utc_now,
)
from translator.store.schema import LATEST_VERSION, MIGRATIONS
from translator.store.update_queries import UpdateQueries


class SqliteStore(
    MtQueries,
    GlossaryQueries,
    CheckQueries,
    ReviewQueries,
    UpdateQueries,
    ExportQueries,
    ProjectStore,
):
    """One project's database file. Open several on one file for concurrent sessions."""

    def __init__(self, path: Path, create: bool = False) -> None:
        self.path = path
        if not create and not path.is_file():
            raise StoreUnavailable(
                f"{path}: the project database is missing (moved or deleted?); "
                "restore it, or start a new project with `translator init`"
            )
        try:
            self._db = sqlite3.connect(path, timeout=30.0, isolation_level=None)
        except sqlite3.Error as error:
            raise StoreUnavailable(f"{path}: cannot open the project database ({error})") from error
        try:
            self._db.execute("PRAGMA foreign_keys = ON")
            self._db.execute("PRAGMA busy_timeout = 30000")
            self._db.execute("PRAGMA journal_mode = WAL")
            self._db.execute("PRAGMA synchronous = NORMAL")
            self._migrate()
        except BaseException as error:
            self._db.close()
            if isinstance(error, sqlite3.OperationalError):
                raise StoreUnavailable(
                    f"{path}: cannot open the project database ({error})"
                ) from error
            if isinstance(error, sqlite3.DatabaseError):
                raise SchemaError(f"{path}: not a translator database ({error})") from error
            raise

    # -- plumbing -----------------------------------------------------------------
    def close(self) -> None:
        self._db.close()

    def _rollback(self) -> None:
        if self._db.in_transaction:  # SQLite may already have rolled back by itself
            self._db.execute("ROLLBACK")

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE takes the write lock up front, so read-then-write cannot race.

        Any SQLite failure inside (locked, read-only, disk full) rolls everything back and
        surfaces as StoreUnavailable: nothing is half-written. Inside an open transaction it
        nests as a savepoint, so a use case can join several writes into one commit.
        """
        if self._db.in_transaction:
            yield from self._savepoint()
            return
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            raise StoreUnavailable(
                f"{self.path}: the project database is busy or read-only ({error}); "
                "try again when the other session has finished"
            ) from error
        try:
            yield self._db
            self._db.execute("COMMIT")
        except sqlite3.OperationalError as error:
            self._rollback()
            raise StoreUnavailable(
                f"{self.path}: cannot write the project database ({error}); nothing was changed"
            ) from error
        except BaseException:
            self._rollback()
            raise

    def _savepoint(self) -> Iterator[sqlite3.Connection]:
        """The nested part of `transaction()`: undone alone on error, committed by the outer."""
        self._db.execute("SAVEPOINT nested_write")
        try:
            yield self._db
        except BaseException:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK TO nested_write")
                self._db.execute("RELEASE nested_write")
            raise
        self._db.execute("RELEASE nested_write")

    def _migrate(self) -> None:
        tables = {
            row[0]
            for row in self._db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        if tables and "schema_migrations" not in tables:
            raise SchemaError(
                f"{self.path}: not a translator database (it holds other tables: "
                f"{', '.join(sorted(tables)[:5])})"
            )
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations "
            "(version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)"
        )
        current = self.schema_version()
        if current > LATEST_VERSION:
            raise SchemaError(
                f"{self.path}: written by a newer translator (schema {current}, "
                f"this one knows up to {LATEST_VERSION}); upgrade translator"
            )
        for version in range(current + 1, LATEST_VERSION + 1):
            script = MIGRATIONS[version - 1]
            try:
                self._db.executescript(
                    "BEGIN IMMEDIATE;\n"
                    f"{script}\n"
                    f"INSERT INTO schema_migrations (version, applied_at) "
                    f"VALUES ({version}, '{utc_now()}');\n"
                    "COMMIT;"
                )
            except sqlite3.Error:
                self._rollback()
                if self.schema_version() >= version:
                    continue  # another process applied it meanwhile
                raise

    def schema_version(self) -> int:
        row = self._db.execute("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").fetchone()
        return int(row[0])

    def journal_mode(self) -> str:
        return str(self._db.execute("PRAGMA journal_mode").fetchone()[0])

    # -- documents ----------------------------------------------------------------
    def add_documents(self, documents: Iterable[NewDocument]) -> list[Document]:
        now = utc_now()
        with self.transaction() as db:
            next_paragraph_id = db.execute(
                "SELECT COALESCE(MAX(id), 0) FROM paragraphs"
            ).fetchone()[0]
            next_sentence_id = db.execute("SELECT COALESCE(MAX(id), 0) FROM sentences").fetchone()[
                0
            ]
            document_ids: list[int] = []
            for document in documents:
                cursor = db.execute(
                    "INSERT INTO documents (name, source_lang, target_lang, source_path, sha256, "
                    "encoding, imported_at, imported_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        document.name,
                        document.source_lang,
                        document.target_lang,
                        document.source_path,
                        document.sha256,
                        document.encoding,
                        now,
                        document.imported_by,
                    ),
                )
                document_id = int(cursor.lastrowid or 0)
                document_ids.append(document_id)
                first_id = next_paragraph_id + 1
                paragraph_rows = []
                sentence_rows = []
                for position, paragraph in enumerate(document.paragraphs):
                    paragraph_id = first_id + position
                    duplicate_of = (
                        first_id + paragraph.duplicate_of
                        if paragraph.duplicate_of is not None
                        else None
                    )
                    paragraph_rows.append(
                        (paragraph_id, document_id, position, paragraph.source_text, duplicate_of)
                    )
                    for sentence_position, sentence in enumerate(paragraph.sentences):
                        next_sentence_id += 1
                        sentence_rows.append(
                            (next_sentence_id, paragraph_id, sentence_position, sentence)
                        )
                next_paragraph_id += len(document.paragraphs)
                # Insert without duplicate links first: a duplicate may point forward.
                db.executemany(
                    "INSERT INTO paragraphs (id, document_id, position, source_text) "
                    "VALUES (?, ?, ?, ?)",
                    [row[:4] for row in paragraph_rows],
                )
                db.executemany(
                    "UPDATE paragraphs SET duplicate_of = ? WHERE id = ?",
                    [(row[4], row[0]) for row in paragraph_rows if row[4] is not None],
                )
                db.executemany(
                    "INSERT INTO sentences (id, paragraph_id, position, source_text) "
                    "VALUES (?, ?, ?, ?)",
                    sentence_rows,
                )
        return [self._document_by_id(document_id) for document_id in document_ids]

    def _document_by_id(self, document_id: int) -> Document:
        row = self._db.execute(
            f"SELECT {_DOCUMENT_COLUMNS} FROM documents WHERE id = ?", (document_id,)
        ).fetchone()
        return _document(row)

    def documents(self) -> list[Document]:
        rows = self._db.execute(f"SELECT {_DOCUMENT_COLUMNS} FROM documents ORDER BY name")
        return [_document(row) for row in rows]

    def find_document(self, name: str) -> Document | None:
        row = self._db.execute(
            f"SELECT {_DOCUMENT_COLUMNS} FROM documents WHERE name = ?", (name,)
        ).fetchone()
        return _document(row) if row else None

    def find_document_by_sha256(self, sha256: str) -> Document | None:
        row = self._db.execute(
            f"SELECT {_DOCUMENT_COLUMNS} FROM documents WHERE sha256 = ? ORDER BY id LIMIT 1",
            (sha256,),
        ).fetchone()
        return _document(row) if row else None

    # -- paragraphs -----------------------------------------------------------------
    def paragraphs(self, document_id: int) -> list[Paragraph]:
        rows = self._db.execute(
            f"SELECT {_PARAGRAPH_COLUMNS} FROM paragraphs WHERE document_id = ? "
            f"AND {LIVE_PARAGRAPH} ORDER BY position",
            (document_id,),
        )
        return [_paragraph(row) for row in rows]

    def paragraph(self, paragraph_id: int) -> Paragraph:
        row = self._db.execute(
            f"SELECT {_PARAGRAPH_COLUMNS} FROM paragraphs WHERE id = ?", (paragraph_id,)
        ).fetchone()
        if row is None:
            raise TranslatorError(f"no paragraph with id {paragraph_id}")
        return _paragraph(row)

    def sentences(self, paragraph_id: int) -> list[Sentence]:
        rows = self._db.execute(
            "SELECT id, paragraph_id, position, source_text, machine_translation "
            "FROM sentences WHERE paragraph_id = ? ORDER BY position",
            (paragraph_id,),
        )
        return [Sentence(*row) for row in rows]

    def status_counts(self, document_id: int | None = None) -> StatusCounts:
        counts = StatusCounts()
        if document_id is None:
            rows = self._db.execute(
                f"SELECT status, COUNT(*) FROM paragraphs WHERE {LIVE_PARAGRAPH} GROUP BY status"
            )
        else:
            rows = self._db.execute(
                "SELECT status, COUNT(*) FROM paragraphs WHERE document_id = ? "
                f"AND {LIVE_PARAGRAPH} GROUP BY status",
                (document_id,),
            )
        for status, count in rows:
            counts.add(ReviewStatus(status), count)
        return counts

    def status_counts_by_document(self) -> dict[int, StatusCounts]:
        result: dict[int, StatusCounts] = {}
        rows = self._db.execute(
            "SELECT document_id, status, COUNT(*) FROM paragraphs "
            f"WHERE {LIVE_PARAGRAPH} GROUP BY document_id, status"
        )
        for document_id, status, count in rows:
            result.setdefault(document_id, StatusCounts()).add(ReviewStatus(status), count)
        return result

    # -- review ---------------------------------------------------------------------
    def save_target(
        self,
        paragraph_id: int,
        expected_version: int,
        target_text: str,
        status: ReviewStatus,
        actor: str,
        action: str = "edit",
        note: str | None = None,
    ) -> Paragraph:
        return self._write_paragraph(
            paragraph_id, expected_version, target_text, status, actor, action, note
        )

    def set_status(
        self,
        paragraph_id: int,
        expected_version: int,
        status: ReviewStatus,
        actor: str,
        note: str | None = None,
    ) -> Paragraph:
        return self._write_paragraph(
            paragraph_id, expected_version, None, status, actor, "status", note
        )

    def _write_paragraph(
        self,
        paragraph_id: int,
        expected_version: int,
        target_text: str | None,
        status: ReviewStatus,
        actor: str,
        action: str,
        note: str | None,
    ) -> Paragraph:
        now = utc_now()
        with self.transaction() as db:
            current = self.paragraph(paragraph_id)
            if current.is_archived:
                raise TranslatorError(
                    f"paragraph {paragraph_id} was removed from its source by an update "
                    "(archived); it can no longer be changed"
                )
            new_target = current.target_text if target_text is None else target_text
            if current.version != expected_version:
                raise ParagraphConflict(
                    paragraph_id=paragraph_id,
                    expected_version=expected_version,
                    stored_version=current.version,
                    stored_target=current.target_text,
                    attempted_target=new_target,
                    stored_by=current.updated_by,
                )
            db.execute(
                "UPDATE paragraphs SET target_text = ?, status = ?, version = version + 1, "
                "updated_by = ?, updated_at = ? WHERE id = ? AND version = ?",
                (new_target, status.value, actor, now, paragraph_id, expected_version),
            )
            db.execute(
                "INSERT INTO history (paragraph_id, actor, action, old_status, new_status, "
                "old_target, new_target, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    paragraph_id,
                    actor,
                    action,
                    current.status.value,
                    status.value,
                    current.target_text,
                    new_target,
                    note,
                    now,
                ),
            )
            return self.paragraph(paragraph_id)

    def history(self, paragraph_id: int) -> list[HistoryEvent]:
        rows = self._db.execute(
            "SELECT id, paragraph_id, actor, action, old_status, new_status, old_target, "
            "new_target, note, created_at FROM history WHERE paragraph_id = ? ORDER BY id",
            (paragraph_id,),
        )
        return [
            HistoryEvent(
                id=row[0],
                paragraph_id=row[1],
                actor=row[2],
                action=row[3],
                old_status=_status_or_none(row[4]),
                new_status=_status_or_none(row[5]),
                old_target=row[6],
                new_target=row[7],
                note=row[8],
                created_at=row[9],
            )
            for row in rows
        ]

    def add_comment(self, paragraph_id: int, author: str, body: str) -> Comment:
        now = utc_now()
        with self.transaction() as db:
            self.paragraph(paragraph_id)
            cursor = db.execute(
                "INSERT INTO comments (paragraph_id, author, body, created_at) VALUES (?, ?, ?, ?)",
                (paragraph_id, author, body, now),
            )
        return Comment(int(cursor.lastrowid or 0), paragraph_id, author, body, now)

    def comments(self, paragraph_id: int) -> list[Comment]:
        rows = self._db.execute(
            "SELECT id, paragraph_id, author, body, created_at FROM comments "
            "WHERE paragraph_id = ? ORDER BY id",
            (paragraph_id,),
        )
        return [Comment(*row) for row in rows]


def open_store(path: Path, create: bool = False) -> SqliteStore:
    """Open and migrate the project database at `path`; only `create` makes a new one."""
    return SqliteStore(path, create=create)
