import io

from openpyxl import Workbook

from growth import cli


def test_it_reports_a_missing_file(tmp_path):
    stderr = io.StringIO()
    code = cli.run(tmp_path / "tidak-ada.csv", tmp_path / "out.csv", stderr=stderr)
    assert code == 2
    assert stderr.getvalue().strip() == f'Berkas "{tmp_path / "tidak-ada.csv"}" tidak ditemukan'


def test_it_reports_an_empty_csv(run_cli, tmp_path):
    code, stderr, _ = run_cli("kosong.csv", "\n\n")
    assert code == 2
    assert (
        stderr.strip() == f'Berkas "{tmp_path / "kosong.csv"}" kosong: tidak ada baris judul kolom'
    )


def test_it_reports_a_header_without_rows(run_cli, tmp_path):
    code, stderr, _ = run_cli("judul.csv", "sex,weight_kg\n")
    assert code == 2
    assert "tidak berisi baris data" in stderr


def test_it_reports_a_file_that_is_not_an_xlsx(run_cli, tmp_path):
    code, stderr, _ = run_cli("rusak.xlsx", b"bukan zip")
    assert code == 2
    assert stderr.startswith(f'Berkas "{tmp_path / "rusak.xlsx"}" tidak dapat dibaca: ')


def test_it_lists_the_sheets_when_the_named_one_is_absent(run_cli, tmp_path):
    book = Workbook()
    book.active.title = "Data"
    book.save(tmp_path / "buku.xlsx")
    code, stderr, _ = run_cli("buku.xlsx", (tmp_path / "buku.xlsx").read_bytes(), sheet="Juli")
    assert code == 2
    assert stderr.strip().endswith('Sheet yang ada: "Data"')


def test_it_refuses_an_unknown_extension(run_cli, tmp_path):
    code, stderr, _ = run_cli("data.json", "{}")
    assert code == 2
    assert "tidak didukung (gunakan .csv atau .xlsx)" in stderr
