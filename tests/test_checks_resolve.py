"""translator resolve: name variants rewritten to one spelling, and the `check` CLI."""

from __future__ import annotations

import json

import pytest

from tests.checks_support import add_document, set_target
from tests.conftest import RunCli
from translator.checks.resolution import change_is_name_only, plan_replacements
from translator.core.errors import ParagraphConflict, TranslatorError
from translator.core.models import ReviewStatus
from translator.project import Project
from translator.services import checks
from translator.store import ProjectStore

APPROVED = ReviewStatus.APPROVED
PAIRS = [
    ("Дмитрий Журавлев осужден на 13 лет.", "Dmitrii Zhuravlev was sentenced to 13 years."),
    ("Судья Дмитрий Колесников огласил приговор.", "Judge Dmitry Kolesnikov read the verdict."),
    ("Дмитрия Журавлева перевели в ИК-6.", "Dmitry Zhuravlev was moved to IK-6."),
    ("Журавлев подал жалобу.", "Mr Zhurravlev filed a complaint."),
    ("Дмитрий Журавлев болен.", "Dmitriy Zhuravlev is ill."),
    ("Жена Журавлева Анна приехала.", "Zhuravlev’s wife Anna Zhuravleva came."),
]


@pytest.fixture
def names_project(project: Project, store: ProjectStore) -> list[int]:
    paragraphs = add_document(project, store, "case.txt", PAIRS, status=APPROVED)
    checks.run_checks(project, store)
    return [p.id for p in paragraphs]


def test_name_variants_are_found(store: ProjectStore, names_project: list[int]) -> None:
    found = checks.findings_for(store, kinds=["name-variant"])
    spellings = {s for stored in found for s in stored.finding.data["spellings"]}  # type: ignore[attr-defined]
    assert {"Dmitry", "Dmitriy", "Zhurravlev"} <= spellings
    assert "Zhuravleva" not in spellings  # the wife is not a variant


def test_dry_run_changes_nothing(
    project: Project, store: ProjectStore, names_project: list[int]
) -> None:
    before = [store.paragraph(pid) for pid in names_project]
    plan = checks.resolve_name(
        project, store, "Dmitry Zhuravlev", "Dmitrii Zhuravlev", dry_run=True
    )
    assert not plan.applied
    assert {change.paragraph_id for change in plan.changes} == {
        names_project[2],
        names_project[3],
        names_project[4],
    }
    assert [store.paragraph(pid) for pid in names_project] == before
    moved = next(c for c in plan.changes if c.paragraph_id == names_project[2])
    assert moved.new == "Dmitrii Zhuravlev was moved to IK-6."
    assert (-1, "Dmitry") in moved.diff and (1, "Dmitrii") in moved.diff  # whole words


def test_apply_rewrites_records_history_and_keeps_approval(
    project: Project, store: ProjectStore, names_project: list[int]
) -> None:
    plan = checks.resolve_name(project, store, "Dmitry Zhuravlev", "Dmitrii Zhuravlev", "ed")
    assert plan.applied and len(plan.changes) == 3
    texts = [store.paragraph(pid).target_text for pid in names_project]
    assert texts[1] == "Judge Dmitry Kolesnikov read the verdict."  # another person
    assert texts[2] == "Dmitrii Zhuravlev was moved to IK-6."
    assert texts[3] == "Mr Zhuravlev filed a complaint."
    assert texts[4] == "Dmitrii Zhuravlev is ill."
    assert texts[5] == PAIRS[5][1]  # the wife untouched
    for pid in names_project[2:5]:
        paragraph = store.paragraph(pid)
        assert paragraph.status is APPROVED  # only the name changed
        last = store.history(pid)[-1]
        assert (last.actor, last.action) == ("ed", "resolve")
        assert last.old_target != last.new_target == paragraph.target_text
    remaining = checks.findings_for(store, kinds=["name-variant"])
    left = {s for stored in remaining for s in stored.finding.data["spellings"]}  # type: ignore[attr-defined]
    assert not {"Dmitriy", "Zhurravlev"} & left


def test_resolve_records_canonical_spelling_in_glossary(
    project: Project, store: ProjectStore, names_project: list[int]
) -> None:
    plan = checks.resolve_name(project, store, "Zhurravlev", "Dmitrii Zhuravlev")
    assert "glossary" in plan.glossary_note and "preferred" in plan.glossary_note
    from translator.services import glossary

    [concept] = glossary.list_concepts(store, "Dmitrii Zhuravlev")
    statuses = {term.text: str(term.status) for term in concept.terms}
    assert statuses["Dmitrii Zhuravlev"] == "preferred"
    assert statuses["Dmitrii Zhurravlev"] == "forbidden"
    assert "Zhurravlev" not in statuses  # only whole names: a bare word could be anyone's


def test_machine_paragraphs_become_edited(
    project: Project, store: ProjectStore, names_project: list[int]
) -> None:
    set_target(store, names_project[4], "Dmitriy Zhuravlev is ill.", ReviewStatus.MACHINE)
    checks.resolve_name(project, store, "Dmitriy", "Dmitrii Zhuravlev")
    assert store.paragraph(names_project[4]).status is ReviewStatus.EDITED


def test_concurrent_edit_conflicts_and_nothing_is_written(
    project: Project, store: ProjectStore, names_project: list[int]
) -> None:
    findings = checks.findings_for(store, kinds=["name-variant"])
    _changes, writes = checks.plan_name_changes(store, findings, "Dmitrii Zhuravlev")
    assert len(writes) == 3
    set_target(store, names_project[4], "Dmitriy Zhuravlev is very ill.", APPROVED, "other")
    before = [store.paragraph(pid).target_text for pid in names_project]
    with pytest.raises(ParagraphConflict):
        checks.check_store(store).apply_target_changes(writes, "ed", "resolve")
    assert [store.paragraph(pid).target_text for pid in names_project] == before
    assert all(event.action != "resolve" for pid in names_project for event in store.history(pid))


def test_only_editors_resolve(project: Project, store: ProjectStore) -> None:
    config = project.config_path.read_text("utf-8").replace("editors = []", 'editors = ["ed"]')
    project.config_path.write_text(config, "utf-8")
    from translator.project import load_project

    with_roles = load_project(project.root)
    with pytest.raises(TranslatorError, match="only editors"):
        checks.resolve_name(with_roles, store, "Dmitry", "Dmitrii", "somebody", dry_run=True)


def test_unknown_name_is_refused(
    project: Project, store: ProjectStore, names_project: list[int]
) -> None:
    with pytest.raises(TranslatorError, match="no name-variant finding for 'Ivanov'"):
        checks.resolve_name(project, store, "Ivanov", "Ivanov", dry_run=True)


def test_approval_kept_only_for_name_alone() -> None:
    names = ["Dmitry Zhuravlev", "Dmitrii Zhuravlev"]
    old = "Dmitry Zhuravlev was moved."
    assert change_is_name_only(old, "Dmitrii Zhuravlev was moved.", names)
    assert not change_is_name_only(old, "Dmitrii Zhuravlev was transferred.", names)


def test_one_word_variants_respect_other_names() -> None:
    text = "Judge Dmitry Kolesnikov and Dmitry Zhuravlev. Mr Zhurravlev’s wife."
    found = plan_replacements(
        text, ["Dmitry", "Zhurravlev"], "Dmitrii Zhuravlev", ["Dmitrii", "Zhuravlev"]
    )
    assert [(r.old, r.new) for r in found] == [
        ("Dmitry", "Dmitrii"),
        ("Zhurravlev", "Zhuravlev"),
    ]
    assert text[found[0].start : found[0].end + 10] == "Dmitry Zhuravlev"


# -- CLI ----------------------------------------------------------------------------------
def test_check_json_and_fail_on(
    project: Project, store: ProjectStore, names_project: list[int], run_cli: RunCli
) -> None:
    result = run_cli("--project", project.root, "check", "--json")
    assert result.exit_code == 0, result.stderr
    findings = json.loads(result.stdout)
    assert all({"kind", "severity", "paragraphs", "message"} <= set(f) for f in findings)
    names = [f for f in findings if f["kind"] == "name-variant"]
    assert any(f["spellings"].get("Dmitry") == 1 for f in names)
    failing = run_cli("--project", project.root, "check", "--fail-on", "error")
    has_error = any(f["severity"] == "error" for f in findings)
    assert failing.exit_code == (1 if has_error else 0)
    only_numbers = run_cli("--project", project.root, "check", "--kind", "number-mismatch")
    assert only_numbers.exit_code == 0 and "0 finding(s)" in only_numbers.stdout


def test_fail_on_error_exits_one(project: Project, store: ProjectStore, run_cli: RunCli) -> None:
    add_document(project, store, "n.txt", [("Срок 13 лет.", "A term of 12 years.")])
    result = run_cli("--project", project.root, "check", "--kind", "number-mismatch")
    assert result.exit_code == 0 and "number-mismatch (1)" in result.stdout
    assert "missing in the target: 13" in result.stdout
    failing = run_cli(
        "--project", project.root, "check", "--kind", "number-mismatch", "--fail-on", "error"
    )
    assert failing.exit_code == 1
    set_target(store, store.paragraphs(store.documents()[0].id)[0].id, "A term of 13 years.")
    fixed = run_cli(
        "--project", project.root, "check", "--kind", "number-mismatch", "--fail-on", "error"
    )
    assert fixed.exit_code == 0


def test_check_bad_input(project: Project, run_cli: RunCli) -> None:
    missing = run_cli("--project", project.root, "check", "--doc", "nope.txt")
    assert missing.exit_code == 1 and "nope.txt" in missing.stderr
    unknown = run_cli("--project", project.root, "check", "--kind", "spelling")
    assert unknown.exit_code == 1 and "unknown check kind" in unknown.stderr


def test_resolve_cli(
    project: Project, store: ProjectStore, names_project: list[int], run_cli: RunCli
) -> None:
    dry = run_cli(
        "--project",
        project.root,
        "resolve",
        "Dmitriy",
        "--canonical",
        "Dmitrii Zhuravlev",
        "--dry-run",
    )
    assert dry.exit_code == 0, dry.stderr
    assert "[-Dmitry-]{+Dmitrii+}" in dry.stdout and "would change" in dry.stdout
    assert store.paragraph(names_project[4]).target_text == PAIRS[4][1]
    applied = run_cli(
        "--project",
        project.root,
        "resolve",
        "Dmitriy",
        "--canonical",
        "Dmitrii Zhuravlev",
        "--as",
        "ed",
    )
    assert applied.exit_code == 0 and "changed" in applied.stdout
    assert store.paragraph(names_project[4]).target_text == "Dmitrii Zhuravlev is ill."
    assert store.history(names_project[4])[-1].actor == "ed"


@pytest.mark.parametrize(
    ("text", "rewritten"),
    [
        ("Dmitrii Zhuravlev's lawyer filed.", True),  # the possessive is the same name
        ("Dmitrii Zhuravlev’s lawyer filed.", True),
        ("Judge Dmitrii Kolesnikov's ruling.", False),  # another person's possessive
    ],
)
def test_a_possessive_surname_next_to_a_first_name(text: str, rewritten: bool) -> None:
    found = plan_replacements(text, ["Dmitrii"], "Dmitrij", ["Dmitry Zhuravlev", "Zhuravlev"])
    assert [item.old for item in found] == (["Dmitrii"] if rewritten else [])


SOKOLOV_RU_EN = [
    ("Алексей Соколов был задержан.", "Aleksei Sokolov was detained."),
    ("Суд назначил Алексею Соколову пять лет.", "The court gave Alexei Sokolov five years."),
    ("Алексея Соколова навестила жена.", "Alexey Sokollov was visited by his wife."),
    ("Алексей Петров тоже был там.", "Alexey Petrov was there too."),
    ("Алексей Соколов встретил Алексея Петрова.", "Alexey Sokollov met Alexey Petrov."),
]


def test_a_first_name_is_rewritten_next_to_a_misspelt_surname(
    project: Project, store: ProjectStore
) -> None:
    """Sokollov is Sokolov misspelt (the surname finding lists it), so «Alexey» before it is
    still his first name; Alexey Petrov is another man and keeps his."""
    paragraphs = add_document(project, store, "case.txt", SOKOLOV_RU_EN)
    checks.run_checks(project, store, kinds=["name-variant"])
    dry = checks.resolve_name(project, store, "Alexei", "Aleksei", dry_run=True)
    ids = [p.id for p in paragraphs]
    assert [change.paragraph_id for change in dry.changes] == [ids[1], ids[2], ids[4]]
    assert dry.left == {}
    checks.resolve_name(project, store, "Alexei", "Aleksei", "ed")
    assert [store.paragraph(pid).target_text for pid in ids[1:]] == [
        "The court gave Aleksei Sokolov five years.",
        "Aleksei Sokollov was visited by his wife.",
        "Alexey Petrov was there too.",
        "Aleksei Sokollov met Alexey Petrov.",
    ]
    left = checks.findings_for(store, kinds=["name-variant"])
    assert all("Alexey" not in stored.finding.data["spellings"] for stored in left)  # type: ignore[operator]


def test_forms_made_for_a_misspelling_are_never_dictionary_words() -> None:
    """«Иля» declined like «Илья» would make «Или» ("or") and «Иле»: never rewritten."""
    from translator.checks.resolution import inflected_pairs

    pairs = inflected_pairs("Иля", "Илья")
    assert pairs["Иля"] == "Илья" and "Или" not in pairs and "Иле" not in pairs
    text = "Иля Соколов болен. Или нет?"
    rewritten = plan_replacements(text, ["Иля"], "Илья", ["Соколов"])
    assert [(r.old, r.new) for r in rewritten] == [("Иля", "Илья")]
    rewritten = plan_replacements("Иной раз Ина молчит.", ["Ина"], "Инна")
    assert [(r.old, r.new) for r in rewritten] == [("Ина", "Инна")]


@pytest.mark.parametrize(
    ("text", "spelling", "canonical", "rewritten"),
    [
        ("В Москве Соколлова встретили.", "Соколлов", "Соколов", True),
        ("Затем Соколлов выступил.", "Соколлов", "Соколов", True),
        ("Суд заслушал Петра Соколлова.", "Соколлов", "Соколов", False),  # another first name
        ("On Monday Alexei Sokolov was released.", "Alexei", "Aleksei Sokolov", True),
        ("In Moscow Sokollov was released.", "Sokollov", "Aleksei Sokolov", True),
        ("The court heard Alexei Petrov.", "Alexei", "Aleksei Sokolov", False),
    ],
)
def test_places_and_times_next_to_a_name_are_not_other_names(
    text: str, spelling: str, canonical: str, rewritten: bool
) -> None:
    found = plan_replacements(text, [spelling], canonical)
    assert bool(found) is rewritten


def test_resolve_reads_texts_changed_since_the_check(
    project: Project, store: ProjectStore, names_project: list[int]
) -> None:
    """A target fixed by hand (or by an import) after the check is not reported as a
    variant that would stay; resolve re-checks it first."""
    set_target(store, names_project[4], "Dmitrii Zhuravlev is ill.", APPROVED)  # no re-check
    plan = checks.resolve_name(project, store, "Dmitry Zhuravlev", "Dmitrii Zhuravlev")
    assert plan.applied and plan.left == {}
    assert {c.paragraph_id for c in plan.changes} == {names_project[2], names_project[3]}
    texts = [store.paragraph(pid).target_text for pid in names_project]
    assert not any("Dmitry Zhuravlev" in t or "Dmitriy" in t for t in texts)
