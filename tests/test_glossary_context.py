"""Context-dependent terms (Term.context): read from TBX and CSV, kept by the store, written
back out, and left unrequired by the term checks whatever file they came from."""

from __future__ import annotations

from pathlib import Path

import pytest

from translator.checks.base import CheckContext, CheckUnit
from translator.checks.term_consistency import TermInconsistentCheck
from translator.checks.terms import TermMissingCheck
from translator.glossary.csv_format import csv_bytes, parse_csv
from translator.glossary.loading import shipped_glossary
from translator.glossary.matcher import GlossaryIndex
from translator.glossary.model import Concept, Glossary, Term, merge_concept
from translator.glossary.tbx import parse_tbx, read_tbx, write_tbx
from translator.project import Project
from translator.services import glossary as glossary_service
from translator.store import ProjectStore
from translator.store.glossary_queries import GlossaryQueries

WHY = "A tunnel dug to escape, but also a plot against someone."

USER_V3 = f"""<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
  <text><body>
    <conceptEntry id="user-tunnel">
      <langSec xml:lang="ru">
        <termSec><term>подкоп</term>
          <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
          <descrip type="context">{WHY}</descrip></termSec>
      </langSec>
      <langSec xml:lang="en">
        <termSec><term>tunnel</term>
          <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>
      </langSec>
    </conceptEntry>
  </body></text>
</tbx>
"""
UNMARKED_V3 = USER_V3.replace(f'<descrip type="context">{WHY}</descrip>', "")

USER_V2 = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX" xml:lang="en">
  <text><body>
    <termEntry id="parcel">
      <langSet xml:lang="ru"><tig><term>посылка</term>
        <descripGrp><descrip type="context">postal parcel or a premise</descrip></descripGrp>
      </tig></langSet>
      <langSet xml:lang="en"><tig><term>postal parcel</term></tig>
        <ntig><termGrp><term>parcel</term></termGrp><descrip type="context"/></ntig>
      </langSet>
    </termEntry>
  </body></text>
</martif>
"""

SHIPPED_CONTEXT_TERMS = {
    ("ru", "прогулка"),
    ("ru", "посылка"),
    ("ru", "характеристика"),
    ("en", "prison"),
    ("en", "investigator"),
}


def _contexts(glossary: Glossary) -> dict[tuple[str, str], str]:
    return {(t.lang, t.text): t.context for c in glossary.concepts for t in c.terms if t.context}


def _unit(source: str, target: str, pid: int = 1) -> CheckUnit:
    return CheckUnit(pid, 1, "d", pid, "ru", "en", source, target, "edited")


def _import(project: Project, store: ProjectStore, text: str, name: str = "user.tbx") -> None:
    path = project.root / name
    path.write_text(text, encoding="utf-8")
    glossary_service.import_glossary(store, path, actor="tester")


def test_shipped_term_base_marks_exactly_its_five_polysemous_terms() -> None:
    assert set(_contexts(shipped_glossary())) == SHIPPED_CONTEXT_TERMS


def test_tbx_v3_reads_the_context_and_the_writer_round_trips_it(tmp_path: Path) -> None:
    glossary = parse_tbx(USER_V3.encode(), Path("user.tbx"))
    assert _contexts(glossary) == {("ru", "подкоп"): WHY}
    path = tmp_path / "again.tbx"
    write_tbx(glossary, path)
    assert b'<descrip type="context">' in path.read_bytes()
    assert read_tbx(path) == glossary


def test_tbx_v2_context_in_a_descrip_group_and_an_empty_mark() -> None:
    glossary = parse_tbx(USER_V2.encode(), Path("user.tbx"))
    assert _contexts(glossary) == {
        ("ru", "посылка"): "postal parcel or a premise",
        ("en", "parcel"): "context",  # an empty mark still marks the term
    }


def test_shipped_contexts_survive_a_tbx_export_and_the_project_store(
    store: ProjectStore, tmp_path: Path
) -> None:
    shipped = shipped_glossary()
    stored = glossary_service.project_glossary(store)
    assert _contexts(stored) == _contexts(shipped)
    path = tmp_path / "export.tbx"
    glossary_service.export_glossary(store, path, "tbx")
    assert _contexts(read_tbx(path)) == _contexts(shipped)


def test_store_reads_back_the_context_of_a_single_concept(store: ProjectStore) -> None:
    assert isinstance(store, GlossaryQueries)
    concept = Concept("c", (Term("подкоп", "ru", context=WHY), Term("tunnel", "en")))
    store.put_glossary_concepts([concept], "tester")
    assert store.glossary_concept("c") == concept
    assert store.glossary().find("c") == concept


def test_merge_keeps_a_stored_context_and_takes_a_new_one() -> None:
    marked = Concept("c", (Term("подкоп", "ru", context=WHY), Term("tunnel", "en")))
    plain = Concept("c", (Term("подкоп", "ru"), Term("tunnel", "en")))
    assert merge_concept(marked, plain).concept.terms[0].context == WHY
    assert merge_concept(plain, marked).concept.terms[0].context == WHY
    # a stored preferred term demoted by a new house rendering keeps its mark
    demoted = merge_concept(marked, Concept("c", (Term("лаз", "ru"),))).concept
    assert demoted.terms[0].context == WHY


def test_csv_context_column_marks_the_russian_term_unless_a_language_is_named() -> None:
    text = (
        "ru,en,context,en_context\n"
        f'подкоп,tunnel,"{WHY}",\n'
        "тюрьма,prison,,any place of detention\n"
        "тюрьма,jail,,\n"
    )
    glossary = parse_csv(text.encode(), Path("g.csv"))
    assert _contexts(glossary) == {
        ("ru", "подкоп"): WHY,
        ("en", "prison"): "any place of detention",
    }
    assert parse_csv(csv_bytes(glossary), Path("g.csv")) == glossary


def test_csv_context_on_a_later_row_of_the_same_term_still_marks_it() -> None:
    text = "ru,en,ru_context\nпосылка,postal parcel,\nпосылка,parcel,a premise too\n"
    assert _contexts(parse_csv(text.encode(), Path("g.csv"))) == {
        ("ru", "посылка"): "a premise too"
    }


@pytest.mark.parametrize(("document", "required"), [(USER_V3, []), (UNMARKED_V3, ["tunnel"])])
def test_term_missing_leaves_a_user_context_term_unrequired(
    project: Project, store: ProjectStore, document: str, required: list[str]
) -> None:
    _import(project, store, document)
    check = TermMissingCheck.from_context(CheckContext(project, store))
    findings = check.check(_unit("Охрана нашла подкоп под забором.", "The guards found a hole."))
    assert [str(f.data["required"]) for f in findings] == required


@pytest.mark.parametrize(("document", "flagged"), [(USER_V3, False), (UNMARKED_V3, True)])
def test_term_inconsistent_skips_a_user_context_term(document: str, flagged: bool) -> None:
    check = TermInconsistentCheck(GlossaryIndex(parse_tbx(document.encode(), Path("u.tbx"))))
    units = [
        _unit("Охрана нашла подкоп.", "The guards found a tunnel.", pid=1),
        _unit("Охрана нашла второй подкоп.", "The guards found a second tunnel.", pid=2),
        _unit("Против него готовили подкоп.", "A plot was prepared against him.", pid=3),
    ]
    assert bool(list(check.check_project(units))) is flagged
