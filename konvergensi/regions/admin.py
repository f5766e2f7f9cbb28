from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Boundary, Posyandu, Puskesmas, Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level"]
    list_filter = ["level"]
    search_fields = ["code", "name"]


@admin.register(Puskesmas)
class PuskesmasAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "kecamatan"]
    search_fields = ["code", "name"]
    raw_id_fields = ["kecamatan"]
    filter_horizontal = ["desa"]


@admin.register(Posyandu)
class PosyanduAdmin(SimpleHistoryAdmin):
    list_display = ["name", "desa", "puskesmas"]
    search_fields = ["name", "desa__name"]
    raw_id_fields = ["desa", "puskesmas"]


@admin.register(Boundary)
class BoundaryAdmin(SimpleHistoryAdmin):
    list_display = ["region", "source", "uploaded_at"]
    raw_id_fields = ["region"]
