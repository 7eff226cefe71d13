"""Command line: parse arguments, call services, print results. No logic of its own."""

from translator.cli.app import build_parser, main

__all__ = ["build_parser", "main"]
