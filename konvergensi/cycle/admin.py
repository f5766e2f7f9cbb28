from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import AksiProgress, Evidence


@admin.register(AksiProgress)
class AksiProgressAdmin(SimpleHistoryAdmin):
    list_display = ["region", "year", "aksi", "status", "updated_at"]
    list_filter = ["year", "aksi", "status"]


@admin.register(Evidence)
class EvidenceAdmin(SimpleHistoryAdmin):
    list_display = ["title", "progress", "uploaded_by", "uploaded_at"]
    raw_id_fields = ["progress", "uploaded_by"]
