"""Use cases. The CLI and the TUI call these; they hold no SQL and no terminal code.

One module per area (projects, mt, glossary, checks, review, export, update); the project
use cases are re-exported here because every other area starts from them.
"""

from translator.services.projects import (
    LANG_CHOICES,
    PARALLEL_PARSE_MIN_BYTES,
    DocumentStatus,
    ImportedDocument,
    ImportReport,
    ProjectStatus,
    current_user,
    import_sources,
    init_project,
    locate_project,
    open_project_store,
    parse_sources,
    project_status,
)

__all__ = [
    "LANG_CHOICES",
    "PARALLEL_PARSE_MIN_BYTES",
    "DocumentStatus",
    "ImportReport",
    "ImportedDocument",
    "ProjectStatus",
    "current_user",
    "import_sources",
    "init_project",
    "locate_project",
    "open_project_store",
    "parse_sources",
    "project_status",
]
