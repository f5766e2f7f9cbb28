"""Editing a domain object records who, when and before → after; the Bappeda admin reads it on
the history page, everyone else gets 403."""

from django.urls import reverse

from konvergensi.accounts.models import Institution


def _rename(client, people, name):
    inst = people.dinsos
    return client.post(
        reverse("accounts:institution_edit", args=[inst.pk]),
        {"name": name, "kind": "opd", "opd_type": "dinsos", "urusan": "Sosial", "region": "53.02"},
    )


def test_it_records_who_and_what_changed(client, people):
    client.force_login(people.admin)
    assert _rename(client, people, "Dinas Sosial TTS").status_code == 302
    record = Institution.history.filter(id=people.dinsos.pk).latest("history_date")
    assert record.history_type == "~"
    assert record.history_user == people.admin
    delta = record.diff_against(record.prev_record)
    changes = {c.field: (c.old, c.new) for c in delta.changes}
    assert changes["name"] == ("dinsos 53.02", "Dinas Sosial TTS")


def test_it_shows_the_change_to_the_admin(client, people):
    client.force_login(people.admin)
    _rename(client, people, "Dinas Sosial TTS")
    url = reverse("core:history", args=["accounts", "institution", people.dinsos.pk])
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "dinsos 53.02" in html and "Dinas Sosial TTS" in html
    assert "diubah" in html and "dibuat" in html
    assert people.admin.first_name in html or "admin" in html


def test_it_refuses_the_history_to_everyone_else(client, people):
    url = reverse("core:history", args=["accounts", "institution", people.dinsos.pk])
    for persona in (people.dinsos_operator, people.viewer, people.puskesmas_user, people.kpm):
        client.force_login(persona)
        assert client.get(url).status_code == 403


def test_it_refuses_another_kabupatens_admin(client, people):
    client.force_login(people.other_kab_admin)
    url = reverse("core:history", args=["accounts", "institution", people.dinsos.pk])
    assert client.get(url).status_code == 403


def test_it_404s_for_a_model_without_history(client, people):
    client.force_login(people.admin)
    assert (
        client.get(reverse("core:history", args=["regions", "region", "53.02"])).status_code == 404
    )


def test_it_links_the_history_from_the_aksi_page_for_the_admin_only(client, people):
    client.force_login(people.admin)
    assert "Riwayat perubahan" in client.get(reverse("cycle:aksi", args=[1])).content.decode()
    client.force_login(people.dinsos_operator)
    assert "Riwayat perubahan" not in client.get(reverse("cycle:aksi", args=[1])).content.decode()


def test_it_records_an_aksi_status_change(client, people):
    client.force_login(people.admin)
    client.post(reverse("cycle:aksi_status", args=[2]), {"status": "sedang", "notes": "rapat"})
    from konvergensi.cycle.models import AksiProgress

    progress = AksiProgress.objects.get(region_id="53.02", aksi=2)
    html = client.get(
        reverse("core:history", args=["cycle", "aksiprogress", progress.pk])
    ).content.decode()
    assert "Belum mulai" in html and "Sedang berjalan" in html
