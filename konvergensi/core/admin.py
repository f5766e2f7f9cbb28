from django.contrib import admin

from .models import JobProgress


@admin.register(JobProgress)
class JobProgressAdmin(admin.ModelAdmin):
    list_display = ["kind", "user", "status", "done", "total", "created_at"]
    list_filter = ["kind", "status"]
    readonly_fields = ["id", "created_at", "updated_at"]
