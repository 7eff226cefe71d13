"""TBX v3 and v2 readers, the v3 writer, and the XML safety rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from translator.glossary.csv_format import parse_csv
from translator.glossary.files import GlossaryFileError
from translator.glossary.loading import shipped_glossary
from translator.glossary.model import Glossary, TermStatus
from translator.glossary.tbx import parse_tbx, read_tbx, tbx_bytes, write_tbx

V3 = """<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
  <tbxHeader><fileDesc><sourceDesc><p>test</p></sourceDesc></fileDesc></tbxHeader>
  <text><body>
    <conceptEntry id="onk">
      <descrip type="subjectField">organisation</descrip>
      <note>Oversight commission.</note>
      <langSec xml:lang="ru">
        <termSec><term>ОНК</term>
          <termNote type="partOfSpeech">noun</termNote>
          <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>
      </langSec>
      <langSec xml:lang="en">
        <termSec><term>ONK</term>
          <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>
        <termSec><term>Public Monitoring Commission</term>
          <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec>
        <termSec><term>Pravovaya Osnova</term>
          <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote>
          <termNote type="termType">transliteratedForm</termNote></termSec>
      </langSec>
    </conceptEntry>
  </body></text>
</tbx>
"""

V2 = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">
<martif type="TBX" xml:lang="en">
  <text><body>
    <termEntry id="sizo">
      <langSet xml:lang="ru-RU">
        <tig><term>следственный изолятор</term>
          <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
      </langSet>
      <langSet xml:lang="en">
        <ntig><termGrp><term>pre-trial detention centre</term>
          <termNote type="partOfSpeech">noun</termNote></termGrp>
          <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></ntig>
        <tig><term>investigative isolator</term>
          <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig>
      </langSet>
      <langSet xml:lang="de"><tig><term>Untersuchungshaftanstalt</term></tig></langSet>
    </termEntry>
  </body></text>
</martif>
"""

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<tbx><text><body><conceptEntry id="x"><langSec xml:lang="en">
<termSec><term>&lol3;</term></termSec></langSec></conceptEntry></body></text></tbx>
"""

EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE tbx [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<tbx><text><body><conceptEntry id="x"><langSec xml:lang="en">
<termSec><term>&secret;</term></termSec></langSec></conceptEntry></body></text></tbx>
"""


def parse(text: str) -> object:
    return parse_tbx(text.encode("utf-8"), Path("t.tbx"))


def test_v3_concept_terms_statuses_and_keep_as_is() -> None:
    glossary = parse_tbx(V3.encode(), Path("t.tbx"))
    concept = glossary.concepts[0]
    assert (concept.key, concept.subject, concept.note) == (
        "onk",
        "organisation",
        "Oversight commission.",
    )
    assert [(t.lang, t.text, t.status) for t in concept.terms] == [
        ("ru", "ОНК", TermStatus.PREFERRED),
        ("en", "ONK", TermStatus.PREFERRED),
        ("en", "Public Monitoring Commission", TermStatus.FORBIDDEN),
        ("en", "Pravovaya Osnova", TermStatus.ADMITTED),
    ]
    assert concept.terms[0].pos == "noun"
    assert [t.keep_as_is for t in concept.terms] == [False, False, False, True]


def test_v2_martif_with_doctype_tig_ntig_and_region_codes() -> None:
    glossary = parse_tbx(V2.encode(), Path("t.tbx"))
    concept = glossary.concepts[0]
    assert concept.key == "sizo"
    assert [(t.lang, t.text, t.status) for t in concept.terms] == [
        ("ru", "следственный изолятор", TermStatus.PREFERRED),
        ("en", "pre-trial detention centre", TermStatus.PREFERRED),
        ("en", "investigative isolator", TermStatus.FORBIDDEN),
    ]
    assert concept.terms[1].pos == "noun"


@pytest.mark.parametrize(("document", "line"), [(BILLION_LAUGHS, 3), (EXTERNAL_ENTITY, 2)])
def test_entity_declarations_are_refused_with_their_line(document: str, line: int) -> None:
    with pytest.raises(GlossaryFileError) as caught:
        parse(document)
    assert caught.value.line == line
    assert "entity" in str(caught.value)
    assert "root:" not in str(caught.value)


def test_malformed_xml_names_file_and_line() -> None:
    broken = V3.replace("</termSec>\n      </langSec>", "</termSec>\n      </langSecc>", 1)
    with pytest.raises(GlossaryFileError) as caught:
        parse(broken)
    assert str(caught.value).startswith("t.tbx: line ")
    bad_line = next(n for n, line in enumerate(broken.splitlines(), 1) if "langSecc" in line)
    assert caught.value.line == bad_line


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ("<root/>", "not a TBX file"),
        (V3.replace("<term>ОНК</term>", "<term> </term>"), "empty <term>"),
        (V3.replace("preferredTerm-admn-sts", "bestTerm", 1), "unknown term status"),
        (
            V3.replace("</body>", V3[V3.index("<conceptEntry") : V3.index("</body>")] + "</body>"),
            "repeats",
        ),
    ],
)
def test_invalid_content_is_refused(document: str, message: str) -> None:
    with pytest.raises(GlossaryFileError, match=message):
        parse(document)


def test_writer_round_trips_through_the_reader(tmp_path: Path) -> None:
    glossary = parse_tbx(V3.encode(), Path("t.tbx"))
    path = tmp_path / "out.tbx"
    write_tbx(glossary, path)
    assert read_tbx(path) == glossary
    assert b'xmlns="urn:iso:std:iso:30042:ed-2"' in path.read_bytes()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_line_breaks_in_notes_survive_a_round_trip_and_wrapping_does_not_count() -> None:
    concept = parse_csv(
        'ru,en,note\nкарцер,cell,"line one\nline  two"\n'.encode(), Path("g.csv")
    ).concepts[0]
    assert concept.note == "line one\nline  two"
    again = parse_tbx(tbx_bytes(Glossary.of([concept])), Path("again.tbx")).concepts[0]
    assert again.note == "line one\nline two"  # spaces within a line are normalised as before
    wrapped = V3.replace("Oversight commission.", "Oversight\n          commission.")
    assert parse_tbx(wrapped.encode(), Path("t.tbx")).concepts[0].note == "Oversight commission."


def test_shipped_term_base_is_complete_and_round_trips() -> None:
    glossary = shipped_glossary()
    assert len(glossary) >= 60
    keys = {concept.key for concept in glossary.concepts}
    assert {"onk", "fsin", "sizo", "shizo", "pkt", "udo", "foreign-agent"} <= keys
    assert parse_tbx(tbx_bytes(glossary), Path("again.tbx")) == glossary
