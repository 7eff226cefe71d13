"""check and resolve: consistency findings, and rewriting a name to one canonical spelling.

The checks are imported when a command runs, not when the parser is built: they pull in
morphology and transliteration, which every other command would otherwise load too.
"""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

from rich.console import Console
from rich.text import Text

from translator.checks.kinds import KINDS
from translator.cli.common import Commands, acting_user, open_project
from translator.core.findings import Severity

if TYPE_CHECKING:
    from translator.services import checks
    from translator.store import ProjectStore

# Paragraphs named on a finding's line, the rest counted ("… (+12)"): a few for a project
# finding (its spellings' lines follow), more for one line standing for many findings.
LISTED, LISTED_ALIKE = 8, 40
SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "dim"}


def register(commands: Commands) -> None:
    check = commands.add("check", "run the consistency checks and list findings", _cmd_check)
    check.add_argument("--doc", metavar="NAME", help="only this document's paragraphs")
    check.add_argument(
        "--kind",
        action="append",
        metavar="KIND",
        help=f"only this check (repeatable): {', '.join(KINDS)}",
    )
    check.add_argument("--json", action="store_true", help="print the findings as JSON")
    check.add_argument(
        "--full",
        action="store_true",
        help="re-analyse every paragraph (by default a run re-analyses only the paragraphs "
        "changed since their last check, and redoes the project-wide checks)",
    )
    check.add_argument(
        "--fail-on",
        choices=[Severity.ERROR.value, Severity.WARNING.value],
        help="exit 1 when a finding of this severity or worse exists (publishing pipelines)",
    )

    for name, dismissed, what in (
        ("dismiss", True, "hide findings judged harmless (while the problem stays as it is)"),
        ("restore", False, "show dismissed findings again"),
    ):
        command = commands.add(name, what, _cmd_dismiss)
        command.add_argument("ids", metavar="ID", type=int, nargs="+", help="finding ids (#N)")
        command.set_defaults(dismissed=dismissed)

    resolve = commands.add(
        "resolve", "rewrite every spelling of a name to one canonical spelling", _cmd_resolve
    )
    resolve.add_argument("name", metavar="NAME", help="any spelling of the name")
    resolve.add_argument("--canonical", required=True, help="the spelling to use everywhere")
    resolve.add_argument("--dry-run", action="store_true", help="show the changes only")


def _cmd_check(args: argparse.Namespace, console: Console) -> int:
    from translator.services import checks

    project, store = open_project(args)
    with store:
        report = checks.run_checks(
            project, store, document=args.doc, kinds=args.kind, full=args.full
        )
        if args.json:
            places = checks.paragraph_places(
                store, (pid for s in report.findings for pid in s.finding.paragraph_ids)
            )
            findings = [checks.finding_json(s, places) for s in report.findings]
            print(json.dumps(findings, ensure_ascii=False))
        else:
            _print_report(report, store, console)
    if args.fail_on and report.has_at_least(Severity(args.fail_on)):
        return 1
    return 0


def _print_report(report: checks.CheckReport, store: ProjectStore, console: Console) -> None:
    from translator.services import checks

    for kind, findings in report.by_kind().items():
        console.print(Text(f"{kind} ({len(findings)})", style="bold"))
        for alike in checks.alike_findings(findings):
            finding = alike[0].finding
            if len(alike) > 1:  # the same one-paragraph finding in many paragraphs: one line
                paragraphs = [stored.finding.paragraph_ids[0] for stored in alike]
                which = f"#{alike[0].finding.id} and {len(alike) - 1} like it,"
                listed = LISTED_ALIKE
            else:
                paragraphs, which, listed = list(finding.paragraph_ids), f"#{finding.id}", LISTED
            where = "; ".join(checks.paragraph_labels(store, paragraphs[:listed]))
            if len(paragraphs) > listed:
                where += f" … (+{len(paragraphs) - listed})"
            line = Text("  ")
            line.append(f"{finding.severity.value:<7}", style=SEVERITY_STYLE[finding.severity])
            line.append(f" {which} {where}: {finding.message}")
            console.print(line)
            by_spelling = finding.data.get("paragraphs_by_spelling")
            if isinstance(by_spelling, dict) and len(by_spelling) > 1:
                # Rarest spelling first: that is where an editor has to look.
                for spelling, ids in sorted(by_spelling.items(), key=lambda item: len(item[1])):
                    unique = list(dict.fromkeys(ids))
                    places = "; ".join(checks.paragraph_labels(store, unique[:5]))
                    more = f" … (+{len(unique) - 5})" if len(unique) > 5 else ""
                    places = places or "in no paragraph yet (the suggested spelling)"
                    console.print(Text(f"      {spelling}: {places}{more}", style="dim"))
    console.print(str(report))


def _cmd_dismiss(args: argparse.Namespace, console: Console) -> int:
    from translator.services import checks

    project, store = open_project(args)
    with store:
        changed = checks.set_dismissed(project, store, args.ids, acting_user(args), args.dismissed)
    verb = "dismissed" if args.dismissed else "restored"
    for stored in changed:
        finding = stored.finding
        console.print(Text(f"{verb} #{finding.id} ({finding.kind}): {finding.message}"))
    return 0


def _cmd_resolve(args: argparse.Namespace, console: Console) -> int:
    from translator.services import checks

    project, store = open_project(args)
    with store:
        plan = checks.resolve_name(
            project, store, args.name, args.canonical, acting_user(args), dry_run=args.dry_run
        )
    for change in plan.changes:
        console.print(
            Text(
                f"{change.document} ¶{change.position + 1} (id {change.paragraph_id}), "
                f"{change.old_status} → {change.new_status}",
                style="bold",
            )
        )
        line = Text("  ")
        for op, segment in change.diff:
            if op < 0:
                line.append(f"[-{segment}-]", style="red strike")
            elif op > 0:
                line.append(f"{{+{segment}+}}", style="green")
            else:
                line.append(_shorten(segment))
        console.print(line)
    console.print(str(plan))
    return 1 if plan.left else 0  # a dry run whose apply would refuse (see NameNotRewritten)


def _shorten(kept: str, context: int = 40) -> str:
    """Unchanged text between two changes, cut to its ends when long."""
    if len(kept) <= 2 * context + 3:
        return kept
    return f"{kept[:context]} … {kept[-context:]}"
