"""A full run on several processes stores exactly what a one-process run stores."""

from __future__ import annotations

import gc
import threading

from tests.checks_support import add_document
from translator.checks import parallel
from translator.core.models import ReviewStatus
from translator.project import Project
from translator.services import checks
from translator.store import ProjectStore

PAIRS = [
    ("Дмитрий Журавлев получил 13 лет.", "Dmitrii Zhuravlev was sentenced to 13 years."),
    ("Журавлева отправили в ШИЗО.", "Zhuravlev was sent to the SHIZO."),
    ("Суд отказал.", "The court refused."),
    ("Жалобу подали 5 июля 2024 года.", "The complaint was filed on 6 July 2024."),
    ("Его поместили в ИК-6.", "He was placed in IK-2."),
]
SECOND = [
    ("Дмитрий Журавлев получил 13 лет.", "Dmitry Zhuravlev got 13 years."),
    ("Журавлева отправили в ШИЗО.", "Zhurravlev was sent to the ShIZO."),
    ("Суд отказал.", "The court declined."),
    ("Адвокат  подал жалобу.", "The lawyer  filed a complaint."),
]


def _snapshot(store: ProjectStore) -> list[tuple[str, tuple[int, ...], str]]:
    return sorted(
        (s.finding.kind, s.finding.paragraph_ids, s.finding.message)
        for s in checks.findings_for(store, include_dismissed=True)
    )


def test_workers_store_the_same_findings(project: Project, store: ProjectStore) -> None:
    add_document(project, store, "a.txt", PAIRS, ReviewStatus.APPROVED)
    add_document(project, store, "b.txt", SECOND, ReviewStatus.APPROVED)
    checks.run_checks(project, store, workers=1)
    alone = _snapshot(store)
    checks.run_checks(project, store, workers=2)
    assert _snapshot(store) == alone
    assert gc.get_freeze_count() == 0  # objects frozen for the fork are handed back
    kinds = {kind for kind, _, _ in alone}
    assert {"name-variant", "number-mismatch", "term-inconsistent"} <= kinds


def test_threads_and_small_projects_stay_in_one_process() -> None:
    assert parallel.default_workers(10) == 1
    in_thread: list[int] = []
    worker = threading.Thread(target=lambda: in_thread.append(parallel.default_workers(10**6)))
    worker.start()
    worker.join()
    assert in_thread == [1]  # forking a threaded process (the TUI) could deadlock
