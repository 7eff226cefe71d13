"""number-mismatch: a number, date, article, colony number or year changed in translation."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from translator.checks.base import CheckUnit, ParagraphCheck
from translator.checks.number_facts import describe, fact_list
from translator.core.findings import Finding, Severity


class NumberMismatchCheck(ParagraphCheck):
    """Compares the numeric facts of source and target (see number_facts for what is equal).

    An error: a wrong date, article or sentence length is a factual error in a published text.
    """

    kind = "number-mismatch"
    name = "Numbers differ"
    description = "Numbers, dates, article and colony numbers or years differ from the source."
    severity = Severity.ERROR

    def check(self, unit: CheckUnit) -> Iterable[Finding]:
        if not unit.target_text.strip() or unit.target_text == unit.source_text:
            return
        source_facts = fact_list(unit.source_text, unit.source_lang)
        target_facts = fact_list(unit.target_text, unit.target_lang)
        # Two multisets are equal exactly when their sorted lists are: no Counters needed
        # for the texts that agree, which are most.
        if sorted(source_facts) == sorted(target_facts):
            return
        source, target = Counter(source_facts), Counter(target_facts)
        missing = sorted((source - target).elements(), key=_order)
        extra = sorted((target - source).elements(), key=_order)
        parts = []
        if missing:
            parts.append("missing in the target: " + ", ".join(map(describe, missing)))
        if extra:
            parts.append("not in the source: " + ", ".join(map(describe, extra)))
        yield self.finding(
            [unit.paragraph_id],
            "; ".join(parts),
            missing=[describe(fact) for fact in missing],
            extra=[describe(fact) for fact in extra],
        )


def _order(fact: str) -> tuple[int, str]:
    return (1, fact) if fact.startswith("month:") else (0, fact.zfill(20))
