import csv

import numpy as np

import growth
from growth import cli


def test_it_detects_the_semicolon_and_reads_decimal_commas(tmp_path):
    path = tmp_path / "eppgbm.csv"
    path.write_text(
        "JK;Tgl Lahir;Tanggal Pengukuran;Berat;Tinggi;Cara Ukur\n"
        "L;15/01/2023;15/01/2024;9,1;74,5;Terlentang\n"
        'P;01/06/2021;01/02/2024;"12,25";90.2;Berdiri\n',
        encoding="utf-8",
    )
    table = cli.read_table(path)
    assert table.delimiter == ";"
    parsed = cli.parse_inputs(table, cli.map_columns(table.headers))
    assert parsed.errors == []
    assert parsed.kwargs["weight_kg"].tolist() == [9.1, 12.25]
    assert parsed.kwargs["lenhei_cm"].tolist() == [74.5, 90.2]
    assert parsed.kwargs["measure"].tolist() == ["l", "h"]


def test_it_writes_semicolons_and_decimal_commas_back(engine, run_cli):
    code, stderr, out = run_cli("in.csv", "jk;umur_hari;berat;tinggi\n1;400;9,5;76,3\n")
    assert code == 0, stderr
    with out.open(encoding="utf-8-sig", newline="") as handle:
        header, row = list(csv.reader(handle, delimiter=";"))
    assert row[:4] == ["1", "400", "9,5", "76,3"]
    expected = growth.zscores(sex=[1], age_days=[400], weight_kg=[9.5], lenhei_cm=[76.3])
    zlen = row[header.index("zlen")]
    assert "." not in zlen
    assert float(zlen.replace(",", ".")) == float(np.asarray(expected["zlen"])[0])
