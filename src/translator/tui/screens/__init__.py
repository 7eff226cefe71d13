"""Screens of the review workbench; each calls services only (no SQL, no domain rules)."""
