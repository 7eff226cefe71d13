"""The readable `translator check` report names documents and paragraph positions."""

from __future__ import annotations

import pytest

from tests.checks_support import add_document
from tests.conftest import RunCli
from translator.project import Project
from translator.services import checks
from translator.store import ProjectStore

PAIRS = [
    ("Алексей Соколов подал жалобу.", "Aleksei Sokolov filed a complaint."),
    ("Суд отказал.", "The court refused."),
    ("Алексей Соколов обжаловал решение.", "Aleksei Sokolov appealed."),
    ("Алексея Соколова этапировали.", "Aleksei Sokollov was transferred."),
]


def test_paragraph_labels_group_positions_by_document(
    project: Project, store: ProjectStore
) -> None:
    first = add_document(project, store, "first.txt", PAIRS[:2])
    second = add_document(project, store, "second.txt", PAIRS[2:])
    labels = checks.paragraph_labels(store, [first[1].id, second[1].id, first[0].id])
    assert labels == ["first.txt ¶2, ¶1", "second.txt ¶2"]


def test_report_lists_where_each_spelling_is_rarest_first(
    project: Project, store: ProjectStore, run_cli: RunCli
) -> None:
    add_document(project, store, "case.txt", PAIRS)
    store.close()
    result = run_cli("--project", project.root, "check", "--kind", "name-variant")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    typo = next(i for i, line in enumerate(lines) if line.strip().startswith("Sokollov:"))
    assert lines[typo].strip() == "Sokollov: case.txt ¶4"
    assert lines[typo + 1].strip() == "Sokolov: case.txt ¶1, ¶3"


def test_consecutive_positions_are_one_range(project: Project, store: ProjectStore) -> None:
    pairs = [(f"Абзац {n}.", "") for n in range(1, 8)]
    paragraphs = add_document(project, store, "long.txt", pairs)
    ids = [paragraphs[i].id for i in (0, 1, 2, 4, 5, 6, 3)]
    assert checks.paragraph_labels(store, ids) == ["long.txt ¶1–¶3, ¶5–¶7, ¶4"]
    assert checks.paragraph_labels(store, ids[:2]) == ["long.txt ¶1, ¶2"]


@pytest.mark.parametrize("empty", [4, 5])
def test_the_same_finding_in_many_paragraphs_is_one_line(
    project: Project, store: ProjectStore, run_cli: RunCli, empty: int
) -> None:
    """Five or more paragraphs with "no translation yet" are listed on one line; fewer
    each get their own."""
    pairs = [(f"Абзац {n}.", "" if n <= empty else f"Paragraph {n}.") for n in range(1, 8)]
    add_document(project, store, "draft.txt", pairs)
    store.close()
    result = run_cli("--project", project.root, "check", "--kind", "untranslated")
    assert result.exit_code == 0, result.stderr
    lines = [line.strip() for line in result.stdout.splitlines()[1:-1]]
    if empty < 5:
        assert lines == [
            f"error   #{n} draft.txt ¶{n}: no translation yet" for n in range(1, empty + 1)
        ]
    else:
        assert lines == ["error   #1 and 4 like it, draft.txt ¶1–¶5: no translation yet"]


def test_a_suggested_spelling_no_paragraph_uses_is_said_so(
    project: Project, store: ProjectStore, run_cli: RunCli
) -> None:
    add_document(
        project, store, "typo.txt", [("Алексей Соколов пришёл.", "Aleksei Sokollov came.")]
    )
    store.close()
    result = run_cli("--project", project.root, "check", "--kind", "name-variant")
    assert result.exit_code == 0, result.stderr
    assert (
        "      Sokolov: in no paragraph yet (the suggested spelling)" in result.stdout.splitlines()
    )


def test_an_unknown_transliteration_scheme_is_a_one_line_error(
    project: Project, store: ProjectStore, run_cli: RunCli
) -> None:
    from tests.conftest import set_setting

    store.close()
    set_setting(project.config_path, "house_style", "transliteration", '"nonsense"')
    result = run_cli("--project", project.root, "check")
    assert result.exit_code != 0
    [line] = result.stderr.strip().splitlines()
    assert str(project.config_path) in line and "'nonsense'" in line and "wikipedia" in line


@pytest.mark.parametrize("scan_above", [10_000, 0], ids=["in-lists", "one-scan"])
def test_json_says_where_each_paragraph_is(
    project: Project,
    store: ProjectStore,
    run_cli: RunCli,
    scan_above: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import json

    from translator.store import check_queries

    monkeypatch.setattr(check_queries, "SCAN_PLACES_ABOVE", scan_above)

    add_document(project, store, "first.txt", PAIRS[:2])
    add_document(project, store, "second.txt", PAIRS[2:])
    store.close()
    result = run_cli("--project", project.root, "check", "--kind", "name-variant", "--json")
    [finding] = json.loads(result.stdout)
    assert finding["locations"] == {"first.txt": [1], "second.txt": [1, 2]}
    assert len(finding["paragraphs"]) == 3


def test_dismiss_and_restore_from_the_command_line(
    project: Project, store: ProjectStore, run_cli: RunCli
) -> None:
    from tests.conftest import set_setting

    add_document(project, store, "case.txt", PAIRS)
    store.close()
    run_cli("--project", project.root, "check")
    [name] = checks_json(run_cli, project, "name-variant")
    set_setting(project.config_path, "roles", "editors", '["editor1"]')
    set_setting(project.config_path, "roles", "translators", '["tr1"]')
    refused = run_cli("--project", project.root, "--as", "tr1", "dismiss", str(name["id"]))
    assert refused.exit_code != 0 and "only editors and publishers" in refused.stderr
    unknown = run_cli(
        "--project", project.root, "--as", "editor1", "dismiss", str(name["id"]), "999"
    )
    assert unknown.exit_code != 0 and "no finding with id 999" in unknown.stderr
    assert checks_json(run_cli, project, "name-variant") == [name]  # nothing dismissed
    done = run_cli("--project", project.root, "--as", "editor1", "dismiss", str(name["id"]))
    assert done.exit_code == 0 and f"dismissed #{name['id']} (name-variant)" in done.stdout
    assert checks_json(run_cli, project, "name-variant") == []
    run_cli("--project", project.root, "--as", "editor1", "restore", str(name["id"]))
    assert checks_json(run_cli, project, "name-variant") == [name]


def checks_json(run_cli: RunCli, project: Project, kind: str) -> list[dict[str, object]]:
    import json

    result = run_cli("--project", project.root, "check", "--kind", kind, "--json")
    assert result.exit_code == 0, result.stderr
    return list(json.loads(result.stdout))
