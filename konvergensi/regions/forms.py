from __future__ import annotations

from pathlib import Path

from django import forms
from django.utils.translation import gettext_lazy as _

from konvergensi.core.forms import BootstrapMixin

from .models import Level

MAX_IMPORT_BYTES = 20 * 1024 * 1024
MAX_BOUNDARY_BYTES = 50 * 1024 * 1024


class FacilityUploadForm(BootstrapMixin, forms.Form):
    file = forms.FileField(label=_("Berkas XLSX atau CSV"))

    def clean_file(self):
        f = self.cleaned_data["file"]
        if Path(f.name).suffix.lower() not in {".xlsx", ".csv"}:
            raise forms.ValidationError(_("Gunakan berkas XLSX atau CSV dari templat."))
        if f.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("Ukuran berkas melebihi batas 20 MB."))
        return f


class BoundaryUploadForm(BootstrapMixin, forms.Form):
    level = forms.ChoiceField(
        label=_("Tingkat wilayah"),
        choices=[
            (Level.KECAMATAN, Level.KECAMATAN.label),
            (Level.DESA, Level.DESA.label),
            (Level.KABUPATEN, Level.KABUPATEN.label),
        ],
    )
    file = forms.FileField(label=_("Berkas GeoJSON"))
    source = forms.CharField(label=_("Sumber data"), max_length=200, required=False)

    def clean_file(self):
        f = self.cleaned_data["file"]
        if Path(f.name).suffix.lower() not in {".geojson", ".json"}:
            raise forms.ValidationError(_("Gunakan berkas .geojson atau .json."))
        if f.size > MAX_BOUNDARY_BYTES:
            raise forms.ValidationError(_("Ukuran berkas melebihi batas 50 MB."))
        return f
