"""Forms of the Aksi 1 pages; ``clean`` returns the config dict the services take."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from analytics.lokus import BudgetRule, ShareBase

from . import config as cfg
from .models import Recommendation, Status

D = {"max_digits": 8, "decimal_places": 3}


class ConfigForm(forms.Form):
    round = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label=_("Putaran pengukuran"),
        empty_label=_("Rentang tanggal"),
    )
    period_start = forms.DateField(
        label=_("Dari tanggal"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    period_end = forms.DateField(
        label=_("Sampai tanggal"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    prev_sangat_tinggi = forms.DecimalField(label=_("Prevalensi sangat tinggi mulai (%)"), **D)
    prev_tinggi = forms.DecimalField(label=_("Prevalensi tinggi mulai (%)"), **D)
    prev_rendah = forms.DecimalField(label=_("Prevalensi rendah mulai (%)"), **D)
    higher_hampir = forms.DecimalField(
        label=_("Makin tinggi makin baik: hampir memadai ≥ … × target"), **D
    )
    higher_rendah = forms.DecimalField(label=_("Makin tinggi makin baik: rendah ≥ … × target"), **D)
    lower_hampir = forms.DecimalField(
        label=_("Makin rendah makin baik: hampir memadai ≤ … × target"), **D
    )
    lower_rendah = forms.DecimalField(label=_("Makin rendah makin baik: rendah ≤ … × target"), **D)
    rule = forms.ChoiceField(
        label=_("Jumlah desa lokus ditentukan"),
        choices=[("share", _("berdasarkan proporsi desa")), ("budget", _("berdasarkan anggaran"))],
    )
    share_percent = forms.DecimalField(
        label=_("Proporsi desa (%)"), min_value=Decimal("0.1"), max_value=100, **D
    )
    share_base = forms.ChoiceField(
        label=_("Proporsi dari"),
        choices=[
            (ShareBase.ALL_DESA.value, _("seluruh desa")),
            (ShareBase.CANDIDATES.value, _("desa kandidat")),
        ],
    )
    budget = forms.DecimalField(
        label=_("Anggaran tersedia (Rp)"), min_value=0, max_digits=18, decimal_places=0
    )
    cost_per_desa = forms.DecimalField(
        label=_("Perkiraan biaya per desa (Rp)"), min_value=0, max_digits=18, decimal_places=0
    )
    when_not_fit = forms.ChoiceField(
        label=_("Bila biaya desa berikutnya tidak cukup"),
        choices=[
            (BudgetRule.STOP.value, _("berhenti")),
            (BudgetRule.SKIP.value, _("lewati, coba desa berikutnya")),
        ],
    )

    def __init__(self, *args, rounds=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["round"].queryset = rounds
        for field in self.fields.values():
            css = "form-select" if isinstance(field, forms.ChoiceField) else "form-control"
            field.widget.attrs.setdefault("class", css)

    @classmethod
    def initial_for(cls, analysis) -> dict:
        c = cfg.merged(analysis.config)
        lk = c["lokus"]
        return {
            "round": analysis.round_id,
            "period_start": analysis.period_start,
            "period_end": analysis.period_end,
            "prev_sangat_tinggi": c["prevalence"]["sangat_tinggi"],
            "prev_tinggi": c["prevalence"]["tinggi"],
            "prev_rendah": c["prevalence"]["rendah"],
            "higher_hampir": c["higher"]["hampir_memadai"],
            "higher_rendah": c["higher"]["rendah"],
            "lower_hampir": c["lower"]["hampir_memadai"],
            "lower_rendah": c["lower"]["rendah"],
            "rule": lk["rule"],
            "share_percent": lk["share_percent"],
            "share_base": lk["share_base"],
            "budget": lk["budget"],
            "cost_per_desa": lk["cost_per_desa"],
            "when_not_fit": lk["when_not_fit"],
        }

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        if not data.get("round") and not (data.get("period_start") and data.get("period_end")):
            raise forms.ValidationError(_("Pilih putaran pengukuran atau isi rentang tanggal."))
        if (
            data.get("period_start")
            and data.get("period_end")
            and data["period_end"] < data["period_start"]
        ):
            raise forms.ValidationError(_("Tanggal akhir periode sebelum tanggal awal."))
        if data["rule"] == "budget" and data["cost_per_desa"] <= 0:
            self.add_error(
                "cost_per_desa", _("Isi biaya per desa untuk pemilihan berdasarkan anggaran.")
            )
        config = {
            "prevalence": {
                "sangat_tinggi": str(data["prev_sangat_tinggi"]),
                "tinggi": str(data["prev_tinggi"]),
                "rendah": str(data["prev_rendah"]),
            },
            "higher": {
                "hampir_memadai": str(data["higher_hampir"]),
                "rendah": str(data["higher_rendah"]),
            },
            "lower": {
                "hampir_memadai": str(data["lower_hampir"]),
                "rendah": str(data["lower_rendah"]),
            },
            "lokus": {
                "rule": data["rule"],
                "share_percent": str(data["share_percent"]),
                "share_base": data["share_base"],
                "budget": str(data["budget"]),
                "cost_per_desa": str(data["cost_per_desa"]),
                "when_not_fit": data["when_not_fit"],
            },
        }
        try:
            cfg.traffic_light(config)
        except ValueError:
            raise forms.ValidationError(
                _(
                    "Batas kelas tidak berurutan: batas prevalensi harus menaik dan "
                    "faktor cakupan sesuai arah indikator."
                )
            ) from None
        data["config"] = config
        return data


class LokusForm(forms.Form):
    selected = forms.BooleanField(required=False, label=_("Pilih sebagai lokus"))
    note = forms.CharField(
        required=False, label=_("Alasan perubahan"), widget=forms.Textarea(attrs={"rows": 2})
    )


class RecommendationForm(forms.ModelForm):
    type_code = forms.ChoiceField(label=_("Jenis"))

    class Meta:
        model = Recommendation
        fields = ["type_code", "text", "institution", "accepted"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, types=(), institutions=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type_code"].choices = [(t.code, f"{t.ref} {t.title}") for t in types]
        self.fields["institution"].queryset = institutions
        self.fields["institution"].required = False
        for name, field in self.fields.items():
            if name != "accepted":
                css = "form-select" if isinstance(field, forms.ChoiceField) else "form-control"
                field.widget.attrs.setdefault("class", css + " form-control-sm")


class FgdForm(forms.Form):
    group_id = forms.CharField(widget=forms.HiddenInput)
    respondent = forms.CharField(label=_("OPD/forum"), max_length=160)


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=Status.choices)
