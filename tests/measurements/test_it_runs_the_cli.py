import re

import pytest
from django.core.management import CommandError, call_command

from konvergensi.measurements.models import Measurement

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
