"""Guards against updating a document with the wrong file, and one commit per import.

A text in the other language, or one that would archive most of the approved work, is
refused with one line naming the file (the latter unless --force); an import that mixes new
documents and updates commits all of them or none.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.conftest import RunCli, write
from tests.test_update_states import AFTER, BEFORE, approve_all, dump, text_file
from translator import services
from translator.project import Project
from translator.store import ProjectStore, SqliteStore
from translator.store.update_queries import UpdateQueries

ENGLISH = [
    "Aleksei Sokolov is a human rights defender from Yekaterinburg.",
    "He was detained on 13 May 2009 and remanded in custody the next day.",
    "The court sentenced him to five years on 14 June 2010.",
    "The defence appealed to the regional court.",
    "The appeal was dismissed.",
    "He was released on parole in 2012.",
    "The European Court of Human Rights found a violation.",
    "The last paragraph about the Sokolov case.",
]


def approved_english(run_cli: RunCli, project: Project, tmp_path: Path) -> Path:
    source = text_file(tmp_path / "doc.txt", ENGLISH)
    assert run_cli("--project", project.root, "import", source).exit_code == 0
    with SqliteStore(project.database_path) as store:
        document = store.find_document("doc.txt")
        assert document is not None and document.source_lang == "en"
        approve_all(store, document.id)
    return source


def approved_count(project: Project) -> int:
    with sqlite3.connect(project.database_path) as raw:
        return int(
            raw.execute(
                "SELECT COUNT(*) FROM paragraphs WHERE status = 'approved' AND archived_at IS NULL"
            ).fetchone()[0]
        )


def test_a_text_in_the_other_language_is_refused(
    run_cli: RunCli, project: Project, tmp_path: Path
) -> None:
    source = approved_english(run_cli, project, tmp_path)
    russian = text_file(tmp_path / "ru.txt", BEFORE)
    before = dump(project)
    result = run_cli("--project", project.root, "import", "--update", "doc.txt", russian)
    assert result.exit_code == 1
    (line,) = [line for line in result.stderr.splitlines() if str(russian) in line]
    assert "the text is in ru, document 'doc.txt' is in en; nothing updated" in line
    text_file(source, BEFORE)  # the same name, Russian content
    same_name = run_cli("--project", project.root, "import", source)
    assert same_name.exit_code == 1 and "the text is in ru" in same_name.stderr
    dry = run_cli("--project", project.root, "import", "--dry-run", source)
    assert dry.exit_code == 1 and "the text is in ru" in dry.stderr
    assert dump(project) == before


def test_an_explicit_lang_naming_the_documents_language_overrides_detection(
    run_cli: RunCli, project: Project, tmp_path: Path
) -> None:
    approved_english(run_cli, project, tmp_path)
    russian = text_file(tmp_path / "ru.txt", BEFORE)
    other = run_cli(
        "--project", project.root, "import", "--update", "doc.txt", "--lang", "ru", russian
    )
    assert other.exit_code == 1 and "is in en, not ru" in other.stderr
    forced = run_cli(
        "--project",
        project.root,
        "import",
        "--update",
        "doc.txt",
        "--lang",
        "en",
        "--force",
        russian,
    )
    assert forced.exit_code == 0, forced.stderr
    assert "updated: doc.txt" in forced.stdout


def test_an_update_archiving_most_approved_paragraphs_needs_force(
    run_cli: RunCli, project: Project, tmp_path: Path
) -> None:
    source = approved_english(run_cli, project, tmp_path)
    unrelated = [
        "A statement by the press office about an unrelated event in Moscow.",
        "Journalists were invited to a briefing on Friday morning.",
        "The last paragraph about the Sokolov case.",
    ]
    text_file(source, unrelated)
    before = dump(project)
    refused = run_cli("--project", project.root, "import", source)
    assert refused.exit_code == 1
    assert f"{source}: would archive 7 of the 8 approved paragraphs of 'doc.txt'" in refused.stderr
    assert "--force" in refused.stderr
    assert dump(project) == before
    dry = run_cli("--project", project.root, "import", "--dry-run", source)
    assert dry.exit_code == 0, dry.stderr
    assert "7 of 8 approved paragraph(s) archived" in dry.stdout
    assert "needs --force" in dry.stdout
    assert dump(project) == before
    forced = run_cli("--project", project.root, "import", "--force", source)
    assert forced.exit_code == 0, forced.stderr
    assert "7 of 8 approved paragraph(s) archived" in forced.stdout
    assert "needs --force" not in forced.stdout
    assert approved_count(project) == 1


def test_an_ordinary_update_needs_no_force(
    project: Project, store: ProjectStore, tmp_path: Path
) -> None:
    """The hand-written before/after versions archive one approved paragraph of nine."""
    source = text_file(tmp_path / "doc.txt", BEFORE)
    services.import_sources(project, store, [source], actor="tester")
    document = store.find_document("doc.txt")
    assert document is not None
    approve_all(store, document.id)
    report = services.import_sources(project, store, [text_file(source, AFTER)], actor="t")
    (summary,) = report.updated
    assert summary.applied and not summary.needs_force
    assert (len(summary.removed_approved), summary.approved_before) == (1, 9)


def test_new_documents_and_updates_commit_together(
    project: Project,
    store: ProjectStore,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    source = text_file(tmp_path / "doc.txt", BEFORE)
    services.import_sources(project, store, [source], actor="tester")
    text_file(source, AFTER)
    newcomer = write(tmp_path / "new.txt", "Совсем другой документ о другом деле.\n")
    before = dump(project)

    def fail(*args: object) -> None:
        raise RuntimeError("disk on fire")

    with monkeypatch.context() as patch:
        patch.setattr(UpdateQueries, "_write_sentences", fail)
        with pytest.raises(RuntimeError, match="disk on fire"):
            services.import_sources(project, store, [newcomer, source], actor="tester")
    assert dump(project) == before
    assert store.find_document("new.txt") is None
    report = services.import_sources(project, store, [newcomer, source], actor="tester")
    assert [item.document.name for item in report.imported] == ["new.txt"]
    assert [summary.document for summary in report.updated] == ["doc.txt"]
    assert len(store.paragraphs(report.imported[0].document.id)) == 1


def test_a_nested_write_that_fails_is_undone_alone(project: Project, store: SqliteStore) -> None:
    """transaction() inside transaction() is a savepoint: the outer one decides the commit."""
    with store.transaction() as db:
        db.execute("CREATE TABLE scratch (value TEXT)")
        db.execute("INSERT INTO scratch VALUES ('outer')")
        with pytest.raises(RuntimeError), store.transaction() as inner:
            inner.execute("INSERT INTO scratch VALUES ('inner')")
            raise RuntimeError("inner fails")
        with store.transaction() as inner:
            inner.execute("INSERT INTO scratch VALUES ('kept')")
    rows = store._db.execute("SELECT value FROM scratch ORDER BY rowid").fetchall()
    assert rows == [("outer",), ("kept",)]
