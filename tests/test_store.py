"""The SQLite store: schema versions, transactional writes, history, optimistic locking."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from translator.core.errors import (
    ParagraphConflict,
    SchemaError,
    StoreUnavailable,
    TranslatorError,
)
from translator.core.models import ReviewStatus
from translator.store import NewDocument, NewParagraph, SqliteStore, open_store
from translator.store.schema import LATEST_VERSION


def new_document(name: str = "doc.txt", paragraphs: int = 3) -> NewDocument:
    return NewDocument(
        name=name,
        source_lang="ru",
        target_lang="en",
        source_path=f"/src/{name}",
        sha256="0" * 64,
        encoding="utf-8",
        imported_by="alice",
        paragraphs=[
            NewParagraph(f"Абзац {i}. Второе предложение.", [f"Абзац {i}.", "Второе предложение."])
            for i in range(paragraphs)
        ],
    )


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "translator.db"


def test_fresh_database_is_migrated_to_latest_with_wal_and_foreign_keys(db_path: Path) -> None:
    with open_store(db_path, create=True) as store:
        assert store.schema_version() == LATEST_VERSION
        assert store.journal_mode() == "wal"
    raw = sqlite3.connect(db_path)
    tables = {row[0] for row in raw.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"documents", "paragraphs", "sentences", "history", "comments"} <= tables
    applied = raw.execute("SELECT COUNT(*) FROM schema_migrations").fetchone()[0]
    assert applied == LATEST_VERSION


def test_reopening_does_not_migrate_twice(db_path: Path) -> None:
    open_store(db_path, create=True).close()
    open_store(db_path, create=True).close()
    raw = sqlite3.connect(db_path)
    assert raw.execute("SELECT COUNT(*) FROM schema_migrations").fetchone()[0] == LATEST_VERSION


def test_foreign_keys_are_enforced(db_path: Path) -> None:
    with (
        open_store(db_path, create=True) as store,
        pytest.raises(sqlite3.IntegrityError),
        store.transaction() as db,
    ):
        db.execute(
            "INSERT INTO sentences (paragraph_id, position, source_text) VALUES (999, 0, 'x')"
        )


def test_comment_on_a_missing_paragraph_is_refused(db_path: Path) -> None:
    with (
        open_store(db_path, create=True) as store,
        pytest.raises(TranslatorError, match="no paragraph"),
    ):
        store.add_comment(999, "alice", "no such paragraph")


def test_newer_schema_is_refused(db_path: Path) -> None:
    open_store(db_path, create=True).close()
    raw = sqlite3.connect(db_path)
    raw.execute("INSERT INTO schema_migrations VALUES (?, 'future')", (LATEST_VERSION + 1,))
    raw.commit()
    raw.close()
    with pytest.raises(SchemaError, match="newer translator"):
        open_store(db_path, create=True)


def test_a_file_that_is_not_a_database_is_refused(db_path: Path) -> None:
    db_path.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(SchemaError, match="not a translator database"):
        open_store(db_path, create=True)


def test_documents_paragraphs_and_sentences_are_stored_in_order(db_path: Path) -> None:
    with open_store(db_path, create=True) as store:
        (document,) = store.add_documents([new_document(paragraphs=4)])
        paragraphs = store.paragraphs(document.id)
        assert [p.position for p in paragraphs] == [0, 1, 2, 3]
        assert all(p.status is ReviewStatus.NEW and p.version == 1 for p in paragraphs)
        assert [s.source_text for s in store.sentences(paragraphs[2].id)] == [
            "Абзац 2.",
            "Второе предложение.",
        ]
        assert store.find_document("doc.txt") == document
        assert store.find_document("other.txt") is None


def test_duplicate_links_may_point_forward(db_path: Path) -> None:
    document = NewDocument(
        "d.txt", "en", "ru", "/d.txt", "1" * 64, "utf-8", "bob",
        [
            NewParagraph("A cut-off", ["A cut-off"], duplicate_of=1),
            NewParagraph("A cut-off paragraph.", ["A cut-off paragraph."]),
        ],
    )  # fmt: skip
    with open_store(db_path, create=True) as store:
        (stored,) = store.add_documents([document])
        first, second = store.paragraphs(stored.id)
        assert first.duplicate_of == second.id
        assert second.duplicate_of is None


def test_adding_documents_is_all_or_nothing(db_path: Path) -> None:
    with open_store(db_path, create=True) as store:
        store.add_documents([new_document("a.txt")])
        with pytest.raises(sqlite3.IntegrityError):
            store.add_documents([new_document("b.txt"), new_document("a.txt")])
        assert [d.name for d in store.documents()] == ["a.txt"]
        assert store.status_counts().total == 3


def test_save_target_bumps_version_and_records_history(db_path: Path) -> None:
    with open_store(db_path, create=True) as store:
        (document,) = store.add_documents([new_document()])
        paragraph = store.paragraphs(document.id)[0]
        saved = store.save_target(
            paragraph.id, paragraph.version, "Paragraph 0.", ReviewStatus.EDITED, "alice"
        )
        assert (saved.version, saved.target_text, saved.status) == (
            2,
            "Paragraph 0.",
            ReviewStatus.EDITED,
        )
        assert saved.updated_by == "alice"
        (event,) = store.history(paragraph.id)
        assert (event.actor, event.action, event.old_status, event.new_status) == (
            "alice",
            "edit",
            ReviewStatus.NEW,
            ReviewStatus.EDITED,
        )
        assert (event.old_target, event.new_target) == ("", "Paragraph 0.")


def test_set_status_keeps_target_and_records_reason(db_path: Path) -> None:
    with open_store(db_path, create=True) as store:
        (document,) = store.add_documents([new_document()])
        paragraph = store.paragraphs(document.id)[0]
        edited = store.save_target(paragraph.id, 1, "Text", ReviewStatus.EDITED, "alice")
        rejected = store.set_status(
            paragraph.id, edited.version, ReviewStatus.REJECTED, "erin", note="wrong article"
        )
        assert rejected.target_text == "Text"
        assert rejected.status is ReviewStatus.REJECTED
        last = store.history(paragraph.id)[-1]
        assert (last.actor, last.note, last.new_status) == (
            "erin",
            "wrong article",
            ReviewStatus.REJECTED,
        )


def test_two_sessions_saving_one_paragraph_get_a_conflict_not_an_overwrite(
    db_path: Path,
) -> None:
    with open_store(db_path, create=True) as setup:
        (document,) = setup.add_documents([new_document()])
        paragraph_id = setup.paragraphs(document.id)[0].id
    alice, bob = SqliteStore(db_path), SqliteStore(db_path)
    try:
        seen_by_alice = alice.paragraph(paragraph_id)
        seen_by_bob = bob.paragraph(paragraph_id)
        alice.save_target(
            paragraph_id, seen_by_alice.version, "Alice's text", ReviewStatus.EDITED, "alice"
        )
        with pytest.raises(ParagraphConflict) as conflict:
            bob.save_target(
                paragraph_id, seen_by_bob.version, "Bob's text", ReviewStatus.EDITED, "bob"
            )
        assert conflict.value.stored_target == "Alice's text"
        assert conflict.value.attempted_target == "Bob's text"
        assert conflict.value.stored_by == "alice"
        assert conflict.value.stored_version == 2
        stored = bob.paragraph(paragraph_id)
        assert stored.target_text == "Alice's text"
        assert [e.actor for e in bob.history(paragraph_id)] == ["alice"]
    finally:
        alice.close()
        bob.close()


def test_status_counts_per_document_and_total(db_path: Path) -> None:
    with open_store(db_path, create=True) as store:
        first, second = store.add_documents([new_document("a.txt", 2), new_document("b.txt", 3)])
        paragraph = store.paragraphs(first.id)[0]
        store.save_target(paragraph.id, 1, "x", ReviewStatus.MACHINE, "mt")
        per_document = store.status_counts_by_document()
        assert per_document[first.id].as_dict()["machine"] == 1
        assert per_document[first.id].as_dict()["new"] == 1
        assert per_document[second.id].as_dict()["new"] == 3
        totals = store.status_counts()
        assert totals.total == 5
        assert totals.as_dict() == {
            "new": 4,
            "machine": 1,
            "edited": 0,
            "approved": 0,
            "rejected": 0,
        }


def test_comments_are_kept_in_order(db_path: Path) -> None:
    with open_store(db_path, create=True) as store:
        (document,) = store.add_documents([new_document()])
        paragraph_id = store.paragraphs(document.id)[0].id
        store.add_comment(paragraph_id, "alice", "Check the article number")
        store.add_comment(paragraph_id, "erin", "Checked: 20.3 is right")
        assert [(c.author, c.body) for c in store.comments(paragraph_id)] == [
            ("alice", "Check the article number"),
            ("erin", "Checked: 20.3 is right"),
        ]


def test_a_write_while_another_session_holds_the_lock_is_a_clear_error(db_path: Path) -> None:
    with open_store(db_path, create=True) as setup:
        (document,) = setup.add_documents([new_document()])
        paragraph_id = setup.paragraphs(document.id)[0].id
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    store = SqliteStore(db_path)
    store._db.execute("PRAGMA busy_timeout = 50")  # don't wait the default 30 s in a test
    try:
        with pytest.raises(StoreUnavailable, match="busy"):
            store.save_target(paragraph_id, 1, "text", ReviewStatus.EDITED, "alice")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert store.paragraph(paragraph_id).target_text == ""
    store.close()


def test_an_unopenable_database_path_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreUnavailable, match="cannot open"):
        open_store(tmp_path / "no-such-folder" / "translator.db", create=True)


def test_a_missing_database_is_not_silently_recreated(tmp_path: Path) -> None:
    with pytest.raises(StoreUnavailable, match="missing"):
        open_store(tmp_path / "translator.db")
    assert not (tmp_path / "translator.db").exists()


def test_a_foreign_sqlite_database_is_refused_untouched(db_path: Path) -> None:
    raw = sqlite3.connect(db_path)
    raw.execute("CREATE TABLE contacts (name TEXT)")
    raw.commit()
    raw.close()
    with pytest.raises(SchemaError, match="not a translator database"):
        open_store(db_path)
    raw = sqlite3.connect(db_path)
    tables = {row[0] for row in raw.execute("SELECT name FROM sqlite_master")}
    assert tables == {"contacts"}


def test_a_failed_write_rolls_back_and_is_a_clear_error(db_path: Path) -> None:
    def disk_full() -> None:
        raise OSError("simulated disk full")

    with open_store(db_path, create=True) as store:
        store.add_documents([new_document()])
        store._db.create_function("disk_full", 0, disk_full)
        store._db.execute(
            "CREATE TEMP TRIGGER fail_sentences BEFORE INSERT ON sentences "
            "BEGIN SELECT disk_full(); END"
        )
        with pytest.raises(StoreUnavailable, match="nothing was changed"):
            store.add_documents([new_document("b.txt")])
        assert not store._db.in_transaction
        assert [d.name for d in store.documents()] == ["doc.txt"]
        assert store.status_counts().total == 3


def test_a_read_only_database_is_a_clear_error(db_path: Path) -> None:
    with open_store(db_path, create=True) as store:
        (document,) = store.add_documents([new_document()])
        paragraph_id = store.paragraphs(document.id)[0].id
        store._db.execute("PRAGMA query_only = ON")
        with pytest.raises(StoreUnavailable, match="read-only"):
            store.save_target(paragraph_id, 1, "text", ReviewStatus.EDITED, "alice")
        store._db.execute("PRAGMA query_only = OFF")
        assert store.paragraph(paragraph_id).version == 1
        assert store.history(paragraph_id) == []


def test_migration_8_moves_the_check_index_to_interned_keys(db_path: Path) -> None:
    """A project written at schema 7 keeps every index entry: the same rows read through the
    `check_groups` view, each (kind, group key) stored once."""
    from translator.store.migrations import MIGRATIONS

    raw = sqlite3.connect(db_path, isolation_level=None)
    raw.execute(
        "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)"
    )
    for version, script in enumerate(MIGRATIONS[:7], 1):
        raw.executescript(script)
        raw.execute("INSERT INTO schema_migrations VALUES (?, 'then')", (version,))
    raw.execute(
        "INSERT INTO documents (id, name, source_lang, target_lang, source_path, sha256, encoding, "
        "imported_at, imported_by) VALUES (1, 'd.txt', 'ru', 'en', 'd.txt', '', 'utf-8', 't', 'a')"
    )
    raw.executemany(
        "INSERT INTO paragraphs (id, document_id, position, source_text) VALUES (?, 1, ?, 's')",
        [(pid, pid) for pid in (1, 2, 3)],
    )
    entries = [
        ("name-variant", '[["person","Anna"]]', 1, ""),
        ("name-variant", '[["person","Anna"]]', 3, ""),
        ("term-inconsistent", "ru>en:concept:shizo", 1, "ShIZO"),
        ("term-inconsistent", "ru>en:concept:shizo", 2, "SHIZO"),
        ("term-inconsistent", "ru>en:concept:onk", 2, "ONK"),
    ]
    raw.executemany("INSERT INTO check_groups VALUES (?, ?, ?, ?)", entries)
    raw.close()
    with open_store(db_path) as store:
        assert store.schema_version() == LATEST_VERSION >= 8
    raw = sqlite3.connect(db_path)
    assert raw.execute("SELECT * FROM check_groups ORDER BY 1, 2, 3").fetchall() == sorted(entries)
    assert raw.execute("SELECT COUNT(*) FROM check_keys").fetchone() == (3,)
    tables = {row[0] for row in raw.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "check_groups" not in tables  # a view now
    raw.execute("PRAGMA foreign_keys = ON")
    raw.execute("DELETE FROM paragraphs WHERE id = 2")  # its entries go with it
    assert raw.execute("SELECT COUNT(*) FROM check_groups").fetchone() == (3,)
