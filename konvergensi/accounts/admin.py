from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import Institution, User


@admin.register(Institution)
class InstitutionAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "opd_type", "region"]
    list_filter = ["kind"]
    search_fields = ["name"]
    raw_id_fields = ["region", "puskesmas"]


@admin.register(User)
class UserAdmin(SimpleHistoryAdmin, BaseUserAdmin):
    list_display = ["username", "first_name", "last_name", "institution", "role", "is_active"]
    list_filter = ["role", "is_active", "institution__kind"]
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (_("Instansi dan peran"), {"fields": ("institution", "role")}),
    )
