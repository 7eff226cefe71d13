"""Widgets of the review workbench: the virtual paragraph list, status badges, diff views."""
