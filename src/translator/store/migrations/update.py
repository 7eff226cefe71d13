"""Migration 6: source updates: archived paragraphs, previous sources (issue 8)."""

SQL = ""
