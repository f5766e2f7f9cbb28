"""Evidence for an aksi: allowed types and size, Indonesian errors, downloads only in scope."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from konvergensi.cycle.forms import MAX_EVIDENCE_BYTES
from konvergensi.cycle.models import Evidence

PDF = b"%PDF-1.4\n%uji\n"


def _upload(client, name, content, number=1):
    f = SimpleUploadedFile(name, content)
    return client.post(
        reverse("cycle:evidence_upload", args=[number]), {"title": "Berita acara", "file": f}
    )


def test_it_accepts_a_pdf_and_lists_it(client, people):
    client.force_login(people.admin)
    assert _upload(client, "ba.pdf", PDF).status_code == 302
    evidence = Evidence.objects.get()
    assert evidence.uploaded_by == people.admin
    html = client.get(reverse("cycle:aksi", args=[1])).content.decode()
    assert reverse("cycle:evidence_download", args=[evidence.pk]) in html


def test_it_rejects_other_types_in_indonesian(client, people):
    client.force_login(people.admin)
    response = _upload(client, "skrip.exe", b"MZ")
    assert response.status_code == 400
    assert "Jenis berkas tidak diizinkan" in response.content.decode()
    response = _upload(client, "palsu.pdf", b"MZ not a pdf")
    assert "Isi berkas tidak sesuai" in response.content.decode()
    assert not Evidence.objects.exists()


def test_it_rejects_files_over_20_mb(client, people):
    client.force_login(people.admin)
    response = _upload(client, "besar.pdf", PDF + b"0" * MAX_EVIDENCE_BYTES)
    assert "melebihi batas 20 MB" in response.content.decode()
    assert not Evidence.objects.exists()


def test_it_lets_people_in_the_kabupaten_download(client, people):
    client.force_login(people.admin)
    _upload(client, "ba.pdf", PDF)
    url = reverse("cycle:evidence_download", args=[Evidence.objects.get().pk])
    client.force_login(people.puskesmas_user)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF


def test_it_refuses_downloads_outside_the_kabupaten(client, people):
    client.force_login(people.admin)
    _upload(client, "ba.pdf", PDF)
    url = reverse("cycle:evidence_download", args=[Evidence.objects.get().pk])
    client.force_login(people.other_kab_operator)
    assert client.get(url).status_code == 403
    client.logout()
    assert client.get(url).status_code == 302
