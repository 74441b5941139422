"""Rows of tests/test_access_table.py for the locker app: url name -> (method, kwargs, expected[, data])."""

LOCKER_ACCESS = {}
