import csv


def test_it_replaces_output_columns_already_in_the_input_and_says_so(engine, run_cli):
    code, stderr, out = run_cli(
        "lagi.csv", "sex,age_days,lenhei_cm,ZLEN,catatan\n1,100,60,9.99,lama\n"
    )
    assert code == 0, stderr
    assert 'Peringatan: kolom "ZLEN" di masukan diganti dengan hasil perhitungan baru' in stderr
    with out.open(encoding="utf-8", newline="") as handle:
        header, row = list(csv.reader(handle))
    assert [h.lower() for h in header].count("zlen") == 1
    assert header[:4] == ["sex", "age_days", "lenhei_cm", "catatan"]
    assert row[header.index("zlen")] not in ("", "9.99")
