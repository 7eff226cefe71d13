"""Consistency checks: one small class per check, registered in `registry.CHECKS`."""
