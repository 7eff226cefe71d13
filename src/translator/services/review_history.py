"""A paragraph's history as versions, diffs between them, post-edit effort, and merging
concurrent edits. Diffs come from diff-match-patch; screens only render the chunks."""

from __future__ import annotations

from dataclasses import dataclass

from diff_match_patch import diff_match_patch
from rapidfuzz.distance import Levenshtein

from translator.core.errors import ParagraphConflict, TranslatorError
from translator.core.models import Comment, HistoryEvent, Paragraph, ReviewStatus
from translator.diffs import DiffChunk, word_diff
from translator.store import ProjectStore
from translator.store.mt_queries import MtQueries


@dataclass(frozen=True, slots=True)
class Version:
    """The target as it stood after one write (number 1: before any recorded write)."""

    number: int
    text: str
    status: ReviewStatus | None
    actor: str | None
    created_at: str | None
    action: str
    note: str | None


@dataclass(frozen=True, slots=True)
class PostEditEffort:
    """How much a person changed the machine translation: characters edited, and that as a
    share of the MT length (0.0 = accepted as is)."""

    distance: int
    machine_length: int

    @property
    def ratio(self) -> float:
        return self.distance / max(self.machine_length, 1)


@dataclass(frozen=True, slots=True)
class ParagraphHistory:
    paragraph: Paragraph
    events: list[HistoryEvent]
    comments: list[Comment]
    versions: list[Version]
    machine_translation: str | None

    def version(self, number: int) -> Version:
        for version in self.versions:
            if version.number == number:
                return version
        raise TranslatorError(f"paragraph {self.paragraph.id} has no version {number}")

    def diff(self, old_number: int, new_number: int) -> list[DiffChunk]:
        return diff_texts(self.version(old_number).text, self.version(new_number).text)

    def machine_diff(self) -> list[DiffChunk] | None:
        """MT suggestion -> current target, or None when there is no MT."""
        if self.machine_translation is None:
            return None
        return diff_texts(self.machine_translation, self.paragraph.target_text)

    def post_edit_effort(self) -> PostEditEffort | None:
        if self.machine_translation is None:
            return None
        return PostEditEffort(
            edit_distance(self.machine_translation, self.paragraph.target_text),
            len(self.machine_translation),
        )


def diff_texts(old: str, new: str) -> list[DiffChunk]:
    """A word-level diff: editors read "court → city court", not scattered letters."""
    return list(word_diff(old, new))


def edit_distance(old: str, new: str) -> int:
    return int(Levenshtein.distance(old, new))


def machine_suggestion(store: ProjectStore, paragraph_id: int) -> str | None:
    """The MT suggestion for a paragraph (its sentences' machine translations, joined as the
    source spaces them); None until every sentence has one."""
    if not isinstance(store, MtQueries):
        raise TranslatorError("this project store does not keep machine translations")
    return store.machine_translation(paragraph_id)


def history_with_diffs(store: ProjectStore, paragraph_id: int) -> ParagraphHistory:
    """Every version of a paragraph with who and when, its comments and its MT suggestion."""
    paragraph = store.paragraph(paragraph_id)
    events = store.history(paragraph_id)
    if events:
        first = Version(
            1, events[0].old_target or "", events[0].old_status, None, None, "import", None
        )
    else:
        first = Version(1, paragraph.target_text, paragraph.status, None, None, "import", None)
    versions = [first]
    for number, event in enumerate(events, start=2):
        versions.append(
            Version(
                number,
                event.new_target or "",
                event.new_status,
                event.actor,
                event.created_at,
                event.action,
                event.note,
            )
        )
    return ParagraphHistory(
        paragraph=paragraph,
        events=events,
        comments=store.comments(paragraph_id),
        versions=versions,
        machine_translation=machine_suggestion(store, paragraph_id),
    )


@dataclass(frozen=True, slots=True)
class MergeResult:
    """`text` holds both sides' changes; `clean` is False when some of ours did not apply."""

    text: str
    clean: bool


def merge_texts(base: str, mine: str, theirs: str) -> MergeResult:
    """Three-way merge: apply my changes (base -> mine) as patches onto their text."""
    if mine == theirs or base == mine:
        return MergeResult(theirs, True)
    if base == theirs:
        return MergeResult(mine, True)
    dmp = diff_match_patch()
    patches = dmp.patch_make(base, mine)
    merged, applied = dmp.patch_apply(patches, theirs)
    return MergeResult(str(merged), all(applied))


@dataclass(frozen=True, slots=True)
class ConflictView:
    """What a conflict dialog shows: the stored (theirs) and attempted (mine) texts, their
    diff, and a merge proposal."""

    conflict: ParagraphConflict
    base: str
    diff: list[DiffChunk]
    merge: MergeResult

    @property
    def theirs(self) -> str:
        return self.conflict.stored_target

    @property
    def mine(self) -> str:
        return self.conflict.attempted_target


def describe_conflict(conflict: ParagraphConflict, base: str) -> ConflictView:
    """`base` is the text the user started editing from."""
    return ConflictView(
        conflict=conflict,
        base=base,
        diff=diff_texts(conflict.stored_target, conflict.attempted_target),
        merge=merge_texts(base, conflict.attempted_target, conflict.stored_target),
    )
