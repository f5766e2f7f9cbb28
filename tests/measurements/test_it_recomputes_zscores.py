from io import StringIO

from django.core.management import call_command

from konvergensi.measurements.models import Measurement
from konvergensi.measurements.services import confirm_import, preview_import

from .conftest import row, write_csv


def test_it_restores_stored_results_that_differ_from_the_engine(tmp_path, operator, kabupaten):
    batch = preview_import(
        write_csv(tmp_path / "a.csv", [row("Ani"), row("Budi", sex="L")]),
        user=operator,
        region=kabupaten,
    )
    confirm_import(batch, user=operator, desa_confirmations={})
    ani = Measurement.objects.get(child__name="Ani")
    expected = (ani.zlen, ani.cat_hfa)
    Measurement.objects.filter(pk=ani.pk).update(zlen=None, cat_hfa="")  # as an old engine left it

    out = StringIO()
    call_command("recompute_zscores", "--batch-size", "1", stdout=out)
    assert out.getvalue().strip() == "changed=1"
    ani.refresh_from_db()
    assert (ani.zlen, ani.cat_hfa) == expected

    out = StringIO()
    call_command("recompute_zscores", stdout=out)
    assert out.getvalue().strip() == "changed=0"
