"""Fixtures of the locker tests, also used by the access table (tests/conftest.py loads them)."""
