"""The audit trail of children and measurements names who made each change, whatever happens
to user rows: its "who" has no database constraint (a per-row check on every import), so the
application must refuse to rewrite it (simple-history's default would null it on delete)."""

import datetime as dt

import pytest
from django.db import connection, transaction
from django.db.models import ProtectedError

from konvergensi.measurements import fastwrite
from konvergensi.measurements.models import Child, Measurement


def _child(user) -> Child:
    child = Child(
        name="Ani", sex=2, birth_date=dt.date(2024, 5, 1), desa_id="53.02.01.1001", match_key="k"
    )
    child._history_user = user  # type: ignore[attr-defined]
    child.save()
    return child


def test_it_refuses_to_delete_a_user_who_changed_a_child(kabupaten, operator):
    _child(operator)
    with pytest.raises(ProtectedError) as refused, transaction.atomic():
        operator.delete()
    assert {type(o) for o in refused.value.protected_objects} == {Child.history.model}
    assert Child.history.get().history_user_id == operator.pk


def test_it_refuses_to_delete_a_user_who_imported_measurements(kabupaten, operator):
    child = _child(None)
    with transaction.atomic():
        fastwrite.insert(
            Measurement,
            {"child_id": [child.pk], "measured_on": [dt.date(2026, 2, 1)],
             "desa_code": ["53.02.01.1001"], "age_days": [641], "measure": ["l"],
             "measurer": [""], "oedema": [False], "flen": [False], "fwei": [False],
             "fwfl": [False], "fbmi": [False], "cat_wfa": [""], "cat_hfa": [""],
             "cat_wfh": [""], "cat_bfa": [""], "engine_version": [""]},
            user=operator,
            reason="Impor a.csv",
        )  # fmt: skip
    with pytest.raises(ProtectedError), transaction.atomic():
        operator.delete()
    record = Measurement.history.get()
    assert record.history_user == operator and record.history_type == "+"


def test_it_lets_a_user_without_records_be_deleted(kabupaten, operator, viewer):
    _child(operator)
    viewer.delete()
    assert Child.history.get().history_user_id == operator.pk


@pytest.mark.parametrize("model", [Child, Measurement])
def test_its_history_has_no_database_key_to_users(db, model):
    table = model.history.model._meta.db_table  # type: ignore[attr-defined]
    with connection.cursor() as cur:
        constraints = connection.introspection.get_constraints(cur, table)
    keys = {c["foreign_key"] for c in constraints.values() if c["foreign_key"]}
    assert not any(to == "accounts_user" for to, _col in keys)
    # the live table keeps every database foreign key
    with connection.cursor() as cur:
        live = connection.introspection.get_constraints(cur, model._meta.db_table)
    assert {c["columns"][0] for c in live.values() if c["foreign_key"]} >= (
        {"desa_id", "posyandu_id"} if model is Child else {"child_id", "posyandu_id", "batch_id"}
    )
