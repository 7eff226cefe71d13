"""`translator check` on the real-world seeds (../shared/corpora/seeds): English texts with
real spelling variants. Expectations come from the data, never from names in code."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import RunCli
from translator.project import Project


def test_check_finds_a_misspelt_name_in_the_seeds(
    project: Project, seeds_dir: Path, run_cli: RunCli
) -> None:
    files = sorted(seeds_dir.glob("*.txt"))
    imported = run_cli("--project", project.root, "import", "--lang", "en", *files)
    assert imported.exit_code == 0, imported.stderr
    result = run_cli("--project", project.root, "check", "--kind", "name-variant", "--json")
    assert result.exit_code == 0, result.stderr
    findings = json.loads(result.stdout)
    typos = [f for f in findings if f["kind"] == "name-variant" and f["reason"] == "typo"]
    assert typos, "the seeds hold at least one misspelt name"
    corpus = "\n".join(path.read_text(encoding="utf-8") for path in files)
    for finding in typos:
        assert finding["severity"] == "error"
        assert len(finding["spellings"]) >= 2 or finding["notes"]
        assert finding["canonical"] in finding["spellings"]
        for spelling, count in finding["spellings"].items():
            if finding["notes"].get(spelling) == "suggested":  # the canonical, written nowhere
                assert count == 0 and spelling == finding["canonical"]
                continue
            assert count >= 1 and spelling in corpus
        misspelt = [s for s, note in finding["notes"].items() if note.startswith("typo")]
        assert misspelt and finding["canonical"] not in misspelt
