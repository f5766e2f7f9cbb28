"""Forms: every input validated here; numbers accept the Indonesian decimal comma."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from konvergensi.regions.models import Level, Region

from .coverage import level_allows
from .entry import compute_figure
from .models import FundingSource, Indicator, Intervention, Program, SupplyType
from .numbers import NotANumber, parse_decimal

MAX_UPLOAD = 10 * 1024 * 1024


class DecimalInput(forms.CharField):
    """A number as typed in Indonesia ("72,5", "1.234,5"); cleans to Decimal or None."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)
        self.widget.attrs.update(
            {"inputmode": "decimal", "maxlength": "30", "class": "form-control form-control-sm"}
        )

    def to_python(self, value):
        value = super().to_python(value)
        try:
            number = parse_decimal(value)
        except NotANumber:
            raise forms.ValidationError(_("'%(v)s' bukan angka.") % {"v": value}) from None
        if number is not None and number < 0:
            raise forms.ValidationError(_("Tidak boleh negatif."))
        return number


def localize(value: Decimal | None) -> str:
    if value is None:
        return ""
    text = format(value.normalize() if value == value.to_integral() else value, "f")
    return text.replace(".", ",")


class TargetForm(forms.Form):
    """One input per indicator: blank = use the default (national) target."""

    def __init__(self, *args, indicators: list[Indicator], initial_values: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicators = indicators
        for ind in indicators:
            self.fields[ind.code] = DecimalInput(
                label=str(ind), initial=localize(initial_values.get(ind.code))
            )

    def clean(self):
        data = super().clean()
        for ind in self.indicators:
            v = data.get(ind.code)
            if v is not None and ind.is_percent and v > 100:
                self.add_error(ind.code, _("Persentase harus 0–100."))
        return data


class CoverageForm(forms.Form):
    """One value of one indicator for one region and period (grid row or entry page)."""

    region = forms.ModelChoiceField(Region.objects.none(), label=_l("Wilayah"))
    year = forms.IntegerField(label=_l("Tahun"), min_value=2000, max_value=2100)
    month = forms.TypedChoiceField(
        label=_l("Bulan"),
        coerce=int,
        initial=0,
        choices=[(0, _l("Tahunan"))] + [(m, str(m)) for m in range(1, 13)],
    )
    numerator = DecimalInput(label=_l("Pembilang"))
    denominator = DecimalInput(label=_l("Penyebut"))
    value = DecimalInput(label=_l("Nilai"))
    source = forms.CharField(label=_l("Sumber data"), max_length=200)

    def __init__(self, *args, indicator: Indicator, regions, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        self.fields["region"].queryset = regions
        for name in ("region", "month", "source"):
            self.fields[name].widget.attrs["class"] = "form-control form-control-sm"
        self.fields["year"].widget.attrs["class"] = "form-control form-control-sm"

    def clean(self):
        data = super().clean()
        region = data.get("region")
        if region is not None and not level_allows(self.indicator, region.level):
            self.add_error(
                "region", _("Indikator ini diukur per %(l)s.") % {"l": self.indicator.level}
            )
        if self.errors:
            return data
        figure, problems = compute_figure(
            self.indicator, data.get("numerator"), data.get("denominator"), data.get("value")
        )
        names = {"pembilang": "numerator", "penyebut": "denominator", "nilai": "value"}
        for col, message in problems:
            self.add_error(names[col], message)
        if figure is not None:
            data["value"] = figure.value
        return data


class UploadForm(forms.Form):
    file = forms.FileField(label=_l("Berkas xlsx"))

    def clean_file(self):
        f = self.cleaned_data["file"]
        if f.size > MAX_UPLOAD:
            raise forms.ValidationError(_("Berkas lebih dari 10 MB."))
        return f


class SupplyRowForm(forms.Form):
    source = forms.CharField(label=_l("Sumber data"), max_length=200, required=False)

    def __init__(self, *args, types, **kwargs):
        super().__init__(*args, **kwargs)
        self.types = types
        for t in types:
            self.fields[f"t_{t.code}"] = DecimalInput(label=t.name)

    def counts(self):
        return {t: self.cleaned_data.get(f"t_{t.code}") for t in self.types}


class ProgramForm(forms.ModelForm):
    kecamatan_all = forms.ModelMultipleChoiceField(
        Region.objects.none(),
        required=False,
        label=_l("Semua desa di kecamatan"),
        widget=forms.CheckboxSelectMultiple,
    )
    budget = DecimalInput(label=_l("Anggaran (Rp)"), required=True)

    class Meta:
        model = Program
        fields = [
            "year",
            "name",
            "institution",
            "intervention",
            "indicators",
            "funding_source",
            "budget",
            "desa",
        ]
        widgets = {
            "indicators": forms.CheckboxSelectMultiple,
            "desa": forms.SelectMultiple(attrs={"size": 12}),
        }

    def __init__(self, *args, institutions, kabupaten: Region, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["institution"].queryset = institutions
        self.fields["institution"].empty_label = None
        self.fields["desa"].queryset = kabupaten.descendants(Level.DESA)
        self.fields["desa"].required = False
        self.fields["kecamatan_all"].queryset = kabupaten.descendants(Level.KECAMATAN)
        self.fields["intervention"].choices = Intervention.choices
        self.fields["funding_source"].choices = FundingSource.choices
        for name in (
            "year",
            "name",
            "institution",
            "intervention",
            "funding_source",
            "budget",
            "desa",
        ):
            self.fields[name].widget.attrs["class"] = "form-control"

    def clean_budget(self):
        budget = self.cleaned_data.get("budget")
        return budget.quantize(Decimal(1)) if budget is not None else budget


class SupplyTypeForm(forms.ModelForm):
    class Meta:
        model = SupplyType
        fields = ["code", "name", "category", "unit", "minimum_per_desa", "opd_type", "indicators"]
        widgets = {"indicators": forms.SelectMultiple(attrs={"size": 8})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for f in self.fields.values():
            f.widget.attrs.setdefault("class", "form-control")
