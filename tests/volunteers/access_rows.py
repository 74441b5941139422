"""Rows of tests/test_access_table.py for the volunteers app: url name -> (method, kwargs, expected[, data])."""

VOLUNTEERS_ACCESS = {}
