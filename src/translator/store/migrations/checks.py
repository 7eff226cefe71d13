"""Migration 4: stored findings (issue 5)."""

SQL = ""
