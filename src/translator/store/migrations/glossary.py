"""Migration 3: project glossary (issue 4)."""

SQL = ""
