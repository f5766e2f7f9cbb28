"""A puskesmas user sees exactly the desa its puskesmas serves, never a sibling desa."""

from django.urls import reverse

from konvergensi.accounts.access import Access
from konvergensi.regions.models import Posyandu


def test_it_limits_visible_regions_to_the_served_desa(people):
    codes = set(Access(people.puskesmas_user).visible_regions().values_list("code", flat=True))
    assert codes == {"53.02.01.2001"}


def test_it_lets_the_kabupaten_see_everything_in_the_kabupaten(people):
    codes = set(Access(people.admin).visible_regions().values_list("code", flat=True))
    assert "53.02.01.2002" in codes and "53.02.02.2001" in codes
    assert "53.03.01.2001" not in codes


def test_it_drills_down_only_to_the_served_desa(client, people):
    client.force_login(people.puskesmas_user)
    kec = client.get(reverse("regions:region", args=["53.02.01"]))
    assert kec.status_code == 200
    assert "Desa Satu" in kec.content.decode()
    assert "Desa Dua" not in kec.content.decode()
    assert client.get(reverse("regions:region", args=["53.02.01.2002"])).status_code == 403
    assert client.get(reverse("regions:region", args=["53.02.02"])).status_code == 403
    assert client.get(reverse("regions:region", args=["53.03.01.2001"])).status_code == 403


def test_it_lists_only_the_kecamatan_leading_to_its_desa(client, people):
    client.force_login(people.puskesmas_user)
    html = client.get(reverse("regions:data")).content.decode()
    assert "Kota Soe" in html
    assert "Mollo Selatan" not in html


def test_it_lists_only_posyandu_of_the_served_desa(client, people):
    Posyandu.objects.create(name="Mawar", desa_id="53.02.01.2001")
    Posyandu.objects.create(name="Melati", desa_id="53.02.01.2002")
    client.force_login(people.puskesmas_user)
    html = client.get(reverse("regions:posyandu")).content.decode()
    assert "Mawar" in html
    assert "Melati" not in html


def test_it_limits_a_desa_kpm_to_itself(people):
    codes = set(Access(people.kpm).visible_regions().values_list("code", flat=True))
    assert codes == {"53.02.01.2002"}
