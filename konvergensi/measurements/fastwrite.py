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

import io
from collections.abc import Mapping, Sequence
from typing import Any

import polars as pl
from django.db import connection, models
from django.utils import timezone

Columns = Mapping[str, Sequence[Any] | pl.Series]


def allocate_ids(model: type[models.Model], n: int) -> list[int]:
    if n == 0:
        return []
    table = model._meta.db_table
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            # One round trip; the ids come back as a range unless another session took
            # numbers from the sequence in between (then as the sorted list).
            cur.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
            sequence = cur.fetchone()[0]
            cur.execute(
                "SELECT min(v), max(v), CASE WHEN max(v) - min(v) + 1 = count(*) THEN NULL "
                "ELSE array_agg(v ORDER BY v) END "
                "FROM (SELECT nextval(%s::regclass) AS v FROM generate_series(1, %s)) AS s",
                [sequence, n],
            )
            low, high, scattered = cur.fetchone()
            return list(scattered) if scattered is not None else list(range(low, high + 1))
        cur.execute(f"SELECT COALESCE(MAX(id), 0) FROM {connection.ops.quote_name(table)}")
        start = cur.fetchone()[0]
        if connection.vendor == "sqlite":
            cur.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
            row = cur.fetchone()
            start = max(start, row[0] if row else 0)
    return list(range(start + 1, start + 1 + n))


def _frame(columns: Columns) -> pl.DataFrame:
    return pl.DataFrame(
        [v if isinstance(v, pl.Series) else pl.Series(k, v, strict=False)
         for k, v in columns.items()]
    )  # fmt: skip


def _write_rows(model: type[models.Model], frame: pl.DataFrame) -> None:
    """Insert the rows of ``frame`` (columns named by attname, values as stored: dates as
    ``Date``, datetimes already adapted to text). PostgreSQL: one ``COPY`` of a CSV that polars
    writes (nulls unquoted-empty, empty strings quoted, floats in round-trip precision);
    SQLite: one ``executemany``."""
    if frame.is_empty() or not frame.width:
        return
    fields = {f.attname: f for f in model._meta.concrete_fields}
    qn = connection.ops.quote_name
    table = qn(model._meta.db_table)
    quoted = ", ".join(qn(fields[n].column) for n in frame.columns)
    stamps = [n for n, t in frame.schema.items() if isinstance(t, pl.Datetime)]
    if stamps:  # rare (the import's own history dates come as text): Django's adapters
        frame = frame.with_columns(
            pl.col(n).map_elements(_stamp, return_dtype=pl.String) for n in stamps
        )
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            buf = io.BytesIO()
            frame.write_csv(buf, include_header=False, quote_style="necessary")
            with cur.cursor.copy(f"COPY {table} ({quoted}) FROM STDIN (FORMAT csv)") as copy:
                copy.write(buf.getbuffer())
        else:
            dates = [n for n, t in frame.schema.items() if t == pl.Date]
            if dates:
                frame = frame.with_columns(pl.col(dates).cast(pl.String))
            marks = ", ".join(["%s"] * frame.width)
            cur.executemany(f"INSERT INTO {table} ({quoted}) VALUES ({marks})", frame.rows())


def _stamp(value: Any) -> Any:
    """A datetime as the text each backend stores or parses (COPY reads ISO 8601)."""
    if connection.vendor == "postgresql":
        return value.isoformat()
    return connection.ops.adapt_datetimefield_value(value)


def _now_as_stored() -> Any:
    return _stamp(timezone.now())


def _history(
    model: type[models.Model],
    columns: Columns,
    *,
    kind: str,
    user,
    reason: str,
) -> None:
    history = model.history.model  # type: ignore[attr-defined]
    n = len(columns["id"])
    special = {
        "history_date": [_now_as_stored()] * n,
        "history_change_reason": [reason[:100]] * n,
        "history_type": [kind] * n,
        "history_user_id": [getattr(user, "pk", None)] * n,
    }
    out: dict[str, Sequence[Any] | pl.Series] = {}
    for f in history._meta.concrete_fields:
        if f.attname == "history_id":
            continue
        out[f.attname] = special[f.attname] if f.attname in special else columns[f.attname]
    _write_rows(history, _frame(out))


def insert(
    model: type[models.Model],
    columns: Columns,
    *,
    user,
    reason: str,
) -> list[int]:
    """Insert rows given as ``{attname: values}`` (every concrete field but ``id``; lists or
    polars Series) with their "+" history records by ``user``; returns the new primary keys in
    row order."""
    frame = _frame(columns)
    ids = allocate_ids(model, frame.height)
    if not ids:
        return ids
    _write_rows(model, frame.insert_column(0, pl.Series("id", ids, dtype=pl.Int64)))
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
