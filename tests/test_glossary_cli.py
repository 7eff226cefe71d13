"""translator glossary list/add/remove/import/export, and the glossary services behind them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import RunCli, set_setting, write
from tests.test_glossary_tbx import BILLION_LAUGHS, V3
from translator import services
from translator.glossary.files import GlossaryFileError, write_atomically
from translator.glossary.model import TermStatus
from translator.glossary.patterns import ArticleStyle
from translator.glossary.tbx import read_tbx
from translator.project import Project
from translator.services import glossary as glossary_service
from translator.store import ProjectStore


def keys(store: ProjectStore) -> set[str]:
    return {c.key for c in glossary_service.project_glossary(store).concepts}


def test_project_starts_with_the_shipped_glossary(store: ProjectStore) -> None:
    assert {"onk", "fsin", "sizo"} <= keys(store)
    assert glossary_service.ensure_seeded(store) is False  # once only


def test_list_and_search_by_lemma(project: Project, run_cli: RunCli) -> None:
    result = run_cli("--project", project.root, "glossary", "list", "--search", "колониях")
    assert result.exit_code == 0
    assert "penal-colony:" in result.stdout
    assert "onk:" not in result.stdout
    everything = run_cli("--project", project.root, "glossary", "list")
    assert "onk: общественная наблюдательная комиссия" in everything.stdout
    assert "Public Monitoring Commission ✗" in everything.stdout


def test_add_then_remove(project: Project, run_cli: RunCli, store: ProjectStore) -> None:
    added = run_cli(
        "--project", project.root, "glossary", "add", "карцер", "punishment cell", "--note", "old"
    )
    assert added.exit_code == 0, added.stderr
    concept = glossary_service.project_index(project, store).concept("user:карцер")
    assert concept is not None and concept.rendering("en") is not None
    forbidden = run_cli(
        "--project", project.root, "glossary", "add", "карцер", "lock-up", "--status", "forbidden"
    )
    assert forbidden.exit_code == 0
    concept = glossary_service.project_index(project, store).concept("user:карцер")
    assert concept is not None
    assert [t.text for t in concept.forbidden("en")] == ["lock-up"]
    removed = run_cli("--project", project.root, "glossary", "remove", "user:карцер")
    assert removed.exit_code == 0
    assert "user:карцер" not in keys(store)
    missing = run_cli("--project", project.root, "glossary", "remove", "nothing-like-this")
    assert missing.exit_code == 1
    assert "no glossary concept or term 'nothing-like-this'" in missing.stderr


def test_import_and_export_round_trip(project: Project, run_cli: RunCli, tmp_path: Path) -> None:
    source = write(tmp_path / "mine.tbx", V3)
    imported = run_cli("--project", project.root, "glossary", "import", source)
    assert imported.exit_code == 0, imported.stderr
    # onk is merged: the file's new terms join the shipped ones, which all stay
    assert "0 new concept(s), 1 merged, 0 unchanged" in imported.stdout
    assert "added en 'Pravovaya Osnova' (admitted)" in imported.stdout
    exported = tmp_path / "out.tbx"
    assert run_cli("--project", project.root, "glossary", "export", exported).exit_code == 0
    onk = read_tbx(exported).find("onk")
    assert onk is not None
    assert [t.text for t in onk.terms_in("ru")] == ["общественная наблюдательная комиссия", "ОНК"]
    assert "Pravovaya Osnova" in [t.text for t in onk.accepted("en")]
    assert "Public Monitoring Commission" in [t.text for t in onk.forbidden("en")]
    csv_path = tmp_path / "out.csv"
    assert run_cli("--project", project.root, "glossary", "export", csv_path).exit_code == 0
    again = run_cli("--project", project.root, "glossary", "import", csv_path)
    assert again.exit_code == 0 and " 0 new concept(s), 0 merged" in again.stdout


def test_export_refuses_to_overwrite_without_force(
    project: Project, run_cli: RunCli, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    for name in ("kept.tbx", "kept.csv"):
        target = write(out / name, "someone's own file\n")
        refused = run_cli("--project", project.root, "glossary", "export", target)
        assert refused.exit_code == 1
        assert refused.stderr == (
            f"translator: error: {target}: already exists; pass --force to overwrite\n"
        )
        assert target.read_text(encoding="utf-8") == "someone's own file\n"
        forced = run_cli("--project", project.root, "glossary", "export", target, "--force")
        assert forced.exit_code == 0, forced.stderr
        assert "onk" in target.read_text(encoding="utf-8")
    assert sorted(p.name for p in out.iterdir()) == ["kept.csv", "kept.tbx"]  # no temp files


def test_no_clobber_write_loses_to_a_file_that_appeared(tmp_path: Path) -> None:
    target = write(tmp_path / "late.tbx", "arrived first")
    with pytest.raises(GlossaryFileError, match="already exists"):
        write_atomically(target, b"<tbx/>", overwrite=False)
    assert target.read_text(encoding="utf-8") == "arrived first"
    assert [p.name for p in tmp_path.iterdir()] == ["late.tbx"]
    fresh = tmp_path / "fresh.tbx"
    write_atomically(fresh, b"<tbx/>", overwrite=False)
    assert fresh.read_bytes() == b"<tbx/>"


def test_import_reads_legacy_csv_with_an_explicit_encoding(
    project: Project, run_cli: RunCli, store: ProjectStore, tmp_path: Path
) -> None:
    short = write(tmp_path / "short.csv", "карцер;lock-up\n", encoding="cp1251")
    unsure = run_cli("--project", project.root, "glossary", "import", short)
    assert unsure.exit_code == 1
    assert unsure.stderr.startswith(f"translator: error: {short}: cannot tell the encoding")
    named = run_cli("--project", project.root, "glossary", "import", short, "--encoding", "cp1251")
    assert named.exit_code == 0, named.stderr
    assert "1 new concept(s)" in named.stdout
    concept = glossary_service.project_index(project, store).concept("user:карцер")
    assert concept is not None and [t.text for t in concept.terms_in("en")] == ["lock-up"]


def test_bad_files_import_nothing(project: Project, run_cli: RunCli, tmp_path: Path) -> None:
    with services.open_project_store(project) as store:
        before = glossary_service.project_glossary(store)
    cases = {
        "laughs.tbx": BILLION_LAUGHS,
        "broken.tbx": V3.replace("</conceptEntry>", "</conceptEntr>"),
        "bad.csv": "ru,en,status\nкарцер,cell,\nСИЗО,SIZO,best\n",
        "unclosed.csv": 'ru,en,note\nкарцер,cell,"open\nСИЗО,SIZO,x\n',
        "no-en.csv": "ru,note\nкарцер,cell\n",
        "contradiction.csv": "ru,en,status\nпытка,torture,forbidden\nпытка,torture,preferred\n",
    }
    for name, text in cases.items():
        result = run_cli(
            "--project", project.root, "glossary", "import", write(tmp_path / name, text)
        )
        assert result.exit_code == 1
        assert result.stderr.startswith(f"translator: error: {tmp_path / name}: ")
        assert len(result.stderr.strip().splitlines()) == 1
    assert (
        run_cli("--project", project.root, "glossary", "import", tmp_path / "x.doc").exit_code == 1
    )
    with services.open_project_store(project) as store:
        assert glossary_service.project_glossary(store) == before


def test_preferred_spelling_feeds_the_forbidden_check(store: ProjectStore) -> None:
    concept = glossary_service.add_preferred_spelling(
        store, "Aleksei Sokolov", ["Alexei Sokolov", "Aleksey Sokolov"]
    )
    assert [(t.text, t.status) for t in concept.terms] == [
        ("Aleksei Sokolov", TermStatus.PREFERRED),
        ("Alexei Sokolov", TermStatus.FORBIDDEN),
        ("Aleksey Sokolov", TermStatus.FORBIDDEN),
    ]
    flipped = glossary_service.add_preferred_spelling(store, "Alexei Sokolov", ["Aleksei Sokolov"])
    assert flipped.key == concept.key
    assert [(t.text, t.status) for t in flipped.terms] == [
        ("Alexei Sokolov", TermStatus.PREFERRED),
        ("Aleksey Sokolov", TermStatus.FORBIDDEN),
        ("Aleksei Sokolov", TermStatus.FORBIDDEN),
    ]
    occurrences = glossary_service.terms_in_text(None, store, "Alexei Sokolov's letter", "en")
    assert [(o.source, o.concept) for o in occurrences] == [
        ("Alexei Sokolov's", "name:Aleksei Sokolov")
    ]


def test_terms_in_text_gives_required_renderings(project: Project, store: ProjectStore) -> None:
    found = glossary_service.terms_in_text(
        project, store, "Его отправили в ИК-2 по ст. 275 УК РФ.", "ru"
    )
    assert [(o.source, o.target) for o in found] == [
        ("ИК-2", "IK-2"),
        ("ст. 275 УК РФ", "Article 275 of the Criminal Code"),
    ]


def test_article_style_setting(project: Project, store: ProjectStore) -> None:
    assert glossary_service.article_style(project) is ArticleStyle.LONG
    project = set_setting(project.config_path, "glossary", "article_style", '"Art. 20.3(2) CAO"')
    assert glossary_service.article_style(project) is ArticleStyle.SHORT
    found = glossary_service.terms_in_text(project, store, "по ч. 2 ст. 20.3 КоАП РФ", "ru")
    assert [o.target for o in found] == ["Art. 20.3(2) CAO"]
