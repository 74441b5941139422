"""Rows of tests/test_access_table.py for the progress app: url name -> (method, kwargs, expected[, data])."""

from tests.access_rows import row  # noqa: F401

PROGRESS_ACCESS = {}
