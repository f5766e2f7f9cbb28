import io

import openpyxl
from django.urls import reverse

from konvergensi.measurements.eppgbm_headers import field_for_header


def test_it_downloads_a_template_with_reader_headers_instructions_and_the_desa_in_scope(
    client, puskesmas_operator
):
    client.force_login(puskesmas_operator)
    response = client.get(reverse("measurements:template"))
    assert response.status_code == 200
    wb = openpyxl.load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames == ["Data", "Petunjuk", "Daftar Desa"]
    headers = [c.value for c in wb["Data"][1]]
    assert all(field_for_header(h) for h in headers)
    data = wb["Data"]
    for header in ("NIK", "Kode Desa"):  # typed digits stay text, not a rounded number
        letter = data.cell(row=1, column=headers.index(header) + 1).column_letter
        assert data.column_dimensions[letter].number_format == "@"
    lists = {dv.formula1 for dv in data.data_validations.dataValidation}
    assert lists == {'"L,P"', '"Terlentang,Berdiri"', '"Ya,Tidak"'}
    assert "Petunjuk pengisian" in wb["Petunjuk"]["A1"].value
    desa = [r[2] for r in wb["Daftar Desa"].iter_rows(min_row=2, values_only=True)]
    assert desa == ["53.02.01.1001", "53.02.01.1002", "53.02.01.1003"]  # only the desa it serves
