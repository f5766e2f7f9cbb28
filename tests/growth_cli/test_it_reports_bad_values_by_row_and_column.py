from growth import cli


def test_it_reports_every_bad_cell_in_sheet_order_with_its_row_and_column(run_cli):
    lines = [
        "sex,age_days,weight_kg,lenhei_cm,measure,oedema",
        "1,10,3.5,50,l,n",  # row 2: fine
        "1,20,3.7,51,l,n",
        "1,30,4.0,52,l,n",
        "2,40,4.1,53,l,n",
        "2,50,4.3,54,l,n",
        "X,60,4.5,55,l,n",  # row 7
        "1,70,empat,56,duduk,mungkin",  # row 8: three bad cells
        "1,-3,4.6,57,h,n",  # row 9
    ]
    code, stderr, out = run_cli("data.csv", "\n".join(lines) + "\n")
    assert code == 2
    assert not out.exists()
    assert stderr.splitlines() == [
        f"Ditemukan 5 kesalahan di {out.parent / 'data.csv'}:",
        'Baris 7, kolom "sex": nilai "X" tidak dikenal (yang diizinkan: 1, 2, L, P, m, f)',
        'Baris 8, kolom "weight_kg": nilai "empat" bukan angka',
        'Baris 8, kolom "measure": nilai "duduk" tidak dikenal '
        "(yang diizinkan: l, h, Terlentang, Berdiri)",
        'Baris 8, kolom "oedema": nilai "mungkin" tidak dikenal (yang diizinkan: n, y, Tidak, Ya)',
        'Baris 9, kolom "age_days": nilai "-3" tidak boleh negatif',
    ]


def test_it_uses_the_users_header_text_in_the_message(run_cli):
    code, stderr, _ = run_cli("in.csv", "JK,Umur Hari,Berat\nPerempuan,1,3\nW,2,3\n")
    assert code == 2
    assert (
        'Baris 3, kolom "JK": nilai "W" tidak dikenal (yang diizinkan: 1, 2, L, P, m, f)' in stderr
    )


def test_it_reports_an_empty_sex_cell(run_cli):
    code, stderr, _ = run_cli("in.csv", "sex,age_days,weight_kg\n,1,3\n")
    assert code == 2
    assert 'Baris 2, kolom "sex": jenis kelamin kosong (yang diizinkan: 1, 2, L, P, m, f)' in stderr


def test_it_caps_the_list_but_counts_every_error():
    n = cli.MAX_REPORTED_ERRORS + 7
    table = cli.Table(["sex", "weight_kg"], [["?", "1"] for _ in range(n)], list(range(2, n + 2)))
    parsed = cli.parse_inputs(table, cli.map_columns(table.headers))
    assert parsed.error_count == n
    assert len(parsed.errors) == cli.MAX_REPORTED_ERRORS
    assert parsed.errors[-1].startswith(f"Baris {cli.MAX_REPORTED_ERRORS + 1}, ")


def test_it_says_how_many_errors_were_left_out(run_cli):
    body = "".join("Q,1,3\n" for _ in range(cli.MAX_REPORTED_ERRORS + 2))
    code, stderr, _ = run_cli("in.csv", "sex,age_days,weight_kg\n" + body)
    assert code == 2
    assert stderr.splitlines()[-1] == (
        f"... dan 2 kesalahan lain (hanya {cli.MAX_REPORTED_ERRORS} pertama yang ditampilkan)"
    )


def test_it_speaks_english_when_asked(run_cli):
    code, stderr, _ = run_cli("in.csv", "sex,weight_kg\nX,3\n", lang="en")
    assert code == 2
    assert 'Row 2, column "sex": value "X" is not recognised (allowed: 1, 2, L, P, m, f)' in stderr
