"""SQL for machine-translation cache and MT results (issue 3).

A pre-translation run commits batch by batch: each batch's new cache rows and the
paragraphs it completes go in one transaction, so a killed run loses at most one batch.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from translator.core.models import ReviewStatus
from translator.mt.assemble import join_sentences
from translator.store.queries import SqliteQueries, chunks
from translator.store.rows import utc_now


@dataclass(frozen=True, slots=True)
class MtSentence:
    id: int
    position: int
    source_text: str


@dataclass(frozen=True, slots=True)
class MtParagraph:
    """A paragraph that needs machine translation, with what the optimistic check needs."""

    id: int
    document_id: int
    version: int
    status: ReviewStatus
    source_lang: str
    target_lang: str
    source_text: str
    target_text: str
    sentences: tuple[MtSentence, ...]


@dataclass(frozen=True, slots=True)
class SentenceMt:
    sentence_id: int
    translation: str
    problems: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ParagraphMt:
    """A finished paragraph: written only if its version is still `expected_version`."""

    paragraph_id: int
    expected_version: int
    target_text: str
    sentences: tuple[SentenceMt, ...]


@dataclass(frozen=True, slots=True)
class AppliedBatch:
    written: int  # paragraphs whose target was written
    skipped: int  # paragraphs changed by someone meanwhile (left as they are)


class MtQueries(SqliteQueries):
    """Queries for machine-translation cache and MT results; mixed into SqliteStore."""

    # -- cache ------------------------------------------------------------------------
    def mt_cache_get(self, model_id: str, source_keys: Iterable[str]) -> dict[str, str]:
        """The cached raw translations among `source_keys` (missing keys are absent)."""
        keys = list(dict.fromkeys(source_keys))
        found: dict[str, str] = {}
        for chunk in chunks(keys):
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                f"SELECT source_key, translation FROM mt_cache "
                f"WHERE model_id = ? AND source_key IN ({marks})",
                (model_id, *chunk),
            )
            found.update(rows)
        return found

    def mt_cache_count(self, model_id: str | None = None) -> int:
        if model_id is None:
            row = self._db.execute("SELECT COUNT(*) FROM mt_cache").fetchone()
        else:
            row = self._db.execute(
                "SELECT COUNT(*) FROM mt_cache WHERE model_id = ?", (model_id,)
            ).fetchone()
        return int(row[0])

    # -- work list ----------------------------------------------------------------------
    def paragraphs_for_mt(
        self, document_id: int | None = None, retranslate: bool = False
    ) -> list[MtParagraph]:
        """Paragraphs with status `new` (and `machine` when re-translating), in order."""
        statuses = [ReviewStatus.NEW.value]
        if retranslate:
            statuses.append(ReviewStatus.MACHINE.value)
        marks = ",".join("?" * len(statuses))
        where = f"p.status IN ({marks}) AND p.archived_at IS NULL"
        params: list[object] = list(statuses)
        if document_id is not None:
            where += " AND p.document_id = ?"
            params.append(document_id)
        rows = self._db.execute(
            "SELECT p.id, p.document_id, p.version, p.status, d.source_lang, d.target_lang, "
            "p.source_text, p.target_text FROM paragraphs p "
            f"JOIN documents d ON d.id = p.document_id WHERE {where} "
            "ORDER BY p.document_id, p.position",
            params,
        ).fetchall()
        sentences: dict[int, list[MtSentence]] = {}
        sentence_rows = self._db.execute(
            "SELECT s.paragraph_id, s.id, s.position, s.source_text FROM sentences s "
            f"JOIN paragraphs p ON p.id = s.paragraph_id WHERE {where} "
            "ORDER BY s.paragraph_id, s.position",
            params,
        )
        for paragraph_id, sentence_id, position, text in sentence_rows:
            sentences.setdefault(paragraph_id, []).append(MtSentence(sentence_id, position, text))
        return [
            MtParagraph(
                id=row[0],
                document_id=row[1],
                version=row[2],
                status=ReviewStatus(row[3]),
                source_lang=row[4],
                target_lang=row[5],
                source_text=row[6],
                target_text=row[7],
                sentences=tuple(sentences.get(row[0], ())),
            )
            for row in rows
        ]

    # -- writing results ------------------------------------------------------------------
    def apply_mt_batch(
        self,
        model_id: str,
        cache_entries: Mapping[str, str],
        paragraphs: Sequence[ParagraphMt],
        actor: str,
    ) -> AppliedBatch:
        """Store new cache rows and finished paragraphs in one transaction.

        A paragraph is written only while its version is unchanged and it is still `new` or
        `machine`: a person's edit made during the run is never overwritten.
        """
        now = utc_now()
        written = skipped = 0
        with self.transaction() as db:
            db.executemany(
                "INSERT OR REPLACE INTO mt_cache (model_id, source_key, translation, created_at) "
                "VALUES (?, ?, ?, ?)",
                [(model_id, key, text, now) for key, text in cache_entries.items()],
            )
            for result in paragraphs:
                row = db.execute(
                    "SELECT status, target_text FROM paragraphs WHERE id = ? AND version = ? "
                    "AND status IN ('new', 'machine') AND archived_at IS NULL",
                    (result.paragraph_id, result.expected_version),
                ).fetchone()
                if row is None:
                    skipped += 1
                    continue
                old_status, old_target = row
                db.execute(
                    "UPDATE paragraphs SET target_text = ?, status = 'machine', "
                    "version = version + 1, updated_by = ?, updated_at = ? WHERE id = ?",
                    (result.target_text, actor, now, result.paragraph_id),
                )
                db.executemany(
                    "UPDATE sentences SET machine_translation = ?, mt_model = ?, "
                    "mt_problems = ? WHERE id = ? AND paragraph_id = ?",
                    [
                        (
                            sentence.translation,
                            model_id,
                            json.dumps(list(sentence.problems), ensure_ascii=False)
                            if sentence.problems
                            else None,
                            sentence.sentence_id,
                            result.paragraph_id,
                        )
                        for sentence in result.sentences
                    ],
                )
                db.execute(
                    "INSERT INTO history (paragraph_id, actor, action, old_status, new_status, "
                    "old_target, new_target, note, created_at) "
                    "VALUES (?, ?, 'machine-translate', ?, 'machine', ?, ?, ?, ?)",
                    (
                        result.paragraph_id,
                        actor,
                        old_status,
                        old_target,
                        result.target_text,
                        f"model {model_id}",
                        now,
                    ),
                )
                written += 1
        return AppliedBatch(written=written, skipped=skipped)

    # -- reading results ------------------------------------------------------------------
    def machine_translation(self, paragraph_id: int) -> str | None:
        """The paragraph's MT suggestion (sentence translations in order), None if incomplete."""
        rows = self._db.execute(
            "SELECT source_text, machine_translation FROM sentences WHERE paragraph_id = ? "
            "ORDER BY position",
            (paragraph_id,),
        ).fetchall()
        if not rows or any(row[1] is None for row in rows):
            return None
        source = self._db.execute(
            "SELECT source_text FROM paragraphs WHERE id = ?", (paragraph_id,)
        ).fetchone()[0]
        return join_sentences(source, [row[0] for row in rows], [row[1] for row in rows])

    def mt_problems(self, paragraph_id: int) -> list[tuple[int, tuple[str, ...]]]:
        """(sentence position, problems) for each sentence whose MT the term guard flagged."""
        rows = self._db.execute(
            "SELECT position, mt_problems FROM sentences WHERE paragraph_id = ? "
            "AND mt_problems IS NOT NULL ORDER BY position",
            (paragraph_id,),
        )
        return [(position, tuple(json.loads(problems))) for position, problems in rows]

    def paragraphs_with_mt_problems(self, document_id: int | None = None) -> dict[int, list[str]]:
        """Paragraph id -> the term-guard problems of its MT, for the glossary's checks."""
        query = (
            "SELECT s.paragraph_id, s.mt_problems FROM sentences s "
            "JOIN paragraphs p ON p.id = s.paragraph_id WHERE s.mt_problems IS NOT NULL"
        )
        params: tuple[object, ...] = ()
        if document_id is not None:
            query += " AND p.document_id = ?"
            params = (document_id,)
        result: dict[int, list[str]] = {}
        for paragraph_id, problems in self._db.execute(query + " ORDER BY s.id", params):
            result.setdefault(paragraph_id, []).extend(json.loads(problems))
        return result

    def mt_model_of(self, paragraph_id: int) -> set[str]:
        """Model ids that produced the paragraph's stored sentence MT."""
        rows = self._db.execute(
            "SELECT DISTINCT mt_model FROM sentences WHERE paragraph_id = ? "
            "AND mt_model IS NOT NULL",
            (paragraph_id,),
        )
        return {row[0] for row in rows}
