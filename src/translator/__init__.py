"""translator: an offline workbench for Russian/English human-rights texts."""

__version__ = "0.1.0"
