import openpyxl

from konvergensi.measurements.eppgbm import parse_rows, read_table

from .files import HEADER, TODAY, row


def test_it_skips_an_empty_first_sheet(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.title = "Sheet1"
    data = wb.create_sheet("Sheet2")
    data.append(HEADER)
    data.append(row())
    wb.save(tmp_path / "kedua.xlsx")

    raw = read_table(tmp_path / "kedua.xlsx")

    assert (raw.sheet_name, raw.rows.tolist()) == ("Sheet2", [2])
    assert parse_rows(raw, today=TODAY).issues == []


def test_it_prefers_the_sheet_with_every_required_column_over_a_summary_sheet(tmp_path):
    wb = openpyxl.Workbook()
    guide = wb.active
    guide.title = "Petunjuk"
    guide.append(["Kolom", "Isi"])
    guide.append(["Nama", "nama anak"])
    summary = wb.create_sheet("Rekap")
    summary.append(["Kec", "Desa/Kel", "Nama", "Berat"])  # three e-PPGBM columns, not all
    summary.append(["Kupang Timur", "Oesao", "Budi", 11.5])
    data = wb.create_sheet("Data")
    data.append(HEADER)
    data.append(row())
    hidden = wb.create_sheet("Daftar", 0)  # a hidden lookup sheet placed first
    hidden.sheet_state = "hidden"
    hidden.append(HEADER)
    hidden.append(row(Nama="Contoh"))
    wb.save(tmp_path / "banyak.xlsx")

    raw = read_table(tmp_path / "banyak.xlsx")

    assert raw.sheet_name == "Data"
    assert parse_rows(raw, today=TODAY).data["name"].to_list() == ["Budi Santoso"]
