"""The Textual review workbench: a thin layer over translator.services."""
