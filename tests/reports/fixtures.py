"""Fixtures of the reports tests, also used by the access table (tests/conftest.py loads them)."""
