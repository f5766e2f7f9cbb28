"""An import's issues quote NIK values and its error file holds names, NIK and mothers' names:
another user sees the batch only with rights to the personal data of its region (decision
0003). The Bappeda admin may import, yet sees aggregates only: its own batches, no others."""

import pytest
from django.urls import reverse

from konvergensi.accounts.models import Institution, InstitutionKind, Role, User
from konvergensi.measurements.access import get_batch_for_user, get_batches_for_user
from konvergensi.measurements.services import preview_import

from .conftest import row, write_csv

NIK = "53020141012"  # too short: the warning quotes it


@pytest.fixture
def bappeda_admin(kabupaten) -> User:
    inst = Institution.objects.create(
        name="Bappeda TTS", kind=InstitutionKind.BAPPEDA, region=kabupaten
    )
    return User.objects.create_user(
        username="bappeda_admin", password="x" * 12, institution=inst, role=Role.ADMIN
    )


@pytest.fixture
def dinkes_batch(tmp_path, operator, kabupaten):
    path = write_csv(
        tmp_path / "feb.csv", [row("Ani Bani", nik=NIK, parent="Maria"), row("Budi", weight="x")]
    )
    batch = preview_import(path, user=operator, region=kabupaten)
    assert batch.error_file and any(NIK in i[4] for i in batch.summary["issues"])
    return batch


def test_the_bappeda_admin_sees_no_batch_of_a_dinkes_operator(client, bappeda_admin, dinkes_batch):
    client.force_login(bappeda_admin)
    for name in ("batch", "batch_status", "error_file"):
        url = reverse(f"measurements:{name}", args=[dinkes_batch.pk])
        assert client.get(url).status_code == 404, name
    assert "feb.csv" not in client.get(reverse("measurements:imports")).content.decode()
    assert get_batch_for_user(bappeda_admin, dinkes_batch.pk) is None


def test_the_bappeda_admin_still_sees_its_own_batch(
    client, bappeda_admin, kabupaten, tmp_path, operator
):
    path = write_csv(tmp_path / "own.csv", [row("Ani"), row("Budi", weight="x")])
    own = preview_import(path, user=bappeda_admin, region=kabupaten)
    client.force_login(bappeda_admin)
    assert client.get(reverse("measurements:batch", args=[own.pk])).status_code == 200
    assert client.get(reverse("measurements:error_file", args=[own.pk])).status_code == 200
    # Dinas Kesehatan, which may see the names of the whole kabupaten, sees it too.
    assert list(get_batches_for_user(operator)) == [own]


def test_a_dinkes_colleague_sees_the_batch(client, dinkes_batch, dinkes):
    colleague = User.objects.create_user(
        username="dinkes_admin", password="x" * 12, institution=dinkes, role=Role.ADMIN
    )
    client.force_login(colleague)
    page = client.get(reverse("measurements:batch", args=[dinkes_batch.pk]))
    assert page.status_code == 200 and NIK in page.content.decode()
    assert client.get(reverse("measurements:error_file", args=[dinkes_batch.pk])).status_code == 200


def test_readers_and_a_puskesmas_see_no_batch_of_others(
    viewer, bappeda_viewer, puskesmas_operator, dinkes_batch
):
    for user in (viewer, bappeda_viewer, puskesmas_operator):
        assert list(get_batches_for_user(user)) == [], user.username
