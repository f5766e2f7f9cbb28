from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Measure, Sex

MAX_UPLOAD_MB = 50


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_(
            "Berkas ekspor e-PPGBM (xlsx, xls, ods, csv, atau tabel halaman web yang disimpan "
            "sebagai .xls)"
        ),
        error_messages={"required": _("Pilih berkas yang akan diunggah."),
                        "empty": _("Berkas kosong: tidak ada data yang bisa dibaca.")},
    )  # fmt: skip

    def clean_file(self):
        f = self.cleaned_data["file"]
        if f.size > MAX_UPLOAD_MB * 1024 * 1024:
            raise forms.ValidationError(
                _("Berkas terlalu besar (maksimal %(mb)s MB); bagi menjadi beberapa berkas."),
                params={"mb": MAX_UPLOAD_MB},
            )
        return f


class ConfirmForm(forms.Form):
    """One choice per near-miss desa name of the preview: the desa meant, or none."""

    def __init__(self, *args: Any, suggestions: list[dict[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.suggestions = suggestions
        for k, s in enumerate(suggestions):
            choices = [("", _("— jangan impor baris ini —"))]
            choices += [(o["code"], f"{o['name']} ({o['code']})") for o in s["options"]]
            self.fields[f"desa_{k}"] = forms.ChoiceField(
                label=f"{s['kecamatan']} / {s['desa']}", choices=choices, required=False
            )
        _bootstrap(self)

    def confirmations(self) -> dict[str, str]:
        out = {}
        for k, s in enumerate(self.suggestions):
            code = self.cleaned_data.get(f"desa_{k}")
            if code:
                out[s["key"]] = code
        return out


class MeasurementEntryForm(forms.Form):
    """One measurement typed in: an existing child, or a new child with its details."""

    child = forms.ModelChoiceField(queryset=None, required=False, label=_("Anak terdaftar"),
                                   empty_label=_("— anak baru —"))  # fmt: skip
    name = forms.CharField(label=_("Nama anak"), max_length=120, required=False)
    nik = forms.RegexField(label=_("NIK"), regex=r"^\d{16}$", required=False,
                           error_messages={"invalid": _("NIK harus 16 angka.")})  # fmt: skip
    sex = forms.TypedChoiceField(label=_("Jenis kelamin"), choices=[("", "—"), *Sex.choices],
                                 coerce=int, required=False)  # fmt: skip
    birth_date = forms.DateField(label=_("Tanggal lahir"), required=False,
                                 widget=forms.DateInput(attrs={"type": "date"}))  # fmt: skip
    mother_name = forms.CharField(label=_("Nama ibu/orang tua"), max_length=120, required=False)
    desa = forms.ModelChoiceField(queryset=None, required=False, label=_("Desa/kelurahan"))
    posyandu = forms.CharField(label=_("Posyandu"), max_length=120, required=False)
    measured_on = forms.DateField(label=_("Tanggal pengukuran"),
                                  widget=forms.DateInput(attrs={"type": "date"}))  # fmt: skip
    weight_kg = forms.DecimalField(label=_("Berat (kg)"), max_digits=5, decimal_places=2,
                                   required=False, localize=True)  # fmt: skip
    lenhei_cm = forms.DecimalField(label=_("Panjang/tinggi (cm)"), max_digits=5,
                                   decimal_places=1, required=False, localize=True)  # fmt: skip
    measure = forms.ChoiceField(label=_("Cara ukur"), choices=[("", "—"), *Measure.choices],
                                required=False)  # fmt: skip
    muac_cm = forms.DecimalField(label=_("LiLA (cm)"), max_digits=4, decimal_places=1,
                                 required=False, localize=True)  # fmt: skip
    oedema = forms.BooleanField(label=_("Edema"), required=False)

    def __init__(self, *args: Any, children, desa, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["child"].queryset = children
        self.fields["desa"].queryset = desa
        _bootstrap(self)

    def clean_measured_on(self):
        value = self.cleaned_data["measured_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("Tanggal pengukuran tidak boleh di masa depan."))
        return value

    def clean(self):
        data = super().clean()
        child = data.get("child")
        if child is not None:
            data.update(
                name=child.name, nik=child.nik, sex=child.sex, birth_date=child.birth_date,
                mother_name=child.mother_name, desa=child.desa,
            )  # fmt: skip
        else:
            for f in ("name", "sex", "birth_date", "desa"):
                if not data.get(f):
                    self.add_error(f, _("Wajib diisi untuk anak baru."))
        if data.get("weight_kg") is None and data.get("lenhei_cm") is None:
            raise forms.ValidationError(_("Isi berat atau panjang/tinggi badan."))
        return data


def _bootstrap(form: forms.Form) -> None:
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput):
            css = "form-check-input"
        elif isinstance(widget, forms.Select):
            css = "form-select"
        else:
            css = "form-control"
        widget.attrs.setdefault("class", css)
