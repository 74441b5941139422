"""Fixtures of the progress tests, also used by the access table (tests/conftest.py loads them)."""
