from __future__ import annotations

from pathlib import Path

from django import forms
from django.utils.translation import gettext_lazy as _

from konvergensi.core.forms import BootstrapMixin

from .models import AksiProgress

MAX_EVIDENCE_BYTES = 20 * 1024 * 1024
# Extension → the first bytes a real file of that type starts with (Office files are ZIPs).
ALLOWED_EVIDENCE = {
    ".pdf": (b"%PDF",),
    ".docx": (b"PK\x03\x04",),
    ".xlsx": (b"PK\x03\x04",),
    ".pptx": (b"PK\x03\x04",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG",),
}


class StatusForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = AksiProgress
        fields = ["status", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}


class EvidenceForm(BootstrapMixin, forms.Form):
    title = forms.CharField(label=_("Judul dokumen"), max_length=200)
    file = forms.FileField(label=_("Berkas"))

    def clean_file(self):
        f = self.cleaned_data["file"]
        ext = Path(f.name).suffix.lower()
        if ext not in ALLOWED_EVIDENCE:
            raise forms.ValidationError(
                _("Jenis berkas tidak diizinkan. Gunakan PDF, DOCX, XLSX, PPTX, JPG atau PNG.")
            )
        if f.size > MAX_EVIDENCE_BYTES:
            raise forms.ValidationError(_("Ukuran berkas melebihi batas 20 MB."))
        head = f.read(8)
        f.seek(0)
        if not head.startswith(ALLOWED_EVIDENCE[ext]):
            raise forms.ValidationError(
                _("Isi berkas tidak sesuai dengan jenisnya (%(ext)s).") % {"ext": ext}
            )
        return f
