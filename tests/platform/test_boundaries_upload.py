"""Optional GeoJSON boundaries: validated, keyed by code, unmatched codes reported."""

import json

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from konvergensi.regions.models import Boundary
from konvergensi.regions.services import import_boundaries

SQUARE = {"type": "Polygon", "coordinates": [[[124, -10], [124.1, -10], [124.1, -9.9], [124, -10]]]}


def _fc(*features):
    return json.dumps({"type": "FeatureCollection", "features": list(features)}).encode()


def _feature(code, geometry=SQUARE):
    return {"type": "Feature", "properties": {"kode": code}, "geometry": geometry}


def test_it_stores_matching_features_and_reports_the_rest(regions):
    scope = {"53.02.01", "53.02.02"}
    result = import_boundaries(
        _fc(_feature("53.02.01"), _feature("53.02.02"), _feature("53.03.01")),
        level="kecamatan",
        scope_codes=scope,
    )
    assert result.errors == [] and result.saved == ["53.02.01", "53.02.02"]
    assert result.unmatched == ["53.03.01"]
    assert Boundary.objects.get(region_id="53.02.01").geometry == SQUARE


def test_it_writes_nothing_when_a_feature_is_malformed(regions):
    point = {"type": "Point", "coordinates": [124, -10]}
    result = import_boundaries(
        _fc(_feature("53.02.01"), _feature("53.02.02", point), {"properties": {}}),
        level="kecamatan",
        scope_codes={"53.02.01", "53.02.02"},
    )
    assert len(result.errors) == 2
    assert "Polygon atau MultiPolygon" in result.errors[0]
    assert not Boundary.objects.exists()


def test_it_rejects_what_is_not_a_feature_collection(regions):
    assert "JSON" in import_boundaries(b"{oops", level="desa", scope_codes=set()).errors[0]
    result = import_boundaries(b'{"type": "Feature"}', level="desa", scope_codes=set())
    assert "FeatureCollection" in result.errors[0]


def test_only_the_admin_uploads(client, people):
    client.force_login(people.dinkes_operator)
    assert client.get(reverse("regions:boundaries")).status_code == 403
    client.force_login(people.admin)
    f = SimpleUploadedFile("kec.geojson", _fc(_feature("53.02.01"), _feature("53.03.01")))
    response = client.post(reverse("regions:boundaries"), {"level": "kecamatan", "file": f})
    assert response.status_code == 200
    assert "53.03.01" in response.content.decode()  # outside the kabupaten: unmatched
    assert list(Boundary.objects.values_list("region_id", flat=True)) == ["53.02.01"]
