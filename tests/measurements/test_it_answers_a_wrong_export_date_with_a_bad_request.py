"""The export's ``dari``/``sampai`` come from the address bar: a date that is no date gets the
"Permintaan tidak valid" page, not a server error."""

import io

import openpyxl
import pytest
from django.urls import reverse

from konvergensi.measurements.services import confirm_import, preview_import

from .conftest import row, write_csv


@pytest.mark.parametrize("query", ["dari=abc", "sampai=2026-02-30", "dari=10/02/2026"])
def test_it_answers_a_date_that_is_no_date_with_400(client, operator, query):
    client.force_login(operator)
    client.raise_request_exception = False
    assert client.get(reverse("measurements:export") + "?" + query).status_code == 400


def test_it_exports_the_rows_of_the_dates_asked(client, tmp_path, operator, kabupaten):
    rows = [row("Ani"), row("Ani", measured="10/03/2026", weight="9,8")]
    preview = preview_import(write_csv(tmp_path / "a.csv", rows), user=operator, region=kabupaten)
    confirm_import(preview, user=operator, desa_confirmations={})
    client.force_login(operator)
    url = reverse("measurements:export")
    both = client.get(url + "?dari=2026-02-01&sampai=2026-03-31")
    march = client.get(url + "?dari=2026-03-01&sampai=2026-03-31")
    assert both.status_code == march.status_code == 200
    assert _rows(both) == _rows(march) + 1


def _rows(response) -> int:
    return openpyxl.load_workbook(io.BytesIO(response.content)).active.max_row
