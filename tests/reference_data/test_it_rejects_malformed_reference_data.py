"""A bad edit of a data file fails loudly, naming the file, the row and the field."""

import csv
import re

import pytest

from konvergensi.reference_data import (
    CALENDAR_PATH,
    INDICATOR_COLUMNS,
    INDICATORS_PATH,
    load_calendar,
    load_indicators,
    load_national_reference,
)


def write_indicators(tmp_path, edit):
    """Copy the shipped indicators.csv with `edit(rows)` applied; return the new path."""
    with INDICATORS_PATH.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    edit(rows)
    path = tmp_path / "indicators.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), quoting=csv.QUOTE_ALL)
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_it_accepts_an_unchanged_copy(tmp_path):
    assert len(load_indicators(write_indicators(tmp_path, lambda rows: None))) == 64


def test_it_rejects_a_target_that_is_not_a_number(tmp_path):
    path = write_indicators(tmp_path, lambda rows: rows[2].update(target="90%"))
    with pytest.raises(ValueError) as excinfo:
        load_indicators(path)
    assert str(excinfo.value) == (
        "indicators.csv: row 3, field 'target': is not a decimal number (got '90%')"
    )


def test_it_rejects_an_unknown_opd(tmp_path):
    path = write_indicators(tmp_path, lambda rows: rows[0].update(opd="dinkes;dinas_x"))
    with pytest.raises(ValueError, match=re.escape("row 1, field 'opd': unknown OPD type")):
        load_indicators(path)


def test_it_rejects_a_gap_in_the_numbering(tmp_path):
    path = write_indicators(tmp_path, lambda rows: rows.pop(9))
    with pytest.raises(ValueError, match=re.escape("row 10, field 'number': must be 10")):
        load_indicators(path)


def test_it_rejects_a_duplicated_code(tmp_path):
    path = write_indicators(tmp_path, lambda rows: rows[5].update(code=rows[4]["code"]))
    with pytest.raises(ValueError, match=re.escape("row 6, field 'code': is duplicated")):
        load_indicators(path)


def test_it_rejects_an_unknown_direction(tmp_path):
    path = write_indicators(tmp_path, lambda rows: rows[11].update(direction="down"))
    with pytest.raises(ValueError, match=re.escape("row 12, field 'direction': must be one of")):
        load_indicators(path)


def test_it_rejects_a_percentage_above_100(tmp_path):
    path = write_indicators(tmp_path, lambda rows: rows[0].update(target="580"))
    with pytest.raises(ValueError, match=re.escape("row 1, field 'target': a percentage")):
        load_indicators(path)


def test_it_rejects_a_missing_column(tmp_path):
    path = tmp_path / "indicators.csv"
    path.write_text(",".join(c for c in INDICATOR_COLUMNS if c != "level") + "\n")
    with pytest.raises(ValueError, match=re.escape("indicators.csv: header, field 'level'")):
        load_indicators(path)


def test_it_rejects_a_month_outside_the_year(tmp_path):
    text = CALENDAR_PATH.read_text(encoding="utf-8").replace("months = [12]", "months = [13]")
    path = tmp_path / "kerangka_kegiatan.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=re.escape("aksi[8], field 'months'")):
        load_calendar(path)


def test_it_rejects_a_float_figure(tmp_path):
    # A float is already a binary approximation; values must be quoted decimals.
    path = tmp_path / "national_reference.toml"
    path.write_text(
        '[[figure]]\ncode = "ssgi_2021"\nkind = "prevalence"\nyear = 2021\nvalue = 24.4\n'
        'source = "SSGI"\nsource_name = "SSGI 2021"\npopulation = "balita"\n',
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match=re.escape("figure[1], field 'value': must be a decimal")):
        load_national_reference(path)
