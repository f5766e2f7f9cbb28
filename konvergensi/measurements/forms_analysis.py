"""Forms of the analysis pages: re-measurement sample and entry, measurement rounds."""

from __future__ import annotations

from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from konvergensi.core.forms import BootstrapMixin

from .models import MeasurementRound, RoundSchedule
from .quality import MAX_SAMPLE


class SampleForm(BootstrapMixin, forms.Form):
    posyandu = forms.IntegerField(widget=forms.HiddenInput)
    n = forms.IntegerField(label=_("Jumlah sampel"), min_value=1, max_value=MAX_SAMPLE, initial=10)
    seed = forms.IntegerField(
        label=_("Seed (kosongkan untuk acak)"), required=False, min_value=0, max_value=10**9
    )


class RemeasurementForm(BootstrapMixin, forms.Form):
    measurer = forms.CharField(label=_("Nama pengukur kedua"), max_length=120)
    weight_kg = forms.FloatField(
        label=_("Berat (kg)"), required=False, min_value=0.5, max_value=60, localize=True
    )
    lenhei_cm = forms.FloatField(
        label=_("Panjang/tinggi (cm)"), required=False, min_value=30, max_value=150, localize=True
    )
    muac_cm = forms.FloatField(
        label=_("LiLA (cm)"), required=False, min_value=5, max_value=40, localize=True
    )

    def clean(self):
        data = super().clean()
        if data.get("weight_kg") is None and data.get("lenhei_cm") is None:
            raise forms.ValidationError(_("Isi berat atau panjang/tinggi hasil pengukuran ulang."))
        return data


class RoundForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = MeasurementRound
        fields = ["name", "start_date", "end_date"]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            raise forms.ValidationError(_("Tanggal selesai tidak boleh sebelum tanggal mulai."))
        return data


class ScheduleForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = RoundSchedule
        fields = ["puskesmas", "start_date", "end_date"]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }


ScheduleFormSet = inlineformset_factory(
    MeasurementRound, RoundSchedule, form=ScheduleForm, extra=3, can_delete=True
)
