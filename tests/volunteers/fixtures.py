"""Fixtures of the volunteers tests, also used by the access table (tests/conftest.py loads them)."""
