"""Fast inserts of many generated rows (for `parcours seed`, parcours/core/seed.py).

The caller adds rows as keyword values; ids are chosen here, from the table's largest id
onwards, so that rows can point to each other before anything is written: no query per
row, no RETURNING. Rows wait in memory and go out in batches: PostgreSQL takes them with
COPY, SQLite with one executemany per table, both inside the caller's transaction.

Bypassed on purpose: Model.save(), signals (the locker's post_delete is the only one,
and nothing is deleted here), auto_now and auto_now_add (give those values, or the
loader's `now` is used), and model validation: the generator must produce rows that
satisfy the constraints; the database still checks them (unique, foreign keys, checks).
"""

import json
from collections import Counter

from django.core.management.color import no_style
from django.db import connections
from django.db.models import Max
from django.utils import timezone

REQUIRED = object()


class Json(str):
    """A value already encoded as JSON: many rows share a few values (notes' skills), so
    encoding each once saves millions of json.dumps calls."""


def _to_json(value):
    if value is None or isinstance(value, Json):
        return value
    return json.dumps(value)


class _Table:
    def __init__(self, model, loader):
        self.model = model
        self.fields = list(model._meta.concrete_fields)
        self.index = {field.attname: i for i, field in enumerate(self.fields)}
        self.pk_index = self.index[model._meta.pk.attname]
        self.defaults = [self._default(field, loader) for field in self.fields]
        self.required = [i for i, value in enumerate(self.defaults) if value is REQUIRED]
        self.converters = [loader.converter(field) for field in self.fields]
        self.next_id = None
        self.rows = []

    @staticmethod
    def _default(field, loader):
        if field.primary_key:
            return REQUIRED
        if field.has_default():
            # Callable defaults like timezone.now would make two runs differ: the
            # generator's own clock is used instead.
            if field.default is timezone.now:
                return loader.now
            if field.default is timezone.localdate:
                return timezone.localdate(loader.now)
            return field.get_default()
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            return loader.now
        if field.null:
            return None
        if field.blank and field.get_internal_type() in {
            "CharField",
            "TextField",
            "EmailField",
            "URLField",
            "SlugField",
        }:
            return ""
        return REQUIRED

    def allocate(self, using):
        if self.next_id is None:
            top = self.model._base_manager.using(using).aggregate(top=Max("pk"))["top"]
            self.next_id = (top or 0) + 1
        pk = self.next_id
        self.next_id += 1
        return pk


class Loader:
    """Collects rows of several models and writes them in batches.

    `models` lists every model that will receive rows, parents before children, so
    that each batch is written in an order the foreign keys accept even when they are
    checked at once.
    """

    def __init__(self, models, *, now, using="default", batch_rows=100_000):
        self.connection = connections[using]
        self.using = using
        self.now = now
        self.postgres = self.connection.vendor == "postgresql"
        self.batch_rows = batch_rows
        self.tables = {model: _Table(model, self) for model in models}
        self.counts = Counter()
        self.pending = 0

    def check_constraints_at_once(self):
        """Inside the transaction: check each batch's foreign keys as it is written.
        Django declares them DEFERRABLE INITIALLY DEFERRED, so PostgreSQL would queue
        one check per row (millions) until the commit. `models` is in parent-first
        order, so every row's parents are written before it."""
        if self.postgres:
            with self.connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")

    def converter(self, field):
        """A function turning the field's Python value into what the driver takes, or
        None when it takes the value as it is."""
        kind = field.get_internal_type()
        if kind == "JSONField":
            return _to_json
        if self.postgres:
            return None  # psycopg writes dates, datetimes, times and booleans itself
        ops = self.connection.ops
        if kind == "DateTimeField":
            # What ops.adapt_datetimefield_value does for an aware value, without its
            # checks: SQLite stores naive text in the connection's time zone (UTC).
            zone = self.connection.timezone
            return lambda value: (
                None
                if value is None
                else value.astimezone(zone).replace(tzinfo=None).isoformat(" ")
            )
        if kind == "DateField":
            return lambda value: None if value is None else value.isoformat()
        if kind == "TimeField":
            return ops.adapt_timefield_value
        return None

    def new_id(self, model):
        """An id for a row of `model` added later (to point to it first)."""
        return self.tables[model].allocate(self.using)

    def add(self, model, **values):
        """Queue one row; returns its id. Values are keyed by attname (`site_id`)."""
        table = self.tables[model]
        row = table.defaults.copy()
        try:
            for name, value in values.items():
                row[table.index[name]] = value
        except KeyError as error:
            raise TypeError(f"{model.__name__} has no field {error}") from None
        if row[table.pk_index] is REQUIRED:
            row[table.pk_index] = table.allocate(self.using)
        for i in table.required:
            if row[i] is REQUIRED:
                raise TypeError(f"{model.__name__} needs {table.fields[i].attname}")
        return self._queue(table, row)

    def adder(self, model, *names):
        """A faster `add` for the millions of rows of one model: a function taking the
        values of `names`, in that order, and returning the new row's id."""
        table = self.tables[model]
        positions = [table.index[name] for name in names]
        missing = set(table.required) - set(positions) - {table.pk_index}
        if missing:
            raise TypeError(f"{model.__name__} needs {[table.fields[i].attname for i in missing]}")
        defaults, pk_index = table.defaults, table.pk_index
        table.allocate(self.using)
        table.next_id -= 1  # only to read the starting id once

        def add(*values):
            row = defaults.copy()
            for i, value in zip(positions, values, strict=True):
                row[i] = value
            row[pk_index] = table.next_id
            table.next_id += 1
            return self._queue(table, row)

        return add

    def _queue(self, table, row):
        table.rows.append(row)
        self.pending += 1
        if self.pending >= self.batch_rows:
            self.flush()
        return row[table.pk_index]

    def flush(self):
        for table in self.tables.values():
            if table.rows:
                self._write(table)
                self.counts[table.model._meta.label] += len(table.rows)
                table.rows = []
        self.pending = 0

    def finish(self):
        """Write what is left; on PostgreSQL, move the id sequences past the ids used
        here, and gather the planner's statistics (ANALYZE, a few seconds for millions of
        rows): until autovacuum gets to it, the first queries after a bulk load would be
        planned blind — and benchmarks run right after seeding."""
        self.flush()
        if self.postgres:
            used = [table.model for table in self.tables.values() if table.next_id is not None]
            quote = self.connection.ops.quote_name
            with self.connection.cursor() as cursor:
                for sql in self.connection.ops.sequence_reset_sql(no_style(), used):
                    cursor.execute(sql)
                for model in used:
                    cursor.execute(f"ANALYZE {quote(model._meta.db_table)}")
        return dict(self.counts)

    def _write(self, table):
        rows = table.rows
        converters = [(i, c) for i, c in enumerate(table.converters) if c is not None]
        for row in rows:
            for index, convert in converters:
                row[index] = convert(row[index])
        quote = self.connection.ops.quote_name
        db_table = quote(table.model._meta.db_table)
        columns = ", ".join(quote(field.column) for field in table.fields)
        with self.connection.cursor() as cursor:
            if self.postgres:
                with cursor.cursor.copy(f"COPY {db_table} ({columns}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * len(table.fields))
                # Table and column names come from the models' meta, quoted; values are
                # parameters.
                sql = f"INSERT INTO {db_table} ({columns}) VALUES ({marks})"  # nosec B608
                cursor.executemany(sql, rows)
