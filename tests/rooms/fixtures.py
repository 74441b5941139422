"""Fixtures of the rooms tests, also used by the access table (tests/conftest.py loads them)."""
