"""Rows of tests/test_access_table.py for the rooms app: url name -> (method, kwargs, expected[, data])."""

ROOMS_ACCESS = {}
