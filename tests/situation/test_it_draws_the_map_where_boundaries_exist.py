import io

from docx import Document

from konvergensi.regions.models import Boundary
from konvergensi.situation import report, services
from situation.conftest import D1, D2


def _square(x, y):
    return {
        "type": "Polygon",
        "coordinates": [[[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1], [x, y]]],
    }


def test_it_draws_the_map_where_boundaries_exist(analysis, people):
    Boundary.objects.create(region_id=D1, geometry=_square(0, 0))
    Boundary.objects.create(region_id=D2, geometry=_square(1, 0))
    services.run_analysis(analysis, user=people.admin)
    doc = Document(io.BytesIO(report.document_docx(analysis)))
    captions = [p.text for p in doc.paragraphs]
    assert any("Peta kelas prevalensi" in c for c in captions)
    assert len(doc.inline_shapes) == 3  # bars, funnel and map
