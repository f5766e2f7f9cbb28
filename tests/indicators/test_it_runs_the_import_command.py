import pytest
from django.core.management import CommandError, call_command

from indicators.sheets import COLUMNS, cov, xlsx
from konvergensi.indicators.models import CoverageValue


def test_it_imports_from_the_command_line(people, indicators, tmp_path, capsys):
    path = tmp_path / "cakupan.xlsx"
    path.write_bytes(
        xlsx(
            COLUMNS,
            [
                cov("asi_eksklusif", "53.02.01.2001", value=70),
                cov("asi_eksklusif", "99.99", value=70),
            ],
        )
    )
    call_command("import_coverage", str(path), "--user", "dinkes", "--dry-run")
    assert "ok=1 errors=1 created=1 updated=0 unchanged=0" in capsys.readouterr().out
    assert not CoverageValue.objects.exists()
    call_command("import_coverage", str(path), "--user", "dinkes")
    call_command("import_coverage", str(path), "--user", "dinkes")
    assert "created=0 updated=0 unchanged=1" in capsys.readouterr().out.splitlines()[-1]


def test_it_fails_on_a_file_level_error(people, indicators, tmp_path):
    path = tmp_path / "x.xlsx"
    path.write_bytes(xlsx(["kode_indikator", "kode_wilayah"], [["a", "b"]]))
    with pytest.raises(CommandError, match="tahun, nilai"):
        call_command("import_coverage", str(path), "--user", "dinkes")
