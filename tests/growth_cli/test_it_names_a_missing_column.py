from growth import cli


def test_it_names_the_missing_sex_column_and_the_columns_present(run_cli):
    code, stderr, out = run_cli("in.csv", "umur_hari,berat\n10,3.5\n")
    assert code == 2
    assert stderr.strip() == (
        'Kolom "sex" tidak ditemukan. Kolom yang ada: "umur_hari", "berat". '
        "Nama yang dikenali untuk kolom ini: sex, jk, jenis_kelamin, kelamin, gender, l_p"
    )
    assert not out.exists()


def test_it_asks_for_at_least_one_measurement_column(run_cli):
    code, stderr, _ = run_cli("in.csv", "jk,umur_hari\nL,10\n")
    assert code == 2
    assert stderr.strip() == (
        "Tidak ada kolom pengukuran. Sediakan minimal salah satu: weight_kg, lenhei_cm, "
        'muac_cm, headc_cm. Kolom yang ada: "jk", "umur_hari"'
    )


def test_it_asks_for_the_other_half_of_a_date_pair(run_cli):
    code, stderr, _ = run_cli("in.csv", "jk,Tgl Lahir,berat\nL,2024-01-01,3.5\n")
    assert code == 2
    assert 'Kolom "Tgl Lahir" ada, tetapi pasangannya "measurement_date" tidak ditemukan' in stderr


def test_it_refuses_two_columns_with_the_same_meaning():
    try:
        cli.map_columns(["sex", "berat", "BB"])
    except cli.UserError as exc:
        assert exc.messages == [
            'Kolom "berat" dan "BB" sama-sama berarti "weight_kg"; hapus atau ganti nama salah '
            "satunya"
        ]
    else:
        raise AssertionError("expected a UserError")
