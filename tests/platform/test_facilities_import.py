"""Puskesmas and posyandu import: bad rows are reported with row, column and reason and nothing
is written; a valid file is written in one go; importing it again changes nothing."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from konvergensi.regions import services
from konvergensi.regions.models import Posyandu, Puskesmas

GOOD = (
    "kode_puskesmas;nama_puskesmas;kode_kecamatan;kode_desa_wilayah_kerja\n"
    "P1;Soe;53.02.01;53.02.01.2001;53.02.01.2002\n"
    "P2;Mollo Selatan;53.02.02;53.02.02.2001\n"
)


def _csv(text: str) -> io.BytesIO:
    return io.BytesIO(text.encode())


def test_it_reports_bad_rows_with_row_column_and_reason(regions):
    text = (
        "kode_puskesmas,nama_puskesmas,kode_kecamatan,kode_desa_wilayah_kerja\n"
        "P1,Soe,53.02.01,53.02.01.2001\n"
        "P1,Soe Dua,53.02.01,\n"
        "P3,,53.02.09,53.02.01.9999\n"
        "P4,Lain,53.03.01,53.03.01.2001\n"
    )
    plan = services.import_facilities(_csv(text), "f.csv", kind="puskesmas", kabupaten="53.02")
    got = {(e.row, e.column) for e in plan.errors}
    assert (3, "kode_puskesmas") in got  # duplicate
    assert (4, "nama_puskesmas") in got  # missing name
    assert (4, "kode_kecamatan") in got  # unknown kecamatan
    assert (4, "kode_desa_wilayah_kerja") in got  # unknown desa
    assert (5, "kode_kecamatan") in got  # outside the kabupaten
    assert any("di luar kabupaten" in e.message for e in plan.errors if e.row == 5)
    assert str(plan.errors[0]).startswith("Baris 3, kolom kode_puskesmas")
    assert not Puskesmas.objects.exists()  # the good first row was not written either


def test_it_writes_a_valid_file_and_changes_nothing_on_reimport(regions):
    # The desa list is ;-separated, so this CSV uses commas... it uses ; and quotes instead.
    text = (
        "kode_puskesmas,nama_puskesmas,kode_kecamatan,kode_desa_wilayah_kerja\n"
        'P1,Soe,53.02.01,"53.02.01.2001;53.02.01.2002"\n'
        "P2,Mollo Selatan,53.02.02,53.02.02.2001\n"
    )
    first = services.import_facilities(_csv(text), "f.csv", kind="puskesmas", kabupaten="53.02")
    assert first.ok and first.summary() == {"created": 2, "updated": 0, "unchanged": 0}
    assert set(Puskesmas.objects.get(code="P1").desa.values_list("code", flat=True)) == {
        "53.02.01.2001",
        "53.02.01.2002",
    }
    history = Puskesmas.history.count()
    again = services.import_facilities(_csv(text), "f.csv", kind="puskesmas", kabupaten="53.02")
    assert again.summary() == {"created": 0, "updated": 0, "unchanged": 2}
    assert Puskesmas.history.count() == history


def test_it_updates_a_changed_row(regions):
    services.import_facilities(
        _csv("kode_puskesmas,nama_puskesmas,kode_kecamatan\nP1,Soe,53.02.01\n"),
        "f.csv",
        kind="puskesmas",
        kabupaten="53.02",
    )
    plan = services.import_facilities(
        _csv("kode_puskesmas,nama_puskesmas,kode_kecamatan\nP1,Kota Soe,53.02.01\n"),
        "f.csv",
        kind="puskesmas",
        kabupaten="53.02",
    )
    assert plan.summary() == {"created": 0, "updated": 1, "unchanged": 0}
    assert Puskesmas.objects.get(code="P1").name == "Kota Soe"


def _xlsx(rows) -> io.BytesIO:
    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    return buffer


def test_it_imports_posyandu_from_xlsx(regions):
    Puskesmas.objects.create(code="P1", name="Soe", kecamatan_id="53.02.01").desa.set(
        ["53.02.01.2001"]
    )
    rows = [
        ["nama_posyandu", "kode_desa", "kode_puskesmas"],
        ["Mawar", "53.02.01.2001", "P1"],
        ["Melati", "53.02.01.2001", None],
    ]
    plan = services.import_facilities(_xlsx(rows), "p.xlsx", kind="posyandu", kabupaten="53.02")
    assert plan.summary() == {"created": 2, "updated": 0, "unchanged": 0}
    again = services.import_facilities(_xlsx(rows), "p.xlsx", kind="posyandu", kabupaten="53.02")
    assert again.summary() == {"created": 0, "updated": 0, "unchanged": 2}
    assert Posyandu.objects.count() == 2


def test_it_rejects_posyandu_rows_that_do_not_fit(regions):
    Puskesmas.objects.create(code="P1", name="Soe", kecamatan_id="53.02.01").desa.set(
        ["53.02.01.2001"]
    )
    rows = [
        ["nama_posyandu", "kode_desa", "kode_puskesmas"],
        ["Mawar", "53.02.01.2002", "P1"],  # P1 does not serve this desa
        ["Mawar", "53.03.01.2001", ""],  # another kabupaten
        ["Melati", "53.02.01.2001", "P9"],  # unknown puskesmas
        ["Kenanga", "53.02.01.2001", ""],
        ["kenanga", "53.02.01.2001", ""],  # duplicate within the desa
    ]
    plan = services.import_facilities(_xlsx(rows), "p.xlsx", kind="posyandu", kabupaten="53.02")
    got = {(e.row, e.column) for e in plan.errors}
    assert got == {
        (2, "kode_puskesmas"),
        (3, "kode_desa"),
        (4, "kode_puskesmas"),
        (6, "nama_posyandu"),
    }
    assert not Posyandu.objects.exists()


def test_it_names_missing_columns(regions):
    with pytest.raises(services.ImportFileError, match="kode_kecamatan"):
        services.import_facilities(
            _csv("kode_puskesmas,nama_puskesmas\nP1,Soe\n"),
            "f.csv",
            kind="puskesmas",
            kabupaten="53.02",
        )


def test_the_template_has_the_columns(regions):
    wb = openpyxl.load_workbook(io.BytesIO(services.template_workbook("puskesmas")))
    header = [c.value for c in next(wb.active.iter_rows(max_row=1))]
    assert header == services.COLUMNS["puskesmas"]
    # codes typed into the template stay text: Excel would turn 53.02.10 into a number
    assert wb.active.column_dimensions["C"].number_format == "@"
    assert wb.active.column_dimensions["B"].number_format == "General"


def test_the_command_uses_the_same_code_path(regions, tmp_path, capsys):
    path = tmp_path / "pkm.csv"
    path.write_text(GOOD.replace(";53.02.01.2002", ""), encoding="utf-8")
    call_command("import_facilities", str(path), "--kind", "puskesmas", "--dry-run")
    assert "dry-run created=2" in capsys.readouterr().out
    assert not Puskesmas.objects.exists()
    call_command("import_facilities", str(path), "--kind", "puskesmas")
    call_command("import_facilities", str(path), "--kind", "puskesmas")
    assert "created=0 updated=0 unchanged=2" in capsys.readouterr().out.splitlines()[-1]


def test_the_command_fails_on_bad_rows(regions, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("kode_puskesmas;nama_puskesmas;kode_kecamatan\nP1;;53.02.01\n")
    with pytest.raises(CommandError, match="1 kesalahan"):
        call_command("import_facilities", str(path), "--kind", "puskesmas")


def test_the_web_flow_previews_then_writes_in_a_background_job(
    client, people, django_capture_on_commit_callbacks
):
    client.force_login(people.admin)
    text = "kode_puskesmas,nama_puskesmas,kode_kecamatan\nP9,Mollo Selatan,53.02.02\n"
    upload = SimpleUploadedFile("pkm.csv", text.encode(), content_type="text/csv")
    url = reverse("regions:facility_import", args=["puskesmas"])
    preview = client.post(url, {"file": upload})
    assert preview.status_code == 200
    token = preview.context["token"]
    assert not Puskesmas.objects.filter(code="P9").exists()
    # The task is enqueued on commit; in tests it then runs immediately (settings.TASKS).
    with django_capture_on_commit_callbacks(execute=True):
        confirm = client.post(
            reverse("regions:facility_import_confirm", args=["puskesmas"]), {"token": token}
        )
    assert confirm.status_code == 302
    assert Puskesmas.objects.filter(code="P9").exists()
    job = client.get(confirm["Location"])
    assert "Selesai" in job.content.decode()


def test_the_web_flow_shows_errors_and_offers_no_confirmation(client, people):
    client.force_login(people.admin)
    text = "kode_puskesmas,nama_puskesmas,kode_kecamatan\nP9,,53.02.02\n"
    upload = SimpleUploadedFile("pkm.csv", text.encode(), content_type="text/csv")
    response = client.post(reverse("regions:facility_import", args=["puskesmas"]), {"file": upload})
    html = response.content.decode()
    assert "nama puskesmas kosong" in html
    assert "token" not in response.context


def test_only_the_admin_or_dinkes_may_import(client, people):
    url = reverse("regions:facility_import", args=["posyandu"])
    for persona in (people.dinsos_operator, people.viewer, people.puskesmas_user):
        client.force_login(persona)
        assert client.get(url).status_code == 403
    client.force_login(people.dinkes_operator)
    assert client.get(url).status_code == 200
