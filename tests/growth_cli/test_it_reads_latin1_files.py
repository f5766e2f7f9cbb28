from growth import cli


def test_it_reads_a_latin1_file_and_keeps_its_accented_text(tmp_path):
    path = tmp_path / "lama.csv"
    path.write_bytes("nama;jk;umur_hari;berat\nJosé Nuñez;L;100;6,1\n".encode("latin-1"))
    table = cli.read_table(path)
    assert table.encoding in ("cp1252", "latin-1")
    assert table.rows == [["José Nuñez", "L", "100", "6,1"]]


def test_it_reads_utf8_with_a_byte_order_mark(tmp_path):
    path = tmp_path / "excel.csv"
    path.write_bytes("\ufeffJK,berat\nP,7.5\n".encode())
    table = cli.read_table(path)
    assert table.headers == ["JK", "berat"]
    assert cli.map_columns(table.headers) == {"sex": 0, "weight_kg": 1}


def test_it_reports_a_bad_latin1_value_in_readable_text(run_cli):
    content = "jk,berat\nÉ,3\n".encode("latin-1")
    code, stderr, _ = run_cli("in.csv", content)
    assert code == 2
    assert 'Baris 2, kolom "jk": nilai "É" tidak dikenal' in stderr
