"""SQL for the project glossary (issue 4): the project's own, editable copy of its term base."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

from translator.glossary.model import (
    Concept,
    ConceptMerge,
    Glossary,
    MergeOutcome,
    Term,
    TermStatus,
    merge_concept,
)
from translator.store.queries import SqliteQueries
from translator.store.rows import utc_now

_TERM_COLUMNS = "lang, text, status, pos, note, keep_as_is, context"


def _term(row: Sequence[Any]) -> Term:
    """A Term from the `_TERM_COLUMNS` of a glossary_terms row."""
    lang, text, status, pos, note, keep_as_is, context = row
    return Term(text, lang, TermStatus(status), pos, note, bool(keep_as_is), context)


class GlossaryQueries(SqliteQueries):
    """Queries for the project glossary; mixed into SqliteStore. Every write is one
    transaction, so an import or an edit is stored whole or not at all."""

    def glossary(self) -> Glossary:
        """Every concept with its terms, in the order they were added."""
        terms: dict[int, list[Term]] = {}
        for row in self._db.execute(
            f"SELECT concept_id, {_TERM_COLUMNS} FROM glossary_terms "
            "ORDER BY concept_id, position, id"
        ):
            terms.setdefault(row[0], []).append(_term(row[1:]))
        return Glossary.of(
            Concept(key, tuple(terms.get(concept_id, ())), subject, note)
            for concept_id, key, subject, note in self._db.execute(
                "SELECT id, key, subject, note FROM glossary_concepts ORDER BY id"
            )
        )

    def glossary_concept(self, key: str) -> Concept | None:
        row = self._db.execute(
            "SELECT id, subject, note FROM glossary_concepts WHERE key = ?", (key,)
        ).fetchone()
        if row is None:
            return None
        terms = tuple(
            _term(r)
            for r in self._db.execute(
                f"SELECT {_TERM_COLUMNS} FROM glossary_terms "
                "WHERE concept_id = ? ORDER BY position, id",
                (row[0],),
            )
        )
        return Concept(key, terms, row[1], row[2])

    def put_glossary_concepts(
        self, concepts: Iterable[Concept], actor: str, state: dict[str, str] | None = None
    ) -> int:
        """Insert or replace whole concepts (matched by key) in one transaction.

        `state` entries are recorded in the same transaction (e.g. that seeding happened).
        Returns the number of concepts written.
        """
        now = utc_now()
        written = 0
        with self.transaction() as db:
            for concept in concepts:
                self._put_concept(db, concept, actor, now)
                written += 1
            for name, value in (state or {}).items():
                db.execute(
                    "INSERT INTO glossary_state (name, value) VALUES (?, ?) "
                    "ON CONFLICT(name) DO UPDATE SET value = excluded.value",
                    (name, value),
                )
        return written

    def import_glossary_concepts(
        self, incoming: Iterable[Concept], actor: str, replace: bool = False
    ) -> list[ConceptMerge]:
        """Merge imported concepts into the stored ones with the same key (model.merge_concept),
        or replace them whole with `replace`; new keys are added. Stored concepts are read
        inside the write transaction, so a concurrent edit is never overwritten unseen."""
        now = utc_now()
        results: list[ConceptMerge] = []
        with self.transaction() as db:
            for concept in incoming:
                result = merge_concept(self.glossary_concept(concept.key), concept, replace)
                if result.outcome is not MergeOutcome.UNCHANGED:
                    self._put_concept(db, result.concept, actor, now)
                results.append(result)
        return results

    def seed_glossary(
        self, concepts: Iterable[Concept], actor: str, state_name: str, state_value: str
    ) -> bool:
        """Write `concepts` unless `state_name` is already recorded (checked inside the
        transaction, so two sessions opening a new project seed it once). True if written."""
        now = utc_now()
        with self.transaction() as db:
            if db.execute("SELECT 1 FROM glossary_state WHERE name = ?", (state_name,)).fetchone():
                return False
            for concept in concepts:
                self._put_concept(db, concept, actor, now)
            db.execute(
                "INSERT INTO glossary_state (name, value) VALUES (?, ?)", (state_name, state_value)
            )
        return True

    @staticmethod
    def _put_concept(db: sqlite3.Connection, concept: Concept, actor: str, now: str) -> None:
        db.execute(
            "INSERT INTO glossary_concepts (key, subject, note, updated_by, updated_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT(key) DO UPDATE SET subject = excluded.subject, "
            "note = excluded.note, updated_by = excluded.updated_by, "
            "updated_at = excluded.updated_at",
            (concept.key, concept.subject, concept.note, actor, now),
        )
        concept_id = db.execute(
            "SELECT id FROM glossary_concepts WHERE key = ?", (concept.key,)
        ).fetchone()[0]
        db.execute("DELETE FROM glossary_terms WHERE concept_id = ?", (concept_id,))
        seen: set[tuple[str, str]] = set()
        rows = []
        for position, term in enumerate(concept.terms):
            if (term.lang, term.text) in seen:
                continue
            seen.add((term.lang, term.text))
            rows.append(
                (
                    concept_id,
                    position,
                    term.lang,
                    term.text,
                    term.status.value,
                    term.pos,
                    term.note,
                    int(term.keep_as_is),
                    term.context,
                )
            )
        db.executemany(
            "INSERT INTO glossary_terms (concept_id, position, lang, text, status, pos, note, "
            "keep_as_is, context) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )

    def delete_glossary_concept(self, key: str) -> bool:
        with self.transaction() as db:
            cursor = db.execute("DELETE FROM glossary_concepts WHERE key = ?", (key,))
        return cursor.rowcount > 0

    def delete_glossary_terms(self, text: str) -> list[str]:
        """Remove every term written `text` (case-insensitively); concepts left without terms
        go too. Returns the keys of the concepts touched."""
        with self.transaction() as db:
            rows = db.execute(
                "SELECT t.id, c.key, c.id FROM glossary_terms t "
                "JOIN glossary_concepts c ON c.id = t.concept_id "
                "WHERE lower(t.text) = lower(?) OR t.text = ?",
                (text, text),
            ).fetchall()
            db.executemany("DELETE FROM glossary_terms WHERE id = ?", [(r[0],) for r in rows])
            db.execute(
                "DELETE FROM glossary_concepts WHERE id NOT IN "
                "(SELECT DISTINCT concept_id FROM glossary_terms)"
            )
        return sorted({row[1] for row in rows})

    def glossary_state(self, name: str) -> str | None:
        row = self._db.execute(
            "SELECT value FROM glossary_state WHERE name = ?", (name,)
        ).fetchone()
        return None if row is None else str(row[0])

    def glossary_revision(self) -> str:
        """Changes whenever the glossary changes (cheap: lets callers cache a compiled index)."""
        row = self._db.execute(
            "SELECT COUNT(*), COALESCE(MAX(updated_at), ''), "
            "(SELECT COUNT(*) FROM glossary_terms) FROM glossary_concepts"
        ).fetchone()
        return f"{row[0]}:{row[1]}:{row[2]}"
