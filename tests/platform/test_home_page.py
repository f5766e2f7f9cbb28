"""The home page: what is due this month, late aksi, and the progress of all 8."""

import datetime
from unittest import mock

from django.urls import reverse

from konvergensi.cycle import services
from konvergensi.cycle.models import AksiProgress, Status


def test_it_creates_the_progress_rows_on_demand(client, people):
    client.force_login(people.dinsos_operator)
    assert client.get(reverse("home") + "?tahun=2025").status_code == 200
    assert AksiProgress.objects.filter(region_id="53.02", year=2025).count() == 8


def test_it_lists_due_and_overdue_aksi(people):
    services.get_progress("53.02", 2026)[1].__class__.objects.filter(aksi=2).update(
        status=Status.SELESAI
    )
    rows = services.aksi_rows("53.02", 2026, datetime.date(2026, 4, 15))
    by_number = {r.spec.number: r for r in rows}
    assert by_number[1].overdue and by_number[3].overdue  # January, March: past and not done
    assert not by_number[2].overdue  # done
    assert by_number[4].due_now and not by_number[4].overdue  # April
    assert not by_number[8].due_now and not by_number[8].overdue  # December


def test_it_shows_cards_and_the_due_list(client, people):
    client.force_login(people.admin)
    with mock.patch(
        "konvergensi.core.views.timezone.localdate", return_value=datetime.date(2026, 4, 15)
    ):
        html = client.get(reverse("home") + "?tahun=2026").content.decode()
    assert "Terlambat" in html and "Bulan ini" in html
    assert html.count('class="progress-bar') >= 9  # overall + one per aksi


def test_it_tells_a_user_without_institution_what_to_do(client, db):
    from factories import user

    client.force_login(user("yatim", None))
    assert "belum terhubung" in client.get(reverse("home")).content.decode()


def test_it_counts_overall_progress(people):
    rows = services.aksi_rows("53.02", 2026, datetime.date(2026, 1, 1))
    assert services.overall_percent(rows) == 0
