"""Forms of the settings page: institutions and users, limited to the admin's kabupaten."""

from __future__ import annotations

from django import forms
from django.contrib.auth import password_validation
from django.utils.text import get_text_list
from django.utils.translation import gettext_lazy as _

from konvergensi.core.forms import BootstrapMixin
from konvergensi.reference_data import load_opd_types
from konvergensi.regions.models import Level, Puskesmas

from .access import Access, get_institutions_for_user
from .models import Institution, InstitutionKind, Role, User

# The levels of region each kind of institution may sit in. The province either follows one
# kabupaten (its view of this kabupaten) or sits at the province and assesses all its kab/kota
# (Pedoman Aksi 8); only an admin whose scope holds the province (the system admin) sees that
# level in the region list.
KIND_LEVELS = {
    InstitutionKind.BAPPEDA: (Level.KABUPATEN,),
    InstitutionKind.OPD: (Level.KABUPATEN,),
    InstitutionKind.PIMPINAN: (Level.KABUPATEN,),
    InstitutionKind.PROVINSI: (Level.PROVINSI, Level.KABUPATEN),
    InstitutionKind.KECAMATAN: (Level.KECAMATAN,),
    InstitutionKind.DESA: (Level.DESA,),
    InstitutionKind.PUSKESMAS: (Level.KECAMATAN,),
}


class InstitutionForm(BootstrapMixin, forms.ModelForm):
    opd_type = forms.ChoiceField(label=_("Jenis OPD"), required=False)

    class Meta:
        model = Institution
        fields = ["name", "kind", "opd_type", "urusan", "region", "puskesmas"]
        help_texts = {
            "region": _(
                "Kabupaten untuk Bappeda/OPD/pimpinan, kecamatan, atau desa; provinsi atau "
                "kabupaten untuk Pemerintah Provinsi (selalu hanya membaca)."
            ),
            "puskesmas": _("Hanya untuk instansi jenis puskesmas."),
        }

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        access = Access(user)
        # OPD types from indicators/data/opd_types.csv; Bappeda and kecamatan are own kinds.
        self.fields["opd_type"].choices = [("", "—")] + [
            (t.code, t.name) for t in load_opd_types() if t.code not in {"bappeda", "kecamatan"}
        ]
        regions = access.visible_regions().filter(
            level__in=[Level.PROVINSI, Level.KABUPATEN, Level.KECAMATAN, Level.DESA]
        )
        self.fields["region"].queryset = regions
        self.fields["region"].required = False  # a puskesmas takes its kecamatan
        self.fields["puskesmas"].queryset = Puskesmas.objects.filter(
            kecamatan__in=regions.filter(level=Level.KECAMATAN)
        )

    def clean(self):
        data = super().clean()
        kind, region = data.get("kind"), data.get("region")
        if kind == InstitutionKind.OPD and not data.get("opd_type"):
            self.add_error("opd_type", _("Jenis OPD wajib diisi untuk OPD."))
        if kind != InstitutionKind.OPD:
            data["opd_type"] = ""
        if kind == InstitutionKind.PUSKESMAS:
            if not data.get("puskesmas"):
                self.add_error("puskesmas", _("Pilih puskesmas yang diwakili."))
            else:
                data["region"] = region = data["puskesmas"].kecamatan
        else:
            data["puskesmas"] = None
        if region is None and "region" not in self.errors:
            self.add_error("region", _("Wilayah wajib diisi."))
        if kind and region is not None and region.level not in KIND_LEVELS[kind]:
            self.add_error(
                "region",
                _("Instansi jenis ini harus berada di tingkat %(level)s.")
                % {
                    "level": get_text_list(
                        [str(Level(lv).label) for lv in KIND_LEVELS[kind]], _("atau")
                    )
                },
            )
        return data


class UserForm(BootstrapMixin, forms.ModelForm):
    password1 = forms.CharField(
        label=_("Kata sandi"),
        widget=forms.PasswordInput(render_value=False),
        required=False,
        strip=False,
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Ulangi kata sandi"), widget=forms.PasswordInput, required=False, strip=False
    )

    class Meta:
        model = User
        fields = [
            "username",
            "first_name",
            "last_name",
            "email",
            "institution",
            "role",
            "is_active",
        ]
        labels = {"first_name": _("Nama depan"), "last_name": _("Nama belakang")}

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["institution"].queryset = get_institutions_for_user(user)
        self.fields["institution"].required = True
        if self.instance.pk is None:
            self.fields["password1"].required = True
            self.fields["password2"].required = True

    def clean(self):
        data = super().clean()
        institution = data.get("institution")
        if (
            institution is not None
            and institution.kind == InstitutionKind.PROVINSI
            and data.get("role") != Role.VIEWER
        ):
            # Access.is_reader keeps them read-only anyway; the form says so instead of
            # saving a role that would mean nothing.
            self.add_error(
                "role", _("Pengguna Pemerintah Provinsi hanya dapat berperan sebagai Pembaca.")
            )
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 or p2:
            if p1 != p2:
                self.add_error("password2", _("Kedua kata sandi tidak sama."))
            else:
                try:
                    # Validators that compare with the username need the unsaved values.
                    for name in ("username", "first_name", "last_name", "email"):
                        if name in data:
                            setattr(self.instance, name, data[name])
                    password_validation.validate_password(p1, self.instance)
                except forms.ValidationError as e:
                    self.add_error("password1", e)
        return data
