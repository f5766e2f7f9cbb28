import re

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from konvergensi.measurements.models import Child, ImportBatch, Measurement

from .conftest import row, write_csv, write_xlsx

LINE = re.compile(r"^ok=(\d+) warnings=(\d+) errors=(\d+) created=(\d+) updated=(\d+)")


def _run(*args) -> tuple[int, ...]:
    from io import StringIO

    out = StringIO()
    call_command("import_measurements", *args, stdout=out, stderr=StringIO())
    match = LINE.match(out.getvalue().strip())
    assert match, out.getvalue()
    return tuple(int(x) for x in match.groups())


def test_it_prints_the_counts_and_writes_the_error_file_beside_the_input(tmp_path, operator):
    path = write_csv(tmp_path / "feb.csv", [row("Ani"), row("Budi", sex="L", weight="x")])
    assert _run(str(path), "--user", operator.username) == (1, 0, 1, 1, 0)
    error_file = tmp_path / "feb.galat.csv"
    text = error_file.read_text(encoding="utf-8-sig")
    assert "Budi" in text and "bukan angka" in text and "Ani" not in text


def test_it_writes_nothing_on_a_dry_run(tmp_path, operator):
    path = write_csv(tmp_path / "feb.csv", [row("Ani")])
    assert _run(str(path), "--dry-run", "--user", operator.username) == (1, 0, 0, 1, 0)
    assert Measurement.objects.count() == 0


def test_it_exits_with_the_reason_on_a_file_level_error(tmp_path, operator):
    path = write_xlsx(
        tmp_path / "lain.xlsx", [["a", "b"]], header=["Nama", "JK", "Tgl Lahir", "Lain"]
    )
    with pytest.raises(CommandError, match="kolom wajib tidak ditemukan: Tanggal Pengukuran"):
        call_command("import_measurements", str(path), "--user", operator.username)


def test_it_exits_1_from_the_shell(tmp_path, operator):
    from django.core.management import execute_from_command_line

    path = tmp_path / "kosong.csv"
    path.write_text("")
    with pytest.raises(SystemExit) as exc:
        execute_from_command_line(
            ["manage.py", "import_measurements", str(path), "--user", operator.username]
        )
    assert exc.value.code == 1


def _call(*args) -> tuple[str, str]:
    from io import StringIO

    out, err = StringIO(), StringIO()
    call_command("import_measurements", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_it_follows_the_counts_with_a_sentence(tmp_path, operator):
    path = write_csv(tmp_path / "feb.csv", [row("Ani"), row("Budi", sex="L", weight="x")])
    out, _ = _call(str(path), "--user", operator.username)
    first, second = out.strip().splitlines()
    assert first == "ok=1 warnings=0 errors=1 created=1 updated=0 unchanged=0"
    assert (
        second
        == "Impor selesai: 1 baru, 0 diperbarui, 0 tidak berubah; 1 baris bergalat tidak diimpor."
    )


def test_it_exits_1_when_not_one_row_can_be_imported(tmp_path, operator):
    path = write_csv(tmp_path / "feb.csv", [row("Ani", weight="x"), row("Budi", desa="Atlantis")])
    with pytest.raises(CommandError, match="Tidak satu baris pun bisa diimpor: 2 dari 2 baris"):
        _call(str(path), "--user", operator.username)
    assert (tmp_path / "feb.galat.csv").exists()  # the reasons are still written


def test_it_leaves_no_confirmable_batch_after_a_dry_run(client, tmp_path, operator):
    from django.urls import reverse

    from konvergensi.measurements.models import ImportBatch, ImportStatus

    path = write_csv(tmp_path / "feb.csv", [row("Ani")])
    out, _ = _call(str(path), "--dry-run", "--user", operator.username)
    assert "Uji coba, tidak ada yang disimpan. Bila diimpor: 1 baru" in out
    batch = ImportBatch.objects.get()
    assert batch.status == ImportStatus.CANCELLED
    assert "--dry-run" in batch.message

    client.force_login(operator)
    html = client.get(reverse("measurements:batch", args=[batch.pk])).content.decode()
    assert "Simpan 1 baris" not in html and "Uji coba dari baris perintah" in html
    client.post(reverse("measurements:confirm", args=[batch.pk]))
    batch.refresh_from_db()
    assert batch.status == ImportStatus.CANCELLED and Measurement.objects.count() == 0


def test_it_says_how_to_pick_a_desa_on_the_command_line(tmp_path, operator):
    path = write_csv(tmp_path / "feb.csv", [row("Ani", desa="Oebesah"), row("Budi", sex="L")])
    out, err = _call(str(path), "--user", operator.username)
    assert out.startswith("ok=1 warnings=0 errors=1 created=1")
    assert (
        "Desa 'Oebesah' (Kecamatan Kota Soe, 1 baris) tidak ditemukan persis; mungkin: "
        "Oebesa (53.02.01.1003). Untuk mengimpornya, jalankan ulang dengan "
        '--desa "Oebesah=53.02.01.1003".'
    ) in err
    assert "halaman pratinjau" not in (tmp_path / "feb.galat.csv").read_text(encoding="utf-8-sig")


def test_it_imports_a_near_miss_desa_picked_with_the_desa_option(tmp_path, operator):
    path = write_csv(tmp_path / "feb.csv", [row("Ani", desa="Oebesah"), row("Budi", sex="L")])
    out, err = _call(str(path), "--user", operator.username, "--desa", "OEBESAH=53.02.01.1003")
    assert out.startswith("ok=2 warnings=0 errors=0 created=2")
    assert "--desa" not in err
    assert Measurement.objects.filter(desa_code="53.02.01.1003").count() == 1


def test_it_refuses_a_desa_pick_that_is_not_an_option(tmp_path, operator):
    path = write_csv(tmp_path / "feb.csv", [row("Ani", desa="Oebesah")])
    with pytest.raises(CommandError, match=r"kode 53.02.02.2001 bukan pilihan untuk 'Oebesah'"):
        _call(str(path), "--user", operator.username, "--desa", "Oebesah=53.02.02.2001")
    with pytest.raises(CommandError, match='--desa harus berbentuk "NAMA=KODE"'):
        _call(str(path), "--user", operator.username, "--desa", "Oebesah")
    assert Measurement.objects.count() == 0


def test_it_tells_an_unprepared_database_without_a_stack_trace(tmp_path):
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    path = write_csv(tmp_path / "feb.csv", [row("Ani")])
    env = dict(os.environ, DATABASE_URL=f"sqlite:///{tmp_path / 'never-migrated.sqlite3'}")
    done = subprocess.run(
        [sys.executable, str(root / "manage.py"), "import_measurements", str(path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "manage.py migrate" in done.stderr


def test_it_says_how_many_stored_children_the_file_gives_their_nik(tmp_path, operator):
    from io import StringIO

    write_csv(tmp_path / "feb.csv", [row("Ani"), row("Budi", sex="L")])
    assert _run(str(tmp_path / "feb.csv"), "--user", operator.username)[3] == 2
    again = write_csv(
        tmp_path / "nik.csv",
        [row("Ani", nik="5302014101240001"), row("Budi", sex="L", nik="5302010101240002")],
    )
    out = StringIO()
    call_command("import_measurements", str(again), "--user", operator.username, stdout=out)
    # the measurements are the same; the children are not: both get their NIK
    assert "created=0 updated=0" in out.getvalue()
    assert "NIK dilengkapi untuk 2 anak" in out.getvalue()
    assert sorted(Child.objects.values_list("nik", flat=True)) == [
        "5302010101240002",
        "5302014101240001",
    ]
    batch = ImportBatch.objects.order_by("pk").last()
    assert batch.summary["nik_filled"] == 2


def test_the_batch_page_says_it_too(tmp_path, operator, client):
    write_csv(tmp_path / "feb.csv", [row("Ani")])
    _run(str(tmp_path / "feb.csv"), "--user", operator.username)
    _run(str(write_csv(tmp_path / "b.csv", [row("Ani", nik="5302014101240001")])), "--user",
         operator.username)  # fmt: skip
    client.force_login(operator)
    batch = ImportBatch.objects.order_by("pk").last()
    page = client.get(reverse("measurements:batch", args=[batch.pk])).content.decode()
    assert "NIK dilengkapi untuk 1 anak" in page
