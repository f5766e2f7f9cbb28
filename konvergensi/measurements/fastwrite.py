"""Bulk writes for imports: rows and their django-simple-history records without model objects.

``bulk_create`` builds a model instance per row and prepares every value through the field
(~1 µs a value, 30 values a row, twice with the history record) and SQLite allows only 999
parameters a statement; at 100k rows that is most of a minute. Here rows are columns of
database-ready values: SQLite gets one ``executemany``, PostgreSQL one ``COPY`` per table.
Primary keys are allocated first (the PostgreSQL sequence; on SQLite the write lock that the
import transaction holds makes ``max(id) + 1`` safe), so the history rows and the children's
measurements can point at them. Use only inside ``transaction.atomic``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import connection, models
from django.utils import timezone


def allocate_ids(model: type[models.Model], n: int) -> list[int]:
    if n == 0:
        return []
    table = model._meta.db_table
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [table, n],
            )
            return [r[0] for r in cur.fetchall()]
        cur.execute(f"SELECT COALESCE(MAX(id), 0) FROM {connection.ops.quote_name(table)}")
        start = cur.fetchone()[0]
        if connection.vendor == "sqlite":
            cur.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
            row = cur.fetchone()
            start = max(start, row[0] if row else 0)
    return list(range(start + 1, start + 1 + n))


def _adapt(field: models.Field, values: list[Any]) -> list[Any]:
    if connection.vendor == "postgresql":
        return values  # psycopg's COPY dumps date, datetime, bool and None itself
    kind = field.get_internal_type()
    if kind == "DateField":
        return [None if v is None else v.isoformat() for v in values]
    if kind == "DateTimeField":
        if values and all(v is values[0] for v in values):  # the history date of a batch
            return [connection.ops.adapt_datetimefield_value(values[0])] * len(values)
        return [connection.ops.adapt_datetimefield_value(v) for v in values]
    return values


def _write_rows(model: type[models.Model], columns: dict[str, list[Any]]) -> None:
    names = list(columns)
    if not names or not columns[names[0]]:
        return
    fields = {f.attname: f for f in model._meta.concrete_fields}
    data = [_adapt(fields[n], columns[n]) for n in names]
    table = connection.ops.quote_name(model._meta.db_table)
    quoted = ", ".join(connection.ops.quote_name(fields[n].column) for n in names)
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            with cur.cursor.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
                for row in zip(*data, strict=True):
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(names))
            cur.executemany(
                f"INSERT INTO {table} ({quoted}) VALUES ({marks})", list(zip(*data, strict=True))
            )


def _history(
    model: type[models.Model],
    columns: dict[str, list[Any]],
    *,
    kind: str,
    user,
    reason: str,
) -> None:
    history = model.history.model  # type: ignore[attr-defined]
    n = len(columns["id"])
    now = timezone.now()
    special = {
        "history_date": [now] * n,
        "history_change_reason": [reason[:100]] * n,
        "history_type": [kind] * n,
        "history_user_id": [getattr(user, "pk", None)] * n,
    }
    out: dict[str, list[Any]] = {}
    for f in history._meta.concrete_fields:
        if f.attname == "history_id":
            continue
        out[f.attname] = special[f.attname] if f.attname in special else columns[f.attname]
    _write_rows(history, out)


def insert(
    model: type[models.Model],
    columns: dict[str, list[Any]],
    *,
    user,
    reason: str,
) -> list[int]:
    """Insert rows given as ``{attname: values}`` (every concrete field but ``id``) with their
    "+" history records by ``user``; returns the new primary keys in row order."""
    n = len(next(iter(columns.values()), []))
    ids = allocate_ids(model, n)
    if not ids:
        return ids
    full = {"id": ids, **columns}
    _write_rows(model, full)
    _history_of_new_rows(model, ids, user=user, reason=reason)
    return ids


def _history_of_new_rows(model: type[models.Model], ids: list[int], *, user, reason: str) -> None:
    """The "+" history records of rows just inserted, copied by the database itself
    (INSERT ... SELECT) rather than sent a second time."""
    history = model.history.model  # type: ignore[attr-defined]
    qn = connection.ops.quote_name
    copied = [
        f.column for f in history._meta.concrete_fields if not f.attname.startswith("history_")
    ]
    targets = ", ".join(qn(c) for c in copied)
    now = timezone.now()
    if connection.vendor != "postgresql":
        now = connection.ops.adapt_datetimefield_value(now)
    contiguous = ids[-1] - ids[0] + 1 == len(ids)
    if contiguous:
        where, extra = "id BETWEEN %s AND %s", [ids[0], ids[-1]]
    elif connection.vendor == "postgresql":
        where, extra = "id = ANY(%s)", [ids]
    else:  # pragma: no cover - ids are allocated contiguously outside PostgreSQL
        _history(model, {"id": ids, **_read_back(model, ids)}, kind="+", user=user, reason=reason)
        return
    sql = (
        f"INSERT INTO {qn(history._meta.db_table)} ({targets}, history_date, "
        f"history_change_reason, history_type, history_user_id) "
        f"SELECT {targets}, %s, %s, %s, %s FROM {qn(model._meta.db_table)} WHERE {where}"
    )
    with connection.cursor() as cur:
        cur.execute(sql, [now, reason[:100], "+", getattr(user, "pk", None), *extra])


def _read_back(model: type[models.Model], ids: list[int]) -> dict[str, list[Any]]:
    names = [f.attname for f in model._meta.concrete_fields if f.attname != "id"]
    rows = {
        r[0]: r[1:] for r in model._default_manager.filter(pk__in=ids).values_list("id", *names)
    }
    return {n: [rows[i][k] for i in ids] for k, n in enumerate(names)}


def update(
    model: type[models.Model],
    objs: Sequence[models.Model],
    fields: Sequence[str],
    *,
    user,
    reason: str,
) -> None:
    """Write ``fields`` of changed instances and a "~" history record of each by ``user``."""
    if not objs:
        return
    concrete = {f.name: f for f in model._meta.concrete_fields}
    attnames = [concrete[f].attname for f in fields]
    table = connection.ops.quote_name(model._meta.db_table)
    sets = ", ".join(f"{connection.ops.quote_name(concrete[f].column)} = %s" for f in fields)
    columns = {
        f.attname: [getattr(o, f.attname) for o in objs] for f in model._meta.concrete_fields
    }
    adapted = [_adapt_any(concrete[f], columns[a]) for f, a in zip(fields, attnames, strict=True)]
    rows = [(*vals, pk) for vals, pk in zip(zip(*adapted, strict=True), columns["id"], strict=True)]
    with connection.cursor() as cur:
        cur.executemany(f"UPDATE {table} SET {sets} WHERE id = %s", rows)
    _history(model, columns, kind="~", user=user, reason=reason)


def _adapt_any(field: models.Field, values: list[Any]) -> list[Any]:
    """Values for a parameterised statement (not COPY): the database adapters of Django."""
    kind = field.get_internal_type()
    if kind == "DateField":
        return [connection.ops.adapt_datefield_value(v) for v in values]
    if kind == "DateTimeField":
        return [connection.ops.adapt_datetimefield_value(v) for v in values]
    return values
