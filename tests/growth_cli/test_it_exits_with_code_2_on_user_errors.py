import subprocess
import sys

import pytest


def _run(*args, cwd):
    return subprocess.run(
        [sys.executable, "-m", "growth", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
    )


def test_it_exits_2_with_a_message_and_no_traceback_as_a_program(tmp_path):
    source = tmp_path / "in.csv"
    source.write_text("sex,weight_kg\nX,3\n", encoding="utf-8")
    done = _run(source, "-o", tmp_path / "out.csv", cwd=tmp_path)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert 'Baris 2, kolom "sex": nilai "X" tidak dikenal' in done.stderr
    assert not (tmp_path / "out.csv").exists()


@pytest.mark.usefixtures("engine")
def test_it_exits_0_and_writes_the_output_as_a_program(tmp_path):
    source = tmp_path / "in.csv"
    source.write_text("sex,age_days,weight_kg,lenhei_cm\n1,100,6,60\n", encoding="utf-8")
    done = _run(source, "-o", tmp_path / "out.xlsx", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out.xlsx").stat().st_size > 0


def test_it_exits_2_when_the_output_argument_is_missing(tmp_path):
    done = _run(tmp_path / "in.csv", cwd=tmp_path)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
