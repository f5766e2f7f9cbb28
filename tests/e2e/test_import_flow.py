"""End to end in a real Chromium: a Dinas Kesehatan operator imports an e-PPGBM export.

From the Data page to the upload, the background preview with its progress page, the preview
counts, the confirmation with its progress bar, and the finished batch. The tasks are held back
when enqueued and run by the test at the moment it chooses, so the browser sees each job
waiting, polls it, and moves on by itself once it is done (the page's htmx watcher). Any
console error, failed request or HTTP status >= 400 fails the test.
"""

from __future__ import annotations

import factories as f
import pytest
from django.urls import reverse
from django_tasks.backends.immediate import ImmediateBackend
from test_browser import log_in

from konvergensi.accounts.models import Role
from konvergensi.measurements import views
from konvergensi.measurements.models import ImportBatch, ImportStatus, Measurement
from konvergensi.measurements.samplefiles import generate_eppgbm
from konvergensi.regions.models import Level, Region
from konvergensi.regions.services import load_regions

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def held_tasks(monkeypatch):
    """Enqueued tasks wait in this list until ``run_next()`` runs the oldest one."""
    held: list = []
    run = ImmediateBackend._execute_task
    monkeypatch.setattr(ImmediateBackend, "_execute_task", lambda self, r: held.append((self, r)))

    def run_next() -> None:
        assert held, "no task was enqueued"
        backend, result = held.pop(0)
        run(backend, result)

    return run_next


@pytest.fixture
def eppgbm_file(tmp_path):
    load_regions("53.02")
    desa = [
        (d.parent.name, d.name, d.code)
        for d in Region.objects.filter(level=Level.DESA, code__startswith="53.02.01.")
        .select_related("parent")
        .order_by("code")[:3]
    ]
    return generate_eppgbm(
        tmp_path / "eppgbm-februari.xlsx", rows=40, seed=7, desa=desa, error_rate=0.1,
        provinsi="NUSA TENGGARA TIMUR", kabupaten="TIMOR TENGAH SELATAN",
    ).path  # fmt: skip


def test_a_dinkes_operator_imports_an_eppgbm_file(
    live_server, new_page, problems, screenshot, settings, tmp_path, monkeypatch,
    held_tasks, eppgbm_file,
):  # fmt: skip
    settings.MEDIA_ROOT = tmp_path / "media"
    monkeypatch.setattr(views, "INLINE_PREVIEW_MAX_BYTES", 0)  # every file to the worker
    operator = f.user("dinkes", f.opd("dinkes"), Role.OPERATOR)
    page = new_page()
    log_in(page, live_server, operator)

    page.goto(live_server.url + reverse("regions:data"))
    page.get_by_role("link", name="Unggah ekspor e-PPGBM").click()
    page.set_input_files("input[name=file]", str(eppgbm_file))
    page.get_by_role("button", name="Periksa berkas").click()

    # The preview waits for the worker; the page shows its progress.
    page.wait_for_url("**/impor/pratinjau/**")
    assert page.get_by_role("progressbar").is_visible()
    assert page.get_by_text("Menunggu").is_visible()
    screenshot(page, "import-preview-waiting")
    held_tasks()
    batch = ImportBatch.objects.get()
    page.wait_for_url(live_server.url + reverse("measurements:batch", args=[batch.pk]))

    # The preview: its counts, nothing written yet.
    assert batch.status == ImportStatus.PREVIEW and batch.rows_error > 0
    good = batch.rows_ok + batch.rows_warning
    assert page.get_by_text("Perkiraan bila dikonfirmasi").is_visible()
    assert page.get_by_text(f"{batch.created} baru").is_visible()
    screenshot(page, "import-preview")
    assert Measurement.objects.count() == 0

    page.get_by_role("button", name=f"Simpan {good} baris yang baik").click()
    page.wait_for_load_state()
    assert page.get_by_text("Sedang menyimpan data").is_visible()
    assert page.get_by_role("progressbar").is_visible()
    screenshot(page, "import-running")
    held_tasks()

    # The watcher reloads the page once the job is done.
    page.locator("h1 .badge", has_text="Selesai").wait_for()
    batch.refresh_from_db()
    assert batch.status == ImportStatus.DONE, batch.message
    assert batch.created > 0 and Measurement.objects.count() == batch.created
    assert page.get_by_text("Hasil", exact=True).is_visible()
    assert page.get_by_text("Sedang menyimpan data").count() == 0
    screenshot(page, "import-done")
    assert problems == []


def test_a_desa_picked_and_applied_is_saved(
    live_server, new_page, problems, settings, tmp_path, held_tasks
):
    """Acceptance P1: pick a desa for a misspelt name, apply, then save: the rows are in."""
    settings.MEDIA_ROOT = tmp_path / "media"
    load_regions("53.02")
    operator = f.user("dinkes", f.opd("dinkes"), Role.OPERATOR)
    header = "Nama;JK;Tgl Lahir;Kec;Desa/Kel;Tanggal Pengukuran;Berat;Tinggi"
    path = tmp_path / "salah-eja.csv"
    path.write_text(
        "\n".join([
            header,
            "Ani;P;05/01/2024;Kota Soe;Nonohonnis;10/02/2026;9,5;75,2",
            "Budi;L;07/03/2024;Kota Soe;Nonohonnis;10/02/2026;9,8;76,0",
            "Citra;P;09/04/2024;Kota Soe;Oebesa;10/02/2026;9,1;74,0",
        ]) + "\n",
        encoding="utf-8",
    )  # fmt: skip
    page = new_page()
    log_in(page, live_server, operator)
    page.goto(live_server.url + reverse("measurements:upload"))
    page.set_input_files("input[name=file]", str(path))
    page.get_by_role("button", name="Periksa berkas").click()
    page.get_by_role("button", name="Simpan 1 baris yang baik").wait_for()

    page.get_by_label("Kota Soe / Nonohonnis").select_option("53.02.01.1005")
    page.get_by_role("button", name="Terapkan pilihan dan periksa ulang").click()
    page.get_by_role("button", name="Simpan 3 baris yang baik").click()
    page.wait_for_load_state()
    held_tasks()

    page.locator("h1 .badge", has_text="Selesai").wait_for()
    batch = ImportBatch.objects.get()
    assert (batch.status, batch.created) == (ImportStatus.DONE, 3), batch.message
    assert Measurement.objects.filter(desa_code="53.02.01.1005").count() == 2
    assert problems == []
