"""Importing into a project glossary merges, never silently drops: id-less TBX entries get
content-derived keys, known ids merge term by term, `--replace` is explicit."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import RunCli, write
from translator.glossary.files import GlossaryFileError
from translator.glossary.model import (
    Concept,
    MergeOutcome,
    StatusChange,
    Term,
    TermStatus,
    content_key,
    merge_concept,
)
from translator.glossary.tbx import parse_tbx
from translator.project import Project
from translator.services import glossary as glossary_service
from translator.store import ProjectStore

HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<tbx xmlns="urn:iso:std:iso:30042:ed-2"><text><body>'
)
TAIL = "</body></text></tbx>\n"


def entry(ru: str, en: str, en_status: str = "preferred", concept_id: str | None = None) -> str:
    id_attribute = f' id="{concept_id}"' if concept_id else ""
    return (
        f"<conceptEntry{id_attribute}>"
        f'<langSec xml:lang="ru"><termSec><term>{ru}</term></termSec></langSec>'
        f'<langSec xml:lang="en"><termSec><term>{en}</term>'
        f'<termNote type="administrativeStatus">{en_status}</termNote></termSec></langSec>'
        "</conceptEntry>"
    )


def tbx(*entries: str) -> str:
    return HEAD + "\n".join(entries) + TAIL


def terms_of(store: ProjectStore, key: str) -> list[tuple[str, str, TermStatus]]:
    concept = glossary_service.project_index(None, store).concept(key)
    assert concept is not None, key
    return [(t.lang, t.text, t.status) for t in concept.terms]


# -- keys of entries without an id ------------------------------------------------------------
def test_entries_without_id_get_keys_from_their_terms_not_their_position() -> None:
    first = parse_tbx(tbx(entry("карцер", "punishment cell")).encode(), Path("a.tbx"))
    both = parse_tbx(
        tbx(entry("этап", "prisoner transport"), entry("карцер", "punishment cell")).encode(),
        Path("b.tbx"),
    )
    [cell] = first.concepts
    assert cell.key.startswith("tbx:")
    assert both.concepts[1].key == cell.key  # same entry, another file, another position
    assert both.concepts[0].key != cell.key
    assert cell.key == content_key([Term("КАРЦЕР ", "ru"), Term("punishment  cell", "en")])


def test_two_entries_without_id_saying_the_same_are_refused_with_the_line() -> None:
    text = tbx(entry("карцер", "punishment cell"), entry("карцер", "punishment cell"))
    with pytest.raises(GlossaryFileError, match="same preferred terms as the one on line 2") as e:
        parse_tbx(text.encode(), Path("dup.tbx"))
    assert e.value.line == 3


def test_importing_two_idless_files_keeps_both(
    project: Project, run_cli: RunCli, store: ProjectStore, tmp_path: Path
) -> None:
    one = write(tmp_path / "noid1.tbx", tbx(entry("карантинное отделение", "quarantine unit")))
    two = write(tmp_path / "noid2.tbx", tbx(entry("ларёк", "prison commissary")))
    first = run_cli("--project", project.root, "glossary", "import", one)
    second = run_cli("--project", project.root, "glossary", "import", two)
    assert first.exit_code == second.exit_code == 0, second.stderr
    assert "1 new concept(s), 0 merged, 0 unchanged" in first.stdout
    assert "1 new concept(s), 0 merged, 0 unchanged" in second.stdout
    texts = {t.text for c in glossary_service.project_glossary(store).concepts for t in c.terms}
    assert {"quarantine unit", "prison commissary"} <= texts  # not in the shipped base


# -- merging into a known id ------------------------------------------------------------------
def test_a_known_id_merges_and_keeps_the_shipped_forbidden_term_and_note(
    project: Project, run_cli: RunCli, store: ProjectStore, tmp_path: Path
) -> None:
    before = glossary_service.project_index(None, store).concept("house-arrest")
    assert before is not None and before.note
    user_v2 = (
        '<?xml version="1.0"?><martif type="TBX"><text><body><termEntry id="house-arrest">'
        '<langSet xml:lang="ru"><tig><term>домашний арест</term></tig></langSet>'
        '<langSet xml:lang="en"><tig><term>house arrest</term></tig>'
        "<tig><term>home detention</term>"
        '<termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></tig>'
        "</langSet></termEntry></body></text></martif>"
    )
    result = run_cli(
        "--project", project.root, "glossary", "import", write(tmp_path / "v2.tbx", user_v2)
    )
    assert result.exit_code == 0, result.stderr
    assert "0 new concept(s), 1 merged, 0 unchanged" in result.stdout
    assert "merged house-arrest: added en 'home detention' (admitted)" in result.stdout
    after = glossary_service.project_index(None, store).concept("house-arrest")
    assert after is not None and after.note == before.note
    assert terms_of(store, "house-arrest") == [
        ("ru", "домашний арест", TermStatus.PREFERRED),
        ("en", "house arrest", TermStatus.PREFERRED),
        ("en", "home arrest", TermStatus.FORBIDDEN),
        ("en", "home detention", TermStatus.ADMITTED),
    ]


def test_statuses_are_updated_and_named(
    store: ProjectStore, project: Project, tmp_path: Path
) -> None:
    path = write(
        tmp_path / "s.tbx",
        tbx(entry("домашний арест", "home arrest", "admitted", concept_id="house-arrest")),
    )
    result = glossary_service.import_glossary(store, path, "tester")
    [merged] = result.having(MergeOutcome.MERGED)
    assert merged.changed == (
        StatusChange("en", "home arrest", TermStatus.FORBIDDEN, TermStatus.ADMITTED),
    )
    assert ("en", "home arrest", TermStatus.ADMITTED) in terms_of(store, "house-arrest")


def test_reimporting_the_same_file_changes_nothing(store: ProjectStore, tmp_path: Path) -> None:
    path = write(tmp_path / "a.tbx", tbx(entry("карцер", "punishment cell")))
    assert glossary_service.import_glossary(store, path, "tester").added == 1
    revision = store.glossary_revision()  # type: ignore[attr-defined]
    again = glossary_service.import_glossary(store, path, "tester")
    assert (again.added, again.merged, again.unchanged) == (0, 0, 1)
    assert store.glossary_revision() == revision  # type: ignore[attr-defined]


def test_replace_swaps_the_whole_concept_only_when_asked(
    project: Project, run_cli: RunCli, store: ProjectStore, tmp_path: Path
) -> None:
    path = write(
        tmp_path / "r.tbx",
        tbx(entry("домашний арест", "house arrest", concept_id="house-arrest")),
    )
    result = run_cli("--project", project.root, "glossary", "import", path, "--replace")
    assert result.exit_code == 0, result.stderr
    assert "1 replaced" in result.stdout
    assert "replaced house-arrest: домашний арест = house arrest" in result.stdout
    assert terms_of(store, "house-arrest") == [
        ("ru", "домашний арест", TermStatus.PREFERRED),
        ("en", "house arrest", TermStatus.PREFERRED),
    ]


# -- the merge rule itself --------------------------------------------------------------------
STORED = Concept(
    "c",
    (
        Term("карцер", "ru"),
        Term("punishment cell", "en", pos="noun"),
        Term("lock-up", "en", TermStatus.FORBIDDEN),
    ),
    "detention",
    "stored note",
)


def test_merge_with_a_new_preferred_term_makes_the_old_one_admitted() -> None:
    incoming = Concept("c", (Term("карцер", "ru"), Term("isolation cell", "en")), "", "new")
    result = merge_concept(STORED, incoming)
    assert result.outcome is MergeOutcome.MERGED
    assert [(t.text, t.status) for t in result.concept.terms_in("en")] == [
        ("punishment cell", TermStatus.ADMITTED),
        ("lock-up", TermStatus.FORBIDDEN),
        ("isolation cell", TermStatus.PREFERRED),
    ]
    assert result.concept.rendering("en") == Term("isolation cell", "en")
    assert result.changed == (
        StatusChange("en", "punishment cell", TermStatus.PREFERRED, TermStatus.ADMITTED),
    )
    assert (result.concept.note, result.concept.subject) == ("stored note", "detention")


def test_merge_keeps_stored_details_and_fills_missing_ones() -> None:
    incoming = Concept("c", (Term("punishment cell", "en", pos="verb", note="n"),))
    result = merge_concept(STORED, incoming)
    [cell] = [t for t in result.concept.terms if t.text == "punishment cell"]
    assert (cell.pos, cell.note) == ("noun", "n")
    assert result.concept.terms_in("ru") == [Term("карцер", "ru")]
    assert result.outcome is MergeOutcome.MERGED and not result.added and not result.changed


def test_merge_outcomes() -> None:
    assert merge_concept(None, STORED).outcome is MergeOutcome.NEW
    assert merge_concept(STORED, STORED).outcome is MergeOutcome.UNCHANGED
    assert merge_concept(STORED, STORED, replace=True).outcome is MergeOutcome.UNCHANGED
    smaller = Concept("c", STORED.terms[:2])
    replaced = merge_concept(STORED, smaller, replace=True)
    assert (replaced.outcome, replaced.concept) == (MergeOutcome.REPLACED, smaller)
    assert merge_concept(STORED, smaller).concept == STORED
