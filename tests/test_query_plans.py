"""No page reads the whole attendance or trainee table: every query the main pages run
(tests/test_scale_queries.py lists them) is planned with an index on those tables.

PostgreSQL: each query is explained with `enable_seqscan = off`, so that the planner
picks a sequential scan only when no index can serve the query (on small test data
it would otherwise prefer one anyway). SQLite: `EXPLAIN QUERY PLAN` says SCAN for a
read of the whole table, SEARCH for a lookup through an index.

Two index walks are allowed, as on PostgreSQL (Index Only Scan, Index Scan under a
Limit): a count over a covering index, which reads the index and never the rows, and an
ordered walk of an index stopped by a LIMIT (a page of a list).
"""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from parcours.core import seed
from tests.test_scale_queries import SIZES, pages, users

GUARDED = ("courses_attendance", "people_trainee")


def full_scans(sql):
    """The guarded tables this query reads whole, by the database's own plan."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("EXPLAIN " + sql)
            plan = "\n".join(row[0] for row in cursor.fetchall())
            cursor.execute("SET LOCAL enable_seqscan = on")
            found = re.findall(r"Seq Scan on (\w+)", plan)
        else:
            cursor.execute("EXPLAIN QUERY PLAN " + sql)
            plan = "\n".join(row[-1] for row in cursor.fetchall())
            found = [
                table
                for table, how in re.findall(r"\bSCAN (\w+)(.*)", plan)
                if not how.startswith(" USING COVERING INDEX")
                and not (how.startswith(" USING INDEX") and re.search(r"\bLIMIT \d+", sql))
            ]
    return {table for table in found if table in GUARDED}, plan


@pytest.mark.django_db
def test_main_pages_never_scan_attendance_or_trainees(settings):
    settings.PARCOURS_REQUIRE_COORDINATOR_2FA = False
    seed.generate(SIZES[1], seed=7)
    clients = {}
    for role, user in users().items():
        clients[role] = Client()
        clients[role].force_login(user)
    scans = {}
    for role, label, url in pages():
        with CaptureQueriesContext(connection) as captured:
            assert clients[role].get(url).status_code == 200, (role, label)
        for query in captured:
            sql = query["sql"]
            if not sql.lstrip().upper().startswith("SELECT") or not any(
                table in sql for table in GUARDED
            ):
                continue
            tables, plan = full_scans(sql)
            if tables:
                scans.setdefault((role, label), []).append((sorted(tables), sql[:300], plan))
    assert scans == {}, "\n\n".join(
        f"{role} {label}: {tables}\n{sql}\n{plan}"
        for (role, label), found in scans.items()
        for tables, sql, plan in found
    )
