"""Migration 5: review policy (issue 6)."""

SQL = ""
