"""Schema migrations, one module per area; migration N takes a database from N-1 to N.

Once released a migration is never edited; a change is a new migration appended here.
"""

from translator.store.migrations import (
    base,
    check_index,
    checks,
    glossary,
    mt,
    review,
    stamps,
    update,
)

MIGRATIONS: tuple[str, ...] = (
    base.SQL,  # 1
    mt.SQL,  # 2
    glossary.SQL,  # 3
    checks.SQL,  # 4
    review.SQL,  # 5
    update.SQL,  # 6
    stamps.SQL,  # 7
    check_index.SQL,  # 8
)
